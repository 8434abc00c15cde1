"""The edition is conformant TEI P5 and consistent: schema-valid, unique ids, resolving pointers, ISO dates.

Validity is checked with jing against the official ``tei_all.rng`` in ``../shared`` (all files in one call;
the driver after XInclude expansion); the other checks need only lxml and elementpath.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from elementpath import datatypes
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "tei"
DRIVER = EDITION / "edition.xml"
TEI_ALL = ROOT.parent / "shared" / "tei-p5" / "tei_all.rng"

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XI_INCLUDE = "{http://www.w3.org/2001/XInclude}include"

#: Attributes whose values are (space-separated lists of) URI pointers.
POINTER_ATTRIBUTES = frozenset(
    {
        *("ref", "target", "corresp", "source", "wit", "ana", "resp", "who", "sameAs", "copyOf"),
        *("next", "prev", "hand", "scheme", "decls", "synch", "exclude", "select", "active", "passive"),
        *("mutual", "facs", "edRef", "change", "spanTo", "origin"),
    }
)
#: Attributes of att.datable.w3c: each must be a W3C/ISO 8601 date or time.
DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
#: Elements whose ``@from``/``@to`` are not dates (page ranges, spans) and so are not checked here.
NOT_DATABLE = frozenset({"citedRange", "biblScope", "locus", "span", "arc"})
#: The XSD types TEI allows there (teidata.temporal.w3c), each a strict parser that raises on a bad value.
TEMPORAL_TYPES: tuple[Callable[[str], object], ...] = (
    datatypes.Date.fromstring,
    datatypes.DateTime.fromstring,
    datatypes.Time.fromstring,
    datatypes.GregorianYear.fromstring,
    datatypes.GregorianYearMonth.fromstring,
    datatypes.GregorianMonth.fromstring,
    datatypes.GregorianMonthDay.fromstring,
    datatypes.GregorianDay.fromstring,
)
JING_LINE = re.compile(r"^(?P<file>.+?\.xml):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")
NON_LOCAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, https:, mailto:, a private prefix: …


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def edition_files() -> list[Path]:
    return sorted(EDITION.glob("*.xml"))


def _parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), _parser())


def _elements(tree: etree._ElementTree) -> Iterator[etree._Element]:
    return (element for element in tree.iter() if isinstance(element.tag, str))


def is_iso_temporal(value: str) -> bool:
    """True if ``value`` is one of the W3C (ISO 8601 profile) date/time forms TEI allows."""
    for parse in TEMPORAL_TYPES:
        try:
            parse(value)
        except (ValueError, TypeError, ArithmeticError):
            continue
        return True
    return False


@pytest.fixture(scope="module")
def trees() -> dict[str, etree._ElementTree]:
    """Every file of ``tei/`` parsed once (without XInclude expansion), by file name."""
    return {path.name: _parse(path) for path in edition_files()}


@pytest.fixture(scope="module")
def jing_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """jing's messages against tei_all.rng for every file of ``tei/``, by file name (one jing run for all)."""
    if not TEI_ALL.is_file():
        pytest.skip(f"{TEI_ALL} is absent (the official TEI P5 schema lives in ../shared)")
    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing is not installed (needed to validate against tei_all.rng)")
    expanded = tmp_path_factory.mktemp("xinclude") / "edition.xml"
    names: dict[str, str] = {}
    arguments: list[str] = []
    errors: dict[str, list[str]] = {}
    for path in edition_files():
        if path == DRIVER:
            tree = _parse(path)
            try:
                tree.xinclude()
            except etree.XIncludeError as error:  # an included file is missing: only the driver fails
                errors[DRIVER.name] = [f"{DRIVER.name}: XInclude expansion failed: {error}"]
                continue
            tree.write(str(expanded), encoding="utf-8", xml_declaration=True)
            path = expanded
        names[str(path)] = path.name
        arguments.append(str(path))
    completed = subprocess.run([jing, str(TEI_ALL), *arguments], capture_output=True, text=True, check=False)
    for name in names.values():
        errors.setdefault(name, [])
    for line in (completed.stdout + completed.stderr).splitlines():
        if line.startswith("[warning]"):  # the Debian jing wrapper's notes on optional jars, not validation
            continue
        match = JING_LINE.match(line)
        name = names.get(match["file"], match["file"]) if match else "?"
        errors.setdefault(name, []).append(f"{name}:{match['line']}: {match['message']}" if match else line)
    return errors


def test_the_edition_has_files() -> None:
    assert edition_files(), "tei/ holds no .xml file"


def test_iso_check_accepts_tei_date_forms_and_refuses_impossible_dates() -> None:
    assert all(map(is_iso_temporal, ["1962-10-27", "1962-10", "1962", "19:15:00-04:00", "1962-10-27T19:45:00"]))
    assert not any(map(is_iso_temporal, ["1962-10-32", "27 October 1962", "19:15", "1962-13", "Saturday"]))


@pytest.mark.parametrize("name", [path.name for path in edition_files()])
def test_file_is_valid_tei_p5_against_tei_all(name: str, jing_errors: dict[str, list[str]]) -> None:
    messages = jing_errors.get(name, [])
    note = " (after XInclude expansion)" if name == DRIVER.name else ""
    assert not messages, f"{name}{note} is not valid against tei_all.rng:\n" + "\n".join(messages)


def test_jing_reports_nothing_outside_the_edition_files(jing_errors: dict[str, list[str]]) -> None:
    known = {path.name for path in edition_files()}
    stray = {name: messages for name, messages in jing_errors.items() if name not in known and messages}
    assert not stray, f"jing reported problems not tied to an edition file: {stray}"


def test_every_xml_id_is_unique_across_the_edition(trees: dict[str, etree._ElementTree]) -> None:
    seen: dict[str, str] = {}
    duplicates: list[str] = []
    for name, tree in trees.items():
        for element in tree.iter():
            identifier = element.get(XML_ID) if isinstance(element.tag, str) else None
            if identifier is None:
                continue
            here = f"{name}:{element.sourceline}"
            if identifier in seen:
                duplicates.append(f"xml:id {identifier!r} at {here} already at {seen[identifier]}")
            else:
                seen[identifier] = here
    assert not duplicates, "\n".join(duplicates)


def _ids(tree: etree._ElementTree) -> dict[str, etree._Element]:
    return {element.get(XML_ID): element for element in _elements(tree) if element.get(XML_ID) is not None}


def _pointers(element: etree._Element) -> Iterator[tuple[str, str]]:
    """(attribute, pointer) for each local pointer of ``element`` (URLs with a scheme are not checked)."""
    pairs = [(key, value) for key, value in element.attrib.items() if key in POINTER_ATTRIBUTES]
    if element.tag == XI_INCLUDE:
        pairs.append(("href", element.get("href", "")))
    for attribute, value in pairs:
        for pointer in value.split():
            if not NON_LOCAL.match(pointer):
                yield attribute, pointer


def dangling_pointers(trees: dict[str, etree._ElementTree]) -> list[str]:
    """Every ``file.xml#id``, ``#id`` or ``file.xml`` pointer in the edition that reaches nothing."""
    ids = {name: _ids(tree) for name, tree in trees.items()}
    problems: list[str] = []
    for name, tree in trees.items():
        for element in _elements(tree):
            for attribute, pointer in _pointers(element):
                file, _, fragment = pointer.partition("#")
                target = file or name
                where = f"{name}:{element.sourceline}: @{attribute}={pointer!r}"
                if target not in ids:
                    problems.append(f"{where}: no file {target}")
                elif fragment and fragment not in ids[target]:
                    problems.append(f"{where}: no such xml:id")
    return problems


#: What a pointer must reach (conventions.md, "Pointer kinds", as `edition validate` reads it: a group of
#: persons counts as a person; a revision may be ascribed to a team): (attribute, element or None) -> kinds.
PERSON = frozenset({"person", "personGrp"})
POINTER_KINDS: dict[tuple[str, str | None], frozenset[str]] = {
    ("ref", "persName"): PERSON,
    ("ref", "placeName"): frozenset({"place"}),
    ("ref", "orgName"): frozenset({"org"}),
    ("ref", "rs"): PERSON | {"place", "org"},
    ("ref", "name"): PERSON | {"place", "org"},
    ("wit", None): frozenset({"witness", "listWit"}),
    ("ana", None): frozenset({"category", "interp", "interpGrp"}),
    ("resp", None): PERSON | {"org", "respStmt"},
    ("who", "change"): PERSON | {"org"},
    ("who", None): PERSON,
}
RS_KINDS = {"person": PERSON, "place": frozenset({"place"}), "org": frozenset({"org"})}


def _expected_kinds(element: etree._Element, attribute: str) -> frozenset[str] | None:
    name = etree.QName(element).localname
    kinds = POINTER_KINDS.get((attribute, name)) or POINTER_KINDS.get((attribute, None))
    # an rs/name's @type says what it refers to (@ref); its @resp still names who is responsible
    if kinds is not None and attribute == "ref" and name in {"rs", "name"} and element.get("type") in RS_KINDS:
        return RS_KINDS[element.get("type", "")]
    return kinds


def misdirected_pointers(trees: dict[str, etree._ElementTree]) -> list[str]:
    """Pointers that resolve, but to the wrong kind of element (a persName pointing at a place…)."""
    ids = {name: _ids(tree) for name, tree in trees.items()}
    problems: list[str] = []
    for name, tree in trees.items():
        for element in _elements(tree):
            for attribute, pointer in _pointers(element):
                kinds = _expected_kinds(element, attribute)
                file, _, fragment = pointer.partition("#")
                target = ids.get(file or name, {}).get(fragment) if fragment else None
                if kinds is None or target is None:
                    continue
                if etree.QName(target).localname not in kinds:
                    source = f"<{etree.QName(element).localname} {attribute}={pointer!r}>"
                    reached = etree.QName(target).localname
                    problems.append(
                        f"{name}:{element.sourceline}: {source} reaches a {reached}, expected {'/'.join(sorted(kinds))}"
                    )
    return problems


def test_every_pointer_resolves(trees: dict[str, etree._ElementTree]) -> None:
    problems = dangling_pointers(trees)
    assert not problems, f"{len(problems)} dangling pointer(s):\n" + "\n".join(problems)


def test_dangling_pointer_check_finds_a_missing_id_and_a_missing_file() -> None:
    tree = etree.ElementTree(
        etree.fromstring(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="a"><p ana="#a #b" corresp="x.xml#a"/>'
            '<ref target="https://example.org/#x"/></TEI>'
        )
    )
    problems = dangling_pointers({"a.xml": tree})
    assert len(problems) == 2
    assert "'#b'" in problems[0]
    assert "no file x.xml" in problems[1]


def test_every_pointer_reaches_the_kind_of_element_its_attribute_requires(
    trees: dict[str, etree._ElementTree],
) -> None:
    problems = misdirected_pointers(trees)
    assert not problems, f"{len(problems)} pointer(s) to the wrong kind of element:\n" + "\n".join(problems)


def test_kind_check_finds_a_person_name_pointing_at_a_place() -> None:
    tree = etree.ElementTree(
        etree.fromstring(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><place xml:id="cuba"/><person xml:id="rfk"/>'
            '<persName ref="#cuba"/><persName ref="#rfk"/><rs type="place" ref="#rfk"/>'
            '<rs ref="#cuba"/></TEI>'
        )
    )
    problems = misdirected_pointers({"a.xml": tree})
    assert len(problems) == 2
    assert "<persName ref='#cuba'> reaches a place, expected person" in problems[0]
    assert "<rs ref='#rfk'> reaches a person, expected place" in problems[1]


def test_kind_check_accepts_a_revision_ascribed_to_a_team_but_not_a_said_passage() -> None:
    tree = etree.ElementTree(
        etree.fromstring(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><org xml:id="team"/>'
            '<change who="#team"/><said who="#team"/></TEI>'
        )
    )
    problems = misdirected_pointers({"a.xml": tree})
    assert len(problems) == 1
    assert "<said who='#team'> reaches a org" in problems[0]


def test_every_date_value_is_iso_8601(trees: dict[str, etree._ElementTree]) -> None:
    problems = [
        f"{name}:{element.sourceline}: @{attribute}={element.get(attribute)!r}"
        for name, tree in trees.items()
        for element in _elements(tree)
        if etree.QName(element).localname not in NOT_DATABLE
        for attribute in DATE_ATTRIBUTES
        if element.get(attribute) is not None and not is_iso_temporal(element.get(attribute, ""))
    ]
    assert not problems, "not ISO 8601 (W3C) date/time values:\n" + "\n".join(problems)
