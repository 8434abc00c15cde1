"""The print edition read back as a reader gets it: no note dropped, a tagged PDF/A, the typography of notes, titles,
contents and apparatus.

The PDF is read with pypdf (text, fonts, structure tree, XMP) and the layout with WeasyPrint's own boxes; veraPDF,
the reference PDF/A and PDF/UA validator, is a Java program that cannot be installed here (no registry we reach
carries it), so the PDF/A and tagging checks are of what the file declares and contains, not a conformance proof.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pypdf
import pytest
from conftest import EDITION
from lxml import etree

from toolkit.corpus import TEI_NS
from toolkit.publish.print import build_print, plan_edition, render

T = f"{{{TEI_NS}}}"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
#: Subtrees whose words the print leaves out of the running text and of a note (readings and corrections are given
#: by the apparatus, as plain text).
UNPRINTED = {f"{T}{name}" for name in ("rdg", "corr", "reg", "expan", "witDetail", "interp", "interpGrp", "desc")}


def letters(text: str) -> str:
    """Only the letters and digits of a text, lower case: what survives line breaks, hyphenation, small capitals and
    the print's punctuation (``<gi>``, quotation marks) on the way to the PDF's text."""
    return re.sub(r"[\W_]+", "", text).lower()


def printed_words(element: etree._Element) -> str:
    """The words of a TEI element as the print gives them, without the readings printed only in the apparatus."""

    def walk(node: etree._Element) -> Iterator[str]:
        if node.tag in UNPRINTED:
            return
        yield node.text or ""
        for child in node:
            yield from walk(child)
            yield child.tail or ""

    return "".join(walk(element))


def footnote_sources(accounts: list[Path]) -> tuple[list[etree._Element], list[etree._Element]]:
    """The TEI elements of the accounts that the print turns into foot notes: apparatus entries (app, corrections,
    lone sic) and editorial notes (notes not inside notes or readings, descriptions of gaps)."""
    apparatus, notes = [], []
    for path in accounts:
        text = etree.parse(str(path)).getroot().find(f".//{T}text")
        assert text is not None, path
        for element in text.iter(f"{T}app", f"{T}choice", f"{T}sic", f"{T}note", f"{T}gap"):
            inside = {a.tag for a in element.iterancestors()}
            if inside & (UNPRINTED | {f"{T}note", f"{T}app"}):
                continue
            tag = etree.QName(element).localname
            correction = tag == "choice" and element.find(f"{T}sic") is not None
            lone_sic = tag == "sic" and element.getparent().tag != f"{T}choice"
            if tag == "app" or correction or lone_sic:
                apparatus.append(element)
            elif tag == "note" or (tag == "gap" and element.find(f"{T}desc") is not None):
                notes.append(element)
    return apparatus, notes


def pdf_letters(pdf: Path) -> str:
    return "".join(letters(page.extract_text()) for page in pypdf.PdfReader(pdf).pages)


def assert_no_note_dropped(accounts: list[Path], html: Path, pdf: Path) -> None:
    """Every apparatus entry and editorial note of the TEI is a foot note of the print HTML, and every foot note of
    the HTML is in the PDF's text (as often as the HTML has it): neither the stylesheet nor the renderer drops one."""
    apparatus, notes = footnote_sources(accounts)
    page = lxml.html.parse(str(html)).getroot()
    entries = [
        letters(e.text_content()) for e in page.xpath("//span[contains(concat(' ', @class, ' '), ' app-note ')]")
    ]
    calls = [letters(e.text_content()) for e in page.xpath("//span[contains(concat(' ', @class, ' '), ' note ')]")]
    assert len(entries) == len(apparatus), (len(entries), len(apparatus))
    # A correction note that explains a correction is printed in its apparatus entry, not as a note of its own.
    folded = [n for n in notes if n.tag == f"{T}note" and not any(letters(printed_words(n)) in e for e in calls)]
    assert all(n.get("type") == "correction" for n in folded), [printed_words(n)[:60] for n in folded]
    assert len(calls) + len(folded) == len(notes)
    text = pdf_letters(pdf)
    missing = [
        f"{wanted[:60]} ({count} in the HTML)"
        for wanted, count in Counter(entries + calls).items()
        if text.count(wanted) < count
    ]
    missing += [
        printed_words(n)[:60]
        for n in notes
        if letters(printed_words(n if n.tag == f"{T}note" else n.find(f"{T}desc"))) not in text
    ]
    assert missing == [], f"{len(missing)} notes not in the PDF's text: {missing[:5]}"


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The edition's print (HTML, CSS, fonts, PDF), built once."""
    return build_print(sorted(EDITION.glob("*.xml")), tmp_path_factory.mktemp("edition"), params={"title": ""})


@pytest.fixture(scope="module")
def reader(edition: list[Path]) -> pypdf.PdfReader:
    return pypdf.PdfReader(edition[-1])


@pytest.fixture(scope="module")
def html(edition: list[Path]) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(edition[0])).getroot()


@pytest.fixture(scope="module")
def layout(edition: list[Path]) -> object:
    """WeasyPrint's layout of the edition's print HTML (its boxes carry the computed styles)."""
    return render(edition[0])


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub("[\u2010-]\n", "", text)).strip()


# No note dropped


@pytest.mark.slow
def test_every_apparatus_entry_and_note_of_the_edition_is_in_the_pdf(edition: list[Path]) -> None:
    assert_no_note_dropped(plan_edition(sorted(EDITION.glob("*.xml"))).accounts, edition[0], edition[-1])


def synthetic_edition(folder: Path, paragraphs: int) -> Path:
    """An account of ``paragraphs`` paragraphs of about a page each, each with an apparatus entry (every other one a
    lone full stop that a witness omits) and a note whose words are its own. WeasyPrint lays a page's foot notes out
    again for each one added, so a page with many notes costs much more than a long page with few."""
    filler = " ".join(["the ambassador and the attorney general spoke at length of the missiles and the crisis"] * 31)

    def entry(n: int) -> str:
        if n % 2:
            return 'then it closes<app><lem wit="#w-a">.</lem><rdg wit="#w-b"/></app>'
        return f'in <app><lem wit="#w-a">reading{n}</lem><rdg wit="#w-b">variant{n}x</rdg></app>.'

    body = "\n".join(
        f'<p xml:id="s-p{n}" n="{n}">Paragraph {n} opens, and {filler} {entry(n)}'
        f"<note>Editorial note {n} records point {n}x{n}.</note></p>"
        for n in range(1, paragraphs + 1)
    )
    account = folder / "synthetic.xml"
    account.write_text(
        f'<TEI xmlns="{TEI_NS}" xml:id="synthetic"><teiHeader><fileDesc><titleStmt><title>Synthetic</title>'
        "</titleStmt><publicationStmt><p>A test.</p></publicationStmt><sourceDesc><listWit>"
        '<witness xml:id="w-a" n="A">Witness A</witness><witness xml:id="w-b" n="B">Witness B</witness></listWit>'
        f"</sourceDesc></fileDesc></teiHeader><text><body><div>{body}</div></body></text></TEI>",
        encoding="utf-8",
    )
    return account


@pytest.mark.slow
def test_every_foot_note_of_a_200_page_edition_is_in_the_pdf(tmp_path: Path) -> None:
    account = synthetic_edition(tmp_path, 200)
    written = build_print([account], tmp_path / "out", params={"title": ""})
    assert len(pypdf.PdfReader(written[-1]).pages) >= 200
    assert_no_note_dropped([account], written[0], written[-1])


def test_a_dropped_note_is_found(tmp_path: Path, edition: list[Path]) -> None:
    """The check itself: the edition's PDF against an HTML that has one note more than the PDF."""
    page = edition[0].read_text(encoding="utf-8")
    extra = tmp_path / "edition.html"
    extra.write_text(page.replace("</p>", '<span class="note">A note the PDF never had.</span></p>', 1), "utf-8")
    with pytest.raises(AssertionError):
        assert_no_note_dropped(plan_edition(sorted(EDITION.glob("*.xml"))).accounts, extra, edition[-1])


# A tagged PDF/A


def test_pdf_is_tagged_and_declares_pdf_a_3b(edition: list[Path], reader: pypdf.PdfReader) -> None:
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] is True or catalog["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(
        True
    )
    assert catalog["/StructTreeRoot"].get_object()["/Type"] == "/StructTreeRoot"
    assert catalog["/Lang"] == "en"
    description = etree.fromstring(catalog["/Metadata"].get_object().get_data()).find(f".//*[@{PDFAID}part]")
    assert description is not None
    assert (description.get(f"{PDFAID}part"), description.get(f"{PDFAID}conformance")) == ("3", "B")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(edition[-1])], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), info


def structure(reader: pypdf.PdfReader) -> Iterator[pypdf.generic.DictionaryObject]:
    """Every structure element of the PDF's structure tree."""
    stack = [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        element = stack.pop()
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and kid.get("/Type", "/StructElem") == "/StructElem" and "/S" in kid:
                yield kid
                stack.append(kid)


def test_headings_are_pdf_structure(reader: pypdf.PdfReader) -> None:
    kinds = Counter(str(element["/S"]) for element in structure(reader))
    assert kinds["/H1"] == 1  # the edition's title
    assert kinds["/H2"] >= 9  # contents, sigla, method, each account, each index
    assert kinds["/P"] > 100 and kinds["/L"] >= 3


def test_redaction_bar_has_alternate_text(reader: pypdf.PdfReader) -> None:
    figures = [element for element in structure(reader) if element["/S"] == "/Figure"]
    assert figures and all(str(figure.get("/Alt", "")).startswith("Redacted text") for figure in figures)


# Typography


def footnote_boxes(layout: object) -> Iterator[object]:
    from weasyprint.formatting_structure.boxes import FootnoteAreaBox

    def descendants(box: object) -> Iterator[object]:
        yield box
        for child in getattr(box, "children", []):
            yield from descendants(child)

    for page in layout.pages:  # type: ignore[attr-defined]
        for area in page._page_box.children:
            if isinstance(area, FootnoteAreaBox):
                yield from descendants(area)


def test_foot_notes_are_not_letter_spaced_nor_in_small_capitals(layout: object) -> None:
    styles = [box.style for box in footnote_boxes(layout) if type(box).__name__ == "TextBox"]
    assert len(styles) > 100
    assert {(s["letter_spacing"], s["font_variant_caps"], s["text_transform"]) for s in styles} == {
        ("normal", "normal", "none")
    }


def test_classification_line_is_in_small_capitals(html: lxml.html.HtmlElement, reader: pypdf.PdfReader) -> None:
    (line,) = html.xpath("//p[contains(@class, 'classification')]")
    assert [s.text for s in line.xpath(".//span[@class = 'small-caps']")][:3] == ["AKING", "OPIES", "ROHIBITED"]
    assert "TOP SECRET MAKING COPIES PROHIBITED COPY NO. I" in " ".join(p.extract_text() for p in reader.pages)


def italic_runs(page: pypdf.PageObject) -> list[str]:
    """The text runs of a page set in an italic font (by the font's name)."""
    runs: list[str] = []

    def visit(text: str, _cm: object, _tm: object, font: dict | None, _size: float) -> None:
        if font and "Italic" in str(font.get("/BaseFont", "")):
            runs.append(text)

    page.extract_text(visitor_text=visit)
    return runs


def test_titles_are_italic_in_notes_and_indexes(reader: pypdf.PdfReader) -> None:
    pages = [normalise(page.extract_text()) for page in reader.pages]
    note = next(i for i, p in enumerate(pages) if "By Robert Kennedy\u2019s account (Thirteen Days)" in p)
    assert "Thirteen Days" in "".join(italic_runs(reader.pages[note]))
    index = next(i for i, p in enumerate(pages) if p.startswith("Index of persons") or "Index of persons Allyn" in p)
    italic = "".join(italic_runs(reader.pages[index]))
    assert "Back to the" in italic and "We All Lost the" in italic


def test_index_glosses_stand_apart_from_the_page_numbers(html: lxml.html.HtmlElement) -> None:
    entries = [normalise(e.text_content()) for e in html.xpath("//li[@class = 'index-entry']")]
    anderson = next(e for e in entries if e.startswith("Anderson"))
    assert re.fullmatch(
        r"Anderson, Rudolf, Jr\. \(d\. 1962; Pilot .* 1962; identification ours, certainty high\),", anderson
    )
    assert [h.text for h in html.xpath("//h2[@class = 'index-title']")] == [
        "Index of persons",
        "Index of places",
        "Index of organisations",
    ]


def test_contents_numbers_align_and_every_line_has_a_leader(layout: object, html: lxml.html.HtmlElement) -> None:
    def descendants(box: object) -> Iterator[object]:
        yield box
        for child in getattr(box, "children", []):
            yield from descendants(child)

    boxes = list(descendants(layout.pages[3]._page_box))  # type: ignore[attr-defined]
    numbers = [b for b in boxes if type(b).__name__ == "InlineBlockBox" and b.element.get("class") == "toc-page"]
    assert len(numbers) == len(html.xpath("//a[@class = 'toc-page']")) == 12
    assert len({round(b.position_x + b.margin_width(), 1) for b in numbers}) == 1
    leaders = [b for b in boxes if getattr(b, "is_leader", False)]
    assert len(leaders) == len(numbers) and all(len(b.children) >= 2 for b in leaders)


def test_contents_and_running_heads_use_typographic_quotes_and_one_line(html: lxml.html.HtmlElement) -> None:
    titles = [t.text for t in html.xpath("//span[@class = 'toc-title']")]
    assert "Sorensen\u2019s \u201cConfession\u201d: comments at the Moscow conference, January 1989 (excerpt)" in titles
    assert not [t for t in titles if re.search("[\"']", t)]  # straight marks
    heads = html.xpath("//section/@data-running")
    assert "Anatomy of a Controversy — Introduction" in heads and all(len(h) <= 64 for h in heads)


def test_lone_punctuation_lemma_is_given_with_its_word(html: lxml.html.HtmlElement) -> None:
    entries = [normalise(e.text_content()) for e in html.xpath("//span[contains(@class, 'app-note')]")]
    assert not [e for e in entries if re.match(r"[.,;:'\"]+\]", e)]
    assert "to.] to, ed." in " | ".join(entries)  # the word before
    assert ".. There] … There ed." in " | ".join(entries)  # at a paragraph's start, the word after


def test_short_foreign_phrase_is_not_broken_and_calls_stay_on_their_word(reader: pypdf.PdfReader) -> None:
    text = " ".join(page.extract_text() for page in reader.pages)
    assert re.search("quid[ \u00a0]pro[ \u00a0]quo", text) and not re.search(r"quid\s*\n\s*pro", text)
    assert re.search(r"said,'[a-z] the president", normalise(text))
