"""Find and parse TEI files with a hardened parser, and index their ``xml:id``s across the corpus."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from toolkit.diagnostics import Diagnostic, Severity

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XI_NS = "http://www.w3.org/2001/XInclude"
NS = {"tei": TEI_NS, "xi": XI_NS}

#: Files larger than this are refused before parsing (a TEI volume is a few MB; 50 MB is an attack or a mistake).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


class LoadError(Exception):
    """A file could not be loaded; carries the located diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _parser() -> etree.XMLParser:
    # No DTD is loaded or fetched, no entity is expanded, no network, no huge-tree relaxation.
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,  # duplicate xml:ids are an editorial finding (TEI200), not a reason to refuse the file
    )


def _error(code: str, file: str, line: int, column: int, message: str, hint: str | None = None) -> LoadError:
    return LoadError(Diagnostic(code, Severity.ERROR, file, line, column, message, "", hint))


def _declaration_line(data: bytes, needle: bytes) -> int:
    index = data.find(needle)
    return data.count(b"\n", 0, index) + 1 if index >= 0 else 1


def parse_bytes(data: bytes, file: str) -> etree._ElementTree:
    """Parse ``data`` safely; raise :class:`LoadError` with a located diagnostic on any refusal."""
    return _parse(lambda: etree.fromstring(data, _parser(), base_url=file), file, lambda: data)


def parse_file(path: Path, file: str) -> etree._ElementTree:
    """Parse the file at ``path`` safely, streaming it into libxml2 (no copy of its bytes is held); as parse_bytes."""
    return _parse(lambda: etree.parse(str(path), _parser()).getroot(), file, path.read_bytes)


def _parse(parse: Callable[[], etree._Element], file: str, data: Callable[[], bytes]) -> etree._ElementTree:
    """Run ``parse`` and refuse what the hardened parser must refuse; ``data`` gives the bytes, read only if needed."""
    try:
        tree = etree.ElementTree(parse())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (1, 1)
        message = str(exc.msg or exc).split(" (", 1)[0] if exc.msg else str(exc)
        if "failed to load" in message.lower():
            raise _error("TEI002", file, line or 1, column or 1, _EXTERNAL, _EXTERNAL_HINT) from None
        if "entity" in message.lower():
            raise _error("TEI003", file, line or 1, column or 1, f"entity refused: {message}", _ENTITY_HINT) from None
        raise _error(
            "TEI001", file, line or 1, column or 1, f"not well-formed XML: {message}", _syntax_hint(message)
        ) from None
    except OSError:
        # lxml's file reader reports some refusals (a network DTD, bad bytes) as I/O errors without a position:
        # parse the bytes in memory instead, which locates them
        try:
            content = data()
        except OSError as exc:
            raise _error("TEI005", file, 1, 1, f"cannot read file: {exc.strerror or exc}") from None
        return parse_bytes(content, file)
    docinfo = tree.docinfo
    if docinfo.system_url or docinfo.public_id:
        raise _error("TEI002", file, _declaration_line(data(), b"<!DOCTYPE"), 1, _EXTERNAL, _EXTERNAL_HINT)
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _error(
            "TEI003",
            file,
            _declaration_line(data(), b"<!ENTITY"),
            1,
            "entity declarations are refused (entity expansion and external entities are attack vectors)",
            _ENTITY_HINT,
        )
    if _declares_other_encoding(docinfo.encoding):
        _check_encoding(data(), docinfo.encoding, file)
    return tree


_EXTERNAL = "external DTD or resource declared; it is not fetched and the file is refused"
_EXTERNAL_HINT = "remove the <!DOCTYPE …> line: TEI P5 is validated against a schema, not a DTD"
_ENTITY_HINT = "replace entities by the characters they stand for"


def _declares_other_encoding(declared: str | None) -> bool:
    """True when the XML declaration names an encoding other than UTF-8 (or its ASCII subset)."""
    return bool(declared) and declared.upper().replace("_", "-") not in {"UTF-8", "UTF8", "US-ASCII", "ASCII"}


def _check_encoding(data: bytes, declared: str | None, file: str) -> None:
    """Refuse a file whose declared single-byte encoding hides UTF-8 bytes (it would parse as mojibake)."""
    if not _declares_other_encoding(declared) or str(declared).upper().startswith("UTF-16") or data.isascii():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    raise _error(
        "TEI006",
        file,
        1,
        1,
        f"the XML declaration says encoding {declared!r} but the bytes are UTF-8; accented letters would be garbled",
        'declare encoding="UTF-8"',
    )


def _syntax_hint(message: str) -> str | None:
    """A hint from libxml2's message, matched on whole words: element names (``encodingDesc``) must not match."""
    words = set(re.findall(r"[\w-]+", message.lower()))
    if "mismatch" in words:
        return "an end tag does not match its start tag"
    if {"premature", "extra"} & words or "end of data" in message.lower():
        return "the file looks truncated or has text after the root element"
    if {"encoding", "utf-8", "bytes"} & words:
        return "check that the encoding declaration matches the bytes of the file (TEI files are UTF-8)"
    return None


@dataclass
class Document:
    """One parsed file of the corpus."""

    path: Path
    tree: etree._ElementTree
    _ids: dict[str, etree._Element] | None = field(default=None, init=False, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)
    _columns: dict[str, dict[etree._Element, int]] = field(default_factory=dict, init=False, repr=False)

    @property
    def root(self) -> etree._Element:
        """The root element."""
        return self.tree.getroot()

    @property
    def ids(self) -> dict[str, etree._Element]:
        """Each ``xml:id`` of the document and its element (the first, if repeated); indexed when first asked."""
        if self._ids is None:
            self._ids = {}
            for element in elements_with_id(self.root):
                self._ids.setdefault(element.get(XML_ID), element)
        return self._ids

    @property
    def name(self) -> str:
        """The file name, as pointers write it (``persons.xml``)."""
        return self.path.name

    def display_path(self) -> str:
        """The path as shown in diagnostics: relative to the working folder when possible."""
        return display_path(self.path)

    def column_of(self, element: etree._Element) -> int:
        """Best-effort 1-based column of ``element``'s start tag: the n-th such tag on its line (lxml keeps lines)."""
        if not isinstance(element.tag, str):
            return 1
        columns = self._columns.get(element.tag)
        if columns is None:
            columns = self._columns[element.tag] = self._tag_columns(element.tag)
        return columns.get(element, 1)

    def _tag_columns(self, tag: str) -> dict[etree._Element, int]:
        if self._lines is None:
            encoding = self.tree.docinfo.encoding or "utf-8"
            self._lines = self.path.read_text(encoding=encoding, errors="replace").splitlines()
        pattern = re.compile(rf"<([\w.-]+:)?{re.escape(etree.QName(tag).localname)}[\s/>]")
        by_line: dict[int, list[etree._Element]] = {}
        for element in self.root.iter(tag):
            by_line.setdefault(element.sourceline or 1, []).append(element)
        columns: dict[etree._Element, int] = {}
        for line, elements in by_line.items():
            text = self._lines[line - 1] if line <= len(self._lines) else ""
            for element, match in zip(elements, pattern.finditer(text), strict=False):
                columns[element] = match.start() + 1
        return columns


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it (its folder resolved), else as given.

    String work with the folders resolved once each: this runs for every file of a corpus.
    """
    cwd = _resolved(os.getcwd())
    text = os.fspath(path)
    absolute = text if os.path.isabs(text) else os.path.join(os.getcwd(), text)
    for candidate in (absolute, os.path.join(_resolved(os.path.dirname(absolute)), os.path.basename(absolute))):
        if candidate.startswith(cwd + os.sep):
            return candidate[len(cwd) + 1 :]
    return text


@cache
def _resolved(folder: str) -> str:
    return os.path.realpath(folder)


def readable_xpath(element: etree._Element) -> str:
    """An XPath with local names and positions among same-named siblings: ``/TEI/text[1]/body[1]/p[3]``."""
    steps: list[str] = []
    node: etree._Element | None = element
    while node is not None and isinstance(node.tag, str):
        name = etree.QName(node).localname
        parent = node.getparent()
        if parent is None:
            steps.append(name)
        else:
            same = [c for c in parent if isinstance(c.tag, str) and c.tag == node.tag]
            steps.append(f"{name}[{same.index(node) + 1}]")
        node = parent
    return "/" + "/".join(reversed(steps))


def load_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Parse one file (its ids are indexed when first asked); raise :class:`LoadError` on refusal."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _error(
                "TEI004",
                shown,
                1,
                1,
                f"file is {size / 1048576:.1f} MiB, over the {max_bytes / 1048576:.0f} MiB limit; not parsed",
                "split the file, or raise the limit with --max-size if it is genuine",
            )
        if not os.access(path, os.R_OK):
            raise PermissionError(13, "Permission denied")
    except OSError as exc:
        raise _error("TEI005", shown, 1, 1, f"cannot read file: {exc.strerror or exc}") from None
    tree = parse_file(path, shown)
    return Document(path=path, tree=tree)


def elements_with_id(root: etree._Element) -> Iterator[etree._Element]:
    """Every element under ``root`` (inclusive) with an ``xml:id``, in document order.

    A Python walk: libxml2 evaluates ``//*[@xml:id]`` in time quadratic in the size of the document (measured).
    """
    for element in root.iter(etree.Element):
        if XML_ID in element.attrib:
            yield element


def discover(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the ``*.xml`` files they hold (recursively), keep files, sort, drop duplicates."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.resolve().rglob("*.xml")):
                if child.is_file():
                    found.setdefault(child.resolve() if child.is_symlink() else child, None)
        else:
            found.setdefault(path.resolve(), None)
    return list(found)


@dataclass
class Corpus:
    """The files under check, the files loaded only to resolve pointers, and the load failures."""

    documents: list[Document]
    failures: list[Diagnostic] = field(default_factory=list)
    context: dict[Path, Document | None] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    _by_path: dict[Path, Document] = field(default_factory=dict, init=False, repr=False)
    _targets: dict[tuple[Path, str], Document | None] = field(default_factory=dict, init=False, repr=False)
    _resolved: dict[Path, Path] = field(default_factory=dict, init=False, repr=False)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def document(self, path: Path) -> Document | None:
        """The document at ``path``, loading it for context if it is not under check; ``None`` if unloadable."""
        resolved = self._resolved.get(path)
        if resolved is None:  # resolving asks the file system: once per path
            resolved = self._resolved[path] = path.resolve()
        if len(self._by_path) != len(self.documents):
            self._by_path = {doc.path: doc for doc in self.documents}
        if resolved in self._by_path:
            return self._by_path[resolved]
        if resolved not in self.context:
            try:
                self.context[resolved] = load_document(resolved, self.max_bytes) if resolved.is_file() else None
            except (LoadError, OSError):
                self.context[resolved] = None
        return self.context[resolved]

    def all_documents(self) -> list[Document]:
        """Documents under check followed by those loaded for context."""
        return self.documents + [d for d in self.context.values() if d is not None]

    def resolve(self, pointer: str, origin: Document) -> etree._Element | None:
        """The element a pointer (``#id``, ``file.xml#id`` or ``file.xml``) from ``origin`` reaches, or ``None``."""
        target_file, _, fragment = pointer.partition("#")
        doc = origin if not target_file else self.target_document(target_file, origin)
        if doc is None:
            return None
        if not fragment:
            return doc.root
        return doc.ids.get(fragment)

    def target_document(self, target_file: str, origin: Document) -> Document | None:
        """The document a pointer's file part (``persons.xml``) names, relative to ``origin``; cached."""
        key = (origin.path.parent, target_file)
        if key not in self._targets:
            self._targets[key] = self.document(origin.path.parent / target_file)
        return self._targets[key]

    def sibling_files(self, origin: Document) -> list[Path]:
        """Other XML files in ``origin``'s folder: the corpus against which its pointers resolve."""
        return sorted(p.resolve() for p in origin.path.parent.glob("*.xml") if p.resolve() != origin.path)


def load(paths: Iterable[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Load every XML file under ``paths``; failures become diagnostics, never exceptions."""
    documents: list[Document] = []
    failures: list[Diagnostic] = []
    for path in discover(paths):
        try:
            documents.append(load_document(path, max_bytes))
        except LoadError as exc:
            failures.append(exc.diagnostic)
    return Corpus(documents=documents, failures=failures, max_bytes=max_bytes)


def tei_elements(root: etree._Element, localname: str) -> list[etree._Element]:
    """Every TEI element of ``localname`` under ``root`` (inclusive)."""
    return list(root.iter(f"{{{TEI_NS}}}{localname}"))
