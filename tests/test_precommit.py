"""The pre-commit hook: which files it takes, and pre-commit itself running it on commits of a throw-away repository.

The hook repository is a snapshot of the working tree committed in a temporary repository: pre-commit clones it at
that commit and pip-installs it (not editable), as it does for a user. In CI (a clean clone) the snapshot is HEAD;
on a checkout with uncommitted work it is that work, new files included (``rev: HEAD`` of the checkout would test the
last commit instead, and ``pre-commit try-repo`` leaves out untracked files).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from identify.identify import tags_from_filename
from pre_commit.clientlib import load_config

from tests.conftest import EDITION, ROOT
from tests.test_install import copy_working_tree

(HOOK,) = (h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "edition-validate")

#: A TEI Publisher app's descriptors and a Maven build beside the edition: XML, never TEI.
NOT_TEI = {
    "expath-pkg.xml": '<package xmlns="http://expath.org/ns/pkg" name="http://example.org/edition" abbrev="edition"'
    ' version="1.0.0" spec="1.0"><title>The edition</title></package>\n',
    "repo.xml": '<meta xmlns="http://exist-db.org/xquery/repo"><description>The edition</description>'
    "<type>application</type><target>edition</target></meta>\n",
    "build.xml": '<project default="xar" name="edition"><target name="xar"><zip destfile="build/edition.xar"'
    ' basedir="."/></target></project>\n',
    "pom.xml": '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    "<groupId>org.example</groupId><artifactId>edition</artifactId><version>1.0</version></project>\n",
}


def takes(hook: dict[str, object], path: str) -> bool:
    """Whether pre-commit hands ``path`` to ``hook``: ``files`` and ``exclude`` are searched, ``types`` by name."""
    files, exclude = str(hook.get("files", "")), str(hook.get("exclude", "^$"))
    types = set(hook.get("types", ["file"]))
    return bool(re.search(files, path)) and not re.search(exclude, path) and types <= tags_from_filename(path)


@pytest.mark.parametrize(
    "path", ["expath-pkg.xml", "repo.xml", "build.xml", "pom.xml", "app/expath-pkg.xml", "java/module/pom.xml"]
)
def test_hook_skips_xml_that_is_not_tei_by_name(path: str):
    assert not takes(HOOK, path)


@pytest.mark.parametrize("path", ["tei/persons.xml", "edition.xml", "tei/repository.xml", "letters/rebuild.xml"])
def test_hook_takes_tei_sources(path: str):
    assert takes(HOOK, path)


def test_readme_snippet_narrows_the_hook_to_the_tei_folder(tmp_path: Path):
    readme = (ROOT / "README.md").read_text()
    snippet = re.search(r"```yaml\n(# \.pre-commit-config\.yaml.*?)```", readme, re.S)
    assert snippet, "README.md has no .pre-commit-config.yaml snippet"
    (tmp_path / "config.yaml").write_text(snippet.group(1))
    (configured,) = load_config(tmp_path / "config.yaml")["repos"][0]["hooks"]
    hook = {**HOOK, **configured}
    assert takes(hook, "tei/persons.xml")
    assert not takes(hook, "app/data/letters.xml")


def git(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def init(repo: Path, env: dict[str, str]) -> None:
    """A new repository in ``repo`` with its committer set locally."""
    for step in (
        ["init", "-q"],
        ["config", "user.name", "Test Editor"],
        ["config", "user.email", "editor@example.org"],
    ):
        assert git(*step, cwd=repo, env=env).returncode == 0


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """No user or system git configuration (hooksPath, signing), and pre-commit's cache in a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    (home / "gitconfig").write_text("")
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(home / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
    }


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """The working tree committed in a repository of its own: its path and the commit."""
    repo = copy_working_tree(ROOT, tmp_path_factory.mktemp("hook-repo"))
    init(repo, env)
    for step in (["add", "-A"], ["commit", "-q", "--no-verify", "-m", "snapshot"]):
        assert git(*step, cwd=repo, env=env).returncode == 0
    return repo, git("rev-parse", "HEAD", cwd=repo, env=env).stdout.strip()


@pytest.fixture
def edition_repo(tmp_path: Path, hook_repo: tuple[Path, str], env: dict[str, str]) -> Path:
    """A throw-away edition repository: a copy of ``tei/``, and pre-commit installed with this repository's hook."""
    repo = tmp_path / "edition"
    shutil.copytree(EDITION, repo / "tei")
    path, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: edition-validate\n"
    )
    init(repo, env)
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def commit(repo: Path, env: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    assert git("add", "-A", cwd=repo, env=env).returncode == 0
    return git("commit", "-q", "-m", "edit", *options, cwd=repo, env=env)


@pytest.mark.slow
def test_a_clean_commit_passes_the_hook(edition_repo: Path, env: dict[str, str]):
    committed = commit(edition_repo, env)
    assert committed.returncode == 0, committed.stdout + committed.stderr
    assert "edition validate" in committed.stdout + committed.stderr  # the hook ran (it did not skip every file)


@pytest.mark.slow
def test_a_commit_renaming_a_person_id_is_refused(edition_repo: Path, env: dict[str, str]):
    assert commit(edition_repo, env, "--no-verify").returncode == 0
    persons = edition_repo / "tei" / "persons.xml"
    persons.write_text(persons.read_text().replace('xml:id="dobrynin"', 'xml:id="dobrynin-anatoly"'))
    refused = commit(edition_repo, env)
    assert refused.returncode != 0
    assert "TEI201" in refused.stdout + refused.stderr
    assert git("rev-list", "--count", "HEAD", cwd=edition_repo, env=env).stdout.strip() == "1"


@pytest.mark.slow
def test_a_commit_of_an_app_s_descriptors_beside_the_edition_passes_the_hook(edition_repo: Path, env: dict[str, str]):
    for name, text in NOT_TEI.items():
        (edition_repo / name).write_text(text)
    committed = commit(edition_repo, env)
    assert committed.returncode == 0, committed.stdout + committed.stderr
