"""Editorial rules over the whole corpus: ids, pointers, dates, apparatus, editorial marks, headers, authorities."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from elementpath import datatypes
from lxml import etree

from toolkit.corpus import NS, TEI_NS, XI_NS, XML_ID, Corpus, Document, elements_with_id, readable_xpath, tei_files_in
from toolkit.diagnostics import Diagnostic, Severity

POINTER_ATTRIBUTES = ("ref", "corresp", "source", "target", "wit", "resp", "ana", "who")
#: A value with a URI scheme or a TEI private prefix (``https:``, ``mailto:``, ``psn:``) is not ours to resolve.
NON_LOCAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
#: Elements whose ``@from``/``@to`` are page ranges or spans, not dates.
NOT_DATABLE = frozenset({"citedRange", "biblScope", "locus", "locusGrp", "span", "spanGrp", "arc", "relation"})
TEMPORAL_TYPES = (
    datatypes.DateTime,
    datatypes.Date,
    datatypes.Time,
    datatypes.GregorianYearMonth,
    datatypes.GregorianYear,
    datatypes.GregorianMonthDay,
    datatypes.GregorianMonth,
    datatypes.GregorianDay,
)
READINGS = frozenset({"lem", "rdg"})
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
AUTHORITIES = {"person": "TEI701", "place": "TEI702", "org": "TEI703"}
UNRESOLVED = "\0"  # not a local name: marks a pointer not yet in the cache
POINTER_SET = frozenset(POINTER_ATTRIBUTES)
DATE_SET = frozenset(DATE_ATTRIBUTES)
DATE_TAGS = frozenset({f"{{{TEI_NS}}}date", f"{{{TEI_NS}}}time"})
REDACTION = re.compile(r"redact|censor|sanitiz|sanitis|whited|blacked", re.IGNORECASE)


XI_INCLUDE = f"{{{XI_NS}}}include"
READING_TAGS = frozenset({f"{{{TEI_NS}}}lem", f"{{{TEI_NS}}}rdg"})


def _local(element: etree._Element) -> str:
    return element.tag.rpartition("}")[2]


def _tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


@dataclass
class Index:
    """The corpus built once: every document (under check and context), ids, and what pointers reach."""

    corpus: Corpus
    checked: set[Path]
    documents: list[Document]
    ids: dict[str, list[tuple[Document, etree._Element]]] = field(default_factory=lambda: defaultdict(list))
    referenced: set[tuple[Path, str]] = field(default_factory=set)
    _targets: dict[tuple[str, str], tuple[Path, bool, Document | None]] = field(
        default_factory=dict, init=False, repr=False
    )
    #: pointer cache key -> the local name of the element it reaches (``None`` for a whole file)
    resolved: dict[tuple[str, str], str | None] = field(default_factory=dict)
    _folders: dict[int, str] = field(default_factory=dict, init=False, repr=False)
    _witnesses: dict[str, Document] | None = field(default=None, init=False, repr=False)
    #: pointer cache key -> local name of what it reaches, without reporting (for the apparatus rule)
    kinds: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def folder(self, doc: Document) -> str:
        """``doc``'s folder as a string: the key under which pointers from it are cached."""
        found = self._folders.get(id(doc))
        if found is None:
            found = self._folders[id(doc)] = str(doc.path.parent)
        return found

    def cache_key(self, doc: Document, token: str) -> tuple[str, str]:
        """Pointers with a file part mean the same from every file of a folder; ``#id`` only within its file."""
        return (self.folder(doc) if token[0] != "#" else str(id(doc)), token)

    def target(self, origin: Document, file_part: str) -> tuple[Path, bool, Document | None]:
        """The path a pointer's file part names from ``origin``, whether it exists, and its document if XML."""
        key = (self.folder(origin), file_part)
        found = self._targets.get(key)
        if found is None:
            path = origin.path.parent / file_part
            exists = _exists(path)
            loaded = self.corpus.target_document(file_part, origin) if exists and path.suffix == ".xml" else None
            found = self._targets[key] = (path, exists, loaded)
        return found

    def checked_target(self, origin: Document, token: str) -> Document | None:
        """The document under check that a pointer from ``origin`` names by its file part, if it names one."""
        file_part = token.partition("#")[0]
        if not file_part:
            return None
        loaded = self.target(origin, file_part)[2]
        return loaded if loaded is not None and loaded.path in self.checked else None

    def witnesses(self) -> dict[str, Document]:
        """Every declared witness id in the corpus and its document (collected on first use)."""
        if self._witnesses is None:
            self._witnesses = {
                element.get(XML_ID): doc
                for doc in self.documents
                for element in doc.root.iter(_tei("witness"))
                if element.get(XML_ID)
            }
        return self._witnesses

    @classmethod
    def build(cls, corpus: Corpus) -> Index:
        """Load the other TEI files of each folder under check (pointers and ids are corpus-wide), index every id."""
        known = {doc.path for doc in corpus.documents}
        for folder in sorted({doc.path.parent for doc in corpus.documents}):
            for sibling in tei_files_in(folder):
                if sibling not in known:
                    corpus.document(sibling)
        index = cls(corpus, {d.path for d in corpus.documents}, sorted(corpus.all_documents(), key=lambda d: d.path))
        for doc in index.documents:
            for element in elements_with_id(doc.root):
                index.ids[element.get(XML_ID)].append((doc, element))
        return index


@dataclass
class Checker:
    """Collects located diagnostics for the documents under check."""

    index: Index
    out: list[Diagnostic] = field(default_factory=list)

    def report(
        self,
        code: str,
        doc: Document,
        element: etree._Element,
        message: str,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
        *,
        about: Document | None = None,
    ) -> None:
        """Record a diagnostic at ``element`` when ``doc`` is under check, or the file a pointer finding is about."""
        checked = self.index.checked
        if doc.path not in checked and (about is None or about.path not in checked):
            return
        self.out.append(
            Diagnostic(
                code,
                severity,
                doc.display_path(),
                element.sourceline or 1,
                doc.column_of(element),
                message,
                readable_xpath(element),
                hint,
            )
        )


def check(corpus: Corpus) -> list[Diagnostic]:
    """Every editorial rule over ``corpus``; pointers resolve against the whole folder of each file.

    The other files of those folders are read for their ids and for their pointers into the files under check, so
    that an id removed from a checked file is reported where the other files still point at it.
    """
    index = Index.build(corpus)
    checker = Checker(index)
    unique_ids(checker)
    for doc in index.documents:
        checked = doc.path in index.checked  # of the other files, only pointers into the checked ones are reported
        # one pass in Python over the elements is faster here than XPath selections (measured)
        for element in doc.root.iter(etree.Element):
            names = element.keys()
            tag = element.tag
            if names:
                found = [name for name in names if name in POINTER_SET]
                if found:
                    pointers(checker, doc, element, found)
            if not checked:
                continue
            if tag in ELEMENT_RULES:
                for rule in ELEMENT_RULES[tag]:
                    rule(checker, doc, element)
            if tag in DATE_TAGS or (names and not DATE_SET.isdisjoint(names)):
                dates(checker, doc, element)
            if tag == XI_INCLUDE:
                xinclude(checker, doc, element)
    unused_authorities(checker)
    return checker.out


# --- TEI2xx: identifiers and pointers ---------------------------------------------------------------------------


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
    name = _local(element)
    if attribute == "ref":
        if name in NAME_ELEMENTS:
            return NAME_KINDS[NAME_ELEMENTS[name]]
        if name in ("rs", "name"):
            return NAME_KINDS.get(element.get("type", ""), ANY_NAMED if "type" not in element.attrib else None)
    if attribute == "who" and name == "change":
        return RESPONSIBLE  # a revision may be ascribed to a team (an org) as well as to a person
    return KINDS_BY_ATTRIBUTE.get(attribute)


def pointers(checker: Checker, doc: Document, element: etree._Element, attributes: list[str]) -> None:
    """TEI201-TEI203: every pointer in ``attributes`` reaches an element, in an existing file, of the right kind.

    In a file not under check, only the pointers into a file under check are looked at (the incoming pointers).
    """
    resolved = checker.index.resolved
    checked = doc.path in checker.index.checked
    for attribute in attributes:
        if checked and attribute == "wit" and element.tag in READING_TAGS:
            continue  # the apparatus rule owns the witnesses of readings (TEI402) in the files it checks
        kinds = expected_kinds(attribute, element)
        for token in element.get(attribute, "").split():
            if ":" in token and NON_LOCAL.match(token):
                continue
            into = None if checked else checker.index.checked_target(doc, token)
            if not checked and into is None:
                continue
            # the same pointer recurs thousands of times in a corpus: resolve it once per folder (or file, for #id)
            key = checker.index.cache_key(doc, token)
            target = resolved.get(key, UNRESOLVED)
            if target is UNRESOLVED:
                found = _resolve(checker, doc, element, attribute, token)
                if found is None:
                    continue
                target_doc, reached = found
                reached_id = reached.get(XML_ID)
                if reached_id is not None:
                    checker.index.referenced.add((target_doc.path, reached_id))
                # a pointer to a whole file (its root) has no kind to check
                target = resolved[key] = None if reached is target_doc.root else _local(reached)
            if kinds is not None and target is not None and target not in kinds:
                wanted = " or ".join(f"<{k}>" for k in sorted(kinds))
                checker.report(
                    "TEI203",
                    doc,
                    element,
                    f"@{attribute}={token!r} on <{_local(element)}> reaches a <{target}>, not {wanted}",
                    about=into,
                )


def xinclude(checker: Checker, doc: Document, element: etree._Element) -> None:
    """TEI202: an ``xi:include`` names a file that exists."""
    href = element.get("href")
    if href and not NON_LOCAL.match(href):
        _resolve(checker, doc, element, "href", href)


def _resolve(
    checker: Checker, doc: Document, element: etree._Element, attribute: str, token: str
) -> tuple[Document, etree._Element] | None:
    """The document and element ``token`` reaches; reports TEI201/TEI202 and returns ``None`` when it does not."""
    file_part, _, fragment = token.partition("#")
    target_doc = doc
    if file_part:
        path, exists, loaded = checker.index.target(doc, file_part)
        if not exists:
            hint = (
                f"a pointer to an element in this file starts with '#': did you mean #{token}?"
                if (not fragment and token in doc.ids)
                else _did_you_mean(path)
            )
            checker.report("TEI202", doc, element, f"@{attribute} points at {file_part!r}, which does not exist", hint)
            return None
        if loaded is None:
            return None  # not XML, or unloadable (its own load error says why)
        target_doc = loaded
    if not fragment:
        if token.endswith("#"):
            checker.report(
                "TEI201", doc, element, f"@{attribute}={token!r} names no xml:id after '#'", about=target_doc
            )
            return None
        return target_doc, target_doc.root
    reached = target_doc.ids.get(fragment)
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
    elsewhere = [d for d, _ in checker.index.ids.get(fragment, []) if d is not target_doc]
    if elsewhere:
        other = elsewhere[0]
        return f"did you mean {'' if other is origin else other.name}#{fragment}?"
    close = difflib.get_close_matches(fragment, list(target_doc.ids), n=1, cutoff=0.6)
    if close:
        return f"did you mean {'' if target_doc is origin else target_doc.name}#{close[0]}?"
    return None


def _did_you_mean(path: Path) -> str | None:
    try:
        names = sorted(p.name for p in path.parent.glob("*.xml")) if path.parent.is_dir() else []
    except OSError:
        return None
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else None


# --- TEI3xx: dates ----------------------------------------------------------------------------------------------


@cache
def is_temporal(value: str) -> bool:
    """True if ``value`` is one of the W3C (ISO 8601 profile) forms TEI allows in ``@when`` and its kin."""
    for kind in TEMPORAL_TYPES:
        try:
            kind.fromstring(value)
        except (ValueError, TypeError, ArithmeticError):
            continue
        return True
    return False


_BOUNDS = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?P<t>\d\d:\d\d:\d\d(?:\.\d+)?))?)?)?(?P<tz>Z|[+-]\d\d:\d\d)?$"
)


def bounds(value: str) -> tuple[datetime, datetime, bool] | None:
    """The first and last instant a valid date value can mean, and whether it has a time zone (else read as UTC).

    ``None`` for forms that are not compared (times of day, recurring months and days, years beyond 9998).
    """
    match = _BOUNDS.match(value)
    if match is None:
        return None
    tz = UTC
    if match["tz"] and match["tz"] != "Z":
        sign = 1 if match["tz"][0] == "+" else -1
        tz = timezone(sign * timedelta(hours=int(match["tz"][1:3]), minutes=int(match["tz"][4:6])))
    year, month, day = int(match["y"]), int(match["m"] or 1), int(match["d"] or 1)
    try:
        if match["t"]:
            hours, minutes, seconds = match["t"].split(":")
            moment = datetime(year, month, day, tzinfo=tz) + timedelta(
                hours=int(hours), minutes=int(minutes), seconds=float(seconds)
            )
            return moment, moment, bool(match["tz"])
        start = datetime(year, month, day, tzinfo=tz)
        if match["d"]:
            end = start + timedelta(days=1)
        elif match["m"]:
            end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
        else:
            end = datetime(year + 1, 1, 1, tzinfo=tz)
    except (ValueError, OverflowError):
        return None
    return start, end - timedelta(microseconds=1), bool(match["tz"])


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long for the file system, a loop of links: nothing there to point at
        return False


#: XSD's rule for comparing a value with a time zone and one without: the latter may be anywhere within 14 hours.
ZONE_LEEWAY = timedelta(hours=14)


def is_reversed(first: str, last: str) -> bool:
    """True when the range from ``first`` to ``last`` certainly ends before it starts."""
    start, end = bounds(first), bounds(last)
    if start is None or end is None:
        return False
    leeway = ZONE_LEEWAY if start[2] != end[2] else timedelta(0)
    return start[0] - leeway > end[1] + leeway


def dates(checker: Checker, doc: Document, element: etree._Element) -> None:
    """TEI301 invalid ISO 8601 value; TEI302 a range that ends before it starts; TEI303 a date without a value."""
    name = _local(element)
    if name in NOT_DATABLE:
        return
    values = {a: element.get(a) for a in DATE_ATTRIBUTES if element.get(a) is not None}
    valid: dict[str, str] = {}
    for attribute, value in values.items():
        if is_temporal(value):
            valid[attribute] = value
        else:
            checker.report(
                "TEI301",
                doc,
                element,
                f"@{attribute}={value!r} is not an ISO 8601 date or time (W3C form)",
                "write e.g. 1962-10-27, 1962-10, 1962, 1962-10-27T19:45:00-04:00 or 19:45:00",
            )
    for first, last in (("from", "to"), ("notBefore", "notAfter")):
        if first in valid and last in valid and is_reversed(valid[first], valid[last]):
            checker.report("TEI302", doc, element, f"@{first}={valid[first]!r} is later than @{last}={valid[last]!r}")
    if name in ("date", "time") and element.tag == _tei(name) and not values:
        checker.report(
            "TEI303",
            doc,
            element,
            f"<{name}> has no normalised value",
            "add @when (or @notBefore/@notAfter, @from/@to) in ISO 8601",
        )


# --- TEI4xx: apparatus ------------------------------------------------------------------------------------------


def _readings(app: etree._Element) -> Iterator[etree._Element]:
    """The ``lem``/``rdg`` of ``app`` itself (through ``rdgGrp``), not those of apps nested in them."""
    for child in app:
        if not isinstance(child.tag, str):
            continue
        if _local(child) in READINGS:
            yield child
        elif _local(child) == "rdgGrp":
            yield from _readings(child)


def apparatus(checker: Checker, doc: Document, app: etree._Element) -> None:
    """TEI401 an app with neither lem nor two readings; TEI402 undeclared witness; TEI403 a witness twice."""
    readings = list(_readings(app))
    if not any(_local(r) == "lem" for r in readings) and len(readings) < 2:
        checker.report(
            "TEI401", doc, app, "<app> has no <lem> and fewer than two <rdg>", "an apparatus entry compares readings"
        )
    seen: dict[str, int] = {}
    for reading in readings:
        for token in (reading.get("wit") or "").split():
            if _local_kind(checker.index, doc, token) not in ("witness", "listWit"):
                file_part = token.partition("#")[0]
                why = (
                    f"{file_part} does not exist"
                    if file_part and not checker.index.target(doc, file_part)[1]
                    else "no <witness> has that xml:id"
                )
                checker.report(
                    "TEI402", doc, reading, f"witness {token!r} is not declared: {why}", _witness_hint(checker, token)
                )
            if token in seen:
                checker.report(
                    "TEI403",
                    doc,
                    reading,
                    f"witness {token!r} appears twice in this <app> (also at line {seen[token]})",
                )
            seen.setdefault(token, reading.sourceline or 1)


def _local_kind(index: Index, doc: Document, token: str) -> str | None:
    """The local name of what ``token`` reaches from ``doc`` (``None`` if nothing), resolved once per pointer."""
    key = index.cache_key(doc, token)
    if key not in index.kinds:
        target = None if NON_LOCAL.match(token) else index.corpus.resolve(token, doc)
        index.kinds[key] = None if target is None else _local(target)
    return index.kinds[key]


def _witness_hint(checker: Checker, token: str) -> str | None:
    fragment = token.partition("#")[2] or token
    witnesses = checker.index.witnesses()
    close = difflib.get_close_matches(fragment, list(witnesses), n=1, cutoff=0.6)
    return f"did you mean {witnesses[close[0]].name}#{close[0]}?" if close else None


# --- TEI5xx: editorial marks ------------------------------------------------------------------------------------


def gap(checker: Checker, doc: Document, element: etree._Element) -> None:
    """TEI501 a gap without @reason; TEI502/TEI503 a redaction without its extent or without who made it."""
    reason = element.get("reason")
    if reason is None:
        checker.report(
            "TEI501", doc, element, "<gap> has no @reason", 'say why text is left out, e.g. reason="omitted"'
        )
        return
    if not REDACTION.search(reason):
        return
    if element.get("extent") is None and (element.get("quantity") is None or element.get("unit") is None):
        checker.report(
            "TEI502",
            doc,
            element,
            "a redaction <gap> does not say how much was suppressed",
            'add @quantity and @unit (e.g. quantity="1.5" unit="line"), or @extent',
        )
    if element.get("resp") is None and element.get("agent") is None:
        checker.report(
            "TEI503", doc, element, "a redaction <gap> does not say who suppressed the text", "add @resp or @agent"
        )


def supplied(checker: Checker, doc: Document, element: etree._Element) -> None:
    """TEI504: ``supplied`` must say who supplied the words."""
    if element.get("resp") is None:
        checker.report("TEI504", doc, element, "<supplied> has no @resp", "point @resp at who supplied the words")


# --- TEI6xx: header completeness -------------------------------------------------------------------------------

HEADER_PARTS: tuple[tuple[str, str, str], ...] = (
    ("TEI601", "tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]", "a title (titleStmt/title)"),
    ("TEI602", "tei:fileDesc/tei:titleStmt/tei:author", "an author (titleStmt/author)"),
    (
        "TEI603",
        "tei:fileDesc/tei:titleStmt/tei:editor | tei:fileDesc/tei:titleStmt/tei:respStmt",
        "a statement of responsibility (titleStmt/editor or respStmt)",
    ),
    (
        "TEI604",
        "tei:fileDesc/tei:publicationStmt/tei:availability[tei:licence or tei:p]",
        "a licence (publicationStmt/availability/licence)",
    ),
    ("TEI605", "tei:fileDesc/tei:sourceDesc/*", "a source description (sourceDesc)"),
    (
        "TEI606",
        "tei:fileDesc/tei:sourceDesc//tei:citedRange | tei:fileDesc/tei:sourceDesc//tei:biblScope",
        "the pages of the source (citedRange or biblScope in sourceDesc)",
    ),
    ("TEI607", "tei:profileDesc/tei:langUsage/tei:language", "the language (profileDesc/langUsage/language)"),
    ("TEI608", "tei:revisionDesc/tei:change", "a revision history (revisionDesc/change)"),
)


@cache
def _xpath(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces=NS)


def header(checker: Checker, doc: Document, tei: etree._Element) -> None:
    """TEI601-TEI608: a document with a text has a complete header."""
    if tei.find(_tei("text")) is None:
        return
    head = tei.find(_tei("teiHeader"))
    where = head if head is not None else tei
    missing = {code for code, path, _ in HEADER_PARTS if head is None or not _xpath(path)(head)}
    if "TEI605" in missing:
        missing.discard("TEI606")  # no source description: its pages are not a separate finding
    for code, _, what in HEADER_PARTS:
        if code in missing:
            checker.report(code, doc, where, f"the header lacks {what}")


# --- TEI7xx: unused authorities ---------------------------------------------------------------------------------


def unused_authorities(checker: Checker) -> None:
    """TEI701-TEI703 (warnings): a person, place or organisation that no pointer anywhere reaches."""
    for doc in checker.index.documents:
        if doc.path not in checker.index.checked:
            continue
        for kind, code in AUTHORITIES.items():
            for element in doc.root.iter(_tei(kind)):
                xml_id = element.get(XML_ID)
                if xml_id is not None and (doc.path, xml_id) not in checker.index.referenced:
                    checker.report(
                        code,
                        doc,
                        element,
                        f"<{kind}> {xml_id!r} is never referred to",
                        "link a mention to it, or remove the entry",
                        Severity.WARNING,
                    )


ELEMENT_RULES: dict[str, tuple[Callable[[Checker, Document, etree._Element], None], ...]] = {
    _tei("app"): (apparatus,),
    _tei("gap"): (gap,),
    _tei("supplied"): (supplied,),
    _tei("TEI"): (header,),
}
