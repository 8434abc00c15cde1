"""ISO Schematron: gathered from a ``.sch`` file, a RELAX NG schema or an ODD, compiled to XSLT 3.0, run on Saxon.

The compiler covers what TEI and most projects use: ``ns``, ``let`` (schema, pattern and rule level), ``pattern``,
``rule`` (``@context``, abstract rules and ``extends``), ``assert`` and ``report`` (``@test``, ``@role``, ``@id``),
and in messages ``value-of``, ``name`` and the inline ``emph``/``dir``/``span``. Abstract patterns, ``include`` and
phases are refused with a message rather than run half-understood. Each pattern is an XSLT mode: every element
(and attribute, when a context can match one) is offered to it, and its first matching rule fires, as the standard
says. Saxon compiles the stylesheet once per run (:mod:`toolkit.publish.xslt`, the toolkit's one Saxon seam); each
finding comes back as a map with the ``path()`` of its node, located on the lxml tree.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from toolkit.codes import diagnostic
from toolkit.corpus import Document, readable_xpath
from toolkit.diagnostics import Diagnostic, Severity
from toolkit.errors import ToolkitError

__all__ = [
    "SCH_NS",
    "CompiledSchematron",
    "SchematronError",
    "compile_schematron",
    "load_schematron",
    "patterns_of",
    "standalone",
]

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
TEI_NS = "http://www.tei-c.org/ns/1.0"
_S = f"{{{SCH_NS}}}"
_X = f"{{{XSL_NS}}}"
#: queryBindings run as XPath 3.1 on Saxon (XPath 1 and 2 expressions are, with rare exceptions, XPath 3.1 too).
QUERY_BINDINGS = frozenset({"", "xslt", "xslt1", "xslt2", "xslt3", "xpath", "xpath2", "xpath3", "xpath31"})
#: ``@role`` values that make a finding a warning; any other role (or none) is an error, as Oxygen reads them.
WARNING_ROLES = frozenset({"warning", "warn", "nonfatal", "info", "information", "informational", "caution"})
_ALWAYS_NS = {
    "xs": "http://www.w3.org/2001/XMLSchema",
    "map": "http://www.w3.org/2005/xpath-functions/map",
    "err": "http://www.w3.org/2005/xqt-errors",
}


class SchematronError(ToolkitError):
    """A Schematron cannot be gathered or compiled (a usage problem, exit status 2)."""


@dataclass(frozen=True)
class Check:
    """One ``assert`` or ``report``: what the finding will say about itself."""

    code: str
    severity: Severity
    report: bool


def _parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        return etree.parse(str(path), parser)
    except (OSError, etree.XMLSyntaxError) as exc:
        raise SchematronError(f"cannot load Schematron {path}: {exc}") from None


def patterns_of(root: etree._Element) -> list[etree._Element]:
    """The ``sch:pattern``s of a Schematron schema, a RELAX NG schema or an ODD, as patterns.

    An ODD's ``constraintSpec`` may hold a bare ``rule`` (wrapped in a pattern) or bare ``assert``/``report``s
    (wrapped in a rule whose context is the element the enclosing ``elementSpec`` defines), as TEI's ODD processor does.
    """
    found: list[etree._Element] = []
    for constraint in root.iter(f"{{{TEI_NS}}}constraint"):
        found.extend(_odd_patterns(constraint))
    if root.tag == f"{_S}schema":
        found.extend(root.iter(f"{_S}pattern"))
    else:
        found.extend(p for p in root.iter(f"{_S}pattern") if not _inside_odd_constraint(p))
    return found


def _inside_odd_constraint(element: etree._Element) -> bool:
    return any(a.tag == f"{{{TEI_NS}}}constraint" for a in element.iterancestors())


def _odd_patterns(constraint: etree._Element) -> list[etree._Element]:
    children = [c for c in constraint if isinstance(c.tag, str) and c.tag.startswith(_S)]
    patterns = [c for c in children if c.tag == f"{_S}pattern"]
    rules = [c for c in children if c.tag == f"{_S}rule"]
    checks = [c for c in children if c.tag in (f"{_S}assert", f"{_S}report")]
    spec = constraint.getparent()  # the constraintSpec
    ident = _ident(constraint)
    if rules:
        pattern = etree.Element(f"{_S}pattern", id=ident, nsmap=constraint.nsmap)
        pattern.extend(_copy(r) for r in rules)
        patterns.append(pattern)
    if checks and spec is not None:
        context = _odd_context(spec)
        if context:
            pattern = etree.Element(f"{_S}pattern", id=ident, nsmap=constraint.nsmap)
            rule = etree.SubElement(pattern, f"{_S}rule", context=context)
            rule.extend(_copy(c) for c in checks)
            patterns.append(pattern)
    return patterns


def _copy(element: etree._Element) -> etree._Element:
    copy = etree.fromstring(etree.tostring(element))
    copy.sourceline = element.sourceline
    return copy


def _ident(constraint: etree._Element) -> str:
    spec = constraint.getparent()
    owner = spec.getparent() if spec is not None else None
    parts = [owner.get("ident") if owner is not None else None, spec.get("ident") if spec is not None else None]
    return "-".join(p for p in parts if p) or "constraint"


def _odd_context(spec: etree._Element) -> str | None:
    """The context TEI's ODD processor gives a bare assertion: the element being specified (or its attribute)."""
    holder = spec.getparent()
    attribute = None
    while holder is not None and holder.tag != f"{{{TEI_NS}}}elementSpec":
        if holder.tag == f"{{{TEI_NS}}}attDef":
            attribute = holder.get("ident")
        holder = holder.getparent()
    if holder is None or not holder.get("ident"):
        return None
    prefix = "tei" if (holder.get("ns") or TEI_NS) == TEI_NS else None
    name = f"{prefix}:{holder.get('ident')}" if prefix else f"*[local-name() = '{holder.get('ident')}']"
    return f"{name}/@{attribute}" if attribute else name


def _namespaces(root: etree._Element, patterns: Iterable[etree._Element]) -> dict[str, str]:
    """The ``sch:ns`` declarations wherever they stand (a RELAX NG schema scatters them), then the fallbacks."""
    declared = dict(_ALWAYS_NS)
    declared.setdefault("tei", TEI_NS)
    for ns in root.iter(f"{_S}ns"):
        if ns.get("prefix") and ns.get("uri"):
            declared[ns.get("prefix")] = ns.get("uri")
    for pattern in patterns:  # a prefix used without sch:ns: the namespace in scope where it is written
        for prefix, uri in pattern.nsmap.items():
            if prefix and prefix not in declared and prefix not in {"xsl", "sch"}:
                declared[prefix] = uri
    return declared


def _matches_attributes(context: str) -> bool:
    """Whether a rule context can match an attribute node (then attributes are offered to its pattern too)."""
    outside = re.sub(r"\[[^\[\]]*\]", "", re.sub(r"\[[^\[\]]*\]", "", context))
    return "@" in outside or "attribute::" in outside


_NAME_STEP = re.compile(r"^(?:[\w.-]+:)?[\w.-]+$")


def _outside_brackets(text: str) -> str:
    """``text`` with its predicates (and parenthesised parts) blanked, nested ones included."""
    out, depth = [], 0
    for char in text:
        depth += char in "[("
        out.append(char if depth == 0 else " ")
        depth -= char in "])"
    return "".join(out)


def _candidates(contexts: list[str]) -> str:
    """The nodes to offer a pattern: the elements its rules' last steps name (Saxon finds those quickly), or every
    element (and attribute, when a context can match one) when a context names no element."""
    names: set[str] = set()
    for context in contexts:
        plain = _outside_brackets(context)
        for start, end in _alternatives(plain):
            cut = start + plain[start:end].rfind("/") + 1  # the last step, found where no predicate can mislead
            name = context[cut:end].split("[", 1)[0].strip()
            if not _NAME_STEP.match(name):
                if any("text()" in c or "node()" in c for c in contexts):
                    return "//(node()|@*)"
                return "//(*|@*)" if any(_matches_attributes(c) for c in contexts) else "//*"
            names.add(name)
    return "//(" + " | ".join(sorted(names)) + ")"


def _alternatives(plain: str) -> list[tuple[int, int]]:
    """The spans of a pattern's ``|``-separated alternatives (``plain`` has its brackets blanked)."""
    spans, start = [], 0
    for index, char in enumerate(plain):
        if char == "|":
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(plain)))
    return spans


def _code(check: etree._Element, rule: etree._Element, pattern: etree._Element) -> str:
    """The rule author's id (assertion, else rule, else pattern), else ``SCH`` and a hash of what is tested."""
    for element in (check, rule, pattern):
        if element.get("id"):
            return element.get("id")
    import hashlib  # compiling a Schematron needs it; a run that only asks whether a schema has one does not

    basis = " ".join(f"{rule.get('context') or ''}|{check.get('test') or ''}".split())
    return "SCH" + hashlib.sha1(basis.encode()).hexdigest()[:6]


class _Builder:
    """Turns patterns into one XSLT 3.0 stylesheet."""

    def __init__(self, root: etree._Element, patterns: list[etree._Element], source: Path) -> None:
        self.root = root
        self.patterns = patterns
        self.source = source
        self.checks: list[Check] = []
        self.abstract = {r.get("id"): r for r in root.iter(f"{_S}rule") if r.get("abstract") == "true" and r.get("id")}

    def build(self) -> str:
        namespaces = _namespaces(self.root, self.patterns)
        nsmap = {"xsl": XSL_NS, **{p: u for p, u in namespaces.items() if p != "xsl"}}
        sheet = etree.Element(f"{_X}stylesheet", version="3.0", nsmap=nsmap)
        sheet.set("exclude-result-prefixes", "#all")
        etree.SubElement(sheet, f"{_X}output", method="json", indent="no")
        if self.root.tag == f"{_S}schema":
            for let in self.root.findall(f"{_S}let"):
                sheet.append(self._variable(let, parameter=False))
        main = etree.SubElement(sheet, f"{_X}template", match="/")
        found = etree.SubElement(main, f"{_X}variable", name="found", **{"as": "map(*)*"})
        for number, pattern in enumerate(self.patterns):
            mode = f"p{number}"
            etree.SubElement(sheet, f"{_X}mode", name=mode, **{"on-no-match": "deep-skip"})
            rules = [r for r in pattern.iter(f"{_S}rule") if r.get("abstract") != "true"]
            nodes = _candidates([r.get("context") or "" for r in rules])
            etree.SubElement(found, f"{_X}apply-templates", select=nodes, mode=mode)
            for index, rule in enumerate(rules):
                sheet.append(self._template(pattern, rule, mode, len(rules) - index))
        etree.SubElement(main, f"{_X}sequence", select="array { $found }")
        return etree.tostring(sheet, encoding="unicode")

    def _template(self, pattern: etree._Element, rule: etree._Element, mode: str, priority: int) -> etree._Element:
        context = rule.get("context")
        if not context:
            raise SchematronError(f"{self.source}:{rule.sourceline}: a rule without @context")
        template = etree.Element(f"{_X}template", match=context, mode=mode, priority=str(priority))
        for let in pattern.findall(f"{_S}let"):
            template.append(self._variable(let, parameter=False))
        for child in self._rule_children(rule, depth=0):
            if child.tag == f"{_S}let":
                template.append(self._variable(child, parameter=False))
            elif child.tag in (f"{_S}assert", f"{_S}report"):
                template.append(self._check(child, rule, pattern))
        return template

    def _rule_children(self, rule: etree._Element, depth: int) -> list[etree._Element]:
        if depth > 8:
            raise SchematronError(f"{self.source}:{rule.sourceline}: rules extend each other in a loop")
        out: list[etree._Element] = []
        for child in rule:
            if child.tag == f"{_S}extends":
                base = self.abstract.get(child.get("rule") or "")
                if base is None:
                    raise SchematronError(f"{self.source}:{child.sourceline}: no abstract rule {child.get('rule')!r}")
                out.extend(self._rule_children(base, depth + 1))
            elif isinstance(child.tag, str):
                out.append(child)
        return out

    def _variable(self, let: etree._Element, *, parameter: bool) -> etree._Element:
        name = let.get("name")
        if not name:
            raise SchematronError(f"{self.source}:{let.sourceline}: a let without @name")
        variable = etree.Element(f"{_X}param" if parameter else f"{_X}variable", name=name)
        if let.get("value") is not None:
            variable.set("select", let.get("value"))
        else:  # a let whose value is its content (a node set written out)
            variable.extend(_copy(c) for c in let)
        return variable

    def _check(self, check: etree._Element, rule: etree._Element, pattern: etree._Element) -> etree._Element:
        test = check.get("test")
        if not test:
            raise SchematronError(f"{self.source}:{check.sourceline}: an assertion without @test")
        is_report = check.tag == f"{_S}report"
        role = (check.get("role") or rule.get("role") or "").strip().lower()
        severity = Severity.WARNING if role in WARNING_ROLES else Severity.ERROR
        self.checks.append(Check(_code(check, rule, pattern), severity, is_report))
        number = len(self.checks) - 1
        # a test that raises a dynamic error (a cast of a bad value) is a finding, not the end of the run
        guard = etree.Element(f"{_X}try")
        condition = etree.SubElement(guard, f"{_X}if", test=f"({test})" if is_report else f"not({test})")
        message = etree.SubElement(condition, f"{_X}variable", name="message", **{"as": "xs:string"})
        value = etree.SubElement(message, f"{_X}value-of")
        self._message(check, value)
        entry = etree.SubElement(condition, f"{_X}sequence")
        entry.set("select", f"map {{ 'c': {number}, 'p': path(), 'm': normalize-space($message) }}")
        caught = etree.SubElement(guard, f"{_X}catch")
        caught.set(
            "select", f"map {{ 'c': {number}, 'p': path(), 'm': 'the test cannot be evaluated: ' || $err:description }}"
        )
        return guard

    def _message(self, source: etree._Element, into: etree._Element) -> None:
        """The assertion's text, with its ``value-of`` and ``name`` evaluated, into an ``xsl:value-of``."""
        into.text = source.text
        last: etree._Element | None = None
        for child in source:
            if child.tag == f"{_S}value-of":
                last = etree.SubElement(into, f"{_X}value-of", select=child.get("select") or "''")
            elif child.tag == f"{_S}name":
                last = etree.SubElement(into, f"{_X}value-of", select=f"name({child.get('path') or '.'})")
            elif isinstance(child.tag, str):  # emph, dir, span, foreign: their text
                last = etree.SubElement(into, f"{_X}text")
                last.text = "".join(child.itertext())
            else:
                continue
            last.tail = child.tail
        if last is None and not into.text:
            into.text = ""


def compile_schematron(path: Path) -> tuple[str, list[Check]]:
    """The XSLT 3.0 text for the Schematron in ``path`` (a ``.sch``, a RELAX NG schema or an ODD), and its checks."""
    root = _parse(path).getroot()
    if root.tag == f"{_S}schema":
        binding = (root.get("queryBinding") or "").lower()
        if binding not in QUERY_BINDINGS:
            raise SchematronError(f"{path}: queryBinding {binding!r} is not supported (xslt2, xslt3 are)")
        for unsupported in ("include", "phase"):
            if root.find(f".//{_S}{unsupported}") is not None and unsupported == "include":
                raise SchematronError(f"{path}: sch:include is not supported: put the patterns in one file")
    patterns = patterns_of(root)
    for pattern in patterns:
        if pattern.get("abstract") == "true" or pattern.get("is-a"):
            raise SchematronError(f"{path}:{pattern.sourceline}: abstract patterns are not supported")
    builder = _Builder(root, patterns, path)
    return builder.build(), builder.checks


def standalone(path: Path) -> etree._Element:
    """The Schematron gathered from ``path`` as one ISO ``sch:schema`` (for another engine, or to read)."""
    root = _parse(path).getroot()
    if root.tag == f"{_S}schema":
        return root
    patterns = patterns_of(root)
    schema = etree.Element(f"{_S}schema", queryBinding="xslt2", nsmap={"sch": SCH_NS})
    for prefix, uri in _namespaces(root, patterns).items():
        etree.SubElement(schema, f"{_S}ns", prefix=prefix, uri=uri)
    schema.extend(_copy(p) for p in patterns)
    return schema


class CompiledSchematron:
    """A Schematron compiled once per run; :meth:`check` runs it on one document."""

    def __init__(self, path: Path) -> None:
        import tempfile

        from toolkit.publish.xslt import Engine, XsltError

        self.path = path
        text, self.checks = compile_schematron(path)
        self._engine = Engine()
        self._lock = threading.Lock()
        with tempfile.TemporaryDirectory(prefix="edition-sch-") as folder:
            compiled = Path(folder) / (path.stem + ".xsl")
            compiled.write_text(text, encoding="utf-8")
            try:
                self._stylesheet = self._engine.stylesheet(compiled)
            except XsltError as exc:
                raise SchematronError(f"the Schematron of {path} does not compile: {exc}") from None

    @property
    def empty(self) -> bool:
        """True when the schema holds no assertion (a RELAX NG schema without embedded Schematron)."""
        return not self.checks

    def check(self, doc: Document, tree: etree._ElementTree | None = None) -> list[Diagnostic]:
        """The findings on ``doc`` (or on ``tree``, its expanded form), each at its node's element."""
        from toolkit.publish.xslt import XsltError

        if self.empty:
            return []
        source = tree if tree is not None else doc.tree
        with self._lock:
            node = self._engine.parse(etree.tostring(source, encoding="unicode"), base_uri=doc.path.as_uri())
            try:
                result = self._stylesheet.transform(node)
            except XsltError as exc:
                message = str(exc).split(": ", 1)[-1]
                return [diagnostic("SCH000", doc.display_path(), 1, 1, message)]
        import json

        return [self._diagnostic(doc, source, found) for found in json.loads(result.text or "[]")]

    def _diagnostic(self, doc: Document, tree: etree._ElementTree, found: dict[str, Any]) -> Diagnostic:
        from toolkit.publish.xslt import lxml_path

        check = self.checks[int(found["c"])]
        elements = tree.xpath(lxml_path(found["p"])) if found["p"] else []
        element = elements[0] if elements else None
        line = (element.sourceline if element is not None else None) or 1
        column = doc.column_of(element) if element is not None else 1
        xpath = readable_xpath(element) if element is not None else ""
        return Diagnostic(check.code, check.severity, doc.display_path(), line, column, found["m"], xpath)


@cache
def load_schematron(path: Path) -> CompiledSchematron | None:
    """The Schematron of ``path``, compiled once per process; ``None`` when it holds no pattern (Saxon not started)."""
    root = _parse(path).getroot()
    if root.tag != f"{_S}schema" and not patterns_of(root):
        return None
    return CompiledSchematron(path)
