"""Deposit TEI documents into BaseX, verify each by reading it back as canonical XML, roll back on mismatch."""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import netrc
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from lxml import etree

from toolkit.archive.basex import BaseXError, Query, ServerError, Session, address
from toolkit.codes import diagnostic
from toolkit.corpus import LoadError, discover, load, parse_bytes
from toolkit.validate import SchemaLoadError, ValidationResult, validate

#: Session options that keep every byte of a document: no whitespace chopping, no XInclude expansion.
SESSION_OPTIONS = ("SET CHOP false", "SET XINCLUDE false", "SET STRIPNS false", "SET INTPARSE false")

_READ = """declare option output:method "xml"; declare option output:indent "no";
declare variable $db external; declare variable $path external; db:open($db, $path)"""
#: ``raw:`` and a raw resource in base64 (the client protocol carries strings), or ``xml`` when the path holds XML.
_RETRIEVE = """declare variable $db external; declare variable $path external;
if (db:is-raw($db, $path)) then 'raw:' || string(db:retrieve($db, $path)) else 'xml'"""
_LIST = "declare variable $db external; string-join(db:list($db), '&#10;')"
_EXISTS = "declare variable $db external; db:exists($db)"
_DELETE = "declare variable $db external; declare variable $path external; db:delete($db, $path)"


#: BaseX database names: letters, digits and a few punctuation characters (no spaces, slashes or semicolons).
_DATABASE_NAME = re.compile(r"^[\w+=~!#$%^&()\[\]{}@'`.-]+$")


def valid_database_name(name: str) -> bool:
    """True if ``name`` can be a BaseX database name (it is spliced into ``CREATE DB``/``OPEN`` commands)."""
    return bool(_DATABASE_NAME.match(name))


class Outcome(StrEnum):
    """What happened to one document."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


class Stop(StrEnum):
    """Why a run ended before depositing every document."""

    #: The edition does not validate and ``force`` was not given: the server was not contacted.
    INVALID = "invalid"
    #: The database name cannot be one: the server was not contacted.
    USAGE = "usage"
    #: The server could not be reached, refused the credentials, stopped answering or closed the connection.
    CONNECTION = "connection"
    #: The server answered a command or query with an error.
    SERVER = "server"


class CredentialsError(Exception):
    """No usable credentials were found; the message never contains a secret."""


#: The port of BaseX's client protocol (``basexserver``), which a deposit speaks.
DEFAULT_PORT = 1984
#: The port of BaseX's HTTP server (REST, WebDAV, the web applications): not the one a deposit needs.
HTTP_PORT = 8984

_FORMS = "HOST, HOST:PORT, [IPv6]:PORT or basex://HOST[:PORT]"
#: One label of a DNS name (or a part of an IPv4 address): at most 63 ASCII characters, no hyphen at either end.
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_HOST_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://(.*)", re.DOTALL)


@dataclass(frozen=True)
class Server:
    """Where the BaseX server listens (its client protocol, not its HTTP port)."""

    host: str
    port: int = DEFAULT_PORT

    def __post_init__(self) -> None:
        if not _valid_host(self.host):
            raise ValueError(f"{self.host!r} is not a host name or an IP address")
        if isinstance(self.port, bool) or not isinstance(self.port, int) or not 0 < self.port < 65536:
            raise ValueError(f"a port is a number from 1 to 65535, got {self.port!r}")

    @classmethod
    def parse(cls, text: str) -> Server:
        """HOST, HOST:PORT, [IPv6]:PORT or basex://HOST[:PORT] (port 1984 when omitted); ``ValueError`` otherwise."""
        scheme = _SCHEME.fullmatch(text)
        rest = text
        if scheme is not None:
            name, rest = scheme[1].lower(), scheme[2].removesuffix("/")
            if name in ("http", "https"):
                raise ValueError(
                    f"expected {_FORMS}, not an {name} URL ({text!r}): {HTTP_PORT} is BaseX's HTTP port, while"
                    f" deposit speaks BaseX's client protocol (default port {DEFAULT_PORT}),"
                    f" e.g. localhost:{DEFAULT_PORT}"
                )
            if name != "basex":
                raise ValueError(f"expected {_FORMS}, got a {name}:// address ({text!r})")
        host, port = _split(rest, text)
        return cls(host, _port(port, text) if port is not None else DEFAULT_PORT)

    def __str__(self) -> str:
        return address(self.host, self.port)


def _split(text: str, given: str) -> tuple[str, str | None]:
    """``(host, port or None)`` of ``HOST``, ``HOST:PORT``, ``[IPv6]``, ``[IPv6]:PORT`` or a bare IPv6 address."""
    if text.startswith("["):
        host, bracket, after = text[1:].partition("]")
        if bracket and _ipv6(host) and (not after or after.startswith(":")):
            return host, after[1:] if after else None
    elif text.count(":") > 1 and _ipv6(text):
        return text, None
    elif text.count(":") <= 1:
        host, colon, port = text.partition(":")
        if _valid_host(host):
            return host, port if colon else None
    raise ValueError(f"expected {_FORMS} (e.g. localhost:{DEFAULT_PORT}), got {given!r}")


def _port(text: str, given: str) -> int:
    if not re.fullmatch(r"[0-9]{1,5}", text) or not 0 < int(text) < 65536:
        raise ValueError(f"a port is a number from 1 to 65535, got {text!r} in {given!r}")
    return int(text)


def _ipv6(text: str) -> bool:
    """An IPv6 address, with at most a plain zone (``fe80::1%eth0``): one that brackets can hold."""
    _, percent, zone = text.partition("%")
    if percent and not re.fullmatch(r"[A-Za-z0-9_.-]+", zone):
        return False
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def _valid_host(host: object) -> bool:
    """A DNS name or IPv4 address in ASCII (at most 253 characters), or an IPv6 address."""
    if not isinstance(host, str):
        return False
    if ":" in host:
        return _ipv6(host)
    return len(host) <= 253 and _HOST_NAME.fullmatch(host) is not None


@dataclass(frozen=True)
class Credentials:
    """A BaseX user name and password; the password never appears in a repr."""

    user: str
    password: str = field(repr=False)


def find_credentials(
    host: str, environ: Mapping[str, str] | None = None, netrc_file: Path | None = None
) -> Credentials:
    """``BASEX_USER``/``BASEX_PASSWORD`` from the environment, else the ``~/.netrc`` entry for ``host``."""
    env = os.environ if environ is None else environ
    user, password = env.get("BASEX_USER"), env.get("BASEX_PASSWORD")
    if user and password is not None:
        return Credentials(user, password)
    path = netrc_file or Path(env.get("NETRC") or Path.home() / ".netrc")
    if path.is_file():
        try:
            entry = netrc.netrc(str(path)).authenticators(host)
        except (netrc.NetrcParseError, OSError) as exc:
            # The parser's message may quote a token of the file (possibly a password): give the line only.
            line = getattr(exc, "lineno", None)
            where = f" (line {line})" if line else ""
            raise CredentialsError(
                f"cannot read {path}{where}: check its syntax and that only you can read it (chmod 600)"
            ) from None
        if entry is not None and entry[0] and entry[2] is not None:
            return Credentials(entry[0], entry[2])
    raise CredentialsError(
        f"no credentials for {host}: set BASEX_USER and BASEX_PASSWORD, or add 'machine {host} login … password …'"
        f" to {path}"
    )


@dataclass(frozen=True)
class DocumentReport:
    """The outcome for one document, under its path in the database."""

    path: str
    file: Path
    outcome: Outcome
    message: str = ""


@dataclass
class DepositReport:
    """Per-document outcomes; ``stop`` and ``error`` say why a run ended early, ``pending`` what was not tried."""

    server: Server
    database: str
    dry_run: bool
    documents: list[DocumentReport] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    error: str | None = None
    stop: Stop | None = None
    #: What the validator found in the documents before any was deposited.
    validation: ValidationResult | None = None
    #: Database paths holding a document that is not in the deposited edition (left as they are).
    foreign: list[str] = field(default_factory=list)

    def ok(self) -> bool:
        """True when the run finished and no document failed."""
        return self.stop is None and all(d.outcome is not Outcome.FAILED for d in self.documents)

    def deposited(self) -> list[str]:
        """Database paths now holding exactly the local document."""
        return [d.path for d in self.documents if d.outcome is not Outcome.FAILED]

    def not_deposited(self) -> list[str]:
        """Database paths that failed or were never tried."""
        return [d.path for d in self.documents if d.outcome is Outcome.FAILED] + self.pending

    def count(self, outcome: Outcome) -> int:
        """How many documents had ``outcome``."""
        return sum(1 for d in self.documents if d.outcome == outcome)


def plan(paths: Sequence[Path]) -> list[tuple[str, Path]]:
    """``(database path, file)`` for every XML file: relative to a folder given, or the bare name of a file given."""
    entries: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*.xml")):
                if file.is_file():
                    entries.setdefault(file.relative_to(path).as_posix(), file)
        else:
            entries.setdefault(path.name, path)
    return sorted(entries.items())


def canonical(data: bytes | str | etree._ElementTree, name: str) -> bytes:
    """Canonical XML 2.0 of a document (comments kept), parsed with the hardened parser unless already parsed."""
    if isinstance(data, etree._ElementTree):
        return etree.tostring(data, method="c14n2")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return etree.tostring(parse_bytes(raw, name), method="c14n2")


def check(paths: Sequence[Path], checks: Mapping[str, Any] | None = None) -> ValidationResult:
    """``edition validate``'s checks of the documents to deposit (``checks``: its keyword options, the project's
    schemas and rule profile); an unusable schema is an error diagnostic."""
    try:
        return validate(paths, **(checks or {}))
    except SchemaLoadError as exc:
        # Without the schema the edition is unchecked: that refuses the deposit (unless forced) like an invalid one.
        corpus = load(paths)
        refusal = diagnostic(
            "ARC003",
            ", ".join(map(str, paths)),
            1,
            1,
            f"the edition cannot be validated: {exc}",
            hint="pass --force to deposit unchecked",
        )
        return ValidationResult([*corpus.failures, refusal], len(discover(paths)), corpus.documents)


SessionFactory = Callable[[Server, Credentials, float], Session]


def _open_session(server: Server, credentials: Credentials, timeout: float) -> Session:
    return Session(server.host, server.port, credentials.user, credentials.password, timeout=timeout)


#: Where a deposit with ``bag`` puts the bag's METS, its RO-Crate and the index of what it deposited (beside the TEI).
BAG_METS_PATH = "archive/mets.xml"
BAG_CRATE_PATH = "archive/ro-crate-metadata.json"
INDEX_PATH = "archive/index.xml"
INDEX_NS = "urn:x-edition:deposit"
#: The bag's files deposited with it (its path under ``data/``, the database path), and how the index labels them.
_BAG_FILES = (("mets.xml", BAG_METS_PATH), ("ro-crate-metadata.json", BAG_CRATE_PATH))
_MEDIA_TYPES = {BAG_METS_PATH: "application/xml", BAG_CRATE_PATH: "application/ld+json", INDEX_PATH: "application/xml"}
#: Stored as raw resources (bytes as given, verified by checksum), not parsed as XML.
_RAW = frozenset({BAG_CRATE_PATH})


def index_document(
    entries: Sequence[tuple[str, Path]], trees: dict[Path, etree._ElementTree], extra: Sequence[tuple[str, bytes]]
) -> bytes:
    """The index of a deposit: each document's database path, ``xml:id`` and SHA-256, and each archival file's."""
    root = etree.Element(f"{{{INDEX_NS}}}index", nsmap={None: INDEX_NS})
    for db_path, file in entries:
        tree = trees.get(file.resolve())
        identifier = tree.getroot().get("{http://www.w3.org/XML/1998/namespace}id", "") if tree is not None else ""
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        etree.SubElement(root, f"{{{INDEX_NS}}}document", path=db_path, id=identifier or file.stem, sha256=digest)
    for db_path, data in extra:
        etree.SubElement(
            root,
            f"{{{INDEX_NS}}}file",
            path=db_path,
            sha256=hashlib.sha256(data).hexdigest(),
            type=_MEDIA_TYPES.get(db_path, "application/octet-stream"),
            stored="raw" if db_path in _RAW else "xml",
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def deposit(
    paths: Sequence[Path],
    server: Server,
    database: str,
    credentials: Credentials,
    *,
    dry_run: bool = False,
    force: bool = False,
    timeout: float = 30.0,
    connect: SessionFactory = _open_session,
    bag: Path | None = None,
    checks: Mapping[str, Any] | None = None,
) -> DepositReport:
    """Validate, then deposit every XML file under ``paths`` into ``database``; errors are the report's values.

    An edition with errors is not deposited (the server is not even contacted) unless ``force``. With ``bag`` (a
    bag of ``edition export bagit``), its METS goes to ``archive/mets.xml``, its RO-Crate to
    ``archive/ro-crate-metadata.json`` (a raw resource, its bytes verified by SHA-256) and an index of the deposit
    (paths, identifiers, checksums) to ``archive/index.xml``, each verified after the write like the TEI.
    """
    entries = plan(paths)
    report = DepositReport(server=server, database=database, dry_run=dry_run, pending=[p for p, _ in entries])
    if not valid_database_name(database):
        report.error, report.stop = f"{database!r} is not a BaseX database name", Stop.USAGE
        return report
    extra: list[tuple[str, bytes]] = []
    if bag is not None:
        for name, db_path in _BAG_FILES:
            try:
                extra.append((db_path, (bag / "data" / name).read_bytes()))
            except OSError as exc:
                report.error = f"{bag} has no data/{name} ({exc.strerror}): give a bag of `edition export bagit`"
                report.stop = Stop.USAGE
                return report
        if any(db_path.startswith("archive/") for db_path, _ in entries):
            report.error = "the edition has a folder archive/, where the bag's METS and RO-Crate would go"
            report.stop = Stop.USAGE
            return report
    report.validation = check(paths, checks)
    if not report.validation.ok() and not force:
        report.error, report.stop = "the edition has errors", Stop.INVALID
        return report
    # The validator's trees: a document is parsed once, and what is verified on the server is what was validated.
    parsed = {doc.path.resolve(): doc.tree for doc in report.validation.documents}
    if bag is not None:
        extra.append((INDEX_PATH, index_document(entries, parsed, extra)))
    generated = {db_path: data for db_path, data in extra}
    sources = {db_path: bag / "data" / name for name, db_path in _BAG_FILES} if bag else {}
    entries = [*entries, *((db_path, sources.get(db_path, Path(db_path))) for db_path, _ in extra)]
    report.pending = [p for p, _ in entries]
    in_flight: tuple[str, Path] | None = None
    try:
        with connect(server, credentials, timeout) as session:
            existing = _prepare(session, database, dry_run)
            reader, retriever = session.prepare(_READ), session.prepare(_RETRIEVE)
            for db_path, file in entries:
                in_flight = (db_path, file)
                local = _Local(file, parsed.get(file.resolve()), generated.get(db_path))
                if db_path in _RAW:
                    outcome = _deposit_raw(session, retriever, database, db_path, local, db_path in existing, dry_run)
                else:
                    outcome = _deposit_one(session, reader, database, db_path, local, db_path in existing, dry_run)
                report.documents.append(outcome)
                report.pending.remove(db_path)
                in_flight = None
            report.foreign = sorted(existing - {db_path for db_path, _ in entries})
    except BaseXError as exc:
        server_error = isinstance(exc, ServerError)
        report.error = f"the BaseX server reported an error: {exc}" if server_error else str(exc)
        report.stop = Stop.SERVER if server_error else Stop.CONNECTION
        if in_flight is not None:
            # Each write is one atomic update on the server: the database holds the old or the new version, unverified.
            report.pending.remove(in_flight[0])
            report.documents.append(
                DocumentReport(
                    *in_flight,
                    Outcome.FAILED,
                    "interrupted; not verified (the server applies a write whole or not at all)",
                )
            )
    return report


def _prepare(session: Session, database: str, dry_run: bool) -> set[str]:
    """Set the lossless session options, open (or create) the database and list the paths it holds."""
    for option in SESSION_OPTIONS:
        session.execute(option)
    if session.query(_EXISTS, {"db": database}) != "true":
        if not dry_run:
            session.execute(f"CREATE DB {database}")
        return set()
    session.execute(f"OPEN {database}")
    listing = session.query(_LIST, {"db": database})
    return set(listing.split("\n")) if listing else set()


@dataclass(frozen=True)
class _Local:
    """A file to deposit, and its tree when the validator has parsed it already."""

    file: Path
    tree: etree._ElementTree | None = None
    #: the content itself, for a document made by the deposit (the index) or read from the bag
    data: bytes | None = None


def _deposit_one(
    session: Session, reader: Query, database: str, db_path: str, source: _Local, exists: bool, dry_run: bool
) -> DocumentReport:
    """An XML document: written if it differs, read back and compared as canonical XML."""
    file = source.file
    try:
        local = source.data if source.data is not None else file.read_bytes()
        expected = canonical(source.tree if source.tree is not None else local, str(file))
    except OSError as exc:
        return DocumentReport(db_path, file, Outcome.FAILED, f"cannot read the local file: {exc.strerror or exc}")
    except LoadError as exc:
        return DocumentReport(db_path, file, Outcome.FAILED, f"not deposited: {exc.diagnostic.message}")

    def read() -> bytes:
        return reader.execute({"db": database, "path": db_path}).encode("utf-8")

    def same(stored: bytes) -> bool:
        try:
            return canonical(stored, db_path) == expected
        except LoadError:
            return False

    previous = read() if exists else None
    storage = _Storage(lambda data: session.replace(db_path, data), read, same, "canonical XML")
    return _write_verified(session, storage, database, db_path, file, local, previous, dry_run)


def _deposit_raw(
    session: Session, retriever: Query, database: str, db_path: str, source: _Local, exists: bool, dry_run: bool
) -> DocumentReport:
    """A raw resource (the RO-Crate): its bytes stored as given, read back and compared by SHA-256."""
    file, local = source.file, source.data if source.data is not None else b""
    expected = hashlib.sha256(local).digest()
    previous = _retrieve(retriever, database, db_path) if exists else None
    if exists and previous is None:
        message = "the database holds an XML document at this path, not a raw resource; left as it is"
        return DocumentReport(db_path, file, Outcome.FAILED, message)
    storage = _Storage(
        lambda data: session.store(db_path, data),
        lambda: _retrieve(retriever, database, db_path),
        lambda stored: hashlib.sha256(stored).digest() == expected,
        "SHA-256",
    )
    return _write_verified(session, storage, database, db_path, file, local, previous, dry_run)


@dataclass(frozen=True)
class _Storage:
    """How one kind of resource is written, read back and compared with the local file."""

    write: Callable[[bytes], None]
    read: Callable[[], bytes | None]
    same: Callable[[bytes], bool]
    #: how the copy read back is compared, for the report
    compared: str


def _write_verified(
    session: Session,
    storage: _Storage,
    database: str,
    db_path: str,
    file: Path,
    local: bytes,
    previous: bytes | None,
    dry_run: bool,
) -> DocumentReport:
    """Write if it differs, read back, and restore the previous state if the copy is not exact (one protocol)."""
    if previous is not None and storage.same(previous):
        return DocumentReport(db_path, file, Outcome.UNCHANGED)
    outcome = Outcome.UPDATED if previous is not None else Outcome.CREATED
    if dry_run:
        return DocumentReport(db_path, file, outcome)
    try:
        storage.write(local)
    except ServerError as exc:
        return DocumentReport(db_path, file, Outcome.FAILED, f"the server refused it: {exc}")
    stored = storage.read()
    if stored is not None and storage.same(stored):
        return DocumentReport(db_path, file, outcome)
    if previous is None:
        session.query(_DELETE, {"db": database, "path": db_path})
    else:
        storage.write(previous)
    state = "previous version restored" if previous is not None else "removed again"
    message = f"the copy read back differs from the local file ({storage.compared}); {state}"
    return DocumentReport(db_path, file, Outcome.FAILED, message)


def _retrieve(retriever: Query, database: str, db_path: str) -> bytes | None:
    """The bytes of the raw resource at ``db_path``, or None when the path holds an XML document."""
    kind, _, encoded = retriever.execute({"db": database, "path": db_path}).partition(":")
    return base64.b64decode(encoded) if kind == "raw" else None
