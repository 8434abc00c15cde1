"""``edition deposit``: put the edition into a BaseX database and verify every document."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.cli import default_sources, project_checks
from toolkit.diagnostics import render_text
from toolkit.errors import ToolkitError

if TYPE_CHECKING:
    from toolkit.archive.deposit import DepositReport

_VERBS = {"created": "would create", "updated": "would update", "unchanged": "unchanged", "failed": "failed"}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--server",
    default="localhost:1984",
    show_default=True,
    help="BaseX server: HOST, HOST:PORT, [IPv6]:PORT or basex://HOST[:PORT] (its client port, 1984 when omitted;"
    " not the HTTP port 8984).",
)
@click.option("--database", required=True, help="Name of the BaseX database (created when absent).")
@click.option("--dry-run", is_flag=True, help="Compare with the database and list what would happen; write nothing.")
@click.option("--force", is_flag=True, help="Deposit even if the edition does not validate (diagnostics still shown).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds per answer.")
@click.option(
    "--bag",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A bag of `edition export bagit`: deposit its METS (archive/mets.xml), its RO-Crate "
    "(archive/ro-crate-metadata.json, stored as is) and an index (archive/index.xml).",
)
def deposit(
    paths: tuple[Path, ...], server: str, database: str, dry_run: bool, force: bool, timeout: float, bag: Path | None
) -> None:
    """Validate the edition's documents (PATHS, default tei/), deposit them into BaseX and read each back to verify it.

    An edition with errors is not deposited unless --force. Credentials come from BASEX_USER and BASEX_PASSWORD,
    else from the ~/.netrc entry for the host.
    """
    from toolkit.archive.deposit import CredentialsError, Server, deposit, find_credentials, valid_database_name

    try:
        where = Server.parse(server)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--server") from None
    if not valid_database_name(database):
        raise click.BadParameter(f"{database!r} is not a BaseX database name", param_hint="--database")
    sources = default_sources(paths)
    if not paths and not any(source.exists() for source in sources):
        raise click.UsageError("no PATHS given and no tei/ folder here: name the documents or folders to deposit")
    try:
        credentials = find_credentials(where.host, os.environ)
    except CredentialsError as exc:
        raise ToolkitError(str(exc)) from None
    report = deposit(
        sources,
        where,
        database,
        credentials,
        dry_run=dry_run,
        force=force,
        timeout=timeout,
        bag=bag,
        checks=project_checks(),
    )
    _show(report)
    sys.exit(_status(report))


def _show(report: DepositReport) -> None:
    from toolkit.archive.deposit import Stop

    checked = report.validation
    if checked is not None and checked.diagnostics:
        click.echo(render_text(checked.diagnostics, checked.files), err=True)
    missed = _documents(len(report.not_deposited()))
    if report.stop is Stop.INVALID:
        would = "would be " if report.dry_run else ""
        click.echo(
            f"nothing {would}deposited: the edition has errors (use --force to deposit anyway); {missed} not deposited",
            err=True,
        )
        return
    if report.error is not None and not report.documents:
        # Nothing was tried (the session did not open, or the database could not be opened): no counts to give.
        click.echo(f"error: {report.error}", err=True)
        click.echo(f"nothing deposited: {missed} not deposited", err=True)
        return
    _show_documents(report)
    if checked is not None and not checked.ok() and not report.dry_run:
        click.echo("Deposited despite the errors above (--force).", err=True)


def _show_documents(report: DepositReport) -> None:
    dry_run = report.dry_run
    for doc in report.documents:
        verb = _VERBS[doc.outcome] if dry_run else str(doc.outcome)
        click.echo(f"  {verb:<12} {doc.path}" + (f": {doc.message}" if doc.message else ""))
    for path in report.foreign:
        click.echo(f"  {'not ours':<12} {path}: in the database, not in the edition; left as it is")
    labels = {"created": "to create", "updated": "to update"} if dry_run else {}
    counts = ", ".join(f"{report.count(o)} {labels.get(o, o)}" for o in ("created", "updated", "unchanged", "failed"))
    action = "Dry run against" if dry_run else "Deposit into"
    foreign = f", {len(report.foreign)} not in the edition" if report.foreign else ""
    click.echo(
        f"{action} database '{report.database}' at {report.server}: {counts}{foreign}"
        + (" (nothing written)." if dry_run else ".")
    )
    if report.error is not None:
        click.echo(f"error: {report.error}", err=True)
        click.echo(f"  deposited: {', '.join(report.deposited()) or 'none'}", err=True)
        click.echo(f"  not deposited: {', '.join(report.not_deposited()) or 'none'}", err=True)
    elif not report.ok():
        click.echo(f"  not deposited: {', '.join(report.not_deposited())}", err=True)


def _status(report: DepositReport) -> int:
    """0 deposited, 1 the sources have problems (or a document failed), 2 usage or I/O (the server, the files)."""
    from toolkit.archive.deposit import Stop

    if report.stop in (Stop.CONNECTION, Stop.USAGE):
        return 2
    if report.stop is Stop.INVALID and report.validation is not None and report.validation.io_failed:
        return 2
    return 0 if report.ok() else 1


def _documents(count: int) -> str:
    return f"{count} document" + ("" if count == 1 else "s")
