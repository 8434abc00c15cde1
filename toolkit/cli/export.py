"""``edition export``: archival packages (BagIt) and Dublin Core records."""

from __future__ import annotations

import os
from pathlib import Path

import click

from toolkit.cli import finish
from toolkit.diagnostics import Diagnostic, Severity, render_text

_EDITION = click.option(
    "--edition",
    "edition",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("tei"),
    show_default=True,
    help="The edition folder (TEI documents, driver and authority files).",
)
_OVERWRITE = click.option("--overwrite", is_flag=True, help="Replace DIR (only a previous output) in one step.")


@click.group()
def export() -> None:
    """Export the edition for archives: a BagIt package, or Dublin Core records alone."""


def _report(diagnostics: list[Diagnostic], files: int) -> None:
    if diagnostics:
        click.echo(render_text(diagnostics, files), err=True)


@export.command()
@click.argument("out", metavar="DIR", type=click.Path(path_type=Path))
@_EDITION
@click.option(
    "--schema",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Schema to include in the bag  [default: schemas/edition.xsd when present].",
)
@click.option("--force", is_flag=True, help="Export even if the edition does not validate (diagnostics still shown).")
@_OVERWRITE
@click.option("--bagging-date", metavar="YYYY-MM-DD", help="Bagging-Date  [default: SOURCE_DATE_EPOCH, else today].")
@click.option("--source-organization", default="", help="Source-Organization  [default: the driver's publisher].")
@click.option("--external-description", default="", help="External-Description  [default: the driver's title].")
@click.option("--external-identifier", default="", help="External-Identifier  [default: the driver's idno].")
def bagit(
    out: Path,
    edition: Path,
    schema: Path | None,
    force: bool,
    overwrite: bool,
    bagging_date: str | None,
    source_organization: str,
    external_description: str,
    external_identifier: str,
) -> None:
    """Write the edition as a BagIt bag (RFC 8493) into DIR: TEI, schema, oai_dc records, inventory.csv."""
    from toolkit.archive.bag import SCHEMA, BagInfo, export_bag
    from toolkit.archive.bag import bagging_date as resolve_date

    try:
        when = resolve_date(bagging_date, os.environ)
    except (ValueError, OverflowError) as exc:
        raise click.BadParameter(f"not a date: {exc}", param_hint="--bagging-date / SOURCE_DATE_EPOCH") from None
    if schema is not None and not schema.is_file():
        raise click.BadParameter(f"{schema} does not exist", param_hint="--schema")
    info = BagInfo(when, source_organization, external_description, external_identifier)
    result = export_bag(edition, out, info, schema=schema or SCHEMA, force=force, overwrite=overwrite)
    _report(result.diagnostics, result.files)
    if result.written is None:
        click.echo(f"No bag written: {out} is unchanged.", err=True)
        finish(result.diagnostics)
    if result.errors():
        click.echo("Exported despite the errors above (--force).", err=True)
    click.echo(f"Bag written to {out}: {len(result.payload)} payload files, sha256 and sha512 manifests; it validates.")
    for name in result.payload:
        click.echo(f"  data/{name}")


@export.command()
@click.argument("out", metavar="DIR", type=click.Path(path_type=Path))
@_EDITION
@click.option("--force", is_flag=True, help="Export even if the edition does not validate (diagnostics still shown).")
@_OVERWRITE
def dc(out: Path, edition: Path, force: bool, overwrite: bool) -> None:
    """Validate the edition, then write one Dublin Core record (oai_dc) per TEI document into DIR."""
    from toolkit.archive.bag import export_dc

    result = export_dc(edition, out, overwrite=overwrite, force=force)
    _report(result.diagnostics, result.files)
    if result.written is None:
        click.echo(f"No records written: {out} is unchanged.", err=True)
        finish(result.diagnostics)
    if result.errors():
        click.echo("Exported despite the errors above (--force).", err=True)
    warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]
    click.echo(
        f"{len(result.payload)} Dublin Core records written to {out}" + (" (with warnings)." if warnings else ".")
    )
