"""The code table (``toolkit.codes``), the code literals in the sources and the documentation stay in step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.codes import CODES, UnknownCode, diagnostic, severity_of
from toolkit.diagnostics import Severity
from toolkit.validate import validate

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "validate" / "broken"
LITERAL = re.compile(r"""["'|>]((?:TEI|ARC|HTM|PRN|XSL|SCH)\d{3})\b""")


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_every_code_written_in_the_sources_is_in_the_table() -> None:
    used = {
        code
        for path in [*ROOT.glob("toolkit/**/*.py"), *ROOT.glob("xslt/**/*.xsl")]
        if path.name != "codes.py"
        for code in LITERAL.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the pattern finds the codes"
    assert sorted(used - set(CODES)) == []


def test_every_code_is_documented_with_its_meaning_under_its_heading() -> None:
    for entry in CODES.values():
        page, _, anchor = entry.doc.partition("#")
        text = (ROOT / page).read_text(encoding="utf-8")
        headings = {_slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}
        assert anchor in headings, f"{entry.code}: no heading #{anchor} in {page}"
        section = text.split("\n")
        start = next(i for i, line in enumerate(section) if line.startswith("#") and _slug(line.lstrip("#")) == anchor)
        end = next((i for i in range(start + 1, len(section)) if section[i].startswith("#")), len(section))
        rows = [line for line in section[start:end] if line.startswith(f"| {entry.code} |")]
        assert rows, f"{entry.code} is not in the table under #{anchor} of {page}"
        meaning = rows[0].split("|")[2].strip()
        assert meaning, f"{entry.code} has no meaning in {page}"


@pytest.mark.parametrize("fixture", sorted(BROKEN.glob("*.xml")), ids=lambda p: p.stem)
def test_each_broken_fixture_gets_its_code_with_the_severity_of_the_table(fixture: Path) -> None:
    expected = fixture.stem.split("-", 1)[0]
    found = validate([fixture]).diagnostics
    assert expected in {d.code for d in found}
    for d in found:
        assert d.severity is severity_of(d.code), d


def test_a_code_not_in_the_table_is_refused() -> None:
    with pytest.raises(UnknownCode):
        diagnostic("TEI999", "a.xml", 1, 1, "no such code")


def test_the_table_gives_the_severity() -> None:
    assert diagnostic("TEI701", "a.xml", 1, 1, "unused").severity is Severity.WARNING
    assert diagnostic("TEI201", "a.xml", 1, 1, "dangling").severity is Severity.ERROR
