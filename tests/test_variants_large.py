"""A generated apparatus (10,000 ``app``, 50 witnesses) is reported correctly; generator in benchmarks/variants.py."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from toolkit.variants import VariantsReport, build_report, render

_spec = importlib.util.spec_from_file_location("variants_benchmark", ROOT / "benchmarks" / "variants.py")
assert _spec is not None and _spec.loader is not None
benchmark = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = benchmark  # dataclasses look their module up there
_spec.loader.exec_module(benchmark)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, VariantsReport]:
    path = tmp_path_factory.mktemp("large") / "large.xml"
    expected = benchmark.generate(path, apps=10_000, witnesses=50)
    return expected, build_report([path])


pytestmark = pytest.mark.slow


def test_every_app_is_reported_including_nested_and_grouped(large):
    expected, report = large
    assert expected.apps == 10_000 and expected.nested > 0 and expected.grouped > 0
    assert len(report.apparatus.entries) == expected.apps
    assert sum(1 for e in report.apparatus.entries if e.depth == 1) == expected.nested
    assert sum(1 for e in report.apparatus.entries for r in e.readings if r.group) == 2 * expected.grouped


def test_readings_per_witness_match_the_generator(large):
    expected, report = large
    counts = {c.siglum: c for c in report.statistics.counts}
    assert list(counts) == expected.sigla
    assert {s: c.lemma for s, c in counts.items()} == expected.lemma
    assert {s: c.variant for s, c in counts.items()} == expected.variant
    assert {s: c.details for s, c in counts.items()} == expected.details


def test_agreement_matrix_sums_and_diagonal(large):
    expected, report = large
    stats = report.statistics
    assert sum(map(sum, stats.agreement)) == expected.agreement_sum
    for i, counts in enumerate(stats.counts):
        assert stats.agreement[i][i] == counts.readings
        assert stats.shared[i][i] == counts.readings  # a witness attests one reading per app
    assert all(stats.agreement[i][j] == stats.agreement[j][i] for i in range(50) for j in range(50))
    assert all(stats.agreement[i][j] <= stats.shared[i][j] for i in range(50) for j in range(50))


def test_json_of_the_large_apparatus_round_trips(large):
    expected, report = large
    data = json.loads(render(report, "json"))
    assert len(data["entries"]) == expected.apps
    assert sum(len(r["wit"]) for e in data["entries"] for r in [e["lemma"], *e["readings"]]) == sum(
        expected.lemma.values()
    ) + sum(expected.variant.values())


def test_text_summarises_many_witnesses_as_pairs(large):
    _, report = large
    output = render(report, "text")
    assert "Agreement: 50 witnesses; the 10 most and" in output
    assert output.count(" · ") == 20  # ten pairs that agree most, ten that agree least
    assert "10000 apparatus entries, 50 witnesses" in output


def test_generator_is_deterministic(tmp_path: Path):
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    benchmark.generate(first, apps=200, witnesses=10)
    benchmark.generate(second, apps=200, witnesses=10)
    assert first.read_bytes() == second.read_bytes()
