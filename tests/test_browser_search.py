"""Search filters (issue 12) in headless Chromium over a loopback server: account, kind of text, person, place and
contested point, from the build's own facet index (search-facets.json; Pagefind's filter files do not reproduce), the
kind of each text from its header's classification, and the build with filters byte-identical twice."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from tests.test_browser import (  # the same browser and sites as the other browser tests
    CHROMIUM,
    QuietHandler,
    browser,
    edition_dir_module,
    edition_site,
    page,
)
from toolkit.publish.build import BuildOptions, build

__all__ = ["browser", "edition_dir_module", "edition_site", "page"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="Chromium is absent (/usr/bin/chromium; .ci/run installs it)"),
]

FACETS = ["Account", "Kind of text", "Person", "Place", "Contested point"]
#: The kinds of text (tei/taxonomy.xml, the taxonomy text-kinds) in the order the texts first show them.
KINDS = ["Introduction", "Memoir", "Testimony at a conference", "Diplomatic cable"]
KINDS += ["Historians\N{RIGHT SINGLE QUOTATION MARK} commentary"]


@pytest.fixture(scope="module")
def edition_server(edition_site: Path) -> Iterator[str]:
    """The edition's website over loopback HTTP (Pagefind does not run from file://)."""
    handler = functools.partial(QuietHandler, directory=str(edition_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def query(page, server: str, words: str, filters: dict[str, str] | None = None) -> list[str]:
    """The addresses of the results of a query on the search page, with these filters (facet: value) ticked."""
    page.goto(server + "/search.html")
    page.get_by_label("Words to find in the texts and their notes").fill(words)
    message = page.locator(".pagefind-ui__message")
    message.filter(has_text=re.compile(r"result")).wait_for(timeout=10_000)
    for facet, value in (filters or {}).items():
        block = page.locator(".pagefind-ui__filter-block", has=page.locator("summary", has_text=facet))
        block.locator("summary").click()
        block.get_by_role("checkbox", name=re.compile("^" + re.escape(value) + r" \(\d+\)$")).check()
        page.wait_for_timeout(700)  # PagefindUI searches again after its debounce (300 ms)
        message.filter(has_text=re.compile(r"result")).wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # the results render after the message
    return [link.get_attribute("href") or "" for link in page.locator(".pagefind-ui__result-link").all()]


def facet_values(page, facet: str) -> list[str]:
    """The values a facet offers (their labels without the counts)."""
    block = page.locator(".pagefind-ui__filter-block", has=page.locator("summary", has_text=facet))
    block.locator("summary").click()
    return [re.sub(r" \(\d+\)$", "", label) for label in block.locator("label").all_inner_texts()]


def paragraph(site: Path, address: str) -> lxml.html.HtmlElement:
    """The element a result lands on, in the built page."""
    page_name, anchor = address.lstrip("/").split("#")
    found = lxml.html.parse(str(site / page_name)).getroot().get_element_by_id(anchor)
    assert found is not None, address
    return found


def test_a_person_filter_keeps_only_the_paragraphs_that_name_them(page, edition_server: str, edition_site) -> None:
    everything = query(page, edition_server, "Kennedy")
    results = query(page, edition_server, "Kennedy", {"Person": "Dean Rusk"})
    assert results and len(results) < len(everything), (results, everything)
    for address in results:
        assert paragraph(edition_site, address).xpath(".//a[@href = 'persons.html#rusk']"), address


def test_a_place_filter_keeps_only_the_paragraphs_that_name_it(page, edition_server: str, edition_site) -> None:
    results = query(page, edition_server, "missiles", {"Place": "Italy"})
    assert results
    for address in results:
        assert paragraph(edition_site, address).xpath(".//a[@href = 'places.html#italy']"), address


def test_a_contested_point_and_a_query_land_on_a_passage_on_that_point(
    page, edition_server: str, edition_site: Path
) -> None:
    results = query(page, edition_server, "tomorrow", {"Contested point": "The deadline: ultimatum or request?"})
    assert results and all(re.search(r"\.html#[\w-]+-p\d+$", address) for address in results), results
    for address in results:
        assert paragraph(edition_site, address).xpath(".//a[@href = 'compare.html#pt-deadline']"), address
    page.goto(edition_server + results[0])
    target = page.locator(":target")
    assert "tomorrow" in target.inner_text().lower()


def test_only_the_reading_a_page_shows_by_default_is_indexed(page, edition_server: str) -> None:
    # Lebow and Stein print "the only obstacle ... were political" (an error of the original, shown as printed):
    # the correction "was" stands on hover only, so an excerpt reads "were political", never "werewas"
    query(page, edition_server, "obstacle dismantling")
    excerpts = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    assert any("Jupiters were" in excerpt for excerpt in excerpts), excerpts
    assert not any("werewas" in excerpt or "were was" in excerpt for excerpt in excerpts), excerpts


def test_a_kind_filter_keeps_only_the_texts_of_that_kind(page, edition_server: str) -> None:
    results = query(page, edition_server, "Dobrynin", {"Kind of text": "Memoir"})
    pages = {address.lstrip("/").split("#")[0] for address in results}
    assert pages and pages <= {
        "rfk-thirteen-days.html",
        "khrushchev-remembers.html",
        "bundy-danger-survival.html",
        "rusk-as-i-saw-it.html",
    }, pages


def test_an_account_filter_keeps_only_that_text(page, edition_server: str) -> None:
    results = query(page, edition_server, "Kennedy", {"Account": "Dean Rusk, As I Saw It (excerpts)"})
    assert results and {address.split("#")[0] for address in results} == {"/rusk-as-i-saw-it.html"}


def test_each_facet_offers_the_names_readers_know(page, edition_server: str) -> None:
    query(page, edition_server, "the")
    names = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert names == FACETS
    assert facet_values(page, "Kind of text") == KINDS
    accounts = facet_values(page, "Account")
    assert len(accounts) == 8 and "Dobrynin's Cable to the Soviet Foreign Ministry, 27 October 1962" in accounts
    persons = facet_values(page, "Person")
    assert {"Dean Rusk", "Robert F. Kennedy", "Anatoly F. Dobrynin"} <= set(persons)
    assert "rfk" not in persons and "persons.xml#rusk" not in persons
    assert {"Turkey", "Cuba"} <= set(facet_values(page, "Place"))
    assert facet_values(page, "Contested point") == [
        "The Jupiter missiles in Turkey: was there a deal?",
        "The alleged threat of a military takeover",
        "The deadline: ultimatum or request?",
        "The U-2 shoot-down",
        "Who proposed the oral message",
        "Who knew, and the secrecy",
    ]


def test_a_filter_count_is_the_number_of_results_it_would_leave(page, edition_server: str) -> None:
    query(page, edition_server, "Kennedy")
    block = page.locator(".pagefind-ui__filter-block", has=page.locator("summary", has_text="Person"))
    block.locator("summary").click()
    label = block.get_by_role("checkbox", name=re.compile(r"^Dean Rusk \(\d+\)$"))
    count = int(re.search(r"\((\d+)\)", label.evaluate("e => e.labels[0].innerText")).group(1))
    assert count == len(query(page, edition_server, "Kennedy", {"Person": "Dean Rusk"}))


def test_the_search_page_with_filters_open_has_no_accessibility_violation(page, edition_server: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    query(page, edition_server, "Kennedy", {"Person": "Dean Rusk"})
    for facet in FACETS[:2]:
        page.locator(".pagefind-ui__filter-block summary", has_text=facet).click()
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_the_filters_work_from_the_keyboard(page, edition_server: str) -> None:
    query(page, edition_server, "Kennedy")
    summary = page.locator(".pagefind-ui__filter-block summary", has_text="Kind of text")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.labels[0].innerText")
    assert focused.startswith("Introduction")
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.pagefind-ui__message').innerText.startsWith('1 result')")
    assert page.locator(".pagefind-ui__result-link").first.get_attribute("href").startswith("/hershberg-intro.html")


def test_on_a_phone_the_filters_fit_the_width_and_stay_legible(browser, edition_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        query(phone, edition_server, "Kennedy", {"Person": "Dean Rusk"})
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        label = phone.locator(".pagefind-ui__filter-label").first
        assert float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 14
        assert "serif" in label.evaluate("e => getComputedStyle(e).fontFamily").lower()
    finally:
        context.close()


def test_the_home_page_gives_each_text_its_kind_from_the_header(page, edition_site: Path) -> None:
    page.goto((edition_site / "index.html").as_uri())
    kinds = page.locator(".account-list dl.meta dt:text-is('Kind') + dd").all_inner_texts()
    assert kinds == ["Memoir", "Memoir", "Testimony at a conference", "Memoir", "Memoir", *KINDS[3:]]


def test_the_kinds_of_text_are_no_contested_points(edition_site: Path) -> None:
    compared = lxml.html.parse(str(edition_site / "compare.html")).getroot()
    headings = [" ".join(h.text_content().split()) for h in compared.xpath("//section[@class = 'point']/h2")]
    assert len(headings) == 6 and not set(headings) & set(KINDS), headings


def test_a_build_with_filters_reproduces_byte_for_byte(tmp_path: Path, edition_dir_module: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name
        build([edition_dir_module], BuildOptions(out=out, force=True, clean=True))
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    one, two = outputs
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    facets = json.loads(one["html/search-facets.json"])
    assert [facet["name"] for facet in facets["facets"]] == FACETS
    assert any(name.startswith("html/pagefind/") for name in one)
    assert not any(name.startswith("html/pagefind/filter/") for name in one)  # no Pagefind filter: they differ
