"""The common layer of the stylesheets (xslt/common/functions.xsl), in XSpec's shape: a context, a call, an expectation.

Each function html, print and the variants page share is defined once there; a scenario calls it through the seam
(toolkit/publish/xslt.py) on a small TEI context. Functions are ``visibility="public"`` so that Python can call them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from toolkit.publish.xslt import Engine, Stylesheet, XsltError
from toolkit.resources import XSLT

F = "{urn:x-edition:function}"
TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'
EDITION = Path(__file__).resolve().parent / "fixtures" / "build" / "edition"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="module")
def common(engine: Engine) -> Stylesheet:
    return engine.stylesheet(XSLT / "common" / "functions.xsl")


def element(engine: Engine, xml: str, base_uri: str = "") -> Any:
    """The root element of a small TEI context."""
    return engine.parse(xml, base_uri=base_uri).children[0]


def witness(engine: Engine, inner: str, attributes: str = "") -> Any:
    return element(engine, f'<witness {TEI} xml:id="wit-x" {attributes}>{inner}</witness>')


# Siglum: abbr[@type='siglum'], then abbr, then @n, then xml:id (toolkit.edition.siglum)


@pytest.mark.parametrize(
    ("inner", "attributes", "siglum"),
    [
        ('<abbr>Ab</abbr><abbr type="siglum">S</abbr>: a witness', 'n="N"', "S"),
        ("<abbr>Ab</abbr>: a witness", 'n="N"', "Ab"),
        ("a witness", 'n="N"', "N"),
        ("a witness", "", "wit-x"),
    ],
)
def test_a_siglum_is_abbr_of_type_siglum_then_abbr_then_n_then_id(
    engine: Engine, common: Stylesheet, inner: str, attributes: str, siglum: str
) -> None:
    assert common.call(F + "siglum", witness(engine, inner, attributes)) == siglum


def test_a_pointer_that_reaches_no_witness_gives_its_id_or_itself(engine: Engine, common: Stylesheet) -> None:
    context = element(engine, f"<rdg {TEI}/>", (EDITION / "account.xml").as_uri())
    assert common.call(F + "siglum", "nowhere.xml#wit-gone", context) == "wit-gone"
    assert common.call(F + "siglum", "A", context) == "A"


def test_the_witness_a_pointer_reaches_gives_its_siglum(engine: Engine, common: Stylesheet) -> None:
    account = element(engine, (EDITION / "account.xml").read_text("utf-8"), (EDITION / "account.xml").as_uri())
    assert common.call(F + "siglum", "witnesses.xml#wit-account", account) == "A"


def test_the_siglum_is_the_models(engine: Engine, common: Stylesheet) -> None:
    edition = pytest.importorskip("toolkit.edition")
    from lxml import etree

    for inner, attributes in [("<abbr>Ab</abbr> x", 'n="N"'), ("x", 'n="N"'), ("x", "")]:
        xml = f'<witness {TEI} xml:id="wit-x" {attributes}>{inner}</witness>'
        assert common.call(F + "siglum", witness(engine, inner, attributes)) == edition.siglum(etree.fromstring(xml))


# Targets: a pointer across files, or within the document


def test_a_pointer_into_another_file_reaches_its_element(engine: Engine, common: Stylesheet) -> None:
    account = element(engine, (EDITION / "account.xml").read_text("utf-8"), (EDITION / "account.xml").as_uri())
    assert common.call(F + "name", common_target(common, "persons.xml#rfk", account)) == "Robert F. Kennedy"


def common_target(common: Stylesheet, pointer: str, context: Any) -> Any:
    """The element f:target returns (called through Saxon, handed back as a node)."""
    value = common._executable.call_function_returning_value(F + "target", [common._engine.value(pointer), context])
    assert value is not None and value.size == 1
    return value.head


def test_a_pointer_without_a_fragment_reaches_nothing(engine: Engine, common: Stylesheet) -> None:
    account = element(engine, (EDITION / "account.xml").read_text("utf-8"), (EDITION / "account.xml").as_uri())
    assert common.call(F + "targets", "persons.xml", account) == ""


def test_the_ids_of_pointers_leave_out_their_file(common: Stylesheet) -> None:
    assert common.call(F + "ids", "persons.xml#rfk #jfk bare") == "rfk jfk"


# Display name, responsible party, sort key


def test_the_display_name_is_the_first_name_form_without_notes(engine: Engine, common: Stylesheet) -> None:
    person = element(engine, f'<person {TEI} xml:id="p"><persName>Robert <note>n</note> Kennedy</persName></person>')
    assert common.call(F + "name", person) == "Robert Kennedy"


def test_a_respstmt_is_responsible_as_resp_and_name(engine: Engine, common: Stylesheet) -> None:
    resp = element(engine, f"<respStmt {TEI}><resp>translated by</resp><name>The team</name></respStmt>")
    assert common.call(F + "responsible", resp) == "translated by: The team"
    org = element(engine, f'<org {TEI} xml:id="o"><orgName>The team</orgName></org>')
    assert common.call(F + "responsible", org) == "The team"


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        (
            "<person {TEI}><persName><forename>Robert</forename> <surname>Kennedy</surname></persName></person>",
            "kennedy, robert",
        ),
        ("<person {TEI}><persName>Nikita Khrushchev</persName></person>", "khrushchev, nikita"),
        ("<person {TEI}><persName>Gromyko</persName></person>", "gromyko"),
        ("<place {TEI}><placeName>Soviet Union</placeName></place>", "soviet union"),
    ],
)
def test_an_index_sorts_persons_by_surname_and_other_entries_by_name(
    engine: Engine, common: Stylesheet, entry: str, key: str
) -> None:
    assert common.call(F + "sort-key", element(engine, entry.format(TEI=TEI))) == key


def test_a_generational_suffix_goes_last_in_the_index_name(engine: Engine, common: Stylesheet) -> None:
    person = element(engine, f"<person {TEI}><persName>Rudolf Anderson Jr.</persName></person>")
    assert common.call(F + "index-name", person) == "Anderson, Rudolf Jr."


# Document id


def test_the_document_id_is_the_root_id_else_the_file_name(engine: Engine, common: Stylesheet) -> None:
    assert common.call(F + "document-id", element(engine, f'<TEI {TEI} xml:id="cable"/>')) == "cable"
    unnamed = element(engine, f"<TEI {TEI}/>", "file:/edition/rusk-as-i-saw-it.xml")
    assert common.call(F + "document-id", unnamed) == "rusk-as-i-saw-it"


# Redaction


@pytest.mark.parametrize(
    "attributes",
    [
        'reason="redaction"',
        'reason="Censored"',
        'type="classified"',
        'reason="sanitised"',
        'reason="SANITIZED"',
        'reason="excised"',
        'reason="withheld"',
        'reason="whited out"',
        'reason="blacked out"',
    ],
)
def test_a_gap_whose_reason_or_type_names_a_redaction_is_one(
    engine: Engine, common: Stylesheet, attributes: str
) -> None:
    assert common.call(F + "is-redaction", element(engine, f"<gap {TEI} {attributes}/>")) == "true"


@pytest.mark.parametrize("attributes", ['reason="editorial"', 'reason="illegible"', ""])
def test_another_gap_is_not_a_redaction(engine: Engine, common: Stylesheet, attributes: str) -> None:
    assert common.call(F + "is-redaction", element(engine, f"<gap {TEI} {attributes}/>")) == "false"


def test_the_redaction_words_are_the_models() -> None:
    edition = pytest.importorskip("toolkit.edition")
    text = (XSLT / "common" / "functions.xsl").read_text(encoding="utf-8")
    pattern = text.split("matches($value, '", 1)[1].split("'", 1)[0]
    assert sorted(pattern.split("|")) == sorted(edition.REDACTION_STEMS)


# The seam: a fatal error keeps its code


def test_a_fatal_error_keeps_its_code(engine: Engine, tmp_path: Path) -> None:
    stylesheet = tmp_path / "fails.xsl"
    stylesheet.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template name="xsl:initial-template"><xsl:sequence select="error(QName(\'urn:x-edition:function\','
        " 'PRN999'), 'PRN999: the print cannot be made')\"/></xsl:template></xsl:stylesheet>",
        encoding="utf-8",
    )
    with pytest.raises(XsltError) as raised:
        engine.stylesheet(stylesheet).transform()
    assert raised.value.code == "PRN999" and "the print cannot be made" in str(raised.value)


def test_a_document_is_parsed_once_per_engine(engine: Engine) -> None:
    assert engine.document(EDITION / "persons.xml") is engine.document(EDITION / "persons.xml")
