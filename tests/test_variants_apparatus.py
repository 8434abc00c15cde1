"""The apparatus parser: our edition's encoding, and parallel segmentation from other projects."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from toolkit.corpus import load
from toolkit.variants import Apparatus, collect, statistics

VARIANTS = FIXTURES / "variants"


def apparatus_of(*paths: Path) -> Apparatus:
    return collect(load(paths))


@pytest.fixture(scope="module")
def generic() -> Apparatus:
    return apparatus_of(VARIANTS / "generic.xml")


def test_every_app_is_an_entry_including_nested_ones(generic):
    assert [e.xml_id for e in generic.entries] == ["app1", "app2", "app3"]


def test_nested_app_knows_its_parent_and_depth(generic):
    outer, nested = generic.entries[1], generic.entries[2]
    assert (nested.parent, nested.depth) == (outer.index, 1)
    assert outer.lemma is not None and outer.lemma.text == "went out early"


def test_readings_inside_rdggrp_are_readings_with_their_group(generic):
    readings = generic.entries[0].readings
    assert [(r.text, r.wit, r.group) for r in readings] == [
        ("mornyng", ("C",), "orthographic"),
        ("mourning", ("D",), "orthographic"),
    ]


def test_bare_sigla_and_pointers_reach_the_same_witness(generic):
    assert generic.entries[1].readings[0].wit == ("C", "D")
    assert generic.witnesses["D"].label == "Dee" and generic.witnesses["D"].declared


def test_witdetail_and_note_belong_to_their_app_only(generic):
    outer = generic.entries[1]
    assert [(d.wit, d.type, d.text) for d in outer.details] == [(("B",), "lac", "B is damaged here.")]
    assert generic.entries[0].notes == ("C and D spell the same word.",)
    assert generic.entries[2].details == ()


def test_empty_reading_is_an_omission_with_empty_text(generic):
    reading = generic.entries[1].readings[0]
    assert (reading.text, reading.type) == ("", "omission")


def test_location_gives_paragraph_and_line(generic):
    location = generic.entries[0].location
    assert (location.block, location.n, location.line) == ("p", "1", 20)
    assert location.xpath == "/TEI/text[1]/body[1]/p[1]/app[1]"


def test_filters_by_witness_type_and_account(generic):
    assert [e.xml_id for e in generic.filtered(witness="B").entries] == ["app1", "app3"]  # not its witDetail
    assert [e.xml_id for e in generic.filtered(witness="Dee").entries] == ["app1", "app2"]
    assert [e.xml_id for e in generic.filtered(type="orthographic").entries] == ["app1"]
    assert generic.filtered(account="elsewhere").entries == []


def test_teiphy_collation_is_read_with_all_its_witnesses(shared):
    apparatus = apparatus_of(shared / "corpus" / "teiphy-some-dates-collation.xml")
    (entry,) = apparatus.entries
    assert entry.xml_id == "B10K1V1U24-26"
    assert entry.lemma is not None and (entry.lemma.text, entry.lemma.wit) == ("εν εφεσω", ())
    # Counted by hand in the file: 30 witnesses for reading 1, one for 1-f1, five for 2, four lacunose.
    assert [(r.n, len(r.wit), r.text) for r in entry.readings] == [
        ("1", 30, "εν εφεσω"),
        ("1-f1", 1, "εν εφεω"),
        ("2", 5, ""),
    ]
    assert entry.readings[1].type == "defective" and entry.readings[1].cause == "parablepsis"
    assert [(d.type, d.wit) for d in entry.details] == [("lac", ("04", "06C1", "06C2", "syrhmg"))]
    undeclared = [w.siglum for w in apparatus.witnesses.values() if not w.declared]
    assert undeclared == ["01C2", "03C2", "424*", "01*", "03*"]
    stats = statistics(apparatus.entries, apparatus.witnesses)
    assert len(stats.witnesses) == 38 + 5  # 38 declared in listWit, 5 cited sigla that are not
    assert sum(map(sum, stats.agreement)) == 30**2 + 1**2 + 5**2
    assert stats.counts[stats.witnesses.index("04")].details == 1


def test_tei_stylesheets_testapp_is_read(shared):
    (entry,) = apparatus_of(shared / "corpus" / "tei-stylesheets-testapp.xml").entries
    assert entry.lemma is not None and (entry.lemma.text, entry.lemma.wit) == ("butchery", ("gp",))
    assert [(r.text, r.wit) for r in entry.readings] == [("bûchers", ("fr",))]
