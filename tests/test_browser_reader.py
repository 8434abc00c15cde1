"""What a reader, a citer and a search engine meet on the website (issue 12), in headless Chromium: the citation,
the metadata in the pages' heads, the home page, previous/next, quotation targets, the legend and its switches, tap
targets on a phone, and search results."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from tests.test_browser import (  # the same browser, sites and server as the other browser tests
    CHROMIUM,
    browser,
    edition_dir_module,
    edition_site,
    page,
    server,
    site,
)
from toolkit.publish.build import BuildOptions, build

__all__ = ["browser", "edition_dir_module", "edition_site", "page", "server", "site"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="Chromium is absent (/usr/bin/chromium; .ci/run installs it)"),
]

BASE = "https://example.org/anatomy/"
ACCOUNTS = [
    "hershberg-intro",
    "rfk-thirteen-days",
    "khrushchev-remembers",
    "sorensen-confession",
    "bundy-danger-survival",
    "rusk-as-i-saw-it",
    "dobrynin-cable",
    "lebow-stein-comment",
]
#: One page of each kind the site has.
PAGE_TYPES = ["index", "hershberg-intro", "dobrynin-cable", "lebow-stein-comment", "persons", "places", "orgs"]
PAGE_TYPES += ["timeline", "compare", "method", "variants", "search"]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, edition_dir_module: Path) -> Path:
    """The edition's website as published at a known address (``--base-url``)."""
    out = tmp_path_factory.mktemp("published") / "out"
    build([edition_dir_module], BuildOptions(out=out, force=True, base_url=BASE))
    return out / "html"


@pytest.fixture
def phone(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def words(text: str) -> str:
    return " ".join(text.split())


# Citing


def test_the_cite_popup_gives_a_chicago_note_with_editors_version_full_address_and_access_date(
    page, edition_site: Path
) -> None:
    page.goto((edition_site / "lebow-stein-comment.html").as_uri())
    page.locator("#lebow-stein-comment-p3 .cite-button").click()
    note = words(page.locator("#cite-lebow-stein-comment-p3 .cite-text").inner_text())
    address = (edition_site / "lebow-stein-comment.html").as_uri() + "#lebow-stein-comment-p3"
    assert note == (
        "Richard Ned Lebow and Janice Gross Stein, “Lebow and Stein comment, We All Lost the Cold War (excerpt),”"
        " par. 3, in Anatomy of a Controversy: Anatoly F. Dobrynin\u2019s Meeting With Robert F. Kennedy, Saturday,"
        " 27 October 1962, ed. the edition\u2019s editors, version 1.0 (4 December 2026), "
        f"{address}, accessed [date of access]."
    )
    assert page.locator("#cite-lebow-stein-comment-p3 cite").inner_text().startswith("Anatomy of a Controversy")


def test_the_cite_popup_downloads_the_reference_as_csl_json(page, edition_site: Path) -> None:
    page.goto((edition_site / "dobrynin-cable.html").as_uri())
    page.locator("#dobrynin-cable-p2 .cite-button").click()
    with page.expect_download() as download:
        page.locator("#cite-dobrynin-cable-p2 .cite-download").click()
    [item] = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert item["type"] == "chapter" and item["locator"] == "2" and item["label"] == "paragraph"
    assert item["author"] == [{"family": "Dobrynin", "given": "Anatoly F."}] or item["author"][0]["family"]
    assert item["version"] == "1.0" and item["editor"] == [{"literal": "the edition\u2019s editors"}]
    assert item["URL"] == (edition_site / "dobrynin-cable.html").as_uri() + "#dobrynin-cable-p2"


@pytest.mark.parametrize("name", ACCOUNTS)
def test_every_text_has_highwire_citation_tags(published: Path, name: str) -> None:
    head = lxml.html.parse(str(published / f"{name}.html")).getroot().head
    tags: dict[str, list[str]] = {}
    for meta in head.iter("meta"):
        if (meta.get("name") or "").startswith("citation_"):
            tags.setdefault(meta.get("name"), []).append(meta.get("content"))
    assert tags["citation_title"] and tags["citation_author"] and all(tags["citation_author"])
    assert tags["citation_publication_date"] == ["2026/12/04"]
    assert tags["citation_inbook_title"][0].startswith("Anatomy of a Controversy")
    assert tags["citation_public_url"] == [f"{BASE}{name}.html"]


#: The terms of the kinds of text (tei/taxonomy.xml#text-kinds).
KINDS = {"Introduction", "Diplomatic cable", "Memoir", "Testimony at a conference", "Historians\u2019 commentary"}


def schema_org_loader(url: str, options: dict | None = None) -> dict:
    """schema.org's context, offline: every term in its vocabulary (enough to expand and check the IRIs)."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


@pytest.mark.parametrize("name", ["index", *ACCOUNTS])
def test_json_ld_of_the_edition_and_its_texts_expands(published: Path, name: str) -> None:
    from pyld import jsonld

    root = lxml.html.parse(str(published / f"{name}.html")).getroot()
    [script] = root.xpath("//script[@type='application/ld+json']")
    expanded = jsonld.expand(json.loads(script.text), {"documentLoader": schema_org_loader})
    [node] = expanded
    s = "https://schema.org/"
    if name == "index":
        assert node["@type"] == [s + "Book"] and node["@id"] == BASE + "index.html"
        parts = node[s + "hasPart"]
        assert [p["@id"] for p in parts] == [f"{BASE}{a}.html" for a in ACCOUNTS]
        assert all(p[s + "author"] and p[s + "dateCreated"] for p in parts)
    else:
        assert node["@type"] == [s + "CreativeWork"] and node["@id"] == f"{BASE}{name}.html"
        assert node[s + "author"][0][s + "name"][0]["@value"]
        assert node[s + "isPartOf"][0]["@type"] == [s + "Book"]
        assert node[s + "encoding"][0][s + "contentUrl"][0]["@value"] == f"{BASE}tei/{name}.xml"
        # the kind of text the header classifies it as (textClass, the editors' classification)
        assert node[s + "genre"][0]["@value"] in KINDS


def test_the_sitemap_and_the_canonical_links_use_the_base_url(published: Path, edition_site: Path) -> None:
    from lxml import etree

    sitemap = etree.parse(str(published / "sitemap.xml")).getroot()
    locations = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {f"{BASE}{name}.html" for name in PAGE_TYPES} | {f"{BASE}{a}.html" for a in ACCOUNTS} <= locations
    for name in ACCOUNTS:
        canonical = lxml.html.parse(str(published / f"{name}.html")).getroot().xpath("//link[@rel='canonical']")
        assert [link.get("href") for link in canonical] == [f"{BASE}{name}.html"]
    assert not (edition_site / "sitemap.xml").exists()  # no address known, no sitemap


@pytest.mark.parametrize("url", ["notaurl", "ftp://example.org/", "https://", "/edition/", "https://example.org/?q=1"])
def test_a_base_url_that_is_not_an_absolute_http_url_is_refused(tmp_path: Path, url: str) -> None:
    from tests.test_browser import FIXTURE
    from toolkit.errors import ToolkitError

    with pytest.raises(ToolkitError, match="not an absolute http"):
        build([FIXTURE], BuildOptions(out=tmp_path / "out", base_url=url))
    assert not (tmp_path / "out").exists()


def test_every_text_links_to_its_tei_source_published_with_the_site(
    page, edition_site: Path, edition_dir_module: Path
) -> None:
    for name in ACCOUNTS:
        page.goto((edition_site / f"{name}.html").as_uri())
        href = page.locator(".tei-source a").get_attribute("href")
        assert href == f"tei/{name}.xml"
        published = edition_site / href
        assert published.read_bytes() == (edition_dir_module / f"{name}.xml").read_bytes()
        assert (
            not published.is_symlink() and published.stat().st_ino != (edition_dir_module / f"{name}.xml").stat().st_ino
        )


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_the_footer_gives_version_citation_and_licence(page, edition_site: Path, name: str) -> None:
    page.goto((edition_site / f"{name}.html").as_uri())
    footer = words(page.locator(".site-footer").inner_text())
    if name != "variants":  # made from the variants report and the build's parameters, without a TEI header
        assert "Version 1.0, released 4 December 2026." in footer
    assert "Cite the edition: Anatomy of a Controversy" in footer and "Edited by the edition\u2019s editors" in footer
    assert "Version 1.0" in footer
    assert page.locator(".site-footer a[rel='license']").get_attribute("href") == (
        "https://creativecommons.org/licenses/by/4.0/"
    )


# The home page and the reading pages


def test_the_home_page_lists_the_texts_before_the_introduction(page, edition_site: Path) -> None:
    page.goto((edition_site / "index.html").as_uri())
    texts = page.locator("#texts").bounding_box()
    assert texts["y"] < 900
    # the edition's introduction is the text typed so (<text type="introduction">), shown after the list
    introduction = page.get_by_role("region", name="Introduction")
    assert texts["y"] + texts["height"] <= introduction.bounding_box()["y"]
    listed = page.locator("#texts .account-list > li")
    assert listed.count() >= len(ACCOUNTS) - 1  # every text (but the introduction, when it is shown below)
    assert listed.filter(has=page.locator("dt", has_text="Author")).count() == listed.count()
    assert listed.filter(has=page.locator("dt", has_text="Kind")).count() == listed.count()
    nav = page.get_by_role("navigation", name="Edition")
    assert nav.get_by_role("link", name="Texts").get_attribute("href") == "index.html#texts"


def test_on_a_phone_the_home_page_names_the_edition_once_before_the_texts(phone, edition_site: Path) -> None:
    phone.goto((edition_site / "index.html").as_uri())
    top = phone.locator("#texts").bounding_box()["y"]
    shown = phone.evaluate(
        """(top) => [...document.querySelectorAll('body *')].filter(e => {
             const box = e.getBoundingClientRect();
             return box.height > 0 && box.bottom <= top && e.children.length === 0
               && e.textContent.includes('Anatomy of a Controversy');
           }).length""",
        top,
    )
    assert shown == 1


def test_previous_and_next_link_the_texts_in_reading_order(page, edition_site: Path) -> None:
    page.goto((edition_site / "hershberg-intro.html").as_uri())
    assert page.locator(".sequence-top a.previous").count() == 0
    for before, after in itertools.pairwise(ACCOUNTS):
        page.goto((edition_site / f"{before}.html").as_uri())
        page.locator(".sequence-top a.next").click()
        page.wait_for_url(f"**/{after}.html")
        assert page.locator(".sequence-bottom a.previous").get_attribute("href") == f"{before}.html"
    assert page.locator(".sequence-top a.next").count() == 0


def test_a_quotation_link_lands_on_the_quoted_words_highlighted(page, edition_site: Path) -> None:
    page.goto((edition_site / "lebow-stein-comment.html").as_uri())
    page.locator("a.quote-source[href='dobrynin-cable.html#dobrynin-cable-q1']").click()
    page.wait_for_url("**/dobrynin-cable.html#dobrynin-cable-q1")
    target = page.locator("#dobrynin-cable-q1")
    assert "will undoubtedly respond with the same against us" in target.inner_text()
    background = target.evaluate("e => getComputedStyle(e).backgroundColor")
    other = page.locator("#dobrynin-cable-determination").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(255, 243, 196)" and other != background
    assert target.is_visible()


def test_the_section_break_is_no_numbered_paragraph(page, edition_site: Path) -> None:
    page.goto((edition_site / "hershberg-intro.html").as_uri())
    separator = page.locator("#hershberg-intro-sep1")
    assert separator.get_attribute("role") == "separator"
    assert separator.locator(".pnum, .cite-button").count() == 0
    numbers = page.locator(".text .pnum").all_inner_texts()
    assert [words(n) for n in numbers] == [f"Paragraph {n}" for n in range(1, len(numbers) + 1)]


def test_no_tooltip_has_a_run_of_spaces(edition_site: Path) -> None:
    found = []
    for file in sorted(edition_site.glob("*.html")):
        for element in lxml.html.parse(str(file)).getroot().iter():
            title = element.get("title") if isinstance(element.tag, str) else None
            if title and re.search(r"\s\s", title):
                found.append(f"{file.name}: {title!r}")
    assert found == []


# The legend of the markup layers


LAYERS = {
    "names": ("a.name", "textDecorationLine", "underline", "none"),
    "dates": ("time.date", "borderBottomStyle", "dashed", "none"),
    "quotations": (".quote", "backgroundImage", "linear-gradient", "none"),
    "points": (".point-link", "display", "inline", "none"),
    "apparatus": (".app-marker", "display", "inline-flex", "none"),
}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_the_legend_switches_a_layer_off_and_on(page, edition_site: Path, layer: str) -> None:
    selector, style, shown, hidden = LAYERS[layer]
    page.goto((edition_site / "lebow-stein-comment.html").as_uri())
    legend = page.locator("fieldset.legend")
    assert legend.locator("legend").inner_text() == "Markup shown"
    switch = legend.get_by_role("checkbox", name=re.compile(layer[:4], re.IGNORECASE))
    mark = page.locator(f".text {selector}").first

    def value() -> str:
        return mark.evaluate(f"e => getComputedStyle(e).{style}")

    assert switch.is_checked() and shown in value()
    switch.uncheck()
    assert hidden in value()
    switch.check()
    assert shown in value()


def test_the_legend_names_every_layer_of_the_page(page, edition_site: Path) -> None:
    page.goto((edition_site / "lebow-stein-comment.html").as_uri())
    labels = [words(label) for label in page.locator("fieldset.legend label").all_inner_texts()]
    assert [label.split(" ")[0] for label in labels] == [
        "Names",
        "Dates",
        "Errors",
        "Quotations",
        "Contested",
        "Apparatus",
    ]


def test_an_error_of_the_original_is_flagged_sic_not_underlined_like_a_spelling_mistake(
    page, edition_site: Path
) -> None:
    page.goto((edition_site / "lebow-stein-comment.html").as_uri())
    sic = page.locator(".choice.error-original .diplomatic.sic").first
    assert sic.evaluate("e => getComputedStyle(e).textDecorationStyle") != "wavy"
    assert sic.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
    assert sic.evaluate("e => getComputedStyle(e, '::after').content") == '" [sic]"'


# Tap targets


@pytest.mark.parametrize("name", ["lebow-stein-comment", "dobrynin-cable", "account"])
def test_apparatus_and_note_markers_are_at_least_24_px_square_on_a_phone(
    phone, edition_site: Path, site: Path, name: str
) -> None:
    folder = site if name == "account" else edition_site
    phone.goto((folder / f"{name}.html").as_uri())
    markers = phone.locator(".text .app-marker, .text .note-ref")
    assert markers.count() > 0
    small = []
    for index in range(markers.count()):
        box = markers.nth(index).bounding_box()
        if box["width"] < 24 or box["height"] < 24:
            small.append((index, box["width"], box["height"]))
    assert small == []


# Search


def search(page, server: str, query: str) -> list[str]:
    """The addresses of the results of a query on the search page ([] when Pagefind says there are none)."""
    page.goto(server + "/search.html")
    page.locator("#search input").fill(query)
    page.locator(".pagefind-ui__message").filter(has_text=re.compile(r"result")).wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # the results render after the message
    return [link.get_attribute("href") or "" for link in page.locator(".pagefind-ui__result-link").all()]


@pytest.mark.parametrize("query", ["cite", "compared", "Paragraph", "transcription"])
def test_a_search_for_interface_words_finds_nothing(page, server: str, query: str) -> None:
    assert search(page, server, query) == []


def test_a_search_for_a_person_lands_on_a_paragraph_naming_them(page, server: str) -> None:
    results = search(page, server, "Kennedy")
    assert results and re.search(r"\.html#[\w-]+-p\d+$", results[0]), results
    page.goto(server + results[0])
    anchor = results[0].split("#")[1]
    assert "Kennedy" in page.locator(f"#{anchor}").inner_text()
    assert words(page.locator(f"#{anchor}").evaluate("e => getComputedStyle(e).backgroundColor")) != "rgba(0, 0, 0, 0)"


def test_the_search_interface_is_in_the_site_s_typeface(page, server: str) -> None:
    page.goto(server + "/search.html")
    page.locator("#search input").wait_for()
    font = page.locator("#search input").evaluate("e => getComputedStyle(e).fontFamily")
    assert "Serif" in font or "serif" in font


def test_the_editorial_method_is_a_page_of_its_own_linked_from_every_page(page, edition_site: Path) -> None:
    page.goto((edition_site / "dobrynin-cable.html").as_uri())
    page.get_by_role("navigation", name="Edition").get_by_role("link", name="Method").click()
    page.wait_for_url("**/method.html")
    method = page.get_by_role("region", name="Editorial method")
    # the driver's editorialDecl, in full: corrections, normalisation, quotation, segmentation, interpretation
    assert "never silently corrected" in method.inner_text()
    assert "Dates and times" in method.inner_text()
