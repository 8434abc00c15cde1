"""``edition new``: scaffold a working edition in a new folder."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=True, path_type=Path))
@click.option("--title", default="A new edition", show_default=True, help="The edition's title (in its driver).")
@click.option(
    "--toolkit",
    default="tei-edition-toolkit",
    show_default=True,
    metavar="REQUIREMENT",
    help="What the CI workflow and the pre-commit hook install (a pip requirement: a name, a git+https URL).",
)
def new(folder: Path, title: str, toolkit: str) -> None:
    """Make a new edition in DIR (new or empty): edition.toml, tei/ (a text, a persons file, a driver), a pre-commit
    hook, a GitHub Actions workflow and a README. Then, in DIR: edition validate, edition build."""
    from toolkit.scaffold import scaffold

    written = scaffold(folder, title=title, toolkit=toolkit)
    click.echo(f"A new edition in {folder}/:")
    for name in written:
        click.echo(f"  {name.as_posix()}")
    click.echo(f"Next: cd {folder} && edition validate && edition build")
