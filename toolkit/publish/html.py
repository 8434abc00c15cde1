"""The reading website: a page per text, the pages about the whole edition, the variants page, assets, search."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from toolkit.corpus import NS, Document
from toolkit.diagnostics import Diagnostic
from toolkit.edition import Edition
from toolkit.executors import Done, Failed
from toolkit.publish.output import CacheEntry, content_hash, copy_source, copy_tree, files_under
from toolkit.publish.run import BuildError, Job, Run, record_job, reuse_job, run_job
from toolkit.publish.xslt import Engine, ParamValue, XslMessage, XsltError, message_diagnostics, process_engine
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
    (run.staging / "html").mkdir(parents=True)
    params = {**run.params, "variants": True}
    stylesheets = sorted((XSLT / "common").glob("*.xsl")) + sorted(HTML_XSLT.glob("*.xsl"))
    code = content_hash([*stylesheets, Path(__file__), repr(sorted(params.items()))])  # this module writes the pages
    compiled = content_hash(stylesheets)
    engine = process_engine(compiled)  # the edition pages and the variants page: here, from the summaries and report
    # the per-file jobs first (any executor), then those that read what they wrote into the new output
    messages = run_jobs(run, code, page_jobs(run, compiled, params) + variants_report_jobs(run))
    messages += run_jobs(run, code, [site_job(run, engine, params), *variants_page_jobs(run, engine, params)])
    messages += run_jobs(run, code, oai_jobs(run))
    copy_tree(ASSETS, run.staging / "html" / "assets", copy=copy_source)  # the toolkit's own files: never linked
    publish_sources(run)
    search_index(run)
    run.report.diagnostics += generic_report(messages)
    from toolkit.publish.dts import build_dts  # the static DTS API, published with the site (docs/build.md)

    build_dts(run)


def run_jobs(run: Run, code: str, jobs: Sequence[NamedJob]) -> list[XslMessage]:
    """Reuse or run ``jobs``, their messages in the jobs' order: each job's key is computed when the list's turn
    comes; a :class:`Transform` runs on the run's executor (in this process, a pool, a Dask cluster), others here."""
    keyed = [
        (name, content_hash([code, *(run.digests(part) if isinstance(part, Path) else part for part in inputs)]), job)
        for name, inputs, job in jobs
    ]
    done: dict[str, list[XslMessage]] = {}
    pending: list[tuple[str, str, Job]] = []
    for name, key, job in keyed:
        reused = reuse_job(run, name, key)
        if reused is None:
            pending.append((name, key, job))
        else:
            done[name] = reused
    remote = [(name, key, job) for name, key, job in pending if isinstance(job, Transform)]
    # run a document's page and summary, and its neighbours, one after another (a worker's parsed documents are
    # reused); record them in the list's order, so that the report is the same whatever ran them
    local = sorted(remote, key=lambda entry: entry[2].source)  # type: ignore[attr-defined]
    outcomes = run.executor.map(partial(_run_transform, staging=run.staging), [job for _, _, job in local])
    finished: dict[str, Done[tuple[list[XslMessage], list[str]]] | Failed] = {}
    for count, ((name, _, _), outcome) in enumerate(zip(local, outcomes, strict=True), 1):
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
    for name, key, job in pending:
        if name not in done:
            done[name] = run_job(run, name, key, job)
            if run.progress:
                run.progress(name, len(done) + len(failed), len(keyed))
    return [message for name, _, _ in keyed for message in done[name]]


def _run_transform(job: Transform, staging: Path) -> tuple[list[XslMessage], list[str]]:
    """A transform, where the executor runs it; a stylesheet that fails is the build's error (as :func:`run_job`)."""
    try:
        return job(staging)
    except XsltError as error:
        raise BuildError(str(error)) from None


@dataclass(frozen=True)
class Transform:
    """A page or a summary: a stylesheet over one document, given only the documents its pointers reach.

    A plain value (picklable), so that any executor runs it; it writes its one file into the new output (on a
    filesystem every worker sees) and returns its messages. Stylesheets are compiled once per worker thread
    (:func:`toolkit.publish.xslt.process_engine`, keyed by ``code``, the stylesheets' hash).
    """

    code: str
    stylesheet: Path
    source: Path
    #: each document the pointers reach (the source among them) and its digest (a worker parses a changed file again)
    documents: tuple[tuple[Path, str], ...]
    params: tuple[tuple[str, ParamValue], ...]
    output: str

    def __call__(self, staging: Path) -> tuple[list[XslMessage], list[str]]:
        engine = process_engine(self.code, self.documents)
        result = engine.stylesheet(self.stylesheet).transform(
            self.source, params=dict(self.params), documents=[path for path, _ in self.documents]
        )
        (staging / self.output).parent.mkdir(parents=True, exist_ok=True)
        (staging / self.output).write_text(result.text or "", encoding="utf-8")
        return result.messages, [self.output]


def page_jobs(run: Run, code: str, params: Mapping[str, ParamValue]) -> list[NamedJob]:
    """A page per text and a summary per document (the edition pages are made from the summaries).

    A summary is what the edition pages show of a document (``xslt/html/summary.xsl``): changing a text remakes its
    page and its summary, and the edition pages only if the summary changed.
    """
    sources = run.sources
    # a text's page and summary read the same: the document and the files its pointers name
    reads = {d.path: [d.path, *sources.pointed_files(d)] for d in sources.all}

    def transform(stylesheet: str, document: Document, values: Mapping[str, ParamValue], output: str) -> Transform:
        documents = tuple((path.resolve(), run.digests(path).hex()) for path in reads[document.path])
        return Transform(
            code, HTML_XSLT / stylesheet, document.path.resolve(), documents, tuple(values.items()), output
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
        jobs.append((page, read, transform("account.xsl", text, {**params, **order}, page)))
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
    from toolkit.archive.oai import MissingMetadata, static_repository

    documents, base = run.sources.all, str(run.params.get("base-url", ""))
    if not base:
        return []  # a site without an address has no repository to harvest: nothing to say
    metadata = from_driver(run.sources.driver)
    try:
        static_repository(documents, base, metadata)  # checks what OAI-PMH requires before anything is written
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


def variants_report_jobs(run: Run) -> list[NamedJob]:
    """The variants report (JSON, from every document), kept beside the summaries."""
    every: list[Path | str] = [d.path for d in run.sources.all]
    return [(VARIANTS_REPORT, [*every, *_variants_code()], _variants_report_job(run.sources, VARIANTS_REPORT))]


def variants_page_jobs(run: Run, engine: Engine, params: Mapping[str, ParamValue]) -> list[NamedJob]:
    """The variants page, made again only when the report (in the new output when its key is computed) changed."""
    code = [*_variants_code(), *sorted((XSLT / "variants").glob("*.xsl")), run.staging / VARIANTS_REPORT]
    return [("html/variants.html", code, _variants_job(engine, VARIANTS_REPORT, params))]


def _variants_code() -> list[Path | str]:
    return [*sorted((PACKAGE / "variants").glob("*.py"))]


def _variants_report_job(sources: Edition, file: str) -> Job:
    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        from toolkit.variants import report_json

        (staging / file).parent.mkdir(parents=True, exist_ok=True)
        (staging / file).write_text(report_json(sources.all), encoding="utf-8")
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
    lines = [f"  <document role={quoteattr(role)} href={quoteattr(path.resolve().as_uri())}/>" for role, path in rows]
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
