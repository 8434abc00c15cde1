"""The edition model: roles and reading order, pointers, sigla, redactions, document ids — each defined once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EDITION, FIXTURES
from lxml import etree

from toolkit.corpus import TEI_NS, load
from toolkit.edition import (
    POINTER_ATTRIBUTES,
    REDACTION_PATTERN,
    Edition,
    document_id,
    is_local,
    is_redaction,
    siglum,
)
from toolkit.publish.print import plan_edition
from toolkit.validate import validate
from toolkit.variants import interventions

HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt>"
    "<sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"
)


def tei(folder: Path, name: str, body: str, *, root: str = "TEI", xml_id: str | None = None) -> Path:
    """Write a small TEI file ``name`` into ``folder``: a header and ``body``."""
    ident = f' xml:id="{xml_id}"' if xml_id else ""
    path = folder / name
    path.write_text(
        f'<{root} xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude"{ident}>{HEADER}{body}</{root}>',
        encoding="utf-8",
    )
    return path


def element(xml: str) -> etree._Element:
    return etree.fromstring(f'<x xmlns="{TEI_NS}">{xml}</x>')[0]


# --- roles and reading order ------------------------------------------------------------------------------------


def test_the_driver_gives_the_texts_in_its_include_order() -> None:
    edition = Edition(load([EDITION]))
    assert edition.driver is not None and edition.driver.name == "edition.xml"
    included = [i.element.get("href") for i in edition.includes]
    assert [t.name for t in edition.texts] == included
    assert {"persons.xml", "witnesses.xml", "taxonomy.xml"} <= {d.name for d in edition.authorities}
    assert [role for role, _ in edition.roles][:2] == ["driver", "account"]


def test_without_a_driver_every_document_with_a_text_is_a_text(tmp_path: Path) -> None:
    # the print took a document with a list anywhere (a collation's listWit in its header) for an authority file and
    # printed none of its text; the build took it for a text: one rule now, the build's
    collation = "<listWit><witness xml:id='w'>W</witness></listWit>"
    tei(tmp_path, "collation.xml", f"<text><body><p>Words.</p>{collation}</body></text>")
    tei(tmp_path, "persons.xml", "<standOff><listPerson><person xml:id='p'/></listPerson></standOff>")
    edition = Edition(load([tmp_path]))
    assert edition.driver is None
    assert [d.name for d in edition.texts] == ["collation.xml"]
    assert [d.name for d in edition.authorities] == ["persons.xml"]
    assert [p.name for p in plan_edition(edition).accounts] == ["collation.xml"]


def test_a_missing_include_is_left_out_of_the_texts_and_named_once(tmp_path: Path) -> None:
    tei(tmp_path, "a.xml", "<text><body><p>A.</p></body></text>")
    tei(tmp_path, "edition.xml", '<xi:include href="gone.xml"/><xi:include href="a.xml"/>', root="teiCorpus")
    edition = Edition(load([tmp_path]))
    assert [d.name for d in edition.texts] == ["a.xml"]
    assert [i.element.get("href") for i in edition.missing_includes] == ["gone.xml"]
    found = validate([tmp_path]).diagnostics
    assert [d.code for d in found if "gone.xml" in d.message] == ["TEI202"]


def test_reading_order_puts_the_driver_texts_first_and_keeps_the_rest_as_found() -> None:
    edition = Edition(load([EDITION]))
    ordered = edition.in_reading_order()
    assert ordered[: len(edition.texts)] == edition.texts
    assert len(ordered) == len(edition.documents)


def test_document_id_is_the_root_id_else_the_file_stem(tmp_path: Path) -> None:
    with_id = Edition(load([tei(tmp_path, "a.xml", "", xml_id="alpha")])).documents[0]
    without = Edition(load([tei(tmp_path, "b.xml", "")])).documents[0]
    assert (document_id(with_id), document_id(without)) == ("alpha", "b")


# --- pointers ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pointer", ["https://example.org/x", "mailto:editors@example.org", "psn:rfk", "urn:x:y"])
def test_a_uri_or_a_private_prefix_is_not_a_local_pointer(pointer: str) -> None:
    assert not is_local(pointer)


@pytest.mark.parametrize("pointer", ["#p1", "persons.xml#rfk", "persons.xml", "../other/file.xml#x"])
def test_a_fragment_or_a_relative_file_is_a_local_pointer(pointer: str) -> None:
    assert is_local(pointer)


def test_the_pointer_table_covers_the_tei_linking_and_responsibility_classes() -> None:
    linking = {"corresp", "synch", "sameAs", "copyOf", "next", "prev", "exclude", "select"}
    assert linking | {"ref", "target", "resp", "ana", "wit", "who", "source", "facs", "hand"} <= POINTER_ATTRIBUTES
    assert not {"key", "n", "type", "from", "to", "when", "cert", "rend"} & POINTER_ATTRIBUTES


def test_pointers_include_xinclude_href_but_not_other_hrefs() -> None:
    include = etree.fromstring('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="a.xml"/>')
    assert list(Edition.pointers(include)) == [("href", "a.xml")]
    assert list(Edition.pointers(element('<ptr href="a.xml" target="#x #y"/>'))) == [("target", "#x"), ("target", "#y")]


def test_a_mailto_resp_is_not_taken_for_a_file_by_the_print(tmp_path: Path) -> None:
    # the print took everything without "://" for a file: mailto:x@y.org was looked for next to the account
    account = tei(tmp_path, "a.xml", '<text><body><p resp="mailto:x@example.org">A.</p></body></text>')
    (tmp_path / "mailto:x@example.org").write_text("<TEI/>", encoding="utf-8")
    plan = plan_edition([account])
    assert plan.accounts == [account.resolve()] and plan.authorities == []


def test_resolve_reaches_an_element_a_whole_file_or_nothing(tmp_path: Path) -> None:
    tei(tmp_path, "persons.xml", "<standOff><listPerson><person xml:id='rfk'/></listPerson></standOff>")
    account = tei(tmp_path, "a.xml", "<text><body><p xml:id='p1'>A.</p></body></text>")
    edition = Edition(load([account]))
    origin = edition.documents[0]
    assert edition.resolve("#p1", origin).get("n") is None
    assert etree.QName(edition.resolve("persons.xml#rfk", origin)).localname == "person"
    assert etree.QName(edition.resolve("persons.xml", origin)).localname == "TEI"
    assert edition.resolve("persons.xml#nobody", origin) is None
    assert edition.resolve("https://example.org/persons.xml#rfk", origin) is None


def test_a_percent_encoded_file_name_resolves_as_a_uri_reference(tmp_path: Path) -> None:
    # the website's copy decoded %20, the validator's did not (and reported TEI202 for a file that exists)
    tei(tmp_path, "my persons.xml", "<standOff><listPerson><person xml:id='rfk'/></listPerson></standOff>")
    tei(tmp_path, "a.xml", "<text><body><p><persName ref='my%20persons.xml#rfk'>R</persName></p></body></text>")
    codes = {d.code for d in validate([tmp_path / "a.xml"], use_schema=False).diagnostics}
    assert not {"TEI201", "TEI202"} & codes


def test_the_validator_checks_every_pointer_attribute_of_the_table(tmp_path: Path) -> None:
    # the validator looked at 8 attributes, the bag at 28: a dangling @sameAs passed validation and failed the bag
    tei(tmp_path, "a.xml", "<text><body><p xml:id='p1' sameAs='#p9'>A.</p></body></text>")
    found = validate([tmp_path / "a.xml"], use_schema=False).diagnostics
    assert [(d.code, "sameAs" in d.message) for d in found if d.code.startswith("TEI2")] == [("TEI201", True)]


# --- witnesses --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("witness", "expected"),
    [
        ('<witness xml:id="w" n="N"><abbr>X</abbr> and <abbr type="siglum">S</abbr></witness>', "S"),
        ('<witness xml:id="w" n="N"><abbr>X</abbr>: a memoir</witness>', "X"),
        ('<witness xml:id="w" n="N">A memoir</witness>', "N"),
        ('<witness xml:id="w">A memoir</witness>', "w"),
    ],
)
def test_a_siglum_is_abbr_siglum_then_abbr_then_n_then_id(witness: str, expected: str) -> None:
    assert siglum(element(witness)) == expected


def test_sigla_are_keyed_by_the_pointer_and_by_the_bare_id() -> None:
    sigla = Edition(load([EDITION])).sigla()
    assert sigla["witnesses.xml#wit-hershberg"] == sigla["wit-hershberg"] == "H"


def test_the_variants_report_labels_a_witness_by_its_siglum(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # the report labelled a witness by @n, the stylesheets by abbr: an abbr siglum without @n now shows
    from toolkit.variants import build_report

    tei(
        tmp_path,
        "a.xml",
        '<text><body><listWit><witness xml:id="w1"><abbr type="siglum">K</abbr>: a memoir</witness></listWit>'
        '<p><app><lem wit="#w1">a</lem><rdg wit="#w2">b</rdg></app></p></body></text>',
    )
    witnesses = build_report([tmp_path]).apparatus.witnesses
    assert witnesses["w1"].label == "K"
    assert json.dumps(witnesses["w1"].to_dict())


# --- redactions -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["redaction", "redacted", "censored", "classified", "sanitised", "blacked out"])
def test_every_redaction_word_makes_a_gap_a_redaction(reason: str) -> None:
    assert is_redaction(element(f'<gap reason="{reason}"/>'))


def test_an_omission_is_not_a_redaction() -> None:
    assert not is_redaction(element('<gap reason="omitted"/>'))
    assert not is_redaction(element('<gap reason="editorial" rend="ellipsis"/>'))


def test_the_pattern_for_the_stylesheets_is_the_same_definition() -> None:
    import re

    assert re.search(REDACTION_PATTERN, "BLACKED out", re.IGNORECASE) and not re.search(REDACTION_PATTERN, "omitted")


def test_a_classified_gap_is_a_redaction_for_the_validator_as_for_the_variants_report(tmp_path: Path) -> None:
    # the validator's six stems lacked "classif": such a gap was a redaction in the report and not for the rules
    tei(tmp_path, "a.xml", '<text><body><p>A <gap reason="classified"/>.</p></body></text>')
    codes = [d.code for d in validate([tmp_path / "a.xml"], use_schema=False).diagnostics]
    assert "TEI502" in codes and "TEI503" in codes
    assert [i.kind for i in interventions(load([tmp_path])).items] == ["gap-redaction"]


def test_a_blacked_out_gap_is_a_redaction_for_the_variants_report_as_for_the_validator(tmp_path: Path) -> None:
    # the report's eight stems lacked "blacked"
    tei(tmp_path, "a.xml", '<text><body><p>A <gap reason="blacked out" quantity="1" unit="line"/>.</p></body></text>')
    assert [i.kind for i in interventions(load([tmp_path])).items] == ["gap-redaction"]
    assert "TEI503" in {d.code for d in validate([tmp_path / "a.xml"], use_schema=False).diagnostics}


def test_the_print_fixture_edition_is_the_model_of_its_folder() -> None:
    edition = Edition(load([FIXTURES / "print"]))
    assert [d.name for d in edition.texts] == ["beta.xml", "alpha.xml"]
