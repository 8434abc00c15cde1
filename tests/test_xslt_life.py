"""Life dates in the indexes (``xslt/common/life.xsl``): never a bare year where the source only bounds a date."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.publish.xslt import Engine

DRIVER = Path(__file__).resolve().parent / "fixtures" / "xslt" / "life.xsl"
CASES = {
    "both": ('<birth when="1917-05-29"/><death when="1963-11-22"/>', "1917\u20131963"),  # an en dash
    "death-only": ('<death when="1968"/>', "d. 1968"),
    "death-bounded": ('<death notAfter="1974">Before 1974</death>', "d. by 1974"),
    "death-after": ('<death notBefore="1962-10-28"/>', "d. after 1962"),
    "birth-only": ('<birth when="1925"/>', "b. 1925"),
    "birth-and-bounded-death": ('<birth when="1894"/><death notAfter="1974"/>', "b. 1894, d. by 1974"),
    "same-year-bounds": ('<death notBefore="1971-01" notAfter="1971-12"/>', "d. 1971"),
    "undated": ("<death>Unknown</death>", ""),
    "none": ("", ""),
}


@pytest.fixture(scope="module")
def lives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    persons = "".join(f'<person xml:id="{key}">{xml}</person>' for key, (xml, _) in CASES.items())
    source = tmp_path_factory.mktemp("life") / "persons.xml"
    source.write_text(f'<listPerson xmlns="http://www.tei-c.org/ns/1.0">{persons}</listPerson>', encoding="utf-8")
    text = Engine().stylesheet(DRIVER).transform(source).text
    return dict(line.split(": ", 1) if ": " in line else (line.rstrip(":"), "") for line in text.splitlines())


@pytest.mark.parametrize("key", list(CASES))
def test_life_dates_say_what_the_values_say(lives: dict[str, str], key: str) -> None:
    assert lives[key] == CASES[key][1]
