"""The ``edition`` command: a thin click layer; each subcommand lives in its own module and is imported lazily.

Every command ends here: a :class:`~toolkit.errors.ToolkitError` becomes its message and exit status 2, and an
unexpected exception (a bug of ours) a plain sentence, exit status 2: no traceback reaches a user from any command.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

import click

from toolkit.diagnostics import Diagnostic
from toolkit.errors import ExitStatus, ToolkitError, exit_status

#: Subcommand name -> "module:attribute". Imported only when the command runs, so ``edition --help`` starts fast.
COMMANDS: dict[str, str] = {
    "validate": "toolkit.cli.validate:validate",
    "export": "toolkit.cli.export:export",
    "deposit": "toolkit.cli.deposit:deposit",
    "variants": "toolkit.cli.variants:variants",
    "build": "toolkit.cli.build:build",
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
def main() -> None:
    """Validate, publish, compare and archive a TEI P5 critical edition."""
