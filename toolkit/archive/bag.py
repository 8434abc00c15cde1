"""Export the edition as a BagIt bag (RFC 8493): TEI documents, schema, Dublin Core records and an inventory."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from lxml import etree

from toolkit.archive.dc import Record, StylesheetError, record
from toolkit.archive.inventory import InventoryRow, to_csv
from toolkit.corpus import (
    XML_ID,
    Corpus,
    Document,
    LoadError,
    discover,
    display_path,
    load,
    parse_bytes,
    readable_xpath,
)
from toolkit.diagnostics import Diagnostic, Severity
from toolkit.errors import NothingToDo, ToolkitError
from toolkit.publish.output import check_destination, staged
from toolkit.resources import EDITION_XSD

CHECKSUMS = ("sha256", "sha512")
XSD_NS = "http://www.w3.org/2001/XMLSchema"
# bagit logs tracebacks itself when it fails; we report its errors as diagnostics instead.
logging.getLogger("bagit").addHandler(logging.NullHandler())
SCHEMA = EDITION_XSD

#: Attributes whose values are (space-separated) pointers; ``href`` is XInclude's.
POINTER_ATTRIBUTES = frozenset(
    [
        "ref",
        "target",
        "corresp",
        "source",
        "wit",
        "ana",
        "resp",
        "who",
        "sameAs",
        "copyOf",
        "next",
        "prev",
        "synch",
        "spanTo",
        "hand",
        "decls",
        "href",
        "scheme",
        "facs",
        "calendar",
        "datingMethod",
        "edRef",
        "rendition",
        "exclude",
        "active",
        "passive",
        "mutual",
        "nymRef",
    ]
)
_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class BagInfo:
    """The descriptive fields of ``bag-info.txt``; empty ones are taken from the edition's driver header."""

    bagging_date: date
    source_organization: str = ""
    external_description: str = ""
    external_identifier: str = ""


@dataclass
class ExportResult:
    """What an export found and did: diagnostics, files checked, and the folder written (``None`` if refused)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    written: Path | None = None
    payload: list[str] = field(default_factory=list)

    def errors(self) -> list[Diagnostic]:
        """The diagnostics of severity error."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


def bagging_date(text: str | None, environ: Mapping[str, str]) -> date:
    """``text`` (YYYY-MM-DD) if given, else the UTC date of ``SOURCE_DATE_EPOCH``, else today; ``ValueError`` if bad."""
    if text:
        return date.fromisoformat(text)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def _diagnostic(code: str, file: str, message: str, *, line: int = 1, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, file, line, 1, message, "", hint)


def validated(root: Path) -> tuple[list[Diagnostic], bool, Corpus]:
    """Run the edition validator on the files under ``root``: its diagnostics, whether the edition is valid, and the
    documents it parsed (loaded here, unchecked, when the validator cannot run)."""
    paths = discover([root]) or [root]
    try:
        from toolkit.validate import SchemaLoadError, validate
    except ImportError:
        return _unchecked(root, "the validator (toolkit.validate) is not available, so the edition cannot be checked")
    try:
        result = validate(paths)
    except SchemaLoadError as exc:
        return _unchecked(root, f"the edition cannot be validated: {exc}")
    return list(result.diagnostics), result.ok(), result.corpus()


def _unchecked(root: Path, message: str) -> tuple[list[Diagnostic], bool, Corpus]:
    corpus = load([root])
    refusal = _diagnostic("ARC003", str(root), message, hint="pass --force to export unchecked")
    return [*corpus.failures, refusal], False, corpus


def pointer_diagnostics(corpus: Corpus, root: Path) -> list[Diagnostic]:
    """Every pointer of the bagged files must reach a file inside the bag and, with a fragment, an id in it."""
    by_path = {doc.path: doc for doc in corpus.documents}
    found: list[Diagnostic] = []
    for doc in corpus.documents:
        for element in doc.root.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                if etree.QName(name).localname in POINTER_ATTRIBUTES:
                    for token in value.split():
                        problem = _pointer_problem(token, doc, by_path, root)
                        if problem:
                            found.append(_located(doc, element, f"@{etree.QName(name).localname}={token!r}: {problem}"))
    return found


def _pointer_problem(token: str, doc: Document, by_path: dict[Path, Document], root: Path) -> str | None:
    if _URI_SCHEME.match(token):
        return None  # a URL names something in the world, not a file of the package
    target_file, _, fragment = token.partition("#")
    target = doc if not target_file else by_path.get((doc.path.parent / target_file).resolve())
    if target is None:
        where = (doc.path.parent / target_file).resolve()
        inside = where.is_relative_to(root)
        return f"{target_file} is {'not among the bagged files' if inside else 'outside the bag'}"
    if fragment and fragment not in target.ids:
        return f"no xml:id {fragment!r} in {target.name}"
    return None


def _located(doc: Document, element: etree._Element, message: str) -> Diagnostic:
    return Diagnostic(
        "ARC010",
        Severity.ERROR,
        doc.display_path(),
        element.sourceline or 1,
        doc.column_of(element),
        f"pointer does not resolve inside the bag: {message}",
        readable_xpath(element),
        "a bag must stand on its own: add the target file to the edition folder or correct the pointer",
    )


def _records(corpus: Corpus, root: Path) -> tuple[list[tuple[Document, str, Record]], list[Diagnostic]]:
    driver = next((d for d in corpus.documents if etree.QName(d.root).localname == "teiCorpus"), None)
    edition_id = (driver.root.get(XML_ID) or driver.path.stem) if driver is not None else ""
    made: list[tuple[Document, str, Record]] = []
    problems: list[Diagnostic] = []
    for doc in corpus.documents:
        if not doc.path.is_relative_to(root):
            message = f"links to {doc.path}, outside the edition folder; copy the file in instead"
            problems.append(_diagnostic("ARC005", display_path(doc.path), message))
            continue
        name = "tei/" + doc.path.relative_to(root).as_posix()
        try:
            made.append((doc, name, record(doc.tree, document_path=name, part_of="" if doc is driver else edition_id)))
        except StylesheetError as exc:
            problems.append(_diagnostic("ARC020", doc.display_path(), str(exc)))
    return made, problems


def _bag_info(info: BagInfo, records: list[tuple[Document, str, Record]], root: Path) -> dict[str, str]:
    """bag-info fields: the options given, else the driver's publisher, title and idno (else its xml:id)."""
    driver = next(((d, n, r) for d, n, r in records if etree.QName(d.root).localname == "teiCorpus"), None)
    publisher = title = identifier = ""
    if driver is not None:
        doc, name, dc = driver
        publisher, title = dc.first("publisher"), dc.first("title")
        # an identifier that is only the file's name (an idno of type "file") does not identify the edition
        idnos = [value for value in dc.fields.get("identifier", ()) if value not in (name, doc.path.name)]
        identifier = idnos[0] if idnos else doc.root.get(XML_ID, "")
    fields = {
        "Source-Organization": info.source_organization or publisher,
        "External-Description": info.external_description or title,
        "External-Identifier": info.external_identifier or identifier or root.name,
        "Bagging-Date": info.bagging_date.isoformat(),
    }
    return {key: value for key, value in fields.items() if value}


def _missing_fields(fields: dict[str, str], out: Path) -> list[Diagnostic]:
    return [
        Diagnostic(
            "ARC006",
            Severity.WARNING,
            str(out),
            1,
            1,
            f"bag-info.txt has no {name}: the edition has no driver (teiCorpus) header to take it from",
            "",
            f"pass --{name.lower()}",
        )
        for name in ("Source-Organization", "External-Description")
        if name not in fields
    ]


def export_bag(
    edition: Path,
    out: Path,
    info: BagInfo,
    *,
    schema: Path | None = SCHEMA,
    force: bool = False,
    overwrite: bool = False,
) -> ExportResult:
    """Check the edition, then write the bag to ``out`` atomically; the sources' problems come back as diagnostics.

    Raise :class:`RefusedDestination` for an ``out`` that may not be written, :class:`NothingToDo` for an edition
    with no TEI file, a :class:`ToolkitError` when the bag cannot be written.
    """
    result = ExportResult()
    check_destination(out, what="edition export bagit", listing=bag_listing, sources=[edition], overwrite=overwrite)
    root = edition.resolve()
    if not discover([root]):
        raise NothingToDo([edition])
    checked, valid, corpus = validated(root)
    result.files = len(corpus.documents) + len(corpus.failures)
    result.diagnostics += checked
    result.diagnostics += pointer_diagnostics(corpus, root)
    made, problems = _records(corpus, root)
    parts, schema_problems = schema_parts(schema)
    problems += schema_problems
    result.diagnostics += problems
    blocking = corpus.failures or problems or any(d.code == "ARC010" for d in result.diagnostics)
    if blocking or (not valid and not force):
        return result
    try:
        with staged(out) as work:
            result.payload = _write_payload(work, made, parts)
            fields = _bag_info(info, made, root)
            result.diagnostics += _missing_fields(fields, out)
            _make_bag(work, fields)
    except (OSError, RuntimeError) as exc:
        raise ToolkitError(f"the bag could not be written to {out}: {exc}") from None
    result.written = out
    return result


def _write_payload(
    work: Path, made: list[tuple[Document, str, Record]], schema_parts: list[tuple[Path, str]]
) -> list[str]:
    written: list[str] = []
    rows: list[InventoryRow] = []
    for doc, name, dc in made:
        data = doc.path.read_bytes()
        _write(work / name, data)
        dc_name = "dc/" + name.removeprefix("tei/")
        _write(work / dc_name, dc.xml.encode("utf-8"))
        written += [name, dc_name]
        rows.append(InventoryRow.of(doc.root.get(XML_ID) or doc.path.stem, name, data, dc))
    for part, name in schema_parts:
        _write(work / name, part.read_bytes())
        written.append(name)
    _write(work / "inventory.csv", to_csv(rows).encode("utf-8"))
    written.append("inventory.csv")
    return sorted(written)


def schema_parts(schema: Path | None) -> tuple[list[tuple[Path, str]], list[Diagnostic]]:
    """The schema and every schema it imports or includes, as ``(file, name in the bag)``: the copy works alone."""
    if schema is None or not schema.is_file():
        return [], []
    base = schema.resolve().parent
    found: dict[Path, str] = {}
    queue = [schema.resolve()]
    while queue:
        current = queue.pop(0)
        if current in found:
            continue
        if not current.is_relative_to(base):
            return [], [_diagnostic("ARC007", str(schema), f"the schema uses {current}, outside its folder")]
        found[current] = "schemas/" + current.relative_to(base).as_posix()
        try:
            tree = parse_bytes(current.read_bytes(), str(current))
        except OSError as exc:
            return [], [_diagnostic("ARC007", str(current), f"cannot read a part of the schema: {exc.strerror}")]
        except LoadError as exc:
            return [], [exc.diagnostic]
        for ref in tree.iter(*(f"{{{XSD_NS}}}{kind}" for kind in ("import", "include", "redefine", "override"))):
            location = ref.get("schemaLocation")
            if location and not _URI_SCHEME.match(location):
                queue.append((current.parent / location).resolve())
    return list(found.items()), []


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _make_bag(work: Path, fields: dict[str, str]) -> None:
    import bagit

    try:
        bagit.make_bag(str(work), dict(fields), checksums=list(CHECKSUMS))
    except bagit.BagError as exc:
        raise RuntimeError(str(exc)) from None
    # bagit-python writes BagIt-Version 0.97 and lists tag files in directory order; declare RFC 8493's version
    # 1.0 (the layout is the same) and list tag files sorted, so two exports of one edition are byte-identical.
    (work / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8")
    for algorithm in CHECKSUMS:
        tags = sorted(p.name for p in work.iterdir() if p.is_file() and not p.name.startswith("tagmanifest-"))
        lines = [f"{_digest(work / tag, algorithm)}  {tag}" for tag in tags]
        (work / f"tagmanifest-{algorithm}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bag = bagit.Bag(str(work))
    try:
        bag.validate()
    except bagit.BagValidationError as exc:
        raise RuntimeError(f"the bag did not validate after writing: {exc}") from None


def _digest(path: Path, algorithm: str) -> str:
    return hashlib.new(algorithm, path.read_bytes()).hexdigest()


def export_dc(edition: Path, out: Path, *, overwrite: bool = False, force: bool = False) -> ExportResult:
    """Check the edition, then write one ``oai_dc`` record per TEI document of ``edition`` into ``out`` atomically.

    Raises as :func:`export_bag` does; an invalid edition is not exported unless ``force``.
    """
    result = ExportResult()
    check_destination(out, what="edition export dc", listing=dc_listing, sources=[edition], overwrite=overwrite)
    root = edition.resolve()
    if not discover([root]):
        raise NothingToDo([edition])
    checked, valid, corpus = validated(root)
    result.files = len(corpus.documents) + len(corpus.failures)
    made, problems = _records(corpus, root)
    result.diagnostics += checked + problems
    if corpus.failures or problems or (not valid and not force):
        return result
    try:
        with staged(out) as work:
            for _, name, dc in made:
                _write(work / name.removeprefix("tei/"), dc.xml.encode("utf-8"))
                result.payload.append(name.removeprefix("tei/"))
            listing = "".join(f"{name}\n" for name in result.payload)
            _write(work / DC_MARKER, f"Dublin Core (oai_dc) records, one per TEI document:\n{listing}".encode())
    except OSError as exc:
        raise ToolkitError(f"the records could not be written to {out}: {exc}") from None
    result.written = out
    return result


DC_MARKER = "dc-records.txt"
#: The tag files a bag of ours has at its root (RFC 8493 §2).
_TAG_FILE = re.compile(r"bagit\.txt|bag-info\.txt|fetch\.txt|(tag)?manifest-\w+\.txt")


def bag_listing(out: Path) -> set[str] | None:
    """The files of the bag in ``out`` (its tag files and the payload its manifest lists); None: not a bag."""
    if not (out / "bagit.txt").is_file():
        return None
    tags = {p.name for p in out.iterdir() if p.is_file() and _TAG_FILE.fullmatch(p.name)}
    payload: set[str] = set()
    for manifest in out.glob("manifest-*.txt"):
        try:
            lines = manifest.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return None
        payload |= {line.split(maxsplit=1)[1] for line in lines if len(line.split(maxsplit=1)) == 2}
    return tags | payload


def dc_listing(out: Path) -> set[str] | None:
    """The records ``export dc`` wrote into ``out``, from its listing; None when ``out`` is not its output."""
    try:
        lines = (out / DC_MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return {DC_MARKER, *(line for line in lines[1:] if line)}
