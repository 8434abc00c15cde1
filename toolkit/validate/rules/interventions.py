"""TEI5xx: editorial interventions — gaps that say why, redactions that say how much and by whom, supplied text."""

from __future__ import annotations

from lxml import etree

from toolkit.corpus import Document
from toolkit.edition import is_redaction
from toolkit.validate.rules.checker import EDITION, RULES, Checker


@RULES.element("gap", codes=dict.fromkeys(("TEI501", "TEI502", "TEI503"), EDITION))
def gap(checker: Checker, doc: Document, element: etree._Element) -> None:
    """TEI501 a gap without @reason; TEI502/TEI503 a redaction without its extent or without who made it."""
    if element.get("reason") is None:
        checker.report(
            "TEI501", doc, element, "<gap> has no @reason", 'say why text is left out, e.g. reason="omitted"'
        )
        return
    if not is_redaction(element):
        return
    if element.get("extent") is None and (element.get("quantity") is None or element.get("unit") is None):
        checker.report(
            "TEI502",
            doc,
            element,
            "a redaction <gap> does not say how much was suppressed",
            'add @quantity and @unit (e.g. quantity="1.5" unit="line"), or @extent',
        )
    if element.get("resp") is None and element.get("agent") is None:
        checker.report(
            "TEI503", doc, element, "a redaction <gap> does not say who suppressed the text", "add @resp or @agent"
        )


@RULES.element("supplied", codes={"TEI504": EDITION})
def supplied(checker: Checker, doc: Document, element: etree._Element) -> None:
    """TEI504: ``supplied`` must say who supplied the words."""
    if element.get("resp") is None:
        checker.report("TEI504", doc, element, "<supplied> has no @resp", "point @resp at who supplied the words")
