"""Hostile and broken input: each refused with one located error, fast, without a traceback or leaked content."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.cli import main
from toolkit.validate import validate

SECRET = "TOP-SECRET-CONTENT-7f3a"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
BODY = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>{}</TEI>\n'
LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">' for i in range(10))


def refused(tmp_path: Path, name: str, data: bytes, *args: str) -> tuple[int, dict, float]:
    path = tmp_path / name
    path.write_bytes(data)
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args, str(path)])
    elapsed = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.output), elapsed


def only(report: dict) -> dict:
    assert len(report["diagnostics"]) == 1, report
    return report["diagnostics"][0]


def test_external_entity_to_a_local_file_is_refused_without_its_content(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    data = f'{HEAD}<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>\n{BODY.format("&x;")}'
    code, report, elapsed = refused(tmp_path, "xxe.xml", data.encode())
    assert code == 1 and elapsed < 2
    assert only(report)["code"] == "TEI003" and only(report)["line"] == 2
    assert SECRET not in json.dumps(report)


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    data = f"{HEAD}<!DOCTYPE TEI [{LAUGHS}]>\n{BODY.format('&lol9;')}"
    code, report, elapsed = refused(tmp_path, "laughs.xml", data.encode())
    assert code == 1 and elapsed < 2
    assert only(report)["code"] == "TEI003"


def test_an_external_dtd_is_not_fetched_and_the_file_is_refused(tmp_path: Path) -> None:
    data = f'{HEAD}<!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd">\n{BODY.format("")}'
    code, report, elapsed = refused(tmp_path, "dtd.xml", data.encode())
    assert code == 1 and elapsed < 2
    assert only(report)["code"] == "TEI002" and only(report)["line"] == 2


def test_a_truncated_file_is_located(tmp_path: Path) -> None:
    data = f'{HEAD}<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader>\n    <fileDesc>'
    code, report, _ = refused(tmp_path, "truncated.xml", data.encode())
    assert code == 1
    found = only(report)
    assert found["code"] == "TEI001" and found["line"] == 4
    assert "truncated" in found["hint"]


def test_a_mismatched_end_tag_is_not_taken_for_an_encoding_problem(tmp_path: Path) -> None:
    # libxml2 names the elements in its message: "encodingDesc" must not trigger the encoding hint
    data = f'{HEAD}<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader><encodingDesc></teiHeader></TEI>'
    code, report, _ = refused(tmp_path, "mismatch.xml", data.encode())
    found = only(report)
    assert code == 1 and found["code"] == "TEI001" and found["line"] == 3
    assert "end tag does not match" in found["hint"]


def test_latin1_bytes_declared_as_utf8_are_refused(tmp_path: Path) -> None:
    data = f'{HEAD}<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader/><text>caf\xe9</text></TEI>'
    code, report, _ = refused(tmp_path, "latin1.xml", data.encode("latin-1"))
    assert code == 1
    found = only(report)
    assert found["code"] == "TEI001" and found["line"] == 3 and "encoding" in found["hint"]


def test_utf8_bytes_declared_as_latin1_are_refused_rather_than_garbled(tmp_path: Path) -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + BODY.format("<text>café</text>")
    code, report, _ = refused(tmp_path, "mojibake.xml", data.encode("utf-8"))
    assert code == 1
    assert only(report)["code"] == "TEI006"


def test_a_50_mb_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    paragraph = b"<p>" + b"word " * 200 + b"</p>\n"
    with path.open("wb") as out:
        out.write(HEAD.encode() + b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>\n')
        for _ in range(50 * 1024 * 1024 // len(paragraph)):
            out.write(paragraph)
        out.write(b"</body></text></TEI>\n")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(path)])
    elapsed = time.perf_counter() - start
    report = json.loads(result.output)
    assert result.exit_code == 1 and elapsed < 2
    assert only(report)["code"] == "TEI004"


def test_a_file_that_cannot_be_read_is_an_io_failure_not_an_invalid_file(tmp_path: Path) -> None:
    result = validate([tmp_path / "vanished.xml"])
    assert [d.code for d in result.diagnostics] == ["TEI005"]
    assert result.io_failed and not result.ok()


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "validate" / "edition" / "account.xml"
#: Pieces of markup that damage a TEI file in the ways editors do: stray tags, pointers, dates, entities, comments.
MARKUP = st.lists(
    st.sampled_from(
        [
            b"<",
            b">",
            b"&",
            b"&amp;",
            b'"',
            b"</p>",
            b"<p>",
            b"<app>",
            b"</app>",
            b'<rdg wit="#x">',
            b"<gap/>",
            b'<date when="1962-13-45">',
            b'ref="#"',
            b' xml:id="account-p1"',
            b"<!--",
            b"-->",
            b"<![CDATA[",
            b"]]>",
            b'<quote source="nowhere.xml#q">',
            b"\xff\xfe",
            b"\x00",
            b'<?xml version="1.0"?>',
            b"<!DOCTYPE TEI>",
        ]
    ),
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_files_always_give_diagnostics_never_an_exception(data: st.DataObject) -> None:
    original = FIXTURE.read_bytes()
    cut = data.draw(st.integers(min_value=0, max_value=len(original)), label="cut")
    noise = data.draw(st.one_of(st.binary(max_size=40), MARKUP.map(b"".join)), label="noise")
    damaged = original[:cut] + noise + original[cut + len(noise) :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "account.xml"
        path.write_bytes(damaged)
        result = validate([path])
    assert result.files == 1
    assert all(d.line >= 1 and d.code.startswith("TEI") for d in result.diagnostics)


POINTER_TEXT = st.text(alphabet="#./:%~ -_aézAZ09x", max_size=400)


@settings(max_examples=80, deadline=None)
@given(POINTER_TEXT)
def test_any_pointer_text_gives_diagnostics_never_an_exception(pointer: str) -> None:
    original = FIXTURE.read_text(encoding="utf-8")
    damaged = original.replace("persons.xml#dobrynin", pointer.replace('"', ""), 1)
    with tempfile.TemporaryDirectory() as folder:
        for sibling in FIXTURE.parent.glob("*.xml"):
            (Path(folder) / sibling.name).write_bytes(sibling.read_bytes())
        (Path(folder) / "account.xml").write_text(damaged, encoding="utf-8")
        result = validate([Path(folder) / "account.xml"])
    assert all(d.line >= 1 and d.code.startswith("TEI") for d in result.diagnostics)


def test_a_pointer_with_a_file_name_too_long_is_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "account.xml"
    path.write_text(FIXTURE.read_text(encoding="utf-8").replace("persons.xml#dobrynin", "a" * 300 + ".xml#x"))
    result = validate([path])
    assert "TEI202" in {d.code for d in result.diagnostics}


def test_max_size_is_the_limit_in_mib(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(FIXTURE.read_bytes().replace(b"</div>", b"<!--" + b"x" * 1_100_000 + b"--></div>"))
    over = CliRunner().invoke(main, ["validate", "--no-rules", "--max-size", "1", "--format", "json", str(path)])
    assert over.exit_code == 1 and only(json.loads(over.output))["code"] == "TEI004"
    under = CliRunner().invoke(main, ["validate", "--no-rules", "--max-size", "2", str(path)])
    assert under.exit_code == 0, under.output
