"""The schema layer: XSD (libxml2, ``xmlschema`` explains failures), RELAX NG (jing, else libxml2) and Schematron.

Which schemas check a file, by precedence: ``--schema``, then the project file (both reach :func:`validate` as
``schemas``), then the file's own ``xml-model`` declarations (:mod:`toolkit.validate.xmlmodel`), then our default.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from toolkit.codes import diagnostic
from toolkit.corpus import Document, readable_xpath
from toolkit.diagnostics import Diagnostic
from toolkit.errors import ToolkitError
from toolkit.resources import EDITION_XSD as EDITION_XSD  # our TEI subset, the default schema (re-exported)
from toolkit.validate.xinclude import XI_INCLUDE, expand_includes, expands
from toolkit.validate.xmlmodel import SCHEMATRON_NS, SchemaRef, declared_schemas, schema_ref

if TYPE_CHECKING:  # jing is a process of its own only for a RELAX NG schema: an XSD run does not import this
    import subprocess

__all__ = [
    "DEFAULT_SCHEMA",
    "EDITION_XSD",
    "FileChecker",
    "JingSchema",
    "Schema",
    "SchemaLoadError",
    "SchemaRef",
    "jing_schema",
    "load_schema",
    "schema_ref",
]


class SchemaLoadError(ToolkitError):
    """The schema itself cannot be read or compiled (a usage problem, exit status 2)."""


class Schema:
    """A compiled schema, one libxml2 validator per thread (their error logs are not shareable)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.relaxng = path.suffix.lower() == ".rng"
        self._local = threading.local()
        self._local.validator = self._compile()

    def _compile(self) -> etree.XMLSchema | etree.RelaxNG:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            tree = etree.parse(str(self.path), parser)
            return etree.RelaxNG(tree) if self.relaxng else etree.XMLSchema(tree)
        except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError, etree.RelaxNGParseError) as exc:
            raise SchemaLoadError(f"cannot load schema {self.path}: {exc}") from None

    def _validator(self) -> etree.XMLSchema | etree.RelaxNG:
        validator = getattr(self._local, "validator", None)
        if validator is None:
            validator = self._local.validator = self._compile()
        return validator

    def check(self, doc: Document, tree: etree._ElementTree | None = None) -> list[Diagnostic]:
        """Diagnostics for ``doc`` (or ``tree``: it with its includes expanded) against this schema; empty if valid."""
        validator = self._validator()
        if validator.validate(tree if tree is not None else doc.tree):
            return []
        if not self.relaxng:
            explained = explain(self.path, doc, tree)
            if explained:
                return explained
        return [_from_libxml2(doc, entry) for entry in validator.error_log]


@cache
def load_schema(path: Path) -> Schema:
    """The compiled schema at ``path``, built once per process."""
    return Schema(path)


class JingSchema:
    """A RELAX NG schema checked by jing, one Java process for all the files.

    jing compiles ``tei_all.rng`` in about a second where libxml2 takes six, and its messages carry columns. Only files
    the hardened parser accepted are handed to it, so it never meets a DTD or an entity.
    """

    def __init__(self, path: Path, jing: str) -> None:
        self.path = path
        self.jing = jing

    def check_all(self, docs: Sequence[Document]) -> list[Diagnostic]:
        """Diagnostics for every document; raise :class:`SchemaLoadError` if jing cannot use the schema."""
        return self.finish(*self.start(docs))

    def start(self, docs: Sequence[Document]) -> tuple[subprocess.Popen[str] | None, dict[str, Document]]:
        """Start jing on ``docs`` and return at once (the caller works on meanwhile); :meth:`finish` collects."""
        import subprocess

        by_path = {str(doc.path): doc for doc in docs}
        if not docs:
            return None, by_path
        try:
            command = [self.jing, str(self.path), *by_path]
            return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), by_path
        except OSError as exc:
            raise SchemaLoadError(f"cannot run jing on {self.path}: {exc}") from None

    def finish(self, process: subprocess.Popen[str] | None, by_path: dict[str, Document]) -> list[Diagnostic]:
        """jing's findings on the documents :meth:`start` gave it."""
        if process is None:
            return []
        import subprocess

        try:
            stdout, stderr = process.communicate(timeout=3600)
        except subprocess.SubprocessError as exc:
            process.kill()
            raise SchemaLoadError(f"cannot run jing on {self.path}: {exc}") from None
        done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        out: list[Diagnostic] = []
        lines: dict[str, dict[int, list[etree._Element]]] = {}
        for line in done.stdout.splitlines():
            match = _JING_LINE.match(line)
            if match is None:
                continue
            doc = by_path.get(match["file"])
            if doc is None:
                raise SchemaLoadError(f"cannot load schema {self.path}: {match['message']}")
            if match["file"] not in lines:
                lines[match["file"]] = _by_line(doc)
            on_line = lines[match["file"]].get(int(match["line"]), [])
            out.append(_from_jing(doc, on_line, int(match["line"]), int(match["column"]), match["message"]))
        if done.returncode != 0 and not out:
            problem = " ".join(x for x in (done.stdout + done.stderr).splitlines() if not x.startswith("[warning]"))
            raise SchemaLoadError(f"cannot load schema {self.path}: {problem or 'jing failed'}")
        return out


def jing_schema(path: Path) -> JingSchema | None:
    """jing for a RELAX NG schema when it is installed, else ``None`` (libxml2 then does the work)."""
    jing = shutil.which("jing")
    return JingSchema(path, jing) if jing and path.suffix.lower() == ".rng" else None


class FileChecker:
    """The schema layer, one file at a time: which schemas check it, then each of them.

    ``schemas`` are those ``--schema`` or the project file give (for every file); ``None`` means each file's own
    ``xml-model`` declarations, else our default (``edition.xsd``). A RELAX NG grammar is left to jing, in one
    process per schema for all the files (:meth:`check_batches`), when jing is installed and the file needs no
    XInclude expansion; everything else (XSD, RELAX NG by libxml2, Schematron) is checked here. Picklable: a worker
    process rebuilds what it compiles, once.
    """

    def __init__(
        self, schemas: Sequence[SchemaRef] | None = None, *, use_jing: bool = True, overlap: bool = False
    ) -> None:
        """``overlap``: leave the Schematron to :meth:`check_batches`, which runs it while jing runs (in process:
        the two use both cores; on workers, leave it off and the Schematron runs there)."""
        self.schemas = tuple(schemas) if schemas is not None else None
        self.jing = shutil.which("jing") if use_jing else None
        self.overlap = overlap
        for ref in self.schemas or ():
            if ref.grammar:
                continue  # its Schematron, if any, is looked for when a file is checked
            from toolkit.validate.schematron import load_schematron  # an XSD run does not pay for importing it

            if load_schematron(ref.path) is None:
                raise SchemaLoadError(f"cannot load schema {ref.path}: it holds no grammar and no Schematron")

    @property
    def may_batch(self) -> bool:
        """True when jing may be given files (so the documents must be at hand here, not only on the workers)."""
        return bool(self.jing) and (self.schemas is None or any(r.grammar and r.relaxng for r in self.schemas))

    def refs(self, doc: Document) -> tuple[list[SchemaRef], list[Diagnostic]]:
        """The schemas for ``doc`` by precedence, and the warnings about the ones it declares but cannot be used."""
        if self.schemas is not None:
            return list(self.schemas), []
        declared, warnings = declared_schemas(doc)
        if declared or warnings:
            return declared, warnings
        return [DEFAULT_SCHEMA], []

    def check(self, doc: Document) -> list[Diagnostic]:
        """Every schema finding on ``doc`` but those jing will give (see :meth:`check_batches`)."""
        refs, out = self.refs(doc)
        tree, problems = expand_includes(doc)
        if problems:  # an incomplete file: its includes are the problem, not the schema's view of it
            return out + problems
        expanded = tree if tree is not doc.tree else None
        for ref in refs:
            if ref.grammar and not (self.jing and ref.relaxng and expanded is None):
                out.extend(load_schema(ref.path).check(doc, expanded))
        return out if self.overlap else out + self._schematron(doc, refs, expanded)

    def _schematron(
        self, doc: Document, refs: Sequence[SchemaRef], expanded: etree._ElementTree | None
    ) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for ref in refs:
            if ref.schematron and _may_hold_schematron(ref.path):
                from toolkit.validate.schematron import load_schematron  # only a file with Schematron pays for it

                if (schematron := load_schematron(ref.path)) is not None:
                    out.extend(schematron.check(doc, expanded))
        return out

    def _deferred_schematron(self, doc: Document) -> list[Diagnostic]:
        tree, problems = expand_includes(doc)
        if problems:
            return []
        return self._schematron(doc, self.refs(doc)[0], tree if tree is not doc.tree else None)

    def check_batches(self, docs: Sequence[Document]) -> list[Diagnostic]:
        """jing's findings: one run per RELAX NG grammar over the files it checks (as written on disk); with
        ``overlap``, the Schematron's findings too, found while jing runs."""
        groups: dict[Path, list[Document]] = {}
        for doc in docs if self.jing else ():
            if any(expands(include, doc.path) for include in doc.root.iter(XI_INCLUDE)):
                continue  # checked with its includes expanded, by libxml2, in check()
            for ref in self.refs(doc)[0]:
                if ref.grammar and ref.relaxng:
                    groups.setdefault(ref.path, []).append(doc)
        running = [
            (JingSchema(path, self.jing), JingSchema(path, self.jing).start(group)) for path, group in groups.items()
        ]
        out = [d for doc in docs for d in self._deferred_schematron(doc)] if self.overlap else []
        return out + [d for jing, (process, by_path) in running for d in jing.finish(process, by_path)]


@cache
def _may_hold_schematron(path: Path) -> bool:
    """False when the file never names the Schematron namespace, so holds no pattern (its parse and the import of
    the Schematron compiler are spared); ``True`` when unsure (unreadable: the Schematron loader says why)."""
    try:
        return SCHEMATRON_NS.encode() in path.read_bytes()
    except OSError:
        return True


#: Our default: the edition's TEI subset, grammar only (it embeds no Schematron).
DEFAULT_SCHEMA = SchemaRef(EDITION_XSD.resolve(), grammar=True, schematron=False, origin="default")


_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?:error|fatal): (?P<message>.*)$")
_JING_CODES = (
    ("TEI101", re.compile(r"^element \S+ not allowed (here|anywhere)")),
    ("TEI102", re.compile(r"^element \S+ missing required attribute")),
    ("TEI103", re.compile(r"^attribute \S+ not allowed")),
    ("TEI104", re.compile(r"^(bad )?value of attribute|^character content of element \S+ invalid")),
    ("TEI105", re.compile(r"^element \S+ incomplete|^element \S+ missing required")),
)


def _from_jing(doc: Document, on_line: list[etree._Element], line: int, column: int, text: str) -> Diagnostic:
    text = re.sub(r' \(with xmlns:ns="[^"]*"\)', "", text).replace('"ns:', '"')
    message, _, expected = text.partition("; expected ")
    code = next((code for code, pattern in _JING_CODES if pattern.search(message)), "TEI100")
    # jing points just past the start tag: the element is the last one starting on the line before that column
    before = [element for element in on_line if doc.column_of(element) <= column]
    element = before[-1] if before else None
    hint = f"expected {expected}" if expected else None
    if hint and len(hint) > 300:
        hint = hint[:297] + "..."
    xpath = readable_xpath(element) if element is not None else ""
    return diagnostic(code, doc.display_path(), line, column, message, xpath, hint)


def _by_line(doc: Document) -> dict[int, list[etree._Element]]:
    lines: dict[int, list[etree._Element]] = {}
    for element in doc.root.iter(etree.Element):
        lines.setdefault(element.sourceline or 1, []).append(element)
    return lines


def _from_libxml2(doc: Document, entry: etree._LogEntry) -> Diagnostic:
    message = entry.message.replace(f"{{{_TEI}}}", "")
    return diagnostic("TEI100", doc.display_path(), entry.line or 1, entry.column or 1, message)


_TEI = "http://www.tei-c.org/ns/1.0"
_XSD_LOCK = threading.Lock()


@cache
def _xmlschema(path: Path) -> object:
    import xmlschema  # imported only when a file is invalid: building it costs a few hundred ms

    return xmlschema.XMLSchema10(str(path), allow="local")  # never fetch an import from the network


def explain(path: Path, doc: Document, tree: etree._ElementTree | None = None) -> list[Diagnostic]:
    """Plain-words, element-located diagnostics for an XSD failure, from the ``xmlschema`` package."""
    import xmlschema

    with _XSD_LOCK:
        try:
            schema = _xmlschema(path)
        except xmlschema.XMLSchemaException:
            return []  # a schema libxml2 accepts but xmlschema cannot build: libxml2's messages will do
        errors = list(schema.iter_errors(tree if tree is not None else doc.tree))  # type: ignore[attr-defined]
    out: list[Diagnostic] = []
    for error in errors:
        if isinstance(error, xmlschema.XMLSchemaValidationError):
            out.append(_from_xmlschema(doc, error))
    return out


def _name(element: etree._Element | None) -> str:
    if element is None or not isinstance(element.tag, str):
        return "?"
    return etree.QName(element).localname


def _from_xmlschema(doc: Document, error: object) -> Diagnostic:
    import xmlschema

    elem: etree._Element | None = getattr(error, "elem", None)
    reason = str(getattr(error, "reason", "") or "")
    code, element, message, hint = "TEI100", elem, reason, None
    if isinstance(error, xmlschema.XMLSchemaChildrenValidationError):
        child = error.invalid_child
        expected = _expected(error)
        if child is not None:
            code, element = "TEI101", child
            message = f"<{_name(child)}> is not allowed here, inside <{_name(elem)}>"
            hint = f"allowed at this point: {expected}" if expected else f"<{_name(elem)}> must end here"
        else:
            code = "TEI105"
            message = f"<{_name(elem)}> is incomplete: a required child is missing"
            hint = f"expected: {expected}" if expected else None
    elif "missing required attribute" in reason:
        attribute = reason.split("missing required attribute", 1)[1].strip(" '\"")
        code, message = "TEI102", f"<{_name(elem)}> lacks the required attribute @{_plain(attribute)}"
    elif unknown := _UNKNOWN_ATTRIBUTE.search(reason):
        attribute = _plain(unknown[1] or unknown[2])
        code, message = "TEI103", f"<{_name(elem)}> does not allow the attribute @{attribute}"
        hint = "the schema allows only the attributes the edition uses (see schemas/README.md)"
    elif value := _BAD_VALUE.match(reason):
        code = "TEI104"
        message = f"<{_name(elem)}>: @{_plain(value['name'])}={value['value']} is not a valid value"
        hint = _TYPE_HINTS.get(
            _plain(str(getattr(getattr(error, "validator", None), "name", ""))), _plain(value["why"])
        )
    elif elem is not None and elem.getparent() is None and etree.QName(elem).namespace != _TEI:
        message = f"<{_name(elem)}> is not a TEI element: the root is outside the TEI namespace"
        hint = f'declare the TEI namespace on the root: <{_name(elem)} xmlns="{_TEI}">'
    else:
        message = f"<{_name(elem)}>: {_plain(reason)}"
    line = (element.sourceline if element is not None else None) or 1
    column = doc.column_of(element) if element is not None else 1
    xpath = readable_xpath(element) if element is not None else ""
    return diagnostic(code, doc.display_path(), line, column, message, xpath, hint)


#: Plain-words expectations for our datatypes, by their name in edition.xsd.
_TYPE_HINTS = {
    "temporal": "expected an ISO 8601 date or time (W3C form): 1962-10-27, 1962-10, 1962, 19:45:00-04:00, "
    "1962-10-27T19:45:00-04:00",
    "certainty": "expected high, medium, low, unknown, or a number from 0 to 1",
    "word": "expected one word, without spaces",
    "somePointers": "expected one or more pointers separated by spaces (#id, file.xml#id or a URL)",
}
_UNKNOWN_ATTRIBUTE = re.compile(r"'([^']+)' attribute not allowed|'([^']+)' is not an attribute")
_BAD_VALUE = re.compile(r"attribute (?P<name>\S+)=(?P<value>'.*?'): (?P<why>.*)", re.DOTALL)


def _expected(error: object) -> str:
    names: list[str] = []
    for item in getattr(error, "expected", None) or []:
        name = f"<{getattr(item, 'local_name', None) or item}>"
        if name not in names:
            names.append(name)
    return ", ".join(names[:12])


def _plain(text: str) -> str:
    return text.replace(f"{{{_TEI}}}", "").replace("{http://www.w3.org/XML/1998/namespace}", "xml:")
