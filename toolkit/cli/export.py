"""``edition export``: archival packages (BagIt) and Dublin Core records."""

from __future__ import annotations

import os
from pathlib import Path

import click

from toolkit.cli import finish, project_checks
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


#: The edition metadata options: (option, help). Each is also a key of the project file (edition.toml) and an
#: EditionMetadata field; the bag-info.txt ones are named for their label (--contact-email: Contact-Email).
_METADATA = [
    ("base-url", "The site's absolute URL: documents are identified by URIs made from it."),
    ("source-organization", "Source-Organization  [default: the driver's publisher]."),
    ("organization-address", "Organization-Address  [default: the driver's publicationStmt/address]."),
    ("contact-name", "Contact-Name  [default: the name beside the driver's publicationStmt email]."),
    ("contact-phone", "Contact-Phone."),
    ("contact-email", "Contact-Email  [default: the driver's publicationStmt email]."),
    ("external-description", "External-Description  [default: the driver's title]."),
    ("external-identifier", "External-Identifier  [default: the edition's URI, else its idno of type edition]."),
    ("bag-group-identifier", "Bag-Group-Identifier  [default: the driver's seriesStmt/idno]."),
    ("bag-count", "Bag-Count (e.g. '1 of 2')."),
    ("internal-sender-identifier", "Internal-Sender-Identifier."),
    ("internal-sender-description", "Internal-Sender-Description."),
]


def _metadata_options(command: click.Command) -> click.Command:
    for name, text in reversed(_METADATA):
        command = click.option(f"--{name}", name.replace("-", "_"), default="", metavar="TEXT", help=text)(command)
    return command


def _bag_info_line(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    lines = []
    for given in value:
        label, colon, text = given.partition(":")
        if not colon or not label.strip() or not text.strip() or any(c.isspace() for c in label.strip()):
            raise click.BadParameter(f"expected 'Label: value', got {given!r}")
        lines.append((label.strip(), text.strip()))
    return tuple(lines)


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
@click.option("--include-pdf", is_flag=True, help="Put the PDF/A of the build (BUILD/pdf/edition.pdf) in the bag.")
@click.option("--include-site", is_flag=True, help="Put the website of the build (BUILD/html/) in the bag.")
@click.option(
    "--build-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The output folder of `edition build` that --include-pdf and --include-site take from.",
)
@_metadata_options
@click.option(
    "--bag-info",
    "bag_info",
    multiple=True,
    metavar="'LABEL: VALUE'",
    callback=_bag_info_line,
    help="One more bag-info.txt line (repeatable).",
)
@click.option(
    "--profile",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A BagIt Profile (JSON): refuse the export when a Bag-Info field it requires is missing.",
)
def bagit(
    out: Path,
    edition: Path,
    schema: Path | None,
    force: bool,
    overwrite: bool,
    bagging_date: str | None,
    include_pdf: bool,
    include_site: bool,
    build_dir: Path,
    bag_info: tuple[tuple[str, str], ...],
    profile: Path | None,
    **metadata: str,
) -> None:
    """Write the edition as a BagIt bag (RFC 8493) into DIR: TEI, schemas, oai_dc records, inventory.csv, METS
    (with PREMIS), RO-Crate metadata, and the PDF/A and website when asked."""
    from toolkit.archive.bag import SCHEMA, BagInfo, export_bag
    from toolkit.archive.bag import bagging_date as resolve_date

    try:
        when = resolve_date(bagging_date, os.environ)
    except (ValueError, OverflowError) as exc:
        raise click.BadParameter(f"not a date: {exc}", param_hint="--bagging-date / SOURCE_DATE_EPOCH") from None
    if schema is not None and not schema.is_file():
        raise click.BadParameter(f"{schema} does not exist", param_hint="--schema")
    info = BagInfo(when, metadata, bag_info, profile, include_pdf, include_site, build_dir)
    result = export_bag(
        edition, out, info, schema=schema or SCHEMA, force=force, overwrite=overwrite, checks=project_checks()
    )
    _report(result.diagnostics, result.files)
    if result.written is None:
        click.echo(f"No bag written: {out} is unchanged.", err=True)
        finish(result.diagnostics)
    if result.errors():
        click.echo("Exported despite the errors above (--force).", err=True)
    click.echo(
        f"Bag written to {out}: {len(result.payload)} payload files (METS, RO-Crate), sha256 and sha512 manifests;"
        " it validates."
    )
    for name in result.payload:
        if not name.startswith("site/"):
            click.echo(f"  data/{name}")
    site = sum(1 for name in result.payload if name.startswith("site/"))
    if site:
        click.echo(f"  data/site/ ({site} files)")


@export.command()
@click.argument("out", metavar="DIR", type=click.Path(path_type=Path))
@_EDITION
@click.option("--force", is_flag=True, help="Export even if the edition does not validate (diagnostics still shown).")
@_OVERWRITE
@click.option("--base-url", default="", help="The site's absolute URL: documents are identified by URIs made from it.")
def dc(out: Path, edition: Path, force: bool, overwrite: bool, base_url: str) -> None:
    """Validate the edition, then write one Dublin Core record (oai_dc) per TEI document into DIR."""
    from toolkit.archive.bag import export_dc

    result = export_dc(
        edition, out, overwrite=overwrite, force=force, options={"base-url": base_url}, checks=project_checks()
    )
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
