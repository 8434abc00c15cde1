"""The ``edition`` command: a thin click layer; each subcommand lives in its own module and is imported lazily."""

from __future__ import annotations

import importlib

import click

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


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tei-edition-toolkit", prog_name="edition")
def main() -> None:
    """Validate, publish, compare and archive a TEI P5 critical edition."""
