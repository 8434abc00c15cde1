"""What the stylesheets rely on is declared: modes, types, one namespace for our functions, distinct names.

Every ``.xsl`` under ``xslt/`` is parsed with lxml (no Saxon needed). A stylesheet is an entry (a file no other file
imports or includes) with its import/include closure: the modes its templates use must be declared there. Each test
lists its findings as ``file: what`` so that a failure says where to look.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from toolkit.resources import XSLT

XSL = "http://www.w3.org/1999/XSL/Transform"
FUNCTIONS = "urn:x-edition:function"
#: Modes that are not names a stylesheet declares.
BUILT_IN_MODES = {"#default", "#current", "#all", "#unnamed"}

#: Findings known and owned elsewhere, with the reason; each must still be found (remove it when it is fixed).
PENDING: dict[str, str] = {}


def stylesheets() -> list[Path]:
    return sorted(XSLT.rglob("*.xsl"))


def name(path: Path) -> str:
    return path.relative_to(XSLT).as_posix()


@cache
def parsed(path: Path) -> etree._Element:
    # a stylesheet's literal xml:id may be an attribute value template: do not check it as an id
    return etree.parse(str(path), etree.XMLParser(collect_ids=False)).getroot()


def xsl(root: etree._Element, local: str) -> Iterator[etree._Element]:
    return root.iter(f"{{{XSL}}}{local}")


def imported(path: Path) -> list[Path]:
    """The files ``path`` imports or includes."""
    root = parsed(path)
    return [
        (path.parent / e.get("href", "")).resolve() for e in root if e.tag in (f"{{{XSL}}}import", f"{{{XSL}}}include")
    ]


def closure(path: Path) -> list[Path]:
    """``path`` and every file it imports or includes, directly or not."""
    seen: dict[Path, None] = {}
    todo = [path.resolve()]
    while todo:
        file = todo.pop()
        if file not in seen:
            seen[file] = None
            todo += imported(file)
    return list(seen)


def entries() -> list[Path]:
    """The stylesheets no other stylesheet imports or includes (those that are compiled)."""
    modules = {module for path in stylesheets() for module in imported(path)}
    return [path for path in stylesheets() if path.resolve() not in modules]


def qname(element: etree._Element, value: str) -> tuple[str, str, str]:
    """(namespace URI, prefix, local name) of a lexical QName in ``element``'s scope (no prefix: no namespace)."""
    prefix, _, local = value.rpartition(":")
    return (element.nsmap.get(prefix, "") if prefix else "", prefix, local)


def undeclared_modes() -> list[str]:
    findings = []
    for entry in entries():
        files = closure(entry)
        declared = {m.get("name") for f in files for m in xsl(parsed(f), "mode") if m.get("name")}
        for file in files:
            for element in [*xsl(parsed(file), "template"), *xsl(parsed(file), "apply-templates")]:
                for mode in (element.get("mode") or "").split():
                    if mode not in BUILT_IN_MODES and mode not in declared:
                        findings.append(f"{name(file)}: mode {mode} is not declared (stylesheet {name(entry)})")
    return sorted(set(findings))


def untyped() -> list[str]:
    findings = []
    for file in stylesheets():
        for local in ("param", "variable", "function"):
            for element in xsl(parsed(file), local):
                if element.get("as") is None:
                    findings.append(f"{name(file)}:{element.sourceline}: xsl:{local} {element.get('name')} has no @as")
    return findings


def foreign_functions() -> list[str]:
    findings = []
    for file in stylesheets():
        for function in xsl(parsed(file), "function"):
            uri, _, _ = qname(function, function.get("name", ""))
            if uri != FUNCTIONS:
                findings.append(f"{name(file)}: {function.get('name')} is in {uri or 'no namespace'}")
    return findings


def prefixes_bound_twice() -> list[str]:
    bindings: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for file in stylesheets():
        for element in parsed(file).iter():
            if isinstance(element.tag, str):
                parent = element.getparent()
                inherited = parent.nsmap if parent is not None else {}
                for prefix, uri in element.nsmap.items():
                    if prefix is not None and inherited.get(prefix) != uri and name(file) not in bindings[prefix][uri]:
                        bindings[prefix][uri].append(name(file))
    findings = []
    for prefix, uris in sorted(bindings.items()):
        if len(uris) > 1:
            # the URI most files use is given bare, the others with the files that bind the prefix to them
            usual = max(uris, key=lambda uri: len(uris[uri]))
            others = [f"{uri} ({', '.join(files)})" for uri, files in sorted(uris.items()) if uri != usual]
            findings.append(f"prefix {prefix}: {', '.join(others)}, {usual}")
    return findings


def functions_named_as_templates() -> list[str]:
    functions: dict[tuple[str, str], str] = {}
    templates: dict[tuple[str, str], str] = {}
    for file in stylesheets():
        for function in xsl(parsed(file), "function"):
            uri, _, local = qname(function, function.get("name", ""))
            functions[(uri, local)] = f"{name(file)}: {function.get('name')}"
        for template in xsl(parsed(file), "template"):
            if template.get("name"):
                uri, _, local = qname(template, template.get("name", ""))
                templates[(uri, local)] = name(file)
    return sorted(
        f"{where} is also a named template in {templates[key]}" for key, where in functions.items() if key in templates
    )


RULES = {
    "undeclared_modes": undeclared_modes,
    "untyped": untyped,
    "foreign_functions": foreign_functions,
    "prefixes_bound_twice": prefixes_bound_twice,
    "functions_named_as_templates": functions_named_as_templates,
}


@pytest.mark.parametrize("rule", RULES)
def test_the_stylesheets_follow_the_rule(rule: str) -> None:
    findings = [finding for finding in RULES[rule]() if finding not in PENDING]
    assert findings == [], f"{len(findings)} finding(s):\n" + "\n".join(findings)


def test_every_pending_finding_is_still_found() -> None:
    found = {finding for rule in RULES.values() for finding in rule()}
    assert [finding for finding in PENDING if finding not in found] == []


def test_the_lint_sees_the_stylesheets() -> None:
    assert len(stylesheets()) > 10 and any(name(path) == "html/account.xsl" for path in entries())
