"""``edition validate``: check TEI files and report located diagnostics."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli import finish
from toolkit.corpus import DEFAULT_MAX_BYTES
from toolkit.errors import NothingToDo


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for programs, github for GitHub Actions annotations.",
)
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option(
    "--schema",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Another schema (.xsd or .rng) instead of the edition's schemas/edition.xsd.",
)
@click.option("--no-schema", is_flag=True, help="Skip the schema layer (well-formedness and rules only).")
@click.option("--rules/--no-rules", default=True, show_default=True, help="Our editorial rules across the corpus.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Parallel file checks (0: one per CPU).",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0.001),
    default=DEFAULT_MAX_BYTES / 1048576,
    show_default=True,
    help="Refuse files larger than this many MiB.",
)
def validate(
    paths: tuple[Path, ...],
    output_format: str,
    strict: bool,
    schema: Path | None,
    no_schema: bool,
    rules: bool,
    jobs: int,
    max_size: float,
) -> None:
    """Validate TEI files or folders (default: the edition's tei/): well-formedness, schema, editorial rules."""
    from toolkit.corpus import display_path
    from toolkit.diagnostics import RENDERERS
    from toolkit.validate import validate as run

    if schema is not None and no_schema:
        raise click.UsageError("--schema and --no-schema contradict each other")
    targets = list(paths) or [Path("tei")]
    if not paths and not targets[0].is_dir():
        raise click.UsageError("no PATH given and there is no tei/ folder here")
    result = run(
        targets, schema=schema, rules=rules, jobs=jobs, max_bytes=int(max_size * 1048576), use_schema=not no_schema
    )
    for skipped in result.skipped:  # on stderr: the report on stdout stays what --format promises
        click.echo(f"note: {display_path(skipped.path)} skipped: {skipped.reason}", err=True)
    if result.files == 0:
        raise NothingToDo(targets)
    click.echo(RENDERERS[output_format](result.diagnostics, result.files))
    finish(result.diagnostics, strict=strict)
