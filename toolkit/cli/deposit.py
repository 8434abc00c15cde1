"""``edition deposit``: put the edition into a BaseX database and verify every document."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

_VERBS = {"created": "would create", "updated": "would update", "unchanged": "unchanged", "failed": "failed"}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--server", default="localhost:1984", show_default=True, help="BaseX server as HOST:PORT.")
@click.option("--database", required=True, help="Name of the BaseX database (created when absent).")
@click.option("--dry-run", is_flag=True, help="Compare with the database and list what would happen; write nothing.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds per answer.")
def deposit(paths: tuple[Path, ...], server: str, database: str, dry_run: bool, timeout: float) -> None:
    """Deposit the edition's documents (PATHS, default tei/) into BaseX, reading each back to verify it.

    Credentials come from BASEX_USER and BASEX_PASSWORD, else from the ~/.netrc entry for the host.
    """
    from toolkit.archive.deposit import CredentialsError, Server, deposit, find_credentials, valid_database_name

    try:
        where = Server.parse(server)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--server") from None
    if not valid_database_name(database):
        raise click.BadParameter(f"{database!r} is not a BaseX database name", param_hint="--database")
    if not paths and not Path("tei").is_dir():
        raise click.UsageError("no PATHS given and no tei/ folder here: name the documents or folders to deposit")
    try:
        credentials = find_credentials(where.host, os.environ)
    except CredentialsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    report = deposit(list(paths) or [Path("tei")], where, database, credentials, dry_run=dry_run, timeout=timeout)
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
        f"{action} database '{database}' at {where}: {counts}{foreign}" + (" (nothing written)." if dry_run else ".")
    )
    if report.error is not None:
        click.echo(f"error: {report.error}", err=True)
        click.echo(f"  deposited: {', '.join(report.deposited()) or 'none'}", err=True)
        click.echo(f"  not deposited: {', '.join(report.not_deposited()) or 'none'}", err=True)
    elif not report.ok():
        click.echo(f"  not deposited: {', '.join(report.not_deposited())}", err=True)
    sys.exit(0 if report.ok() else 1)
