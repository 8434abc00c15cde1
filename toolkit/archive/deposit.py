"""Deposit TEI documents into BaseX, verify each by reading it back as canonical XML, roll back on mismatch."""

from __future__ import annotations

import netrc
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from lxml import etree

from toolkit.archive.basex import BaseXError, Query, ServerError, Session
from toolkit.corpus import LoadError, parse_bytes

#: Session options that keep every byte of a document: no whitespace chopping, no XInclude expansion.
SESSION_OPTIONS = ("SET CHOP false", "SET XINCLUDE false", "SET STRIPNS false", "SET INTPARSE false")

_READ = """declare option output:method "xml"; declare option output:indent "no";
declare variable $db external; declare variable $path external; db:open($db, $path)"""
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


class CredentialsError(Exception):
    """No usable credentials were found; the message never contains a secret."""


@dataclass(frozen=True)
class Server:
    """Where the BaseX server listens."""

    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> Server:
        """``HOST:PORT`` (``[::1]:1984`` for IPv6); raise ``ValueError`` with a readable message otherwise."""
        host, sep, port = text.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"expected HOST:PORT (e.g. localhost:1984), got {text!r}")
        return cls(host.strip("[]"), int(port))

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


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
    """Per-document outcomes; ``error`` is set when the run stopped early, ``pending`` lists what was not tried."""

    server: Server
    database: str
    dry_run: bool
    documents: list[DocumentReport] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    error: str | None = None
    #: Database paths holding a document that is not in the deposited edition (left as they are).
    foreign: list[str] = field(default_factory=list)

    def ok(self) -> bool:
        """True when the run finished and no document failed."""
        return self.error is None and all(d.outcome is not Outcome.FAILED for d in self.documents)

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


def canonical(data: bytes | str, name: str) -> bytes:
    """Canonical XML 2.0 of a document (comments kept), parsed with the hardened parser."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return etree.tostring(parse_bytes(raw, name), method="c14n2")


SessionFactory = Callable[[Server, Credentials, float], Session]


def _open_session(server: Server, credentials: Credentials, timeout: float) -> Session:
    return Session(server.host, server.port, credentials.user, credentials.password, timeout=timeout)


def deposit(
    paths: Sequence[Path],
    server: Server,
    database: str,
    credentials: Credentials,
    *,
    dry_run: bool = False,
    timeout: float = 30.0,
    connect: SessionFactory = _open_session,
) -> DepositReport:
    """Deposit every XML file under ``paths`` into ``database``; errors become the report's values, never raised."""
    entries = plan(paths)
    report = DepositReport(server=server, database=database, dry_run=dry_run, pending=[p for p, _ in entries])
    if not valid_database_name(database):
        report.error = f"{database!r} is not a BaseX database name"
        return report
    in_flight: tuple[str, Path] | None = None
    try:
        with connect(server, credentials, timeout) as session:
            existing = _prepare(session, database, dry_run)
            reader = session.prepare(_READ)
            for db_path, file in entries:
                in_flight = (db_path, file)
                outcome = _deposit_one(session, reader, database, db_path, file, db_path in existing, dry_run)
                report.documents.append(outcome)
                report.pending.remove(db_path)
                in_flight = None
            report.foreign = sorted(existing - {db_path for db_path, _ in entries})
    except BaseXError as exc:
        report.error = f"the BaseX server reported an error: {exc}" if isinstance(exc, ServerError) else str(exc)
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


def _deposit_one(
    session: Session, reader: Query, database: str, db_path: str, file: Path, exists: bool, dry_run: bool
) -> DocumentReport:
    """Write one document if it differs, read it back, and restore the previous state if the copy is not exact."""
    try:
        local = file.read_bytes()
        expected = canonical(local, str(file))
    except OSError as exc:
        return DocumentReport(db_path, file, Outcome.FAILED, f"cannot read the local file: {exc.strerror or exc}")
    except LoadError as exc:
        return DocumentReport(db_path, file, Outcome.FAILED, f"not deposited: {exc.diagnostic.message}")
    previous = reader.execute({"db": database, "path": db_path}) if exists else None
    if previous is not None and _same(previous, expected, db_path):
        return DocumentReport(db_path, file, Outcome.UNCHANGED)
    outcome = Outcome.UPDATED if previous is not None else Outcome.CREATED
    if dry_run:
        return DocumentReport(db_path, file, outcome)
    try:
        session.replace(db_path, local)
    except ServerError as exc:
        return DocumentReport(db_path, file, Outcome.FAILED, f"the server refused it: {exc}")
    if _same(reader.execute({"db": database, "path": db_path}), expected, db_path):
        return DocumentReport(db_path, file, outcome)
    _roll_back(session, database, db_path, previous)
    state = "previous version restored" if previous is not None else "removed again"
    return DocumentReport(
        db_path, file, Outcome.FAILED, f"the copy read back differs from the local file (canonical XML); {state}"
    )


def _same(stored: str, expected: bytes, db_path: str) -> bool:
    try:
        return canonical(stored, db_path) == expected
    except LoadError:
        return False


def _roll_back(session: Session, database: str, db_path: str, previous: str | None) -> None:
    if previous is None:
        session.query(_DELETE, {"db": database, "path": db_path})
    else:
        session.replace(db_path, previous.encode("utf-8"))
