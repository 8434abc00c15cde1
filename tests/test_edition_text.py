"""Rules of the edition's text that a machine can check: quotation marks, vague dates, flagged identifications,
one version everywhere (docs/encoding.md, "Answers to the documentary editor's reading")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from toolkit.publish.xslt import Engine

ROOT = Path(__file__).resolve().parent.parent
TEI_DIR = ROOT / "tei"
HTML_XSLT = ROOT / "xslt" / "html"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
FILES = sorted(TEI_DIR.glob("*.xml"))
#: What the corrected reading leaves out: the source's side of a choice, editorial notes and descriptions, readings.
NOT_READ = {"note", "sic", "orig", "abbr", "rdg", "desc", "witDetail"}
#: Date expressions that give no day or bound of their own: they may bound a span, never carry @when.
VAGUE = re.compile(
    r"\b(few|some time|over the years|long period|previous (meeting|time)|several|(five|two) or (six|three))\b", re.I
)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def corrected_reading(element: etree._Element) -> str:
    """The text of an element as the edited reading gives it: corr (not sic), lem (not rdg), no notes."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str) or _local(node) in NOT_READ:
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def blocks() -> list[tuple[str, etree._Element]]:
    """Every paragraph-level block of the texts, as (file:id, element)."""
    found = []
    for path in FILES:
        for block in etree.parse(path).iterfind(".//t:text//*", NS):
            if _local(block) in {"p", "ab", "head"} and block.get(XML_ID):
                found.append((f"{path.name}#{block.get(XML_ID)}", block))
    return found


BLOCKS = blocks()


def test_the_edition_has_paragraphs_to_check() -> None:
    assert len(BLOCKS) > 50


@pytest.mark.parametrize("where, block", BLOCKS, ids=[where for where, _ in BLOCKS])
def test_double_quotation_marks_balance_in_the_corrected_reading(where: str, block: etree._Element) -> None:
    text = corrected_reading(block)
    marks = text.count('"') + text.count("“") + text.count("”")
    assert marks % 2 == 0, f"{where}: {marks} double quotation marks in the corrected reading: {text!r}"


@pytest.mark.parametrize("where, block", BLOCKS, ids=[where for where, _ in BLOCKS])
def test_closing_quotation_marks_nest_in_the_corrected_reading(where: str, block: etree._Element) -> None:
    # a single mark opened inside a double one closes first: ."' (double, then single) is an error
    text = corrected_reading(block)
    assert not re.search(r"[.,;!?]\"'(\s|$)", text), f"{where}: closing marks in the wrong order: {text!r}"


def test_the_rule_finds_an_unbalanced_paragraph() -> None:
    para = etree.fromstring(
        '<p xmlns="http://www.tei-c.org/ns/1.0">he said, "if so. <choice><sic>\'\'</sic><corr>"</corr></choice>'
        'However," he said.</p>'
    )
    assert corrected_reading(para).count('"') == 3


def _dates() -> list[tuple[str, etree._Element]]:
    return [
        (f"{path.name}:{date.sourceline}", date)
        for path in FILES
        for date in etree.parse(path).iterfind(".//t:date", NS)
    ]


@pytest.mark.parametrize("where, date", [d for d in _dates() if VAGUE.search("".join(d[1].itertext()))])
def test_a_vague_date_expression_has_no_exact_value(where: str, date: etree._Element) -> None:
    text = " ".join("".join(date.itertext()).split())
    assert date.get("when") is None, f"{where}: “{text}” is vague, but @when={date.get('when')} dates it exactly"


def test_a_moment_within_a_span_is_dated_with_bounds_not_a_duration() -> None:
    # the creation of a spoken or written text is a moment: notBefore/notAfter, never from/to
    for path in FILES:
        for date in etree.parse(path).iterfind(".//t:profileDesc/t:creation//t:date", NS):
            assert date.get("from") is None and date.get("to") is None, f"{path.name}:{date.sourceline}"


def test_no_date_claims_a_day_of_spring_1995() -> None:
    for path in FILES:
        for date in etree.parse(path).iterfind(".//t:date", NS):
            if "Spring 1995" in "".join(date.itertext()) or date.get("notAfter", "").startswith("1995-"):
                assert all(not (date.get(a) or "").startswith("1995-") for a in ("when", "notAfter", "to"))


def test_every_identification_of_ours_says_how_certain_and_whose() -> None:
    notes = [n for path in FILES for n in etree.parse(path).iterfind(".//t:note[@type='identification']", NS)]
    assert len(notes) >= 8
    assert all(n.get("cert") in {"high", "medium", "low", "unknown"} and n.get("resp") for n in notes)


def test_every_file_states_the_driver_s_version_and_release_date() -> None:
    def release(path: Path) -> tuple[str, str]:
        statement = etree.parse(path).find(".//t:fileDesc/t:editionStmt", NS)
        assert statement is not None, f"{path.name} has no editionStmt"
        version = statement.findtext(".//t:num[@type='version']", namespaces=NS)
        date = statement.find(".//t:date[@type='release']", NS)
        return (version or "", "" if date is None else date.get("when", ""))

    driver = release(TEI_DIR / "edition.xml")
    assert driver[0] and driver[1], "the driver has no version or release date"
    assert {path.name: release(path) for path in FILES} == {path.name: driver for path in FILES}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def test_a_flagged_identification_is_flagged_on_the_index_page(engine: Engine) -> None:
    summary = engine.stylesheet(HTML_XSLT / "summary.xsl").transform(
        TEI_DIR / "persons.xml", params={"role": "authority"}
    )
    tree = etree.fromstring((summary.text or "").encode())
    flagged = {e.get("id"): e for e in tree.iterfind("{urn:x-edition:summary}entry")}
    feklisov = flagged["feklisov"].find("{urn:x-edition:summary}flag")
    assert feklisov is not None and feklisov.get("cert") == "medium"
    assert flagged["feklisov"].find("{urn:x-edition:summary}role") is not None  # the role is shown as well


def test_a_flagged_identification_is_flagged_where_the_text_links_it(engine: Engine) -> None:
    page = engine.stylesheet(HTML_XSLT / "account.xsl").transform(TEI_DIR / "dobrynin-cable.xml").text or ""
    assert 'title="Aleksandr Feklisov (identification ours, certainty: medium)"' in page


def test_the_cable_page_says_it_is_a_translation_and_the_redaction_is_presumed(engine: Engine) -> None:
    page = engine.stylesheet(HTML_XSLT / "account.xsl").transform(TEI_DIR / "dobrynin-cable.xml").text or ""
    assert "the Russian original is not reproduced" in page
    assert "presumably by Russian Foreign Ministry" in " ".join(page.split())
    assert "Version 1.0, released 4 December 2026" in page
