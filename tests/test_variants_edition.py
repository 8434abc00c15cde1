"""The edition itself: every quotation is identical to its source or its differences are recorded."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import EDITION
from toolkit.cli import main

TEI = "{http://www.tei-c.org/ns/1.0}"
COMMENT = "lebow-stein-comment.xml"


def variants(*args: str):
    return CliRunner().invoke(main, ["variants", *args], catch_exceptions=False)


def test_every_quotation_in_the_edition_is_identical_or_recorded():
    result = variants("--check", str(EDITION))
    assert result.exit_code == 0, result.output
    assert " 0 unrecorded, 0 stale" in result.output


def test_lebow_and_stein_quote_the_cable_and_their_differences_are_confirmed():
    result = variants("--check", "--account", "lebow-stein-comment", str(EDITION))
    checked = re.search(r"(\d+) quotations checked: (\d+) confirmed", result.output)
    assert checked is not None, result.output
    assert int(checked.group(1)) >= 1 and int(checked.group(2)) >= 1


def _change_first_quoted_word(path: Path) -> tuple[str, str]:
    tree = etree.parse(str(path))
    for quote in tree.iter(f"{TEI}quote"):
        if quote.get("source", "").startswith("dobrynin-cable.xml#") and quote.text and quote.text.split():
            word = quote.text.split()[0]
            quote.text = quote.text.replace(word, word + "ly", 1)
            tree.write(str(path), xml_declaration=True, encoding="UTF-8")
            return word, word + "ly"
    pytest.fail(f"no quotation of the cable starting with a word in {path.name}")


def test_changing_one_quoted_word_fails_the_check_and_names_the_difference(tmp_path):
    copy = tmp_path / "tei"
    shutil.copytree(EDITION, copy)
    old, new = _change_first_quoted_word(copy / COMMENT)
    result = variants("--check", str(copy))
    assert result.exit_code == 1, result.output
    assert "UNRECORDED substantive" in result.output
    assert f"«{new}»" in result.output and f"«{old}»" in result.output


def test_interventions_of_each_account_match_an_independent_count():
    counted: dict[str, dict[str, int]] = {}
    for path in sorted(EDITION.glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        ns = {"t": TEI[1:-1]}
        corrections = len(root.xpath("//t:text//t:choice[t:sic or t:corr]", namespaces=ns))
        supplied = len(root.xpath("//t:text//t:supplied", namespaces=ns))
        redactions = len(root.xpath("//t:text//t:gap[@reason='redaction']", namespaces=ns))
        omissions = len(root.xpath("//t:text//t:gap[@reason='editorial']", namespaces=ns))
        other = len(root.xpath("//t:text//t:gap[not(@reason='redaction' or @reason='editorial')]", namespaces=ns))
        if corrections + supplied + redactions + omissions + other:
            counted[root.get("{http://www.w3.org/XML/1998/namespace}id")] = {
                "correction": corrections,
                "supplied": supplied,
                "gap-omission": omissions,
                "gap-redaction": redactions,
                "gap-other": other,
            }
    result = variants("--format", "json", str(EDITION))
    assert json.loads(result.output)["interventions"]["counts"] == counted
