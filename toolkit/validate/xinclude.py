"""A file's ``xi:include``s of fragments, resolved so that its schema sees the file as its readers do.

A modular project includes parts of a file from others: ``<xi:include href="header.xml" xpointer="teiHeader-x"/>``
(an ``xml:id``; ``element(id)`` and ``xpointer(id('x'))`` are read the same way). Those are expanded, with the
hardened parser, for the schema check only: the editorial rules see the file as written. An include without
``xpointer`` of a whole TEI document (a driver's list of texts) is left alone: each text is a file of the corpus,
checked on its own, and a missing one is a dangling pointer (TEI202). Any other failure (a file that is missing or
refused, an ``xpointer`` that names nothing, an include loop) is TEI120 at the include's line, not a schema error.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from toolkit.codes import diagnostic
from toolkit.corpus import XI_NS, XML_ID, Document, LoadError, is_tei_root, parse_file, root_name
from toolkit.diagnostics import Diagnostic

__all__ = ["XI_INCLUDE", "expand_includes", "expands", "fragment_id"]

XI_INCLUDE = f"{{{XI_NS}}}include"
XI_FALLBACK = f"{{{XI_NS}}}fallback"
#: Includes inside included content are followed this deep at most.
MAX_DEPTH = 16
_ID_FORMS = (
    re.compile(r"^\s*([\w.-]+)\s*$"),
    re.compile(r"^\s*element\(\s*([\w.-]+)\s*\)\s*$"),
    re.compile(r"^\s*xpointer\(\s*id\(\s*['\"]([\w.-]+)['\"]\s*\)\s*\)\s*$"),
)


class _Failure(Exception):
    pass


def fragment_id(xpointer: str) -> str | None:
    """The ``xml:id`` an ``xpointer`` names (shorthand, ``element(id)``, ``xpointer(id('id'))``), else ``None``."""
    for form in _ID_FORMS:
        match = form.match(xpointer)
        if match:
            return match[1]
    return None


def expand_includes(doc: Document) -> tuple[etree._ElementTree, list[Diagnostic]]:
    """``doc``'s tree with its fragment includes expanded (``doc.tree`` itself if there are none), and the failures."""
    includes = [i for i in doc.root.iter(XI_INCLUDE) if expands(i, doc.path)]
    if not includes:
        return doc.tree, []
    tree = copy.deepcopy(doc.tree)
    problems: list[Diagnostic] = []
    position = {element: n for n, element in enumerate(doc.root.iter())}
    copied = list(tree.getroot().iter())  # the same nodes in the same order: located before any is replaced
    pairs = [(copied[position[i]], i) for i in includes]
    for include, original in pairs:
        try:
            _replace(include, _resolve(include, doc.path, [(doc.path, None)], 0, doc))
        except _Failure as failure:
            fallback = include.find(XI_FALLBACK)
            if fallback is not None:
                _replace(include, [*fallback] if len(fallback) else [], text=fallback.text)
                continue
            line = original.sourceline or 1
            href = original.get("href", "")
            pointer = f" xpointer={original.get('xpointer')!r}" if original.get("xpointer") else ""
            problems.append(
                diagnostic(
                    "TEI120",
                    doc.display_path(),
                    line,
                    doc.column_of(original),
                    f"xi:include href={href!r}{pointer} cannot be resolved: {failure}",
                    "/"
                    + "/".join(etree.QName(a).localname for a in reversed(list(original.iterancestors())))
                    + "/xi:include",
                    "the included file and the xml:id its xpointer names must exist in the edition's folders",
                )
            )
    return tree, problems


def expands(include: etree._Element, base: Path) -> bool:
    """Whether an include is a fragment to expand: anything but a whole TEI document named without ``xpointer``."""
    if include.get("xpointer"):
        return True
    target = _target(include, base)
    if target is None or not target.is_file():
        return target is not None and include.get("parse") == "text"
    root = root_name(target)
    return root is not None and not (is_tei_root(root) and root.localname in {"TEI", "teiCorpus"})


def _target(include: etree._Element, base: Path) -> Path | None:
    href = include.get("href") or ""
    if not href:
        return base
    parsed = urlparse(href)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:
        return None
    return (base.parent / unquote(parsed.path)).resolve()


def _resolve(
    include: etree._Element, base: Path, chain: list[tuple[Path, str | None]], depth: int, doc: Document
) -> list[etree._Element] | str:
    """What ``include`` stands for: elements (copies), or the text of a ``parse="text"`` include."""
    target = _target(include, base)
    if target is None:
        raise _Failure(f"{include.get('href')} is remote and is not fetched")
    if include.get("parse") == "text":
        try:
            return target.read_text(encoding=include.get("encoding") or "utf-8")
        except (OSError, UnicodeDecodeError, LookupError) as exc:
            raise _Failure(f"cannot read {target.name}: {exc}") from None
    pointer = include.get("xpointer")
    wanted = fragment_id(pointer) if pointer else None
    if pointer and wanted is None:
        raise _Failure(f"xpointer {pointer!r} is not an xml:id (shorthand, element(id) or xpointer(id('…')))")
    if (target.resolve(), wanted) in chain or depth >= MAX_DEPTH:
        raise _Failure(f"it includes itself (through {' > '.join(p.name for p, _ in chain)})")
    if not target.is_file():
        raise _Failure(f"{target.name} does not exist")
    tree = doc.tree if target.resolve() == doc.path.resolve() else _load(target)
    if wanted is None:
        found = tree.getroot()
    else:
        found = next((e for e in tree.getroot().iter(etree.Element) if e.get(XML_ID) == wanted), None)
        if found is None:
            raise _Failure(f"{target.name} has no element with xml:id {wanted!r}")
    fragment = copy.deepcopy(found)
    fragment.tail = None
    nested = [fragment] if fragment.tag == XI_INCLUDE else list(fragment.iter(XI_INCLUDE))
    for inner in nested:
        replacement = _resolve(inner, target, [*chain, (target.resolve(), wanted)], depth + 1, doc)
        if inner is fragment:
            return replacement
        _replace(inner, replacement)
    return [fragment]


def _load(path: Path) -> etree._ElementTree:
    try:
        return parse_file(path, path.name)
    except LoadError as exc:
        raise _Failure(f"{path.name} cannot be read: {exc.diagnostic.message}") from None


def _replace(include: etree._Element, replacement: list[etree._Element] | str, text: str | None = None) -> None:
    """Put ``replacement`` where ``include`` stands, keeping the text that follows it."""
    parent = include.getparent()
    if isinstance(replacement, str):
        text, replacement = replacement, []
    if parent is None:
        return
    index = parent.index(include)
    tail = include.tail or ""
    lead = text or ""
    if lead:
        previous = parent[index - 1] if index > 0 else None
        if previous is not None:
            previous.tail = (previous.tail or "") + lead
        else:
            parent.text = (parent.text or "") + lead
    parent.remove(include)
    for offset, element in enumerate(replacement):
        parent.insert(index + offset, element)
    if replacement:
        replacement[-1].tail = (replacement[-1].tail or "") + tail
    elif index > 0:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
