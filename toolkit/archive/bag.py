"""Export the edition as a BagIt bag (RFC 8493): TEI documents, schemas, Dublin Core records, an inventory, METS
(with PREMIS) and RO-Crate metadata, and on request the PDF/A and the website."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from toolkit.archive.dc import Record, StylesheetError, record
from toolkit.archive.inventory import InventoryRow, to_csv
from toolkit.archive.metadata import EditionMetadata, bag_size, from_driver, toolkit_version
from toolkit.archive.mets import GROUPS, package_mets
from toolkit.archive.package import (
    BuildOutputs,
    DocumentEntry,
    Event,
    Package,
    PayloadFile,
    agents_of,
    build_outputs,
    reading_order,
)
from toolkit.archive.profile import load_profile
from toolkit.archive.rocrate import crate_metadata
from toolkit.codes import diagnostic
from toolkit.corpus import (
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
from toolkit.edition import Edition, document_id, is_local, split_pointer
from toolkit.errors import NothingToDo, ToolkitError
from toolkit.publish.output import check_destination, staged
from toolkit.resources import EDITION_XSD

CHECKSUMS = ("sha256", "sha512")
XSD_NS = "http://www.w3.org/2001/XMLSchema"
# bagit logs tracebacks itself when it fails; we report its errors as diagnostics instead.
logging.getLogger("bagit").addHandler(logging.NullHandler())
SCHEMA = EDITION_XSD


@dataclass(frozen=True)
class BagInfo:
    """What the caller says of the bag: its date, the edition's metadata options, extra bag-info lines, a profile.

    ``options`` are :class:`~toolkit.archive.metadata.EditionMetadata`'s fields by option name (``contact-email``,
    ``base-url``…): given ones override what the driver's header says. ``profile`` is a BagIt Profile (JSON) whose
    ``Bag-Info`` requirements the bag must meet.
    """

    bagging_date: date
    options: Mapping[str, str] = field(default_factory=dict)
    extra: tuple[tuple[str, str], ...] = ()
    profile: Path | None = None
    include_pdf: bool = False
    include_site: bool = False
    build: Path = Path("output")


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
    return diagnostic(code, file, line, 1, message, "", hint)


def validated(root: Path, checks: Mapping[str, Any] | None = None) -> tuple[list[Diagnostic], bool, Corpus]:
    """Run the edition validator on the files under ``root`` (``checks``: its keyword options, the project's schemas
    and rule profile): its diagnostics, whether the edition is valid, and the documents it parsed (loaded here,
    unchecked, when the validator cannot run)."""
    paths = discover([root]) or [root]
    try:
        from toolkit.validate import SchemaLoadError, validate
    except ImportError:
        return _unchecked(root, "the validator (toolkit.validate) is not available, so the edition cannot be checked")
    try:
        result = validate(paths, **(checks or {}))
    except SchemaLoadError as exc:
        return _unchecked(root, f"the edition cannot be validated: {exc}")
    return list(result.diagnostics), result.ok(), result.corpus()


def _unchecked(root: Path, message: str) -> tuple[list[Diagnostic], bool, Corpus]:
    corpus = load([root])
    refusal = _diagnostic("ARC003", str(root), message, hint="pass --force to export unchecked")
    return [*corpus.failures, refusal], False, corpus


def pointer_diagnostics(corpus: Corpus, root: Path) -> list[Diagnostic]:
    """Every pointer of the bagged files must reach a file inside the bag and, with a fragment, an id in it."""
    edition = Edition(corpus)
    bagged = {id(doc) for doc in corpus.documents}
    found: list[Diagnostic] = []
    for doc in corpus.documents:
        for element in doc.root.iter(etree.Element):
            for name, token in edition.pointers(element):
                problem = _pointer_problem(edition, token, doc, bagged, root)
                if problem:
                    found.append(_located(doc, element, f"@{name}={token!r}: {problem}"))
    return found


def _pointer_problem(edition: Edition, token: str, doc: Document, bagged: set[int], root: Path) -> str | None:
    if not is_local(token):
        return None  # a URL names something in the world, not a file of the package
    located = edition.locate(token, doc)
    if located is not None and id(located[0]) in bagged:
        return None
    target_file, fragment = split_pointer(token)
    target = edition.target_document(token, doc)
    if target is None or id(target) not in bagged:
        inside = (doc.path.parent / target_file).resolve().is_relative_to(root)
        return f"{target_file} is {'not among the bagged files' if inside else 'outside the bag'}"
    return f"no xml:id {fragment!r} in {target.name}"


def _located(doc: Document, element: etree._Element, message: str) -> Diagnostic:
    return diagnostic(
        "ARC010",
        doc.display_path(),
        element.sourceline or 1,
        doc.column_of(element),
        f"pointer does not resolve inside the bag: {message}",
        readable_xpath(element),
        "a bag must stand on its own: add the target file to the edition folder or correct the pointer",
    )


def _records(
    corpus: Corpus, root: Path, meta: EditionMetadata
) -> tuple[list[tuple[Document, str, Record]], list[Diagnostic]]:
    driver = Edition(corpus).driver
    part_of = meta.uri or meta.identifier
    rights = " ".join(value for value in (meta.licence_text, meta.licence) if value)
    made: list[tuple[Document, str, Record]] = []
    problems: list[Diagnostic] = []
    for doc in corpus.documents:
        if not doc.path.is_relative_to(root):
            message = f"links to {doc.path}, outside the edition folder; copy the file in instead"
            problems.append(_diagnostic("ARC005", display_path(doc.path), message))
            continue
        name = "tei/" + doc.path.relative_to(root).as_posix()
        try:
            dc = record(
                doc.tree,
                document_path=name,
                part_of="" if doc is driver else part_of,
                document_uri=meta.document_uri(name),
                edition_rights=rights,
            )
        except StylesheetError as exc:
            problems.append(_diagnostic("ARC020", doc.display_path(), str(exc)))
            continue
        made.append((doc, name, dc))
    return made, problems


def edition_metadata(corpus: Corpus, root: Path, options: Mapping[str, str]) -> EditionMetadata:
    """The edition's metadata: the driver's header, overridden by ``options``; ``ToolkitError`` for an unknown one."""
    try:
        return from_driver(Edition(corpus).driver, root.name).with_options(options)
    except KeyError as exc:
        raise ToolkitError(f"no such edition metadata field: {exc.args[0]}") from None


#: Fields an archive asks for that the export warns about when neither the header nor an option gives them.
_WANTED = {
    "Source-Organization": "the driver's publicationStmt/publisher",
    "External-Description": "the driver's main title",
    "Contact-Name": "a name beside an email in the driver's publicationStmt",
    "Contact-Email": "an email in the driver's publicationStmt",
}


def _missing_fields(fields: Mapping[str, str], out: Path, has_driver: bool) -> list[Diagnostic]:
    why = "the edition's header names none" if has_driver else "the edition has no driver (teiCorpus) header"
    return [
        diagnostic(
            "ARC006",
            str(out),
            1,
            1,
            f"bag-info.txt has no {name}: {why} to take it from ({source}); the field is left out",
            "",
            f"pass --{name.lower()}",
        )
        for name, source in _WANTED.items()
        if name not in fields
    ]


def _no_base_url(meta: EditionMetadata, out: Path) -> list[Diagnostic]:
    if meta.base_url:
        return []
    message = "no base URL: the Dublin Core records, METS and RO-Crate identify the documents by file name only"
    return [diagnostic("ARC011", str(out), 1, 1, message, "", "pass --base-url (the site's URL)")]


def export_bag(
    edition: Path,
    out: Path,
    info: BagInfo,
    *,
    schema: Path | None = SCHEMA,
    force: bool = False,
    overwrite: bool = False,
    checks: Mapping[str, Any] | None = None,
) -> ExportResult:
    """Check the edition, then write the bag to ``out`` atomically; the sources' problems come back as diagnostics.

    Raise :class:`RefusedDestination` for an ``out`` that may not be written, :class:`NothingToDo` for an edition
    with no TEI file, a :class:`ToolkitError` when the bag cannot be written or a build output asked for is absent.
    """
    result = ExportResult()
    check_destination(out, what="edition export bagit", listing=bag_listing, sources=[edition], overwrite=overwrite)
    root = edition.resolve()
    if not discover([root]):
        raise NothingToDo([edition])
    outputs = build_outputs(info.build, pdf=info.include_pdf, site=info.include_site)
    profile = load_profile(info.profile) if info.profile is not None else None
    checked, valid, corpus = validated(root, checks)
    result.files = len(corpus.documents) + len(corpus.failures)
    result.diagnostics += checked
    result.diagnostics += pointer_diagnostics(corpus, root)
    meta = replace(edition_metadata(corpus, root, info.options), extra=info.extra)
    made, problems = _records(corpus, root, meta)
    parts, schema_problems = schema_parts(schema)
    problems += schema_problems
    fields = meta.bag_info(info.bagging_date)
    if profile is not None:
        problems += profile.problems(fields, out)
    result.diagnostics += problems
    blocking = corpus.failures or problems or any(d.code == "ARC010" for d in result.diagnostics)
    if blocking or (not valid and not force):
        return result
    result.diagnostics += _missing_fields(fields, out, Edition(corpus).driver is not None) + _no_base_url(meta, out)
    package = Package(meta, info.bagging_date, toolkit_version())
    package.documents = _entries(corpus, made)
    try:
        with staged(out) as work:
            # bagit.make_bag moves what the folder holds into data/: the payload is written at its top
            _write_payload(work, package, made, parts, outputs)
            package.events = _events(package, checked, valid, outputs)
            _write_descriptions(work, package)
            result.payload = sorted([f.name for f in package.files] + [METS_FILE])
            fields["Bag-Size"] = bag_size([f.size for f in package.files] + [(work / METS_FILE).stat().st_size])
            _make_bag(work, fields)
    except (OSError, RuntimeError) as exc:
        raise ToolkitError(f"the bag could not be written to {out}: {exc}") from None
    result.written = out
    return result


METS_FILE = "mets.xml"
CRATE_FILE = "ro-crate-metadata.json"


def _entries(corpus: Corpus, made: list[tuple[Document, str, Record]]) -> list[DocumentEntry]:
    """The documents in the edition's reading order: the driver, its texts as it includes them, the authority files."""
    entries: list[DocumentEntry] = []
    for role, doc in reading_order(corpus.documents):
        found = next(((name, dc) for d, name, dc in made if d is doc), None)
        if found is not None:
            authors, editors = agents_of(doc.root)
            entries.append(DocumentEntry(document_id(doc), found[0], role, found[1], authors, editors))
    return entries


def _write_payload(
    data: Path,
    package: Package,
    made: list[tuple[Document, str, Record]],
    schema_parts: list[tuple[Path, str]],
    outputs: BuildOutputs,
) -> None:
    """Write the TEI, Dublin Core, schemas, inventory and the built outputs under ``data/``, describing each."""
    rows: list[InventoryRow] = []
    for doc, name, dc in made:
        identifier = document_id(doc)
        source = doc.path.read_bytes()
        dc_name = "dc/" + name.removeprefix("tei/")
        package.files.append(_put(data, name, source, "tei", identifier))
        package.files.append(_put(data, dc_name, dc.xml.encode("utf-8"), "metadata", identifier))
        rows.append(InventoryRow.of(identifier, name, source, dc))
    for part, name in schema_parts:
        package.files.append(_put(data, name, part.read_bytes(), "schema"))
    package.files.append(_put(data, "inventory.csv", to_csv(rows).encode("utf-8"), "metadata"))
    if outputs.pdf is not None:
        package.files.append(_put(data, "pdf/edition.pdf", outputs.pdf.read_bytes(), "pdf", _driver_id(package)))
    pages = {entry.id: entry.id for entry in package.documents}
    for path, name in outputs.site:
        page = PurePosixPath(name).stem if PurePosixPath(name).parent == PurePosixPath("site") else ""
        package.files.append(_put(data, name, path.read_bytes(), "site", pages.get(page, "")))
    package.files.sort(key=lambda f: (list(GROUPS).index(f.group), f.name))


def _driver_id(package: Package) -> str:
    return next((e.id for e in package.documents if e.role == "driver"), "")


def _put(data: Path, name: str, content: bytes, group: str, about: str = "") -> PayloadFile:
    _write(data / name, content)
    return PayloadFile.of(name, content, group, about)


def _events(package: Package, checked: list[Diagnostic], valid: bool, outputs: BuildOutputs) -> list[Event]:
    """What the toolkit did to make the bag, as PREMIS events over its payload files."""
    tei = tuple(f.name for f in package.files if f.group == "tei")
    records = tuple(f.name for f in package.files if f.group == "metadata" and f.name.startswith("dc/"))
    errors = sum(1 for d in checked if d.severity is Severity.ERROR)
    warnings = sum(1 for d in checked if d.severity is Severity.WARNING)
    version = package.toolkit_version
    events = [
        Event(
            "validation",
            "validation",
            f"edition validate (tei-edition-toolkit {version}): the edition's schema and editorial rules",
            "pass" if valid else "fail",
            f"{errors} errors, {warnings} warnings" + ("" if valid else "; exported despite the errors (--force)"),
            tei,
        ),
        Event(
            "dc-records",
            "metadata extraction",
            "Dublin Core (oai_dc) record of each TEI header, by xslt/dc.xsl",
            "success",
            objects=tei + records,
        ),
    ]
    built = tuple(f.name for f in package.files if f.group in ("pdf", "site"))
    if built:
        # the build records no time; it ran on or before the day of the packing (EDTF open interval)
        detail = "edition build: " + " and ".join(
            what for what, present in (("the PDF/A", outputs.pdf), ("the website", outputs.site)) if present
        )
        events.append(Event("build", "creation", detail, "success", objects=built, when=f"../{package.created}"))
    everything = tuple(f.name for f in package.files)
    events.append(
        Event("fixity", "message digest calculation", "SHA-256 of every payload file", "success", objects=everything)
    )
    events.append(
        Event(
            "packing",
            "packing",
            "BagIt 1.0 bag (RFC 8493), SHA-256 and SHA-512 manifests",
            "success",
            objects=everything,
        )
    )
    return events


def _write_descriptions(data: Path, package: Package) -> None:
    """RO-Crate first (it names mets.xml), then METS (it holds the RO-Crate's checksum)."""
    crate = crate_metadata(package, later=[(METS_FILE, "application/xml", "METS document of this bag (with PREMIS)")])
    crate_file = _put(data, CRATE_FILE, crate, "metadata")
    package.files.append(crate_file)
    for happened in package.events:
        if happened.kind in ("message digest calculation", "packing"):
            package.events[package.events.index(happened)] = replace(happened, objects=(*happened.objects, CRATE_FILE))
    _write(data / METS_FILE, package_mets(package))


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
            if location and is_local(location):
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


def export_dc(
    edition: Path,
    out: Path,
    *,
    overwrite: bool = False,
    force: bool = False,
    options: Mapping[str, str] | None = None,
    checks: Mapping[str, Any] | None = None,
) -> ExportResult:
    """Check the edition, then write one ``oai_dc`` record per TEI document of ``edition`` into ``out`` atomically.

    Raises as :func:`export_bag` does; an invalid edition is not exported unless ``force``.
    """
    result = ExportResult()
    check_destination(out, what="edition export dc", listing=dc_listing, sources=[edition], overwrite=overwrite)
    root = edition.resolve()
    if not discover([root]):
        raise NothingToDo([edition])
    checked, valid, corpus = validated(root, checks)
    result.files = len(corpus.documents) + len(corpus.failures)
    made, problems = _records(corpus, root, edition_metadata(corpus, root, options or {}))
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
