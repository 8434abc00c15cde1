"""``edition build``: validation first, atomic and reproducible output, incremental rebuilds, generic rendering."""

from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit.cli import main
from toolkit.publish import html as html_module
from toolkit.publish.build import BuildError, BuildOptions, build
from toolkit.publish.output import CACHE_FILE, MANIFEST

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EDITION = FIXTURES / "build" / "edition"
GENERIC = FIXTURES / "build" / "generic.xml"
INVALID = FIXTURES / "validate" / "broken" / "TEI201-unknown-id.xml"

PAGES = {
    "index.html",
    "account.html",
    "cable.html",
    "persons.html",
    "places.html",
    "orgs.html",
    "timeline.html",
    "compare.html",
    "method.html",
    "search.html",
}


def run(*args: str) -> object:
    return CliRunner().invoke(main, ["build", *args])


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    """A copy of the fixture edition that a test may change."""
    copy = tmp_path / "tei"
    shutil.copytree(EDITION, copy)
    return copy


def test_build_writes_a_page_per_text_and_the_edition_pages(edition: Path, tmp_path: Path) -> None:
    result = run(str(edition), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    pages = {p.name for p in (tmp_path / "out" / "html").glob("*.html")}
    assert pages >= PAGES
    assert (tmp_path / "out" / "html" / "pagefind" / "pagefind-ui.js").is_file()
    assert (tmp_path / "out" / "html" / "assets" / "edition.css").is_file()
    assert "transformed" in result.output


def test_two_builds_are_byte_identical(edition: Path, tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert run(str(edition), "--out", str(tmp_path / name)).exit_code == 0
    one, two = tmp_path / "one", tmp_path / "two"
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(one, two, files, shallow=False)
    assert mismatch == [] and errors == [] and len(match) == len(files)
    assert any(file.startswith("html/pagefind/") for file in files)  # the search index reproduces too


def test_the_build_reports_its_progress(edition: Path, tmp_path: Path) -> None:
    steps: list[tuple[str, int, int]] = []
    build([edition], BuildOptions(out=tmp_path / "out"), lambda step, done, total: steps.append((step, done, total)))
    assert steps[0][0] == "validating"
    assert steps[-1][1] == steps[-1][2] and "html/site" in [step for step, _, _ in steps]


def test_a_second_build_transforms_nothing(edition: Path, tmp_path: Path) -> None:
    options = BuildOptions(out=tmp_path / "out")
    first = build([edition], options)
    second = build([edition], options)
    assert first.transformed > 0
    assert second.transformed == 0
    assert second.reused == first.transformed
    assert second.written == first.written


def test_changing_one_text_transforms_only_the_pages_that_read_it(edition: Path, tmp_path: Path) -> None:
    options = BuildOptions(out=tmp_path / "out")
    build([edition], options)
    account = edition / "account.xml"
    account.write_text(account.read_text(encoding="utf-8").replace("he</supplied>", "she</supplied>"), "utf-8")
    again = build([edition], options)
    # cable.html does not read account.xml; its summary is made again but comes out the same, so the edition pages
    # are not; the variants report reads every file (and its page is made again if the report changed), but of its
    # per-document parts only those of account.xml and of the files that point at it (the driver includes it, a
    # witness stands for it) are made again
    variants = {".build-summaries/variants-report.json", "html/variants.html"}
    parts = {f".build-summaries/variants/{name}.xml.json" for name in ("account", "edition", "witnesses")}
    ran = {"html/account.html", ".build-summaries/account.xml", "html/dts/account", *parts}
    assert set(again.ran) - variants == ran
    assert "[she]" in (tmp_path / "out" / "html" / "account.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", [EDITION, FIXTURES.parent.parent / "tei"], ids=["fixture", "edition"])
def test_the_variants_report_from_per_document_parts_is_the_whole_report(folder: Path, tmp_path: Path) -> None:
    # what the build publishes (parts reduced) is what toolkit.variants.report_json makes from every document (in
    # the edition's order of roles, as the build gives them)
    from toolkit.corpus import load
    from toolkit.edition import Edition
    from toolkit.variants import report_json

    assert build([folder], BuildOptions(out=tmp_path / "out", force=True)).published
    built = (tmp_path / "out" / html_module.VARIANTS_REPORT).read_text(encoding="utf-8")
    assert built == report_json(Edition(load([folder])).all)


def test_the_variants_page_is_made_again_only_when_the_report_changed(edition: Path, tmp_path: Path) -> None:
    build([edition], BuildOptions(out=tmp_path / "out"))
    account = edition / "account.xml"
    account.write_text(account.read_text(encoding="utf-8").replace(" met <rs", " saw <rs"), "utf-8")
    again = build([edition], BuildOptions(out=tmp_path / "out"))
    # a word outside the apparatus, quotations, interventions and contested passages: the report is the same
    assert ".build-summaries/variants-report.json" in again.ran and "html/variants.html" not in again.ran
    account.write_text(account.read_text(encoding="utf-8").replace("a plea</rdg>", "a prayer</rdg>"), "utf-8")
    third = build([edition], BuildOptions(out=tmp_path / "out"))
    build([edition], BuildOptions(out=tmp_path / "clean", clean=True))
    assert "html/variants.html" in third.ran
    assert filecmp.cmp(tmp_path / "out" / "html" / "variants.html", tmp_path / "clean" / "html" / "variants.html")
    assert "a prayer" in (tmp_path / "out" / "html" / "variants.html").read_text(encoding="utf-8")


def test_a_new_mention_remakes_the_edition_pages_as_a_clean_build_would(edition: Path, tmp_path: Path) -> None:
    build([edition], BuildOptions(out=tmp_path / "out"))
    account = edition / "account.xml"
    text = account.read_text(encoding="utf-8")
    account.write_text(text.replace("left<gap", 'left <date when="1962-10-29">Monday</date><gap'), "utf-8")
    again = build([edition], BuildOptions(out=tmp_path / "out"))
    clean = build([edition], BuildOptions(out=tmp_path / "clean", clean=True))
    assert "html/site" in again.ran and again.written == clean.written
    for name in ("timeline.html", "index.html", "persons.html"):
        assert filecmp.cmp(tmp_path / "out" / "html" / name, tmp_path / "clean" / "html" / name, shallow=False)
    assert "29 October 1962" in (tmp_path / "out" / "html" / "timeline.html").read_text(encoding="utf-8")


def test_the_variants_page_has_the_site_header_navigation_and_footer(edition: Path, tmp_path: Path) -> None:
    build([edition], BuildOptions(out=tmp_path / "out"))
    page = lxml.html.parse(str(tmp_path / "out" / "html" / "variants.html")).getroot()
    home = lxml.html.parse(str(tmp_path / "out" / "html" / "index.html")).getroot()
    links = page.xpath("//header[@class='site-header']//nav//a/@href")
    assert links == home.xpath("//header[@class='site-header']//nav//a/@href") and "variants.html" in links
    assert page.xpath("//nav//a[@aria-current='page']/@href") == ["variants.html"]
    assert page.xpath("//footer[@class='site-footer']") and page.xpath("//main//section[@id='apparatus']")


def test_clean_rebuilds_everything(edition: Path, tmp_path: Path) -> None:
    build([edition], BuildOptions(out=tmp_path / "out"))
    again = build([edition], BuildOptions(out=tmp_path / "out", clean=True))
    assert again.reused == 0


def test_a_failed_build_leaves_the_previous_output_intact(edition: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    build([edition], BuildOptions(out=out))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def fail(run: object) -> None:
        raise BuildError("the search index failed")

    monkeypatch.setattr(html_module, "search_index", fail)
    (edition / "cable.xml").write_text((edition / "cable.xml").read_text().replace("said", "SAID"), encoding="utf-8")
    with pytest.raises(BuildError):
        build([edition], BuildOptions(out=out))
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_an_interrupted_build_leaves_the_previous_output_intact(edition: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    build([edition], BuildOptions(out=out))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def interrupt(run: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(html_module, "search_index", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build([edition], BuildOptions(out=out, clean=True))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tei"]


def test_a_successful_build_replaces_the_output_and_leaves_nothing_beside_it(edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([edition], BuildOptions(out=out))
    # a page an older build wrote (its manifest lists it) and this one does not write
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / "html" / "stale.html").write_text("from an older build", encoding="utf-8")
    (out / MANIFEST).write_text(json.dumps({**manifest, "files": [*manifest["files"], "html/stale.html"]}))
    build([edition], BuildOptions(out=out, clean=True))
    assert not (out / "html" / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tei"]


def test_an_invalid_edition_is_not_published(tmp_path: Path) -> None:
    result = run(str(INVALID), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "TEI201" in result.output
    assert "not published" in result.output
    assert not (tmp_path / "out").exists()


def test_force_publishes_an_invalid_edition(tmp_path: Path) -> None:
    result = run(str(INVALID), "--out", str(tmp_path / "out"), "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "html" / (INVALID.stem + ".html")).is_file()


def test_unknown_elements_are_rendered_as_text_and_reported(tmp_path: Path) -> None:
    report = build([GENERIC], BuildOptions(out=tmp_path / "out", force=True))
    page = (tmp_path / "out" / "html" / "generic.html").read_text(encoding="utf-8")
    assert "Ophelia" in page and "E=mc^2" in page
    generic = {d.message.split(">")[0].lstrip("<"): d for d in report.diagnostics if d.code == "HTM001"}
    assert set(generic) == {"castList", "castItem", "formula"}
    assert generic["castItem"].line == 12 and "(2 times)" in generic["castItem"].message


def test_no_html_keeps_the_previous_website(edition: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    build([edition], BuildOptions(out=out))
    written: list[Path] = []

    def fake_print(sources: list[Path], root: Path, *, params: dict, diagnostics: list) -> list[Path]:
        (root / "pdf").mkdir()
        written.append(root / "pdf" / "edition.pdf")
        written[0].write_bytes(b"%PDF-1.7 fake")
        return written

    monkeypatch.setattr("toolkit.publish.print.build_print", fake_print)
    report = build([edition], BuildOptions(out=out, html=False, pdf=True))
    assert report.transformed == 1
    assert (out / "html" / "index.html").is_file() and (out / "pdf" / "edition.pdf").is_file()
    assert build([edition], BuildOptions(out=out)).transformed == 0


def test_without_paths_the_tei_folder_here_is_built(edition: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(edition.parent)
    result = run()
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "html" / "account.html").is_file()


def test_without_paths_or_a_tei_folder_it_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 2 and "no tei/ folder here" in result.output


def test_nothing_to_build_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--no-html", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "nothing to build" in result.output


def test_no_progress_display_when_not_a_terminal(edition: Path, tmp_path: Path) -> None:
    result = run(str(edition), "--out", str(tmp_path / "out"))
    assert "\x1b[" not in result.output
    assert result.output.count("\n") == 1  # only the summary line


def test_a_build_date_must_be_a_w3c_date(edition: Path, tmp_path: Path) -> None:
    result = run(str(edition), "--out", str(tmp_path / "out"), "--build-date", "yesterday")
    assert result.exit_code == 2 and "not a W3C date" in result.output
    result = run(str(edition), "--out", str(tmp_path / "out"), "--build-date", "2026-11-24")
    assert result.exit_code == 0
    assert '<time datetime="2026-11-24">' in (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")


def test_the_cache_lives_in_the_output(edition: Path, tmp_path: Path) -> None:
    build([edition], BuildOptions(out=tmp_path / "out"))
    assert (tmp_path / "out" / CACHE_FILE).is_file()


def test_every_file_of_the_foreign_corpus_builds(shared: Path, tmp_path: Path) -> None:
    corpus = sorted((shared / "corpus").glob("*.xml"))
    report = build(corpus, BuildOptions(out=tmp_path / "out", force=True))
    assert report.published
    unparsable = {p.stem for p in corpus if any(p.name in n and "cannot be parsed" in n for n in report.notes)}
    pages = {p.stem for p in (tmp_path / "out" / "html").glob("*.html")}
    assert {p.stem for p in corpus} - unparsable <= pages
    assert len(unparsable) <= 1  # tei-stylesheets-testrend.xml is not well-formed (an unclosed encodingDesc)
    assert all(d.code != "HTM001" or d.line > 1 for d in report.diagnostics)


def test_the_edition_builds_with_its_accounts_in_the_drivers_order(edition_dir: Path, tmp_path: Path) -> None:
    result = run(str(edition_dir), "--out", str(tmp_path / "out"), "--force")
    assert result.exit_code == 0, result.output
    driver = etree.parse(str(edition_dir / "edition.xml"))
    included = [i.get("href") for i in driver.iter("{http://www.w3.org/2001/XInclude}include")]
    home = lxml.html.parse(str(tmp_path / "out" / "html" / "index.html")).getroot()
    listed = [a.get("href") for a in home.xpath("//ol[@class='account-list']/li/p/a")]
    assert listed == [name.replace(".xml", ".html") for name in included[1:]]  # the first is the introduction
