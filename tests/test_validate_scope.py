"""What ``edition validate`` checks: pointers into the named files, which folders it walks, and where a corpus ends."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_EDITION = Path(__file__).resolve().parent / "fixtures" / "validate" / "edition"
#: A well-formed XML file that is not TEI at all.
NOT_TEI = '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"><name>x</name></project>\n'
#: A TEI file that the schema refuses (no teiHeader): seen only if the walk reads it.
BROKEN_TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p ref="#nowhere">x</p></body></text></TEI>\n'


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def diagnostics(*args: str) -> tuple[int, list[dict]]:
    result = invoke("--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def rename_id(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert f'xml:id="{old}"' in text
    file.write_text(text.replace(f'xml:id="{old}"', f'xml:id="{new}"'), encoding="utf-8")


def edition_in(folder: Path) -> Path:
    """A small valid edition copied to ``folder``."""
    shutil.copytree(FIXTURE_EDITION, folder)
    return folder


# --- pointers into the named files ------------------------------------------------------------------------------


def test_a_renamed_id_is_reported_at_every_pointer_left_in_the_other_files(tmp_path: Path) -> None:
    corpus = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", corpus)
    rename_id(corpus / "persons.xml", "dobrynin", "dobrynin-anatoly")
    _, whole = diagnostics(str(corpus))
    expected = sorted((d["file"], d["line"], d["column"]) for d in whole if d["code"] == "TEI201")
    assert len(expected) > 1

    code, found = diagnostics(str(corpus / "persons.xml"))  # what pre-commit passes: the changed file only

    assert code == 1
    assert sorted((d["file"], d["line"], d["column"]) for d in found if d["code"] == "TEI201") == expected
    assert all(not d["file"].endswith("persons.xml") for d in found if d["code"] == "TEI201")


def test_a_dangling_pointer_repeated_across_files_is_reported_at_each_place(tmp_path: Path) -> None:
    # the pointer rule runs once per distinct pointer: a finding must still be said wherever the pointer is
    corpus = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", corpus)
    rename_id(corpus / "persons.xml", "dobrynin", "dobrynin-anatoly")
    places = sorted(
        (f"{file.name}", line)
        for file in corpus.glob("*.xml")
        for line, text in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1)
        for _ in range(text.count("persons.xml#dobrynin"))
    )
    assert len({name for name, _ in places}) > 1

    code, found = diagnostics(str(corpus))

    assert code == 1
    reported = sorted((Path(d["file"]).name, d["line"]) for d in found if "'dobrynin'" in d["message"])
    assert reported == places


def test_an_incoming_pointer_is_located_in_the_file_that_holds_it(tmp_path: Path) -> None:
    corpus = edition_in(tmp_path / "edition")
    rename_id(corpus / "persons.xml", "dobrynin", "dobrynin-a")
    result = invoke(str(corpus / "persons.xml"))
    assert result.exit_code == 1
    account = (corpus / "account.xml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(account, start=1) if "persons.xml#dobrynin" in text)
    assert f"account.xml\n  {line}:" in result.stdout
    assert "TEI201 @ref='persons.xml#dobrynin': no element with xml:id 'dobrynin' in persons.xml" in result.stdout


def test_other_findings_of_the_other_files_are_not_reported(tmp_path: Path) -> None:
    corpus = edition_in(tmp_path / "edition")
    account = corpus / "account.xml"
    text = account.read_text(encoding="utf-8").replace('ref="orgs.xml#mfa"', 'ref="orgs.xml#nobody"')
    account.write_text(
        text.replace('<p xml:id="account-p2"', '<p xml:id="account-p2" ana="#nothing"'), encoding="utf-8"
    )
    assert diagnostics(str(account))[0] == 1
    code, found = diagnostics(str(corpus / "persons.xml"))
    assert (code, found) == (0, [])


def test_a_renamed_witness_is_reported_at_the_readings_that_cite_it(tmp_path: Path) -> None:
    corpus = edition_in(tmp_path / "edition")
    rename_id(corpus / "witnesses.xml", "wit-account", "wit-acc")
    code, found = diagnostics(str(corpus / "witnesses.xml"))
    assert code == 1
    assert {(d["code"], Path(d["file"]).name) for d in found if d["severity"] == "error"} == {("TEI201", "account.xml")}


# --- what a folder walk reads -----------------------------------------------------------------------------------


def repository(tmp_path: Path) -> Path:
    """A repository root holding a valid edition in tei/."""
    edition_in(tmp_path / "tei")
    return tmp_path


def plant(folder: Path, marker: str | None = None) -> None:
    """A broken TEI file in ``folder`` (and ``marker``, a file that marks the folder, if given)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.xml").write_text(BROKEN_TEI, encoding="utf-8")
    if marker:
        (folder / marker).write_text("{}\n" if marker.endswith(".json") else "home = /usr\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("folder", "marker"),
    [
        (".hidden/deep", None),
        ("venv/lib/site-packages/pkg", None),
        ("output", ".edition-build.json"),
        ("old-output", ".build-cache.json"),
        ("site/node_modules/pkg", None),
    ],
    ids=["hidden", "virtual-environment", "build-output", "older-build-output", "node-modules"],
)
def test_a_repository_walk_skips_folders_that_hold_no_sources(tmp_path: Path, folder: str, marker: str | None) -> None:
    root = repository(tmp_path)
    plant(root / folder, marker)
    if folder.startswith("venv"):
        (root / "venv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    result = invoke(str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "Checked 8 files: 0 errors, 0 warnings."


def test_a_repository_walk_skips_what_gitignore_ignores(tmp_path: Path) -> None:
    root = repository(tmp_path)
    (root / ".gitignore").write_text("/scratch/\n*.bak.xml\n", encoding="utf-8")
    plant(root / "scratch")
    (root / "tei" / "persons.bak.xml").write_text(BROKEN_TEI, encoding="utf-8")
    plant(root / "tei" / "drafts")
    (root / "tei" / "drafts" / ".gitignore").write_text("broken.xml\n", encoding="utf-8")
    result = invoke(str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "Checked 8 files: 0 errors, 0 warnings."


def test_the_gitignore_of_the_repository_applies_to_a_walk_of_a_subfolder(tmp_path: Path) -> None:
    root = repository(tmp_path)
    (root / ".git").mkdir()
    (root / ".gitignore").write_text("tei/scratch/\n", encoding="utf-8")
    plant(root / "tei" / "scratch")
    result = invoke(str(root / "tei"))
    assert result.exit_code == 0, result.output


def test_a_folder_named_explicitly_is_walked_even_if_gitignore_ignores_it(tmp_path: Path) -> None:
    root = repository(tmp_path)
    (root / ".git").mkdir()
    (root / ".gitignore").write_text("scratch/\n", encoding="utf-8")
    plant(root / "scratch")
    code, found = diagnostics(str(root / "scratch"))
    assert code == 1 and {Path(d["file"]).name for d in found} == {"broken.xml"}


def test_a_folder_holding_only_xml_that_is_not_tei_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pom.xml").write_text(NOT_TEI, encoding="utf-8")
    result = invoke(str(tmp_path))
    assert result.exit_code == 2
    assert "pom.xml skipped" in result.stderr and "error: no TEI file found" in result.stderr


def test_a_file_named_explicitly_is_checked_even_where_a_walk_would_skip_it(tmp_path: Path) -> None:
    root = repository(tmp_path)
    plant(root / ".hidden")
    code, found = diagnostics(str(root / ".hidden" / "broken.xml"))
    assert code == 1 and found


def test_xml_that_is_not_tei_is_skipped_with_a_note_when_found_in_a_folder(tmp_path: Path) -> None:
    root = repository(tmp_path)
    (root / "pom.xml").write_text(NOT_TEI, encoding="utf-8")
    result = invoke("--strict", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Checked 8 files: 0 errors, 0 warnings."
    assert "note: " in result.stderr and "pom.xml skipped: not a TEI file: its root <project> is in" in result.stderr


def test_xml_that_is_not_tei_is_skipped_even_when_it_is_not_well_formed(tmp_path: Path) -> None:
    # the walk leaves the root to the parse; a file that does not parse has its start read, as a walk would
    root = repository(tmp_path)
    (root / "pom.xml").write_text(NOT_TEI.replace("</project>", ""), encoding="utf-8")
    result = invoke("--strict", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Checked 8 files: 0 errors, 0 warnings."
    assert "pom.xml skipped: not a TEI file: its root <project> is in" in result.stderr


def test_a_tei_file_that_forgot_its_namespace_is_reported_not_skipped(tmp_path: Path) -> None:
    root = repository(tmp_path)
    (root / "tei" / "draft.xml").write_text("<TEI><teiHeader/></TEI>\n", encoding="utf-8")
    code, found = diagnostics(str(root))
    assert code == 1
    assert [(d["code"], Path(d["file"]).name) for d in found] == [("TEI100", "draft.xml")]


def test_a_skipped_file_leaves_the_json_report_parseable(tmp_path: Path) -> None:
    root = repository(tmp_path)
    (root / "pom.xml").write_text(NOT_TEI, encoding="utf-8")
    result = invoke("--format", "json", str(root))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["files"] == 8


def test_xml_that_is_not_tei_is_still_checked_when_named_explicitly(tmp_path: Path) -> None:
    pom = tmp_path / "pom.xml"
    pom.write_text(NOT_TEI, encoding="utf-8")
    code, found = diagnostics(str(pom))
    assert code == 1 and found


# --- two editions at once ---------------------------------------------------------------------------------------


def test_two_editions_given_at_once_may_use_the_same_ids(tmp_path: Path) -> None:
    first, second = edition_in(tmp_path / "edA"), edition_in(tmp_path / "edB")
    result = invoke("--strict", str(first), str(second))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Checked 16 files: 0 errors, 0 warnings."


def test_a_duplicate_id_within_one_of_two_editions_is_still_an_error(tmp_path: Path) -> None:
    first, second = edition_in(tmp_path / "edA"), edition_in(tmp_path / "edB")
    account = second / "account.xml"
    account.write_text(account.read_text(encoding="utf-8").replace('"account-p4"', '"cable-p1"'), encoding="utf-8")
    code, found = diagnostics(str(first), str(second))
    assert code == 1
    assert [(d["code"], Path(d["file"]).parent.name) for d in found] == [("TEI200", "edB")]


def test_files_named_individually_belong_with_the_edition_of_their_folder(tmp_path: Path) -> None:
    first, second = edition_in(tmp_path / "edA"), edition_in(tmp_path / "edB")
    code, found = diagnostics(str(first / "account.xml"), str(second / "account.xml"))
    assert (code, found) == (0, [])
