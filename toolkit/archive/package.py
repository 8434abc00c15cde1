"""What a bag holds, as plain values: its payload files (with fixity and format), the edition's documents in reading
order, and what the toolkit did to make it. METS, PREMIS and RO-Crate are written from this one description."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from lxml import etree

from toolkit.archive.dc import Record
from toolkit.archive.metadata import EditionMetadata
from toolkit.corpus import Corpus, Document
from toolkit.edition import Edition
from toolkit.errors import ToolkitError

__all__ = ["BuildOutputs", "DocumentEntry", "Event", "Format", "Package", "PayloadFile", "build_outputs", "format_of"]


@dataclass(frozen=True)
class Format:
    """A file format: its media type, a name a person reads, and its version when known."""

    media_type: str
    name: str
    version: str = ""


_BY_SUFFIX = {
    ".xsd": Format("application/xml", "W3C XML Schema", "1.0"),
    ".csv": Format("text/csv", "Comma-separated values (RFC 4180)"),
    ".json": Format("application/json", "JSON"),
    ".html": Format("text/html", "HTML"),
    ".css": Format("text/css", "Cascading Style Sheets"),
    ".js": Format("text/javascript", "JavaScript"),
    ".txt": Format("text/plain", "Plain text"),
    ".xml": Format("application/xml", "XML", "1.0"),
    ".pdf": Format("application/pdf", "PDF"),
}
_PDFA = re.compile(rb'pdfaid:part(?:="|>)(\d)["<].*?pdfaid:conformance(?:="|>)([ABUabu])', re.DOTALL)


def format_of(name: str, data: bytes) -> Format:
    """The format of a payload file from its place in the bag and, for a PDF, its PDF/A identification."""
    path = PurePosixPath(name)
    if path.parts[0] == "tei" and path.suffix == ".xml":
        return Format("application/tei+xml", "TEI P5 XML")
    if path.parts[0] == "dc" and path.suffix == ".xml":
        return Format("application/xml", "Dublin Core (OAI-PMH oai_dc) XML", "1.1")
    if name == "mets.xml":
        return Format("application/xml", "METS XML", "1.12")
    if name == "ro-crate-metadata.json":
        return Format("application/ld+json", "RO-Crate metadata (JSON-LD)", "1.2")
    if path.suffix == ".pdf":
        found = _PDFA.search(data)
        if found:
            return Format("application/pdf", f"PDF/A-{found[1].decode()}{found[2].decode().lower()}")
    return _BY_SUFFIX.get(path.suffix, Format("application/octet-stream", "Binary data"))


@dataclass(frozen=True)
class PayloadFile:
    """One file under ``data/``: its path there, size, SHA-256 and format, and the document it is or describes."""

    name: str
    size: int
    sha256: str
    format: Format
    #: ``tei``, ``schema``, ``metadata``, ``pdf`` or ``site``: the METS fileGrp and the RO-Crate grouping
    group: str
    #: the ``xml:id`` of the TEI document this file is (``tei/``) or describes (``dc/``)
    about: str = ""

    @classmethod
    def of(cls, name: str, data: bytes, group: str, about: str = "") -> PayloadFile:
        """The description of ``data`` written as ``data/name``."""
        return cls(name, len(data), hashlib.sha256(data).hexdigest(), format_of(name, data), group, about)


@dataclass(frozen=True)
class Agent:
    """A person or body named in a header (an author, an editor), with a local id from its authority pointer."""

    id: str
    name: str
    kind: str  # "Person" or "Organization"


@dataclass(frozen=True)
class DocumentEntry:
    """One TEI document of the edition: its id, path in the bag, role, DC record, authors and editors."""

    id: str
    name: str
    role: str  # "driver", "text" or "authority"
    record: Record
    authors: tuple[Agent, ...] = ()
    editors: tuple[Agent, ...] = ()

    @property
    def title(self) -> str:
        """The document's main title."""
        return self.record.first("title") or self.id


@dataclass(frozen=True)
class Event:
    """Something the toolkit did (a PREMIS event): its type, detail, outcome and the payload files it concerned."""

    id: str
    kind: str
    detail: str
    outcome: str
    outcome_detail: str = ""
    objects: tuple[str, ...] = ()
    #: when it happened (ISO 8601 or EDTF, ``../2026-11-24``: on or before); empty: the day of the packing
    when: str = ""


@dataclass
class Package:
    """Everything METS, PREMIS and RO-Crate say about one bag."""

    metadata: EditionMetadata
    created: date
    toolkit_version: str
    documents: list[DocumentEntry] = field(default_factory=list)
    files: list[PayloadFile] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def file(self, name: str) -> PayloadFile | None:
        """The payload file called ``name``, if there is one."""
        return next((f for f in self.files if f.name == name), None)


@dataclass(frozen=True)
class BuildOutputs:
    """The built outputs to bag: the PDF/A and the site's files (as ``(path in the build folder, path in data/)``)."""

    pdf: Path | None = None
    site: tuple[tuple[Path, str], ...] = ()


#: The file in which ``edition build`` lists what it wrote into its output folder.
BUILD_LISTING = ".edition-build.json"


def build_outputs(build: Path, *, pdf: bool, site: bool) -> BuildOutputs:
    """The PDF/A and the site that ``edition build`` wrote into ``build``; ``ToolkitError`` if one asked for is absent.

    Only the files the build's own listing names are taken, so nothing left in the folder by hand enters the bag.
    """
    if not pdf and not site:
        return BuildOutputs()
    try:
        listing = json.loads((build / BUILD_LISTING).read_text(encoding="utf-8"))
        written = [name for name in listing["files"] if isinstance(name, str)]
    except (OSError, ValueError, KeyError, TypeError):
        raise ToolkitError(
            f"{build} is not the output folder of `edition build` (no readable {BUILD_LISTING})",
            f"run `edition build{' --pdf' if pdf else ''} --out {build}` first, or name the folder with --build-dir",
        ) from None
    found_pdf: Path | None = None
    if pdf:
        found_pdf = build / "pdf" / "edition.pdf"
        if "pdf/edition.pdf" not in written or not found_pdf.is_file():
            raise ToolkitError(f"{build} holds no PDF/A (pdf/edition.pdf)", f"run `edition build --pdf --out {build}`")
    pages: list[tuple[Path, str]] = []
    if site:
        pages = [
            (build / name, "site/" + name.removeprefix("html/")) for name in sorted(written) if name.startswith("html/")
        ]
        missing = [str(path) for path, _ in pages if not path.is_file()]
        if not pages or missing:
            raise ToolkitError(
                f"{build} holds no complete site (html/){': ' + missing[0] + ' is missing' if missing else ''}",
                f"run `edition build --out {build}`",
            )
    return BuildOutputs(found_pdf, tuple(pages))


_TEI = "{http://www.tei-c.org/ns/1.0}"
_NAMES = {f"{_TEI}persName": "Person", f"{_TEI}orgName": "Organization", f"{_TEI}name": ""}


def agents_of(root: etree._Element) -> tuple[tuple[Agent, ...], tuple[Agent, ...]]:
    """The authors and the editors (``editor``, ``respStmt``) a document's ``titleStmt`` names."""
    statement = root.find(f"{_TEI}teiHeader/{_TEI}fileDesc/{_TEI}titleStmt")
    if statement is None:
        return (), ()
    authors = [a for author in statement.findall(f"{_TEI}author") for a in _named(author)]
    editors = [a for editor in statement.findall(f"{_TEI}editor") for a in _named(editor)]
    editors += [a for resp in statement.findall(f"{_TEI}respStmt") for a in _named(resp, wrapped=False)]
    return tuple(_unique(authors)), tuple(_unique(editors))


def _named(element: etree._Element, *, wrapped: bool = True) -> list[Agent]:
    """The people and bodies in ``element``: its name children, or (for an author or editor) its own text."""
    found = [child for child in element if child.tag in _NAMES]
    if not found and wrapped:
        text = " ".join("".join(element.itertext()).split())
        return [Agent(_local_id("", text), text, "Person")] if text else []
    agents = []
    for child in found:
        text = " ".join("".join(child.itertext()).split())
        kind = _NAMES[child.tag] or ("Organization" if child.get("type") in ("org", "organisation") else "Person")
        if text:
            agents.append(Agent(_local_id(child.get("ref", ""), text), text, kind))
    return agents


def _local_id(ref: str, name: str) -> str:
    """``#dobrynin`` for ``persons.xml#dobrynin``; a slug of the name for a name without authority pointer."""
    fragment = ref.split()[0].partition("#")[2] if ref.split() else ""
    return "#" + (fragment or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "agent")


def _unique(agents: list[Agent]) -> list[Agent]:
    return list({agent.id: agent for agent in agents}.values())


def driver_of(documents: Sequence[Document] | Edition) -> Document | None:
    """The edition's driver (:attr:`toolkit.edition.Edition.driver`)."""
    return _edition(documents).driver


#: The model's roles as METS and RO-Crate name them (an account is a text of the edition).
PACKAGE_ROLES = {"driver": "driver", "account": "text", "authority": "authority"}


def reading_order(documents: Sequence[Document] | Edition) -> list[tuple[str, Document]]:
    """``(role, document)`` for each of ``documents``: the driver, the texts in the order of its ``xi:include``s,
    then the other documents (:attr:`toolkit.edition.Edition.roles`, with the package's names for the roles)."""
    edition = _edition(documents)
    given = {id(d) for d in edition.documents}  # an included file outside them is not part of the package
    return [(PACKAGE_ROLES[role], d) for role, d in edition.roles if id(d) in given]


def _edition(documents: Sequence[Document] | Edition) -> Edition:
    return documents if isinstance(documents, Edition) else Edition(Corpus(documents=list(documents)))
