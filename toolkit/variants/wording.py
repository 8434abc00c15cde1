"""The wording of a passage as its document prints it: words and punctuation, read through the editorial layer."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

#: Elements whose content is our editorial layer or metadata, never the printed words (docs/conventions.md).
LEFT_OUT = frozenset(
    {"note", "teiHeader", "corr", "reg", "expan", "witDetail", "interp", "interpGrp", "gap", "figDesc", "certainty"}
)
#: A word (letters and digits, with inner apostrophes or hyphens: ``don't``, ``2-3``) or one punctuation mark.
TOKEN = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*|[^\w\s]|_", re.UNICODE)
WORD = re.compile(r"[^\W_]", re.UNICODE)

#: Picks the reading of an ``app`` to read (``lem`` by default); ``None`` reads nothing.
Chooser = Callable[[etree._Element], "etree._Element | None"]


def local(element: etree._Element) -> str:
    """The local name of an element ('' for comments and processing instructions)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def readings_of(app: etree._Element) -> list[etree._Element]:
    """The ``lem`` and ``rdg`` children of an ``app``, looking inside ``rdgGrp``."""
    found: list[etree._Element] = []
    for child in app:
        name = local(child)
        if name in ("lem", "rdg"):
            found.append(child)
        elif name == "rdgGrp":
            found.extend(readings_of(child))
    return found


def lemma_of(app: etree._Element) -> etree._Element | None:
    """The ``lem`` of an ``app`` (inside ``rdgGrp`` too), or its first ``rdg`` when it has none."""
    readings = readings_of(app)
    for reading in readings:
        if local(reading) == "lem":
            return reading
    return readings[0] if readings else None


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark, the outermost ``app`` it was read from (if any), and its line."""

    text: str
    app: etree._Element | None
    line: int


@dataclass
class _Fragment:
    text: str
    app: etree._Element | None
    line: int


class _Reader:
    """Collects the printed text of an element as fragments tagged with their outermost ``app`` and line."""

    def __init__(self, choose: Chooser) -> None:
        self.choose = choose
        self.fragments: list[_Fragment] = []
        self.length = 0
        #: Character offsets (start, end) of the reading read for each outermost ``app``.
        self.anchors: dict[etree._Element, tuple[int, int]] = {}

    def add(self, text: str | None, app: etree._Element | None, line: int) -> None:
        if text:
            self.fragments.append(_Fragment(text, app, line))
            self.length += len(text)

    def read(self, element: etree._Element, app: etree._Element | None) -> None:
        name = local(element)
        line = element.sourceline or 0
        if name == "app":
            chosen = self.choose(element)
            start = self.length
            if chosen is not None:
                self.read_children(chosen, app if app is not None else element)
            if app is None:
                self.anchors[element] = (start, self.length)
            return
        if name == "w" and self.fragments:
            self.add(" ", app, line)  # adjacent <w> elements are separate words even without whitespace
        if name == "supplied":  # the source prints supplied words in square brackets
            self.add("[", app, line)
        self.read_children(element, app)
        if name == "supplied":
            self.add("]", app, line)

    def read_children(self, element: etree._Element, app: etree._Element | None) -> None:
        line = element.sourceline or 0
        self.add(element.text, app, line)
        for child in element:
            if isinstance(child.tag, str) and local(child) not in LEFT_OUT:
                self.read(child, app)
            self.add(child.tail, app, (child.sourceline or line) + _newlines(child))


def _newlines(element: etree._Element) -> int:
    return sum(text.count("\n") for text in element.itertext())


def _read(element: etree._Element, choose: Chooser) -> _Reader:
    reader = _Reader(choose)
    if local(element) == "app":
        reader.read(element, None)
    else:
        reader.read_children(element, None)
    return reader


def tokens(element: etree._Element, choose: Chooser = lemma_of) -> list[Token]:
    """The tokens ``element`` prints, reading ``choose(app)`` for each ``app`` inside it (``lem`` by default).

    ``sic``, ``orig``, ``abbr`` and ``supplied`` are read (``supplied`` inside the square brackets the source
    prints); ``note``, ``corr``, ``reg``, ``expan``, ``gap`` and ``witDetail`` are not.
    """
    return tokens_and_spans(element, choose)[0]


def tokens_and_spans(
    element: etree._Element, choose: Chooser = lemma_of
) -> tuple[list[Token], dict[etree._Element, tuple[int, int]]]:
    """:func:`tokens`, and for each outermost ``app`` the span [start, end) of its reading among them."""
    reader = _read(element, choose)
    fragments = reader.fragments
    joined = "".join(f.text for f in fragments)
    starts: list[int] = []
    owner: list[int] = []
    position = 0
    for index, fragment in enumerate(fragments):
        starts.append(position)
        owner.extend([index] * len(fragment.text))
        position += len(fragment.text)
    found: list[Token] = []
    token_starts: list[int] = []
    for match in TOKEN.finditer(joined):
        token_starts.append(match.start())
        first_index, last_index = owner[match.start()], owner[match.end() - 1]
        pieces = fragments[first_index : last_index + 1]
        app = next((p.app for p in pieces if p.app is not None), None)
        first = pieces[0]
        line = first.line + first.text[: match.start() - starts[first_index]].count("\n")
        found.append(Token(match.group(), app, line))
    spans = {
        app: (bisect_left(token_starts, start), bisect_left(token_starts, end))
        for app, (start, end) in reader.anchors.items()
    }
    return found, spans


def text(element: etree._Element, choose: Chooser = lemma_of) -> str:
    """The printed text of ``element`` with whitespace collapsed (for display)."""
    return " ".join("".join(f.text for f in _read(element, choose).fragments).split())


def join(words: list[str] | tuple[str, ...]) -> str:
    """Tokens back to a readable string: no space before closing punctuation or after opening brackets."""
    out = ""
    for word in words:
        if out and word[:1] not in ",.;:!?)]}" and out[-1] not in "([{":
            out += " "
        out += word
    return out
