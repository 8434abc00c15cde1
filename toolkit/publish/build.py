"""The publishing run, top to bottom: load and validate the sources, transform them, write the output atomically.

Each output is a job with a content-hash key (its inputs, its stylesheets, its parameters); a job whose key is the
same as in the previous build copies its files from the previous output instead of running again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.corpus import TEI_NS, Corpus, Discovery, walk
from toolkit.diagnostics import Diagnostic, sorted_diagnostics
from toolkit.edition import Edition
from toolkit.errors import NothingToDo
from toolkit.publish.html import XSLT, build_html
from toolkit.publish.output import (
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


def build(paths: Sequence[Path], options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the edition's outputs from ``paths`` (files or folders) into ``options.out``."""
    if options.build_date and not W3C_DATE.fullmatch(options.build_date):
        raise BuildError(f"build date {options.build_date!r} is not a W3C date such as 2026-11-24 or 2026-11-24T18:00Z")
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
    diagnostics, corpus = check(found, options)
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
        run = Run(sources, params, out, staging, cache, report, progress)
        keys: dict[str, str] = {}
        for target in TARGETS:
            if selected[target.name]:
                target.build(run)
                keys[target.name] = target.key(run)
            elif not options.clean and keep_current(run, target, previous):
                keys[target.name] = target.key(run)
        cache.write(staging)
        Manifest([*files_under(staging, staging)], keys).write(staging)
        report.written = files_under(staging, staging)
    report.outputs = {t.name: options.out / t.entry for t in TARGETS if t.name in keys and (out / t.entry).is_file()}
    report.published = True
    report.diagnostics = sorted_diagnostics(report.diagnostics)
    return report


def check(found: Discovery, options: BuildOptions) -> tuple[list[Diagnostic], Corpus]:
    """The validator's diagnostics and the documents it parsed (the files found by the build's one walk)."""
    try:
        result = validate(found.files, jobs=options.jobs, found=found)
    except SchemaLoadError as error:
        raise BuildError(f"the sources cannot be validated: {error}") from None
    return list(result.diagnostics), result.corpus()


def stylesheet_params(sources: Edition, options: BuildOptions) -> dict[str, ParamValue]:
    """The parameters every HTML stylesheet gets: the edition's title, the base URL, the build date if asked."""
    title = options.title
    if not title and sources.driver is not None:
        titles = sources.driver.root.findall(
            f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title"
        )
        main = [t for t in titles if t.get("type") == "main"] or titles
        title = " ".join("".join(main[0].itertext()).split()) if main else ""
    return {"title": title, "base-url": options.base_url, "build-date": options.build_date}


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
    print_params = {"title": str(params["title"]), "build_date": str(params["build-date"])}
    diagnostics: list[Diagnostic] = []
    try:
        written = printing.build_print(run.sources, staging, params=print_params, diagnostics=diagnostics)
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
