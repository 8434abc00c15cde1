"""``edition build`` never removes what it did not write, never shares storage with a source, and keeps no stale output.

Each test is one defect of issue 14, through the CLI, and failed before its fix.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.publish.output import MANIFEST

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EDITION = FIXTURES / "build" / "edition"
TOOLKIT_ASSETS = Path(__file__).resolve().parent.parent / "xslt" / "html" / "assets"


def run(*args: str) -> object:
    return CliRunner().invoke(main, ["build", *args])


@contextmanager
def working_folder(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A user's project: the fixture edition in tei/, a README and notes beside it."""
    shutil.copytree(EDITION, tmp_path / "tei")
    (tmp_path / "README.md").write_text("# my edition\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("my notes\n", encoding="utf-8")
    return tmp_path


def test_build_into_the_sources_folder_is_refused_and_nothing_is_touched(project: Path) -> None:
    before = snapshot(project)
    result = run(str(project / "tei"), "--out", str(project / "tei"))
    assert result.exit_code == 2, result.output
    assert "source" in result.output
    assert snapshot(project) == before


def test_build_into_a_folder_holding_the_sources_is_refused(project: Path) -> None:
    before = snapshot(project)
    (project / "sub").mkdir()
    result = run(str(project / "tei"), "--out", str(project))
    assert result.exit_code == 2, result.output
    assert snapshot(project) == before


def test_build_into_the_working_folder_is_refused(project: Path) -> None:
    before = snapshot(project)
    with working_folder(project):
        result = run("tei", "--out", ".")
    assert result.exit_code == 2, result.output
    assert "working folder" in result.output
    assert snapshot(project) == before


def test_build_into_a_parent_of_the_working_folder_is_refused(project: Path, tmp_path: Path) -> None:
    (project / "deep").mkdir()
    with working_folder(project / "deep"):
        result = run(str(project / "tei"), "--out", "..")
    assert result.exit_code == 2, result.output
    assert (project / "notes.md").read_text(encoding="utf-8") == "my notes\n"


def test_build_over_a_folder_it_did_not_write_leaves_its_files_byte_identical(project: Path) -> None:
    mydocs = project / "mydocs"
    mydocs.mkdir()
    (mydocs / "thesis.txt").write_bytes(b"chapter one\x00\xff")
    result = run(str(project / "tei"), "--out", str(mydocs))
    assert result.exit_code == 2, result.output
    assert "not an output of edition build" in result.output
    assert snapshot(mydocs) == {"thesis.txt": b"chapter one\x00\xff"}


def test_build_over_its_own_output_with_a_file_of_the_user_is_refused(project: Path) -> None:
    out = project / "site"
    assert run(str(project / "tei"), "--out", str(out)).exit_code == 0
    (out / "html" / "deploy-notes.txt").write_text("do not lose me", encoding="utf-8")
    result = run(str(project / "tei"), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "html/deploy-notes.txt" in result.output
    assert (out / "html" / "deploy-notes.txt").read_text(encoding="utf-8") == "do not lose me"


def test_build_into_a_new_folder_and_again_over_its_own_output_works(project: Path) -> None:
    out = project / "site"
    first = run(str(project / "tei"), "--out", str(out))
    assert first.exit_code == 0, first.output
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "html/index.html" in manifest["files"]
    second = run(str(project / "tei"), "--out", str(out))
    assert second.exit_code == 0, second.output


def test_build_into_an_empty_folder_works(project: Path) -> None:
    (project / "empty").mkdir()
    result = run(str(project / "tei"), "--out", str(project / "empty"))
    assert result.exit_code == 0, result.output


def test_a_file_as_out_is_refused(project: Path) -> None:
    result = run(str(project / "tei"), "--out", str(project / "notes.md"))
    assert result.exit_code == 2, result.output
    assert (project / "notes.md").read_text(encoding="utf-8") == "my notes\n"


def test_editing_a_built_asset_leaves_the_toolkit_unchanged(project: Path) -> None:
    before = (TOOLKIT_ASSETS / "edition.css").read_bytes()
    out = project / "site"
    for _ in range(2):  # the second build reuses the first one's files
        assert run(str(project / "tei"), "--out", str(out)).exit_code == 0
    for asset in (out / "html" / "assets").iterdir():
        assert not asset.samefile(TOOLKIT_ASSETS / asset.name)
    with (out / "html" / "assets" / "edition.css").open("a", encoding="utf-8") as built:
        built.write("/* a deploy step appended this */\n")
    assert (TOOLKIT_ASSETS / "edition.css").read_bytes() == before


def test_output_folders_and_files_get_the_mode_of_the_umask(project: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run(str(project / "tei"), "--out", str(project / "site")).exit_code == 0
    finally:
        os.umask(old)
    site = project / "site"
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), f"{path}: {oct(mode)}"


@pytest.mark.slow
def test_a_pdf_whose_sources_changed_is_removed_and_the_summary_says_so(project: Path) -> None:
    out = project / "site"
    assert run(str(project / "tei"), "--out", str(out), "--pdf").exit_code == 0
    assert (out / "pdf" / "edition.pdf").is_file()
    unchanged = run(str(project / "tei"), "--out", str(out))
    assert unchanged.exit_code == 0, unchanged.output
    assert (out / "pdf" / "edition.pdf").is_file(), "a PDF still current is kept"
    assert "PDF" in unchanged.output.splitlines()[-1]
    text = next(p for p in (project / "tei").glob("*.xml") if "<text" in p.read_text(encoding="utf-8"))
    text.write_text(text.read_text(encoding="utf-8").replace("</p>", " Edited.</p>", 1), encoding="utf-8")
    edited = run(str(project / "tei"), "--out", str(out))
    assert edited.exit_code == 0, edited.output
    assert not (out / "pdf").exists()
    assert not (out / "print").exists()
    assert "removed" in edited.output and "--pdf" in edited.output


def test_the_last_line_names_where_the_site_is(project: Path) -> None:
    result = run(str(project / "tei"), "--out", str(project / "site"))
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert str(project / "site" / "html" / "index.html") in last
    assert "no PDF" in last


def export(*args: str) -> object:
    return CliRunner().invoke(main, ["export", *args])


@pytest.mark.parametrize("kind", ["bagit", "dc"])
def test_export_over_the_sources_is_refused_even_with_overwrite(project: Path, kind: str) -> None:
    before = snapshot(project)
    result = export(kind, str(project / "tei"), "--edition", str(project / "tei"), "--overwrite")
    assert result.exit_code != 0, result.output
    assert "never writes there" in result.output
    assert snapshot(project) == before


@pytest.mark.parametrize("kind", ["bagit", "dc"])
def test_export_over_its_own_output_holding_a_file_of_the_user_is_refused(project: Path, kind: str) -> None:
    out = project / "out"
    forced = ["--force"] if kind == "bagit" else []
    assert export(kind, str(out), "--edition", str(project / "tei"), *forced).exit_code == 0
    (out / "README-for-the-archive.txt").write_text("mine", encoding="utf-8")
    result = export(kind, str(out), "--edition", str(project / "tei"), "--overwrite")
    assert result.exit_code != 0, result.output
    assert "README-for-the-archive.txt" in result.output
    assert (out / "README-for-the-archive.txt").read_text(encoding="utf-8") == "mine"


def test_an_export_gets_the_mode_of_the_umask(project: Path) -> None:
    old = os.umask(0o027)
    try:
        assert export("dc", str(project / "dc"), "--edition", str(project / "tei")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((project / "dc").stat().st_mode) == 0o750
