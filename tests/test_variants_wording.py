"""Reading the printed words and the quotation check as properties: any wording, any single change."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import FIXTURES
from toolkit.corpus import load
from toolkit.variants import check_quotations
from toolkit.variants.wording import TOKEN, text, tokens

WITNESSES = (FIXTURES / "variants" / "edition" / "witnesses.xml").read_text(encoding="utf-8")
TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}"><teiHeader><fileDesc><titleStmt><title>t</title>'
TEI += "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>"
TEI += "</teiHeader><text><body><p>{body}</p></body></text></TEI>"
WORDS = st.lists(
    st.sampled_from(["him", "Him", "himself", "and", "the", "2-3", "don't", ",", ".", '"', "Turkey"]),
    min_size=1,
    max_size=8,
)


@given(st.text(max_size=60))
def test_tokens_keep_every_character_but_whitespace(sample):
    assert "".join(TOKEN.findall(sample)) == re.sub(r"\s", "", sample)


def test_editorial_layer_is_left_out_and_supplied_is_bracketed():
    element = etree.fromstring(
        '<p xmlns="http://www.tei-c.org/ns/1.0">A <choice><sic>teh</sic><corr>the</corr></choice> '
        "<supplied>big</supplied> <choice><abbr>Dr</abbr><expan>Doctor</expan></choice><note>ours</note> "
        '<app><lem>end</lem><rdg>finish</rdg></app><gap reason="redaction"><desc>gone</desc></gap>.</p>'
    )
    assert [t.text for t in tokens(element)] == ["A", "teh", "[", "big", "]", "Dr", "end", "."]
    assert text(element) == "A teh [big] Dr end."


def check(source_words: list[str], quote_xml: str):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "witnesses.xml").write_text(WITNESSES, encoding="utf-8")
        body = f'<seg xml:id="q">{" ".join(source_words)}</seg>'
        (root / "cable.xml").write_text(TEI.format(id="cable", body=body), encoding="utf-8")
        quote = f'<quote source="cable.xml#q">{quote_xml}</quote>'
        (root / "comment.xml").write_text(TEI.format(id="comment", body=quote), encoding="utf-8")
        (result,) = check_quotations(load([root]))
        return result


@settings(max_examples=40, deadline=None)
@given(WORDS, st.data())
def test_one_changed_word_is_unrecorded_until_an_app_records_it(source, data):
    index = data.draw(st.integers(0, len(source) - 1))
    other = data.draw(st.sampled_from(["Kennedy", "ultimatum", ";"]))
    quoted = [*source[:index], other, *source[index + 1 :]]
    plain = check(source, " ".join(quoted))
    assert plain.status == "unrecorded"
    assert [(d.quote, d.source) for d in plain.differences] == [(other, source[index])]
    app = (
        '<app><lem wit="witnesses.xml#wit-comment">{}</lem><rdg wit="witnesses.xml#wit-cable">{}</rdg></app>'
    ).format(other, source[index].replace('"', "&quot;"))
    recorded = check(source, " ".join([*source[:index], app, *source[index + 1 :]]))
    assert recorded.status == "recorded", recorded.to_dict()
    assert [(d.status, d.quote, d.source) for d in recorded.differences] == [("confirmed", other, source[index])]


@settings(max_examples=30, deadline=None)
@given(WORDS)
def test_a_verbatim_quotation_is_identical(source):
    assert check(source, " ".join(source)).status == "identical"
