"""TEI2xx: identifiers and pointers — unique ``xml:id``s, pointers that reach an element of the right kind."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from toolkit.corpus import XML_ID, Document
from toolkit.edition import is_local, split_pointer
from toolkit.validate.rules.checker import EDITION, RULES, TEI, Checker, local, tei

PERSON = frozenset({"person", "personGrp"})
NAME_KINDS = {"person": PERSON, "place": frozenset({"place"}), "org": frozenset({"org"})}
ANY_NAMED = PERSON | {"place", "org"}
NAME_ELEMENTS = {"persName": "person", "placeName": "place", "orgName": "org"}
RESPONSIBLE = PERSON | {"org"}
KINDS_BY_ATTRIBUTE = {
    "wit": frozenset({"witness", "listWit"}),
    "ana": frozenset({"category", "interp", "interpGrp", "fs"}),
    "resp": RESPONSIBLE | {"respStmt"},
    "who": PERSON,
}
READING_TAGS = frozenset({tei("lem"), tei("rdg")})
UNRESOLVED = "\0"  # not a local name: marks a pointer not yet in the cache
NOT_LOCAL = "\1"  # nor this: marks a URI or a private prefix, which the rules do not follow


@RULES.corpus(codes={"TEI200": TEI})
def unique_ids(checker: Checker) -> None:
    """TEI200: an ``xml:id`` used twice anywhere in the corpus, reported where a file under check has it."""
    for xml_id, places in checker.index.ids.items():
        if len(places) < 2:
            continue
        first_doc, first = places[0]
        reported = False
        for doc, element in places[1:]:
            if doc.path in checker.index.checked:
                where = f"{first_doc.display_path()}:{first.sourceline}"
                checker.report("TEI200", doc, element, f"xml:id {xml_id!r} is already used at {where}")
                reported = True
        if not reported:
            doc, element = places[1]
            where = f"{doc.display_path()}:{element.sourceline}"
            checker.report("TEI200", first_doc, first, f"xml:id {xml_id!r} is also used at {where}")


def expected_kinds(attribute: str, element: etree._Element) -> frozenset[str] | None:
    """The element kinds a pointer may reach (docs/conventions.md, "Pointer kinds"); ``None`` for any."""
    key = (attribute, element.tag, element.get("type"))
    if key not in _KINDS:  # a handful of combinations in a corpus, asked for at each pointer
        _KINDS[key] = _kinds(attribute, local(element), key[2])
    return _KINDS[key]


def _kinds(attribute: str, name: str, kind: str | None) -> frozenset[str] | None:
    if attribute == "ref":
        if name in NAME_ELEMENTS:
            return NAME_KINDS[NAME_ELEMENTS[name]]
        if name in ("rs", "name"):
            return NAME_KINDS.get(kind or "", ANY_NAMED if kind is None else None)
    if attribute == "who" and name == "change":
        return RESPONSIBLE  # a revision may be ascribed to a team (an org) as well as to a person
    return KINDS_BY_ATTRIBUTE.get(attribute)


_KINDS: dict[tuple[str, str, str | None], frozenset[str] | None] = {}


@RULES.pointer(codes={"TEI201": TEI, "TEI202": EDITION, "TEI203": EDITION})
def pointers(checker: Checker, doc: Document, element: etree._Element, attribute: str, token: str) -> None:
    """TEI201-TEI203: a pointer (:meth:`Edition.pointers`) reaches an element, in an existing file, of the right kind.

    In a file not under check, only a pointer into a file under check is looked at (an incoming pointer).
    """
    index = checker.index
    checked = index.is_checked(doc)
    if checked and attribute == "wit" and element.tag in READING_TAGS:
        return  # the apparatus rule owns the witnesses of readings (TEI402) in the files it checks
    # the same pointer recurs thousands of times in a corpus: resolve it once per folder (or file, for #id)
    key = index.cache_key(doc, token)
    resolved = index.resolved
    target = resolved.get(key, UNRESOLVED)
    if target is NOT_LOCAL:
        return
    if target is UNRESOLVED and not is_local(token):
        resolved[key] = NOT_LOCAL
        return
    into = None if checked else index.checked_target(doc, token)
    if not checked and into is None:
        return
    if target is UNRESOLVED:
        found = _resolve(checker, doc, element, attribute, token)
        if found is None:
            return
        target_doc, reached = found
        reached_id = reached.get(XML_ID)
        if reached_id is not None:
            index.referenced.add((target_doc.path, reached_id))
        # a pointer to a whole file (its root) has no kind to check
        target = resolved[key] = None if reached is target_doc.root else local(reached)
    if target is None:
        return
    kinds = expected_kinds(attribute, element)
    if kinds is not None and target not in kinds:
        wanted = " or ".join(f"<{k}>" for k in sorted(kinds))
        checker.report(
            "TEI203",
            doc,
            element,
            f"@{attribute}={token!r} on <{local(element)}> reaches a <{target}>, not {wanted}",
            about=into,
        )


def _resolve(
    checker: Checker, doc: Document, element: etree._Element, attribute: str, token: str
) -> tuple[Document, etree._Element] | None:
    """The document and element ``token`` reaches; reports TEI201/TEI202 and returns ``None`` when it does not."""
    file_part, fragment = split_pointer(token)
    target_doc = doc
    if file_part:
        target = checker.index.target(doc, file_part)
        if not target.exists:
            hint = (
                f"a pointer to an element in this file starts with '#': did you mean #{token}?"
                if (not fragment and token in doc.ids)
                else _did_you_mean(target.path)
            )
            checker.report("TEI202", doc, element, f"@{attribute} points at {file_part!r}, which does not exist", hint)
            return None
        if target.document is None:
            return None  # not XML, or unloadable (its own load error says why)
        target_doc = target.document
    if not fragment:
        if token.endswith("#"):
            checker.report(
                "TEI201", doc, element, f"@{attribute}={token!r} names no xml:id after '#'", about=target_doc
            )
            return None
        return target_doc, target_doc.root
    reached = checker.index.element_with_id(target_doc, fragment)
    if reached is None:
        checker.report(
            "TEI201",
            doc,
            element,
            f"@{attribute}={token!r}: no element with xml:id {fragment!r} in {target_doc.name}",
            _id_hint(checker, fragment, target_doc, doc),
            about=target_doc,
        )
        return None
    return target_doc, reached


def _id_hint(checker: Checker, fragment: str, target_doc: Document, origin: Document) -> str | None:
    import difflib  # only a finding's hint needs it: not imported by a clean run

    elsewhere = [d for d, _ in checker.index.ids.get(fragment, []) if d is not target_doc]
    if elsewhere:
        other = elsewhere[0]
        return f"did you mean {'' if other is origin else other.name}#{fragment}?"
    close = difflib.get_close_matches(fragment, list(target_doc.ids), n=1, cutoff=0.6)
    if close:
        return f"did you mean {'' if target_doc is origin else target_doc.name}#{close[0]}?"
    return None


def _did_you_mean(path: Path) -> str | None:
    import difflib  # only a finding's hint needs it: not imported by a clean run

    try:
        names = sorted(p.name for p in path.parent.glob("*.xml")) if path.parent.is_dir() else []
    except OSError:
        return None
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else None
