"""Diagnostics as values: a code, a severity, a location, a message and a hint; rendered as text, JSON or GitHub."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from itertools import groupby


class Severity(StrEnum):
    """How bad a diagnostic is; errors fail a run, warnings only under --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One located finding about one file."""

    code: str
    severity: Severity
    file: str
    line: int
    column: int
    message: str
    xpath: str = ""
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then line, then column, then code."""
        return (self.file, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape documented in the README."""
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


@dataclass(frozen=True)
class Summary:
    """Counts for the one-line summary."""

    files: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, diagnostics: Sequence[Diagnostic], files: int) -> Summary:
        """Count the errors and warnings among ``diagnostics``."""
        errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
        return cls(files=files, errors=errors, warnings=len(diagnostics) - errors)

    def failed(self, strict: bool = False) -> bool:
        """True when the run should exit 1."""
        return self.errors > 0 or (strict and self.warnings > 0)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in reading order: by file, line and column."""
    return sorted(diagnostics, key=Diagnostic.sort_key)


def render_text(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """Human-readable report grouped by file, sorted by line, ending with one summary line."""
    lines: list[str] = []
    ordered = sorted_diagnostics(diagnostics)
    for file, group in groupby(ordered, key=lambda d: d.file):
        lines.append(file)
        for d in group:
            lines.append(f"  {d.line}:{d.column}: {d.severity} {d.code} {d.message}")
            if d.xpath:
                lines.append(f"      at {d.xpath}")
            if d.hint:
                lines.append(f"      hint: {d.hint}")
    lines.append(summary_line(Summary.of(ordered, files)))
    return "\n".join(lines)


def summary_line(summary: Summary) -> str:
    """``Checked 9 files: 0 errors, 2 warnings.``"""
    noun = "file" if summary.files == 1 else "files"
    errors = "error" if summary.errors == 1 else "errors"
    warnings = "warning" if summary.warnings == 1 else "warnings"
    return f"Checked {summary.files} {noun}: {summary.errors} {errors}, {summary.warnings} {warnings}."


def render_json(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """``{"diagnostics": [...], "summary": {"files", "errors", "warnings"}}``."""
    ordered = sorted_diagnostics(diagnostics)
    payload = {
        "diagnostics": [d.to_dict() for d in ordered],
        "summary": asdict(Summary.of(ordered, files)),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…,col=…,title=CODE::message``)."""
    out: list[str] = []
    for d in sorted_diagnostics(diagnostics):
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        props = ",".join(
            [
                f"file={_github_escape(d.file, property_value=True)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_github_escape(d.code, property_value=True)}",
            ]
        )
        out.append(f"::{d.severity} {props}::{_github_escape(message)}")
    out.append(summary_line(Summary.of(diagnostics, files)))
    return "\n".join(out)


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
