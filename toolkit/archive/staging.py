"""Build an output folder beside its destination and move it into place only once it is complete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from toolkit.diagnostics import Diagnostic, Severity


class RefusedDestination(Exception):
    """The destination exists and may not be replaced; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def check_destination(out: Path, *, overwrite: bool, marker: str) -> None:
    """Refuse an existing ``out`` unless ``overwrite`` is set and it is empty or holds ``marker`` (what we wrote)."""
    if not out.exists() and not out.is_symlink():
        return
    if not overwrite:
        raise RefusedDestination(
            _refusal("ARC001", out, f"{out} already exists; nothing was written", "pass --overwrite to replace it")
        )
    empty = out.is_dir() and not any(out.iterdir())
    ours = out.is_dir() and (out / marker).is_file()
    if out.is_symlink() or not (empty or ours):
        raise RefusedDestination(
            _refusal(
                "ARC002",
                out,
                f"{out} is not an output of this command (no {marker}); it is never replaced",
                "choose another folder, or remove it yourself",
            )
        )


def _refusal(code: str, out: Path, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, str(out), 1, 1, message, "", hint)


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out``; when the block ends without error it replaces ``out`` in one rename."""
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.partial-"))
    # mkdtemp makes the folder private (0700); an archive package is meant to be read by others.
    work.chmod(0o755)
    try:
        yield work
        _replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _replace(work: Path, out: Path) -> None:
    if not out.exists():
        os.rename(work, out)
        return
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
    os.rename(out, old / "previous")
    try:
        os.rename(work, out)
    except OSError:
        os.rename(old / "previous", out)
        raise
    shutil.rmtree(old, ignore_errors=True)
