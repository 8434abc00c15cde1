"""Atomic output: build into a temporary folder beside the output, swap it into place only when the build succeeded.

The content-hash cache (``.build-cache.json`` in the output) records, for each job, the hash of everything the job
reads and the files it wrote, so that a later build copies those files instead of transforming again.

A writer replaces only a folder that it made itself: the folder holds its marker (for the build, the manifest
``.edition-build.json``, listing every file the build wrote), and no file that the marker does not list. It never
writes over the working folder, a folder above it, or a folder holding the sources. A built file never shares
storage with a file outside the build's own outputs (a hard link is made only between two generations of it), and
folders and files get the ordinary mode of the user's umask.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import ToolkitError

CACHE_FILE = ".build-cache.json"
CACHE_VERSION = 1
#: The build's marker at the root of its output: what it wrote, and the key of each output it made.
MANIFEST = ".edition-build.json"
MANIFEST_VERSION = 1


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
    #: the folders of the new output made so far by :meth:`reuse` (each made once, not once per file)
    _folders: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

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
        if entry is None or entry.key != key:
            return None
        # strings, not paths: a rebuild links every unchanged file of the site (26 per text with the DTS API)
        old_root, new_root = os.fspath(old), os.fspath(new)
        sources = [os.path.join(old_root, file) for file in entry.files]
        if not all(os.path.isfile(source) for source in sources):
            return None
        for source, file in zip(sources, entry.files, strict=True):
            target = os.path.join(new_root, file)
            folder = os.path.dirname(target)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            _link_or_copy(source, target)
        self.current[name] = entry
        return entry

    def record(self, name: str, entry: CacheEntry) -> None:
        """Remember a job of this build."""
        self.current[name] = entry

    def clashes(self) -> dict[str, list[str]]:
        """Each file that more than one job of this build wrote (one overwrote the other), with those jobs."""
        writers: dict[str, list[str]] = {}
        for name, entry in sorted(self.current.items()):
            for file in entry.files:
                writers.setdefault(file, []).append(name)
        return {file: names for file, names in sorted(writers.items()) if len(names) > 1}

    def write(self, out: Path) -> None:
        """Write this build's cache into the (new) output, deterministically."""
        jobs = {name: vars(entry) for name, entry in sorted(self.current.items())}
        text = json.dumps({"version": CACHE_VERSION, "jobs": jobs}, indent=1, sort_keys=True)
        (out / CACHE_FILE).write_text(text + "\n", encoding="utf-8")


def copy_file(source: Path, target: Path) -> None:
    """Copy ``source`` (a file of the previous output) to ``target``, by a hard link when nothing else shares it.

    A link is made only to a regular file with no other link: a file that already shares its storage (with a source
    of the toolkit, or another site, as builds before 0.2 made them) is copied, so the link never spreads.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    _link_or_copy(os.fspath(source), os.fspath(target))


def _link_or_copy(source: str, target: str) -> None:
    """:func:`copy_file` into an existing folder, on strings (it runs for every unchanged file of a rebuild)."""
    info = os.lstat(source)
    if stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    shutil.copyfile(source, target)


def copy_source(source: Path, target: Path) -> None:
    """Copy ``source`` (a file that is not the build's, e.g. the toolkit's stylesheet) to ``target``: never a link."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def copy_tree(source: Path, target: Path, *, copy: Callable[[Path, Path], None] = copy_file) -> None:
    """Put every file under ``source`` at the same place under ``target`` (``copy_source`` for a source's files)."""
    for file in sorted(source.rglob("*")):
        if file.is_file():
            copy(file, target / file.relative_to(source))


def files_under(folder: Path, root: Path) -> list[str]:
    """Every file under ``folder`` (a folder under ``root``, or ``root``), as sorted POSIX paths relative to ``root``.

    A walk of directory entries (no path objects, no stat of a plain file): a site holds tens of files per text.
    """
    start = len(os.fspath(root)) + 1
    found: list[str] = []
    pending = [os.fspath(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    elif entry.is_file():
                        found.append(entry.path[start:])
        except OSError:  # a folder removed meanwhile has no files
            continue
    return sorted(name.replace(os.sep, "/") for name in found) if os.sep != "/" else sorted(found)


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out``; on success it replaces ``out``, on any failure it is removed.

    The caller has checked ``out`` with :func:`check_destination` first.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    # mkdtemp makes the folder private (0700): give it the mode any folder of the user gets, so a web server can
    # serve it and an archive read it
    staging.chmod(0o777 & ~current_umask())
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap(staging, out)


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back: there is no other way)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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


class RefusedDestination(ToolkitError):
    """A writer may not write into this folder; nothing was touched. The message says why, the hint what to do."""

    def __init__(self, out: Path, message: str, hint: str, *, exists: bool = False) -> None:
        super().__init__(message, hint)
        self.out = out
        #: True when the only reason is that ``out`` exists (and no overwrite was asked for)
        self.exists = exists


#: Reads a marker and gives the files (relative POSIX paths) its writer wrote, the marker included; None: not ours.
Listing = Callable[[Path], set[str] | None]


def check_destination(
    out: Path, *, what: str, listing: Listing, sources: Iterable[Path] = (), overwrite: bool = True
) -> None:
    """Refuse (raise :class:`RefusedDestination`) an ``out`` that a writer named ``what`` may not replace.

    Refused: the working folder or a folder above it, a folder that is or holds one of ``sources``, anything that is
    not a folder, and an existing folder unless it is empty or ``listing`` recognises it as ``what``'s and it holds
    no file that ``listing`` does not list. Without ``overwrite``, any existing ``out`` is refused.
    """
    resolved = out.resolve()
    cwd = Path.cwd().resolve()
    if resolved == cwd or resolved in cwd.parents:
        place = "the working folder" if resolved == cwd else "a folder above the working folder"
        raise RefusedDestination(out, f"{out} is {place}; {what} never writes there", _ELSEWHERE)
    for source in sources:
        source = source.resolve()
        if source == resolved or resolved in source.parents:
            raise RefusedDestination(out, f"{out} holds the sources ({source}); {what} never writes there", _ELSEWHERE)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise RefusedDestination(out, f"{out} exists and is not a folder", _ELSEWHERE)
    if not out.exists() or not any(out.iterdir()):
        return
    if not overwrite:
        raise RefusedDestination(
            out, f"{out} already exists; nothing was written", "pass --overwrite to replace it", exists=True
        )
    listed = listing(out)
    if listed is None:
        raise RefusedDestination(out, f"{out} is not an output of {what}; it is never replaced", _REMOVE)
    foreign = [name for name in files_and_links(out) if name not in listed]
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise RefusedDestination(
            out, f"{out} holds files that {what} did not write ({shown}); it is not replaced", _MOVE_THEM
        )


_ELSEWHERE = "choose a folder of its own for the output, e.g. --out output"
_REMOVE = "choose another folder, or empty it yourself"
_MOVE_THEM = "move those files elsewhere, or choose another folder"


def files_and_links(folder: Path) -> list[str]:
    """Every file and symbolic link under ``folder`` (links not followed), as sorted POSIX paths relative to it."""
    start = len(os.fspath(folder)) + 1
    found = []
    for base, folders, files in os.walk(folder):
        links = [name for name in folders if os.path.islink(os.path.join(base, name))]
        for name in [*files, *links]:
            found.append(os.path.join(base, name)[start:].replace(os.sep, "/"))
    return sorted(found)


def build_listing(out: Path) -> set[str] | None:
    """The files a build wrote into ``out``, from its manifest; None when ``out`` is not a build's output."""
    manifest = Manifest.read(out)
    if manifest is not None:
        return {MANIFEST, *manifest.files}
    # an output of a build before the manifest: its cache lists what its jobs wrote; the assets were not listed
    cache = Cache.read(out)
    if not (out / CACHE_FILE).is_file() or not cache.previous:
        return None
    listed = {CACHE_FILE, *(file for entry in cache.previous.values() for file in entry.files)}
    return listed | {name for name in files_and_links(out) if name.startswith("html/assets/")}


@dataclass
class Manifest:
    """The build's marker: every file it wrote, and the key of each output it made (``html``, ``pdf``)."""

    files: list[str]
    targets: dict[str, str]

    @classmethod
    def read(cls, out: Path) -> Manifest | None:
        """The manifest of the build that wrote ``out``; None when there is none or it is not one."""
        try:
            data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return None
        files, targets = data.get("files"), data.get("targets")
        if not isinstance(files, list) or not isinstance(targets, dict):
            return None
        return cls([str(file) for file in files], {str(k): str(v) for k, v in targets.items()})

    def write(self, out: Path) -> None:
        """Write the manifest at the root of ``out``, deterministically."""
        data = {
            "generator": "edition build (tei-edition-toolkit)",
            "version": MANIFEST_VERSION,
            "targets": dict(sorted(self.targets.items())),
            "files": sorted(self.files),
        }
        (out / MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
