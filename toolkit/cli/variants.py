"""``edition variants``: the variant readings report and the quotation check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli import default_sources, finish
from toolkit.errors import NothingToDo, ToolkitError
from toolkit.variants.report import FORMATS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--witness", metavar="SIGLUM", help="Only apparatus entries citing this witness (siglum or label).")
@click.option("--type", "entry_type", metavar="TYPE", help="Only apparatus entries of this type (app or reading).")
@click.option("--account", metavar="ID", help="Only this account (its root xml:id, or its file name without .xml).")
@click.option("--check", is_flag=True, help="Exit 1 if a quotation has an unrecorded difference or a stale app.")
@click.option("--css-href", default="edition.css", show_default=True, help="Stylesheet linked by --format html.")
def variants(
    paths: tuple[Path, ...],
    output_format: str,
    witness: str | None,
    entry_type: str | None,
    account: str | None,
    check: bool,
    css_href: str,
) -> None:
    """Report the apparatus, witness statistics, interventions, contested points and the quotation check.

    PATHS are TEI files or folders (default: tei/). With --check the text format shows the quotation check only.
    Exit status: 0 fine, 1 a file that cannot be parsed or (under --check) an unrecorded or stale difference,
    2 usage errors or nothing to read.
    """
    from toolkit.diagnostics import render_text as render_diagnostics
    from toolkit.variants.render import RenderError, render
    from toolkit.variants.report import Filters, UnknownFilter, build_report

    targets = default_sources(paths)
    missing = [p for p in targets if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(str(p) for p in missing)}")
    try:
        report = build_report(targets, Filters(witness=witness, type=entry_type, account=account))
    except UnknownFilter as exc:
        raise click.UsageError(str(exc)) from None
    if report.failures:  # a file that cannot be read or parsed: the sources have a problem (or an I/O one)
        click.echo(render_diagnostics(report.failures, report.files + len(report.failures)), err=True)
        finish(report.failures)
    if report.files == 0:
        raise NothingToDo(targets)
    try:
        output = render(report, output_format, css_href=css_href, check_only=check, color=sys.stdout.isatty())
    except RenderError as exc:
        raise ToolkitError(str(exc)) from None
    click.echo(output, nl=False)
    sys.exit(1 if check and report.check_failed() else 0)
