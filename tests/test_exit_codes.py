"""The same input gives the same exit status in every command: 0 fine, 1 the sources have problems, 2 usage or I/O.

The table is the README's ("Exit status"); each row here is one kind of input, run through every command that reads
an edition. Deposit is given a port where no server listens: it must decide before it connects.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EDITION = FIXTURES / "build" / "edition"
NO_SERVER = "127.0.0.1:9"  # the discard port: nothing answers BaseX's protocol there


def commands(edition: Path, out: Path) -> dict[str, list[str]]:
    """Every command that reads an edition, reading ``edition`` (and writing below ``out``)."""
    return {
        "validate": ["validate", str(edition)],
        "build": ["build", str(edition), "--out", str(out / "site")],
        "export bagit": ["export", "bagit", str(out / "bag"), "--edition", str(edition)],
        "export dc": ["export", "dc", str(out / "dc"), "--edition", str(edition)],
        "variants": ["variants", str(edition)],
        "variants --check": ["variants", "--check", str(edition)],
        "deposit": ["deposit", str(edition), "--server", NO_SERVER, "--database", "x"],
    }


def statuses(edition: Path, out: Path) -> dict[str, int]:
    env = {"BASEX_USER": "admin", "BASEX_PASSWORD": "admin"}
    results = {name: CliRunner().invoke(main, args, env=env) for name, args in commands(edition, out).items()}
    for name, result in results.items():
        assert result.exception is None or isinstance(result.exception, SystemExit), (name, result.output)
        assert "Traceback" not in result.output, (name, result.output)
    return {name: result.exit_code for name, result in results.items()}


def test_one_malformed_file_is_status_1_in_every_command(tmp_path: Path) -> None:
    edition = tmp_path / "tei"
    shutil.copytree(EDITION, edition)
    (edition / "cable.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", encoding="utf-8")
    assert statuses(edition, tmp_path) == dict.fromkeys(commands(edition, tmp_path), 1)


def test_a_dangling_pointer_is_status_1_wherever_the_edition_is_validated(tmp_path: Path) -> None:
    edition = tmp_path / "tei"
    shutil.copytree(EDITION, edition)
    text = next(p for p in edition.glob("*.xml") if 'ref="persons.xml#' in p.read_text(encoding="utf-8"))
    text.write_text(text.read_text(encoding="utf-8").replace('ref="persons.xml#', 'ref="persons.xml#gone-', 1))
    found = statuses(edition, tmp_path)
    # the variants report is not a validator: it reports what it can read
    assert {k: v for k, v in found.items() if not k.startswith("variants")} == {
        "validate": 1,
        "build": 1,
        "export bagit": 1,
        "export dc": 1,
        "deposit": 1,
    }


def test_an_empty_folder_is_status_2_in_every_command(tmp_path: Path) -> None:
    edition = tmp_path / "empty"
    edition.mkdir()
    assert statuses(edition, tmp_path) == dict.fromkeys(commands(edition, tmp_path), 2)


def test_a_missing_folder_is_status_2_in_every_command(tmp_path: Path) -> None:
    edition = tmp_path / "nowhere"
    assert statuses(edition, tmp_path) == dict.fromkeys(commands(edition, tmp_path), 2)


@pytest.mark.parametrize("name", ["build", "export bagit", "export dc"])
def test_a_destination_that_may_not_be_replaced_is_status_2(tmp_path: Path, name: str) -> None:
    edition = tmp_path / "tei"
    shutil.copytree(EDITION, edition)
    for folder in ("site", "bag", "dc"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "mine.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, commands(edition, tmp_path)[name])
    assert result.exit_code == 2, result.output


def test_a_valid_edition_is_status_0(tmp_path: Path) -> None:
    edition = tmp_path / "tei"
    shutil.copytree(EDITION, edition)
    found = statuses(edition, tmp_path)
    del found["deposit"]  # it needs a server: tests/test_deposit.py
    assert found == dict.fromkeys(found, 0)


@pytest.mark.parametrize(
    ("name", "module", "function"),
    [
        ("validate", "toolkit.validate", "validate"),
        ("build", "toolkit.publish.build", "build"),
        ("variants", "toolkit.variants.report", "build_report"),
        ("export bagit", "toolkit.archive.bag", "export_bag"),
    ],
)
def test_a_bug_of_ours_is_one_sentence_and_status_2_never_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, module: str, function: str
) -> None:
    import importlib

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something we did not foresee")

    monkeypatch.setattr(importlib.import_module(module), function, broken)
    edition = tmp_path / "tei"
    shutil.copytree(EDITION, edition)
    result = CliRunner().invoke(main, commands(edition, tmp_path)[name])
    assert result.exit_code == 2
    assert "failed unexpectedly (RuntimeError: something we did not foresee); please report it" in result.output
    assert "Traceback" not in result.output
