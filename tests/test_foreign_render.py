"""Other projects' TEI on the website (issue 10), element by element: teiphy's word tokens and apparatus popup, the
TEI Stylesheets' MathML and title pages, FRUS's page breaks, datelines and source notes, and the generic rendering
of what no template knows. Each file of ``../shared/corpus`` is built with the CLI as its project would build it
(its own schema, the ``tei`` profile) and its pages are read with lxml; the browser tests open them in Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import SHARED
from tests.test_browser import CHROMIUM, browser, page
from toolkit.resources import TEI_ALL_RNG

__all__ = ["browser", "page"]

CORPUS = SHARED / "corpus"
EDITION = Path(sys.executable).parent / "edition"
MATHML = "http://www.w3.org/1998/Math/MathML"
TEI = "{http://www.tei-c.org/ns/1.0}"
#: Files that are not valid TEI P5 (jing agrees: tests/test_schemas.py): published with --force, as their own
#: projects publish them; the others publish without it.
INVALID = {"teiphy-some-dates-collation", "tei-stylesheets-maria"}


@dataclass
class Site:
    html: Path
    output: str  # what the build printed: its diagnostics

    def page(self, name: str) -> lxml.html.HtmlElement:
        return lxml.html.parse(str(self.html / f"{name}.html")).getroot()

    def pages(self, stem: str) -> list[lxml.html.HtmlElement]:
        """The pages made from one source (one, or one per division that is a page of its own)."""
        return [lxml.html.parse(str(p)).getroot() for p in sorted(self.html.glob(f"{stem}*.html"))]


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


class Corpus:
    """``built[stem]``: the site of one corpus file, built on first use with the CLI, with its own schema (FRUS's,
    else TEI P5), in an empty folder (no project file applies)."""

    def __init__(self, folders: pytest.TempPathFactory) -> None:
        self._folders = folders
        self._sites: dict[str, Site] = {}

    def __getitem__(self, stem: str) -> Site:
        if stem not in self._sites:
            folder = self._folders.mktemp(stem)
            schema = CORPUS / "frus-schema" / "frus.rng" if stem.startswith("frus") else TEI_ALL_RNG
            command = [str(EDITION), "build", str(CORPUS / f"{stem}.xml"), "--out", str(folder / "out")]
            command += ["--schema", str(schema), "--profile", "tei"] + (["--force"] if stem in INVALID else [])
            done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
            assert done.returncode == 0, done.stdout + done.stderr
            self._sites[stem] = Site(folder / "out" / "html", done.stdout + done.stderr)
        return self._sites[stem]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent (the foreign TEI files live there)")
    return Corpus(tmp_path_factory)


def htm001(site: Site) -> list[str]:
    """The element names the build reported as having no template (HTM001), as often as it named them."""
    return re.findall(r"HTM001 <([^>]+)> has no HTML template", site.output)


# teiphy: word tokens, the apparatus popup


def teiphy_entry(built: Corpus) -> lxml.html.HtmlElement:
    page = built["teiphy-some-dates-collation"].page("teiphy-some-dates-collation")
    [entry] = page.find_class("app-entry")
    return entry


def test_adjacent_word_tokens_are_separate_words_on_the_page_and_in_the_popup(built: Corpus) -> None:
    page = built["teiphy-some-dates-collation"].page("teiphy-some-dates-collation")
    assert [words(lem) for lem in page.xpath("//span[@class='lem']")] == ["εν εφεσω"]
    readings = [words(r) for r in teiphy_entry(built).find_class("reading-text")]
    assert readings == ["εν εφεσω", "εν εφεσω", "εν εφεω", "om."]


def test_the_popup_gives_the_lacunae_of_witnesses_without_a_reading(built: Corpus) -> None:
    [detail] = teiphy_entry(built).find_class("wit-detail")
    assert words(detail) == "; lacuna: 04 06C1 06C2 syrhmg"
    assert [abbr.text for abbr in detail.find_class("siglum")] == ["04", "06C1", "06C2", "syrhmg"]


def test_the_popup_labels_a_reading_with_its_type_and_cause(built: Corpus) -> None:
    defective = [r for r in teiphy_entry(built).find_class("rdg") if r.find_class("reading-kind")]
    assert [words(r.find_class("reading-kind")[0]) for r in defective] == ["(defective; cause: parablepsis)"]
    assert words(defective[0].find_class("reading-n")[0]) == "reading 1-f1"


def test_relations_between_readings_are_said_in_the_popup_and_make_no_empty_note(built: Corpus) -> None:
    entry = teiphy_entry(built)
    relations = [words(r) for r in entry.find_class("relations")]
    assert relations[0] == (
        "Intrinsic: reading 1 (εν εφεσω) more probably original than reading 2 (om.): The Committee had difficulty"
        " in deciding which variant to place in the text."
    )
    assert relations[1].startswith("Transcriptional: reading 2 (om.) could have given rise to reading 1 (εν εφεσω)")
    page = built["teiphy-some-dates-collation"].page("teiphy-some-dates-collation")
    assert page.find_class("notes") == [] and page.find_class("note-ref") == []
    assert not {"listRelation", "relation"} & set(htm001(built["teiphy-some-dates-collation"]))


def test_interpretations_of_readings_are_not_offered_as_contested_points_in_the_legend(built: Corpus) -> None:
    # teiphy's relation/@ana names interp elements (the reasons for a judgement), not categories of contested points
    page = built["teiphy-some-dates-collation"].page("teiphy-some-dates-collation")
    layers = [item.get("class") for item in page.xpath("//fieldset[@class='legend']//li")]
    assert "layer-apparatus" in layers and "layer-points" not in layers


# TEI Stylesheets: MathML, title pages


def test_mathml_is_copied_through_as_mathml_with_no_htm001(built: Corpus) -> None:
    site = built["tei-stylesheets-maria"]
    source = lxml.etree.parse(str(CORPUS / "tei-stylesheets-maria.xml"))
    page = site.page("tei-stylesheets-maria")
    maths = page.xpath("//math")
    assert len(maths) == sum(1 for _ in source.iter(f"{{{MATHML}}}math"))
    assert all(m.get("xmlns") == MATHML for m in maths)
    assert page.xpath("//math//mfrac") and page.xpath("//math//msub")
    assert htm001(site) == []  # neither the MathML elements nor the formulas that hold them


def test_mfenced_becomes_an_mrow_with_its_fences_as_mathml_core_has_no_mfenced(built: Corpus) -> None:
    page = built["tei-stylesheets-maria"].page("tei-stylesheets-maria")
    assert page.xpath("//mfenced") == []
    fenced = page.xpath("//mrow[mo[@fence='true']]")
    assert fenced and all(
        f.xpath("mo[1]/@form") == ["prefix"] and f.xpath("mo[last()]/@form") == ["postfix"] for f in fenced
    )


def test_front_matter_titles_are_a_title_page_of_blocks(built: Corpus) -> None:
    page = built["tei-stylesheets-maria"].page("tei-stylesheets-maria")
    [front] = page.xpath("//section[@class='front']")
    parts = [(child.tag, child.get("class"), words(child)) for child in front]
    assert parts == [
        ("div", "docTitle", "Simulation of Energy Loss Straggling"),
        ("p", "docAuthor", "Maria Physicist"),
        ("p", "docDate", "January 17, 1999"),
    ]
    assert [p.get("class") for p in front.find_class("docTitle")[0]] == ["titlePart main"]


# FRUS: the title page, page breaks, datelines, source notes


def frus_pages(built: Corpus) -> list[lxml.html.HtmlElement]:
    return built["frus-1894-nicaragua"].pages("frus-1894-nicaragua")


def test_the_title_page_is_blocks_and_an_empty_part_is_not_shown(built: Corpus) -> None:
    [title_page] = [t for p in frus_pages(built) for t in p.find_class("titlePage")]
    shown = [(e.tag, e.get("class")) for e in title_page.iter("div", "p")]
    assert shown == [
        ("div", "docTitle"),
        ("p", "titlePart series"),
        ("p", "titlePart volumetitle"),
        ("p", "docImprint"),
    ]
    assert len(title_page.find_class("docImprint")[0].findall("br")) == 2


def test_page_breaks_are_page_numbers_outside_the_sentence_each_with_its_id(built: Corpus) -> None:
    source = lxml.etree.parse(str(CORPUS / "frus-1894-nicaragua.xml"))
    expected = {pb.get("{http://www.w3.org/XML/1998/namespace}id"): pb.get("n") for pb in source.iter(f"{TEI}pb")}
    found: dict[str, str] = {}
    for html in frus_pages(built):
        assert "[[" not in html.get_element_by_id("main").text_content()
        for pb in html.find_class("pb"):
            assert pb.get("role") == "doc-pagebreak" and pb.get("data-pagefind-ignore") == "all"
            [number] = pb.find_class("pb-n")
            assert number.get("aria-hidden") == "true" and pb.get("title") == "page " + number.text
            found[pb.get("id")] = number.text
    assert found == expected  # every page break, by its id, with its number as printed ("[I]", "12")


def test_datelines_are_blocks_of_their_own(built: Corpus) -> None:
    datelines = [d for page in frus_pages(built) for d in page.find_class("dateline")]
    source = lxml.etree.parse(str(CORPUS / "frus-1894-nicaragua.xml"))
    assert len(datelines) == sum(1 for _ in source.iter(f"{TEI}dateline"))
    assert {d.tag for d in datelines} == {"p"}


def test_a_source_note_stands_under_the_heading_and_is_no_footnote(built: Corpus) -> None:
    [document] = [p for p in frus_pages(built) if p.xpath("//section[@id='d1']")]
    [source_note] = document.find_class("source-note")
    assert source_note.tag == "p" and words(source_note) == "[Telegram.]"
    assert source_note.getnext().get("class") == "dateline"
    footnotes = [li for page in frus_pages(built) for li in page.xpath("//section[@class='notes']//li")]
    assert footnotes and not [li for li in footnotes if "[Telegram.]" in li.text_content()]


def test_footnotes_are_numbered_one_to_n_on_each_page(built: Corpus) -> None:
    for html in frus_pages(built):
        numbers = [int(li.get("value")) for li in html.xpath("//section[@class='notes']//li")]
        assert numbers == list(range(1, len(numbers) + 1))


# Generic rendering


def test_an_unknown_element_is_its_text_listed_once_per_name(built: Corpus) -> None:
    site = built["ceteicean-testTEI"]
    assert htm001(site) == ["egXML", "fuzzbuckets"]
    page = site.page("ceteicean-testTEI")
    assert page.find_class("tei-egXML") and page.find_class("tei-fuzzbuckets")[0].text_content().strip()


def test_an_unknown_element_that_holds_paragraphs_is_a_block(built: Corpus) -> None:
    site = built["frus-1894-nicaragua"]
    assert htm001(site).count("attachment") == 1
    attachments = [a for page in frus_pages(built) for a in page.find_class("tei-attachment")]
    assert attachments and {a.tag for a in attachments} == {"div"}


@pytest.mark.parametrize("stem", ["tei-stylesheets-test3", "tei-stylesheets-testapp", "tei-stylesheets-testnotes2"])
def test_the_other_tei_stylesheets_files_publish_without_force(built: Corpus, stem: str) -> None:
    assert built[stem].page(stem).get_element_by_id("text").text_content().strip()


# In Chromium


in_chromium = pytest.mark.skipif(not CHROMIUM.is_file(), reason="Chromium is absent (/usr/bin/chromium)")


@pytest.mark.browser
@in_chromium
def test_mathml_renders_as_mathml_in_the_browser(page, built: Corpus) -> None:
    page.goto((built["tei-stylesheets-maria"].html / "tei-stylesheets-maria.html").as_uri())
    math = page.locator("math").nth(1)  # κ = ξ / E_max, a display formula
    assert math.evaluate("m => m.namespaceURI") == MATHML
    assert math.evaluate("m => m instanceof MathMLElement")
    box, fraction = math.bounding_box(), math.locator("mfrac").first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    assert fraction and fraction["height"] > 1.5 * page.locator("math").first.bounding_box()["height"]  # two levels


@pytest.mark.browser
@in_chromium
def test_the_teiphy_popup_shows_the_lacunae_and_the_labels_in_the_browser(page, built: Corpus) -> None:
    page.goto((built["teiphy-some-dates-collation"].html / "teiphy-some-dates-collation.html").as_uri())
    assert page.locator("span[class='lem']").inner_text() == "εν εφεσω"
    entry = page.locator(".app-entry")
    assert not entry.is_visible()
    page.locator("button.app-marker").click()
    assert entry.is_visible()
    text = " ".join(entry.inner_text().split())
    assert "lacuna: 04 06C1 06C2 syrhmg" in text and "(defective; cause: parablepsis)" in text
    assert "Intrinsic: reading 1 (εν εφεσω) more probably original than reading 2 (om.)" in text


@pytest.mark.browser
@in_chromium
def test_page_numbers_stand_in_the_margin_and_are_heard_as_pages(page, built: Corpus) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    site = built["frus-1894-nicaragua"]
    [path] = [p for p in site.html.glob("frus-1894-nicaragua*.html") if 'id="d2"' in p.read_text(encoding="utf-8")]
    page.goto(path.as_uri())
    number, text = page.locator("#pg_10 .pb-n").bounding_box(), page.locator("#text").bounding_box()
    assert number and text and number["x"] >= text["x"] + text["width"]  # beside the column, not in the line
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    heard = [n["role"]["value"] for n in tree if n.get("name", {}).get("value") == "page 10" and not n["ignored"]]
    assert heard == ["doc-pagebreak"]  # its own node, named "page 10", apart from the sentence's text
    sentence = page.locator("p", has_text="I transmit for your information").first.inner_text()
    assert not re.search(r"\d\]|\[\d", sentence)


@pytest.mark.browser
@in_chromium
@pytest.mark.parametrize(
    ("stem", "page_name"),
    [
        ("teiphy-some-dates-collation", "teiphy-some-dates-collation"),  # with its popup open
        ("tei-stylesheets-maria", "tei-stylesheets-maria"),
        ("frus-1894-nicaragua", "frus-1894-nicaragua-d2"),  # page breaks, datelines, a source note
    ],
)
def test_a_foreign_page_has_no_accessibility_violation(page, built: Corpus, stem: str, page_name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path = built[stem].html / f"{page_name}.html"
    if not path.is_file():  # the volume as one page (no division pages)
        path = built[stem].html / f"{stem}.html"
    page.goto(path.as_uri())
    if page.locator("button.app-marker").count():
        page.locator("button.app-marker").first.click()
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
