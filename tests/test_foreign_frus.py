"""A FRUS volume published as a FRUS reader expects (issue 10): a page per ``div[@type='document']`` with its
heading, dateline, source note and footnotes, previous/next in document order, the volume's page as a table of
contents with the dates, the volume's own persons and terms lists as its index; and the setting that says which
divisions are pages (``site.page-divisions``), which leaves a text without such divisions as it was.

The real volume of ``../shared/corpus`` is built with the CLI as FRUS would build it (its own schema, in a folder
with no project file); ``tests/fixtures/frus-persons.xml`` has the persons and terms lists of a recent volume. The
browser tests open the pages in headless Chromium."""

from __future__ import annotations

import contextlib
import json
import shutil
from copy import deepcopy
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner, Result

from tests.conftest import EDITION, FIXTURES, SHARED
from tests.test_browser import CHROMIUM, browser, page
from toolkit.cli import main

__all__ = ["browser", "page"]

VOLUME = SHARED / "corpus" / "frus-1894-nicaragua.xml"
SCHEMA = SHARED / "corpus" / "frus-schema" / "frus.rng"
PERSONS = FIXTURES / "frus-persons.xml"
BASE = "https://example.org/frus/"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent (the FRUS volume lives there)")


def build(folder: Path, *args: str) -> Result:
    """``edition build ARGS`` run in ``folder`` (no project file there, unless the test writes one)."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.chdir(folder):
        return CliRunner().invoke(main, ["build", *args])


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(path)).getroot()


def words(element: lxml.html.HtmlElement) -> str:
    """The words a reader sees (a line break between two of them is a space)."""
    copy = deepcopy(element)
    for br in copy.iter("br"):
        br.tail = " " + (br.tail or "")
    return " ".join(copy.text_content().split())


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 1894 volume's site, built with FRUS's schema and a base URL, without --force."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (the FRUS volume lives there)")
    folder = tmp_path_factory.mktemp("frus")
    result = build(folder, str(VOLUME), "--schema", str(SCHEMA), "--base-url", BASE, "--out", "out")
    assert result.exit_code == 0, result.output
    return folder / "out"


@pytest.fixture(scope="module")
def recent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture volume's site. Built with --force: it dates a document with frus:doc-dateTime-min/max as recent
    volumes do, which the 2014 FRUS schema (and ours) predates."""
    folder = tmp_path_factory.mktemp("frus-persons")
    result = build(folder, str(PERSONS), "--force", "--out", "out")
    assert result.exit_code == 0, result.output
    return folder / "out" / "html"


def site_files(out: Path) -> dict[str, bytes]:
    """Every file of a build's website, by its path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "html").rglob("*")) if p.is_file()}


def document(site: Path, n: int, stem: str = "frus-1894-nicaragua") -> lxml.html.HtmlElement:
    return parse(site / f"{stem}-d{n}.html")


# The volume


@needs_shared
def test_the_volume_publishes_with_its_own_schema_without_force(volume: Path) -> None:
    assert (volume / "html" / "frus-1894-nicaragua.html").is_file()


@needs_shared
def test_the_site_is_titled_by_the_volume_it_publishes(volume: Path) -> None:
    # no driver and no project file: the one text's title is the site's (it was "Edition")
    title = "Foreign Relations of the United States, 1894, Nicaragua (Mosquito Territory)"
    for name in ("index.html", "frus-1894-nicaragua-d12.html"):
        [site] = parse(volume / "html" / name).find_class("site-title")
        assert site.text_content().strip() == title


@needs_shared
def test_each_document_of_the_volume_is_a_page_of_its_own(volume: Path) -> None:
    pages = sorted(p.name for p in (volume / "html").glob("frus-1894-nicaragua-*.html"))
    assert pages == sorted(f"frus-1894-nicaragua-d{n}.html" for n in range(1, 139))
    assert document(volume / "html", 57).xpath("//section[@id = 'd57']/@class") == ["div document"]


@needs_shared
def test_the_volume_page_lists_the_138_documents_in_order_with_their_dates(volume: Path) -> None:
    rows = parse(volume / "html" / "frus-1894-nicaragua.html").xpath("//table[@class = 'division-contents']//tbody/tr")
    assert [row.xpath("string(td[1]/a/@href)") for row in rows] == [
        f"frus-1894-nicaragua-d{n}.html" for n in range(1, 139)
    ]
    assert words(rows[0].xpath("td[1]")[0]) == "No. 1. Mr. Seat to Mr. Gresham."
    assert rows[0].xpath("td[2]/time/@datetime") == ["1894-01-25"]
    assert words(rows[0].xpath("td[2]")[0]) == "25 January 1894"
    assert rows[137].xpath("td[2]/time/@datetime") == ["1894-12-31"]


@needs_shared
def test_a_document_without_a_dated_dateline_shows_no_date(volume: Path) -> None:
    # No. 27's dateline says "(Received April 1, 1894.)" with no date element: nothing is inferred from it
    row = parse(volume / "html" / "frus-1894-nicaragua.html").xpath("//tr[td/a/@href = 'frus-1894-nicaragua-d27.html']")
    assert row[0].xpath("td[2]//time") == [] and words(row[0].xpath("td[2]")[0]) == ""
    assert document(volume / "html", 27).xpath("//time[@class = 'division-date']") == []


@needs_shared
def test_a_document_page_has_its_heading_dateline_and_source_note(volume: Path) -> None:
    d1 = document(volume / "html", 1)
    assert words(d1.xpath("//article//h1")[0]) == "No. 1. Mr. Seat to Mr. Gresham."
    assert d1.xpath("//head/title/text()")[0].startswith("No. 1. Mr. Seat to Mr. Gresham.")
    assert "January 25, 1894" in words(d1.xpath("//*[contains(@class, 'dateline')]")[0])
    assert "[Telegram.]" in words(d1.xpath("//section[@id = 'd1']")[0])
    assert d1.xpath("//time[@class = 'division-date']/@datetime") == ["1894-01-25"]
    # an enclosure's heading is a level below the document's, as the page's outline has it (not as the volume's)
    assert [
        h.tag for h in document(volume / "html", 2).xpath("//div[@class = 'tei-attachment']/*[self::h2 or self::h3]")
    ] == ["h2"]


@needs_shared
def test_a_documents_footnotes_are_at_the_end_of_its_page_not_of_the_volume(volume: Path) -> None:
    d2 = document(volume / "html", 2)
    article = d2.xpath("//article")[0]
    sections = [child.get("class") for child in article if child.tag in ("div", "section")]
    assert sections == ["text", "notes", "source"]
    assert d2.xpath("//section[@class = 'notes']//li/@id") == ["d2fn1"]
    assert d2.xpath("//a[@class = 'note-ref']/@href") == ["#d2fn1"]
    assert parse(volume / "html" / "frus-1894-nicaragua.html").xpath("//li[@id = 'd2fn1']") == []


@needs_shared
def test_previous_and_next_link_the_documents_in_order_with_their_headings(volume: Path) -> None:
    for n in (1, 2, 70, 138):
        nav = document(volume / "html", n).xpath("//nav[contains(@class, 'sequence-top')]")[0]
        previous, following = nav.xpath("a[@rel = 'prev']"), nav.xpath("a[@rel = 'next']")
        assert [a.get("href") for a in previous] == ([f"frus-1894-nicaragua-d{n - 1}.html"] if n > 1 else [])
        assert [a.get("href") for a in following] == ([f"frus-1894-nicaragua-d{n + 1}.html"] if n < 138 else [])
        assert nav.xpath("a[@class = 'contents']/@href") == ["frus-1894-nicaragua.html"]
    next_label = words(document(volume / "html", 1).xpath("//a[@rel = 'next']")[0])
    assert next_label == "Next: No. 2. Mr. Gresham to Mr. Baker. →"


@needs_shared
def test_pointers_reach_the_page_their_target_is_on(volume: Path) -> None:
    # a note of No. 2 points to No. 1 (#d1); the volume's printed contents point to page breaks (#pg_14), and a page
    # break just before a document is the page that document begins on
    assert document(volume / "html", 2).xpath("//li[@id = 'd2fn1']/a[@class = 'ref']/@href") == [
        "frus-1894-nicaragua-d1.html#d1"
    ]
    contents = parse(volume / "html" / "frus-1894-nicaragua.html")
    assert "frus-1894-nicaragua-d6.html#pg_14" in contents.xpath("//a[@class = 'ref']/@href")
    assert document(volume / "html", 6).xpath("//section[@id = 'd6']/*[1]/@id") == ["pg_14"]


@needs_shared
def test_a_document_page_cites_the_document_in_its_head(volume: Path) -> None:
    d2 = document(volume / "html", 2)
    meta = {m.get("name"): m.get("content") for m in d2.xpath("//head/meta[@name]")}
    assert meta["citation_title"] == "No. 2. Mr. Gresham to Mr. Baker."
    assert meta["citation_book_title"] == "Foreign Relations of the United States, 1894, Nicaragua (Mosquito Territory)"
    assert meta["citation_public_url"] == BASE + "frus-1894-nicaragua-d2.html"
    assert d2.xpath("//link[@rel = 'canonical']/@href") == [BASE + "frus-1894-nicaragua-d2.html"]
    record = json.loads(d2.xpath("//script[@type = 'application/ld+json']/text()")[0])
    assert record["name"] == "No. 2. Mr. Gresham to Mr. Baker." and record["dateCreated"] == "1894-02-01"
    assert record["isPartOf"]["url"] == BASE + "frus-1894-nicaragua.html"


@needs_shared
def test_the_document_pages_are_in_the_sitemap_the_search_index_and_the_manifest(volume: Path) -> None:
    pages = {f"frus-1894-nicaragua-d{n}.html" for n in range(1, 139)}
    sitemap = (volume / "html" / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"<loc>{BASE}{name}</loc>" in sitemap for name in pages)
    entry = json.loads((volume / "html" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 139  # the documents and the contents
    listed = json.loads((volume / ".edition-build.json").read_text(encoding="utf-8"))["files"]
    assert pages <= {Path(name).name for name in listed if name.startswith("html/")}


@needs_shared
def test_a_changed_volume_makes_its_pages_again_and_an_unchanged_one_reuses_them(tmp_path: Path) -> None:
    source = tmp_path / "frus1894.xml"
    shutil.copyfile(VOLUME, source)
    assert build(tmp_path, source.name, "--schema", str(SCHEMA), "--out", "out").exit_code == 0
    again = build(tmp_path, source.name, "--schema", str(SCHEMA), "--out", "out")
    assert "(0 transformed" in again.output
    assert (tmp_path / "out" / "html" / "frus1894-d138.html").is_file()
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Lives and millions property", "Lives and MILLIONS property"), encoding="utf-8")
    changed = build(tmp_path, source.name, "--schema", str(SCHEMA), "--out", "out")
    assert changed.exit_code == 0 and "(0 transformed" not in changed.output
    assert "Lives and MILLIONS property" in (tmp_path / "out" / "html" / "frus1894-d1.html").read_text("utf-8")
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".pages")) == []


@needs_shared
def test_no_page_divisions_publishes_the_volume_as_one_page(tmp_path: Path) -> None:
    with contextlib.chdir(tmp_path):
        result = CliRunner().invoke(
            main, ["--set", "site.page-divisions=[]", "build", str(VOLUME), "--schema", str(SCHEMA), "--out", "out"]
        )
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out" / "html").glob("frus-1894-nicaragua*.html")] == [
        "frus-1894-nicaragua.html"
    ]


# The setting


def test_edition_config_shows_the_page_divisions_and_where_they_come_from(tmp_path: Path) -> None:
    with contextlib.chdir(tmp_path):
        default = CliRunner().invoke(main, ["config"])
        (tmp_path / "edition.toml").write_text('[site]\npage-divisions = ["document", "letter"]\n', encoding="utf-8")
        given = CliRunner().invoke(main, ["config"])
    assert default.exit_code == 0 and given.exit_code == 0
    line = next(line for line in default.output.splitlines() if line.startswith("site.page-divisions"))
    assert '["document"]' in line and line.endswith("# default")
    line = next(line for line in given.output.splitlines() if line.startswith("site.page-divisions"))
    assert '["document", "letter"]' in line and line.endswith("# edition.toml:2")


def test_a_page_division_type_that_is_no_name_is_an_error_naming_the_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "edition.toml").write_text('[site]\npage-divisions = ["a document"]\n', encoding="utf-8")
    with contextlib.chdir(tmp_path):
        result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 2
    assert "edition.toml:2: site.page-divisions: expected a list of names of letters, digits" in result.output


def test_the_default_leaves_a_text_without_such_divisions_as_it_was(tmp_path: Path) -> None:
    # the edition's own texts have no div[@type='document']: the default and no page divisions at all give the same
    # site, byte for byte
    with contextlib.chdir(tmp_path):
        default = CliRunner().invoke(main, ["build", str(EDITION), "--out", "default"])
        none = CliRunner().invoke(main, ["--set", "site.page-divisions=[]", "build", str(EDITION), "--out", "none"])
    assert default.exit_code == 0 and none.exit_code == 0, default.output + none.output
    default_site, none_site = site_files(tmp_path / "default"), site_files(tmp_path / "none")
    assert sorted(default_site) == sorted(none_site)
    assert [name for name in default_site if default_site[name] != none_site[name]] == []


def test_a_list_of_persons_in_a_text_without_documents_stays_on_its_page(tmp_path: Path) -> None:
    text = PERSONS.read_text(encoding="utf-8")
    body = text[text.index("<body>") : text.index("</body>") + len("</body>")]
    (tmp_path / "persons-only.xml").write_text(text.replace(body, "<body><p>No documents.</p></body>"), "utf-8")
    assert build(tmp_path, "persons-only.xml", "--force", "--out", "out").exit_code == 0
    assert [p.name for p in (tmp_path / "out" / "html").glob("persons-only*.html")] == ["persons-only.html"]
    assert "Able, Anne" in words(
        parse(tmp_path / "out" / "html" / "persons-only.html").xpath("//*[@id = 'persons']")[0]
    )


# A recent volume's persons and terms


def test_a_volumes_persons_list_is_its_index_and_links_the_mentions(recent: Path) -> None:
    persons = parse(recent / "frus-persons-persons.html")
    mentions = {
        entry.get("id"): entry.xpath(".//span[@class = 'index-mentions']/a/@href")
        for entry in persons.xpath("//li[@class = 'index-entry']")
    }
    assert mentions == {
        "p_AA1": ["frus-persons-d1.html"],
        "p_BB1": ["frus-persons-d1.html", "frus-persons-d3.html"],
        "p_CC1": [],
    }
    d1 = document(recent, 1, "frus-persons")
    assert d1.xpath("//h1/a[@class = 'name persName']/@href") == [
        "frus-persons-persons.html#p_AA1",
        "frus-persons-persons.html#p_BB1",
    ]
    assert d1.xpath("//a[@class = 'name term']/@href") == ["frus-persons-terms.html#t_TC1"]
    contents = parse(recent / "frus-persons.html")
    assert contents.xpath("//td/a[. = 'List of Persons']/@href") == ["frus-persons-persons.html"]
    # the site's index of persons (its navigation's "Persons") leads to the volume's own
    assert parse(recent / "persons.html").xpath("//p[@class = 'own-index']/a/@href") == ["frus-persons-persons.html"]


def test_recent_volumes_date_documents_by_their_datetime_else_their_dateline(recent: Path) -> None:
    rows = parse(recent / "frus-persons.html").xpath("//tr[td/a[starts-with(@href, 'frus-persons-d')]]")
    dates = [row.xpath("string(td[2]/time/@datetime)") for row in rows]
    assert dates == ["1900-03-01", "", "1901-06-15"]  # frus:doc-dateTime-min/max; none; the dateline's @when


def test_footnotes_are_numbered_within_their_document(recent: Path) -> None:
    assert document(recent, 1, "frus-persons").xpath("//section[@class = 'notes']//li/@value") == ["1", "2"]
    assert document(recent, 2, "frus-persons").xpath("//section[@class = 'notes']//li/@value") == ["1"]
    # the source note in a heading is the document's first footnote, as FRUS prints it
    assert document(recent, 1, "frus-persons").xpath("//h1/a[@class = 'note-ref']/@href") == ["#d1fn1"]


# In the browser

chromium = pytest.mark.skipif(
    not CHROMIUM.is_file(), reason="Chromium is absent (/usr/bin/chromium; .ci/run installs it)"
)


@pytest.mark.browser
@chromium
def test_a_document_page_reads_heading_dateline_text_footnotes_and_margin_page_numbers(page, volume: Path) -> None:
    page.goto((volume / "html" / "frus-1894-nicaragua-d2.html").as_uri())
    heading = page.locator("article h1")
    assert " ".join(heading.inner_text().split()) == "No. 2. Mr. Gresham to Mr. Baker."
    dateline = page.locator("#d2 > .dateline").first
    assert dateline.is_visible() and "February 1, 1894" in dateline.inner_text()
    notes = page.locator("section.notes")
    text_box, notes_box = page.locator("#text").bounding_box(), notes.bounding_box()
    assert notes_box["y"] >= text_box["y"] + text_box["height"]  # after the whole text: at the document's end
    assert "No. 1" in notes.locator("li#d2fn1").inner_text()
    number = page.locator("#pg_10 .pb-n")
    box, paragraph = number.bounding_box(), page.locator("#d2 > p").first.bounding_box()
    assert number.inner_text() == "10" and box["x"] >= paragraph["x"] + paragraph["width"]  # in the margin
    page.locator("a.note-ref").first.click()
    assert page.url.endswith("#d2fn1")


@pytest.mark.browser
@chromium
def test_next_and_previous_lead_to_the_neighbouring_documents(page, volume: Path) -> None:
    page.goto((volume / "html" / "frus-1894-nicaragua-d1.html").as_uri())
    assert page.locator(".sequence-top a[rel=prev]").count() == 0
    page.locator(".sequence-top a[rel=next]").click()
    assert page.url.endswith("frus-1894-nicaragua-d2.html")
    assert page.locator("article h1").inner_text().startswith("No. 2.")
    page.locator(".sequence-bottom a[rel=next]").click()
    assert page.url.endswith("frus-1894-nicaragua-d3.html")
    page.locator(".sequence-top a[rel=prev]").click()
    assert page.url.endswith("frus-1894-nicaragua-d2.html")
    page.locator(".sequence-top a.contents").click()
    assert page.url.endswith("frus-1894-nicaragua.html")


@pytest.mark.browser
@chromium
def test_the_contents_page_lists_the_documents_with_their_dates(page, volume: Path) -> None:
    page.goto((volume / "html" / "frus-1894-nicaragua.html").as_uri())
    rows = page.locator("table.division-contents tbody tr")
    assert rows.count() == 138
    assert rows.nth(0).locator("td").nth(1).inner_text() == "25 January 1894"
    assert rows.nth(137).locator("td").nth(0).inner_text() == "No. 138. Mr. Gresham to Dr. Guzman."
    rows.nth(136).locator("a").click()
    assert page.url.endswith("frus-1894-nicaragua-d137.html")


TEI_TEXT = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>'
    "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
    "<text><body>{body}</body></text></TEI>"
)


def test_two_pages_with_one_name_are_refused_and_nothing_is_published(tmp_path: Path) -> None:
    # vol.xml's division d1 is the page vol-d1.html, which is also the page of the text vol-d1.xml
    sources = tmp_path / "tei"
    sources.mkdir()
    division = '<div type="document" xml:id="d1"><head>One</head><p>A letter.</p></div>'
    (sources / "vol.xml").write_text(TEI_TEXT.format(title="Volume", body=division), encoding="utf-8")
    (sources / "vol-d1.xml").write_text(TEI_TEXT.format(title="Other", body="<p>Text.</p>"), encoding="utf-8")
    result = build(tmp_path, "tei", "--profile", "tei", "--force", "--out", "out")
    assert result.exit_code == 2, result.output
    assert "would be written twice" in result.output and "html/vol-d1.html" in result.output
    assert not (tmp_path / "out").exists()
