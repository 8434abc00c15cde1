"""The recorded apparatus of any TEI P5 parallel-segmentation edition: entries, readings and witnesses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from toolkit.corpus import TEI_NS, XML_ID, Corpus, Document, display_path
from toolkit.edition import Edition, document_id, siglum
from toolkit.variants import wording
from toolkit.variants.wording import local

#: Elements that locate an entry for a reader: the nearest one around an ``app`` is its "paragraph".
BLOCKS = frozenset({"p", "ab", "head", "l", "lg", "item", "bibl", "cell", "quote", "note", "seg", "div"})
PARAGRAPHS = ("p", "ab", "head", "l", "item", "bibl", "cell")


@dataclass(frozen=True)
class Witness:
    """A witness: its key (``xml:id``, else ``@n``, else as written in ``@wit``), its siglum as a reader sees it
    (``label``: :func:`toolkit.edition.siglum`) and what is known of it."""

    siglum: str
    label: str
    declared: bool
    description: str = ""
    corresp: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {
            "siglum": self.siglum,
            "label": self.label,
            "declared": self.declared,
            "description": self.description,
            "corresp": self.corresp,
        }


@dataclass(frozen=True)
class Reading:
    """One ``lem`` or ``rdg``: its wording, its witnesses and its type (its own, else its ``app``'s)."""

    role: str
    text: str
    wit: tuple[str, ...]
    type: str | None = None
    n: str | None = None
    cause: str | None = None
    group: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON shape: ``{text, wit, type}`` plus ``role``, ``n``, ``cause`` and ``group``."""
        return {
            "text": self.text,
            "wit": list(self.wit),
            "type": self.type,
            "role": self.role,
            "n": self.n,
            "cause": self.cause,
            "group": self.group,
        }


@dataclass(frozen=True)
class WitnessDetail:
    """A ``witDetail``: something said about some witnesses at this place (a lacuna, a correction…)."""

    wit: tuple[str, ...]
    type: str | None
    text: str

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {"wit": list(self.wit), "type": self.type, "text": self.text}


@dataclass(frozen=True)
class Location:
    """Where an entry stands: line, enclosing paragraph-level block (element, ``@n``, ``xml:id``) and XPath."""

    line: int
    block: str | None
    n: str | None
    block_id: str | None
    xpath: str

    def label(self) -> str:
        """``p 12 (dobrynin-cable-p12)``: the enclosing block, or ``''`` if there is none."""
        where = " ".join(part for part in (self.block, self.n) if part)
        if self.block_id:
            where = f"{where} ({self.block_id})" if where else self.block_id
        return where

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {"line": self.line, "block": self.block, "n": self.n, "id": self.block_id, "xpath": self.xpath}


@dataclass(frozen=True)
class ApparatusEntry:
    """One ``app``: where it is, its lemma and readings, witness details and notes; nested ``app``s are entries too."""

    index: int
    file: str
    account: str
    location: Location
    xml_id: str | None
    type: str | None
    lemma: Reading | None
    readings: tuple[Reading, ...]
    details: tuple[WitnessDetail, ...] = ()
    notes: tuple[str, ...] = ()
    parent: int | None = None
    depth: int = 0
    quote_source: str | None = None

    def all_readings(self) -> tuple[Reading, ...]:
        """The lemma (if any) followed by the readings."""
        return ((self.lemma,) if self.lemma else ()) + self.readings

    def witnesses(self) -> set[str]:
        """Every siglum cited by a reading of this entry."""
        return {siglum for reading in self.all_readings() for siglum in reading.wit}

    def types(self) -> set[str]:
        """The entry's type and its readings' types."""
        return {t for t in (self.type, *(r.type for r in self.all_readings())) if t}

    def to_dict(self) -> dict[str, object]:
        """The documented shape: ``file``, ``location``, ``lemma {text, wit}``, ``readings [{text, wit, type}]``."""
        return {
            "file": self.file,
            "account": self.account,
            "location": self.location.to_dict(),
            "id": self.xml_id,
            "type": self.type,
            "lemma": self.lemma.to_dict() if self.lemma else None,
            "readings": [r.to_dict() for r in self.readings],
            "details": [d.to_dict() for d in self.details],
            "notes": list(self.notes),
            "parent": self.parent,
            "depth": self.depth,
            "quote_source": self.quote_source,
        }


@dataclass
class Apparatus:
    """Every entry of the files under check, in file and document order, and the witnesses they cite."""

    entries: list[ApparatusEntry] = field(default_factory=list)
    witnesses: dict[str, Witness] = field(default_factory=dict)

    def filtered(self, *, witness: str | None = None, type: str | None = None, account: str | None = None) -> Apparatus:
        """The entries citing ``witness`` (siglum or label), of ``type``, in ``account``; all witnesses kept."""
        sigla = self.sigla_for(witness) if witness else set()
        kept = [
            e
            for e in self.entries
            if (not witness or e.witnesses() & sigla)
            and (not type or type in e.types())
            and (not account or e.account == account)
        ]
        return Apparatus(kept, self.witnesses)

    def sigla_for(self, name: str) -> set[str]:
        """The sigla a user-given name stands for (a siglum, or a label, compared case-sensitively)."""
        return {w.siglum for w in self.witnesses.values() if name in (w.siglum, w.label)} | {name}

    def accounts(self) -> list[str]:
        """The accounts that hold entries, in order of first appearance."""
        return list(dict.fromkeys(e.account for e in self.entries))


class WitnessIndex:
    """Resolves ``@wit`` values (pointers or bare sigla) to witnesses, declared or not."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.witnesses: dict[str, Witness] = {}
        self._bare: dict[tuple[int, str], str] = {}
        self._known: dict[tuple[int, str], str] = {}

    def declare_all(self, documents: Iterable[Document]) -> None:
        """Register the witnesses every ``listWit`` of ``documents`` declares, in document order."""
        for doc in documents:
            for element in doc.root.iter(f"{{{TEI_NS}}}witness"):
                siglum = self._register(element)
                for key in (element.get(XML_ID), element.get("n")):
                    if key:
                        self._bare.setdefault((id(doc.root), key), siglum)

    def _register(self, element: etree._Element) -> str:
        key = element.get(XML_ID) or element.get("n") or wording.text(element)
        if key not in self.witnesses or not self.witnesses[key].declared:
            description = " ".join("".join(element.itertext()).split())
            self.witnesses[key] = Witness(key, siglum(element) or key, True, description, element.get("corresp"))
        return key

    def sigla(self, value: str | None, doc: Document) -> tuple[str, ...]:
        """The sigla of a ``@wit`` value, in order, each registered (undeclared ones as written)."""
        found: list[str] = []
        for token in (value or "").split():
            key = (id(doc.root), token)
            siglum = self._known.get(key)
            if siglum is None:
                siglum = self._known[key] = self._siglum(token, doc)
            if siglum not in self.witnesses:
                self.witnesses[siglum] = Witness(siglum, siglum, False)
            found.append(siglum)
        return tuple(dict.fromkeys(found))

    def _siglum(self, token: str, doc: Document) -> str:
        if "#" in token:
            target = self.edition.resolve(token, doc)
            if target is not None and local(target) == "witness":
                return self._register(target)
            return token.rpartition("#")[2]
        return self._bare.get((id(doc.root), token), token)


def collect(corpus: Corpus | Edition) -> Apparatus:
    """Every ``app`` in the corpus's documents under check, in file and document order."""
    index = WitnessIndex(Edition.of(corpus))
    index.declare_all(corpus.documents)
    entries: list[ApparatusEntry] = []
    for doc in corpus.documents:
        entries.extend(_entries(doc, index, start=len(entries)))
    return Apparatus(entries, index.witnesses)


def _entries(doc: Document, index: WitnessIndex, start: int) -> list[ApparatusEntry]:
    found: list[ApparatusEntry] = []
    numbers: dict[etree._Element, int] = {}
    xpaths = _XPaths()
    shown = display_path(doc.path)
    account = document_id(doc)
    for number, app in enumerate(doc.root.iter(f"{{{TEI_NS}}}app"), start=start):
        numbers[app] = number
        parent = next((numbers[a] for a in app.iterancestors(f"{{{TEI_NS}}}app")), None)
        depth = sum(1 for _ in app.iterancestors(f"{{{TEI_NS}}}app"))
        quote = next(app.iterancestors(f"{{{TEI_NS}}}quote"), None)
        readings = [_reading(r, app, doc, index) for r in wording.readings_of(app)]
        lemma = next((r for r in readings if r.role == "lem"), None)
        found.append(
            ApparatusEntry(
                index=number,
                file=shown,
                account=account,
                location=_location(app, xpaths),
                xml_id=app.get(XML_ID),
                type=app.get("type"),
                lemma=lemma,
                readings=tuple(r for r in readings if r is not lemma),
                details=tuple(_detail(d, doc, index) for d in app.iter(f"{{{TEI_NS}}}witDetail") if _owned(d, app)),
                notes=tuple(t for n in app.iter(f"{{{TEI_NS}}}note") if _owned(n, app) and (t := _collapse(n))),
                parent=parent,
                depth=depth,
                quote_source=quote.get("source") if quote is not None else None,
            )
        )
    return found


def _owned(element: etree._Element, app: etree._Element) -> bool:
    """True if ``element`` belongs to ``app`` itself, not to a nested ``app`` or a reading."""
    parent = element.getparent()
    return parent is app or (parent is not None and local(parent) == "rdgGrp" and _owned(parent, app))


def _collapse(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _reading(element: etree._Element, app: etree._Element, doc: Document, index: WitnessIndex) -> Reading:
    parent = element.getparent()
    group = None
    if parent is not None and local(parent) == "rdgGrp":
        group = parent.get("type") or parent.get("n") or parent.get(XML_ID) or "rdgGrp"
    return Reading(
        role=local(element),
        text=wording.text(element),
        wit=index.sigla(element.get("wit"), doc),
        type=element.get("type") or (parent.get("type") if group else None) or app.get("type"),
        n=element.get("n"),
        cause=element.get("cause"),
        group=group,
    )


def _detail(element: etree._Element, doc: Document, index: WitnessIndex) -> WitnessDetail:
    return WitnessDetail(index.sigla(element.get("wit"), doc), element.get("type"), _collapse(element))


class _XPaths:
    """Readable XPaths (``/TEI/text[1]/body[1]/p[3]/app[2]``), each parent's children numbered once."""

    def __init__(self) -> None:
        self.positions: dict[etree._Element, int] = {}

    def of(self, element: etree._Element) -> str:
        steps: list[str] = []
        node: etree._Element | None = element
        while node is not None:
            parent = node.getparent()
            if parent is None:
                steps.append(local(node))
            else:
                if node not in self.positions:
                    self._number(parent)
                steps.append(f"{local(node)}[{self.positions[node]}]")
            node = parent
        return "/" + "/".join(reversed(steps))

    def _number(self, parent: etree._Element) -> None:
        seen: dict[object, int] = {}
        for child in parent:
            if isinstance(child.tag, str):
                seen[child.tag] = seen.get(child.tag, 0) + 1
                self.positions[child] = seen[child.tag]


def _location(app: etree._Element, xpaths: _XPaths) -> Location:
    block = next((a for a in app.iterancestors() if local(a) in PARAGRAPHS), None)
    if block is None:
        block = next((a for a in app.iterancestors() if local(a) in BLOCKS), None)
    return Location(
        line=app.sourceline or 0,
        block=local(block) if block is not None else None,
        n=block.get("n") if block is not None else None,
        block_id=block.get(XML_ID) if block is not None else None,
        xpath=xpaths.of(app),
    )
