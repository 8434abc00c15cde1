"""The report's formats (text, CSV, JSON, HTML, TEI), the public API and the golden files."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from lxml import etree, html

import toolkit.variants
from tests.conftest import FIXTURES, ROOT
from tests.golden import GOLDEN as GOLDEN_FILES
from tests.golden import as_stored, canonical_xml, check_golden
from toolkit.cli import main
from toolkit.variants import build_report, html_page

EDITION = FIXTURES / "variants" / "edition"
GENERIC = FIXTURES / "variants" / "generic.xml"
GOLDEN = GOLDEN_FILES / "variants"


@pytest.fixture(autouse=True)
def _in_project(monkeypatch):
    monkeypatch.chdir(ROOT)  # reports show paths relative to the working folder


def variants(*args: str) -> str:
    result = CliRunner().invoke(main, ["variants", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_json_has_the_documented_entry_shape():
    data = json.loads(variants("--format", "json", str(EDITION)))
    first = data["entries"][0]
    assert first["file"] == "tests/fixtures/variants/edition/comment.xml"
    assert first["location"]["id"] == "comment-p1" and first["location"]["line"] == 12
    assert first["lemma"]["text"] == "himself" and first["lemma"]["wit"] == ["wit-comment"]
    assert [(r["text"], r["wit"], r["type"]) for r in first["readings"]] == [("him", ["wit-cable"], "substantive")]
    assert set(data) == {
        "accounts",
        "entries",
        "witnesses",
        "statistics",
        "interventions",
        "quotations",
        "points",
        "errors",
        "summary",
    }


def test_csv_has_one_row_per_reading():
    rows = list(csv.DictReader(io.StringIO(variants("--format", "csv", str(GENERIC)))))
    assert len(rows) == 3 + 2 + 2  # lem + 2 rdg, lem + rdg, nested lem + rdg
    assert rows[0]["role"] == "lem" and rows[0]["wit"] == "A B" and rows[0]["text"] == "morning"
    assert rows[4]["text"] == "" and rows[4]["type"] == "omission"


def test_text_shows_every_part():
    output = variants(str(EDITION))
    for title in (
        "Apparatus: comment",
        "Readings per witness",
        "Agreement",
        "Editorial interventions",
        "Quotation check",
    ):
        assert title in output
    assert "[the missiles]" in output  # shown as text, not swallowed as terminal markup


def test_witness_filter_keeps_only_entries_citing_it():
    data = json.loads(variants("--format", "json", "--witness", "C", str(GENERIC)))
    assert [e["id"] for e in data["entries"]] == ["app1", "app2"]


def test_account_filter_applies_to_every_part():
    data = json.loads(variants("--format", "json", "--account", "cable", str(EDITION)))
    assert data["entries"] == [] and data["quotations"] == []
    assert {i["account"] for i in data["interventions"]["items"]} == {"cable"}
    assert data["points"]["accounts"] == ["cable"]


def test_interventions_are_counted_per_account_with_gap_kinds():
    counts = json.loads(variants("--format", "json", str(EDITION)))["interventions"]["counts"]
    assert counts == {"cable": {"correction": 1, "supplied": 1, "gap-omission": 1, "gap-redaction": 1, "gap-other": 0}}


def test_contested_points_matrix_has_every_point_and_the_words():
    points = json.loads(variants("--format", "json", str(EDITION)))["points"]
    assert [p["id"] for p in points["points"]] == ["pt-deal", "pt-deadline", "pt-unused"]
    assert [p["text"] for p in points["matrix"]["pt-deadline"]["cable"]] == ["It is a request, and not an ultimatum."]
    assert points["matrix"]["pt-unused"] == {"cable": [], "comment": []}


def test_html_page_is_a_complete_accessible_document():
    page = html_page([EDITION], css_href="../css/edition.css")
    assert page.startswith("<!DOCTYPE")
    tree = html.document_fromstring(page)
    assert tree.get("lang") == "en"
    assert tree.find(".//title").text and len(tree.findall(".//h1")) == 1
    for landmark in ("header", "nav", "main", "footer"):
        assert tree.find(f".//{landmark}") is not None, landmark
    assert tree.find(".//link[@rel='stylesheet']").get("href") == "../css/edition.css"
    for table in tree.iter("table"):
        assert table.find("caption") is not None
    assert all(th.get("scope") in ("col", "row") for th in tree.iter("th"))


def test_html_page_names_witnesses_by_their_sigla_with_the_witness_on_hover():
    tree = html.document_fromstring(html_page([ROOT / "tei"], css_href="edition.css"))
    cited = {a.text: a.get("title") for a in tree.iterfind(".//table[@class='apparatus']//span[@class='wit']/abbr")}
    assert cited, "no witness cited in the apparatus table"
    assert cited["D"].startswith("wit-cable: ") and cited["LS"].startswith("wit-lebow-stein: ")


def test_html_format_of_the_cli_is_the_html_page():
    assert variants("--format", "html", "--css-href", "x.css", str(EDITION)) == html_page([EDITION], css_href="x.css")


def test_tei_output_is_valid_tei_p5(shared, tmp_path):
    if shutil.which("jing") is None:
        pytest.skip("jing is not installed")
    out = tmp_path / "apparatus.xml"
    corpus = shared / "corpus"
    out.write_text(
        variants("--format", "tei", str(EDITION), str(GENERIC), str(corpus / "teiphy-some-dates-collation.xml"))
    )
    result = subprocess.run(["jing", str(shared / "tei-p5" / "tei_all.rng"), str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    apps = etree.parse(str(out)).findall(".//{http://www.tei-c.org/ns/1.0}app")
    assert len(apps) == 3 + 3 + 1


def test_public_api_is_exported():
    for name in toolkit.variants.__all__:
        assert hasattr(toolkit.variants, name), name
    public = {n for n in vars(toolkit.variants) if not n.startswith("_") and callable(getattr(toolkit.variants, n))}
    assert public - {"annotations"} <= set(toolkit.variants.__all__) | {"Path", "Sequence"}


@pytest.mark.parametrize(
    ("name", "fmt"), [("edition.json", "json"), ("generic.tei.xml", "tei"), ("generic.csv", "csv")]
)
def test_output_matches_its_golden_file(name, fmt):
    source = EDITION if name.startswith("edition") else GENERIC
    output = variants("--format", fmt, str(source))
    check_golden(GOLDEN / name, output, canonical_xml if fmt == "tei" else as_stored)


def test_report_counts_in_the_summary():
    summary = build_report([EDITION]).summary()
    assert (summary["quotations"], summary["confirmed"], summary["unrecorded"], summary["stale"]) == (4, 3, 0, 0)
    assert summary["skipped"] == 1


@pytest.mark.browser
def test_html_page_has_no_accessibility_violations(tmp_path):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "variants.html"
    page_file.write_text(html_page([EDITION, GENERIC], css_href="edition.css"), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            results = Axe().run(page)
        finally:
            browser.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("option", "value"), [("--account", "nobody"), ("--witness", "wit-nobody")])
def test_a_filter_naming_nothing_is_a_usage_error(option, value):
    result = CliRunner().invoke(main, ["variants", option, value, str(EDITION)])
    assert result.exit_code == 2 and f"{value!r}" in result.output


def test_account_can_be_named_by_its_file(tmp_path):
    folder = tmp_path / "edition"
    shutil.copytree(EDITION, folder)
    (folder / "cable.xml").rename(folder / "the-cable.xml")
    for name in ("comment.xml", "witnesses.xml"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace("cable.xml#", "the-cable.xml#"), encoding="utf-8")
    data = json.loads(variants("--format", "json", "--account", "the-cable", str(folder)))
    assert data["points"]["accounts"] == ["cable"]


def test_foreign_corpus_reports_and_a_malformed_file_is_a_problem_of_the_sources(shared):
    corpus = shared / "corpus"
    for name in ("teiphy-some-dates-collation.xml", "tei-stylesheets-testapp.xml", "tei-stylesheets-maria.xml"):
        assert CliRunner().invoke(main, ["variants", "--check", str(corpus / name)]).exit_code == 0, name
    broken = CliRunner().invoke(main, ["variants", str(corpus / "tei-stylesheets-testrend.xml")])
    assert broken.exit_code == 1 and "TEI001" in broken.output  # as in every command (tests/test_exit_codes.py)
