"""Variant readings: the apparatus of any TEI P5 parallel-segmentation edition, and the quotation check."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.variants.apparatus import Apparatus, ApparatusEntry, Location, Reading, Witness, WitnessDetail, collect
from toolkit.variants.interventions import Intervention, Interventions, interventions
from toolkit.variants.points import Passage, Point, PointMatrix, contested_points
from toolkit.variants.quotations import Difference, QuotationCheck, StaleApp, check_quotation, check_quotations
from toolkit.variants.render import RenderError, html_page_from_json, render
from toolkit.variants.report import Filters, VariantsReport, build_report, report_for, report_json
from toolkit.variants.statistics import WitnessCounts, WitnessStatistics, statistics

__all__ = [
    "Apparatus",
    "ApparatusEntry",
    "Difference",
    "Filters",
    "Intervention",
    "Interventions",
    "Location",
    "Passage",
    "Point",
    "PointMatrix",
    "QuotationCheck",
    "Reading",
    "RenderError",
    "StaleApp",
    "VariantsReport",
    "Witness",
    "WitnessCounts",
    "WitnessDetail",
    "WitnessStatistics",
    "build_report",
    "check_quotation",
    "check_quotations",
    "collect",
    "contested_points",
    "html_page",
    "html_page_from_json",
    "interventions",
    "render",
    "report_for",
    "report_json",
    "statistics",
]


def html_page(paths: Sequence[Path], *, css_href: str) -> str:
    """The variant readings report over ``paths`` as a complete HTML5 page (for ``output/html/variants.html``)."""
    return render(build_report(paths), "html", css_href=css_href)
