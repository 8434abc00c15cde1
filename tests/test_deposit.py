"""Deposit into a real BaseX server: round trip, idempotence, refusals, and a server that stops mid-run."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import FIXTURES
from toolkit.archive.basex import Session
from toolkit.archive.deposit import Credentials, Outcome, Server, deposit, find_credentials
from toolkit.cli import main

EDITION = FIXTURES / "archive" / "edition"
PASSWORD = "dep0sit-s3cret"
TEI = "http://www.tei-c.org/ns/1.0"
REPORT_LINE = re.compile(r"^  (would create|would update|created|updated|unchanged|failed) +([^:\s]+)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class BaseXServer:
    """A throw-away BaseX server on a loopback port."""

    process: subprocess.Popen[bytes]
    port: int
    home: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def session(self) -> Session:
        return Session("127.0.0.1", self.port, "admin", PASSWORD)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def start_basex(home: Path) -> BaseXServer:
    """Set the admin password in a fresh home folder, start ``basexserver`` there and wait for its port."""
    if shutil.which("basexserver") is None or shutil.which("basex") is None:
        pytest.skip("BaseX is absent (Debian package basex: basexserver, basex)")
    port, stop_port = _free_port(), _free_port()
    props = {"DBPATH": home / "data", "REPOPATH": home / "repo", "LOGPATH": home / "log", "STOPPORT": stop_port}
    java_args = f"-Dorg.basex.path={home}/ -Dorg.basex.SERVERHOST=127.0.0.1 " + " ".join(
        f"-Dorg.basex.{key}={value}" for key, value in props.items()
    )
    env = {**os.environ, "JAVA_ARGS": java_args}
    subprocess.run(["basex", "-c", f"ALTER PASSWORD admin {PASSWORD}"], env=env, check=True, capture_output=True)
    process = subprocess.Popen(
        ["basexserver", "-p", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return BaseXServer(process, port, home)
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(
                    f"basexserver exited: {process.stderr.read().decode() if process.stderr else ''}"
                ) from None
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("basexserver did not open its port within 60 s")


@pytest.fixture(scope="session")
def basex(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BaseXServer]:
    server = start_basex(tmp_path_factory.mktemp("basex-home"))
    yield server
    server.stop()


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    copy = tmp_path / "tei"
    shutil.copytree(EDITION, copy)
    return copy


@pytest.fixture
def database(request: pytest.FixtureRequest) -> str:
    return request.node.name.replace("[", "-").replace("]", "")


def run(*args: str, password: str = PASSWORD, home: Path | None = None):
    env = {"BASEX_USER": "admin", "BASEX_PASSWORD": password, "HOME": str(home or Path.home())}
    return CliRunner().invoke(main, ["deposit", *args], env=env, catch_exceptions=False)


def outcomes(output: str) -> dict[str, str]:
    """``{document: outcome}`` from the per-document lines of the report."""
    lines = (REPORT_LINE.match(line) for line in output.splitlines())
    return {match[2]: match[1] for match in lines if match}


@pytest.mark.basex
def test_deposit_creates_every_document_and_verifies_it(basex, edition, database):
    result = run(str(edition), "--server", basex.address, "--database", database)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in edition.glob("*.xml"))
    assert outcomes(result.output) == dict.fromkeys(names, "created")
    assert f"{len(names)} created, 0 updated, 0 unchanged, 0 failed" in result.output


@pytest.mark.basex
def test_persname_counts_read_back_with_xquery_equal_the_local_counts(basex, edition, database):
    assert run(str(edition), "--server", basex.address, "--database", database).exit_code == 0
    query = (
        "declare namespace tei='http://www.tei-c.org/ns/1.0'; declare variable $db external;"
        "string-join(for $d in db:open($db) return db:path($d) || '=' || count($d//tei:persName), ' ')"
    )
    with basex.session() as session:
        remote = dict(item.split("=") for item in session.query(query, {"db": database}).split())
    local = {p.name: str(len(etree.parse(str(p)).findall(f".//{{{TEI}}}persName"))) for p in edition.glob("*.xml")}
    assert remote == local
    assert int(local["rfk-thirteen-days.xml"]) == 4  # the author in the header and three in the text


@pytest.mark.basex
def test_second_deposit_changes_nothing_and_says_so(basex, edition, database):
    assert run(str(edition), "--server", basex.address, "--database", database).exit_code == 0
    again = run(str(edition), "--server", basex.address, "--database", database)
    assert again.exit_code == 0
    assert set(outcomes(again.output).values()) == {"unchanged"}
    assert "0 created, 0 updated, 5 unchanged, 0 failed" in again.output


@pytest.mark.basex
def test_changed_document_is_updated_and_dry_run_writes_nothing(basex, edition, database):
    assert run(str(edition), "--server", basex.address, "--database", database).exit_code == 0
    persons = edition / "persons.xml"
    persons.write_text(persons.read_text().replace("James G. Hershberg", "Jim Hershberg"), encoding="utf-8")
    dry = run(str(edition), "--server", basex.address, "--database", database, "--dry-run")
    assert dry.exit_code == 0
    assert "would update persons.xml" in " ".join(dry.output.split())
    assert "(nothing written)" in dry.output
    real = run(str(edition), "--server", basex.address, "--database", database)
    assert outcomes(real.output)["persons.xml"] == "updated"
    assert "1 updated, 4 unchanged" in real.output
    with basex.session() as session:
        stored = session.query(
            f"db:open('{database}', 'persons.xml')//*:person[@xml:id='hershberg']/*:persName/string()"
        )
    assert stored == "Jim Hershberg"


@pytest.mark.basex
def test_a_document_withdrawn_from_the_edition_is_reported_not_deleted(basex, edition, database):
    assert run(str(edition), "--server", basex.address, "--database", database).exit_code == 0
    withdrawn = edition / "edition.xml"  # no other document points to it: the rest still validates
    withdrawn.unlink()
    result = run(str(edition), "--server", basex.address, "--database", database)
    assert result.exit_code == 0, result.output
    assert f"  not ours     {withdrawn.name}: in the database, not in the edition; left as it is" in result.output
    assert "1 not in the edition" in result.output
    with basex.session() as session:
        assert session.query(f"db:exists('{database}', '{withdrawn.name}')") == "true"


@pytest.mark.basex
def test_dry_run_on_a_new_database_creates_nothing(basex, edition, database):
    result = run(str(edition), "--server", basex.address, "--database", database, "--dry-run")
    assert result.exit_code == 0
    assert set(outcomes(result.output).values()) == {"would create"}
    assert "5 to create, 0 to update, 0 unchanged, 0 failed (nothing written)" in result.output
    with basex.session() as session:
        assert session.query(f"db:exists('{database}')") == "false"


@pytest.mark.basex
def test_document_whose_copy_differs_is_rolled_back(basex, tmp_path, database):
    # An internal DTD gives p a default attribute: the server's parser applies it, so the copy read back differs.
    odd = tmp_path / "defaults.xml"
    odd.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ATTLIST p rend CDATA "plain">\n]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>\n',
        encoding="utf-8",
    )
    # --force: the fragment is not a valid TEI document; the point here is what the server does to it.
    result = run(str(odd), str(EDITION / "persons.xml"), "--server", basex.address, "--database", database, "--force")
    assert result.exit_code == 1
    assert (
        "defaults.xml: the copy read back differs from the local file (canonical XML); removed again" in result.output
    )
    assert outcomes(result.output)["persons.xml"] == "created"
    with basex.session() as session:
        assert session.query(f"string-join(db:list('{database}'), ' ')") == "persons.xml"


@pytest.mark.basex
def test_read_only_user_gets_the_server_error_per_document(basex, edition, database):
    with basex.session() as session:
        session.execute(f"CREATE DB {database}")
        session.execute("CREATE USER reader readerpw")
        session.execute(f"GRANT read ON {database} TO reader")
    env = {"BASEX_USER": "reader", "BASEX_PASSWORD": "readerpw"}
    result = CliRunner().invoke(
        main, ["deposit", str(edition), "--server", basex.address, "--database", database], env=env
    )
    assert result.exit_code == 1
    assert set(outcomes(result.output).values()) == {"failed"}
    assert "the server refused it" in result.output
    assert "not deposited: dobrynin-cable.xml" in result.output


@pytest.mark.basex
def test_server_stopped_mid_run_names_done_and_not_done_documents(tmp_path, edition):
    server = start_basex(tmp_path / "home")
    writes = 0

    class StopsAfterTwoWrites(Session):
        def replace(self, path: str, content: bytes) -> str:
            nonlocal writes
            writes += 1
            if writes == 3:
                server.stop()
            return super().replace(path, content)

    def connect(where: Server, credentials: Credentials, timeout: float) -> Session:
        return StopsAfterTwoWrites(where.host, where.port, credentials.user, credentials.password, timeout=timeout)

    try:
        report = deposit(
            [edition], Server("127.0.0.1", server.port), "db", Credentials("admin", PASSWORD), connect=connect
        )
    finally:
        server.stop()
    assert report.error is not None and "connection" in report.error
    assert report.deposited() == ["dobrynin-cable.xml", "edition.xml"]
    assert report.not_deposited() == ["persons.xml", "rfk-thirteen-days.xml", "witnesses.xml"]
    assert report.documents[-1].outcome is Outcome.FAILED


def test_credentials_come_from_netrc_when_the_environment_has_none(tmp_path):
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine db.example.org login archivist password n3trc-secret\n", encoding="utf-8")
    netrc.chmod(0o600)
    found = find_credentials("db.example.org", {"HOME": str(tmp_path)}, netrc)
    assert found == Credentials("archivist", "n3trc-secret")
    assert "n3trc-secret" not in repr(found)


def test_missing_credentials_exit_2_with_advice(tmp_path):
    env = {"BASEX_USER": None, "BASEX_PASSWORD": None, "NETRC": str(tmp_path / "none")}
    result = CliRunner().invoke(main, ["deposit", str(EDITION), "--database", "x"], env=env)
    assert result.exit_code == 2
    assert "set BASEX_USER and BASEX_PASSWORD" in result.output


def test_bad_server_address_is_a_usage_error():
    result = run(str(EDITION), "--server", "localhost:1984:1984", "--database", "x")
    assert result.exit_code == 2
    assert "expected HOST, HOST:PORT, [IPv6]:PORT or basex://HOST[:PORT]" in " ".join(result.output.split())


@pytest.mark.basex
def test_server_error_before_any_document_counts_them_all_as_not_deposited(basex, edition):
    with basex.session() as session:
        session.execute("CREATE USER visitor visitorpw")
    env = {"BASEX_USER": "visitor", "BASEX_PASSWORD": "visitorpw"}
    args = ["deposit", str(edition), "--server", basex.address, "--database", "visitor-db"]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 1
    assert "error: the BaseX server reported an error:" in result.output
    assert "nothing deposited: 5 documents not deposited" in result.output
    assert "0 created" not in result.output


XML_CHARACTERS = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Z", "Cc", "Co"),
    exclude_characters="".join(chr(c) for c in range(0x20) if c not in (0x9, 0xA, 0xD)) + "\ufffe\uffff",
)


@pytest.mark.basex
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(XML_CHARACTERS, max_size=200), attribute=st.text(XML_CHARACTERS, max_size=40))
def test_any_text_and_attribute_value_survives_the_round_trip(basex, text, attribute):
    element = etree.Element(f"{{{TEI}}}TEI")
    paragraph = etree.SubElement(element, f"{{{TEI}}}p", n=attribute)
    paragraph.text = text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.xml"
        etree.ElementTree(element).write(str(path), encoding="utf-8", xml_declaration=True)
        report = deposit(
            [path], Server("127.0.0.1", basex.port), "roundtrip", Credentials("admin", PASSWORD), force=True
        )
    assert report.ok(), report
    assert report.documents[0].outcome in (Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED)


@pytest.mark.basex
def test_the_edition_round_trips_with_its_persname_counts(basex, edition_dir):
    first = run(str(edition_dir), "--server", basex.address, "--database", "anatomy")
    assert first.exit_code == 0, first.output
    names = sorted(p.name for p in edition_dir.glob("*.xml"))
    assert outcomes(first.output) == dict.fromkeys(names, "created")
    query = (
        "declare namespace tei='http://www.tei-c.org/ns/1.0';"
        "string-join(for $d in db:open('anatomy') return db:path($d) || '=' || count($d//tei:persName), ' ')"
    )
    with basex.session() as session:
        remote = dict(item.split("=") for item in session.query(query).split())
    assert remote == {
        p.name: str(len(etree.parse(str(p)).findall(f".//{{{TEI}}}persName"))) for p in edition_dir.glob("*.xml")
    }
    again = run(str(edition_dir), "--server", basex.address, "--database", "anatomy")
    assert set(outcomes(again.output).values()) == {"unchanged"}


# -- an invalid edition is not deposited (unless --force) ------------------------------------------------------------


def _break(edition: Path) -> Path:
    """A dangling person pointer and an impossible date in the cable: two errors ``edition validate`` reports."""
    cable = edition / "dobrynin-cable.xml"
    text = cable.read_text(encoding="utf-8")
    cable.write_text(
        text.replace('ref="persons.xml#dobrynin"', 'ref="persons.xml#dobrynim"', 1).replace("1962-10-27", "1962-10-32"),
        encoding="utf-8",
    )
    return cable


def _validation_report(edition: Path) -> str:
    """What ``edition validate`` prints for ``edition``: deposit must print the same."""
    result = CliRunner().invoke(main, ["validate", str(edition)])
    assert result.exit_code == 1, result.output
    return result.output.strip()


@pytest.mark.basex
def test_invalid_edition_is_refused_with_the_validators_diagnostics_and_no_database_is_created(
    basex, edition, database
):
    _break(edition)
    result = run(str(edition), "--server", basex.address, "--database", database)
    assert result.exit_code == 1, result.output
    assert _validation_report(edition) in result.output
    assert "nothing deposited: the edition has errors (use --force to deposit anyway); 5 documents not deposited" in (
        result.output
    )
    assert not outcomes(result.output)
    with basex.session() as session:
        assert session.query(f"db:exists('{database}')") == "false"


@pytest.mark.basex
def test_invalid_edition_does_not_replace_the_good_documents_in_the_database(basex, edition, database):
    assert run(str(edition), "--server", basex.address, "--database", database).exit_code == 0
    _break(edition)
    result = run(str(edition), "--server", basex.address, "--database", database)
    assert result.exit_code == 1, result.output
    with basex.session() as session:
        stored = session.query(f"db:open('{database}', 'dobrynin-cable.xml')//*:creation/*:date/@when/string()")
    assert stored == "1962-10-27"


@pytest.mark.basex
def test_force_deposits_an_invalid_edition_and_still_shows_the_diagnostics(basex, edition, database):
    assert run(str(edition), "--server", basex.address, "--database", database).exit_code == 0
    _break(edition)
    result = run(str(edition), "--server", basex.address, "--database", database, "--force")
    assert result.exit_code == 0, result.output
    assert _validation_report(edition) in result.output
    assert outcomes(result.output)["dobrynin-cable.xml"] == "updated"
    assert "Deposited despite the errors above (--force)." in result.output
    with basex.session() as session:
        stored = session.query(f"db:open('{database}', 'dobrynin-cable.xml')//*:creation/*:date/@when/string()")
    assert stored == "1962-10-32"


def test_dry_run_of_an_invalid_edition_reports_the_diagnostics_and_exits_1(edition):
    _break(edition)
    # No server answers on this port: the refusal comes before any connection.
    result = run(str(edition), "--server", f"127.0.0.1:{_free_port()}", "--database", "x", "--dry-run")
    assert result.exit_code == 1, result.output
    assert _validation_report(edition) in result.output
    assert "nothing would be deposited: the edition has errors" in result.output
    assert "BaseX" not in result.output


# -- a session that does not open deposits nothing, and says so ------------------------------------------------------


@pytest.mark.basex
def test_wrong_password_names_the_refused_user_and_counts_nothing_as_deposited(basex, edition, database):
    result = run(str(edition), "--server", basex.address, "--database", database, password="not-the-password")
    assert result.exit_code == 2, result.output
    assert f"error: BaseX at {basex.address} refused the credentials of user 'admin'" in result.output
    assert "nothing deposited: 5 documents not deposited" in result.output
    assert "0 created" not in result.output and not outcomes(result.output)
    assert "Traceback" not in result.output
    assert "not-the-password" not in result.output and PASSWORD not in result.output


def test_unreachable_server_says_no_server_answers_and_exits_2():
    port = _free_port()
    result = run(str(EDITION), "--server", f"127.0.0.1:{port}", "--database", "x")
    assert result.exit_code == 2, result.output
    assert f"error: no BaseX server answers at 127.0.0.1:{port} (connection refused)" in result.output
    assert "nothing deposited: 5 documents not deposited" in result.output
    assert "0 created" not in result.output


def test_silent_server_times_out_and_exits_2():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        accepted: list[socket.socket] = []
        thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
        thread.start()
        port = listener.getsockname()[1]
        result = run(str(EDITION), "--server", f"127.0.0.1:{port}", "--database", "x", "--timeout", "0.5")
        for conn in accepted:
            conn.close()
    assert result.exit_code == 2, result.output
    assert f"error: BaseX at 127.0.0.1:{port} did not answer within the timeout (0.5 s)" in result.output
    assert "nothing deposited: 5 documents not deposited" in result.output
    assert "0 created" not in result.output


# -- server addresses ------------------------------------------------------------------------------------------------


def test_server_given_as_a_host_alone_is_reached_on_port_1984():
    # --dry-run: should a BaseX server listen on this machine's port 1984, nothing is written to it.
    result = run(str(EDITION), "--server", "localhost", "--database", "x", "--dry-run", "--timeout", "2")
    assert "Invalid value for --server" not in result.output
    assert "localhost:1984" in result.output


@pytest.mark.basex
def test_server_given_as_a_basex_url_is_deposited_into(basex, edition, database):
    result = run(str(edition), "--server", f"basex://127.0.0.1:{basex.port}", "--database", database)
    assert result.exit_code == 0, result.output
    assert f"Deposit into database '{database}' at 127.0.0.1:{basex.port}: 5 created" in result.output


def test_server_given_as_a_bracketed_ipv6_address_is_tried_there():
    port = _free_port()
    result = run(str(EDITION), "--server", f"[::1]:{port}", "--database", "x")
    assert result.exit_code == 2, result.output
    assert "Invalid value for --server" not in result.output
    assert f"[::1]:{port}" in result.output


@pytest.mark.parametrize("url", ["http://localhost:8984", "https://db.example.org/rest"])
def test_http_url_is_refused_with_the_client_port_explained(url):
    result = run(str(EDITION), "--server", url, "--database", "x")
    assert result.exit_code == 2
    assert "Invalid value for --server" in result.output
    message = " ".join(result.output.split())
    assert "HOST, HOST:PORT, [IPv6]:PORT or basex://HOST[:PORT]" in message
    assert "8984 is BaseX's HTTP port" in message
    assert "client protocol (default port 1984)" in message
    assert "Name or service not known" not in message


@pytest.mark.parametrize("port", ["abc", "0", "65536", "99999999999", "-1", ""])
def test_bad_port_is_refused_with_the_range_of_ports(port):
    result = run(str(EDITION), "--server", f"localhost:{port}", "--database", "x")
    assert result.exit_code == 2
    assert "Invalid value for --server" in result.output
    assert "a port is a number from 1 to 65535" in " ".join(result.output.split())


HOST_NAMES = st.from_regex(r"\A[A-Za-z0-9]([A-Za-z0-9-]{0,10}[A-Za-z0-9])?(\.[A-Za-z0-9]{1,8}){0,3}\Z")
IPV6 = st.ip_addresses(v=6).map(str)
PORTS = st.integers(min_value=1, max_value=65535)


@given(host=st.one_of(HOST_NAMES, IPV6), port=PORTS)
def test_server_round_trips_through_its_text(host, port):
    server = Server(host, port)
    assert Server.parse(str(server)) == server
    assert Server.parse(f"basex://{server}") == server


SERVER_TEXT = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda scheme, host, sep, port: f"{scheme}{host}{sep}{port}",
        st.sampled_from(["", "basex://", "http://", "https://", "ftp://", "basex:/"]),
        st.one_of(
            HOST_NAMES,
            IPV6.map(lambda a: f"[{a}]"),
            IPV6,
            st.builds(lambda a, zone: f"[{a}%{zone}]", IPV6, st.text(max_size=4)),
            st.text(max_size=10),
        ),
        st.sampled_from(["", ":", "/", "::"]),
        st.one_of(st.integers(-10, 70000).map(str), st.text("0123456789٣²abc", max_size=8)),
    ),
)


@given(text=SERVER_TEXT)
def test_server_parse_raises_only_value_error_and_what_it_accepts_round_trips(text):
    try:
        server = Server.parse(text)
    except ValueError as exc:
        assert str(exc)
        return
    assert 0 < server.port < 65536
    assert Server.parse(str(server)) == server


def _export_bag(edition: Path, bag: Path) -> Path:
    exported = CliRunner().invoke(
        main, ["export", "bagit", str(bag), "--edition", str(edition), "--bagging-date", "2026-11-24"]
    )
    assert exported.exit_code == 0, exported.output
    return bag


def _stored_bytes(session: Session, database: str, path: str) -> bytes:
    """A raw resource of the database, read back through the server (base64 over the client protocol)."""
    encoded = session.query(
        "declare variable $db external; declare variable $path external; string(db:retrieve($db, $path))",
        {"db": database, "path": path},
    )
    return base64.b64decode(encoded)


CRATE = "archive/ro-crate-metadata.json"


@pytest.mark.basex
def test_a_bag_deposits_its_mets_and_an_index_of_paths_identifiers_and_checksums(basex, edition, database, tmp_path):
    bag = _export_bag(edition, tmp_path / "bag")
    result = run(str(edition), "--server", basex.address, "--database", database, "--bag", str(bag))
    assert result.exit_code == 0, result.output
    assert outcomes(result.output)["archive/mets.xml"] == "created"
    assert outcomes(result.output)["archive/index.xml"] == "created"
    with Session("127.0.0.1", basex.port, "admin", PASSWORD) as session:
        listed = session.query(
            "declare namespace i = 'urn:x-edition:deposit';"
            f"string-join(for $d in db:open('{database}', 'archive/index.xml')//i:document"
            " return $d/@path || '=' || $d/@id || '=' || $d/@sha256, ' ')"
        )
        mets = session.query(f"count(db:open('{database}', 'archive/mets.xml')//*:file)")
    expected = {
        f"{p.name}={p.stem}={hashlib.sha256(p.read_bytes()).hexdigest()}" for p in sorted(edition.glob("*.xml"))
    }
    assert set(listed.split()) == expected
    assert int(mets) > len(expected)
    again = run(str(edition), "--server", basex.address, "--database", database, "--bag", str(bag))
    assert set(outcomes(again.output).values()) == {"unchanged"}


@pytest.mark.basex
def test_a_bag_deposits_its_ro_crate_byte_for_byte_listed_in_the_index_with_its_checksum(
    basex, edition, database, tmp_path
):
    bag = _export_bag(edition, tmp_path / "bag")
    local = (bag / "data" / "ro-crate-metadata.json").read_bytes()
    result = run(str(edition), "--server", basex.address, "--database", database, "--bag", str(bag))
    assert result.exit_code == 0, result.output
    assert outcomes(result.output)[CRATE] == "created"
    with basex.session() as session:
        assert session.query(f"db:is-raw('{database}', '{CRATE}')") == "true"
        stored = _stored_bytes(session, database, CRATE)
        listed = session.query(
            "declare namespace i = 'urn:x-edition:deposit';"
            f"db:open('{database}', 'archive/index.xml')//i:file[@path = '{CRATE}']"
            " ! string-join((@sha256, @type, @stored), ' ')"
        )
        # the crate is still JSON-LD a query can read: BaseX parses the stored bytes on demand
        root = session.query(
            f"parse-json(convert:binary-to-string(db:retrieve('{database}', '{CRATE}')))"
            "?('@graph')?*[?('@id') = './']?('@type')"
        )
    assert stored == local
    digest = hashlib.sha256(local).hexdigest()
    assert listed == f"{digest} application/ld+json raw"
    manifest = (bag / "manifest-sha256.txt").read_text(encoding="utf-8")
    assert f"{digest}  data/ro-crate-metadata.json" in manifest
    assert root == "Dataset"


@pytest.mark.basex
def test_a_changed_ro_crate_is_updated_and_an_unchanged_one_left_alone(basex, edition, database, tmp_path):
    bag = _export_bag(edition, tmp_path / "bag")
    assert run(str(edition), "--server", basex.address, "--database", database, "--bag", str(bag)).exit_code == 0
    crate = bag / "data" / "ro-crate-metadata.json"
    changed = crate.read_bytes().replace(b'"@context"', b'"@context" ', 1)
    crate.write_bytes(changed)
    dry = run(str(edition), "--server", basex.address, "--database", database, "--bag", str(bag), "--dry-run")
    assert outcomes(dry.output)[CRATE] == "would update"
    again = run(str(edition), "--server", basex.address, "--database", database, "--bag", str(bag))
    assert again.exit_code == 0, again.output
    found = outcomes(again.output)
    # the index changes with the crate's checksum; everything else is as it was
    assert found.pop(CRATE) == "updated" and found.pop("archive/index.xml") == "updated"
    assert set(found.values()) == {"unchanged"}
    with basex.session() as session:
        assert _stored_bytes(session, database, CRATE) == changed
    third = run(str(edition), "--server", basex.address, "--database", database, "--bag", str(bag))
    assert set(outcomes(third.output).values()) == {"unchanged"}


@pytest.mark.basex
def test_a_ro_crate_whose_copy_differs_is_rolled_back_to_the_previous_version(basex, edition, database, tmp_path):
    bag = _export_bag(edition, tmp_path / "bag")
    credentials = Credentials("admin", PASSWORD)
    where = Server("127.0.0.1", basex.port)
    assert deposit([edition], where, database, credentials, bag=bag).ok()
    before = (bag / "data" / "ro-crate-metadata.json").read_bytes()
    (bag / "data" / "ro-crate-metadata.json").write_bytes(before.replace(b"{", b"{ ", 1))

    class DropsTheLastByte(Session):
        """A write that loses a byte on the way: the server stores what it receives."""

        def store(self, path: str, content: bytes) -> str:
            return super().store(path, content[:-1] if content != before else content)

    def connect(server: Server, given: Credentials, timeout: float) -> Session:
        return DropsTheLastByte(server.host, server.port, given.user, given.password, timeout=timeout)

    report = deposit([edition], where, database, credentials, bag=bag, connect=connect)
    failed = {d.path: d.message for d in report.documents if d.outcome is Outcome.FAILED}
    assert failed == {CRATE: "the copy read back differs from the local file (SHA-256); previous version restored"}
    with basex.session() as session:
        assert _stored_bytes(session, database, CRATE) == before


def test_a_bag_without_its_ro_crate_is_refused_before_the_server_is_contacted(edition, tmp_path):
    bag = _export_bag(edition, tmp_path / "bag")
    (bag / "data" / "ro-crate-metadata.json").unlink()
    result = run(str(edition), "--server", f"127.0.0.1:{_free_port()}", "--database", "x", "--bag", str(bag))
    assert result.exit_code == 2, result.output
    assert "has no data/ro-crate-metadata.json" in result.output
    assert "BaseX" not in result.output


@pytest.mark.basex
def test_an_xml_document_where_the_ro_crate_goes_is_reported_and_left_as_it_is(basex, edition, database, tmp_path):
    bag = _export_bag(edition, tmp_path / "bag")
    with basex.session() as session:
        session.execute(f"CREATE DB {database}")
        session.replace(CRATE, b"<not-a-crate/>")
    result = run(str(edition), "--server", basex.address, "--database", database, "--bag", str(bag))
    assert result.exit_code == 1, result.output
    assert f"{CRATE}: the database holds an XML document at this path, not a raw resource" in result.output
    with basex.session() as session:
        assert session.query(f"db:open('{database}', '{CRATE}')/*/name()") == "not-a-crate"
