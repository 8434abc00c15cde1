"""Contested points: for each category of the edition's taxonomy, which accounts address it and in what words."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.corpus import TEI_NS, XML_ID, Corpus
from toolkit.edition import Edition, document_id
from toolkit.variants import wording
from toolkit.variants.wording import local


@dataclass(frozen=True)
class Passage:
    """Words of one account bearing on one point (an element whose ``@ana`` points to the point)."""

    account: str
    file: str
    line: int
    xml_id: str | None
    text: str

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {"account": self.account, "file": self.file, "line": self.line, "id": self.xml_id, "text": self.text}


@dataclass(frozen=True)
class Point:
    """A category of the taxonomy: its id and description."""

    xml_id: str
    description: str
    label: str = ""


@dataclass
class PointMatrix:
    """Points by accounts: ``cells[(point, account)]`` are the passages in which the account addresses the point."""

    points: list[Point] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], list[Passage]] = field(default_factory=dict)

    def passages(self, point: str, account: str) -> list[Passage]:
        """The passages of ``account`` on ``point`` (empty if it does not address it)."""
        return self.cells.get((point, account), [])

    def to_dict(self) -> dict[str, object]:
        """The JSON shape: ``points``, ``accounts`` and a ``matrix`` of point id -> account -> passages."""
        return {
            "points": [{"id": p.xml_id, "label": p.label, "description": p.description} for p in self.points],
            "accounts": self.accounts,
            "matrix": {
                p.xml_id: {a: [x.to_dict() for x in self.passages(p.xml_id, a)] for a in self.accounts}
                for p in self.points
            },
        }


def contested_points(corpus: Corpus | Edition, account: str | None = None) -> PointMatrix:
    """Read every ``@ana`` of the documents under check that points to a taxonomy ``category``."""
    matrix = PointMatrix()
    known: dict[str, Point] = {}
    edition = Edition.of(corpus)
    for doc in edition.documents:
        name = document_id(doc)
        if account and name != account:
            continue
        for element in doc.root.iter():
            if not isinstance(element.tag, str) or not element.get("ana"):
                continue
            for pointer in element.get("ana", "").split():
                category = edition.resolve(pointer, doc)
                if category is None or local(category) != "category":
                    continue
                point = _point(category)
                known.setdefault(point.xml_id, point)
                passage = Passage(
                    name, doc.display_path(), element.sourceline or 0, element.get(XML_ID), wording.text(element)
                )
                matrix.cells.setdefault((point.xml_id, name), []).append(passage)
                if name not in matrix.accounts:
                    matrix.accounts.append(name)
    matrix.points = _all_points(edition, known)
    return matrix


def _point(category: etree._Element) -> Point:
    """A category: its description, and as label the ``term`` the description names it by (else its id)."""
    xml_id = category.get(XML_ID) or ""
    for child in category:
        if local(child) in ("catDesc", "gloss", "desc"):
            term = next(child.iter(f"{{{TEI_NS}}}term"), None)
            label = " ".join("".join(term.itertext()).split()) if term is not None else xml_id
            return Point(xml_id, " ".join("".join(child.itertext()).split()), label)
    return Point(xml_id, "", xml_id)


def _all_points(edition: Edition, known: dict[str, Point]) -> list[Point]:
    """Every category of the loaded taxonomies in document order (so unaddressed points show), then any others.

    A taxonomy that classifies the texts (a ``catRef`` names it as its ``@scheme`` or one of its categories as its
    ``@target``: the kinds of text) holds no contested points."""
    classifications = _classifications(edition)
    ordered: dict[str, Point] = {}
    for doc in edition.corpus.all_documents():
        for category in doc.root.iter(f"{{{TEI_NS}}}category"):
            taxonomy = next(category.iterancestors(f"{{{TEI_NS}}}taxonomy"), None)
            if {(doc.path, e.get(XML_ID)) for e in (category, taxonomy) if e is not None} & classifications:
                continue
            point = _point(category)
            if point.xml_id:
                ordered.setdefault(point.xml_id, point)
    for key, point in known.items():
        ordered.setdefault(key, point)
    return list(ordered.values())


def _classifications(edition: Edition) -> set[tuple[Path, str | None]]:
    """The taxonomies and categories the texts are classified by (``catRef``), as (document path, xml:id)."""
    reached: set[tuple[Path, str | None]] = set()
    for doc in edition.corpus.all_documents():
        for ref in doc.root.iter(f"{{{TEI_NS}}}catRef"):
            for pointer in (ref.get("scheme") or "").split() + (ref.get("target") or "").split():
                located = edition.locate(pointer, doc)
                if located is not None:
                    reached.add((located[0].path, located[1].get(XML_ID)))
    return reached
