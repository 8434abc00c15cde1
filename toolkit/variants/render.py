"""The registered output formats of the variants report: Python for text, CSV and JSON; XSLT for HTML and TEI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from toolkit.resources import XSLT as STYLESHEETS
from toolkit.variants.report import VariantsReport, render_csv, render_json

XSLT = STYLESHEETS / "variants"


class RenderError(Exception):
    """A format could not be produced (a stylesheet failed to compile or run)."""


@dataclass(frozen=True)
class Target:
    """One output: a name and how to produce it."""

    name: str
    produce: Callable[..., str]


def _text(report: VariantsReport, *, check_only: bool = False, color: bool = False, **_: object) -> str:
    from toolkit.variants.terminal import render_text

    return render_text(report, color=color, check_only=check_only)


def _stylesheet(entry: str) -> Callable[..., str]:
    def produce(report: VariantsReport, *, css_href: str = "edition.css", **_: object) -> str:
        return transform(entry, render_json(report, indent=None), {"css-href": css_href})

    return produce


TARGETS: dict[str, Target] = {
    "text": Target("text", _text),
    "csv": Target("csv", lambda report, **_: render_csv(report)),
    "json": Target("json", lambda report, **_: render_json(report) + "\n"),
    "html": Target("html", _stylesheet("html.xsl")),
    "tei": Target("tei", _stylesheet("tei.xsl")),
}


def html_page_from_json(report: str, *, css_href: str) -> str:
    """The HTML5 page of a report given as JSON (:func:`toolkit.variants.report.report_json`)."""
    return transform("html.xsl", report, {"css-href": css_href})


def render(report: VariantsReport, name: str, **options: object) -> str:
    """Render ``report`` in the format ``name`` (one of :data:`TARGETS`)."""
    return TARGETS[name].produce(report, **options)


@cache
def _processor() -> Any:
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@cache
def _executable(entry: str) -> Any:
    from saxonche import PySaxonApiError

    processor = _processor()
    compiler = processor.new_xslt30_processor()
    try:
        return compiler.compile_stylesheet(stylesheet_file=str(XSLT / entry))
    except PySaxonApiError as exc:
        raise RenderError(f"cannot compile {entry}: {exc}") from None


def transform(entry: str, report_json: str, params: dict[str, str]) -> str:
    """Run the stylesheet ``entry`` (compiled once per process) on the JSON report; its initial template reads it."""
    from saxonche import PySaxonApiError

    executable = _executable(entry)
    processor = _processor()
    executable.set_parameter("report", processor.make_string_value(report_json))
    for key, value in params.items():
        executable.set_parameter(key, processor.make_string_value(value))
    try:
        result = executable.call_template_returning_string(None)
    except PySaxonApiError as exc:
        raise RenderError(f"{entry} failed: {exc}") from None
    if result is None:
        raise RenderError(f"{entry} produced no output")
    return str(result)
