"""The print edition: the stylesheet's HTML (golden file) and the PDF read back with pypdf."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import lxml.html
import pypdf
import pytest
from conftest import EDITION, FIXTURES
from lxml import etree

from tests.golden import GOLDEN as GOLDEN_FILES
from tests.golden import canonical_html, check_golden
from toolkit.corpus import TEI_NS
from toolkit.diagnostics import Diagnostic, Severity
from toolkit.publish.print import PrintError, build_print, plan_edition, print_html, render

FIXTURE = FIXTURES / "print"
GOLDEN = GOLDEN_FILES / "print" / "edition.html"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def normalise(text: str) -> str:
    """Page text as words: hyphenated line ends joined, runs of white space made one space."""
    return re.sub(r"\s+", " ", re.sub("[\u2010-]\n", "", text)).strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The fixture edition built once for every PDF test, from the driver and the authority files."""
    out = tmp_path_factory.mktemp("print")
    return build_print(sorted(FIXTURE.glob("*.xml")), out, params={"title": ""})


@pytest.fixture(scope="module")
def pages(built: list[Path]) -> list[str]:
    """The text of each page of the PDF, normalised."""
    return [normalise(page.extract_text()) for page in pypdf.PdfReader(built[-1]).pages]


def page_of(pages: list[str], text: str) -> int:
    """The index of the only page whose text holds ``text``."""
    found = [i for i, page in enumerate(pages) if text in page]
    assert len(found) == 1, f"{text!r} is on pages {[i + 1 for i in found]}, expected on exactly one"
    return found[0]


def test_print_html_matches_the_golden_file() -> None:
    html = print_html(plan_edition(sorted(FIXTURE.glob("*.xml"))), {"title": ""}).text
    check_golden(GOLDEN, html, canonical_html)


def test_the_print_takes_each_siglum_from_the_edition_model() -> None:
    plan = plan_edition(sorted(FIXTURE.glob("*.xml")))
    assert plan.sigla["witnesses.xml#wit-alpha"] == "A"  # Edition.sigla(): abbr, then @n, then the id
    # the stylesheet shows what the model gives (here changed), under the pointer's key: it derives no siglum itself
    given = {key: f"<{value}>" for key, value in plan.sigla.items() if "#" in key}
    page = lxml.html.document_fromstring(print_html(replace(plan, sigla=given), {"title": ""}).text)
    assert page.xpath("//section[@class = 'sigla']//dt/text()") == ["<A>", "<wit-beta>", "ed."]
    assert set(page.xpath("//span[@class = 'wit']/text()")) == {"<A>", "ed."}


def test_build_writes_self_contained_html_css_fonts_and_pdf(built: list[Path]) -> None:
    out = built[0].parent.parent
    assert built[0] == out / "print" / "edition.html" and built[-1] == out / "pdf" / "edition.pdf"
    css = (out / "print" / "print.css").read_text(encoding="utf-8")
    for font in re.findall(r"url\(([^)]+)\)", css):
        assert (out / "print" / font).is_file(), font
    assert all(path.is_file() and path.stat().st_size > 0 for path in built)
    html = built[0].read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    assert 'href="print.css"' in html and "file:" not in html and "http" not in html


def test_pdf_has_title_page_contents_and_every_account(pages: list[str]) -> None:
    assert len(pages) > 1
    assert pages[0].startswith("A Print Fixture: Two Accounts of One Meeting")
    assert pages[1].startswith("Published by The edition team CC BY 4.0")
    assert pages[2].startswith("Contents")
    for head in ("The Beta Comment on We All Lost the Cold War:", "Dobrynin's Alpha Cable, 27 October 1962:"):
        assert any(head in page for page in pages[2:]), head


def test_sigla_explain_the_witnesses_the_apparatus_cites(pages: list[str]) -> None:
    sigla = pages[page_of(pages, "Sigla")]
    # Text extraction reads the floated sigla column first, then the descriptions.
    assert sigla.startswith("A wit-beta ed. Sigla The alpha cable The beta comment a correction by the editors")


def test_contents_give_the_page_where_each_account_begins(pages: list[str]) -> None:
    for title, first_words in [
        ("The Beta Comment", "The cable testifies"),
        ("The Alpha Cable, 27 October 1962", "Late tonight"),
        ("Index of persons", "Index of persons Dobrynin, Anatoly F."),
    ]:
        listed = re.search(re.escape(title) + r"[ .]*?(\d+)", pages[2])
        assert listed, title
        assert first_words in pages[int(listed.group(1)) - 1], title


def test_pdf_outline_lists_the_parts_at_their_first_pages(built: list[Path], pages: list[str]) -> None:
    reader = pypdf.PdfReader(built[-1])
    (title, parts) = reader.outline
    assert title.title == "A Print Fixture: Two Accounts of One Meeting"
    found = {part.title: reader.get_destination_page_number(part) for part in parts}
    alpha = "The Alpha Cable, 27 October 1962"
    assert list(found) == ["Contents", "Sigla", "The Beta Comment", alpha, "Index of persons"]
    assert found[alpha] == page_of(pages, "Late tonight R. Kennedy")


def test_accounts_follow_the_driver_order(pages: list[str]) -> None:
    assert page_of(pages, "The cable testifies") < page_of(pages, "Late tonight R. Kennedy")


def test_known_paragraph_is_printed(pages: list[str]) -> None:
    assert "while the archivist counted boxes, folders, ledgers and telegrams, one after another" in "".join(pages)


def test_apparatus_entry_is_a_letter_footnote_on_the_page_of_its_lemma(pages: list[str]) -> None:
    for anchor, entry in [
        ("besides himselfb and his brother", "b himself] him A"),
        # a lemma that is a lone punctuation mark is given with the word before it
        ('"itching for a fight.a"', "a fight.] fight A"),
        ("time is of the essence.c and", "c essence.] essence, ed."),
    ]:
        assert page_of(pages, anchor) == page_of(pages, entry), entry


def test_apparatus_entries_stand_above_the_editorial_notes_of_their_page(pages: list[str]) -> None:
    # The call of note 2 comes before the call of entry b, yet entry b is printed above note 1.
    page = pages[page_of(pages, "b quikly] quickly ed.")]
    assert page.index("We talked alone.2") < page.index("continues to quiklyb worsen")
    assert page.index("a I] 1 ed.") < page.index("b quikly] quickly ed.") < page.index("1. The classification marking")


def test_editorial_note_is_a_number_footnote_on_the_page_of_its_anchor(pages: list[str]) -> None:
    for anchor, note in [
        ("We talked alone.2", "2. By Robert Kennedy\u2019s own account"),
        ("we shouldn't miss the chance.4", "4. The meeting with Dobrynin is the crux"),
    ]:
        assert page_of(pages, anchor) == page_of(pages, note), note


def footnotes_off_their_page(html: Path) -> list[str]:
    """Foot notes laid out on another page than their call (read from WeasyPrint's layout boxes)."""
    from weasyprint.formatting_structure.boxes import Box, FootnoteAreaBox

    def descendants(box: Box) -> list[Box]:
        return [box, *(d for child in getattr(box, "children", []) for d in descendants(child))]

    wrong = []
    for number, page in enumerate(render(html).pages, 1):
        boxes = descendants(page._page_box)
        calls = {id(b.element): b for b in boxes if (b.element_tag or "").endswith("::footnote-call")}
        areas = [b for b in page._page_box.children if isinstance(b, FootnoteAreaBox)]
        notes = {id(n.element): n for area in areas for n in area.children}
        for key in set(calls) ^ set(notes):
            box = calls.get(key) or notes[key]
            text = "".join(getattr(b, "text", "") for b in descendants(box))
            wrong.append(f"page {number}: {'call' if key in calls else 'note'} {text[:50]!r}")
    return wrong


def test_every_footnote_stands_on_the_page_of_its_call(built: list[Path]) -> None:
    assert footnotes_off_their_page(built[0]) == []


@pytest.mark.slow
def test_the_edition_prints_every_footnote_on_the_page_of_its_call(tmp_path: Path) -> None:
    written = build_print(sorted(EDITION.glob("*.xml")), tmp_path, params={"title": ""})
    assert len(pypdf.PdfReader(written[-1]).pages) > 2
    assert footnotes_off_their_page(written[0]) == []
    # the index gives each person's role without the citations of the passages behind it (the website links them)
    page = lxml.html.parse(str(written[0])).getroot()
    roles = page.xpath("//span[@class = 'index-role']")
    assert roles and not [r.text_content() for r in roles if ".xml#" in r.text_content()]
    # a person known by a surname alone ("Scali") is listed without a dangling comma
    names = [
        n.text_content() for n in lxml.html.parse(str(written[0])).getroot().xpath("//span[@class = 'index-name']")
    ]
    assert "Scali" in names and not [n for n in names if n.rstrip().endswith(",")]
    assert "Anderson, Rudolf, Jr." in names  # a generational suffix goes last


def test_correction_prints_the_source_reading_with_our_correction_and_note_in_the_apparatus(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "COPY NO. Ia,1" in text  # in small capitals; the apparatus call, then the note's, kept apart by a comma
    assert "a I] 1 ed. — “Copy No. I”: the digit 1 read as the capital letter I" in text
    assert text.count("the digit 1 read as the capital letter I") == 1


def test_supplied_omission_and_redaction_follow_the_website_conventions(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "maintained [their system] long ago" in text
    assert "was very upset … and" in text
    assert "REDACTED: 1.5 LINES, PRESUMABLY BY RUSSIAN FOREIGN MINISTRY3" in text
    assert "3. One and a half lines whited out on the released copy." in text


def test_unknown_element_is_printed_as_its_text(pages: list[str]) -> None:
    assert "This sentence is in an element the stylesheet does not know." in " ".join(pages)


def test_unknown_element_is_reported_at_its_line(tmp_path: Path) -> None:
    diagnostics: list[Diagnostic] = []
    build_print([FIXTURE / "edition.xml"], tmp_path, params={"title": ""}, diagnostics=diagnostics)
    (warning,) = diagnostics
    assert (warning.code, warning.severity, Path(warning.file).name) == ("PRN001", Severity.WARNING, "alpha.xml")
    assert "<unknownThing>" in warning.message and warning.xpath.endswith("/p[9]/unknownThing[1]")
    line = (FIXTURE / "alpha.xml").read_text(encoding="utf-8").splitlines()[warning.line - 1]
    assert line[warning.column - 1 :].startswith("<unknownThing>")


def test_account_pages_carry_running_heads(pages: list[str]) -> None:
    # Verso (even) pages carry the short edition title, recto (odd) pages the account's, each with the page number.
    edition = "A Print Fixture"  # the edition title up to its colon
    for text, account in [
        ("one folder had been misplaced", "Alpha Cable"),
        ("I should say that during our meeting", "Alpha Cable"),
        ("The cable testifies", "The Beta Comment"),
    ]:
        number = page_of(pages, text) + 1
        head = f"{number} {edition}" if number % 2 == 0 else f"{account} {number}"
        assert pages[number - 1].endswith(head), (text, pages[number - 1][-80:])


def mention_forms() -> dict[str, set[str]]:
    """Each person's index name and the words the fixture's accounts use for them."""
    persons = etree.parse(FIXTURE / "persons.xml").getroot()
    forms: dict[str, set[str]] = {}
    for person in persons.iter(f"{{{TEI_NS}}}person"):
        pid = person.get("{http://www.w3.org/XML/1998/namespace}id")
        found = set()
        for account in ("alpha.xml", "beta.xml"):
            for el in etree.parse(FIXTURE / account).getroot().iterfind(f".//{{{TEI_NS}}}text//*[@ref]"):
                if el.get("ref", "").endswith("#" + str(pid)):
                    found.add(normalise("".join(el.itertext())))
        name = person.find(f"{{{TEI_NS}}}persName")
        assert name is not None
        surname = name.find(f"{{{TEI_NS}}}surname")
        index_name = (
            normalise("".join(name.itertext())).split()[-1] if surname is None else normalise(surname.text or "")
        )
        forms[index_name] = found
    return forms


def test_index_of_persons_lists_the_pages_that_name_each_person(pages: list[str]) -> None:
    index = pages[-1]
    # The page reads: heading, entries, then the running head ("Index of persons 7" or "6 A Print Fixture…").
    entries = dict(re.findall(r"([A-Z][^\d]+?) ((?:\d+, )*\d+)", index.split("Index of persons")[1]))
    forms = mention_forms()
    assert "Never Mentioned" not in index
    assert len(entries) == 3, entries
    for label, numbers in entries.items():
        (key,) = [k for k in forms if k in label]
        listed = [int(n) for n in numbers.split(", ")]
        assert listed == sorted(set(listed)), f"{label}: pages listed twice or out of order"
        for number in listed:
            assert any(form in pages[number - 1] for form in forms[key]), f"{label}: page {number}"


def test_index_lists_each_page_once_when_given_the_pages_of_a_first_rendering() -> None:
    plan = plan_edition(sorted(FIXTURE.glob("*.xml")))
    first = etree.fromstring(print_html(plan, {"title": ""}).text.encode(), etree.HTMLParser())
    assert len(first.xpath("//li[@id='index-rfk']//a[@class='page-ref']")) > 1
    mentions = first.xpath("//span[@class='name']/@id")
    html = print_html(plan, {"title": ""}, dict.fromkeys(mentions, 7)).text
    tree = etree.fromstring(html.encode(), etree.HTMLParser())
    (rfk,) = tree.xpath("//li[@id='index-rfk']")
    assert len(rfk.xpath(".//a[@class='page-ref']")) == 1


def test_every_font_is_embedded(built: list[Path]) -> None:
    fonts = 0
    for page in pypdf.PdfReader(built[-1]).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font).get(
                "/FontDescriptor"
            )
            assert descriptor is not None, font
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object()), font["/BaseFont"]
            fonts += 1
    assert fonts > 0


def test_pdf_identifies_itself_as_pdf_a_3b_with_an_srgb_output_intent(built: list[Path]) -> None:
    catalog = pypdf.PdfReader(built[-1]).trailer["/Root"]
    description = etree.fromstring(catalog["/Metadata"].get_object().get_data()).find(f".//*[@{PDFAID}part]")
    assert description is not None
    assert description.get(f"{PDFAID}part") == "3" and description.get(f"{PDFAID}conformance") == "B"
    (intent,) = catalog["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1" and "sRGB" in intent.get_object()["/OutputConditionIdentifier"]


def test_two_builds_give_byte_identical_html_and_pdf(tmp_path: Path) -> None:
    sources = [FIXTURE / "edition.xml"]
    first = build_print(sources, tmp_path / "one", params={"title": ""})
    second = build_print(sources, tmp_path / "two", params={"title": ""})
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_pdf_has_no_dates_without_a_build_date_and_the_given_one_with_it(built: list[Path], tmp_path: Path) -> None:
    assert "/CreationDate" not in (pypdf.PdfReader(built[-1]).metadata or {})
    dated = build_print([FIXTURE / "edition.xml"], tmp_path, params={"title": "T", "build-date": "2026-11-24"})
    info = pypdf.PdfReader(dated[-1]).metadata
    assert info is not None and info["/CreationDate"].startswith("D:20261124") and info["/Title"] == "T"


def test_bad_build_date_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(PrintError, match="not a W3C date"):
        build_print([FIXTURE / "edition.xml"], tmp_path, params={"title": "", "build-date": "yesterday"})
    assert not any(tmp_path.iterdir())


def test_driver_alone_pulls_in_its_accounts_and_the_files_they_point_to() -> None:
    plan = plan_edition([FIXTURE / "edition.xml"])
    assert [p.name for p in plan.accounts] == ["beta.xml", "alpha.xml"]
    assert {p.name for p in plan.authorities} >= {"persons.xml", "witnesses.xml", "orgs.xml"}


def test_a_missing_included_file_is_left_out_of_the_print(tmp_path: Path) -> None:
    driver = tmp_path / "edition.xml"
    text = (FIXTURE / "edition.xml").read_text(encoding="utf-8")
    driver.write_text(text.replace('href="beta.xml"', f'href="{(FIXTURE / "gone.xml").as_posix()}"'), encoding="utf-8")
    (tmp_path / "alpha.xml").write_bytes((FIXTURE / "alpha.xml").read_bytes())
    assert [p.name for p in plan_edition([driver]).accounts] == ["alpha.xml"]


@pytest.mark.slow
def test_a_missing_include_is_reported_once_by_a_pdf_build(tmp_path: Path) -> None:
    """The validator reports it (TEI202) at the xi:include; the print leaves the file out and does not say it again."""
    from click.testing import CliRunner

    from toolkit.cli import main

    edition = tmp_path / "tei"
    shutil.copytree(EDITION, edition)
    driver = edition / "edition.xml"
    text = driver.read_text(encoding="utf-8")
    assert 'href="rusk-as-i-saw-it.xml"' in text
    driver.write_text(text.replace('href="rusk-as-i-saw-it.xml"', 'href="rusk-as-i-saw.xml"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(edition), "--pdf", "--force", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    line = next(n for n, row in enumerate(text.splitlines(), 1) if 'href="rusk-as-i-saw-it.xml"' in row)
    reported = [row for row in result.output.splitlines() if row.startswith(f"  {line}:")]
    assert len(reported) == 1 and "TEI202" in reported[0] and "rusk-as-i-saw.xml" in reported[0], result.output
    assert "PRN002" not in result.output
    pdf = normalise(
        " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "out" / "pdf" / "edition.pdf").pages)
    )
    assert "this irrelevant question would not complicate" not in pdf  # Rusk's account is left out
    assert "Late tonight" in pdf or "Dobrynin" in pdf


def test_without_a_driver_accounts_keep_the_given_order_and_lists_are_authorities() -> None:
    plan = plan_edition([FIXTURE / "alpha.xml", FIXTURE / "persons.xml", FIXTURE / "beta.xml"])
    assert plan.driver is None
    assert [p.name for p in plan.accounts] == ["alpha.xml", "beta.xml"]
    assert "persons.xml" in {p.name for p in plan.authorities}


def test_foreign_tei_documents_print_without_error_and_name_what_they_print_generically(
    shared: Path, tmp_path: Path
) -> None:
    diagnostics: list[Diagnostic] = []
    for source in sorted((shared / "corpus").glob("*.xml")):
        if source.name == "tei-stylesheets-testrend.xml":
            continue  # not well-formed: refused by the loader, as every command refuses it
        written = build_print([source], tmp_path / source.stem, params={"title": source.stem}, diagnostics=diagnostics)
        assert len(pypdf.PdfReader(written[-1]).pages) > 1, source.name
    assert diagnostics and all(d.code == "PRN001" and d.line > 1 for d in diagnostics)


def test_a_corpus_holding_its_texts_prints_each_as_an_account(tmp_path: Path) -> None:
    written = build_print([FIXTURE / "inline" / "corpus.xml"], tmp_path, params={"title": ""})
    pages = [normalise(page.extract_text()) for page in pypdf.PdfReader(written[-1]).pages]
    assert pages[0].startswith("A corpus that holds its texts")
    assert re.search(r"First letter[ .]*4 Second letter[ .]*5", pages[2]), pages[2]
    assert "has a note.1" in pages[3] and "1. A note in the first letter." in pages[3]
    assert "has a name without an authority" in pages[4] and "Index of persons" not in " ".join(pages)
