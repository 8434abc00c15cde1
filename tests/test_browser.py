"""The website in a real headless Chromium (Playwright, Debian's chromium): reading, apparatus, switch, links, search,
and an axe-core accessibility check."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from toolkit.publish.build import BuildOptions, build

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "build" / "edition"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="Chromium is absent (/usr/bin/chromium; .ci/run installs it)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture edition's website."""
    out = tmp_path_factory.mktemp("browser") / "out"
    build([FIXTURE], BuildOptions(out=out))
    return out / "html"


@pytest.fixture(scope="module")
def edition_site(tmp_path_factory: pytest.TempPathFactory, edition_dir_module: Path) -> Path:
    """The edition's website (built even if the edition is momentarily invalid: this checks the pages)."""
    out = tmp_path_factory.mktemp("edition") / "out"
    build([edition_dir_module], BuildOptions(out=out, force=True))
    return out / "html"


@pytest.fixture(scope="module")
def edition_dir_module() -> Path:
    from tests.conftest import EDITION

    return EDITION


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The website over loopback HTTP (Pagefind loads its index with fetch, which file:// does not allow)."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_an_account_page_opens_from_a_file_address(page, site: Path) -> None:
    page.goto((site / "account.html").as_uri())
    assert page.locator("h1").inner_text() == "An account of the meeting"
    assert page.locator("#account-p2 .pnum").is_visible()


def test_an_apparatus_entry_opens_with_both_readings_and_their_witnesses(page, site: Path) -> None:
    page.goto((site / "account.html").as_uri())
    entry = page.locator("#account-app1")
    assert not entry.is_visible()
    page.locator("button.app-marker").first.click()
    assert entry.is_visible()
    text = " ".join(entry.inner_text().split())
    assert "a request] A" in text and "a plea C" in text
    page.keyboard.press("Escape")
    assert not entry.is_visible()


def test_the_apparatus_opens_from_the_keyboard(page, site: Path) -> None:
    page.goto((site / "account.html").as_uri())
    page.locator("button.app-marker").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#account-app1").is_visible()


def test_an_omission_shows_its_reason_on_keyboard_focus(page, site: Path) -> None:
    page.goto((site / "account.html").as_uri())
    reason = page.locator(".gap .gap-reason").first
    assert reason.bounding_box()["width"] <= 1
    page.locator(".gap").first.focus()
    assert reason.bounding_box()["width"] > 20
    assert reason.inner_text() == "omitted"


def test_the_citation_line_opens_from_the_paragraph(page, site: Path) -> None:
    page.goto((site / "account.html").as_uri())
    page.locator("#account-p2 .cite-button").click()
    assert "par. 2" in page.locator("#cite-account-p2").inner_text()


def test_the_edited_reading_corrects_the_transcription_and_the_switch_shows_it_exactly(
    page, edition_site: Path
) -> None:
    page.goto((edition_site / "hershberg-intro.html").as_uri())
    ours = page.locator(".choice.error-transcription").first
    ours_as_transcribed, ours_corrected = ours.locator(".diplomatic"), ours.locator(".corrected")
    original = page.locator(".choice.error-original").first
    original_as_printed, original_corrected = original.locator(".diplomatic"), original.locator(".corrected")
    toggle = page.locator("button.reading-toggle")
    # by default: our transcription's error corrected, the original's error as printed (flagged [sic])
    assert ours_corrected.is_visible() and not ours_as_transcribed.is_visible()
    assert original_as_printed.is_visible() and not original_corrected.is_visible()
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()  # the transcription exactly: every sic
    assert ours_as_transcribed.is_visible() and not ours_corrected.is_visible()
    assert original_as_printed.is_visible() and not original_corrected.is_visible()
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert ours_corrected.is_visible()


def test_a_person_link_leads_to_the_index_and_back(page, site: Path) -> None:
    page.goto((site / "account.html").as_uri())
    page.locator("#account-p1 a.name", has_text="the ambassador").click()
    # Each click starts a cross-document navigation: wait until it has loaded before
    # the next step, or Chromium may still be swapping the page when we go back.
    page.wait_for_url("**/persons.html#dobrynin")
    entry = page.locator("#dobrynin")
    assert "Anatoly Dobrynin" in entry.inner_text()
    entry.locator("a", has_text="¶ 1").first.click()
    page.wait_for_url("**/account.html#account-p1")
    page.go_back(wait_until="load")
    page.wait_for_url("**/persons.html#dobrynin")


def test_search_finds_a_word(page, server: str) -> None:
    page.goto(server + "/search.html")
    page.locator("#search input").fill("ultimatum")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=10_000)
    assert "account" in (result.get_attribute("href") or "")


@pytest.mark.parametrize(
    "name",
    [
        "index",
        "hershberg-intro",
        "dobrynin-cable",
        "lebow-stein-comment",
        "persons",
        "places",
        "orgs",
        "timeline",
        "compare",
        "variants",
        "search",
    ],
)
def test_no_accessibility_violation_of_any_impact(page, edition_site: Path, name: str) -> None:
    """axe-core on one page of each kind: no violation at all (minor and moderate included)."""
    from axe_playwright_python.sync_playwright import Axe

    assert (edition_site / f"{name}.html").is_file(), f"{name}.html was not built"
    page.goto((edition_site / f"{name}.html").as_uri())
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations
    ]


@pytest.fixture(scope="module")
def nu_errors(edition_site: Path) -> list[tuple[str, int | None, str]]:
    """The Nu Html Checker's errors over the whole site, run once (vnu-jar, installed by scripts/setup)."""
    import json
    import subprocess

    from tests.conftest import ROOT

    jar = ROOT / ".cache" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file() or shutil.which("java") is None:
        pytest.skip("the Nu Html Checker is absent (scripts/setup installs vnu-jar into .cache/node; it needs java)")
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", str(edition_site)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [(m.get("url", "").rsplit("/", 1)[-1], m.get("lastLine"), m["message"]) for m in messages]


def test_the_pages_made_by_the_html_stylesheets_are_valid_html5(nu_errors: list) -> None:
    assert [error for error in nu_errors if error[0] != "variants.html"] == []


def test_the_variants_page_is_valid_html5(nu_errors: list) -> None:
    """The page made by toolkit.variants.html_page, checked in the same run over the published site."""
    assert [error for error in nu_errors if error[0] == "variants.html"] == []


def test_no_page_of_the_edition_scrolls_sideways_on_a_phone(browser, edition_site: Path) -> None:
    """Responsive: at 390 px every page fits the width; wide tables scroll inside their own region."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        wide = []
        for page_file in sorted(edition_site.glob("*.html")):
            phone.goto(page_file.as_uri())
            width = phone.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide.append(f"{page_file.name}: {width}px")
        assert wide == []
    finally:
        context.close()
