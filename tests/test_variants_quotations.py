"""The quotation check: identical, recorded, unrecorded and stale, on fixtures and through ``--check``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from toolkit.cli import main
from toolkit.corpus import load
from toolkit.variants import QuotationCheck, check_quotations
from toolkit.variants.quotations import kind_of

EDITION = FIXTURES / "variants" / "edition"


def checks(folder: Path = EDITION) -> dict[str, QuotationCheck]:
    return {c.source: c for c in check_quotations(load([folder]))}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "edition"
    shutil.copytree(EDITION, target)
    return target


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def variants(*args: str):
    return CliRunner().invoke(main, ["variants", *args], catch_exceptions=False)


def test_identical_quotation_has_no_difference():
    check = checks()["cable.xml#cable-q2"]
    assert (check.status, check.differences, check.stale) == ("identical", [], [])


def test_recorded_difference_is_confirmed_with_its_kind():
    check = checks()["cable.xml#cable-q1"]
    assert check.status == "recorded" and check.witness == "wit-cable"
    (difference,) = check.differences
    assert (difference.status, difference.kind, difference.quote, difference.source) == (
        "confirmed",
        "substantive",
        "himself",
        "him",
    )


def test_case_and_punctuation_differences_are_differences_of_their_kind():
    kinds = [(d.kind, d.quote, d.source) for d in checks()["cable.xml#cable-q3"].differences]
    assert kinds == [("case", "turkey", "Turkey"), ("punctuation", "", ".")]


def test_source_is_read_diplomatically_sic_and_bracketed_supplied_not_corr():
    check = checks()["cable.xml#cable-q3"]
    assert check.source_text == "The Presidnet will remove [the missiles] from Turkey."


def test_gap_and_orig_in_the_source_passage():
    # The redaction gives no words (so the quotation skipping it is identical); orig is read, not reg.
    assert checks()["cable.xml#cable-q4"].status == "identical"


def test_quote_pointing_to_a_bibl_is_not_a_passage_and_is_skipped():
    check = checks()["#comment-bibl"]
    assert check.status == "skipped" and "bibl" in (check.skipped or "")
    assert not check.failed


def test_changed_word_in_a_quotation_is_unrecorded(copy):
    edit(copy, "comment.xml", "only 2-3 people know", "only 3 people know")
    check = checks(copy)["cable.xml#cable-q1"]
    assert check.status == "unrecorded"
    unrecorded = [d for d in check.differences if d.status == "unrecorded"]
    assert [(d.kind, d.quote, d.source, d.line) for d in unrecorded] == [("substantive", "3", "2-3", 12)]
    assert "only [3] people" in unrecorded[0].context


def test_changed_word_in_the_source_makes_the_reading_stale(copy):
    edit(copy, "cable.xml", "besides him and", "besides them and")
    (stale,) = checks(copy)["cable.xml#cable-q1"].stale
    assert (stale.lemma, stale.reading, stale.source) == ("himself", "him", "them")
    assert "does not match" in stale.reason


def test_app_recording_no_difference_is_stale(copy):
    edit(
        copy,
        "comment.xml",
        '<lem wit="witnesses.xml#wit-comment">himself</lem>',
        '<lem wit="witnesses.xml#wit-comment">him</lem>',
    )
    (stale,) = checks(copy)["cable.xml#cable-q1"].stale
    assert "no difference" in stale.reason


def test_app_without_a_reading_for_the_quoted_witness_is_stale(copy):
    edit(
        copy,
        "comment.xml",
        '<rdg wit="witnesses.xml#wit-cable">him</rdg>',
        '<rdg wit="witnesses.xml#wit-memoir">him</rdg>',
    )
    (stale,) = checks(copy)["cable.xml#cable-q1"].stale
    assert "cable.xml" in stale.reason


def test_unresolvable_witness_is_named_in_the_stale_reason(copy):
    (copy / "witnesses.xml").unlink()
    (stale,) = checks(copy)["cable.xml#cable-q1"].stale
    assert "witnesses.xml#wit-cable" in stale.reason and "no such witness" in stale.reason


def test_added_word_and_omitted_word_are_unrecorded(copy):
    edit(copy, "comment.xml", "It is a request, and not", "It is a request, not really")
    kinds = sorted((d.kind, d.quote, d.source) for d in checks(copy)["cable.xml#cable-q2"].differences)
    assert kinds == [("addition", "really", ""), ("omission", "", "and")]


def test_check_exits_0_when_every_difference_is_recorded():
    result = variants("--check", str(EDITION))
    assert result.exit_code == 0, result.output
    assert "0 unrecorded, 0 stale" in result.output


def test_check_exits_1_and_reports_an_unrecorded_difference(copy):
    edit(copy, "comment.xml", "only 2-3 people know", "only 3 people know")
    result = variants("--check", str(copy))
    assert result.exit_code == 1
    assert "UNRECORDED substantive" in result.output and "«3»" in result.output and "«2-3»" in result.output


def test_without_check_differences_do_not_change_the_exit_status(copy):
    edit(copy, "comment.xml", "only 2-3 people know", "only 3 people know")
    assert variants(str(copy)).exit_code == 0


def test_check_exits_2_on_a_missing_path(tmp_path):
    result = variants("--check", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "no such file" in result.output


def test_check_exits_2_on_a_malformed_file(copy):
    (copy / "broken.xml").write_text("<TEI><text>", encoding="utf-8")
    result = variants("--check", str(copy))
    assert result.exit_code == 2 and "not well-formed" in result.output


@given(
    st.lists(st.sampled_from(["a", "B", "b", ",", ".", "c"]), max_size=6),
    st.lists(st.sampled_from(["a", "b", ",", "c"]), max_size=6),
)
def test_kind_is_punctuation_exactly_when_the_words_agree(quoted, source):
    words = [t for t in quoted if t.isalpha()] == [t for t in source if t.isalpha()]
    assert (kind_of(quoted, source) == "punctuation") == words


def test_kind_ignores_words_both_sides_share():
    assert kind_of(["American", "military"], ["military"]) == "addition"
    assert kind_of(["the", "request"], ["the", "Request"]) == "case"
