"""One golden-file check for every test: canonicalised comparison, a unified diff, the command that accepts.

A golden file holds an output exactly as a test stores it. The comparison puts both sides in canonical form first
(attribute order, namespace declarations: nothing else, since whitespace in an edition is data), so a change of
serialisation alone is not a failure. On a mismatch the test fails with the diff and the exact command that accepts
the new output after review: the same test run with ``UPDATE_GOLDEN=1``, which rewrites the golden file.
"""

from __future__ import annotations

import difflib
import os
import shlex
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

#: The folder of the golden files, one sub-folder per output (html, print, variants).
GOLDEN = Path(__file__).resolve().parent / "golden"
#: Set to 1 to accept the outputs of the tests being run as their new golden files.
UPDATE = "UPDATE_GOLDEN"
_ROOT = GOLDEN.parent.parent


def canonical_html(html: str) -> str:
    """An HTML page with each element's attributes sorted by name."""
    root = lxml.html.document_fromstring(html)
    for element in root.iter():
        if isinstance(element.tag, str) and len(element.attrib) > 1:
            items = sorted(element.attrib.items())
            element.attrib.clear()
            element.attrib.update(items)
    return "<!DOCTYPE html>\n" + lxml.html.tostring(root, encoding="unicode")


def canonical_xml(text: str) -> str:
    """Canonical XML 2.0 (attributes and namespace declarations in canonical order, comments and whitespace kept)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    return etree.tostring(etree.fromstring(text.encode("utf-8"), parser), method="c14n2").decode("utf-8")


def as_stored(text: str) -> str:
    """No canonical form: the output is compared as it is (JSON, CSV)."""
    return text


def accept_command() -> str:
    """The command that reruns the current test with ``UPDATE_GOLDEN=1``."""
    current = os.environ.get("PYTEST_CURRENT_TEST", "")
    node = current.rsplit(" (", 1)[0] or "tests/"
    return f"{UPDATE}=1 .venv/bin/python -m pytest -n 0 {shlex.quote(node)}"


def check_golden(golden: Path, actual: str, canonical: Callable[[str], str] = as_stored) -> None:
    """Fail with a diff unless ``actual`` equals the golden file in ``canonical`` form; with ``UPDATE_GOLDEN=1``,
    store ``actual`` as the golden file instead."""
    if os.environ.get(UPDATE) == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    shown = golden.relative_to(_ROOT) if golden.is_relative_to(_ROOT) else golden
    if not golden.is_file():
        pytest.fail(f"no golden file {shown}; review the output and create it with: {accept_command()}")
    expected, found = canonical(golden.read_text(encoding="utf-8")), canonical(actual)
    if found != expected:
        lines = difflib.unified_diff(expected.splitlines(), found.splitlines(), str(shown), "actual", lineterm="")
        pytest.fail(
            f"{shown} differs from the output:\n{chr(10).join(lines)}\n"
            f"If the change is right, accept it with: {accept_command()}"
        )
