"""The edition model: what the loaded documents mean, answered once for every command and stylesheet.

:mod:`toolkit.corpus` finds and parses the files; an :class:`Edition` over that corpus says which document is the
driver, which are the texts and in what order, which are authority files, which attributes are pointers and what
each pointer reaches, what a witness's siglum is, what a redaction is and what a document's identifier is. The
conventions behind each answer are in ``docs/conventions.md`` ("The edition model").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from toolkit.corpus import DEFAULT_MAX_BYTES, TEI_NS, XI_NS, XML_ID, Corpus, Document, load

__all__ = [
    "POINTER_ATTRIBUTES",
    "REDACTION_PATTERN",
    "Edition",
    "FileTarget",
    "Include",
    "document_id",
    "is_local",
    "is_redaction",
    "names_redaction",
    "siglum",
]

XI_INCLUDE = f"{{{XI_NS}}}include"
TEI_CORPUS = f"{{{TEI_NS}}}teiCorpus"

#: The TEI P5 attributes whose values are pointers (``teidata.pointer``, one or several, space-separated), by the
#: class that defines them: att.canonical (ref), att.global.linking (corresp, synch, sameAs, copyOf, next, prev,
#: exclude, select), att.global.analytic (ana), att.global.responsibility (resp), att.global.source (source),
#: att.global.facs (facs), att.global.change (change), att.global.rendition (rendition), att.pointing (target),
#: att.pointing.group (domains), att.witnessed (wit), att.ascribed (who), att.declaring (decls), att.spanning
#: (spanTo), att.transcriptional and att.written (hand), att.handFeatures (scribeRef, scriptRef), att.datable
#: (calendar), att.datable.custom (datingMethod, datingPoint), att.edition (edRef), att.naming (nymRef),
#: att.resourced (url), and the element-specific scheme (catRef, classCode, keywords) and active, passive, mutual
#: (relation). ``@from``/``@to`` are pointers only on span-like elements and are left out; XInclude's ``href`` is
#: a pointer on ``xi:include`` (see :meth:`Edition.pointers`).
POINTER_ATTRIBUTES = frozenset(
    {
        "ref",
        "corresp",
        "synch",
        "sameAs",
        "copyOf",
        "next",
        "prev",
        "exclude",
        "select",
        "ana",
        "resp",
        "source",
        "facs",
        "change",
        "rendition",
        "target",
        "domains",
        "wit",
        "who",
        "decls",
        "spanTo",
        "hand",
        "scribeRef",
        "scriptRef",
        "calendar",
        "datingMethod",
        "datingPoint",
        "edRef",
        "nymRef",
        "url",
        "scheme",
        "active",
        "passive",
        "mutual",
    }
)

#: A value with a URI scheme or a TEI private prefix (``https:``, ``mailto:``, ``psn:``) is not a file of ours.
_NON_LOCAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

#: Word stems in a gap's ``@reason``, ``@type`` or ``@rend`` that make it a redaction (text suppressed by someone
#: other than the editors: censored, classified, sanitised, whited or blacked out, excised, withheld).
REDACTION_STEMS = ("redact", "censor", "classif", "sanitiz", "sanitis", "whited", "blacked", "excised", "withheld")
#: The same, as a regular expression for XPath's ``matches($value, $pattern, 'i')`` and Python's ``re``.
REDACTION_PATTERN = "|".join(REDACTION_STEMS)
_REDACTION = re.compile(REDACTION_PATTERN, re.IGNORECASE)
#: The attributes of a ``gap`` that say why text is left out.
GAP_REASONS = ("reason", "type", "rend")


def is_local(pointer: str) -> bool:
    """True for a pointer into the edition's files (``#id``, ``file.xml#id``); false for a URI or a private prefix."""
    return not _NON_LOCAL.match(pointer)


def split_pointer(pointer: str) -> tuple[str, str]:
    """A local pointer's file part (percent-decoded, as a URI reference is) and its fragment."""
    file_part, _, fragment = pointer.partition("#")
    return unquote(file_part), fragment


def is_redaction(gap: etree._Element) -> bool:
    """True for a ``gap`` whose ``@reason``, ``@type`` or ``@rend`` names a redaction (see :data:`REDACTION_STEMS`)."""
    return any(names_redaction(gap.get(name) or "") for name in GAP_REASONS)


def names_redaction(reason: str) -> bool:
    """True when the words of a gap's reason name a redaction (``redacted``, ``classified``, ``whited out``…)."""
    return _REDACTION.search(reason) is not None


def siglum(witness: etree._Element) -> str:
    """A witness's siglum as a reader sees it: ``abbr[@type='siglum']``, else an ``abbr``, else ``@n``, else
    ``xml:id`` (else ``''``)."""
    abbreviations = witness.findall(f"{{{TEI_NS}}}abbr")
    chosen = next((a for a in abbreviations if a.get("type") == "siglum"), abbreviations[0] if abbreviations else None)
    if chosen is not None and (text := " ".join("".join(chosen.itertext()).split())):
        return text
    return witness.get("n") or witness.get(XML_ID) or ""


def document_id(document: Document) -> str:
    """A document's identifier: its root's ``xml:id``, else its file name without ``.xml``."""
    return document.root.get(XML_ID) or document.path.stem


def _has_text(document: Document) -> bool:
    return next(document.root.iter(f"{{{TEI_NS}}}text"), None) is not None


@dataclass(frozen=True)
class FileTarget:
    """The file a pointer's file part names: its path, whether it exists, and its document if it is a TEI file."""

    path: Path
    exists: bool
    document: Document | None


@dataclass(frozen=True)
class Include:
    """One ``xi:include`` of the driver: the element, the file it names, and its document (``None`` if missing)."""

    element: etree._Element
    target: FileTarget

    @property
    def missing(self) -> bool:
        """True when the included file does not exist."""
        return not self.target.exists


class Edition:
    """The loaded edition: its documents by role, in reading order, and what their pointers reach."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._named: dict[tuple[Path, str], tuple[Path, bool]] = {}
        self._files: dict[tuple[Path, str], FileTarget] = {}
        self._pointed: dict[int, list[Path]] = {}
        self._file_at: dict[Path, Path | None] = {}  # a named path resolved, if it is a file (asked once each)

    @classmethod
    def of(cls, corpus: Corpus | Edition) -> Edition:
        """``corpus`` itself if it is an edition, else the edition over it."""
        return corpus if isinstance(corpus, Edition) else cls(corpus)

    @classmethod
    def load(cls, paths: Iterable[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Edition:
        """Find and parse the files under ``paths`` (see :func:`toolkit.corpus.load`)."""
        return cls(load(paths, max_bytes))

    @property
    def documents(self) -> list[Document]:
        """The documents under check, in the order they were found."""
        return self.corpus.documents

    # --- roles and reading order --------------------------------------------------------------------------------

    @cached_property
    def driver(self) -> Document | None:
        """The ``teiCorpus`` whose ``xi:include``s list the texts (the first such document), if there is one."""
        return next(
            (d for d in self.documents if d.root.tag == TEI_CORPUS and d.root.find(XI_INCLUDE) is not None), None
        )

    @cached_property
    def includes(self) -> list[Include]:
        """The driver's ``xi:include``s in order, each with the file it names (loaded for context if need be)."""
        if self.driver is None:
            return []
        return [
            Include(element, self.file(element.get("href") or "", self.driver))
            for element in self.driver.root.iter(XI_INCLUDE)
        ]

    @cached_property
    def texts(self) -> list[Document]:
        """The texts in reading order: the driver's includes that exist, in its order; without a driver, each
        document with a ``text`` (a collation's ``listWit`` in its header does not make it a list), as found."""
        if self.driver is not None:
            found = [i.target.document for i in self.includes if i.target.document is not None]
            return list({id(d): d for d in found}.values())
        return [d for d in self.documents if _has_text(d)]

    @cached_property
    def authorities(self) -> list[Document]:
        """The other documents under check (lists of persons, places, witnesses…), in the corpus's order."""
        chosen = {id(d) for d in self.texts} | {id(self.driver)}
        return [d for d in self.documents if id(d) not in chosen]

    @property
    def roles(self) -> list[tuple[str, Document]]:
        """Every document with its role (``driver``, ``account``, ``authority``), driver first."""
        driver = [("driver", self.driver)] if self.driver is not None else []
        return driver + [("account", d) for d in self.texts] + [("authority", d) for d in self.authorities]

    @property
    def all(self) -> list[Document]:
        """Every document by role: the driver, the texts in reading order, the authority files."""
        return [document for _, document in self.roles]

    def in_reading_order(self) -> list[Document]:
        """The documents under check with the driver's texts first, in its order, the others after as found;
        without a driver, as found."""
        if self.driver is None:
            return list(self.documents)
        checked = {id(d) for d in self.documents}
        texts = [d for d in self.texts if id(d) in checked]
        chosen = {id(d) for d in texts}
        return texts + [d for d in self.documents if id(d) not in chosen]

    @property
    def missing_includes(self) -> list[Include]:
        """The driver's includes that name a file that does not exist (the validator reports them, TEI202)."""
        return [include for include in self.includes if include.missing]

    # --- pointers -----------------------------------------------------------------------------------------------

    @staticmethod
    def pointers(element: etree._Element) -> Iterator[tuple[str, str]]:
        """Each pointer on ``element`` as ``(attribute, pointer)``, in attribute order: the attributes of
        :data:`POINTER_ATTRIBUTES`, and ``href`` on an ``xi:include``."""
        for name, value in element.attrib.items():
            if name in POINTER_ATTRIBUTES or (name == "href" and element.tag == XI_INCLUDE):
                for pointer in value.split():
                    yield name, pointer

    def named(self, file_part: str, origin: Document) -> tuple[Path, bool]:
        """The path a pointer's (percent-decoded) file part names from ``origin`` and whether it exists. Cached:
        the same pointer recurs thousands of times in a corpus."""
        key = (origin.path.parent, file_part)
        found = self._named.get(key)
        if found is None:
            path = origin.path.parent / file_part
            found = self._named[key] = (path, _exists(path))
        return found

    def file(self, file_part: str, origin: Document) -> FileTarget:
        """The file a pointer's file part names from ``origin``, with its document if it is XML (loaded). Cached."""
        key = (origin.path.parent, file_part)
        found = self._files.get(key)
        if found is None:
            path, exists = self.named(file_part, origin)
            document = self.corpus.document(path) if exists and path.suffix == ".xml" else None
            found = self._files[key] = FileTarget(path, exists, document)
        return found

    def target_document(self, pointer: str, origin: Document) -> Document | None:
        """The document a local pointer from ``origin`` reaches: ``origin`` for ``#id``, else the file it names."""
        file_part, _ = split_pointer(pointer)
        return origin if not file_part else self.file(file_part, origin).document

    def resolve(self, pointer: str, origin: Document) -> etree._Element | None:
        """The element a local pointer (``#id``, ``file.xml#id``, ``file.xml``) from ``origin`` reaches, or ``None``."""
        located = self.locate(pointer, origin)
        return located[1] if located is not None else None

    def locate(self, pointer: str, origin: Document) -> tuple[Document, etree._Element] | None:
        """The document and element a pointer from ``origin`` reaches (a whole file: its root), or ``None``."""
        if not is_local(pointer):
            return None
        document = self.target_document(pointer, origin)
        if document is None:
            return None
        fragment = split_pointer(pointer)[1]
        element = document.ids.get(fragment) if fragment else document.root
        return (document, element) if element is not None else None

    def pointed_files(self, document: Document) -> list[Path]:
        """The existing files (other than itself) that ``document``'s local pointers name, resolved and sorted."""
        found = self._pointed.get(id(document))
        if found is None:
            names = {
                split_pointer(pointer)[0]
                for element in document.root.iter(etree.Element)
                for _, pointer in self.pointers(element)
                if is_local(pointer)
            }
            own = document.path.resolve()
            named = [self.named(name, document) for name in names if name]
            paths = {self._resolved_file(path) for path, exists in named if exists} - {None, own}
            found = self._pointed[id(document)] = sorted(p for p in paths if p is not None)
        return found

    def _resolved_file(self, path: Path) -> Path | None:
        """``path`` resolved if it is a file, else None; asked of the file system once per path (a corpus's texts
        name the same few authority files)."""
        if path not in self._file_at:
            resolved = path.resolve()
            self._file_at[path] = resolved if resolved.is_file() else None
        return self._file_at[path]

    def reached_documents(self, documents: Sequence[Document]) -> list[Document]:
        """The TEI documents that the pointers of ``documents`` name by file, in first-seen order, loaded if need be."""
        found: dict[int, Document] = {}
        for document in documents:
            for element in document.root.iter(etree.Element):
                for _, pointer in self.pointers(element):
                    file_part = split_pointer(pointer)[0] if is_local(pointer) else ""
                    target = self.file(file_part, document).document if file_part else None
                    if target is not None:
                        found.setdefault(id(target), target)
        return list(found.values())

    # --- witnesses ----------------------------------------------------------------------------------------------

    def sigla(self) -> dict[str, str]:
        """Each witness of the edition's documents and its :func:`siglum`, keyed by the pointer that cites it
        (``witnesses.xml#wit-cable``) and by its bare ``xml:id`` (``wit-cable``): for the stylesheets."""
        found: dict[str, str] = {}
        for document in self.documents:
            for witness in document.root.iter(f"{{{TEI_NS}}}witness"):
                xml_id = witness.get(XML_ID)
                if xml_id:
                    found.setdefault(f"{document.name}#{xml_id}", siglum(witness))
                    found.setdefault(xml_id, siglum(witness))
        return found


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long for the file system, a loop of links: nothing there to point at
        return False
