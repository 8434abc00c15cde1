"""``edition new``: a working edition in one step; a folder that holds anything is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.scaffold import TEMPLATES


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_new_writes_the_project_file_sources_hook_workflow_and_readme(tmp_path: Path) -> None:
    result = run("new", str(tmp_path / "ed"), "--title", "Letters & Notes")
    assert result.exit_code == 0, result.output
    made = {p.relative_to(tmp_path / "ed").as_posix() for p in (tmp_path / "ed").rglob("*") if p.is_file()}
    assert {
        "edition.toml",
        "tei/edition.xml",
        "tei/letter.xml",
        "tei/persons.xml",
        ".pre-commit-config.yaml",
        ".github/workflows/edition.yml",
        "README.md",
    } <= made
    hooks = yaml.safe_load((tmp_path / "ed" / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert [h["id"] for h in hooks] == ["edition-validate"]
    steps = yaml.safe_load((tmp_path / "ed" / ".github" / "workflows" / "edition.yml").read_text())["jobs"]["edition"]
    commands = " ".join(step.get("run", "") for step in steps["steps"])
    assert "pip install" in commands and "edition validate" in commands and "edition build" in commands
    assert "Letters &amp; Notes" in (tmp_path / "ed" / "tei" / "edition.xml").read_text(encoding="utf-8")


def test_right_after_new_validate_passes_and_build_publishes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("new", str(tmp_path / "ed")).exit_code == 0
    monkeypatch.chdir(tmp_path / "ed")
    validated = run("validate")
    assert validated.exit_code == 0, validated.output
    assert "0 errors, 0 warnings" in validated.output
    built = run("build")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "ed" / "output" / "html" / "index.html").is_file()
    assert (tmp_path / "ed" / "output" / "html" / "letter.html").is_file()


def test_the_new_edition_uses_the_edition_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("new", str(tmp_path / "ed"))
    monkeypatch.chdir(tmp_path / "ed")
    assert '"edition"' in run("config").output.split("validate.profile", 1)[1].splitlines()[0]


def test_a_non_empty_folder_is_refused_and_left_untouched(tmp_path: Path) -> None:
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("new", str(tmp_path / "ed"))
    assert result.exit_code == 2 and "is not empty" in result.output
    assert [p.name for p in (tmp_path / "ed").iterdir()] == ["notes.txt"]


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ed").write_text("mine", encoding="utf-8")
    assert run("new", str(tmp_path / "ed")).exit_code == 2


def test_every_template_is_declared_as_package_data() -> None:
    from tests.conftest import ROOT

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"toolkit" = ["templates/new/**/*"]' in pyproject
    assert all(not p.name.startswith(".") for p in TEMPLATES.rglob("*"))  # hidden names are spelt dot-…
