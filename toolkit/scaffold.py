"""``edition new``: a new edition's folder from the templates shipped with the toolkit (toolkit/templates/new/)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.resources import PACKAGE

__all__ = ["TEMPLATES", "NotEmpty", "scaffold"]

#: The files of a new edition; a name starting ``dot-`` is written with a leading dot (``.github/``): package data
#: keeps no hidden files, and a template folder of the toolkit should not be taken for the toolkit's own CI.
TEMPLATES = PACKAGE / "templates" / "new"
#: What the README, the CI workflow and the pre-commit hook install, unless ``edition new --toolkit`` says otherwise.
DEFAULT_TOOLKIT = "tei-edition-toolkit"


class NotEmpty(ToolkitError):
    """The folder for a new edition exists and holds something: nothing is written into it."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"{folder} is not empty: nothing was written", "name a new or an empty folder")


def scaffold(
    folder: Path, *, title: str, toolkit: str = DEFAULT_TOOLKIT, today: datetime.date | None = None
) -> list[Path]:
    """Write a new edition into ``folder`` (new or empty); return the files written, relative to it."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NotEmpty(folder)
    values = {
        "title": _xml_text(title),
        "today": (today or datetime.date.today()).isoformat(),
        "toolkit": toolkit,
    }
    written: list[Path] = []
    for template in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        relative = Path(
            *(
                part.replace("dot-", ".", 1) if part.startswith("dot-") else part
                for part in template.relative_to(TEMPLATES).parts
            )
        )
        text = template.read_text(encoding="utf-8")
        for name, value in values.items():
            text = text.replace("{{" + name + "}}", value)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(relative)
    return written


def _xml_text(text: str) -> str:
    """``text`` safe in XML content and in a Markdown heading (the title goes into both)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(os.linesep, " ")
