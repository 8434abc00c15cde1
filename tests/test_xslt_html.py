"""The HTML stylesheets: golden files on small fixtures, and XSpec-shaped scenarios (context, call, expectation).

Golden files are compared after putting attributes in a canonical order (nothing else: whitespace is data). To accept
new output after reviewing the diff: ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_xslt_html.py``.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from tests.golden import canonical_html
from tests.golden import check_golden as check_golden_file
from toolkit.corpus import load
from toolkit.edition import Edition
from toolkit.publish.html import HTML_XSLT, manifest_xml
from toolkit.publish.xslt import Engine, Stylesheet

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "build"
GOLDEN = Path(__file__).resolve().parent / "golden" / "html"
F = "{urn:x-edition:function}"
S = "{urn:x-edition:summary}"
PARAMS = {"title": "A test edition", "base-url": "https://example.org/edition/", "build-date": ""}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def check_golden(name: str, html: str) -> None:
    """The page against ``tests/golden/html/NAME``, stored with its attributes sorted (tests/golden.py)."""
    check_golden_file(GOLDEN / name, canonical_html(html), canonical_html)


def account_page(engine: Engine, name: str) -> str:
    result = engine.stylesheet(HTML_XSLT / "account.xsl").transform(FIXTURES / name, params=PARAMS)
    assert result.text
    return result.text


@pytest.fixture(scope="module")
def functions() -> Stylesheet:
    """A stylesheet of its own for function calls (Saxon fails to call a function on an executable that has run)."""
    return Engine().stylesheet(HTML_XSLT / "account.xsl")


@pytest.fixture(scope="module")
def site(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition pages of the fixture edition, made as the build makes them: from a summary of each document."""
    out = tmp_path_factory.mktemp("site")
    (out / "summaries").mkdir()
    summary = engine.stylesheet(HTML_XSLT / "summary.xsl")
    rows = []
    for role, document in Edition(load([FIXTURES / "edition"])).roles:
        path = out / "summaries" / document.path.name
        path.write_text(summary.transform(document.path, params={**PARAMS, "role": role}).text or "", "utf-8")
        rows.append((role, path))
    manifest = out / "manifest.xml"
    manifest.write_text(manifest_xml(rows), encoding="utf-8")
    engine.stylesheet(HTML_XSLT / "site.xsl").transform(manifest, params=PARAMS, output_dir=out / "html")
    return out / "html"


@pytest.fixture(scope="module")
def account(engine: Engine) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(account_page(engine, "edition/account.xml"))


# Golden files: one per stylesheet and fixture page


@pytest.mark.parametrize("name", ["edition/account.xml", "edition/cable.xml", "generic.xml"])
def test_account_stylesheet_matches_its_golden_file(engine: Engine, name: str) -> None:
    check_golden("account-" + Path(name).stem + ".html", account_page(engine, name))


@pytest.mark.parametrize("page", ["index", "persons", "places", "orgs", "timeline", "compare", "search"])
def test_site_stylesheet_matches_its_golden_file(site: Path, page: str) -> None:
    check_golden(f"site-{page}.html", (site / f"{page}.html").read_text(encoding="utf-8"))


# Scenarios: functions


@pytest.mark.parametrize(("n", "letter"), [(1, "a"), (26, "z"), (27, "aa"), (53, "ba")])
def test_apparatus_entries_are_lettered(functions: Stylesheet, n: int, letter: str) -> None:
    assert functions.call(F + "letter", n) == letter


@pytest.mark.parametrize(
    ("value", "valid"),
    [("1962", True), ("1962-10-27", True), ("1962-10-27T19:00:00-04:00", True), ("27 Oct", False), ("--10-27", False)],
)
def test_only_html_datetimes_go_into_datetime(functions: Stylesheet, value: str, valid: bool) -> None:
    result = functions.call(F + "is-datetime", value)
    assert result == ("true" if valid else "false")


def test_a_bare_siglum_is_shown_as_it_is(engine: Engine) -> None:
    page = lxml.html.document_fromstring(account_page(engine, "generic.xml"))
    assert [abbr.text for abbr in page.find_class("siglum")] == ["A", "B", "C"]


def test_a_day_is_labelled_in_words(functions: Stylesheet) -> None:
    assert functions.call(F + "date-label", "1962-10-27") == "27 October 1962"


# Scenarios: templates, on the fixture account


def test_paragraphs_are_numbered_with_their_xml_id_as_anchor(account: lxml.html.HtmlElement) -> None:
    para = account.get_element_by_id("account-p2")
    assert para.find_class("pnum")[0].get("href") == "#account-p2"
    assert para.find_class("pnum")[0].text_content() == "Paragraph 2"


def test_a_person_links_to_the_index_entry(account: lxml.html.HtmlElement) -> None:
    link = account.xpath("//a[contains(@class, 'name')][. = 'I']")[0]
    assert link.get("href") == "persons.html#rfk"


def test_a_date_shows_its_normalised_value(account: lxml.html.HtmlElement) -> None:
    time = account.xpath("//time[. = 'Saturday']")[0]
    assert time.get("datetime") == "1962-10-27" and time.get("title") == "27 October 1962"
    weekend = account.xpath("//time[. = 'That weekend']")[0]
    assert weekend.get("title") == "between 27 October 1962 and 28 October 1962"


def test_supplied_text_is_in_brackets(account: lxml.html.HtmlElement) -> None:
    assert account.find_class("supplied")[0].text_content() == "[he]"


def test_an_omission_is_an_ellipsis_with_its_reason(account: lxml.html.HtmlElement) -> None:
    gap = account.find_class("gap")[0]
    assert gap.text_content() == "…omitted"
    assert gap.get("tabindex") == "0"


def test_a_redaction_says_what_how_much_and_by_whom(account: lxml.html.HtmlElement) -> None:
    text = " ".join(account.find_class("redaction")[0].text_content().split())
    assert "redacted: 1 line, by" in text


def test_both_readings_of_a_correction_are_kept(account: lxml.html.HtmlElement) -> None:
    choice = account.find_class("choice")[0]
    assert choice.find_class("diplomatic")[0].text_content() == "nto"
    assert choice.find_class("corrected")[0].text_content() == "not"


def test_an_apparatus_entry_gives_both_readings_with_sigla(account: lxml.html.HtmlElement) -> None:
    marker = account.find_class("app-marker")[0]
    entry = account.get_element_by_id(marker.get("popovertarget"))
    readings = [
        (r.find_class("reading-text")[0].text_content(), r.find_class("siglum")[0].text)
        for r in entry.find_class("reading")
    ]
    assert readings == [("a request", "A"), ("a plea", "C")]


def test_a_quotation_links_to_the_passage_quoted(account: lxml.html.HtmlElement) -> None:
    assert account.find_class("quote-source")[0].get("href") == "cable.html#cable-q1"


def test_a_note_is_numbered_and_listed_with_a_way_back(account: lxml.html.HtmlElement) -> None:
    ref = account.find_class("note-ref")[0]
    note = account.get_element_by_id(ref.get("href")[1:])
    assert "“a plea”" in note.text_content()
    assert note.find_class("note-back")[0].get("href") == "#" + ref.get("id")


def test_the_citation_line_is_a_chicago_note_with_paragraph_address_and_access_date(
    account: lxml.html.HtmlElement,
) -> None:
    cite = " ".join(account.get_element_by_id("cite-account-p2").find_class("cite-text")[0].text_content().split())
    assert cite == (
        "Robert F. Kennedy, “An account of the meeting,” par. 2, in A test edition,"
        " https://example.org/edition/account.html#account-p2, accessed [date of access]."
    )


def test_the_citation_downloads_as_csl_json_locating_the_paragraph(account: lxml.html.HtmlElement) -> None:
    import json
    from urllib.parse import unquote

    href = account.get_element_by_id("cite-account-p2").find_class("cite-download")[0].get("href")
    assert href.startswith("data:application/vnd.citationstyles.csl+json;charset=utf-8,")
    [item] = json.loads(unquote(href.split(",", 1)[1]))
    assert item["type"] == "chapter" and item["locator"] == "2" and item["label"] == "paragraph"
    assert item["URL"] == "https://example.org/edition/account.html#account-p2"
    assert item["container-title"] == "A test edition"


def test_the_edition_citation_names_its_editors_and_version(engine: Engine) -> None:
    from tests.conftest import EDITION

    page = lxml.html.document_fromstring(
        engine.stylesheet(HTML_XSLT / "account.xsl").transform(EDITION / "dobrynin-cable.xml", params=PARAMS).text
    )
    cite = " ".join(page.get_element_by_id("cite-dobrynin-cable-p2").find_class("cite-text")[0].text_content().split())
    assert "par. 2, in A test edition, ed. the edition\u2019s editors, version 1.0 (4 December 2026)," in cite
    footer = " ".join(page.find_class("site-footer")[0].text_content().split())
    assert "Edited by the edition\u2019s editors. Version 1.0, 4 December 2026." in footer and "CC BY 4.0" in footer


def test_a_separator_is_a_section_break_with_no_number_or_citation(engine: Engine) -> None:
    from tests.conftest import EDITION

    html = engine.stylesheet(HTML_XSLT / "account.xsl").transform(EDITION / "hershberg-intro.xml", params=PARAMS).text
    page = lxml.html.document_fromstring(html)
    separator = page.get_element_by_id("hershberg-intro-sep1")
    assert separator.get("class") == "section-break" and separator.get("role") == "separator"
    assert separator.text_content().strip() == "* * * * *"
    assert not separator.find_class("pnum") and not separator.find_class("cite-button")


def test_the_site_map_lists_every_page_under_the_base_url(site: Path) -> None:
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.org/edition/index.html" in locations
    assert (
        "https://example.org/edition/account.html" in locations
        and "https://example.org/edition/cable.html" in locations
    )


def test_no_tooltip_has_a_run_of_spaces(account: lxml.html.HtmlElement) -> None:
    titles = [element.get("title") for element in account.iter() if element.get("title")]
    assert titles and [title for title in titles if "  " in title or "\n" in title] == []


def test_the_person_index_lists_every_mention(site: Path) -> None:
    page = lxml.html.parse(str(site / "persons.html")).getroot()
    links = [a.get("href") for a in page.get_element_by_id("rfk").iter("a")]
    assert "account.html#account-p1" in links and "cable.html#cable-p1" in links


def test_a_summary_keeps_each_mention_with_its_paragraph(site: Path) -> None:
    summary = etree.parse(str(site.parent / "summaries" / "account.xml")).getroot()
    mentions = summary.findall(f"{S}mention")
    assert mentions and all(m.get("ids") and m.get("anchor") and m.get("label") for m in mentions)
    assert summary.find(f"{S}account/{{http://www.w3.org/1999/xhtml}}li") is not None


def test_an_authority_file_has_no_account_in_its_summary(site: Path) -> None:
    summary = etree.parse(str(site.parent / "summaries" / "persons.xml")).getroot()
    assert summary.find(f"{S}account") is None and summary.find(f"{S}mention") is None
    assert summary.findall(f"{S}entry[@kind='persons']")


def test_the_comparison_sets_the_accounts_side_by_side(site: Path) -> None:
    page = lxml.html.parse(str(site / "compare.html")).getroot()
    point = page.get_element_by_id("pt-deadline")
    assert "a request" in point.text_content()


# Scenarios: foreign TEI (issue 10) — each a small document, the page the account stylesheet makes of it

TEI_DOC = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:m="http://www.w3.org/1998/Math/MathML"><teiHeader><fileDesc>'
    "<titleStmt><title>T</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
    "</sourceDesc></fileDesc></teiHeader><text>{front}<body>{body}</body></text></TEI>"
)


def foreign_page(engine: Engine, body: str, front: str = "") -> tuple[lxml.html.HtmlElement, str, list[str]]:
    """The page of a document with this body (and front matter): parsed, as text, and its HTM001 elements."""
    node = engine.parse(TEI_DOC.format(body=body, front=front), base_uri="file:///tmp/scenario/t.xml")
    result = engine.stylesheet(HTML_XSLT / "account.xsl").transform(node, params=PARAMS)
    assert result.text
    unknown = [m.text for m in result.messages if m.code == "HTM001"]
    return lxml.html.document_fromstring(result.text), result.text, unknown


def test_word_tokens_get_the_spaces_their_encoding_implies(engine: Engine) -> None:
    tokens = '<w>a</w><w>b</w><pc>,</pc><w>c</w><pc>(</pc><w>d</w><pc>)</pc><w join="left">e</w> <w>f</w>'
    page, _, _ = foreign_page(engine, f"<p>{tokens}</p>")
    assert page.get_element_by_id("text").text_content().strip() == "a b, c (d)e f"


def test_a_page_break_is_a_number_for_the_margin_named_for_a_screen_reader(engine: Engine) -> None:
    page, _, _ = foreign_page(engine, '<p>one <pb n="12" xml:id="pg_12"/>two</p>')
    pb = page.get_element_by_id("pg_12")
    assert (pb.get("class"), pb.get("role"), pb.get("title")) == ("pb", "doc-pagebreak", "page 12")
    assert [(n.text, n.get("aria-hidden")) for n in pb.find_class("pb-n")] == [("12", "true")]


def test_mathml_is_made_in_its_namespace_without_a_prefix_and_is_no_unknown_element(engine: Engine) -> None:
    _, html, unknown = foreign_page(
        engine, '<p><formula notation="MathML"><m:math><m:mi>x</m:mi></m:math></formula></p>'
    )
    assert '<span class="formula"><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math></span>' in html
    assert unknown == []


def test_mfenced_is_the_mrow_mathml_3_defines_it_as(engine: Engine) -> None:
    fenced = '<m:mfenced open="[" separators=";"><m:mi>a</m:mi><m:mi>b</m:mi><m:mi>c</m:mi></m:mfenced>'
    _, html, _ = foreign_page(engine, f"<p><formula><m:math>{fenced}</m:math></formula></p>")
    assert (
        '<mrow><mo fence="true" form="prefix">[</mo><mi>a</mi><mo separator="true">;</mo><mi>b</mi>'
        '<mo separator="true">;</mo><mi>c</mi><mo fence="true" form="postfix">)</mo></mrow>'
    ) in html


def test_an_mfenced_expression_with_an_operator_gets_no_default_commas(engine: Engine) -> None:
    fenced = "<m:mfenced><m:mi>a</m:mi><m:mo>/</m:mo><m:mi>b</m:mi></m:mfenced>"
    _, html, _ = foreign_page(engine, f"<p><formula><m:math>{fenced}</m:math></formula></p>")
    assert '<mrow><mo fence="true" form="prefix">(</mo><mi>a</mi><mo>/</mo><mi>b</mi><mo fence="true"' in html


def test_title_page_parts_are_blocks_and_a_date_in_a_paragraph_stays_a_span(engine: Engine) -> None:
    front = (
        '<front><titlePage><docTitle><titlePart type="main">Main</titlePart><titlePart>Sub</titlePart></docTitle>'
        "<byline>by <docAuthor>A. Author</docAuthor></byline><byline/><docImprint>Place, <docDate>1900</docDate>"
        "</docImprint></titlePage></front>"
    )
    page, _, _ = foreign_page(engine, "<p>Printed <docDate>1901</docDate>.</p>", front)
    [title_page] = page.find_class("titlePage")
    assert [(e.tag, e.get("class")) for e in title_page.iter("div", "p", "span")] == [
        ("div", "docTitle"),
        ("p", "titlePart main"),
        ("p", "titlePart"),
        ("p", "byline"),
        ("span", "docAuthor"),
        ("p", "docImprint"),
        ("span", "docDate"),
    ]  # the empty byline is not shown
    assert [e.tag for e in page.get_element_by_id("text").find_class("docDate")] == ["span", "span"]


def test_a_dateline_is_a_block_in_a_division_and_a_span_in_an_opener(engine: Engine) -> None:
    body = "<div><dateline>Paris, 1 May.</dateline><opener><dateline>London</dateline></opener><p>x</p></div>"
    page, _, _ = foreign_page(engine, body)
    assert [(e.tag, e.text) for e in page.find_class("dateline")] == [("p", "Paris, 1 May."), ("span", "London")]


def test_an_inline_note_stands_in_place_and_the_footnotes_are_numbered_without_it(engine: Engine) -> None:
    body = '<div><head>No. 1</head><note type="source" rend="inline">[Telegram.]</note><p>a<note>first</note></p></div>'
    page, _, _ = foreign_page(engine, body)
    [inline] = page.find_class("note-inline")
    assert (inline.tag, inline.get("class"), inline.text) == ("p", "note-inline source-note", "[Telegram.]")
    [footnote] = page.xpath("//section[@class='notes']//li")
    assert footnote.get("value") == "1" and "first" in footnote.text_content()
    assert [a.text_content() for a in page.find_class("note-ref")] == ["note 1"]


def test_a_note_of_an_apparatus_entry_is_in_its_popup_not_among_the_notes(engine: Engine) -> None:
    app = (
        '<app><lem wit="A">x</lem><rdg n="2" type="defective" wit="B">y</rdg><witDetail type="lac" wit="C D"/>'
        '<note><listRelation type="intrinsic"><relation active="2" passive="1"/></listRelation></note></app>'
    )
    page, _, unknown = foreign_page(engine, f"<p>{app}</p>")
    [entry] = page.find_class("app-entry")
    text = " ".join(entry.text_content().split())
    assert "reading 2 y B (defective)" in text and "; lacuna: C D" in text
    assert "Intrinsic: reading 2 (y) more probably original than 1" in text
    assert page.find_class("notes") == [] and unknown == []


def test_an_unknown_element_holding_paragraphs_is_a_block_and_is_reported(engine: Engine) -> None:
    page, _, unknown = foreign_page(engine, "<div><argument><p>y</p></argument><p>z <argument>w</argument></p></div>")
    assert [e.tag for e in page.find_class("tei-argument")] == ["div", "span"]
    assert unknown == ["argument", "argument"]  # the build lists it once (toolkit/publish/html.py)


def test_a_postscript_is_a_block(engine: Engine) -> None:
    page, _, unknown = foreign_page(engine, "<div><p>x</p><postscript><p>PS</p></postscript></div>")
    assert [e.tag for e in page.find_class("postscript")] == ["div"] and unknown == []


def test_a_highlight_is_em_strong_or_sup_and_its_other_renditions_are_classes(engine: Engine) -> None:
    renditions = ["", "italic", "smallcaps", "bold italic smallcaps", "superscript", "color(red)"]
    body = "<p>" + "".join(f'<hi rend="{r}">x</hi>' if r else "<hi>x</hi>" for r in renditions) + "</p>"
    page, _, _ = foreign_page(engine, body)
    assert [(e.tag, e.get("class")) for e in page.find_class("hi")] == [
        ("em", "hi"),
        ("em", "hi italic"),
        ("span", "hi smallcaps"),
        ("strong", "hi bold italic smallcaps"),
        ("sup", "hi superscript"),
        ("em", "hi"),
    ]


def test_a_paragraph_holding_a_list_is_a_div_and_labels_and_page_breaks_stand_in_items(engine: Engine) -> None:
    body = '<p>These: <list><label>1.</label><item>one</item><pb n="7"/><label>2.</label><item>two</item></list></p>'
    page, _, _ = foreign_page(engine, body)
    [paragraph] = page.xpath("//div[@class='text']//*[@class='p']")
    assert paragraph.tag == "div"
    items = paragraph.xpath(".//ul/*")
    assert [(i.tag, i.find_class("label")[0].text, i[-1].tail) for i in items] == [
        ("li", "1.", " one"),
        ("li", "2.", " two"),
    ]
    assert items[1][0].get("class") == "pb" and items[1][0].get("title") == "page 7"
