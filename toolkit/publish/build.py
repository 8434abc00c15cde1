"""The publishing run, top to bottom: load and validate the sources, transform them, write the output atomically.

Each output is a job with a content-hash key (its inputs, its stylesheets, its parameters); a job whose key is the
same as in the previous build copies its files from the previous output instead of running again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.config import PAGE_DIVISIONS, is_site_url
from toolkit.corpus import NS, TEI_NS, XML_ID, Corpus, Discovery, walk
from toolkit.diagnostics import Diagnostic, sorted_diagnostics
from toolkit.edition import Edition
from toolkit.errors import NothingToDo, ToolkitError
from toolkit.executors import Executor, executor_for
from toolkit.publish.html import XSLT, build_html
from toolkit.publish.output import (
    MANIFEST,
    Cache,
    CacheEntry,
    Manifest,
    build_listing,
    check_destination,
    content_hash,
    copy_tree,
    files_under,
    staged,
)
from toolkit.publish.run import BuildError, BuildReport, Progress, Run
from toolkit.publish.xslt import ParamValue
from toolkit.resources import PACKAGE
from toolkit.validate import SchemaLoadError, validate

__all__ = ["TARGETS", "BuildError", "BuildOptions", "BuildReport", "build"]

#: A W3C date (HTML's datetime, PDF metadata): a day, or a day and a time with a zone.
W3C_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?")


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
    #: the schema to validate against (``None``: the validator's default) and the rule profile (``tei``, ``edition``)
    schema: Path | None = None
    profile: str = "edition"
    #: the site's metadata (edition.toml's ``[site]``); an empty value is taken from the driver's header
    editors: tuple[str, ...] = ()
    publisher: str = ""
    licence: str = ""
    version: str = ""
    language: str = ""
    #: the xml:id of the text the home page shows as the introduction (empty: the first text typed "introduction")
    introduction: str = ""
    #: the div/@type values whose divisions are pages of their own (edition.toml's site.page-divisions)
    page_divisions: tuple[str, ...] = PAGE_DIVISIONS
    #: the project's archive metadata (edition.toml's [bag] keys by name, ``contact-email``): the OAI repository's
    archive: dict[str, str] = field(default_factory=dict)
    #: where the per-file work runs besides ``jobs``: ``dask://HOST:PORT`` (toolkit/executors.py); empty: locally
    executor: str = ""


def build(paths: Sequence[Path], options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the edition's outputs from ``paths`` (files or folders) into ``options.out``."""
    executor = executor_for(options.jobs, options.executor or None)  # one pool or cluster connection for the run
    try:
        return _build(paths, options, progress, executor)
    finally:
        executor.close()


def _build(paths: Sequence[Path], options: BuildOptions, progress: Progress | None, executor: Executor) -> BuildReport:
    """The run, on ``executor``: validate, transform (the per-file jobs on the executor), write atomically."""
    if options.build_date and not W3C_DATE.fullmatch(options.build_date):
        raise BuildError(f"build date {options.build_date!r} is not a W3C date such as 2026-11-24 or 2026-11-24T18:00Z")
    check_base_url(options.base_url)
    report = BuildReport()
    found = walk(paths)
    files = found.files
    if not files:
        raise NothingToDo(paths)
    # before anything is read or written: the output may not be, or hold, anything the user owns
    check_destination(options.out, what="edition build", listing=build_listing, sources=[*paths, *files])
    report.files = len(files)
    if progress:
        progress("validating", 0, len(files))
    diagnostics, corpus = check(found, options, executor)
    report.diagnostics += diagnostics
    if report.errors and not options.force:
        report.notes.append("not published: the sources have errors (use --force to publish anyway)")
        return report
    report.notes += [f"{d.file} not published: it cannot be parsed ({d.message})" for d in corpus.failures]
    sources = Edition(corpus)  # the documents the validator parsed: nothing is parsed again
    params = stylesheet_params(sources, options)
    out = options.out.resolve()
    cache = Cache({}) if options.clean else Cache.read(out)
    selected = {"html": options.html, "pdf": options.pdf}
    previous = Manifest.read(out)
    with staged(out) as staging:
        run = Run(sources, params, out, staging, cache, report, progress, executor=executor, archive=options.archive)
        keys: dict[str, str] = {}
        for target in TARGETS:
            if selected[target.name]:
                target.build(run)
                keys[target.name] = target.key(run)
            elif not options.clean and keep_current(run, target, previous):
                keys[target.name] = target.key(run)
        clashes = cache.clashes()
        if clashes:  # two pages with one name (text a.xml's division b and a text a-b.xml): neither is published
            said = "; ".join(f"{file} (by {' and '.join(names)})" for file, names in list(clashes.items())[:5])
            raise BuildError(f"{len(clashes)} output files would be written twice, nothing was published: {said}")
        cache.write(staging)
        written = files_under(staging, staging)
        Manifest(written, keys).write(staging)
        report.written = sorted([*written, MANIFEST])
    report.outputs = {t.name: options.out / t.entry for t in TARGETS if t.name in keys and (out / t.entry).is_file()}
    report.published = True
    report.diagnostics = sorted_diagnostics(report.diagnostics)
    return report


def check_base_url(url: str) -> None:
    """An empty base URL (addresses relative to the page) or an absolute http(s) URL, which citations and the sitemap
    need; anything else is a usage error."""
    if url and not is_site_url(url):
        raise ToolkitError(
            f"base URL {url!r} is not an absolute http(s) URL",
            "give the address the site is published at, such as https://example.org/edition/ (base-url)",
        )


def check(found: Discovery, options: BuildOptions, executor: Executor | None = None) -> tuple[list[Diagnostic], Corpus]:
    """The validator's diagnostics and the documents it parsed (the files found by the build's one walk)."""
    try:
        result = validate(
            found.files,
            jobs=options.jobs,
            found=found,
            executor=executor,
            schema=options.schema,
            profile=options.profile,
        )
    except SchemaLoadError as error:
        raise BuildError(f"the sources cannot be validated: {error}") from None
    return list(result.diagnostics), result.corpus()


def stylesheet_params(sources: Edition, options: BuildOptions) -> dict[str, ParamValue]:
    """The parameters every HTML stylesheet gets (each an ``xs:string``; ``editors`` joined by " and "): the site's
    metadata, each from the options (the project file, the command line) or else from the driver's header; the base
    URL; the build date if asked; the introduction's id."""
    header = _header(sources)
    # without a driver, a single text is the edition (a FRUS volume): its title is the site's
    alone = (
        [e for d in sources.texts for e in d.root.findall(f"{{{TEI_NS}}}teiHeader")] if len(sources.texts) == 1 else []
    )

    def found(path: str, *roots: etree._Element) -> list[str]:
        return [_words(e) for root in roots for e in root.xpath(path, namespaces=NS) if _words(e)]

    title = options.title or next(iter(found(_MAIN_TITLE, *header) or found(_TITLE, *header, *alone)), "")
    return {
        "title": title,
        "base-url": options.base_url,
        "build-date": options.build_date,
        # one string for now: a sequence parameter crashes saxonche 13.1 when its items are not kept alive (xslt.py)
        "editors": " and ".join(options.editors or found("tei:fileDesc/tei:titleStmt/tei:editor", *header)),
        "publisher": options.publisher
        or next(iter(found("tei:fileDesc/tei:publicationStmt/tei:publisher", *header)), ""),
        "licence": options.licence or next(iter(found(_LICENCE, *header) + found(_LICENCE_WORDS, *header)), ""),
        "version": options.version or next(iter(found(_VERSION, *header)), ""),
        "language": options.language or next(iter(found("ancestor-or-self::*[@xml:lang][1]/@xml:lang", *header)), ""),
        "intro": options.introduction or introduction(sources),
        "page-divisions": tuple(options.page_divisions),
    }


_TITLE = "tei:fileDesc/tei:titleStmt/tei:title"
_MAIN_TITLE = f"{_TITLE}[@type = 'main']"
#: a licence is named by its URL, else by its words
_LICENCE = "tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence/@target"
_LICENCE_WORDS = "tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence"
_VERSION = "tei:fileDesc/tei:editionStmt//tei:num[@type = 'version'] | tei:fileDesc/tei:editionStmt/tei:edition/@n"


def _header(sources: Edition) -> list[etree._Element]:
    """The driver's teiHeader, if there is a driver with one."""
    return [] if sources.driver is None else sources.driver.root.findall(f"{{{TEI_NS}}}teiHeader")


def _words(node: etree._Element | str) -> str:
    return " ".join((node if isinstance(node, str) else "".join(node.itertext())).split())


def introduction(sources: Edition) -> str:
    """The xml:id of the edition's introduction: the first text whose ``TEI/@type`` or ``text/@type`` is
    ``introduction`` (docs/project.md), unless the project file names one (``site.introduction``)."""
    for text in sources.texts:
        body = text.root.find(f"{{{TEI_NS}}}text")
        if "introduction" in (text.root.get("type"), body.get("type") if body is not None else None):
            return text.root.get(XML_ID) or ""
    return ""


def pdf_key(run: Run) -> str:
    """What the print edition depends on: its stylesheets and code, every source, the parameters."""
    code = [
        *sorted((XSLT / "print").rglob("*")),
        *sorted((XSLT / "common").glob("*.xsl")),
        PACKAGE / "publish" / "print.py",
    ]
    inputs = [run.digests(d.path) for d in run.sources.all]
    return content_hash([*[p for p in code if p.is_file()], *inputs, repr(sorted(run.params.items()))])


def html_key(run: Run) -> str:
    """What the website depends on: its stylesheets and code, every source, the parameters."""
    code = [
        *sorted((XSLT / "common").glob("*.xsl")),
        *sorted((XSLT / "html").rglob("*")),
        *sorted((XSLT / "variants").glob("*.xsl")),
        *sorted((PACKAGE / "publish").glob("*.py")),
        *sorted((PACKAGE / "variants").glob("*.py")),
    ]
    inputs = [run.digests(d.path) for d in run.sources.all]
    return content_hash([*[p for p in code if p.is_file()], *inputs, repr(sorted(run.params.items()))])


def build_pdf(run: Run) -> None:
    """The print edition, by ``toolkit.publish.print.build_print`` (the print work), reused when nothing changed."""
    from toolkit.publish import print as printing  # WeasyPrint and its fonts load only when a PDF is asked for

    params, staging = run.params, run.staging
    key = pdf_key(run)
    if run.cache.reuse("pdf", key, run.old, staging) is not None:
        run.report.reused += 1
        return
    diagnostics: list[Diagnostic] = []
    try:
        # the parameters the HTML stylesheets get, under the same names: print takes those it declares
        written = printing.build_print(run.sources, staging, params=params, diagnostics=diagnostics)
    except Exception as error:  # the print work raises its own error types; the build reports any of them
        raise BuildError(f"the PDF could not be built: {error}") from None
    run.report.transformed += 1
    run.report.ran.append("pdf")
    run.report.diagnostics += diagnostics
    run.cache.record(
        "pdf", CacheEntry(key, sorted(Path(p).resolve().relative_to(staging.resolve()).as_posix() for p in written))
    )


def keep_current(run: Run, target: Target, previous: Manifest | None) -> bool:
    """An output not built this time (``--no-pdf``) is kept only if it is current; if it is stale it is left out.

    Current means made from the same sources, stylesheets and parameters as this build would use. A stale output is
    not carried into the new one, and the report says so: nothing in the output is older than its sources.
    """
    present = [folder for folder in target.folders if (run.old / folder).is_dir()]
    if not present:
        return False
    if previous is None or previous.targets.get(target.name) != target.key(run):
        shown = " and ".join(f"{run.old / folder}/" for folder in present)
        run.report.notes.append(
            f"removed {shown}: the sources changed since they were built"
            f" (build with --{target.name} to make them again)"
        )
        return False
    for folder in present:
        copy_tree(run.old / folder, run.staging / folder)
    for name, entry in run.cache.previous.items():
        if entry.files and all(file.split("/", 1)[0] in present for file in entry.files):
            run.cache.current.setdefault(name, entry)
    return True


@dataclass(frozen=True)
class Target:
    """One output: its name (the CLI's ``--html``/``--pdf``), the folders it writes, the file a reader opens first,
    how it is built and the key of what it depends on."""

    name: str
    folders: tuple[str, ...]
    entry: str
    build: Callable[[Run], None]
    key: Callable[[Run], str]


#: The outputs, in build order: adding one (EPUB) is a row here and its builder.
TARGETS: tuple[Target, ...] = (
    Target("html", ("html", ".build-summaries"), "html/index.html", build_html, html_key),
    Target("pdf", ("print", "pdf"), "pdf/edition.pdf", build_pdf, pdf_key),
)
