"""Quotation check: align each quotation with its source passage word by word and match the apparatus to it.

The quoting document's wording is read taking ``lem`` in every ``app`` of the quotation; the source passage's
wording is its diplomatic text (``sic`` not ``corr``, ``orig`` not ``reg``, ``abbr`` not ``expan``, ``supplied``
within the square brackets the source prints, nothing for a ``gap``; see :mod:`toolkit.variants.wording`). Applying
the apparatus (each ``app``'s reading for the quoted document's witness in place of its ``lem``) must give exactly
the source's wording: a difference the apparatus does not account for is *unrecorded*; an ``app`` whose reading does
not give the source's wording at its place (or records no difference, or has no reading for the quoted document's
witness) is *stale*; every ``app`` that is not stale is a *confirmed* difference.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from rapidfuzz.distance import Levenshtein

from toolkit.corpus import TEI_NS, XML_ID, Corpus, Document, display_path
from toolkit.edition import Edition, document_id
from toolkit.variants import wording
from toolkit.variants.wording import Token, local

#: Words of context shown on each side of an unrecorded difference.
CONTEXT = 3


@dataclass(frozen=True)
class Difference:
    """One place where a quotation's wording and its source's wording differ."""

    status: str  # "confirmed" or "unrecorded"
    kind: str  # substantive, case, punctuation, omission, addition, transposition
    quote: str
    source: str
    line: int
    context: str = ""
    app_id: str | None = None
    app_type: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {
            "status": self.status,
            "kind": self.kind,
            "quote": self.quote,
            "source": self.source,
            "line": self.line,
            "context": self.context,
            "app_id": self.app_id,
            "app_type": self.app_type,
        }


@dataclass(frozen=True)
class StaleApp:
    """An ``app`` in a quotation whose readings no longer match the texts, and why."""

    line: int
    reason: str
    lemma: str
    reading: str | None
    source: str
    app_id: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {
            "line": self.line,
            "reason": self.reason,
            "lemma": self.lemma,
            "reading": self.reading,
            "source": self.source,
            "app_id": self.app_id,
        }


@dataclass
class QuotationCheck:
    """The check of one ``quote``: its source, its wording and the source's, and what differs."""

    file: str
    account: str
    line: int
    source: str
    quote_id: str | None = None
    quote_text: str = ""
    source_text: str = ""
    source_file: str | None = None
    witness: str | None = None
    skipped: str | None = None
    differences: list[Difference] = field(default_factory=list)
    stale: list[StaleApp] = field(default_factory=list)

    @property
    def status(self) -> str:
        """``skipped``, ``stale``, ``unrecorded``, ``recorded`` (differences all confirmed) or ``identical``."""
        if self.skipped:
            return "skipped"
        if self.stale:
            return "stale"
        if any(d.status == "unrecorded" for d in self.differences):
            return "unrecorded"
        return "recorded" if self.differences else "identical"

    @property
    def failed(self) -> bool:
        """True if anything is unrecorded or stale."""
        return self.status in ("stale", "unrecorded")

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {
            "file": self.file,
            "account": self.account,
            "line": self.line,
            "source": self.source,
            "id": self.quote_id,
            "source_file": self.source_file,
            "witness": self.witness,
            "status": self.status,
            "skipped": self.skipped,
            "quote": self.quote_text,
            "source_text": self.source_text,
            "differences": [d.to_dict() for d in self.differences],
            "stale": [s.to_dict() for s in self.stale],
        }


def check_quotations(corpus: Corpus | Edition, account: str | None = None) -> list[QuotationCheck]:
    """Check every ``quote`` with a ``@source`` in the documents under check (in ``account`` if given)."""
    checks: list[QuotationCheck] = []
    edition = Edition.of(corpus)
    witnesses = witness_index(edition)
    for doc in edition.documents:
        if account and document_id(doc) != account:
            continue
        for quote in doc.root.iter(f"{{{TEI_NS}}}quote"):
            if quote.get("source"):
                checks.append(check_quotation(edition, doc, quote, witnesses))
    return checks


def kind_of(quoted: Sequence[str], source: Sequence[str]) -> str:
    """The kind of a difference between two token runs, from the quotation's side (shared edges ignored)."""
    while quoted and source and quoted[0] == source[0]:
        quoted, source = quoted[1:], source[1:]
    while quoted and source and quoted[-1] == source[-1]:
        quoted, source = quoted[:-1], source[:-1]
    words_q = [t for t in quoted if wording.WORD.search(t)]
    words_s = [t for t in source if wording.WORD.search(t)]
    if words_q == words_s:
        return "punctuation"
    if not source:
        return "addition"
    if not quoted:
        return "omission"
    if [w.casefold() for w in words_q] == [w.casefold() for w in words_s]:
        return "case"
    if sorted(quoted) == sorted(source):
        return "transposition"
    return "substantive"


def _cites_document(edition: Edition, reading: etree._Element, origin: Document, source: Document) -> str | None:
    """The siglum by which ``reading`` cites the witness that is ``source``, if it does."""
    for pointer in (reading.get("wit") or "").split():
        found = edition.locate(pointer, origin)
        if found is None or local(found[1]) != "witness":
            continue
        witness_doc, witness = found
        for corresp in (witness.get("corresp") or "").split():
            target = edition.locate(corresp, witness_doc)
            if target is not None and target[0].path == source.path:
                return witness.get(XML_ID) or pointer
    return None


def witness_index(edition: Edition) -> dict[Path, str]:
    """For each document a loaded ``witness`` stands for (its ``@corresp`` points into it), that witness's ``xml:id``.

    Built once per check, in one pass over the corpus; the first witness found wins.
    """
    index: dict[Path, str] = {}
    for doc in edition.corpus.all_documents():
        for witness in doc.root.iter(f"{{{TEI_NS}}}witness"):
            for corresp in (witness.get("corresp") or "").split():
                target = edition.locate(corresp, doc)
                if target is not None and (witness_id := witness.get(XML_ID)) is not None:
                    index.setdefault(target[0].path, witness_id)
    return index


class _SourceReadings:
    """Chooses, in each ``app``, the ``rdg`` citing the quoted document's witness (else the ``lem``)."""

    def __init__(self, edition: Edition, origin: Document, source: Document) -> None:
        self.edition, self.origin, self.source = edition, origin, source
        self.sigla: dict[etree._Element, str] = {}

    def __call__(self, app: etree._Element) -> etree._Element | None:
        for reading in wording.readings_of(app):
            if local(reading) == "rdg":
                siglum = _cites_document(self.edition, reading, self.origin, self.source)
                if siglum is not None:
                    self.sigla[app] = siglum
                    return reading
        return wording.lemma_of(app)


def check_quotation(
    corpus: Corpus | Edition, doc: Document, quote: etree._Element, witnesses: Mapping[Path, str] | None = None
) -> QuotationCheck:
    """Align one ``quote`` with its source passage and match its ``app``s to the differences.

    ``witnesses`` is :func:`witness_index` of ``corpus``, passed in when many quotations are checked.
    """
    edition = Edition.of(corpus)
    pointer = (quote.get("source") or "").split()[0]
    check = QuotationCheck(display_path(doc.path), document_id(doc), quote.sourceline or 0, pointer, quote.get(XML_ID))
    found = edition.locate(pointer, doc)
    if found is None:
        check.skipped = "the source does not resolve"
        return check
    source_doc, passage = found
    if local(passage) == "bibl" or next(passage.iterancestors(f"{{{TEI_NS}}}text"), None) is None:
        check.skipped = f"the source is a {local(passage)}, not a passage of a text"
        return check
    check.source_file = display_path(source_doc.path)
    check.quote_text, check.source_text = wording.text(quote), wording.text(passage)
    apps = [a for a in quote.iter(f"{{{TEI_NS}}}app") if _top_level(a, quote)]
    choose = _SourceReadings(edition, doc, source_doc)
    quoted = wording.tokens(quote)
    applied, spans = wording.tokens_and_spans(quote, choose)
    if witnesses is None:
        witnesses = witness_index(edition)
    check.witness = next(iter(choose.sigla.values()), None) or witnesses.get(source_doc.path)
    stale = {app: s for app in apps if (s := _ill_formed(app, choose, quoted, applied, edition, doc)) is not None}
    unrecorded = _compare(applied, wording.tokens(passage), spans, stale, choose, quote)
    check.stale = sorted(stale.values(), key=lambda s: s.line)
    confirmed = [_confirmed(app, quoted, applied) for app in apps if app not in stale]
    check.differences = sorted(confirmed + unrecorded, key=lambda d: d.line)
    return check


def _ill_formed(
    app: etree._Element,
    choose: _SourceReadings,
    quoted: list[Token],
    applied: list[Token],
    edition: Edition,
    doc: Document,
) -> StaleApp | None:
    """A stale entry for an ``app`` without a reading for the quoted witness, or whose reading is its lemma."""
    lemma = wording.lemma_of(app)
    lemma_text = wording.text(lemma) if lemma is not None else ""
    if app not in choose.sigla:
        reason = f"no rdg cites a witness whose @corresp points to {choose.source.name}"
        return StaleApp(
            app.sourceline or 0, reason + _unresolved(edition, app, doc), lemma_text, None, "", app.get(XML_ID)
        )
    if [t.text for t in _app_tokens(quoted, app)] == [t.text for t in _app_tokens(applied, app)]:
        reason = "the reading is the same as the lemma: no difference"
        return StaleApp(app.sourceline or 0, reason, lemma_text, wording.text(choose(app)), "", app.get(XML_ID))
    return None


def _compare(
    applied: list[Token],
    source: list[Token],
    spans: dict[etree._Element, tuple[int, int]],
    stale: dict[etree._Element, StaleApp],
    choose: _SourceReadings,
    quote: etree._Element,
) -> list[Difference]:
    """Align the quotation (readings applied) with the source: unrecorded differences; stale apps added to ``stale``.

    Each step of the alignment belongs to the ``app`` whose reading it falls in, or to none: a difference in an
    ``app``'s reading makes it stale, any other difference is unrecorded, at its own tokens.
    """
    left, right = [t.text for t in applied], [t.text for t in source]
    tokens, places = _owners(spans)
    steps = [(column, _owner(column, tokens, places)) for column in _alignment(left, right)]
    for app in dict.fromkeys(a for c, a in steps if a is not None and c.tag != "equal"):
        if app not in stale:
            words = [right[c.dest] for c, a in steps if a is app and c.tag != "delete"]
            stale[app] = _mismatched(app, choose, wording.join(words))
    return [_unrecorded(applied, right, run, quote) for run in _runs(steps, places)]


@dataclass(frozen=True)
class _Column:
    """One step of the alignment: a quotation token against a source token, or either against nothing."""

    tag: str  # equal, replace, delete (a quotation token the source lacks), insert (a source token it lacks)
    src: int  # the quotation token; for an insert, the one it comes before
    dest: int  # the source token; for a delete, the one it comes before


def _alignment(left: list[str], right: list[str]) -> list[_Column]:
    """The token-by-token alignment of rapidfuzz's edit operations, equal steps included."""
    columns: list[_Column] = []
    src = dest = 0
    for op in [*Levenshtein.editops(left, right), None]:
        until = op.src_pos if op is not None else len(left)
        columns.extend(_Column("equal", src + k, dest + k) for k in range(until - src))
        dest += until - src
        src = until
        if op is not None:
            columns.append(_Column(op.tag, src, dest))
            src += op.tag != "insert"
            dest += op.tag != "delete"
    return columns


def _owners(
    spans: dict[etree._Element, tuple[int, int]],
) -> tuple[dict[int, etree._Element], dict[int, etree._Element]]:
    """The ``app`` each applied token was read from, and the ``app`` of each empty reading by its place."""
    tokens: dict[int, etree._Element] = {}
    places: dict[int, etree._Element] = {}
    for app, (start, end) in spans.items():
        if start == end:
            places[start] = app
        tokens.update(dict.fromkeys(range(start, end), app))
    return tokens, places


def _owner(
    column: _Column, tokens: dict[int, etree._Element], places: dict[int, etree._Element]
) -> etree._Element | None:
    """The ``app`` a step of the alignment belongs to: its token's, or for a source token the quotation lacks,
    the reading it falls inside or the empty reading at its place (a token beside an app is not the app's)."""
    if column.tag != "insert":
        return tokens.get(column.src)
    inside = tokens.get(column.src)
    if inside is not None and tokens.get(column.src - 1) is inside:
        return inside
    return places.get(column.src)


def _runs(steps: list[tuple[_Column, etree._Element | None]], places: dict[int, etree._Element]) -> list[list[_Column]]:
    """Runs of adjacent differences no ``app`` owns, parted where an ``app`` (an empty reading too) stands between."""
    runs: list[list[_Column]] = []
    running = False
    for column, app in steps:
        if column.tag == "equal" or app is not None:
            running = False
            continue
        if not running or (column.tag != "insert" and column.src in places):  # an empty reading stands before it
            runs.append([])
        runs[-1].append(column)
        running = True
    return runs


def _mismatched(app: etree._Element, choose: _SourceReadings, source: str) -> StaleApp:
    lemma = wording.lemma_of(app)
    return StaleApp(
        app.sourceline or 0,
        "the reading does not match the source's wording here",
        wording.text(lemma) if lemma is not None else "",
        wording.text(choose(app)),
        source,
        app.get(XML_ID),
    )


def _unresolved(edition: Edition, app: etree._Element, origin: Document) -> str:
    """`` (… : no such witness)`` for the ``@wit`` pointers of ``app`` that reach no ``witness``."""
    pointers = {p for r in wording.readings_of(app) for p in (r.get("wit") or "").split()}
    lost = sorted(p for p in pointers if (found := edition.locate(p, origin)) is None or local(found[1]) != "witness")
    return f" ({', '.join(lost)}: no such witness)" if lost else ""


def _top_level(app: etree._Element, quote: etree._Element) -> bool:
    parent_app = next(app.iterancestors(f"{{{TEI_NS}}}app"), None)
    return parent_app is None or quote in parent_app.iterancestors()


def _app_tokens(tokens: list[Token], app: etree._Element) -> list[Token]:
    return [t for t in tokens if t.app is app]


def _unrecorded(applied: list[Token], right: list[str], run: list[_Column], quote: etree._Element) -> Difference:
    left = [t.text for t in applied]
    start, end = run[0].src, run[-1].src + (run[-1].tag != "insert")
    dest_start, dest_end = run[0].dest, run[-1].dest + (run[-1].tag != "delete")
    anchor = applied[start] if start < len(applied) else (applied[-1] if applied else None)
    before = wording.join(left[max(0, start - CONTEXT) : start])
    after = wording.join(left[end : end + CONTEXT])
    return Difference(
        status="unrecorded",
        kind=kind_of(left[start:end], right[dest_start:dest_end]),
        quote=wording.join(left[start:end]),
        source=wording.join(right[dest_start:dest_end]),
        line=anchor.line if anchor else quote.sourceline or 0,
        context=wording.join([before, f"[{wording.join(left[start:end]) or '∅'}]", after]).strip(),
    )


def _confirmed(app: etree._Element, quoted: list[Token], applied: list[Token]) -> Difference:
    lem = [t.text for t in _app_tokens(quoted, app)]
    rdg = [t.text for t in _app_tokens(applied, app)]
    return Difference(
        status="confirmed",
        kind=kind_of(lem, rdg),
        quote=wording.join(lem),
        source=wording.join(rdg),
        line=app.sourceline or 0,
        app_id=app.get(XML_ID),
        app_type=app.get("type"),
    )
