"""Find and parse TEI files with a hardened parser, and index their ``xml:id``s across the corpus."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from toolkit.codes import diagnostic
from toolkit.diagnostics import Diagnostic

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    #: Each ``.gitignore`` met on the way down, with the folder its patterns are relative to.
    IgnoreRules = list[tuple[Path, GitIgnoreSpec]]

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


#: With ``expand_entities`` (``--expand-internal-entities``): how many entities a file may declare, how many
#: characters one may stand for once its references are expanded, and how deeply they may refer to each other.
ENTITY_MAX_COUNT = 2048
ENTITY_MAX_CHARS = 1024
ENTITY_MAX_DEPTH = 3


def _parser(expand_entities: bool = False) -> etree.XMLParser:
    """The hardened parser, one of each kind per thread (a parser serves one thread at a time; building one per file
    costs more than some files' parse)."""
    parsers: dict[bool, etree.XMLParser] = _PARSERS.__dict__.setdefault("by_kind", {})
    parser = parsers.get(expand_entities)
    if parser is None:
        parser = parsers[expand_entities] = _new_parser(expand_entities)
    return parser


_PARSERS = threading.local()


def _new_parser(expand_entities: bool) -> etree.XMLParser:
    # No DTD is loaded or fetched, no entity is expanded, no network, no huge-tree relaxation. The legacy opt-in
    # expands the internal subset's entities only, after _check_entities has bounded them (never an external one).
    return etree.XMLParser(
        resolve_entities="internal" if expand_entities else False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,  # duplicate xml:ids are an editorial finding (TEI200), not a reason to refuse the file
    )


def _error(code: str, file: str, line: int, column: int, message: str, hint: str | None = None) -> LoadError:
    return LoadError(diagnostic(code, file, line, column, message, "", hint))


def _declaration_line(data: bytes, needle: bytes) -> int:
    index = data.find(needle)
    return data.count(b"\n", 0, index) + 1 if index >= 0 else 1


def parse_bytes(data: bytes, file: str, *, expand_entities: bool = False) -> etree._ElementTree:
    """Parse ``data`` safely; raise :class:`LoadError` with a located diagnostic on any refusal.

    ``expand_entities``: a file whose internal DTD subset declares character entities (``<!ENTITY mdash
    "&#x2014;">``, older projects' habit) is parsed with them expanded, within bounds, instead of refused (TEI003).
    """
    return _parse(
        lambda expand: etree.fromstring(data, _parser(expand), base_url=file), file, lambda: data, expand_entities
    )


#: Files up to this size are read whole and parsed from memory (faster than libxml2's file reader, measured);
#: larger ones are streamed into libxml2, so that no copy of their bytes is held.
IN_MEMORY_BYTES = 4 * 1024 * 1024


def parse_file(path: Path, file: str, *, expand_entities: bool = False, size: int | None = None) -> etree._ElementTree:
    """Parse the file at ``path`` safely (``size``: its size, if known); as :func:`parse_bytes`."""
    if (size if size is not None else path.stat().st_size) <= IN_MEMORY_BYTES:
        data = path.read_bytes()
        name = str(path)  # the document's URL, as libxml2's file reader sets it
        return _parse(
            lambda expand: etree.fromstring(data, _parser(expand), base_url=name), file, lambda: data, expand_entities
        )
    return _parse(
        lambda expand: etree.parse(str(path), _parser(expand)).getroot(), file, path.read_bytes, expand_entities
    )


def _parse(
    parse: Callable[[bool], etree._Element], file: str, data: Callable[[], bytes], expand_entities: bool = False
) -> etree._ElementTree:
    """Run ``parse`` and refuse what the hardened parser must refuse; ``data`` gives the bytes, read only if needed.

    ``parse(False)`` never expands an entity; ``parse(True)`` runs only once :func:`_check_entities` has accepted
    every declaration of the internal subset.
    """
    try:
        tree = etree.ElementTree(parse(False))
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
        return parse_bytes(content, file, expand_entities=expand_entities)
    docinfo = tree.docinfo
    if docinfo.system_url or docinfo.public_id:
        raise _error("TEI002", file, _declaration_line(data(), b"<!DOCTYPE"), 1, _EXTERNAL, _EXTERNAL_HINT)
    dtd = docinfo.internalDTD
    if dtd is not None and expand_entities and any(True for _ in dtd.iterentities()):
        _check_entities(dtd, data(), file)
        try:
            tree = etree.ElementTree(parse(True))
        except etree.XMLSyntaxError as exc:
            line, column = exc.position if exc.position else (1, 1)
            raise _error("TEI003", file, line or 1, column or 1, f"entity refused: {exc.msg}", _ENTITY_HINT) from None
    elif dtd is not None and any(True for _ in dtd.iterentities()):
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
_ENTITY_HINT = "replace entities by the characters they stand for, or (legacy files) --expand-internal-entities"
_ENTITY_REFERENCE = re.compile(r"&([\w.:-]+);")


def _check_entities(dtd: etree.DTD, data: bytes, file: str) -> None:
    """Refuse, before anything is expanded, what the legacy opt-in does not let through: an external or parameter
    entity, markup in an entity, too many entities, or one that expands too far or too deep."""
    subset = data[: data.find(b"]>") + 2] if b"]>" in data else data[:PEEK_BYTES]
    line = _declaration_line(data, b"<!ENTITY")

    def refuse(why: str) -> LoadError:
        return _error("TEI003", file, line, 1, f"entity refused even with --expand-internal-entities: {why}")

    if re.search(rb"<!ENTITY\s+%", subset):
        raise refuse("a parameter entity (<!ENTITY % …>) is declared")
    entities = {entity.name: entity for entity in dtd.iterentities()}
    if len(entities) > ENTITY_MAX_COUNT:
        raise refuse(f"{len(entities)} entities are declared, more than {ENTITY_MAX_COUNT}")
    for entity in entities.values():
        if entity.system_url or (entity.orig is None and entity.content is None):
            raise refuse(f"&{entity.name}; is an external entity ({entity.system_url or 'no value'}); never read")
    measured: dict[str, tuple[int, int]] = {}  # each entity's expanded length and nesting depth

    def measure(name: str, seen: tuple[str, ...]) -> tuple[int, int]:
        if name not in entities:
            return 0, 0  # a predefined or character reference; libxml2 reports an undeclared one
        if name in seen or len(seen) > ENTITY_MAX_DEPTH:
            raise refuse(f"&{name}; nests entities more than {ENTITY_MAX_DEPTH} deep (or refers to itself)")
        if name not in measured:
            content = entities[name].orig or ""
            if "<" in content:
                raise refuse(f"&{name}; holds markup; only character entities are expanded")
            inner = [measure(ref, (*seen, name)) for ref in _ENTITY_REFERENCE.findall(content)]
            length = len(_ENTITY_REFERENCE.sub("", content)) + sum(n for n, _ in inner)
            depth = 1 + max((d for _, d in inner), default=0)
            if length > ENTITY_MAX_CHARS:
                raise refuse(f"&{name}; expands to {length} characters, more than {ENTITY_MAX_CHARS}")
            if depth > ENTITY_MAX_DEPTH:
                raise refuse(f"&{name}; nests entities {depth} deep, more than {ENTITY_MAX_DEPTH}")
            measured[name] = (length, depth)
        return measured[name]

    for name in entities:
        measure(name, ())


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


def load_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, expand_entities: bool = False) -> Document:
    """Parse one file (its ids are indexed when first asked); raise :class:`LoadError` on refusal.

    ``expand_entities``: the legacy opt-in of :func:`parse_bytes`."""
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
    tree = parse_file(path, shown, expand_entities=expand_entities, size=size)
    return Document(path=path, tree=tree)


def elements_with_id(root: etree._Element) -> Iterator[etree._Element]:
    """Every element under ``root`` (inclusive) with an ``xml:id``, in document order.

    A Python walk: libxml2 evaluates ``//*[@xml:id]`` in time quadratic in the size of the document (measured).
    """
    for element in root.iter(etree.Element):
        if XML_ID in element.attrib:
            yield element


#: A folder holding one of these is the build's own output (the marker, and the cache that older builds left).
BUILD_MARKERS = (".edition-build.json", ".build-cache.json")
#: A folder holding this is a Python virtual environment.
VENV_MARKER = "pyvenv.cfg"
#: Folders that hold other people's files, never an edition's sources.
NOT_SOURCES = frozenset({"node_modules"})
#: Root elements taken for TEI even without its namespace: a TEI file that forgot it, for the schema to report.
TEI_ROOTS = frozenset({"TEI", "teiCorpus"})
#: How far into a file a walk reads to find its root element (a DTD's internal subset can be long, not this long).
PEEK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Skipped:
    """An XML file that a folder walk passed over because it is not TEI: a note for the user, never a finding."""

    path: Path
    #: its root element's name, ``{namespace}local`` or ``local``
    root: str

    @property
    def reason(self) -> str:
        """Why the file was passed over, in words."""
        name = etree.QName(self.root)
        where = f"in {name.namespace}" if name.namespace else "in no namespace"
        return f"not a TEI file: its root <{name.localname}> is {where}, not in {TEI_NS}"


@dataclass
class Discovery:
    """The TEI files that paths name, grouped into editions, and the XML files the walk passed over."""

    files: list[Path]
    editions: list[list[Path]]
    skipped: list[Skipped]
    #: With ``read_roots=False``: the files found in folders whose root the walk did not read, each with its place
    #: in the walk's order; the caller, once it has parsed them, passes over those that are not TEI (see
    #: :meth:`passed_over`).
    unread: dict[Path, int] = field(default_factory=dict)

    def passed_over(self, path: Path, root: etree._Element | None) -> Skipped | None:
        """Why a file of :attr:`unread` is not a source, given its parsed ``root`` (``None``: it did not parse, and
        the start of the file is read as a walk would), or ``None`` when it is one (or was not :attr:`unread`)."""
        if path not in self.unread:
            return None
        name = etree.QName(root) if root is not None else root_name(path)
        return None if name is None or is_tei_root(name) else Skipped(path, name.text)


def discover(paths: Iterable[Path]) -> list[Path]:
    """The TEI files ``paths`` name: folders walked as :func:`walk` does, files kept, in order, without duplicates."""
    return walk(paths).files


def walk(paths: Iterable[Path], *, read_roots: bool = True) -> Discovery:
    """Find the TEI sources under ``paths`` and group them into editions.

    A file named explicitly is always kept. A folder is searched recursively for ``*.xml`` sources, skipping hidden
    names, virtual environments, build outputs, ``node_modules``, what ``.gitignore`` ignores, and XML that is not TEI.
    Each folder argument is one edition (with everything under it); a file named on its own belongs with the folder
    it sits in, unless a folder argument holds it. ``read_roots=False``: the files of folders are kept without
    reading their roots, for a caller that parses each of them anyway (:attr:`Discovery.unread`).
    """
    paths = list(paths)
    folders = [p.resolve() for p in paths if p.is_dir()]
    found: dict[Path, Path] = {}  # each file and the folder that stands for its edition
    skipped: list[Skipped] = []
    unread: dict[Path, int] = {}
    for path in paths:
        if path.is_dir():
            home = _edition_home(path.resolve(), folders)
            for child in _sources_under(path.resolve(), skipped, unread if not read_roots else None):
                found.setdefault(child, home)
        else:
            file = path.resolve()
            found.setdefault(file, _edition_home(file.parent, folders))
    editions: dict[Path, list[Path]] = {}
    for file, home in found.items():
        editions.setdefault(home, []).append(file)
    named = {path.resolve() for path in paths if not path.is_dir()}  # a file named explicitly is always kept
    return Discovery(list(found), list(editions.values()), skipped, {p: n for p, n in unread.items() if p not in named})


def _edition_home(folder: Path, folders: list[Path]) -> Path:
    """The outermost folder argument holding ``folder``, else ``folder`` itself."""
    holders = [f for f in folders if folder == f or f in folder.parents]
    return min(holders, key=lambda f: len(f.parts)) if holders else folder


def tei_files_in(folder: Path) -> list[Path]:
    """The TEI sources directly in ``folder`` (not below it), by the rules of a walk: the files pointers may reach."""
    ignores = _inherited_ignores(folder) + _gitignore(folder)
    entries = _entries(folder)
    return sorted(
        path
        for path in (_source(entry) for entry in entries if _is_candidate(entry, ignores))
        if (root := root_name(path)) is None or is_tei_root(root)
    )


def _sources_under(root: Path, skipped: list[Skipped], unread: dict[Path, int] | None = None) -> list[Path]:
    """Every TEI source under ``root``, sorted; XML files that are not TEI go to ``skipped``. With ``unread``, the
    roots are not read: every XML file is kept, and noted there with its place in the walk."""
    found: list[Path] = []
    inherited = _inherited_ignores(root)
    if _ignored(inherited, root, folder=True):
        inherited = []  # the folder was named explicitly: what it holds is what the user asks about
    pending: list[tuple[Path, IgnoreRules]] = [(root, inherited)]
    while pending:
        folder, ignores = pending.pop()
        entries = _entries(folder)
        names = {entry.name for entry in entries}
        if folder != root and (VENV_MARKER in names or not names.isdisjoint(BUILD_MARKERS)):
            continue
        ignores = ignores + _gitignore(folder) if ".gitignore" in names else ignores
        for entry in entries:
            if not _is_candidate(entry, ignores):
                if _is_folder(entry) and not _passed_over(entry, ignores):
                    pending.append((Path(entry.path), ignores))
                continue
            path = _source(entry)
            if unread is not None:
                found.append(path)
                unread.setdefault(path, len(unread))
                continue
            root = root_name(path)
            if root is None or is_tei_root(root):
                found.append(path)  # what cannot be read is loaded, and its load error says why
            else:
                skipped.append(Skipped(path, root.text))
    return sorted(found)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError:
        return []


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)  # linked folders are not followed (no loops, no escaping the tree)
    except OSError:
        return False


def _passed_over(entry: os.DirEntry[str], ignores: IgnoreRules) -> bool:
    """True for a folder that a walk does not enter (by its name or .gitignore; its markers are checked inside)."""
    return entry.name.startswith(".") or entry.name in NOT_SOURCES or _ignored(ignores, Path(entry.path), folder=True)


def _is_candidate(entry: os.DirEntry[str], ignores: IgnoreRules) -> bool:
    """True for an ``*.xml`` file, not hidden and not ignored, that a walk should look into."""
    if not entry.name.endswith(".xml") or entry.name.startswith("."):
        return False
    try:
        if not entry.is_file():
            return False
    except OSError:
        return False
    return not _ignored(ignores, Path(entry.path), folder=False)


def _source(entry: os.DirEntry[str]) -> Path:
    path = Path(entry.path)
    return path.resolve() if entry.is_symlink() else path


def _gitignore(folder: Path) -> IgnoreRules:
    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    from pathspec import GitIgnoreSpec  # git's own matching rules, negations included; imported only when needed

    return [(folder, GitIgnoreSpec.from_lines(lines))]


def _inherited_ignores(folder: Path) -> IgnoreRules:
    """The ``.gitignore`` rules of ``folder``'s ancestors, up to the root of its git repository (none outside one)."""
    if (folder / ".git").exists():
        return []  # the repository's root: its own .gitignore is read with the folder's entries
    ancestors: list[Path] = []
    for parent in folder.parents:
        ancestors.append(parent)
        if (parent / ".git").exists():
            return [rule for ancestor in reversed(ancestors) for rule in _gitignore(ancestor)]
    return []


def _ignored(ignores: IgnoreRules, path: Path, *, folder: bool) -> bool:
    """Whether ``.gitignore`` rules ignore ``path``: the deepest file with a matching pattern decides, as in git."""
    verdict = False
    for base, spec in ignores:
        try:
            relative = path.relative_to(base).as_posix()
        except ValueError:
            continue
        include = spec.check_file(relative + "/" if folder else relative).include
        if include is not None:
            verdict = include
    return verdict


def is_tei_root(name: etree.QName) -> bool:
    """True for a root element in the TEI namespace, or a ``TEI``/``teiCorpus`` that forgot it (the schema says so)."""
    return name.namespace == TEI_NS or (name.namespace is None and name.localname in TEI_ROOTS)


def root_name(path: Path) -> etree.QName | None:
    """The name of the root element of the XML file at ``path``; ``None`` if it cannot be read (let the load say).

    Only the start of the file is parsed (at most :data:`PEEK_BYTES`), by a parser as hardened as the one that loads it.
    """
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        with path.open("rb") as stream:
            size, read = 1024, 0  # libxml2 parses all it is fed before it yields: feed little, the root comes early
            while read < PEEK_BYTES:
                chunk = stream.read(size)
                if not chunk:
                    return None
                parser.feed(chunk)
                for _, element in parser.read_events():
                    return etree.QName(element)
                read, size = read + len(chunk), size * 2
    except (etree.XMLSyntaxError, OSError):
        return None
    return None


@dataclass
class Corpus:
    """The files under check, the files loaded only to resolve pointers, and the load failures."""

    documents: list[Document]
    failures: list[Diagnostic] = field(default_factory=list)
    context: dict[Path, Document | None] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    _by_path: dict[Path, Document] = field(default_factory=dict, init=False, repr=False)
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
