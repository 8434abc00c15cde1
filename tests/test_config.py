"""The project file (edition.toml) through the CLI: errors that name the file and key, precedence, origins, profiles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"

FIXTURE_EDITION = Path(__file__).resolve().parent / "fixtures" / "build" / "edition"


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def shown(folder: Path, *args: str) -> dict[str, dict[str, object]]:
    result = run("--config", str(folder / "edition.toml"), *args, "config", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["settings"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_bad_value_is_an_error_naming_the_file_the_line_the_key_and_what_is_expected(project: Path) -> None:
    (project / "edition.toml").write_text('[site]\ntitle = "T"\nbase-url = "example.org"\n', encoding="utf-8")
    result = run("config")
    assert result.exit_code == 2
    assert f"{project / 'edition.toml'}:3: site.base-url: expected an absolute http(s) URL" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ['["../doc"]', '["a b"]', "[1]", "3"])
def test_division_pages_must_be_names_a_file_name_can_hold(project: Path, value: str) -> None:
    (project / "edition.toml").write_text(f"[site]\npage-divisions = {value}\n", encoding="utf-8")
    result = run("config")
    assert result.exit_code == 2, result.output
    assert f"{project / 'edition.toml'}:2: site.page-divisions: expected a" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_key_is_an_error_with_the_key_it_resembles(project: Path) -> None:
    (project / "edition.toml").write_text('[validate]\nprofil = "tei"\n', encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 2
    assert "unknown key 'validate.profil'" in result.output and "validate.profile" in result.output


def test_invalid_toml_is_an_error_naming_the_file(project: Path) -> None:
    (project / "edition.toml").write_text("[site\n", encoding="utf-8")
    result = run("config")
    assert result.exit_code == 2 and "edition.toml: not valid TOML" in result.output


def test_the_project_file_is_found_from_a_folder_below_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "edition.toml").write_text('[site]\ntitle = "Found"\n', encoding="utf-8")
    (project / "tei" / "deep").mkdir(parents=True)
    monkeypatch.chdir(project / "tei" / "deep")
    settings = json.loads(run("config", "--format", "json").output)["settings"]
    assert settings["site.title"] == {"value": "Found", "origin": "edition.toml:2"}


def test_config_shows_each_value_with_its_origin(project: Path) -> None:
    (project / "edition.toml").write_text('[validate]\nprofile = "edition"\n', encoding="utf-8")
    text = run("--set", "site.title=Mine", "config").output
    assert "validate.profile" in text and "# edition.toml:2" in text
    assert '"Mine"' in text and "# command line" in text
    assert "build.out" in text and "# default" in text


def test_command_line_over_file_over_default(project: Path) -> None:
    (project / "edition.toml").write_text('[site]\nbase-url = "https://example.org/ed"\n', encoding="utf-8")
    settings = shown(project)
    assert settings["site.base-url"] == {"value": "https://example.org/ed/", "origin": "edition.toml:2"}
    assert settings["build.out"] == {"value": "output", "origin": "default"}
    settings = shown(project, "--set", "site.base-url=https://example.net/")
    assert settings["site.base-url"] == {"value": "https://example.net/", "origin": "command line"}


def test_a_commands_own_option_overrides_the_file(project: Path) -> None:
    (project / "edition.toml").write_text('[validate]\nprofile = "edition"\n', encoding="utf-8")
    (project / "tei").mkdir()
    text = (FIXTURE_EDITION / "account.xml").read_text(encoding="utf-8")
    (project / "tei" / "account.xml").write_text(text.replace('<gap reason="omitted"/>', "<gap/>"), encoding="utf-8")
    house = run("validate", "tei/account.xml", "--no-schema", "--format", "json")
    assert "TEI501" in house.output
    tei_only = run("validate", "tei/account.xml", "--no-schema", "--profile", "tei", "--format", "json")
    assert "TEI501" not in tei_only.output


def test_the_project_file_gives_the_build_its_title_and_output_folder(project: Path) -> None:
    (project / "edition.toml").write_text('[site]\ntitle = "From the file"\n[build]\nout = "site"\n', encoding="utf-8")
    import shutil

    shutil.copytree(FIXTURE_EDITION, project / "tei")
    result = run("build", "--profile", "tei")
    assert result.exit_code == 0, result.output
    assert "<title>" in (project / "site" / "html" / "index.html").read_text(encoding="utf-8")
    assert "From the file" in (project / "site" / "html" / "index.html").read_text(encoding="utf-8")


def test_a_folder_without_a_project_file_gets_the_tei_profile(project: Path) -> None:
    settings = json.loads(run("config", "--format", "json").output)["settings"]
    assert settings["validate.profile"] == {"value": "tei", "origin": "default"}


def test_the_house_rules_say_which_profile_they_belong_to(project: Path) -> None:
    (project / "edition.toml").write_text('[validate]\nprofile = "edition"\n', encoding="utf-8")
    (project / "t.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"
        '<text><body><p>x <date when="1962-13-01">then</date></p></body></text></TEI>',
        encoding="utf-8",
    )
    report = json.loads(run("validate", "t.xml", "--no-schema", "--format", "json").output)
    by_code = {d["code"]: d for d in report["diagnostics"]}
    assert "house rule, profile edition" in by_code["TEI602"]["hint"]
    assert "profile" not in (by_code["TEI301"]["hint"] or "")  # TEI's own: an invalid ISO date


SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.mark.parametrize("name", ["tei-stylesheets-test3.xml", "teiphy-some-dates-collation.xml"])
def test_a_foreign_file_fails_the_house_rules_but_not_the_tei_profile(name: str, project: Path) -> None:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent (the foreign TEI files live there)")
    source = str(SHARED_CORPUS / name)
    house = json.loads(run("validate", source, "--no-schema", "--profile", "edition", "--format", "json").output)
    assert any(d["code"].startswith("TEI6") for d in house["diagnostics"])
    tei = json.loads(run("validate", source, "--no-schema", "--format", "json").output)  # no project file: tei
    assert not [d for d in tei["diagnostics"] if d["code"][3] in "4567" or d["code"] in ("TEI202", "TEI203")]


def test_the_bag_fields_of_the_project_file_reach_bag_info_and_the_option_wins(project: Path) -> None:
    import shutil

    shutil.copytree(FIXTURE_EDITION, project / "tei")
    (project / "edition.toml").write_text(
        '[bag]\ncontact-email = "file@example.org"\nsource-organization = "The Library"\n', encoding="utf-8"
    )
    result = run("export", "bagit", "bag", "--contact-email", "option@example.org")
    assert result.exit_code == 0, result.output
    info = (project / "bag" / "bag-info.txt").read_text(encoding="utf-8")
    assert "Source-Organization: The Library" in info
    assert "Contact-Email: option@example.org" in info and "file@example.org" not in info


def test_the_introduction_is_the_first_text_typed_so_unless_the_project_file_names_one(project: Path) -> None:
    import shutil

    shutil.copytree(FIXTURE_EDITION, project / "tei")
    cable = project / "tei" / "cable.xml"
    cable.write_text(cable.read_text(encoding="utf-8").replace("<text>", '<text type="introduction">'), "utf-8")
    assert run("build", "--out", "derived").exit_code == 0
    derived = (project / "derived" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'class="intro-by">By Anatoly Dobrynin' in derived
    (project / "edition.toml").write_text('[site]\nintroduction = "account"\n', encoding="utf-8")
    assert run("build", "--out", "named").exit_code == 0
    named = (project / "named" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'class="intro-by">By Robert F. Kennedy' in named


def test_the_sources_are_the_project_files_folders_and_globs_less_its_exclusions(project: Path) -> None:
    import shutil

    shutil.copytree(FIXTURE_EDITION, project / "tei")
    (project / "tei" / "drafts").mkdir()
    (project / "tei" / "drafts" / "draft.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops></TEI>")
    assert run("validate").exit_code == 1  # the broken draft is a source
    (project / "edition.toml").write_text('[sources]\ninclude = ["tei/*.xml"]\n', encoding="utf-8")
    assert run("validate").output.startswith("Checked 8 files: 0 errors")
    (project / "edition.toml").write_text('[sources]\ninclude = "tei"\nexclude = ["drafts/"]\n', encoding="utf-8")
    assert run("validate").output.startswith("Checked 8 files: 0 errors")


@pytest.mark.parametrize("command", [["export", "dc", "out", "--edition", "tei"], ["validate", "tei"]])
def test_export_checks_the_edition_with_the_project_s_profile_as_validate_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    (tmp_path / "tei").mkdir()
    shutil.copy(FIXTURES / "validate" / "broken" / "TEI606-no-pages.xml", tmp_path / "tei")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "edition.toml").write_text('[validate]\nprofile = "edition"\n', encoding="utf-8")
    assert CliRunner().invoke(main, command).exit_code == 1  # a house rule (TEI606) fails it
    (tmp_path / "edition.toml").write_text('[validate]\nprofile = "tei"\n', encoding="utf-8")
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
