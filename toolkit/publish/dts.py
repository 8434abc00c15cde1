"""The static DTS API published with the site: Entry, Collection, Navigation and Document responses as files.

Distributed Text Services 1.0 (https://dtsapi.org/versions/v1.0). The Entry endpoint's URI templates use RFC 6570
path-segment (``{/var}``) and path-parameter (``{;var}``) expansion only, and every expansion the API answers is a
file under ``html/dts/`` named by it (percent-decoded, as a web server maps a path to a file), so that any static
host serves the API. What a static host cannot answer is left out of the templates (docs/build.md, "The static DTS
API"). The citation tree of a document is its ``refsDecl/citeStructure`` when it has one, else its paragraphs.
"""

from __future__ import annotations

import copy
import functools
import json
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from lxml import etree

from toolkit.corpus import DEFAULT_MAX_BYTES, TEI_NS, Document, load_document
from toolkit.publish.output import content_hash
from toolkit.publish.run import BuildError, Job, KeyedJob, Run
from toolkit.publish.xslt import XslMessage

__all__ = ["CONTEXT", "WRAPPER_NS", "CitationTree", "ResourceFiles", "Unit", "citation_trees", "dts_jobs"]

DTS_VERSION = "1.0"
#: The JSON-LD context of every response: the specification's own (its ``context/v1.0.json``).
CONTEXT = "https://dtsapi.org/context/v1.0.json"
#: The namespace of ``dts:wrapper``, which holds a passage in a Document response (the specification's "Document
#: Endpoint", "XML/TEI encoding and sub-tree representation").
WRAPPER_NS = "https://w3id.org/api/dts#"
TEI_MEDIA_TYPE = "application/tei+xml"
#: The API's folder in the site, and the suffixes that make hosts send the media types the specification asks for.
API = "dts"
JSON_LD = ".jsonld"
TEI_FILE = ".tei"
#: The templates, relative to the API's folder; a Resource's own have its identifier expanded already.
COLLECTION = "{/id}{;nav}" + JSON_LD
NAVIGATION = "{;tree}{;down}{/ref}" + JSON_LD
DOCUMENT = "{;tree}{/ref}" + TEI_FILE
#: ``down=0`` lists a unit's siblings: a file per unit, each as long as the list, so it is made only for units with at
#: most this many siblings (a flat volume of 1,637 paragraphs would need 330 MB); the parent's ``down=1`` lists them.
SIBLINGS = 100

DCT = "http://purl.org/dc/terms/"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_T = f"{{{TEI_NS}}}"
_NAMESPACES = {"": TEI_NS, "tei": TEI_NS}
_LANGUAGE = etree.XPath("string(ancestor-or-self::*[@xml:lang][1]/@xml:lang)")
#: A ``use`` that is one attribute (``@n``, ``@xml:id``): read directly, which is what most headers declare.
_ATTRIBUTE = re.compile(r"@(?:(xml):)?([A-Za-z_][\w.-]*)")


@dataclass(frozen=True)
class CiteLevel:
    """One ``citeStructure``: the units it matches, how their reference is made, what they are called."""

    cite_type: str
    match: str
    use: str
    delim: str = ""
    data: tuple[tuple[str, str], ...] = ()  # each citeData: (property, use)
    children: tuple[CiteLevel, ...] = ()
    line: int | None = None


@dataclass
class Unit:
    """A citable unit: its DTS reference, depth, parent, type, element and metadata (from ``citeData``)."""

    identifier: str
    level: int
    parent: Unit | None
    cite_type: str
    element: etree._Element
    metadata: dict[str, list[str]] = field(default_factory=dict)
    children: list[Unit] = field(default_factory=list)

    def walk(self) -> Iterator[Unit]:
        """This unit and its descendants, in document order (pre-order, depth first)."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class CitationTree:
    """A citation tree of a document: its identifier (None for the default), its declaration and its units."""

    identifier: str | None
    levels: tuple[CiteLevel, ...]
    units: list[Unit] = field(default_factory=list)
    #: False for the paragraphs of a document without ``citeStructure``.
    declared: bool = True

    @property
    def depth(self) -> int:
        """How many levels the declaration has at most."""
        return _depth(self.levels)

    def walk(self) -> Iterator[Unit]:
        """Every unit, in document order."""
        for unit in self.units:
            yield from unit.walk()

    def as_json(self) -> dict[str, Any]:
        """The tree as a DTS ``CitationTree`` object."""
        tree: dict[str, Any] = {"@type": "CitationTree", "citeStructure": [_structure(level) for level in self.levels]}
        if self.identifier is not None:
            tree["identifier"] = self.identifier
        return tree


def _depth(levels: Sequence[CiteLevel]) -> int:
    return max((1 + _depth(level.children) for level in levels), default=0)


def _structure(level: CiteLevel) -> dict[str, Any]:
    structure: dict[str, Any] = {"@type": "CiteStructure", "citeType": level.cite_type}
    if level.children:
        structure["citeStructure"] = [_structure(child) for child in level.children]
    return structure


# ----- the citation trees of a document ------------------------------------------------------------------------------


def declared_trees(document: Document) -> list[CitationTree]:
    """The citation trees a document declares, without their units: each ``refsDecl`` with ``citeStructure``s, the
    first the default; without one, its paragraphs in document order (none if it has no paragraph)."""
    trees = []
    for decl in document.root.findall(f"{_T}teiHeader/{_T}encodingDesc/{_T}refsDecl"):
        levels = tuple(_level(structure) for structure in decl.findall(f"{_T}citeStructure"))
        if levels:
            name = decl.get("n") or decl.get(XML_ID) or str(len(trees) + 1)
            trees.append(CitationTree(name if trees else None, levels))
    if not trees and _paragraphs(document):
        trees.append(CitationTree(None, (CiteLevel("paragraph", "", ""),), declared=False))
    return trees


def _level(structure: etree._Element) -> CiteLevel:
    return CiteLevel(
        cite_type=structure.get("unit") or "unit",
        match=structure.get("match", ""),
        use=structure.get("use", ""),
        delim=structure.get("delim", ""),
        data=tuple((d.get("property", ""), d.get("use", "")) for d in structure.findall(f"{_T}citeData")),
        children=tuple(_level(child) for child in structure.findall(f"{_T}citeStructure")),
        line=structure.sourceline,
    )


def citation_trees(document: Document) -> list[CitationTree]:
    """The citation trees of a document with their units (``citeStructure`` evaluated, XPath 3.1, TEI's namespace
    the default element namespace, as the TEI Guidelines write ``match``)."""
    trees = declared_trees(document)
    for tree in trees:
        if tree.declared:
            tree.units = _Evaluator(document).units(tree.levels, None, None)
        else:
            tree.units = _fallback_units(document)
        _check_references(document, tree)
    return trees


def _paragraphs(document: Document) -> list[etree._Element]:
    """The paragraphs of the text, in document order (not those inside another paragraph or a note)."""
    return [
        p
        for text in document.root.iter(f"{_T}text")
        for p in text.iter(f"{_T}p")
        if not any(a.tag in (f"{_T}p", f"{_T}note") for a in p.iterancestors())
    ]


def _fallback_units(document: Document) -> list[Unit]:
    """A paragraph's reference is its ``@n`` when every paragraph has a distinct one, else its position."""
    paragraphs = _paragraphs(document)
    numbers = [p.get("n", "").strip() for p in paragraphs]
    if not all(numbers) or len(set(numbers)) != len(numbers):
        numbers = [str(n) for n in range(1, len(paragraphs) + 1)]
    return [Unit(n, 1, None, "paragraph", p) for n, p in zip(numbers, paragraphs, strict=True)]


#: The tokens of a plain path expression: steps, names, axes, predicates, positions, ``and``/``or``.
_PATH_TOKEN = re.compile(
    r"\s*(?:(?P<sep>//|/)|(?P<dots>\.\.|\.)|(?P<star>\*)|(?P<bracket>[\[\]])|(?P<axis>(?:self|child|descendant"
    r"|descendant-or-self|parent|ancestor|ancestor-or-self|following-sibling|preceding-sibling|attribute)::)"
    r"|(?P<attr>@(?:[A-Za-z_][\w.-]*:)?(?:[A-Za-z_][\w.-]*|\*))|(?P<number>\d+)|(?P<name>(?:[A-Za-z_][\w.-]*:)?"
    r"[A-Za-z_][\w.-]*))\s*"
)


def path_as_xpath1(path: str, *, from_document: bool = False) -> etree.XPath | None:
    """``path`` as an lxml XPath 1.0 with the same meaning, when it is a plain path (steps, names, ``*``, axes,
    predicates of paths, positions, ``and``/``or``): unprefixed element names in TEI's namespace (XPath 3.1's default
    element namespace, as ``citeStructure`` is read); ``from_document``: a relative path starts at the document node
    (lxml would start it at the root element). None for anything else (functions, comparisons, strings,
    arithmetic): XPath 3.1 evaluates those. The same nodes as XPath 3.1: ``tests/test_dts.py`` checks it on
    generated paths."""
    out: list[str] = ["/"] if from_document and not path.lstrip().startswith("/") else []
    at, operand, depth = 0, False, 0
    while at < len(path):
        token = _PATH_TOKEN.match(path, at)
        if token is None or token.end() == at:
            return None
        at, kind, text = token.end(), token.lastgroup, token.group(token.lastgroup or 0)
        if kind == "name" and operand:  # after an operand a name is an operator: only and/or, inside a predicate
            if text not in ("and", "or") or depth == 0:
                return None
            out.append(f" {text} ")
            operand = False
            continue
        if kind == "name":
            text = text if ":" in text else f"tei:{text}"
        if kind == "attr" and ":" in text and not text.startswith("@xml:"):
            return None  # a prefixed attribute: only xml: is declared here
        if kind == "bracket":
            depth += 1 if text == "[" else -1
            if depth < 0:
                return None
        if kind == "number" and depth == 0:
            return None
        out.append(text)
        operand = kind in ("name", "star", "attr", "dots", "number") or text == "]"
    if depth != 0 or not operand:
        return None
    expression = "".join(out)
    try:
        return etree.XPath(expression, namespaces={"tei": TEI_NS})
    except etree.XPathSyntaxError:
        return None


class _Evaluator:
    """``citeStructure``'s XPaths over one document: parsed once each, one context for the document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.order = {element: n for n, element in enumerate(document.root.iter())}
        self.parsed: dict[str, Any] = {}
        self.paths: dict[tuple[str, bool], etree.XPath | None] = {}
        self._parser: Any = None
        self._context: Any = None

    def units(self, levels: Sequence[CiteLevel], item: etree._Element | None, parent: Unit | None) -> list[Unit]:
        """The units ``levels`` match below ``item`` (the document if None), with their descendants, in order."""
        found = []
        for level in levels:
            for element in self._elements(level, level.match, item):
                value = self._string(level, level.use, element)
                identifier = value if parent is None else parent.identifier + level.delim + value
                found.append((self.order[element], level, element, identifier))
        found.sort(key=lambda row: row[0])
        units = []
        for _, level, element, identifier in found:
            depth = 1 if parent is None else parent.level + 1
            unit = Unit(identifier, depth, parent, level.cite_type, element, self._metadata(level, element))
            unit.children = self.units(level.children, element, unit)
            units.append(unit)
        return units

    def _results(self, level: CiteLevel, path: str, item: etree._Element | None) -> list[Any]:
        key = (path, item is None)
        if key not in self.paths:
            self.paths[key] = path_as_xpath1(path, from_document=item is None)
        fast = self.paths[key]
        if fast is not None:  # a plain path: the same nodes in XPath 1.0, without loading an XPath 3.1 engine
            return list(fast(self.document.tree if item is None else item))
        from elementpath import ElementPathError, XPathContext
        from elementpath.xpath31 import XPath31Parser

        if self._parser is None:  # elementpath costs ~0.25 s to import: only for what XPath 1.0 cannot say
            self._parser = XPath31Parser(namespaces=_NAMESPACES)
            self._context = XPathContext(self.document.tree, namespaces=_NAMESPACES)
        context = copy.copy(self._context)
        if item is not None:
            context.item = context.get_context_item(item)
        try:
            if path not in self.parsed:
                self.parsed[path] = self._parser.parse(path)
            result = self.parsed[path].get_results(context)
        except ElementPathError as error:
            where = f"{self.document.path}:{level.line}"
            raise BuildError(f"{where}: the citeStructure's XPath {path!r} cannot be evaluated: {error}") from None
        return result if isinstance(result, list) else [result]

    def _elements(self, level: CiteLevel, path: str, item: etree._Element | None) -> list[etree._Element]:
        return [e for e in self._results(level, path, item) if isinstance(e, etree._Element) and e in self.order]

    def _string(self, level: CiteLevel, path: str, item: etree._Element) -> str:
        if attribute := _ATTRIBUTE.fullmatch(path.strip()):
            prefix, name = attribute.groups()
            value = item.get(f"{{http://www.w3.org/XML/1998/namespace}}{name}" if prefix else name, "")
            return " ".join(value.split())
        values = self._results(level, f"string(({path})[1])", item)
        return " ".join(str(values[0]).split()) if values else ""

    def _metadata(self, level: CiteLevel, element: etree._Element) -> dict[str, list[str]]:
        metadata: dict[str, list[str]] = {}
        for prop, use in level.data:
            values = self._results(level, f"({use}) ! string(.)", element)
            metadata.setdefault(prop, []).extend(" ".join(str(v).split()) for v in values if str(v).strip())
        return metadata


def _check_references(document: Document, tree: CitationTree) -> None:
    """References are unique in their tree (the specification's "Unique identifiers") and can be file names."""
    seen: set[str] = set()
    for unit in tree.walk():
        where = f"{document.path}:{unit.element.sourceline}"
        if unit.identifier in seen:
            raise BuildError(f"{where}: two citable units have the reference {unit.identifier!r} (DTS: unique)")
        seen.add(unit.identifier)
        _check_servable(unit.identifier, where)


def _check_servable(value: str, where: str) -> None:
    if value in ("", ".", "..") or "/" in value or "\\" in value:
        raise BuildError(f"{where}: {value!r} cannot name a file of the static DTS API (empty, a dot, or a slash)")


# ----- the edition as collections and resources ----------------------------------------------------------------------


@dataclass
class Node:
    """A member of the API: a ``Collection`` (the edition, its texts, its authority files) or a ``Resource``."""

    identifier: str
    kind: str
    title: str
    description: str = ""
    dublin_core: dict[str, Any] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    parents: list[Node] = field(default_factory=list)
    document: Document | None = None
    page: str | None = None  # a text's page in the site
    trees: list[CitationTree] = field(default_factory=list)

    def add(self, child: Node) -> None:
        """Make ``child`` a member of this collection."""
        self.children.append(child)
        child.parents.append(self)


def edition_nodes(run: Run) -> Node:
    """The root collection: the edition, whose members are the collection of its texts (reading order) and that of
    its authority files; each document a Resource whose citation trees are declared (not yet evaluated)."""
    sources = run.sources
    driver = sources.driver
    meta = _header(driver) if driver is not None else {}
    title = str(run.params.get("title") or "") or meta.get("title", "") or "Edition"
    identifier = (driver.root.get(XML_ID) or driver.path.stem) if driver is not None else "edition"
    root = Node(identifier, "Collection", title, meta.get("description", ""), _dublin_core(meta))
    groups = [
        ("texts", "Texts", "The edition's texts, in reading order.", sources.texts, True),
        (
            "authorities",
            "Authority files",
            "Persons, places, organisations, sources and the edition's other "
            "authority files, to which the texts point.",
            sorted(sources.authorities, key=lambda d: d.path.stem),
            False,
        ),
    ]
    for group_id, group_title, description, documents, pages in groups:
        documents = [d for d in documents if d.root.tag == f"{_T}TEI"]  # a Document response is a TEI document
        if not documents:
            continue
        group = Node(group_id, "Collection", group_title, description)
        root.add(group)
        for document in documents:
            header = _header(document)
            resource = Node(
                document.path.stem, "Resource", header.get("title") or document.path.stem,
                header.get("description", ""), _dublin_core(header), document=document,
                page=f"{document.path.stem}.html" if pages else None, trees=declared_trees(document),
            )  # fmt: skip
            group.add(resource)
    _check_identifiers(root)
    return root


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _check_identifiers(root: Node) -> None:
    seen: dict[str, Node] = {}
    for node in _walk(root):
        where = str(node.document.path) if node.document is not None else f"the collection {node.title!r}"
        _check_servable(node.identifier, where)
        if node.identifier in seen:
            raise BuildError(f"{where}: the DTS identifier {node.identifier!r} is taken (rename the file)")
        seen[node.identifier] = node


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _header(document: Document) -> dict[str, Any]:
    """What the Collection endpoint says of a document: title, subtitle, authors, language, licence."""
    stmt = document.root.find(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt")
    if stmt is None:
        return {}
    titles = stmt.findall(f"{_T}title")
    main = [t for t in titles if t.get("type") == "main"] or titles[:1]
    authors = []
    for author in stmt.findall(f"{_T}author"):
        names = author.findall(f"{_T}persName") + author.findall(f"{_T}orgName")
        authors.append(_text(names[0]) if names else _text(author))
    licences = document.root.iterfind(f"{_T}teiHeader/{_T}fileDesc/{_T}publicationStmt//{_T}licence")
    return {
        "title": _text(main[0]) if main else "",
        "description": _text(next((t for t in titles if t.get("type") == "sub"), None)),
        "creator": [a for a in authors if a],
        "language": document.root.get(XML_LANG, ""),
        "license": [licence.get("target") for licence in licences if licence.get("target")],
    }


def _dublin_core(meta: dict[str, Any]) -> dict[str, Any]:
    """Dublin Core Terms as the specification's ``MetadataObject``: localisable values with their language."""
    lang = meta.get("language", "")

    def literal(value: str) -> dict[str, str] | str:
        return {"lang": lang, "value": value} if lang else value

    dublin_core: dict[str, Any] = {}
    if meta.get("title"):
        dublin_core["title"] = [literal(meta["title"])]
    if meta.get("description"):
        dublin_core["description"] = [literal(meta["description"])]
    if meta.get("creator"):
        dublin_core["creator"] = [literal(name) for name in meta["creator"]]
    if lang:
        dublin_core["language"] = [lang]
    if meta.get("license"):
        dublin_core["license"] = meta["license"]
    return dublin_core


# ----- links ---------------------------------------------------------------------------------------------------------


def segment(value: str) -> str:
    """A value as RFC 6570 expands it in ``{/var}`` and ``{;var}``: unreserved characters kept, others encoded."""
    return quote(value, safe="")


@dataclass(frozen=True)
class Links:
    """Links between responses: absolute from the site's public address, else relative to the response."""

    base: str

    def href(self, here: str, target: str) -> str:
        """A link from the file ``here`` to ``target`` (paths in the site, percent-encoded)."""
        if self.base:
            return f"{self.base}/{target}"
        folder, name = posixpath.split(target)
        up = _relative(folder or ".", posixpath.dirname(here) or ".")
        return name if up == "." else f"{up}/{name}"


@functools.lru_cache(maxsize=4096)
def _relative(folder: str, start: str) -> str:
    return posixpath.relpath(folder, start)


def _resource_links(node: Node, here: str, links: Links) -> dict[str, Any]:
    """The properties every ``Resource`` object has (the specification's Navigation "Resource" table)."""
    name = segment(node.identifier)
    return {
        "@id": node.identifier,
        "@type": "Resource",
        "title": node.title,
        "collection": links.href(here, f"{API}/collection/{name}") + "{;nav}" + JSON_LD,
        "navigation": links.href(here, f"{API}/navigation/{name}") + NAVIGATION,
        "document": links.href(here, f"{API}/document/{name}") + DOCUMENT,
        "citationTrees": [tree.as_json() for tree in node.trees],
        "mediaTypes": [TEI_MEDIA_TYPE],
    }


def _member(node: Node, here: str, links: Links) -> dict[str, Any]:
    """A Collection or Resource object (the specification's "Scheme for Collection API Responses")."""
    member: dict[str, Any] = _resource_links(node, here, links) if node.kind == "Resource" else {
        "@id": node.identifier,
        "@type": "Collection",
        "title": node.title,
        "collection": links.href(here, f"{API}/collection/{segment(node.identifier)}") + "{;nav}" + JSON_LD,
    }  # fmt: skip
    member["totalParents"] = len(node.parents)
    member["totalChildren"] = len(node.children)
    if node.description:
        member["description"] = node.description
    if node.dublin_core:
        member["dublinCore"] = node.dublin_core
    return member


def _json(value: dict[str, Any]) -> bytes:
    # compact: Python's C encoder (an indented dump is five times slower), keys sorted so that builds reproduce
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def _top(value: dict[str, Any]) -> dict[str, Any]:
    return {"@context": CONTEXT, "dtsVersion": DTS_VERSION, **value}


# ----- the responses -------------------------------------------------------------------------------------------------


def entry_and_collections(root: Node, links: Links) -> dict[str, bytes]:
    """The Entry response and a Collection response for every collection and resource, each with ``nav`` absent,
    ``children`` and ``parents``; the root collection also without ``id``. Keys: paths in the site, URL-encoded."""
    here = f"{API}/index{JSON_LD}"
    files = {
        here: _json(
            _top(
                {
                    "@id": links.href(here, here),
                    "@type": "EntryPoint",
                    "collection": links.href(here, f"{API}/collection") + COLLECTION,
                    "navigation": links.href(here, f"{API}/navigation") + "{/resource}" + NAVIGATION,
                    "document": links.href(here, f"{API}/document") + "{/resource}" + DOCUMENT,
                }
            )
        )
    }
    for node in _walk(root):
        names = [f"{API}/collection/{segment(node.identifier)}"] + ([f"{API}/collection"] if node is root else [])
        for name in names:
            for nav in (None, "children", "parents"):
                path = name + (f";nav={nav}" if nav else "") + JSON_LD
                response = _member(node, path, links)
                members = node.parents if nav == "parents" else node.children
                if nav == "parents" or node.kind == "Collection":
                    response["member"] = [_member(m, path, links) for m in members]
                files[path] = _json(_top(response))
    return files


def navigation_files(node: Node, links: Links) -> dict[str, bytes]:
    """The Navigation responses of a resource, for each tree: ``down`` from 1 to the tree's depth and -1 without
    ``ref``; for every unit, ``ref`` without ``down`` and with ``down`` from 1 to the depth and -1, and 0 (the unit
    and its siblings) when it has at most SIBLINGS siblings."""
    files: dict[str, bytes] = {}
    if not node.trees:  # "requests on a Resource without any CitationTrees ... return an empty member array"
        for down in (1, -1):
            path = f"{API}/navigation/{segment(node.identifier)};down={down}{JSON_LD}"
            files[path] = _navigation(node, path, links, None, [])
    for tree in node.trees:
        prefix = f"{API}/navigation/{segment(node.identifier)}"
        if tree.identifier is not None:
            prefix += f";tree={segment(tree.identifier)}"
        units = list(tree.walk())
        downs = [*range(1, tree.depth + 1), -1]
        for down in downs:
            path = f"{prefix};down={down}{JSON_LD}"
            files[path] = _navigation(node, path, links, None, [u for u in units if down < 0 or u.level <= down])
        for unit in units:
            ref = segment(unit.identifier)
            files[f"{prefix}/{ref}{JSON_LD}"] = _navigation(node, f"{prefix}/{ref}{JSON_LD}", links, unit, None)
            siblings = unit.parent.children if unit.parent else tree.units
            for down in [0, *downs] if len(siblings) <= SIBLINGS else downs:
                path = f"{prefix};down={down}/{ref}{JSON_LD}"
                if down == 0:
                    members = siblings
                else:
                    members = [u for u in unit.walk() if down < 0 or u.level <= unit.level + down]
                files[path] = _navigation(node, path, links, unit, members)
    return files


def _navigation(
    node: Node, here: str, links: Links, ref: Unit | None, members: Sequence[Unit] | None
) -> bytes:  # fmt: skip
    response: dict[str, Any] = {
        "@id": links.href(here, here),
        "@type": "Navigation",
        "resource": _resource_links(node, here, links),
    }
    if ref is not None:
        response["ref"] = _unit(node, ref, here, links)
    if members is not None:
        response["member"] = [_unit(node, unit, here, links) for unit in members]
    return _json(_top(response))


def _unit(node: Node, unit: Unit, here: str, links: Links) -> dict[str, Any]:
    """A ``CitableUnit``; its ``@id`` is its place in the text's page when it has an ``xml:id`` and a page."""
    value: dict[str, Any] = {
        "identifier": unit.identifier,
        "@type": "CitableUnit",
        "level": unit.level,
        "parent": unit.parent.identifier if unit.parent else None,
        "citeType": unit.cite_type,
    }
    anchor = unit.element.get(XML_ID)
    if node.page and anchor:
        value["@id"] = links.href(here, node.page) + "#" + segment(anchor)
    lang = str(_LANGUAGE(unit.element)) if unit.metadata else ""
    dublin_core = {
        p.removeprefix(DCT): [{"lang": lang, "value": value} if lang else value for value in values]
        for p, values in unit.metadata.items()
        if p.startswith(DCT) and values
    }
    extensions = {p: v for p, v in unit.metadata.items() if not p.startswith(DCT) and v}
    if dublin_core:
        value["dublinCore"] = dublin_core
    if extensions:
        value["extensions"] = extensions
    return value


def document_files(node: Node) -> dict[str, bytes]:
    """The Document responses of a resource: the whole TEI document (with ``tree`` too, on which it does not
    depend), and each citable unit of each tree as a TEI fragment in ``dts:wrapper``."""
    assert node.document is not None
    name = f"{API}/document/{segment(node.identifier)}"
    whole = node.document.path.read_bytes()
    files = {name + TEI_FILE: whole}
    for tree in node.trees:
        prefix = name + (f";tree={segment(tree.identifier)}" if tree.identifier is not None else "")
        files[prefix + TEI_FILE] = whole
        for unit in tree.walk():
            files[f"{prefix}/{segment(unit.identifier)}{TEI_FILE}"] = passage(node.document, unit)
    return files


def passage(document: Document, unit: Unit) -> bytes:
    """A citable unit as the Document endpoint returns it: a ``TEI`` document whose header is the source's
    ``fileDesc`` (title, responsibility, rights, source) and whose body is ``dts:wrapper`` holding the unit."""
    tei = etree.Element(f"{_T}TEI", nsmap={None: TEI_NS})
    lang = _LANGUAGE(unit.element)
    if lang:
        tei.set(XML_LANG, str(lang))
    header = etree.SubElement(tei, f"{_T}teiHeader")
    file_desc = document.root.find(f"{_T}teiHeader/{_T}fileDesc")
    if file_desc is not None:
        header.append(_detached(file_desc))
    body = etree.SubElement(etree.SubElement(tei, f"{_T}text"), f"{_T}body")
    wrapper = etree.SubElement(body, f"{{{WRAPPER_NS}}}wrapper", nsmap={"dts": WRAPPER_NS})
    wrapper.set("ref", _xpath(unit.element))  # where the unit stands in the whole document
    wrapper.append(_detached(unit.element))
    # line breaks between the elements made here; none inside the wrapper, whose content is the passage's own
    tei.text, header.tail, body.getparent().tail = "\n  ", "\n  ", "\n"
    header.text = "\n    " if file_desc is not None else None
    if file_desc is not None:
        header[0].tail = "\n  "
    body.getparent().text, body.text, body.tail, wrapper.tail = "\n    ", "\n      ", "\n  ", "\n    "
    return etree.tostring(tei, encoding="UTF-8", xml_declaration=True) + b"\n"


def _detached(element: etree._Element) -> etree._Element:
    clone = copy.deepcopy(element)
    clone.tail = None
    return clone


def _xpath(element: etree._Element) -> str:
    """The element's path in its document, TEI's namespace the default (as ``citeStructure/@match`` is written)."""
    steps = []
    for node in [element, *element.iterancestors()]:
        parent = node.getparent()
        name = etree.QName(node).localname
        if parent is None:
            steps.append(f"/{name}")
        else:
            position = [c for c in parent if c.tag == node.tag].index(node) + 1
            steps.append(f"/{name}[{position}]")
    return "".join(reversed(steps))


# ----- the build target ----------------------------------------------------------------------------------------------


def dts_jobs(run: Run) -> list[KeyedJob]:
    """The static DTS API in ``html/dts/``: the Entry and Collection responses one job of this process (keyed by
    their content), and each resource's Navigation and Document responses a :class:`ResourceFiles` job (any executor
    runs it) keyed by its file, so an unchanged edition reuses them and a changed file remakes its own only."""
    links = Links(str(run.params.get("base-url") or "").rstrip("/"))
    root = edition_nodes(run)
    code = content_hash([Path(__file__), links.base, str(run.params.get("title") or "")])
    collections = entry_and_collections(root, links)
    key = content_hash([code, *(part for item in sorted(collections.items()) for part in item)])
    jobs: list[KeyedJob] = [(f"html/{API}", key, _write(lambda: collections))]
    for node in _walk(root):
        if node.document is None:
            continue
        reads = [code, node.identifier, node.page or "", run.digests(node.document.path)]
        job = ResourceFiles(
            node.document.path, node.identifier, node.title, node.page, links.base, node.document,
            max_bytes=run.sources.corpus.max_bytes,  # a worker parses the file under the run's size limit
        )  # fmt: skip
        jobs.append((f"html/{API}/{node.identifier}", content_hash(reads), job))
    return jobs


class ResourceFiles:
    """A resource's Navigation and Document responses, as a plain value any executor runs: a worker parses the
    document itself (the parsed document of this process is not sent), evaluates its citation trees and writes the
    files; the result is the same wherever it ran."""

    def __init__(
        self,
        source: Path,
        identifier: str,
        title: str,
        page: str | None,
        base: str,
        document: Document | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.source, self.identifier, self.title, self.page, self.base = source, identifier, title, page, base
        self.document, self.max_bytes = document, max_bytes

    def __getstate__(self) -> dict[str, Any]:
        return {**vars(self), "document": None}  # a worker parses the file: no tree travels

    def __call__(self, staging: Path) -> tuple[list[XslMessage], list[str]]:
        document = self.document if self.document is not None else load_document(self.source, self.max_bytes)
        node = Node(self.identifier, "Resource", self.title, document=document, page=self.page)
        node.trees = citation_trees(document)
        return write_files(staging, {**navigation_files(node, Links(self.base)), **document_files(node)})


def _write(make: Callable[[], dict[str, bytes]]) -> Job:
    def job(staging: Path) -> tuple[list[XslMessage], list[str]]:
        return write_files(staging, make())

    return job


def write_files(staging: Path, files: dict[str, bytes]) -> tuple[list[XslMessage], list[str]]:
    """Write responses (keys: their paths in the site, percent-encoded) under ``html/``; no messages, the files."""
    written = []
    folders: set[Path] = set()
    for path, data in sorted(files.items()):
        file = f"html/{unquote(path)}"  # a web server maps the decoded path to a file
        target = staging / file
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(data)
        written.append(file)
    return [], written
