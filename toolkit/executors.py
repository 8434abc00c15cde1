"""Where per-file work runs: in this process, in a local pool of processes, or on a Dask cluster.

Every command that has ``--jobs N`` / ``--executor`` picks its executor here (:func:`executor_for`), and every
executor runs the same thing: a picklable, pure function over one item (a file, a job), mapped over a sequence of
items, with the results given back *in the items' order* whatever order they finished in, so that a run's output does
not depend on where it ran. A task that failed (a crashed transform, a worker lost more often than the cluster allows)
comes back as a :class:`Failed` value naming its item; the caller reports it and decides what the run may publish.

``jobs``: 1 (the default) runs in this process; ``N > 1`` a pool of N processes; 0 one process per core. The same
meaning in every command. ``--executor dask://HOST:PORT`` submits the tasks to a running Dask scheduler (the
``distributed`` package, the ``dask`` extra); the files must be on a filesystem every worker sees (docs/scale.md).
Expensive per-process state (a compiled schema, compiled stylesheets) is cached per worker process by the task
functions themselves (``functools.cache``, a per-thread engine), so a worker compiles each once, not once per file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from toolkit.errors import ToolkitError

if TYPE_CHECKING:  # a pool is started only with --jobs: a run in process does not pay for importing it
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["DASK_SCHEME", "Done", "Executor", "ExecutorError", "Failed", "executor_for", "workers_for"]

T = TypeVar("T")
R = TypeVar("R")

#: The scheme of an ``--executor`` address that names a Dask scheduler.
DASK_SCHEME = "dask://"


class ExecutorError(ToolkitError):
    """The executor cannot be used (an unknown address, ``distributed`` not installed, no scheduler there)."""


@dataclass(frozen=True)
class Done(Generic[R]):
    """A task that ran: its result."""

    value: R


@dataclass(frozen=True)
class Failed:
    """A task that did not produce a result: which item, and why (a worker lost, an exception's message)."""

    item: Any
    reason: str


Outcome = Done[R] | Failed


def workers_for(jobs: int) -> int:
    """How many processes ``--jobs`` means: 0 is one per core, a negative number is refused by the CLI."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


class Executor(Protocol):
    """Maps a picklable function over items; the outcomes come back in the items' order."""

    #: A short description for reports and benchmarks (``in process``, ``2 processes``, ``dask://host:port``).
    name: str
    #: How many tasks may run at the same time.
    workers: int

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[Outcome[R]]: ...

    def close(self) -> None: ...


class InProcess:
    """Runs every task here, one after another (the default: nothing to start)."""

    name = "in process"
    workers = 1

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[Outcome[R]]:
        for item in items:
            yield Done(function(item))  # an exception here is the caller's, as if it had made the call itself

    def close(self) -> None:
        pass


class ProcessPool:
    """A pool of local worker processes, started on first use and kept for the run (``--jobs N``)."""

    def __init__(self, workers: int, preload: Sequence[str] = ()) -> None:
        self.workers = workers
        self.name = f"{workers} processes"
        self._preload = list(preload)
        self._pool: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # forkserver, not fork: the caller may run threads (saxonche's, a web server's) that a fork copies mid-lock
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["toolkit.executors", *self._preload])
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._pool

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[Outcome[R]]:
        """Submit every task now (the caller may work meanwhile); the outcomes as an iterator, in order."""
        size = max(1, len(items) // (self.workers * 8))  # few round trips, yet the last chunks keep every worker busy
        chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
        futures = [self._started().submit(_run_chunk, function, chunk) for chunk in chunks] if items else []
        return _outcomes(chunks, [future.result for future in futures])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _run_chunk(function: Callable[[T], R], items: list[T]) -> list[Outcome[R]]:
    """In a worker: one chunk of tasks; a task that raises is a :class:`Failed` for its item, the others go on."""
    outcomes: list[Outcome[R]] = []
    for item in items:
        try:
            outcomes.append(Done(function(item)))
        except Exception as error:  # reported for this item by the caller
            outcomes.append(Failed(item, f"{type(error).__name__}: {error}"))
    return outcomes


def _outcomes(chunks: list[list[T]], results: list[Callable[[], list[Outcome[R]]]]) -> Iterator[Outcome[R]]:
    """Each chunk's outcomes in order; a chunk whose task failed as a whole (its worker died too often, the pool
    broke, the connection was lost) is a :class:`Failed` for every one of its items."""
    for chunk, result in zip(chunks, results, strict=True):
        try:
            outcomes = result()
        except Exception as error:  # KilledWorker, BrokenProcessPool, CommClosedError: named for each item
            outcomes = [Failed(item, f"{type(error).__name__}: {error}") for item in chunk]
        yield from outcomes


class DaskCluster:
    """The tasks submitted to a running Dask scheduler (``dask://HOST:PORT``); the client connects on first use.

    A worker lost mid-run is Dask's to handle: the scheduler gives its tasks to the other workers (a task whose
    workers die more than ``distributed.scheduler.allowed-failures`` times fails, and comes back as :class:`Failed`).
    """

    def __init__(self, address: str) -> None:
        self.address = address
        self.name = address
        self._client: Any = None

    def _connected(self) -> Any:
        if self._client is None:
            try:
                from distributed import Client
            except ImportError:
                raise ExecutorError(
                    "--executor dask:// needs the distributed package: pip install 'tei-edition-toolkit[dask]'"
                ) from None
            host = self.address.removeprefix(DASK_SCHEME)
            try:
                self._client = Client(f"tcp://{host}", timeout=5, set_as_default=False)
            except (OSError, TimeoutError) as error:
                raise ExecutorError(f"no Dask scheduler answers at {self.address}: {error}") from None
        return self._client

    @property
    def workers(self) -> int:  # type: ignore[override]
        threads = self._connected().nthreads()
        return max(1, sum(threads.values()))

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[Outcome[R]]:
        """Submit every task now (the caller may work meanwhile); the outcomes as an iterator, in order."""
        if not items:
            return iter(())
        client = self._connected()
        size = max(1, len(items) // (self.workers * 8))
        chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
        # pure=False: the same chunk submitted by two builds is two tasks (the files may have changed in between)
        futures = client.map(_run_chunk, [function] * len(chunks), chunks, pure=False)
        return _outcomes(chunks, [future.result for future in futures])

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def executor_for(jobs: int = 1, address: str | None = None, preload: Sequence[str] = ()) -> Executor:
    """The executor ``--jobs`` and ``--executor`` name; ``preload``: modules a new worker process imports first."""
    if address:
        if not address.startswith(DASK_SCHEME) or not address.removeprefix(DASK_SCHEME):
            raise ExecutorError(f"--executor {address!r}: expected dask://HOST:PORT")
        return DaskCluster(address)
    workers = workers_for(jobs)
    return ProcessPool(workers, preload) if workers > 1 else InProcess()
