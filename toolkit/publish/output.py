"""Atomic output: build into a temporary folder beside the output, swap it into place only when the build succeeded.

The content-hash cache (``.build-cache.json`` in the output) records, for each job, the hash of everything the job
reads and the files it wrote, so that a later build copies those files instead of transforming again.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CACHE_FILE = ".build-cache.json"
CACHE_VERSION = 1


def content_hash(parts: Iterable[bytes | str | Path]) -> str:
    """The SHA-256 of a sequence of parts (file contents for paths, UTF-8 for strings), each length-prefixed."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Digests:
    """The SHA-256 of each file a build reads, computed once however many jobs read it (a text's page, its summary)."""

    def __init__(self) -> None:
        self._known: dict[Path, bytes] = {}

    def __call__(self, path: Path) -> bytes:
        """The digest of the file at ``path`` as it was when first asked in this build."""
        if path not in self._known:
            self._known[path] = hashlib.sha256(path.read_bytes()).digest()
        return self._known[path]


@dataclass
class CacheEntry:
    """One job's key and the files (relative to the output root) it wrote, with its messages."""

    key: str
    files: list[str]
    messages: list[str] = field(default_factory=list)


@dataclass
class Cache:
    """The jobs of the previous build, read from the old output, and those of this build."""

    previous: dict[str, CacheEntry]
    current: dict[str, CacheEntry] = field(default_factory=dict)

    @classmethod
    def read(cls, out: Path) -> Cache:
        """The cache of the build that wrote ``out`` (empty when there is none or it cannot be read)."""
        try:
            data = json.loads((out / CACHE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls({})
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return cls({})
        jobs = data.get("jobs", {})
        return cls({name: CacheEntry(**entry) for name, entry in jobs.items()})

    def reuse(self, name: str, key: str, old: Path, new: Path) -> CacheEntry | None:
        """Copy a job's files from the old output into the new one when its key is unchanged; None otherwise."""
        entry = self.previous.get(name)
        if entry is None or entry.key != key or not all((old / file).is_file() for file in entry.files):
            return None
        for file in entry.files:
            copy_file(old / file, new / file)
        self.current[name] = entry
        return entry

    def record(self, name: str, entry: CacheEntry) -> None:
        """Remember a job of this build."""
        self.current[name] = entry

    def write(self, out: Path) -> None:
        """Write this build's cache into the (new) output, deterministically."""
        jobs = {name: vars(entry) for name, entry in sorted(self.current.items())}
        text = json.dumps({"version": CACHE_VERSION, "jobs": jobs}, indent=1, sort_keys=True)
        (out / CACHE_FILE).write_text(text + "\n", encoding="utf-8")


def copy_file(source: Path, target: Path) -> None:
    """Hard-link (or copy) ``source`` to ``target``, creating folders."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def copy_tree(source: Path, target: Path) -> None:
    """Hard-link (or copy) every file under ``source`` to the same place under ``target``."""
    for file in sorted(source.rglob("*")):
        if file.is_file():
            copy_file(file, target / file.relative_to(source))


def files_under(folder: Path, root: Path) -> list[str]:
    """Every file under ``folder``, as sorted POSIX paths relative to ``root``."""
    return sorted(file.relative_to(root).as_posix() for file in folder.rglob("*") if file.is_file())


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out``; on success it replaces ``out``, on any failure it is removed."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap(staging, out)


def swap(staging: Path, out: Path) -> None:
    """Put ``staging`` in the place of ``out`` and remove the old output.

    On Linux the two folders are exchanged in one atomic step (``renameat2`` with ``RENAME_EXCHANGE``): a reader sees
    the old output or the new one, never none. Elsewhere, two renames on the same file system.
    """
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)
        return
    old = out.with_name(f".{out.name}-previous-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two paths atomically with Linux ``renameat2(RENAME_EXCHANGE)``; False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0
