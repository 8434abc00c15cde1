"""``xslt/dc.xsl`` in XSpec's shape: one scenario per function or template (context, call, expectation)."""

from __future__ import annotations

import functools

import pytest
from lxml import etree

from toolkit.archive import dc

F = "{urn:x-edition:function}"
TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


@functools.cache
def _executable():
    # Its own compiled copy: an executable that has already run a transformation fails on a function call.
    return dc._processor().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(dc.STYLESHEET))


def call(function: str, xml: str) -> str | None:
    """Call a public stylesheet function on the root element of ``xml``; ``None`` for the empty sequence."""
    element = dc._processor().parse_xml(xml_text=xml).children[0]
    result = _executable().call_function_returning_value(F + function, [element])
    return None if result is None else " ".join(str(result.item_at(i)) for i in range(result.size))


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (f'<date {TEI} when="1962-10-27">27 October</date>', "1962-10-27"),
        (f'<date {TEI} from="1962-10-16" to="1962-10-28">thirteen days</date>', "1962-10-16/1962-10-28"),
        (f'<date {TEI} notBefore="1962-10-27T19:00:00">evening</date>', "1962-10-27T19:00:00"),
        (f"<date {TEI}> Spring   1995 </date>", "Spring 1995"),
        (f"<date {TEI}>  </date>", None),
    ],
)
def test_date_prefers_the_normalised_attribute_over_the_text(xml, expected):
    assert call("date", xml) == expected


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (f"<author {TEI}><persName>Anatoly F. Dobrynin</persName>, Soviet ambassador</author>", "Anatoly F. Dobrynin"),
        (f"<editor {TEI}>Jim\n  Hershberg</editor>", "Jim Hershberg"),
        (f"<publisher {TEI}><orgName>the edition team</orgName></publisher>", "the edition team"),
    ],
)
def test_agent_is_the_name_inside_a_described_person(xml, expected):
    assert call("agent", xml) == expected


def test_citation_leaves_out_notes_and_text_language():
    xml = f"<bibl {TEI}><title>We All Lost</title> (1994)<note>long note</note><textLang>English</textLang></bibl>"
    assert call("citation", xml) == "We All Lost (1994)"


TRANSLATION = (
    f'<TEI {TEI} xml:lang="en"><teiHeader><profileDesc><langUsage><language ident="en">English</language>'
    '<language ident="ru">Russian: the original, not reproduced</language></langUsage></profileDesc></teiHeader></TEI>'
)


def test_language_is_the_text_as_encoded_not_every_declared_language():
    assert call("languages", TRANSLATION) == "en"
    assert call("languages", f'<TEI {TEI} xml:lang="de"><teiHeader/><text xml:lang="la"/></TEI>') == "la"


def test_language_falls_back_to_the_first_declared_one():
    declared = f'<TEI {TEI}><teiHeader><profileDesc><langUsage><language ident="fr"/><language ident="ru"/>'
    assert call("languages", declared + "</langUsage></profileDesc></teiHeader></TEI>") == "fr"


def test_the_language_of_an_original_is_described_not_given_as_the_language():
    assert call("other-languages", TRANSLATION) == "ru: Russian: the original, not reproduced"
    record = dc.record(etree.ElementTree(etree.fromstring(TRANSLATION)))
    assert record.fields["language"] == ("en",)
    assert "ru: Russian: the original, not reproduced" in record.fields["description"]


def test_uri_relation_and_edition_rights_are_the_parameters_given():
    xml = f"<TEI {TEI}><teiHeader><fileDesc><publicationStmt><p/></publicationStmt></fileDesc></teiHeader></TEI>"
    record = dc.record(
        etree.ElementTree(etree.fromstring(xml)),
        document_path="tei/a.xml",
        document_uri="https://example.org/e/tei/a.xml",
        part_of="https://example.org/e/",
        edition_rights="CC BY 4.0 https://creativecommons.org/licenses/by/4.0/",
    )
    assert record.fields["identifier"] == ("https://example.org/e/tei/a.xml", "tei/a.xml")
    assert record.fields["relation"] == ("https://example.org/e/",)
    assert record.fields["rights"] == ("CC BY 4.0 https://creativecommons.org/licenses/by/4.0/",)


def test_a_document_that_is_not_tei_gets_no_record():
    with pytest.raises(dc.StylesheetError, match="not a TEI or teiCorpus document"):
        dc.record(etree.ElementTree(etree.fromstring("<html/>")), document_path="page.xml")


def test_record_fields_keep_document_order_and_every_value():
    xml = (
        f"<TEI {TEI}><teiHeader><fileDesc><titleStmt><title>Sub</title><title type='main'>Main</title>"
        "<author>A</author><author>B</author></titleStmt><publicationStmt><publisher>P</publisher></publicationStmt>"
        "<sourceDesc><p/></sourceDesc></fileDesc></teiHeader></TEI>"
    )
    record = dc.record(etree.ElementTree(etree.fromstring(xml)))
    assert record.fields["title"] == ("Main", "Sub")
    assert record.joined("creator") == "A; B"
    assert record.first("date") == ""


def test_an_organisation_named_twice_in_the_title_statement_is_one_contributor():
    # the edition's editors as editor, then "the edition team" in a respStmt: two name forms of one organisation
    xml = (
        f"<TEI {TEI}><teiHeader><fileDesc><titleStmt><title>T</title>"
        "<editor><orgName ref='orgs.xml#team'>the editors</orgName></editor>"
        "<respStmt><resp>translation</resp><name>a translator</name></respStmt>"
        "<respStmt><resp>encoding</resp><orgName ref='orgs.xml#team'>the team</orgName></respStmt>"
        "<respStmt><resp>checking</resp><orgName ref='orgs.xml#other'>others</orgName></respStmt>"
        "</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader></TEI>"
    )
    record = dc.record(etree.ElementTree(etree.fromstring(xml)))
    assert record.fields["contributor"] == ("the editors", "a translator", "others")
