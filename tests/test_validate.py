"""``edition validate`` through the front door: one fixture per rule, each breaking one thing, located exactly."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.validate import validate

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "validate"
EDITION = FIXTURES / "edition"
BROKEN = sorted((FIXTURES / "broken").glob("*.xml"))
MARKER = re.compile(r"<!-- (TEI\d{3}) -->")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def run_json(*args: str) -> tuple[int, dict]:
    code, output = run("--format", "json", *args)
    return code, json.loads(output)


def marked(path: Path) -> tuple[str, int]:
    """The code a fixture expects and the line its marker comment is on."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        found = MARKER.search(line)
        if found:
            return found[1], number
    raise AssertionError(f"{path.name} has no <!-- TEIxxx --> marker")


def test_the_fixture_edition_is_valid_even_under_strict() -> None:
    code, output = run("--strict", str(EDITION))
    assert code == 0, output
    assert output.strip() == "Checked 8 files: 0 errors, 0 warnings."


@pytest.mark.parametrize("fixture", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_broken_fixture_reports_its_code_at_its_line(fixture: Path) -> None:
    expected, line = marked(fixture)
    code, report = run_json(str(fixture))
    found = report["diagnostics"]
    assert any(d["code"] == expected and d["line"] == line for d in found), found
    assert all(d["file"].endswith(fixture.name) for d in found)
    # exactly one thing is broken: any other finding is the schema layer saying the same thing (at the same place,
    # except for the header, which the rules report at <teiHeader> and the schema at the incomplete element)
    others = [d for d in found if d["code"] != expected]
    same_place = not expected.startswith("TEI6")
    assert all(d["code"].startswith("TEI1") and (d["line"] == line or not same_place) for d in others), others
    warning = expected.startswith("TEI7")
    assert code == (0 if warning else 1)
    if warning:
        assert run("--strict", str(fixture))[0] == 1


def test_a_dangling_id_gets_a_did_you_mean_hint() -> None:
    _, report = run_json(str(FIXTURES / "broken" / "TEI201-unknown-id.xml"))
    assert report["diagnostics"][0]["hint"] == "did you mean persons.xml#dobrynin?"


def test_the_column_is_that_of_the_offending_tag_among_several_on_the_line() -> None:
    fixture = FIXTURES / "broken" / "TEI201-unknown-id.xml"
    _, report = run_json(str(fixture))
    [found] = report["diagnostics"]
    line = fixture.read_text(encoding="utf-8").splitlines()[found["line"] - 1]
    assert line.count("<") > 5
    assert found["column"] == line.index("<rs ") + 1


def test_a_pointer_to_a_misspelt_file_suggests_the_file() -> None:
    _, report = run_json(str(FIXTURES / "broken" / "TEI202-missing-file.xml"))
    assert report["diagnostics"][0]["hint"] == "did you mean places.xml? (house rule, profile edition)"


def test_json_output_has_the_documented_shape() -> None:
    code, report = run_json(str(FIXTURES / "broken" / "TEI203-wrong-kind.xml"))
    assert code == 1
    assert set(report) == {"diagnostics", "summary"}
    assert report["summary"] == {"files": 1, "errors": 1, "warnings": 0}
    diagnostic = report["diagnostics"][0]
    assert set(diagnostic) == {"code", "severity", "file", "line", "column", "xpath", "message", "hint"}
    assert diagnostic["xpath"] == "/TEI/text[1]/body[1]/div[1]/p[1]/persName[1]"
    assert diagnostic["severity"] == "error"
    assert diagnostic["column"] > 1


def test_github_output_is_one_annotation_per_diagnostic() -> None:
    code, output = run("--format", "github", str(FIXTURES / "broken" / "TEI302-range-reversed.xml"))
    lines = output.strip().splitlines()
    assert code == 1
    assert lines[0].startswith("::error file=") and ",line=31," in lines[0] and "title=TEI302::" in lines[0]
    assert lines[-1] == "Checked 1 file: 1 error, 0 warnings."


def test_text_output_groups_by_file_sorts_by_line_and_ends_with_a_summary(tmp_path: Path) -> None:
    corpus = tmp_path / "edition"
    shutil.copytree(EDITION, corpus)
    account = corpus / "account.xml"
    text = account.read_text(encoding="utf-8")
    text = text.replace('<date when="1962-10-27">', '<date when="1962-10-32">')
    text = text.replace('persons.xml#rfk">Robert', 'persons.xml#rfx">Robert')
    account.write_text(text, encoding="utf-8")
    code, output = run("--no-schema", str(corpus))
    lines = output.splitlines()
    assert code == 1
    assert lines[0].endswith("account.xml")
    numbers = [int(m[1]) for m in re.finditer(r"^  (\d+):\d+: ", output, re.MULTILINE)]
    assert numbers == sorted(numbers) and len(numbers) == 2
    assert lines[-1] == "Checked 8 files: 2 errors, 0 warnings."


def test_validating_one_changed_file_resolves_against_the_whole_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "edition"
    shutil.copytree(EDITION, corpus)
    assert run(str(corpus / "account.xml"))[0] == 0
    (corpus / "cable.xml").write_text(
        (corpus / "cable.xml").read_text(encoding="utf-8").replace('xml:id="cable-q1"', 'xml:id="cable-q9"'),
        encoding="utf-8",
    )
    code, report = run_json(str(corpus / "account.xml"))
    assert code == 1
    assert [(d["code"], Path(d["file"]).name) for d in report["diagnostics"]] == [("TEI201", "account.xml")]


def test_an_id_clash_with_an_unchanged_file_is_caught_in_the_changed_one(tmp_path: Path) -> None:
    corpus = tmp_path / "edition"
    shutil.copytree(EDITION, corpus)
    account = corpus / "account.xml"
    account.write_text(account.read_text(encoding="utf-8").replace('"account-p4"', '"cable-p1"'), encoding="utf-8")
    code, report = run_json(str(account))
    assert code == 1
    assert [(d["code"], Path(d["file"]).name) for d in report["diagnostics"]] == [("TEI200", "account.xml")]


def test_jobs_give_the_same_diagnostics_as_a_single_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit.validate

    monkeypatch.setattr(toolkit.validate, "PARALLEL_MIN_FILES", 2)  # the fixtures are fewer than a real corpus
    single = run_json(str(FIXTURES / "broken"))[1]
    parallel = run_json("--jobs", "2", str(FIXTURES / "broken"))[1]
    assert single == parallel
    assert single["summary"]["files"] == len(BROKEN)


def test_no_rules_leaves_only_parse_and_schema_findings() -> None:
    code, output = run("--no-rules", str(FIXTURES / "broken" / "TEI201-unknown-id.xml"))
    assert code == 0, output


def test_a_bad_date_is_reported_once_by_the_rule_not_again_by_the_schema() -> None:
    fixture = str(FIXTURES / "broken" / "TEI301-bad-date.xml")
    assert [d["code"] for d in run_json(fixture)[1]["diagnostics"]] == ["TEI301"]
    # without the rules, the schema still catches it
    assert [d["code"] for d in run_json("--no-rules", fixture)[1]["diagnostics"]] == ["TEI104"]


def test_a_missing_path_is_a_usage_error() -> None:
    assert run("does-not-exist.xml")[0] == 2


def test_an_unusable_schema_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xsd"
    bad.write_text("<notaschema/>", encoding="utf-8")
    code, output = run("--schema", str(bad), str(EDITION))
    assert code == 2
    assert "cannot load schema" in output and "Traceback" not in output


def test_a_folder_without_xml_is_exit_2(tmp_path: Path) -> None:
    assert run(str(tmp_path))[0] == 2


def test_the_library_returns_diagnostics_as_values() -> None:
    result = validate([FIXTURES / "broken" / "TEI701-unused-person.xml"])
    assert result.files == 1
    assert [d.code for d in result.diagnostics] == ["TEI701"]
    assert result.ok() and not result.ok(strict=True)


def test_the_pre_commit_hook_runs_the_console_script_on_changed_files(tmp_path: Path) -> None:
    hooks = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert re.search(r"^- id: edition-validate$", hooks, re.MULTILINE)
    assert re.search(r"^  types: \[xml\]$", hooks, re.MULTILINE)
    entry = re.search(r"^  entry: (.+)$", hooks, re.MULTILINE)
    assert entry is not None and entry[1] == "edition validate"
    script = Path(sys.executable).parent / "edition"
    if not script.exists():
        pytest.skip(f"the console script is not installed next to {sys.executable}")
    corpus = tmp_path / "edition"
    shutil.copytree(EDITION, corpus)
    changed = [str(corpus / "account.xml"), str(corpus / "persons.xml")]
    ok = subprocess.run([str(script), *entry[1].split()[1:], *changed], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (corpus / "persons.xml").write_text(
        (corpus / "persons.xml").read_text(encoding="utf-8").replace('"dobrynin"', '"dobrynin-a"'), encoding="utf-8"
    )
    broken = subprocess.run([str(script), "validate", *changed], capture_output=True, text=True, check=False)
    assert broken.returncode == 1
    assert "TEI201" in broken.stdout and "Traceback" not in broken.stderr


def test_an_xinclude_of_a_missing_file_is_located_in_the_driver(tmp_path: Path) -> None:
    corpus = tmp_path / "edition"
    shutil.copytree(EDITION, corpus)
    driver = corpus / "edition.xml"
    text = driver.read_text(encoding="utf-8").replace('href="account.xml"', 'href="acount.xml"')
    driver.write_text(text, encoding="utf-8")
    code, report = run_json(str(driver))
    assert code == 1
    [found] = report["diagnostics"]
    assert (found["code"], found["line"]) == (
        "TEI202",
        text.splitlines().index('  <xi:include href="acount.xml"/>') + 1,
    )
    assert found["hint"] == "did you mean account.xml? (house rule, profile edition)"


def test_without_a_path_the_tei_folder_of_the_working_folder_is_validated(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run()[0] == 2  # no tei/ here: a usage error
    shutil.copytree(EDITION, tmp_path / "tei")
    code, output = run()
    assert code == 0 and output.strip() == "Checked 8 files: 0 errors, 0 warnings."


def test_a_revision_may_be_ascribed_to_a_team_but_speech_only_to_a_person(tmp_path: Path) -> None:
    corpus = tmp_path / "edition"
    shutil.copytree(EDITION, corpus)
    account = corpus / "account.xml"
    text = account.read_text(encoding="utf-8").replace('who="persons.xml#rfk"', 'who="orgs.xml#team"')
    account.write_text(text, encoding="utf-8")
    assert run(str(account))[0] == 0
    text = text.replace("met <rs", '<said who="orgs.xml#team">met</said> <rs')
    account.write_text(text, encoding="utf-8")
    code, report = run_json("--no-schema", str(account))
    assert code == 1
    assert [(d["code"], d["xpath"].rsplit("/", 1)[-1]) for d in report["diagnostics"]] == [("TEI203", "said[1]")]


def test_the_edition_itself_is_valid() -> None:
    edition = Path(__file__).resolve().parent.parent / "tei"
    code, output = run(str(edition))
    assert code == 0, output


def test_the_public_names_exist_and_the_contract_holds() -> None:
    import inspect

    import toolkit.validate as package

    assert all(hasattr(package, name) for name in package.__all__)
    parameters = inspect.signature(validate).parameters
    assert [(name, parameters[name].default) for name in ("schema", "rules", "jobs")] == [
        ("schema", None),
        ("rules", True),
        ("jobs", 1),
    ]
    result = validate([EDITION], jobs=2)
    assert result.files == 8 and result.ok(strict=True) and result.diagnostics == []
