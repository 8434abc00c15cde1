"""The publishing run, top to bottom: load and validate the sources, transform them, write the output atomically.

Each output is a job with a content-hash key (its inputs, its stylesheets, its parameters); a job whose key is the
same as in the previous build copies its files from the previous output instead of running again.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse
from xml.sax.saxutils import quoteattr

from lxml import etree

from toolkit.corpus import TEI_NS, Document, discover, load
from toolkit.diagnostics import Diagnostic, Severity, sorted_diagnostics
from toolkit.publish.output import Cache, CacheEntry, content_hash, copy_tree, files_under, staged
from toolkit.publish.xslt import Engine, ParamValue, XslMessage, XsltError, message_diagnostics

ROOT = Path(__file__).resolve().parents[2]
XSLT = ROOT / "xslt"
HTML_XSLT = XSLT / "html"
ASSETS = HTML_XSLT / "assets"
XI_INCLUDE = "{http://www.w3.org/2001/XInclude}include"
POINTER_ATTRIBUTES = ("ref", "wit", "resp", "corresp", "source", "target", "ana", "who")

#: A W3C date (HTML's datetime, PDF metadata): a day, or a day and a time with a zone.
W3C_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?")

#: A job writes its files under the new output root and returns its messages and the files it wrote (relative).
Job = Callable[[Path], tuple[list[XslMessage], list[str]]]

#: Called with (step, done, total) while the build runs; the CLI shows it as a progress bar on a terminal.
Progress = Callable[[str, int, int], None]


@dataclass
class BuildOptions:
    """What to build and how (the CLI's options)."""

    out: Path = Path("output")
    html: bool = True
    pdf: bool = False
    jobs: int = 1
    clean: bool = False
    force: bool = False
    base_url: str = ""
    build_date: str = ""
    title: str = ""


@dataclass
class BuildReport:
    """What a build did: diagnostics, counts of jobs run and reused, files written, and notes for the reader."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    transformed: int = 0
    reused: int = 0
    ran: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    published: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that stopped (or would stop) publication."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


class BuildError(Exception):
    """The build could not run (a stylesheet failed, a tool is missing); the message says what to do."""


@dataclass
class Sources:
    """The documents of the edition by role: the driver, the texts in reading order, the authority files."""

    driver: Document | None
    texts: list[Document]
    authorities: list[Document]

    @property
    def all(self) -> list[Document]:
        """Every document, driver first."""
        return ([self.driver] if self.driver else []) + self.texts + self.authorities


@dataclass
class Run:
    """One build in progress: the sources, parameters, the previous and the new output, the cache and the report."""

    sources: Sources
    params: dict[str, ParamValue]
    old: Path
    staging: Path
    cache: Cache
    report: BuildReport
    progress: Progress | None = None


def build(paths: Sequence[Path], options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the edition's outputs from ``paths`` (files or folders) into ``options.out``."""
    if options.build_date and not W3C_DATE.fullmatch(options.build_date):
        raise BuildError(f"build date {options.build_date!r} is not a W3C date such as 2026-11-24 or 2026-11-24T18:00Z")
    report = BuildReport()
    _existing.cache_clear()  # files may have come or gone since the last build in this process
    files = discover(paths)
    report.files = len(files)
    if progress:
        progress("validating", 0, len(files))
    report.diagnostics += check(files, options)
    if report.errors and not options.force:
        report.notes.append("not published: the sources have errors (use --force to publish anyway)")
        return report
    corpus = load(files)
    report.notes += [f"{d.file} not published: it cannot be parsed ({d.message})" for d in corpus.failures]
    sources = arrange(corpus.documents)
    params = stylesheet_params(sources, options)
    out = options.out.resolve()
    cache = Cache({}) if options.clean or (options.force and report.errors) else Cache.read(out)
    selected = {"html": options.html, "pdf": options.pdf}
    with staged(out) as staging:
        run = Run(sources, params, out, staging, cache, report, progress)
        for name, builder in TARGETS.items():
            if selected[name]:
                builder(run)
        if not options.clean:
            keep_other_outputs(run)
        cache.write(staging)
        report.written = files_under(staging, staging)
    report.published = True
    report.diagnostics = sorted_diagnostics(report.diagnostics)
    return report


def check(files: list[Path], options: BuildOptions) -> list[Diagnostic]:
    """The validator's diagnostics; only well-formedness when the validator is not installed."""
    try:
        validate = importlib.import_module("toolkit.validate").validate
    except ImportError:
        return load(files).failures
    return list(validate(files, jobs=options.jobs).diagnostics)


def arrange(documents: Sequence[Document]) -> Sources:
    """Sort documents into roles: a ``teiCorpus`` with includes is the driver and gives the texts' order."""
    driver = next(
        (d for d in documents if d.root.tag == f"{{{TEI_NS}}}teiCorpus" and d.root.find(XI_INCLUDE) is not None), None
    )
    texts = [d for d in documents if d is not driver and _has_text(d)]
    if driver is not None:
        included = {(driver.path.parent / i.get("href", "")).resolve() for i in driver.root.iter(XI_INCLUDE)}
        texts = [d for d in texts if d.path.resolve() in included]
        order = {
            (driver.path.parent / include.get("href", "")).resolve(): n
            for n, include in enumerate(driver.root.iter(XI_INCLUDE))
        }
        texts.sort(key=lambda d: order.get(d.path.resolve(), len(order)))
    chosen = {id(d) for d in texts} | {id(driver)}
    authorities = [d for d in documents if id(d) not in chosen]
    return Sources(driver, texts, authorities)


def _has_text(document: Document) -> bool:
    return document.root.find(f".//{{{TEI_NS}}}text") is not None


def stylesheet_params(sources: Sources, options: BuildOptions) -> dict[str, ParamValue]:
    """The parameters every HTML stylesheet gets: the edition's title, the base URL, the build date if asked."""
    title = options.title
    if not title and sources.driver is not None:
        titles = sources.driver.root.findall(
            f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title"
        )
        main = [t for t in titles if t.get("type") == "main"] or titles
        title = " ".join("".join(main[0].itertext()).split()) if main else ""
    return {"title": title, "base-url": options.base_url, "build-date": options.build_date}


def build_html(run: Run) -> None:
    """The website: a page per text, the pages about the whole edition, the variants page, assets, search."""
    sources, report = run.sources, run.report
    site = run.staging / "html"
    site.mkdir(parents=True)
    variants = variants_page_builder()
    params = {**run.params, "variants": variants is not None}
    engine = Engine()
    stylesheets = sorted((XSLT / "common").glob("*.xsl")) + sorted(HTML_XSLT.glob("*.xsl"))
    code = [*stylesheets, repr(sorted(params.items()))]
    jobs: list[tuple[str, list[Path], Job]] = []
    for text in sources.texts:
        page = text.path.stem + ".html"
        jobs.append((f"html/{page}", [text.path, *pointed_files(text)], _account_job(engine, text, params, page)))
    every = [d.path for d in sources.all]
    jobs.append(("html/site", every, _site_job(engine, sources, params)))
    if variants is not None:
        variant_code = sorted((ROOT / "toolkit" / "variants").glob("*.py"))
        jobs.append(("html/variants.html", [*every, *variant_code], _variants_job(variants, sources)))
    else:
        report.notes.append("variants page skipped: toolkit.variants.html_page is not available")
    messages: list[XslMessage] = []
    for done, (name, inputs, job) in enumerate(jobs, 1):
        if run.progress:
            run.progress(name, done, len(jobs))
        messages += run_job(run, name, content_hash([*code, *inputs]), job)
    copy_tree(ASSETS, site / "assets")
    search_index(run)
    report.diagnostics += generic_report(messages)


def run_job(run: Run, name: str, key: str, job: Job) -> list[XslMessage]:
    """Reuse a job's previous files if its key is unchanged, else run it and remember the files it wrote."""
    entry = run.cache.reuse(name, key, run.old, run.staging)
    if entry is not None:
        run.report.reused += 1
        return [XslMessage.parse(m) for m in entry.messages]
    try:
        messages, written = job(run.staging)
    except XsltError as error:
        raise BuildError(str(error)) from None
    run.report.transformed += 1
    run.report.ran.append(name)
    raw = ["|".join((m.code, m.level, m.uri, m.path, m.text)) for m in messages]
    run.cache.record(name, CacheEntry(key, sorted(written), raw))
    return messages


def _account_job(engine: Engine, text: Document, params: Mapping[str, ParamValue], page: str) -> Job:
    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        result = engine.stylesheet(HTML_XSLT / "account.xsl").transform(text.path, params=params)
        (staging / "html" / page).write_text(result.text or "", encoding="utf-8")
        return result.messages, [f"html/{page}"]

    return run


def _site_job(engine: Engine, sources: Sources, params: Mapping[str, ParamValue]) -> Job:
    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        before = set(os.listdir(staging / "html"))
        manifest = staging / "manifest.xml"
        manifest.write_text(manifest_xml(sources), encoding="utf-8")
        try:
            result = engine.stylesheet(HTML_XSLT / "site.xsl").transform(
                manifest, params=params, output_dir=staging / "html"
            )
        finally:
            manifest.unlink()
        return result.messages, [f"html/{name}" for name in set(os.listdir(staging / "html")) - before]

    return run


def _variants_job(html_page: Callable[..., str], sources: Sources) -> Job:
    def run(staging: Path) -> tuple[list[XslMessage], list[str]]:
        page = html_page([d.path for d in sources.all], css_href="assets/edition.css")
        (staging / "html" / "variants.html").write_text(page, encoding="utf-8")
        return [], ["html/variants.html"]

    return run


def manifest_xml(sources: Sources) -> str:
    """The manifest the site stylesheet reads: every document with its role, in reading order."""
    rows = [("driver", sources.driver)] if sources.driver else []
    rows += [("account", d) for d in sources.texts] + [("authority", d) for d in sources.authorities]
    lines = [f"  <document role={quoteattr(role)} href={quoteattr(d.path.resolve().as_uri())}/>" for role, d in rows]
    return '<manifest xmlns="urn:x-edition:manifest">\n' + "\n".join(lines) + "\n</manifest>\n"


def pointed_files(document: Document) -> list[Path]:
    """The files a document's pointers name (what its page shows of them: names, sigla, titles), sorted."""
    names: set[str] = set()
    for element in document.root.iter(etree.Element):
        for attribute in POINTER_ATTRIBUTES:
            for pointer in (element.get(attribute) or "").split():
                target = unquote(pointer.partition("#")[0])
                if target and not urlparse(target).scheme:
                    names.add(target)
    own = document.path.resolve()
    paths = {_existing(own.parent, name) for name in names} - {None, own}
    return sorted(path for path in paths if path is not None)


@functools.cache
def _existing(folder: Path, name: str) -> Path | None:
    """The file ``name`` relative to ``folder``, resolved, if it exists (asked once per build for each pointer)."""
    path = (folder / name).resolve()
    return path if path.is_file() else None


def variants_page_builder() -> Callable[..., str] | None:
    """``toolkit.variants.html_page`` when the variants work is installed."""
    try:
        return importlib.import_module("toolkit.variants").html_page
    except (ImportError, AttributeError):
        return None


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


def build_pdf(run: Run) -> None:
    """The print edition, by ``toolkit.publish.print.build_print`` (the print work), reused when nothing changed."""
    sources, params, staging = run.sources, run.params, run.staging
    try:
        build_print = importlib.import_module("toolkit.publish.print").build_print
    except (ImportError, AttributeError):
        raise BuildError("the PDF cannot be built: toolkit.publish.print is not installed (use --no-pdf)") from None
    inputs = [d.path for d in sources.all]
    code = [*sorted((XSLT / "print").rglob("*")), ROOT / "toolkit" / "publish" / "print.py"]
    key = content_hash([*[p for p in code if p.is_file()], *inputs, repr(sorted(params.items()))])
    if run.cache.reuse("pdf", key, run.old, staging) is not None:
        run.report.reused += 1
        return
    driver = [sources.driver.path] if sources.driver else []
    print_params = {"title": str(params["title"]), "build_date": str(params["build-date"])}
    diagnostics: list[Diagnostic] = []
    try:
        written = build_print(
            driver or [d.path for d in sources.texts], staging, params=print_params, diagnostics=diagnostics
        )
    except Exception as error:  # the print work raises its own error types; the build reports any of them
        raise BuildError(f"the PDF could not be built: {error}") from None
    run.report.transformed += 1
    run.report.ran.append("pdf")
    run.report.diagnostics += diagnostics
    run.cache.record(
        "pdf", CacheEntry(key, sorted(Path(p).resolve().relative_to(staging.resolve()).as_posix() for p in written))
    )


def keep_other_outputs(run: Run) -> None:
    """Outputs not built this time (``--no-pdf``) stay as the previous build left them, with their cache entries."""
    if not run.old.is_dir():
        return
    for folder in sorted(run.old.iterdir()):
        if folder.is_dir() and not (run.staging / folder.name).exists():
            copy_tree(folder, run.staging / folder.name)
            for name, entry in run.cache.previous.items():
                if all(file.startswith(folder.name + "/") for file in entry.files) and entry.files:
                    run.cache.current.setdefault(name, entry)


def generic_report(messages: Sequence[XslMessage]) -> list[Diagnostic]:
    """One warning per file and element rendered generically (as its text), at its first place, with the count."""
    first: dict[tuple[str, str], XslMessage] = {}
    counts: dict[tuple[str, str], int] = {}
    for message in messages:
        if message.code == "HTM001":
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


#: The outputs, by name, in build order: adding one (EPUB) is a row here and its builder.
TARGETS: dict[str, Callable[[Run], None]] = {"html": build_html, "pdf": build_pdf}
