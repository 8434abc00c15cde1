"""The quotation check: identical, recorded, unrecorded and stale, on fixtures and through ``--check``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
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


def test_check_exits_1_on_a_malformed_file(copy):
    (copy / "broken.xml").write_text("<TEI><text>", encoding="utf-8")
    result = variants("--check", str(copy))
    assert result.exit_code == 1 and "not well-formed" in result.output


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


@pytest.fixture
def tei_copy(edition_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "tei"
    shutil.copytree(edition_dir, target)
    return target


def test_changed_word_beside_an_empty_reading_is_unrecorded_and_the_reading_confirmed(tei_copy):
    # "the <app>American/∅</app> military <app>might/will not</app>": the empty reading stands next to "military".
    edit(tei_copy, "hershberg-intro.xml", "military</orgName> <app", "army</orgName> <app")
    result = variants("--check", "--account", "hershberg-intro", str(tei_copy))
    assert result.exit_code == 1, result.output
    source = "(khrushchev-remembers.xml#khrushchev-remembers-q1)"
    assert f"UNRECORDED substantive: quote «army» / source «military» {source} in: the [army] will" in result.output
    assert f"CONFIRMED addition: quote «American» / source «» {source}" in result.output
    assert "STALE" not in result.output and "2 confirmed, 1 unrecorded, 0 stale" in result.output


def test_changed_case_beside_a_punctuation_reading_is_an_unrecorded_case_difference(tei_copy):
    # "itching for a fight<app>./∅</app>": the empty reading follows "fight".
    edit(tei_copy, "lebow-stein-comment.xml", "itching for a fight<app", "itching for a FIGHT<app")
    result = variants("--check", "--account", "lebow-stein-comment", str(tei_copy))
    assert result.exit_code == 1, result.output
    source = "(dobrynin-cable.xml#dobrynin-cable-q2)"
    assert f"UNRECORDED case: quote «FIGHT» / source «fight» {source} in: itching for a [FIGHT]" in result.output
    assert f"CONFIRMED punctuation: quote «.» / source «» {source}" in result.output
    assert "STALE" not in result.output and "4 confirmed, 1 unrecorded, 0 stale" in result.output


VOCABULARY = ["the", "The", "military", "will", "not", "him", "and", "power", ",", "."]
#: A quotation: free tokens, and apps as (lemma tokens, reading tokens for the source's witness).
Segments = list[str | tuple[list[str], list[str]]]


@st.composite
def resolved_quotations(draw: st.DrawFn) -> Segments:
    """A quotation as segments: a free token, or an app as (lem tokens, the source's tokens), with a free word."""
    tokens = st.lists(st.sampled_from(VOCABULARY), max_size=2)
    app = st.tuples(tokens, tokens).filter(lambda a: a[0] != a[1])
    segments = draw(st.lists(st.one_of(st.sampled_from(VOCABULARY), app), min_size=1, max_size=8))
    return draw(st.permutations([*segments, draw(st.sampled_from(VOCABULARY[:-2]))]))


def check_written(segments: Segments, quoted: Segments | None = None) -> QuotationCheck:
    """Check ``quoted`` (default ``segments``) against a source reading ``segments`` with each app's reading."""

    def app(lem: list[str], rdg: list[str]) -> str:
        return f'<app><lem wit="#wit-q">{" ".join(lem)}</lem><rdg wit="#wit-s">{" ".join(rdg)}</rdg></app>'

    quote = " ".join(s if isinstance(s, str) else app(*s) for s in quoted or segments)
    passage = " ".join(s if isinstance(s, str) else " ".join(s[1]) for s in segments)
    tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{}">{}<text><body><p>{}</p></body></text></TEI>'
    witnesses = '<witness xml:id="wit-q" corresp="#q"/><witness xml:id="wit-s" corresp="s.xml#s"/>'
    with tempfile.TemporaryDirectory() as folder:
        header = f"<teiHeader><fileDesc><sourceDesc><listWit>{witnesses}</listWit></sourceDesc></fileDesc></teiHeader>"
        Path(folder, "q.xml").write_text(tei.format("q", header, f'<quote source="s.xml#p">{quote}</quote>'))
        Path(folder, "s.xml").write_text(tei.format("s", "", f'<seg xml:id="p">{passage}</seg>'))
        (check,) = check_quotations(load([Path(folder)]))
    return check


@settings(max_examples=60, deadline=None)
@given(resolved_quotations())
def test_quotation_equal_to_its_source_once_the_apps_are_resolved_has_only_confirmed_differences(segments):
    check = check_written(segments)
    apps = [s for s in segments if not isinstance(s, str)]
    assert check.stale == [] and [d.status for d in check.differences] == ["confirmed"] * len(apps)


@settings(max_examples=60, deadline=None)
@given(resolved_quotations(), st.data())
def test_one_changed_word_is_one_unrecorded_difference_at_that_word(segments, data):
    words = [i for i, s in enumerate(segments) if isinstance(s, str) and s.isalpha()]
    index = data.draw(st.sampled_from(words))
    old = segments[index]
    new = data.draw(st.sampled_from(["army", old.upper(), old.capitalize()]).filter(lambda w: w != old))
    check = check_written(segments, [*segments[:index], new, *segments[index + 1 :]])
    unrecorded = [d for d in check.differences if d.status == "unrecorded"]
    assert check.stale == [] and [(d.kind, d.quote, d.source) for d in unrecorded] == [
        (kind_of([new], [old]), new, old)
    ]
    assert f"[{new}]" in unrecorded[0].context
