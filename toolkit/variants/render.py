"""The registered output formats of the variants report: Python for text, CSV and JSON; XSLT for HTML and TEI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from toolkit.resources import XSLT as STYLESHEETS
from toolkit.variants.report import VariantsReport, render_csv, render_json

if TYPE_CHECKING:
    from toolkit.publish.xslt import Engine

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
    def produce(report: VariantsReport, *, css_href: str = "edition.css", site_title: str = "", **_: object) -> str:
        return transform(entry, render_json(report, indent=None), {"css-href": css_href, "site-title": site_title})

    return produce


TARGETS: dict[str, Target] = {
    "text": Target("text", _text),
    "csv": Target("csv", lambda report, **_: render_csv(report)),
    "json": Target("json", lambda report, **_: render_json(report) + "\n"),
    "html": Target("html", _stylesheet("html.xsl")),
    "tei": Target("tei", _stylesheet("tei.xsl")),
}


def html_page_from_json(report: str, *, css_href: str, site_title: str = "") -> str:
    """The HTML5 page of a report given as JSON (:func:`toolkit.variants.report.report_json`)."""
    return transform("html.xsl", report, {"css-href": css_href, "site-title": site_title})


def render(report: VariantsReport, name: str, **options: object) -> str:
    """Render ``report`` in the format ``name`` (one of :data:`TARGETS`)."""
    return TARGETS[name].produce(report, **options)


@cache
def _engine() -> Engine:
    """The Saxon engine of the variants formats (one per process: each stylesheet compiled once)."""
    from toolkit.publish.xslt import Engine

    return Engine()


def transform(entry: str, report_json: str, params: dict[str, str]) -> str:
    """Run the stylesheet ``entry`` on the JSON report (its initial template reads the parameter ``report``)."""
    from toolkit.publish.xslt import XsltError

    try:
        result = _engine().stylesheet(XSLT / entry).transform(params={**params, "report": report_json})
    except XsltError as exc:
        raise RenderError(f"{entry} failed: {exc}") from None
    if not result.text:
        raise RenderError(f"{entry} produced no output")
    return result.text
