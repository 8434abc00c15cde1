"""One publishing run: its sources by role, the report it fills, and how a job runs or is reused from the cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from toolkit.diagnostics import Diagnostic, Severity
from toolkit.edition import Edition
from toolkit.errors import ToolkitError
from toolkit.executors import Executor, InProcess
from toolkit.publish.output import Cache, CacheEntry, Digests
from toolkit.publish.xslt import ParamValue, XslMessage, XsltError

#: A job writes its files under the new output root and returns its messages and the files it wrote (relative).
Job = Callable[[Path], tuple[list[XslMessage], list[str]]]

#: A job with its name and key (the hash of everything it reads), ready to be reused or run.
KeyedJob = tuple[str, str, Job]


@runtime_checkable
class WorkerJob(Protocol):
    """A job that is a plain, picklable value, so that any executor runs it (``toolkit/executors.py``): it writes its
    files into the new output (on a filesystem every worker sees) and returns its messages and the files it wrote.

    ``source`` is the file it is about: the jobs of a run are given to the executor sorted by it, so that a worker
    does a document's jobs one after another (its parsed documents are reused).
    """

    source: Path

    def __call__(self, staging: Path) -> tuple[list[XslMessage], list[str]]: ...


#: Called with (step, done, total) while the build runs; the CLI shows it as a progress bar on a terminal.
Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    """What a build did: diagnostics, counts of jobs run and reused, files written, and notes for the reader."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    transformed: int = 0
    reused: int = 0
    ran: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    published: bool = False
    #: The file a reader opens first of each output now in place (``html``: its index page, ``pdf``: the PDF).
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that stopped (or would stop) publication."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


class BuildError(ToolkitError):
    """The build could not run (a stylesheet failed, a tool is missing); the message says what to do."""


@dataclass
class Run:
    """One build in progress: the edition, parameters, the previous and the new output, the cache and the report."""

    #: the edition's documents by role (driver, texts in reading order, authority files), parsed once for the run
    sources: Edition
    params: dict[str, ParamValue]
    old: Path
    staging: Path
    cache: Cache
    report: BuildReport
    progress: Progress | None = None
    digests: Digests = field(default_factory=Digests)
    #: where the per-file jobs run (toolkit/executors.py): in this process, a pool of processes, a Dask cluster
    executor: Executor = field(default_factory=InProcess)
    #: the project's archive metadata (its ``[bag]`` keys, by option name: ``contact-email``), over the driver's
    archive: dict[str, str] = field(default_factory=dict)


def run_job(job: Job, staging: Path) -> tuple[list[XslMessage], list[str]]:
    """Run one job into the new output, wherever the executor runs it (picklable: ``partial(run_job, staging=…)``);
    a stylesheet that fails is the build's error."""
    try:
        return job(staging)
    except XsltError as error:
        raise BuildError(str(error)) from None


def reuse_job(run: Run, name: str, key: str) -> list[XslMessage] | None:
    """The messages of a job whose key is unchanged, its files copied from the previous output; None otherwise."""
    entry = run.cache.reuse(name, key, run.old, run.staging)
    if entry is None:
        return None
    run.report.reused += 1
    return [XslMessage.parse(m) for m in entry.messages]


def record_job(run: Run, name: str, key: str, messages: list[XslMessage], written: list[str]) -> list[XslMessage]:
    """Count a job that ran (wherever it ran) and remember its key, files and messages for the next build."""
    run.report.transformed += 1
    run.report.ran.append(name)
    raw = ["|".join((m.code, m.level, m.uri, m.path, m.text)) for m in messages]
    run.cache.record(name, CacheEntry(key, sorted(written), raw))
    return messages
