"""The accounts follow encoding.md the same way everywhere ("Persons, places and organisations").

"Titles that are part of a name are ``roleName`` inside the ``persName``": a ``persName`` whose words begin with a
title ("President Kennedy", "Attorney General Robert F. Kennedy", "then-Secretary of State Dean Rusk") has the title
as a ``roleName`` child at its start. Lower-case descriptions before a name ("Soviet ambassador Anatoly Dobrynin",
"television commentator Scali") are not titles and stay outside the ``persName``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "tei"
DRIVER = EDITION / "edition.xml"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
NS = {"tei": TEI_NS, "xi": XI_NS}

#: Titles printed before names in the source; a persName beginning with one must mark it as roleName.
TITLES = (
    "President",
    "Ambassador",
    "Attorney General",
    "Secretary of State",
    "Secretary",
    "National Security Advisor",
    "Chairman",
    "Premier",
    "Mr.",
)
TITLE_AT_START = re.compile(r"^(?:" + "|".join(re.escape(title) for title in TITLES) + r")\s")


def _accounts() -> list[Path]:
    """The accounts the driver includes, in its order."""
    driver = etree.parse(str(DRIVER))
    return [EDITION / href for href in driver.xpath("//xi:include/@href", namespaces=NS)]


def _words(element: etree._Element) -> str:
    """The element's text as read (our editorial notes and corrections left out), spaces normalised."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if etree.QName(child).localname not in {"note", "corr", "reg", "expan", "rdg"}:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).split())


def _titled_names_without_role(account: Path) -> list[str]:
    """``file:line: text`` of every persName in the account's text that begins with a title not marked as roleName."""
    tree = etree.parse(str(account))
    problems = []
    for pers_name in tree.xpath("//tei:text//tei:persName", namespaces=NS):
        words = _words(pers_name)
        if not TITLE_AT_START.match(words):
            continue
        first = pers_name[0] if len(pers_name) else None
        starts_with_role = (
            first is not None
            and etree.QName(first).localname == "roleName"
            and not (pers_name.text or "").strip()
            and words.startswith(_words(first))
        )
        if not starts_with_role:
            problems.append(f"{account.name}:{pers_name.sourceline}: {words!r}")
    return problems


def test_the_driver_includes_the_eight_accounts() -> None:
    assert len(_accounts()) == 8


@pytest.mark.parametrize("account", _accounts(), ids=lambda path: path.name)
def test_a_title_at_the_start_of_a_persname_is_a_rolename(account: Path) -> None:
    assert _titled_names_without_role(account) == []


def test_a_title_without_rolename_is_reported_at_its_line(tmp_path: Path) -> None:
    account = tmp_path / "account.xml"
    account.write_text(
        f'<TEI xmlns="{TEI_NS}"><text><body><p>I told\n'
        '<persName ref="persons.xml#jfk">President Kennedy</persName> and '
        '<persName ref="persons.xml#rfk"><roleName>Attorney General</roleName> Robert F. Kennedy</persName>.'
        "</p></body></text></TEI>",
        encoding="utf-8",
    )
    assert _titled_names_without_role(account) == ["account.xml:2: 'President Kennedy'"]


def test_every_example_in_the_encoding_guidelines_is_real() -> None:
    """docs/encoding.md says its examples come from our files: each fragment of an xml block (``…`` elides) is there."""
    guidelines = (ROOT / "docs" / "encoding.md").read_text(encoding="utf-8")
    edition = _normalised("\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "tei").glob("*.xml")))
    fragments = [
        fragment.strip()
        for block in re.findall(r"```xml\n(.*?)```", guidelines, re.S)
        for line in block.splitlines()
        for fragment in _normalised(line).split("…")
    ]
    assert fragments
    assert [f for f in fragments if len(f) > 3 and f not in edition] == []


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
