"""The toolkit as a user gets it: a wheel built from the project, installed into a fresh virtual environment, and
its commands run from a folder outside the checkout (no editable finder, no stylesheets or schemas next to it).

The environment is created with the project's interpreter but without its site-packages, so everything the commands
import comes from the wheel and its declared dependencies (from PyPI, through pip's cache when it has them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EDITION, ROOT

pytestmark = pytest.mark.slow


def working_tree(root: Path) -> list[str]:
    """The project's files as a commit of its working tree would hold them: tracked and new, not ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout
    # a tracked file deleted in the working tree is not part of it
    return [name for name in listed.decode().split("\0") if name and (root / name).is_file()]


def copy_working_tree(root: Path, dest: Path) -> Path:
    """A copy of the working tree (see ``working_tree``) in ``dest``."""
    for name in working_tree(root):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, dest / name)
    return dest


def clean_env(venv: Path) -> dict[str, str]:
    """The environment of a user who activated ``venv``: nothing points back at the project or its .venv."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def run(command: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from a copy of the working tree (so no build files land in the checkout)."""
    source = copy_working_tree(ROOT, tmp_path_factory.mktemp("source"))
    dist = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist, source]
    built = run(command, cwd=dist, env=dict(os.environ))
    assert built.returncode == 0, built.stderr
    (found,) = dist.glob("*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding the wheel and its dependencies (the project's pip installs into it)."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    command = [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", wheel]
    installed = run(command, cwd=venv, env=clean_env(venv))
    assert installed.returncode == 0, installed.stderr
    return venv


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    """A folder outside the checkout holding a copy of the edition's ``tei/``."""
    shutil.copytree(EDITION, tmp_path / "tei")
    return tmp_path


def test_wheel_holds_every_module_stylesheet_asset_and_schema(wheel: Path):
    files = working_tree(ROOT)
    expected = {name for name in files if name.startswith("toolkit/") and name.endswith(".py")}
    expected |= {f"toolkit/{name}" for name in files if name.startswith("xslt/")}
    expected |= {f"toolkit/{name}" for name in files if name.startswith("schemas/") and name.endswith(".xsd")}
    expected |= {f"toolkit/{name}" for name in files if name.startswith("schemas/tei-p5/")}  # TEI P5, its licence
    with zipfile.ZipFile(wheel) as archive:
        missing = expected - set(archive.namelist())
    assert not missing, f"the wheel lacks {sorted(missing)}: declare them in pyproject.toml [tool.setuptools]"


def test_installed_toolkit_is_the_wheel_not_the_checkout(venv: Path, edition: Path):
    shown = run([venv / "bin" / "python", "-c", "import toolkit; print(toolkit.__file__)"], edition, clean_env(venv))
    assert shown.returncode == 0, shown.stderr
    assert Path(shown.stdout.strip()).is_relative_to(venv)


def test_installed_validate_checks_the_edition_outside_the_checkout(venv: Path, edition: Path):
    result = run([venv / "bin" / "edition", "validate"], edition, clean_env(venv))
    assert result.returncode == 0, result.stdout + result.stderr


def test_installed_build_writes_the_site_and_the_pdf(venv: Path, edition: Path):
    result = run([venv / "bin" / "edition", "build", "--pdf", "--out", "output"], edition, clean_env(venv))
    assert result.returncode == 0, result.stdout + result.stderr
    for written in ("html/index.html", "html/assets/edition.css", "html/pagefind/pagefind.js", "pdf/edition.pdf"):
        assert (edition / "output" / written).is_file(), written


def test_installed_export_bagit_writes_a_bag_with_schemas_and_records(venv: Path, edition: Path):
    result = run([venv / "bin" / "edition", "export", "bagit", "bag"], edition, clean_env(venv))
    assert result.returncode == 0, result.stdout + result.stderr
    for written in ("bagit.txt", "data/schemas/edition.xsd", "data/dc"):
        assert (edition / "bag" / written).exists(), written
