"""Witness statistics, editorial interventions and contested points on small fixtures, counted by hand."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from toolkit.corpus import load
from toolkit.variants import WitnessStatistics, collect, contested_points, interventions, statistics
from toolkit.variants.interventions import gap_kind

VARIANTS = FIXTURES / "variants"


@pytest.fixture(scope="module")
def stats() -> WitnessStatistics:
    apparatus = collect(load([VARIANTS / "generic.xml"]))
    return statistics(apparatus.entries, apparatus.witnesses)


def cell(stats: WitnessStatistics, a: str, b: str) -> tuple[int, int]:
    i, j = stats.witnesses.index(a), stats.witnesses.index(b)
    return stats.agreement[i][j], stats.shared[i][j]


def test_readings_per_witness_count_lemma_variant_and_details(stats):
    counts = {c.siglum: (c.lemma, c.variant, c.details) for c in stats.counts}
    assert counts == {"A": (3, 0, 0), "B": (1, 1, 1), "C": (0, 2, 0), "D": (0, 2, 0)}


def test_agreement_is_the_same_reading_in_an_app_and_shared_is_both_cited(stats):
    assert cell(stats, "A", "B") == (1, 2)  # together in app1's lemma; apart in app3; B's witDetail is no reading
    assert cell(stats, "C", "D") == (1, 2)  # together in app2's omission; apart within app1's rdgGrp
    assert cell(stats, "A", "C") == (0, 2)
    assert cell(stats, "A", "A") == (3, 3)


def test_an_uncited_declared_witness_is_listed_with_zero_counts():
    apparatus = collect(load([VARIANTS / "edition"]))
    result = statistics(apparatus.entries, apparatus.witnesses)
    memoir = next(c for c in result.counts if c.siglum == "wit-memoir")
    assert (memoir.readings, memoir.details) == (0, 0)


def test_interventions_keep_what_is_printed_and_what_we_give():
    items = interventions(load([VARIANTS / "edition"])).items
    assert [(i.kind, i.printed, i.given, i.reason) for i in items] == [
        ("correction", "Presidnet", "President", ""),
        ("supplied", "", "the missiles", "clarification"),
        ("gap-redaction", "", "1 line", "redaction"),
        ("gap-omission", "", "2 word", "omitted"),
    ]
    assert {i.block_id for i in items} == {"cable-p2", "cable-p3"}


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("redaction", "redaction"),
        ("classified", "redaction"),
        ("editorial ellipsis", "omission"),
        ("illegible", "other"),
    ],
)
def test_gap_kind_from_its_reason(reason, kind):
    assert gap_kind(reason) == kind


def test_contested_points_read_seg_ana_in_every_account():
    matrix = contested_points(load([VARIANTS / "edition"]))
    assert matrix.accounts == ["cable", "comment"]
    assert [p.text for p in matrix.passages("pt-deal", "comment")] == [
        '"The Presidnet will remove [the missiles] from turkey"'
    ]
    assert matrix.passages("pt-unused", "cable") == []
