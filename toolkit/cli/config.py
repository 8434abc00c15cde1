"""``edition config``: the effective configuration, each value with where it came from."""

from __future__ import annotations

import json

import click

from toolkit.cli import project


@click.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
def config(output_format: str) -> None:
    """Print the effective configuration: every key, its value and its origin (default, edition.toml:LINE or
    command line: the global --set)."""
    current = project()
    rows = current.rows()
    if output_format == "json":
        document = {
            "file": str(current.file) if current.file else None,
            "root": str(current.root),
            "settings": {name: {"value": _plain(value), "origin": origin} for name, value, origin in rows},
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    click.echo(f"# project file: {current.file or 'none (every value is a default)'}")
    width = max(len(name) for name, _, _ in rows)
    for name, value, origin in rows:
        click.echo(f"{name:<{width}} = {_toml(value):<40}  # {origin}")


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _toml(value: object) -> str:
    """``value`` as it would be written in edition.toml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)
