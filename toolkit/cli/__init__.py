"""The ``edition`` command: a thin click layer; each subcommand lives in its own module and is imported lazily.

Every command ends here: a :class:`~toolkit.errors.ToolkitError` becomes its message and exit status 2, and an
unexpected exception (a bug of ours) a plain sentence, exit status 2: no traceback reaches a user from any command.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from toolkit.diagnostics import Diagnostic
from toolkit.errors import ExitStatus, ToolkitError, exit_status

if TYPE_CHECKING:
    from toolkit.config import Config

#: Subcommand name -> "module:attribute". Imported only when the command runs, so ``edition --help`` starts fast.
COMMANDS: dict[str, str] = {
    "validate": "toolkit.cli.validate:validate",
    "export": "toolkit.cli.export:export",
    "deposit": "toolkit.cli.deposit:deposit",
    "variants": "toolkit.cli.variants:variants",
    "build": "toolkit.cli.build:build",
    "config": "toolkit.cli.config:config",
    "new": "toolkit.cli.new:new",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ToolkitError as error:
            fail(error)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:  # a bug of ours: say so plainly rather than show a traceback
            name = ctx.invoked_subcommand or ""
            click.echo(
                f"error: edition {name} failed unexpectedly ({type(error).__name__}: {error}); please report it",
                err=True,
            )
            sys.exit(ExitStatus.USAGE)


#: The per-file work's parallelism, with one meaning in every command that has it.
JOBS = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes for the per-file work (0: one per core).",
)
#: The rule profile, with one meaning in every command that checks sources (the project file's is the default).
PROFILE = click.option(
    "--profile",
    type=click.Choice(["tei", "edition"]),
    default="tei",
    show_default=True,
    help="The rules: tei (what TEI P5 requires) or edition (the house rules too)  [default: the project file's].",
)
EXECUTOR = click.option(
    "--executor",
    metavar="dask://HOST:PORT",
    default="",
    help="Run the per-file work on a Dask cluster (the dask extra); the files must be on a filesystem its workers see.",
)


def fail(error: ToolkitError) -> NoReturn:
    """Say what stopped the command, and what to do, then exit with its status (2)."""
    click.echo(f"error: {error.message}", err=True)
    if error.hint:
        click.echo(f"  hint: {error.hint}", err=True)
    sys.exit(error.status)


def finish(diagnostics: Sequence[Diagnostic], *, strict: bool = False) -> NoReturn:
    """End a command that checked sources: the exit status their diagnostics call for (the one table)."""
    sys.exit(exit_status(diagnostics, strict=strict))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tei-edition-toolkit", prog_name="edition")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The project file (default: edition.toml here or in the nearest folder above).",
)
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="KEY=VALUE",
    help="Set a key of the project file for this run, e.g. --set site.title='My edition' (repeatable).",
)
@click.pass_context
def main(ctx: click.Context, config_file: Path | None, assignments: tuple[str, ...]) -> None:
    """Validate, publish, compare and archive a TEI P5 critical edition."""
    from toolkit.config import load

    config = load(config_file).with_assignments(assignments)
    ctx.obj = config
    ctx.default_map = option_defaults(config)


def project() -> Config:
    """The configuration of this run (the group's; loaded from the working folder for a command run on its own)."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_root().obj if ctx is not None else None
    if found is None:
        from toolkit.config import load

        found = load()
    return found


def option_defaults(config: Config) -> dict[str, Any]:
    """The commands' option defaults that the project file gives (click's ``default_map``); the command line wins."""
    site = {"base_url": config["site.base-url"]}
    bag = {name.replace("-", "_"): value for name, value in config.bag_info().items()}
    # export takes one edition folder and one schema: the project's when it names exactly one
    sources = config.sources() if config.given("sources.include") else []
    folder = {"edition": sources[0]} if len(sources) == 1 and sources[0].is_dir() else {}
    schema = {"schema": config.schemas[0]} if len(config.schemas) == 1 else {}
    return {
        "validate": {"profile": config.profile},
        "build": {
            "out": config.out,
            "pdf": config["pdf.build"],
            "title": config["site.title"],
            "profile": config.profile,
            **site,
        },
        "export": {"bagit": {**site, **bag, **folder, **schema, "build_dir": config.out}, "dc": {**site, **folder}},
    }


def default_sources(paths: Sequence[Path]) -> list[Path]:
    """``paths`` if any were given, else the project's sources (``sources.include``; default ``tei``)."""
    return list(paths) or project().sources()


def no_sources_error() -> click.UsageError:
    """No PATH given and none of the project's sources exists here."""
    names = ", ".join(f"{p}/" if not p.suffix else str(p) for p in project().sources()) or "tei/"
    return click.UsageError(f"no PATH given and there is no {names} folder here")


def project_checks() -> dict[str, object]:
    """How the project validates (its schemas and rule profile), as ``toolkit.validate.validate``'s keyword options:
    export and deposit check an edition exactly as ``edition validate`` does."""
    config = project()
    return {"schemas": config.schemas or None, "profile": config.profile}


def default_schema() -> Path | None:
    """The project's schema (``validate.schema``), if it names one."""
    schemas = project().schemas
    if len(schemas) > 1:
        from toolkit.config import ConfigError

        raise ConfigError(
            f"{project().setting('validate.schema').origin}: validate.schema: one schema is supported for now,"
            f" got {len(schemas)}"
        )
    return schemas[0] if schemas else None
