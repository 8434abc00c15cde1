"""``edition build``: publish the edition as a website (and a PDF) into an output folder, atomically."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli import EXECUTOR, JOBS, PROFILE, default_schema, default_sources, finish, no_sources_error, project
from toolkit.diagnostics import render_text
from toolkit.errors import ToolkitError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Output folder (replaced atomically when the build succeeds).",
)
@click.option("--html/--no-html", default=True, show_default=True, help="Build the website (output/html).")
@click.option("--pdf/--no-pdf", default=False, show_default=True, help="Build the print edition and its PDF.")
@JOBS
@EXECUTOR
@click.option("--clean", is_flag=True, help="Ignore the previous build's cache; rebuild everything.")
@click.option("--force", is_flag=True, help="Publish even if validation finds errors.")
@click.option("--base-url", default="", help="Absolute URL of the site, for citations (e.g. https://example.org/).")
@click.option("--build-date", default="", help="A date to print in the pages (none by default: builds reproduce).")
@click.option("--title", default="", help="The edition's title (default: the driver's main title).")
@click.option(
    "--schema",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The schema to validate against  [default: the project file's, else the validator's].",
)
@PROFILE
def build(
    paths: tuple[Path, ...],
    out: Path,
    html: bool,
    pdf: bool,
    jobs: int,
    executor: str,
    clean: bool,
    force: bool,
    base_url: str,
    build_date: str,
    title: str,
    schema: Path | None,
    profile: str,
) -> None:
    """Validate the edition (tei/ or PATHS), then publish it into OUT: html/ (website), print/ and pdf/."""
    from toolkit.publish.build import BuildOptions
    from toolkit.publish.build import build as run_build

    if not (html or pdf):
        raise click.UsageError("nothing to build: --no-html without --pdf")
    sources = default_sources(paths)
    if not paths and not any(source.exists() for source in sources):
        raise no_sources_error()
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    options = BuildOptions(out, html, pdf, jobs, clean, force, base_url, build_date, title)
    options.executor = executor
    site = project().site  # the title and base URL are options (their defaults the project file's)
    options.schema, options.profile = schema or default_schema(), profile
    options.editors, options.publisher, options.licence = site.editors, site.publisher, site.licence
    options.version, options.language, options.introduction = site.version, site.language, site.introduction
    options.page_divisions = site.page_divisions
    options.archive = project().bag_info()  # the OAI repository's contact e-mail, among others
    try:
        with _progress() as progress:
            report = run_build(sources, options, progress)
    except OSError as error:
        raise ToolkitError(f"cannot write the output: {error}") from None
    if report.diagnostics:
        click.echo(render_text(report.diagnostics, report.files), err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    if not report.published:
        finish(report.diagnostics)
    site = report.outputs.get("html")
    pdf_file = report.outputs.get("pdf")
    where = [f"the site is {site}" if site else "no site (build without --no-html)"]
    where.append(f"the PDF is {pdf_file}" if pdf_file else "no PDF (build with --pdf)")
    click.echo(
        f"built {len(report.written)} files into {out}/ ({report.transformed} transformed, {report.reused} reused): "
        + "; ".join(where)
    )


class _progress:
    """A rich progress bar on a terminal; nothing otherwise."""

    def __enter__(self) -> object:
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True), transient=True)
        self._bar.start()
        self._task = self._bar.add_task("building", total=None)
        return self._update

    def _update(self, step: str, done: int, total: int) -> None:
        self._bar.update(self._task, description=step, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if sys.stderr.isatty():
            self._bar.stop()
