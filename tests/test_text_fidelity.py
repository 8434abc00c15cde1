"""Every word of the source transcription is in the edition, once, in order (conventions.md, "Text fidelity").

The words are the word tokens (runs of letters and digits) of each account's ``text``, in the driver's order,
taking ``sic``/``orig``/``abbr``/``lem``/``supplied`` and leaving out our editorial layer (``note``, ``corr``,
``reg``, ``expan``, ``rdg``, ``witDetail``, ``gap/desc``, ``interp``/``interpGrp``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "tei"
DRIVER = EDITION / "edition.xml"
SOURCE = ROOT / "source" / "anatomy-of-a-controversy.txt"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
NS = {"tei": TEI_NS, "xi": XI_NS}

#: The eight accounts in source order, with the source line each begins on (conventions.md, "Files in tei/");
#: an account runs up to the line before the next one begins, the last to the end of the source.
ACCOUNT_FIRST_LINES = {
    "hershberg-intro.xml": 1,
    "rfk-thirteen-days.xml": 28,
    "khrushchev-remembers.xml": 48,
    "sorensen-confession.xml": 58,
    "bundy-danger-survival.xml": 68,
    "rusk-as-i-saw-it.xml": 81,
    "dobrynin-cable.xml": 91,
    "lebow-stein-comment.xml": 133,
}
ACCOUNTS = tuple(ACCOUNT_FIRST_LINES)

#: Elements whose whole content is our editorial layer, not the source's words.
LEFT_OUT = frozenset({"note", "teiHeader", "rdg", "corr", "reg", "expan", "witDetail", "interp", "interpGrp"})

#: Elements that begin and end a block: a word cannot run across their boundary.
BLOCKS = frozenset(
    {
        *("text", "front", "body", "back", "div", "head", "p", "ab", "lg", "l", "list", "item", "label"),
        *("listBibl", "opener", "closer", "byline", "dateline", "docTitle", "titlePart", "titlePage"),
        *("docAuthor", "epigraph", "floatingText", "table", "row", "cell", "fw"),
    }
)
#: Containers in which a ``bibl`` is a block of its own (a bracketed citation), not an inline reference.
BIBL_BLOCK_PARENTS = frozenset({"div", "body", "back", "front", "listBibl"})

WORD = re.compile(r"[^\W_]+")
CONTEXT = 8


@dataclass(frozen=True)
class Token:
    """One word token and where it comes from (file and line), so a mismatch can be found quickly."""

    word: str
    file: str
    line: int

    def where(self) -> str:
        return f"{self.file}:{self.line}"


def source_tokens() -> list[Token]:
    """The word tokens of the source transcription, each with its line number."""
    tokens: list[Token] = []
    for number, line in enumerate(SOURCE.read_text(encoding="utf-8").splitlines(), start=1):
        tokens.extend(Token(word, SOURCE.name, number) for word in WORD.findall(line))
    return tokens


def _local(element: etree._Element | None) -> str:
    return etree.QName(element).localname if element is not None and isinstance(element.tag, str) else ""


def _left_out(element: etree._Element) -> bool:
    name = _local(element)
    if name in LEFT_OUT:
        return True
    parent = element.getparent()
    return name == "desc" and parent is not None and _local(parent) == "gap"


def _chunks(element: etree._Element, file: str, out: list[tuple[str, str, int]]) -> None:
    """Collect (text, file, line) of the words the fidelity rules take, in document order."""
    block = _local(element) in BLOCKS or (
        _local(element) == "bibl" and _local(element.getparent()) in BIBL_BLOCK_PARENTS
    )
    if block:
        out.append((" ", file, element.sourceline or 0))
    if isinstance(element.tag, str) and element.text:
        out.append((element.text, file, element.sourceline or 0))
    for child in element:
        if isinstance(child.tag, str) and not _left_out(child):
            _chunks(child, file, out)
        if child.tail:
            out.append((child.tail, file, child.sourceline or 0))
    if block:
        out.append((" ", file, element.sourceline or 0))


def document_tokens(path: Path) -> list[Token]:
    """The word tokens of one account's ``text`` under the fidelity rules (empty if it has no ``text``)."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    return tree_tokens(tree.getroot(), path.name)


def tree_tokens(root: etree._Element, file: str) -> list[Token]:
    """The word tokens of the ``text`` of the TEI document ``root``; ``file`` names it in locations."""
    chunks: list[tuple[str, str, int]] = []
    for text in root.iterfind("tei:text", NS):
        _chunks(text, file, chunks)
    # Join the chunks before tokenising (a word may span elements), keeping for each character its origin.
    joined = "".join(chunk for chunk, _, _ in chunks)
    origins: list[tuple[str, int]] = []
    for chunk, name, line in chunks:
        origins.extend([(name, line)] * len(chunk))
    return [Token(m.group(), *origins[m.start()]) for m in WORD.finditer(joined)]


def driver_accounts() -> list[Path]:
    """The files the driver includes that are accounts (have a ``text``), in the driver's order."""
    driver = etree.parse(str(DRIVER), etree.XMLParser(resolve_entities=False, no_network=True))
    paths: list[Path] = []
    for include in driver.iter(f"{{{XI_NS}}}include"):
        path = (DRIVER.parent / include.get("href", "")).resolve()
        assert path.is_file(), f"edition.xml:{include.sourceline}: xi:include href={include.get('href')!r} is missing"
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        if root.find("tei:text", NS) is not None:
            paths.append(path)
    return paths


def _show(tokens: list[Token], start: int, end: int) -> str:
    return " ".join(token.word for token in tokens[max(start, 0) : max(end, 0)])


def readable_diff(expected: list[Token], actual: list[Token], limit: int = 15) -> str:
    """The token differences between the source and the edition, each with context and both locations."""
    matcher = difflib.SequenceMatcher(None, [t.word for t in expected], [t.word for t in actual], autojunk=False)
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if len(lines) >= limit:
            lines.append("… more differences not shown")
            break
        src_at = expected[min(i1, len(expected) - 1)].where() if expected else "?"
        tei_at = actual[min(j1, len(actual) - 1)].where() if actual else "?"
        lines.append(
            f"{tag.upper()} at source {src_at} / edition {tei_at}\n"
            f"    source : … {_show(expected, i1 - CONTEXT, i1)} [[{_show(expected, i1, i2)}]] "
            f"{_show(expected, i2, i2 + CONTEXT)} …\n"
            f"    edition: … {_show(actual, j1 - CONTEXT, j1)} [[{_show(actual, j1, j2)}]] "
            f"{_show(actual, j2, j2 + CONTEXT)} …"
        )
    return "\n".join(lines)


def find_run(haystack: list[str], needle: list[str]) -> int:
    """The index where ``needle`` occurs as a contiguous run of ``haystack``, or -1."""
    if not needle:
        return -1
    first = needle[0]
    for start, word in enumerate(haystack):
        if word == first and haystack[start : start + len(needle)] == needle:
            return start
    return -1


@pytest.fixture(scope="module")
def source() -> list[Token]:
    return source_tokens()


def test_tokeniser_takes_sic_and_supplied_and_leaves_out_the_editorial_layer(tmp_path: Path) -> None:
    sample = tmp_path / "sample.xml"
    sample.write_text(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><title>Header words</title></teiHeader><text><body>'
        "<head>Heading</head><p>the <choice><sic>missile</sic><corr>missiles</corr></choice> were"
        "<note>our note</note> <supplied>[on Saturday]</supplied> <gap><desc>omitted words</desc></gap>"
        "<app><lem>himself</lem><rdg>him</rdg></app> "
        "<choice><abbr>U.S</abbr><expan>United States</expan></choice>"
        "</p><p>next</p></body></text></TEI>",
        encoding="utf-8",
    )
    assert [t.word for t in document_tokens(sample)] == [
        "Heading", "the", "missile", "were", "on", "Saturday", "himself", "U", "S", "next",
    ]  # fmt: skip


def test_words_split_by_markup_stay_one_word_but_blocks_separate_words(tmp_path: Path) -> None:
    sample = tmp_path / "sample.xml"
    sample.write_text(
        f'<TEI xmlns="{TEI_NS}"><text><body><p>un<hi>armed</hi></p><p>plane</p></body></text></TEI>',
        encoding="utf-8",
    )
    assert [t.word for t in document_tokens(sample)] == ["unarmed", "plane"]


@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.sampled_from("ab1 ,.'-\u2014\n"), max_size=12),
            st.sampled_from(["hi", "persName", "note", "supplied", "corr", "sic"]),
        ),
        max_size=8,
    )
)
def test_inline_markup_changes_no_word_except_the_editorial_layer_it_leaves_out(
    pieces: list[tuple[str, str]],
) -> None:
    # Each piece of text is wrapped in an inline element; only note and corr are left out of the words.
    inner = "".join(f"<{name}>{text}</{name}>" for text, name in pieces)
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><text><body><p>{inner}</p></body></text></TEI>')
    kept = "".join(text for text, name in pieces if name not in {"note", "corr"})
    assert [t.word for t in tree_tokens(root, "x.xml")] == WORD.findall(kept)


def test_readable_diff_names_the_lost_word_with_context() -> None:
    expected = [Token(w, "source.txt", 1) for w in ("an", "unarmed", "American", "plane", "was", "shot")]
    actual = [Token(w, "cable.xml", 9) for w in ("an", "unarmed", "plane", "was", "shot")]
    report = readable_diff(expected, actual)
    assert "DELETE at source source.txt:1 / edition cable.xml:9" in report
    assert "[[American]]" in report


def test_driver_includes_the_accounts_in_source_order() -> None:
    assert DRIVER.is_file(), "tei/edition.xml (the driver) does not exist yet"
    assert [path.name for path in driver_accounts()] == list(ACCOUNTS)


def test_edition_read_in_driver_order_gives_every_word_of_the_source(source: list[Token]) -> None:
    assert DRIVER.is_file(), "tei/edition.xml (the driver) does not exist yet"
    edition = [token for path in driver_accounts() for token in document_tokens(path)]
    words = [t.word for t in edition]
    assert words == [t.word for t in source], "\n" + readable_diff(source, edition)


def account_lines(account: str) -> range:
    """The source lines of ``account``: from its first line to the line before the next account's."""
    firsts = list(ACCOUNT_FIRST_LINES.values())
    index = ACCOUNTS.index(account)
    end = firsts[index + 1] if index + 1 < len(firsts) else 10**9
    return range(firsts[index], end)


def test_accounts_cover_the_source_from_first_line_to_last(source: list[Token]) -> None:
    covered = [token for account in ACCOUNTS for token in source if token.line in account_lines(account)]
    assert covered == source


@pytest.mark.parametrize("account", ACCOUNTS)
def test_account_is_the_contiguous_run_of_its_source_lines(account: str, source: list[Token]) -> None:
    path = EDITION / account
    assert path.is_file(), f"tei/{account} does not exist yet"
    tokens = document_tokens(path)
    assert tokens, f"tei/{account} has no words in its text"
    lines = account_lines(account)
    expected = [token for token in source if token.line in lines]
    if [t.word for t in tokens] != [t.word for t in expected]:
        found = find_run([t.word for t in source], [t.word for t in tokens])
        elsewhere = f" (its words are a run of the source from line {source[found].line})" if found >= 0 else ""
        pytest.fail(
            f"tei/{account} does not give exactly the words of source lines {lines.start}-"
            f"{min(lines.stop - 1, source[-1].line)}{elsewhere}:\n" + readable_diff(expected, tokens)
        )
