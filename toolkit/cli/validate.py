"""``edition validate``: check TEI files and report located diagnostics."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli import EXECUTOR, JOBS, PROFILE, default_schema, default_sources, finish, no_sources_error
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
    help="A schema for every file (.xsd, .rng with its embedded Schematron, .sch or an ODD)"
    "  [default: the project's, else each file's xml-model, else schemas/edition.xsd].",
)
@click.option("--no-schema", is_flag=True, help="Skip the schema layer (well-formedness and rules only).")
@click.option("--rules/--no-rules", default=True, show_default=True, help="Our editorial rules across the corpus.")
@PROFILE
@JOBS
@EXECUTOR
@click.option(
    "--expand-internal-entities",
    is_flag=True,
    help="Legacy TEI: expand the character entities an internal DTD subset declares (never external ones).",
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
    profile: str,
    jobs: int,
    executor: str,
    max_size: float,
    expand_internal_entities: bool,
) -> None:
    """Validate TEI files or folders (default: the edition's tei/): well-formedness, schema, editorial rules."""
    from toolkit.corpus import display_path
    from toolkit.diagnostics import RENDERERS
    from toolkit.validate import validate as run

    if schema is not None and no_schema:
        raise click.UsageError("--schema and --no-schema contradict each other")
    targets = default_sources(paths)
    if not paths and not any(target.exists() for target in targets):
        raise no_sources_error()
    schema = schema or (None if no_schema else default_schema())
    cluster = None  # the validator picks it from --jobs (and imports the executors only for worker processes)
    if executor:
        from toolkit.executors import executor_for

        cluster = executor_for(jobs, executor)
    try:
        result = run(
            targets,
            schema=schema,
            rules=rules,
            profile=profile,
            jobs=jobs,
            max_bytes=int(max_size * 1048576),
            use_schema=not no_schema,
            executor=cluster,
            expand_entities=expand_internal_entities,
        )
    finally:
        if cluster is not None:
            cluster.close()
    for skipped in result.skipped:  # on stderr: the report on stdout stays what --format promises
        click.echo(f"note: {display_path(skipped.path)} skipped: {skipped.reason}", err=True)
    if result.files == 0:
        raise NothingToDo(targets)
    click.echo(RENDERERS[output_format](result.diagnostics, result.files))
    finish(result.diagnostics, strict=strict)
