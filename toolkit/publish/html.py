"""The reading website: a page per text, the pages about the whole edition, the variants page, assets, search."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from html import escape
from pathlib import Path

from lxml import etree

from toolkit.corpus import NS, Corpus, Document
from toolkit.diagnostics import Diagnostic
from toolkit.edition import Edition
from toolkit.executors import Done, Failed
from toolkit.publish.output import CacheEntry, content_hash, copy_source, copy_tree, files_under
from toolkit.publish.run import BuildError, Job, KeyedJob, Run, WorkerJob, record_job, reuse_job, run_job
from toolkit.publish.xslt import Engine, ParamValue, XslMessage, message_diagnostics, process_engine
from toolkit.resources import PACKAGE, XSLT

HTML_XSLT = XSLT / "html"
ASSETS = HTML_XSLT / "assets"
#: Where a document's titles are (the previous/next links of its neighbours' pages show them).
TITLE_STATEMENT = "tei:teiHeader/tei:fileDesc/tei:titleStmt"
#: Where the documents' summaries go in the output (beside the cache: they are the build's, not the website's).
SUMMARIES = ".build-summaries"
#: The variants report (JSON), kept beside the summaries: its page is made again only when it changed.
VARIANTS_REPORT = f"{SUMMARIES}/variants-report.json"


#: A job to run or reuse: its name, what it reads (files, read when its turn comes, and strings), what it does.
NamedJob = tuple[str, list[Path | str], Job]


def build_html(run: Run) -> None:
    """The website: a page per text, the pages about the whole edition, the variants page, assets, search."""
    from toolkit.publish.dts import dts_jobs  # the static DTS API, published with the site (docs/build.md)

    (run.staging / "html").mkdir(parents=True)
    params = {**run.params, "variants": True}
    stylesheets = sorted((XSLT / "common").glob("*.xsl")) + sorted(HTML_XSLT.glob("*.xsl"))
    code = content_hash([*stylesheets, Path(__file__), repr(sorted(params.items()))])  # this module writes the pages
    compiled = content_hash(stylesheets)
    engine = process_engine(compiled)  # the edition pages and the variants page: here, from the summaries and report
    # the per-file jobs first, in one batch on the executor (pages, summaries, each document's DTS responses), while
    # this process makes the variants report and the DTS collections; then the jobs that read what they wrote (the
    # edition pages read the summaries, the variants page the report)
    messages = run_jobs(run, code, page_jobs(run, compiled, params) + variants_jobs(run), keyed=dts_jobs(run))
    later = [site_job(run, engine, params), *variants_page_jobs(run, engine, params), *oai_jobs(run)]
    messages += run_jobs(run, code, later)
    copy_tree(ASSETS, run.staging / "html" / "assets", copy=copy_source)  # the toolkit's own files: never linked
    publish_sources(run)
    search_index(run)
    run.report.diagnostics += generic_report(messages)


def run_jobs(run: Run, code: str, jobs: Sequence[NamedJob], *, keyed: Sequence[KeyedJob] = ()) -> list[XslMessage]:
    """Reuse or run ``jobs`` (each keyed by ``code`` and what it reads, computed when the list's turn comes) and the
    ``keyed`` jobs (whose keys are made already); their messages in the jobs' order.

    A :class:`~toolkit.publish.run.WorkerJob` runs on the run's executor (in this process, a pool, a Dask cluster);
    the others run here, in the list's order, while the executor works: they may read what the jobs of this process
    before them in the list wrote, not what the worker jobs of the same list write.
    """
    keyed = [
        *(
            (name, content_hash([code, *(run.digests(p) if isinstance(p, Path) else p for p in inputs)]), job)
            for name, inputs, job in jobs
        ),
        *keyed,
    ]
    done: dict[str, list[XslMessage]] = {}
    pending: list[KeyedJob] = []
    for name, key, job in keyed:
        reused = reuse_job(run, name, key)
        if reused is None:
            pending.append((name, key, job))
        else:
            done[name] = reused
    remote = [(name, key, job) for name, key, job in pending if isinstance(job, WorkerJob)]
    # run a document's jobs, and its neighbours', one after another (a worker's parsed documents are reused);
    # record them in the list's order, so that the report is the same whatever ran them
    ordered = sorted(remote, key=lambda entry: entry[2].source)  # type: ignore[attr-defined]
    outcomes = run.executor.map(partial(run_job, staging=run.staging), [job for _, _, job in ordered])
    # a pool or a cluster has the worker jobs now (in this process they run when their outcomes are read)
    here = {name: run_job(job, run.staging) for name, _, job in pending if not isinstance(job, WorkerJob)}
    finished: dict[str, Done[tuple[list[XslMessage], list[str]]] | Failed] = {}
    for count, ((name, _, _), outcome) in enumerate(zip(ordered, outcomes, strict=True), 1):
        finished[name] = outcome
        if run.progress:
            run.progress(name, len(done) + count, len(keyed))
    failed: list[str] = []
    for name, key, _ in remote:
        outcome = finished[name]
        if isinstance(outcome, Failed):
            failed.append(f"{name} ({outcome.reason})")
        else:
            done[name] = record_job(run, name, key, *outcome.value)
    if failed:  # every job that did not run is named; nothing is published
        raise BuildError(f"{len(failed)} of {len(keyed)} jobs failed, nothing was published: " + "; ".join(failed))
    for name, key, _ in pending:
        if name in here:
            done[name] = record_job(run, name, key, *here[name])
            if run.progress:
                run.progress(name, len(done), len(keyed))
    return [message for name, _, _ in keyed for message in done[name]]


@dataclass(frozen=True)
class Transform:
    """A page or a summary: a stylesheet over one document, given only the documents its pointers reach.

    A plain value (picklable), so that any executor runs it; it writes its file into the new output (on a
    filesystem every worker sees), and, given ``pages``, the pages the stylesheet writes besides (a text whose
    divisions are pages of their own, ``xsl:result-document``) into that folder of the output; it returns its
    messages and every file it wrote. Stylesheets are compiled once per worker thread
    (:func:`toolkit.publish.xslt.process_engine`, keyed by ``code``, the stylesheets' hash).
    """

    code: str
    stylesheet: Path
    source: Path
    #: each document the pointers reach (the source among them) and its digest (a worker parses a changed file again)
    documents: tuple[tuple[Path, str], ...]
    params: tuple[tuple[str, ParamValue], ...]
    output: str
    #: the folder of the output (``html``) the stylesheet's other pages go to; empty: it writes none
    pages: str = ""

    def __call__(self, staging: Path) -> tuple[list[XslMessage], list[str]]:
        engine = process_engine(self.code, self.documents)
        # the other pages are written into a folder of this job's own, then moved beside its page: what the job
        # wrote is what that folder holds, whatever other jobs write into the output meanwhile
        own = Path(tempfile.mkdtemp(prefix=".pages-", dir=staging)) if self.pages else None
        try:
            result = engine.stylesheet(self.stylesheet).transform(
                self.source, params=dict(self.params), documents=[path for path, _ in self.documents], output_dir=own
            )
            (staging / self.output).parent.mkdir(parents=True, exist_ok=True)
            (staging / self.output).write_text(result.text or "", encoding="utf-8")
            written = [self.output]
            for page in sorted(own.iterdir()) if own else []:
                page.replace(staging / self.pages / page.name)
                written.append(f"{self.pages}/{page.name}")
        finally:
            if own:
                shutil.rmtree(own, ignore_errors=True)
        return result.messages, written


def page_jobs(run: Run, code: str, params: Mapping[str, ParamValue]) -> list[NamedJob]:
    """A page per text and a summary per document (the edition pages are made from the summaries).

    A summary is what the edition pages show of a document (``xslt/html/summary.xsl``): changing a text remakes its
    page and its summary, and the edition pages only if the summary changed.
    """
    sources = run.sources
    # a text's page and summary read the same: the document and the files its pointers name
    reads = {d.path: [d.path, *sources.pointed_files(d)] for d in sources.all}

    resolved = cache(Path.resolve)  # each path asked of the file system once, not once per job reading it

    def transform(
        stylesheet: str, document: Document, values: Mapping[str, ParamValue], output: str, pages: str = ""
    ) -> Transform:
        documents = tuple((resolved(path), run.digests(path).hex()) for path in reads[document.path])
        return Transform(
            code, HTML_XSLT / stylesheet, resolved(document.path), documents, tuple(values.items()), output, pages
        )

    jobs: list[NamedJob] = []
    texts = sources.texts
    for at, text in enumerate(texts):
        page = f"html/{text.path.stem}.html"
        # the previous and next texts in reading order: their pages are linked with their titles
        before, after = texts[at - 1 : at] if at else [], texts[at + 1 : at + 2]
        order = {"previous": "".join(t.path.name for t in before), "next": "".join(t.path.name for t in after)}
        # the links show the neighbours' titles: the page is made again when one of them changes, not their text
        neighbours = [*before, *after]
        titles = [b"".join(etree.tostring(e) for e in t.root.xpath(TITLE_STATEMENT, namespaces=NS)) for t in neighbours]
        read = [*reads[text.path], repr(sorted(order.items())), repr(titles)]
        # a text whose divisions are pages (site.page-divisions) writes them too, beside its own page
        jobs.append((page, read, transform("account.xsl", text, {**params, **order}, page, pages="html")))
    summaries = summary_files(sources)
    for role, document in sources.roles:
        file = summaries[document.path]
        job = transform("summary.xsl", document, {**params, "role": role}, file)
        # only an account's summary shows what its pointers reach (names, sources); the others are the file alone
        jobs.append((file, [role, *(reads[document.path] if role == "account" else [document.path])], job))
    return jobs


def publish_sources(run: Run) -> None:
    """Each TEI source published with the site, under ``html/tei/`` (every text's page links to its own): copied on
    every build, as the assets are (a copy costs less than its cache entry), never linked."""
    for document in run.sources.all:
        copy_source(document.path, run.staging / "html" / "tei" / document.path.name)


def oai_jobs(run: Run) -> list[NamedJob]:
    """The edition as an OAI-PMH Static Repository, ``html/oai.xml``; none, with a note, without what it needs."""
    from toolkit.archive.metadata import from_driver
    from toolkit.archive.oai import MissingMetadata, check_repository, static_repository

    documents, base = run.sources.all, str(run.params.get("base-url", ""))
    if not base:
        return []  # a site without an address has no repository to harvest: nothing to say
    metadata = from_driver(run.sources.driver).with_options(run.archive)  # the project's [bag] keys over the driver's
    try:
        check_repository(base, metadata)  # what OAI-PMH requires, before anything is made
    except MissingMetadata as missing:
        run.report.notes.append(f"html/oai.xml not written: {missing.message} ({missing.hint})")
        return []

    def job(staging: Path) -> tuple[list[XslMessage], list[str]]:
        (staging / "html" / "oai.xml").write_bytes(static_repository(documents, base, metadata))
        return [], ["html/oai.xml"]

    return [("html/oai.xml", [d.path for d in documents], job)]


def site_job(run: Run, engine: Engine, params: Mapping[str, ParamValue]) -> NamedJob:
    """The edition pages, from the summaries (in the new output when this job's key is computed)."""
    summaries = summary_files(run.sources)
    rows = [(role, summaries[document.path]) for role, document in run.sources.roles]
    read = [part for role, file in rows for part in (role, file, run.staging / file)]
    return ("html/site", read, _site_job(engine, rows, params))


def _site_job(engine: Engine, rows: list[tuple[str, str]], params: Mapping[str, ParamValue]) -> Job:
    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        before = set(os.listdir(staging / "html"))
        manifest = staging / "manifest.xml"
        manifest.write_text(manifest_xml([(role, staging / file) for role, file in rows]), encoding="utf-8")
        try:
            result = engine.stylesheet(HTML_XSLT / "site.xsl").transform(
                manifest, params=params, output_dir=staging / "html"
            )
        finally:
            manifest.unlink()
        return result.messages, [f"html/{name}" for name in set(os.listdir(staging / "html")) - before]

    return run


def variants_jobs(run: Run) -> list[NamedJob]:
    """The variants report (JSON, kept beside the summaries): each document's part (its quotations checked, its
    interventions; :func:`toolkit.variants.report.document_part`), made again only when the document or a file it
    points at changed; then the report, from the parts and what needs every document (the apparatus, the points).
    Jobs of this process, in this order (the report reads the parts in the new output)."""
    from toolkit.variants.quotations import witness_index
    from toolkit.variants.report import in_reading_order

    edition = in_reading_order(Corpus(list(run.sources.all)))  # as toolkit.variants.report_json reads them
    witnesses = witness_index(edition)
    # a part shows the paths of the files as seen from here, and which witness stands for each quoted file
    shared = [*_variants_code(), os.getcwd(), repr(sorted((str(path), w) for path, w in witnesses.items()))]
    summaries = summary_files(run.sources)
    files = {
        d.path: f"{SUMMARIES}/variants/{summaries[d.path].removeprefix(SUMMARIES + '/')}.json" for d in run.sources.all
    }
    parts: list[NamedJob] = [
        (
            files[d.path],
            [*shared, d.path, *run.sources.pointed_files(d)],
            _variants_part_job(edition, d, witnesses, files[d.path]),
        )
        for d in edition.documents
    ]
    every: list[Path | str] = [d.path for d in run.sources.all]
    report = (VARIANTS_REPORT, [*shared, *every], _variants_report_job(edition, files, VARIANTS_REPORT))
    return [*parts, report]


def variants_page_jobs(run: Run, engine: Engine, params: Mapping[str, ParamValue]) -> list[NamedJob]:
    """The variants page, made again only when the report (in the new output when its key is computed) changed."""
    code = [*_variants_code(), *sorted((XSLT / "variants").glob("*.xsl")), run.staging / VARIANTS_REPORT]
    return [("html/variants.html", code, _variants_job(engine, VARIANTS_REPORT, params))]


def _variants_code() -> list[Path | str]:
    return [*sorted((PACKAGE / "variants").glob("*.py"))]


def _variants_part_job(edition: Edition, document: Document, witnesses: Mapping[Path, str], file: str) -> Job:
    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        from toolkit.variants.report import document_part

        (staging / file).parent.mkdir(parents=True, exist_ok=True)
        part = document_part(edition, document, witnesses)
        (staging / file).write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
        return [], [file]

    return run


def _variants_report_job(edition: Edition, parts: Mapping[Path, str], file: str) -> Job:
    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        from toolkit.variants.report import report_json_from_parts

        read = {path: json.loads((staging / part).read_text(encoding="utf-8")) for path, part in parts.items()}
        (staging / file).parent.mkdir(parents=True, exist_ok=True)
        (staging / file).write_text(report_json_from_parts(edition, read), encoding="utf-8")
        return [], [file]

    return run


def _variants_job(engine: Engine, report_file: str, params: Mapping[str, ParamValue]) -> Job:
    """The variants report, a page of its own made by the variants work, in the page shell of the site."""

    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        report = {**params, "report": (staging / report_file).read_text(encoding="utf-8")}
        result = engine.stylesheet(HTML_XSLT / "variants.xsl").transform(params=report)  # one pass, from the JSON
        (staging / "html" / "variants.html").write_text(result.text or "", encoding="utf-8")
        return result.messages, ["html/variants.html"]

    return run


def summary_files(sources: Edition) -> dict[Path, str]:
    """Where each document's summary goes in the output: its path below the sources' common folder, in SUMMARIES."""
    paths = [d.path.resolve() for d in sources.all]
    common = Path(os.path.commonpath([p.parent for p in paths])) if paths else Path()
    return {d.path: f"{SUMMARIES}/{p.relative_to(common).as_posix()}" for d, p in zip(sources.all, paths, strict=True)}


def manifest_xml(rows: Sequence[tuple[str, Path]]) -> str:
    """The manifest the site stylesheet reads: each document's role and summary, in reading order."""
    # html.escape, not xml.sax.saxutils.quoteattr: that module imports urllib.request (30 ms of every cold build)
    lines = [f'  <document role="{escape(role)}" href="{escape(path.resolve().as_uri())}"/>' for role, path in rows]
    return '<manifest xmlns="urn:x-edition:manifest">\n' + "\n".join(lines) + "\n</manifest>\n"


def search_index(run: Run) -> None:
    """The Pagefind index of the pages, reused when no page changed."""
    from toolkit.publish.search import SearchIndexError, index_site

    site = run.staging / "html"
    pages = sorted(site.glob("*.html"))
    key = content_hash([*(page.name for page in pages), *pages])
    if run.cache.reuse("html/pagefind", key, run.old, run.staging) is not None:
        return
    try:
        index_site(site)
    except SearchIndexError as error:
        raise BuildError(str(error)) from None
    run.cache.record("html/pagefind", CacheEntry(key, files_under(site / "pagefind", run.staging)))


def generic_report(messages: Sequence[XslMessage]) -> list[Diagnostic]:
    """One warning per file and element rendered generically (as its text), at its first place, with the count."""
    first: dict[tuple[str, str], XslMessage] = {}
    counts: dict[tuple[str, str], int] = {}
    # the edition pages show parts of the texts again (the introduction, excerpts): count each element once
    unique = {(m.uri, m.path): m for m in messages if m.code == "HTM001"}
    for message in unique.values():
        key = (message.uri, message.text)
        first.setdefault(key, message)
        counts[key] = counts.get(key, 0) + 1
    located = []
    for key, message in first.items():
        times = f" ({counts[key]} times)" if counts[key] > 1 else ""
        text = f"<{message.text}> has no HTML template: rendered as its text{times}"
        located.append(XslMessage(message.code, "warning", message.uri, message.path, text))
    hint = {"HTM001": "add a template to xslt/html/text.xsl if it needs a presentation of its own"}
    return message_diagnostics(located, hints=hint)
