"""The reading website: a page per text, the pages about the whole edition, the variants page, assets, search."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

from toolkit.corpus import Document
from toolkit.diagnostics import Diagnostic
from toolkit.edition import Edition
from toolkit.publish.output import CacheEntry, content_hash, copy_source, copy_tree, files_under
from toolkit.publish.run import BuildError, Job, Run, run_job
from toolkit.publish.xslt import Engine, ParamValue, XslMessage, message_diagnostics
from toolkit.resources import PACKAGE, XSLT

HTML_XSLT = XSLT / "html"
ASSETS = HTML_XSLT / "assets"
#: The xml:id of the document the home page shows as the introduction: our edition's, passed to the generic
#: stylesheet (xslt/html/summary.xsl, whose default is none) until the edition model or an option names it.
INTRODUCTION = "hershberg-intro"
#: Where the documents' summaries go in the output (beside the cache: they are the build's, not the website's).
SUMMARIES = ".build-summaries"


#: A job to run or reuse: its name, what it reads (files, read when its turn comes, and strings), what it does.
NamedJob = tuple[str, list[Path | str], Job]


def build_html(run: Run) -> None:
    """The website: a page per text, the pages about the whole edition, the variants page, assets, search."""
    (run.staging / "html").mkdir(parents=True)
    params = {**run.params, "variants": True}
    stylesheets = sorted((XSLT / "common").glob("*.xsl")) + sorted(HTML_XSLT.glob("*.xsl"))
    code = content_hash([*stylesheets, Path(__file__), repr(sorted(params.items()))])  # this module writes the pages
    engine = Engine(documents=[d.path for d in run.sources.all])  # each document parsed once, for every stylesheet
    jobs = page_jobs(run, engine, params) + variants_jobs(run, engine, params)
    messages: list[XslMessage] = []
    for done, (name, inputs, job) in enumerate(jobs, 1):
        if run.progress:
            run.progress(name, done, len(jobs))
        key = content_hash([code, *(run.digests(part) if isinstance(part, Path) else part for part in inputs)])
        messages += run_job(run, name, key, job)
    copy_tree(ASSETS, run.staging / "html" / "assets", copy=copy_source)  # the toolkit's own files: never linked
    search_index(run)
    run.report.diagnostics += generic_report(messages)
    from toolkit.publish.dts import build_dts  # the static DTS API, published with the site (docs/build.md)

    build_dts(run)


def page_jobs(run: Run, engine: Engine, params: Mapping[str, ParamValue]) -> list[NamedJob]:
    """A page per text; a summary per document; the edition pages, made from the summaries.

    A summary is what the edition pages show of a document (``xslt/html/summary.xsl``): changing a text remakes its
    page and its summary, and the edition pages only if the summary changed.
    """
    sources = run.sources
    # a text's page and summary read the same: the document and the files its pointers name
    reads = {d.path: [d.path, *sources.pointed_files(d)] for d in sources.all}
    jobs: list[NamedJob] = []
    for text in sources.texts:
        page = text.path.stem + ".html"
        jobs.append((f"html/{page}", reads[text.path], _account_job(engine, text, params, page)))
    summaries = summary_files(sources)
    rows = [(role, summaries[document.path]) for role, document in sources.roles]
    for (role, file), document in zip(rows, sources.all, strict=True):
        job = _summary_job(engine, document, {"intro": INTRODUCTION, **params, "role": role}, file)
        # only an account's summary shows what its pointers reach (names, sources); the others are the file alone
        jobs.append((file, [role, *(reads[document.path] if role == "account" else [document.path])], job))
    # the summaries are in the new output when the edition pages' turn comes, and their key is computed then
    read = [part for role, file in rows for part in (role, file, run.staging / file)]
    jobs.append(("html/site", read, _site_job(engine, rows, params)))
    return jobs


def _account_job(engine: Engine, text: Document, params: Mapping[str, ParamValue], page: str) -> Job:
    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        result = engine.stylesheet(HTML_XSLT / "account.xsl").transform(text.path, params=params)
        (staging / "html" / page).write_text(result.text or "", encoding="utf-8")
        return result.messages, [f"html/{page}"]

    return run


def _summary_job(engine: Engine, document: Document, params: Mapping[str, ParamValue], file: str) -> Job:
    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        result = engine.stylesheet(HTML_XSLT / "summary.xsl").transform(document.path, params=params)
        (staging / file).parent.mkdir(parents=True, exist_ok=True)
        (staging / file).write_text(result.text or "", encoding="utf-8")
        return result.messages, [file]

    return run


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


def variants_jobs(run: Run, engine: Engine, params: Mapping[str, ParamValue]) -> list[NamedJob]:
    """The variants report (JSON, from every document) and its page, made again only when the report changed."""
    code: list[Path | str] = sorted((PACKAGE / "variants").glob("*.py"))
    report = f"{SUMMARIES}/variants-report.json"
    every: list[Path | str] = [d.path for d in run.sources.all]
    # the report is in the new output when the page's turn comes, and the page's key is computed then
    return [
        (report, [*every, *code], _variants_report_job(run.sources, report)),
        (
            "html/variants.html",
            [*code, *sorted((XSLT / "variants").glob("*.xsl")), run.staging / report],
            _variants_job(engine, report, params),
        ),
    ]


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
