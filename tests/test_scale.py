"""The same results on every executor: in process, a pool of processes, a real Dask cluster on loopback.

The fixture starts ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 (skipped only when the
``distributed`` package, the ``dask`` extra, is not installed; CI installs the ``test`` extra, which has it).
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.executors import ExecutorError, executor_for, workers_for

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from validate import generate_corpus  # noqa: E402 -- the synthetic corpus generator of the benchmarks

HAS_DASK = importlib.util.find_spec("distributed") is not None
needs_dask = pytest.mark.skipif(not HAS_DASK, reason="distributed is not installed (pip install '.[dask]')")
TEXTS = 100


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A Dask scheduler and its workers, each a process of its own, on loopback."""

    def __init__(self, folder: Path, workers: int) -> None:
        self.port = _free_port()
        self.address = f"dask://127.0.0.1:{self.port}"
        dask = str(Path(sys.executable).parent / "dask")
        # the workers import the toolkit from this checkout, whatever their working folder
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": folder}
        self.scheduler = subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard"], **quiet
        )
        self.workers = [
            subprocess.Popen(
                [
                    dask,
                    "worker",
                    f"tcp://127.0.0.1:{self.port}",
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--memory-limit",
                    "0",
                    "--local-directory",
                    str(folder / f"worker-{n}"),
                ],
                **quiet,
            )
            for n in range(workers)
        ]
        self.wait_for(workers)

    def wait_for(self, workers: int) -> None:
        from distributed import Client

        with Client(f"tcp://127.0.0.1:{self.port}", timeout=30) as client:
            client.wait_for_workers(workers, timeout=60)

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if not HAS_DASK:
        pytest.skip("distributed is not installed (pip install '.[dask]')")
    started = Cluster(tmp_path_factory.mktemp("dask"), workers=2)
    yield started
    started.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few hundred files: texts that quote one another, with apparatus, a persons file, a driver; two faults."""
    folder = tmp_path_factory.mktemp("corpus") / "tei"
    generate_corpus(folder, TEXTS, quotes=2, persons=40, driver=True)
    return folder


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """The corpus with a schema error, a dangling pointer and a file that is not well-formed."""
    folder = tmp_path_factory.mktemp("faulty") / "tei"
    folder.mkdir()
    for file in corpus.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    first = folder / "doc0001.xml"
    first.write_text(first.read_text().replace("<body>", "<body><unknown/>", 1), encoding="utf-8")
    second = folder / "doc0002.xml"
    second.write_text(second.read_text().replace("persons.xml#rfk", "persons.xml#nobody", 1), encoding="utf-8")
    (folder / "doc0003.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", encoding="utf-8")
    return folder


def _validate_json(folder: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *options, str(folder)])
    return result.exit_code, result.stdout


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, less Pagefind's index: Pagefind (1.5) wrote its filter files differently from one run to
    the next over the same pages, whatever ran the build (two in-process builds differed), so the index is compared
    by its page count, and the cache and manifest without the index's file names."""
    tree = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if not path.is_file() or name.startswith("html/pagefind/"):
            continue
        tree[name] = path.read_bytes()
    cache = json.loads(tree.pop(".build-cache.json"))
    cache["jobs"].pop("html/pagefind")
    manifest = json.loads(tree.pop(".edition-build.json"))
    manifest["files"] = [name for name in manifest["files"] if not name.startswith("html/pagefind/")]
    entry = json.loads((folder / "html" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    tree["cache, manifest, pages indexed"] = json.dumps([cache, manifest, entry["languages"]["en"]["page_count"]])
    return tree


def _build(folder: Path, out: Path, *options: str) -> dict[str, bytes]:
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return _tree(out)


def test_jobs_zero_means_one_worker_per_core() -> None:
    assert workers_for(0) == (os.cpu_count() or 1)
    assert workers_for(3) == 3


def test_an_executor_that_is_not_a_dask_address_is_a_usage_error() -> None:
    with pytest.raises(ExecutorError, match="dask://HOST:PORT"):
        executor_for(1, "tcp://127.0.0.1:8786")


def test_a_cluster_that_does_not_answer_is_a_usage_error(corpus: Path) -> None:
    if not HAS_DASK:
        pytest.skip("distributed is not installed (pip install '.[dask]')")
    code, _ = _validate_json(corpus, "--executor", f"dask://127.0.0.1:{_free_port()}")
    assert code == 2


def test_validate_diagnostics_are_the_same_in_a_pool_of_processes(faulty: Path) -> None:
    alone = _validate_json(faulty)
    assert alone[0] == 1 and '"TEI' in alone[1]
    assert _validate_json(faulty, "--jobs", "2") == alone


@needs_dask
def test_validate_diagnostics_are_byte_identical_on_a_dask_cluster(cluster: Cluster, faulty: Path) -> None:
    assert _validate_json(faulty, "--executor", cluster.address) == _validate_json(faulty)


@needs_dask
def test_build_output_is_byte_identical_on_a_dask_cluster_and_in_a_pool(
    cluster: Cluster, corpus: Path, tmp_path: Path
) -> None:
    alone = _build(corpus, tmp_path / "alone")
    assert len([name for name in alone if name.startswith("html/doc")]) == TEXTS
    assert _build(corpus, tmp_path / "dask", "--executor", cluster.address) == alone
    assert _build(corpus, tmp_path / "pool", "--jobs", "2") == alone


@needs_dask
def test_a_rebuild_on_the_cluster_makes_the_edited_page_from_the_new_text(
    cluster: Cluster, corpus: Path, tmp_path: Path
) -> None:
    from toolkit.publish.build import BuildOptions, build

    folder = tmp_path / "tei"
    folder.mkdir()
    for file in corpus.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    options = BuildOptions(out=tmp_path / "out", executor=cluster.address)
    build([folder], options)
    edited = folder / "doc0007.xml"
    edited.write_text(edited.read_text().replace("</date>", " (edited)</date>", 1), encoding="utf-8")
    report = build([folder], options)
    # the workers parsed doc0007 in the first build: they parse it again, its digest having changed
    assert "html/doc0007.html" in report.ran
    assert len([name for name in report.ran if name.startswith("html/doc")]) < 10
    build([folder], BuildOptions(out=tmp_path / "fresh", clean=True))  # in process, from nothing
    assert _tree(tmp_path / "out") == _tree(tmp_path / "fresh")


@needs_dask
def test_a_worker_killed_mid_build_is_rescheduled_and_the_output_is_the_same(corpus: Path, tmp_path: Path) -> None:
    from toolkit.publish.build import BuildError, BuildOptions, build

    build([corpus], BuildOptions(out=tmp_path / "alone"))
    alone = _tree(tmp_path / "alone")
    own = Cluster(tmp_path, workers=2)
    try:
        victim = own.workers[0]
        staging_pages = threading.Event()

        def kill_when_pages_appear() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not staging_pages.is_set():
                if any(tmp_path.glob(".dask-building-*/html/doc00*.html")):
                    victim.kill()
                    staging_pages.set()
                time.sleep(0.02)

        killer = threading.Thread(target=kill_when_pages_appear)
        killer.start()
        try:
            report = build([corpus], BuildOptions(out=tmp_path / "dask", executor=own.address))
        except BuildError as error:  # if Dask gave up on a task, every job not made is named, nothing published
            assert "nothing was published" in str(error) and "html/" in str(error)
            assert not (tmp_path / "dask").exists()
            return
        finally:
            staging_pages.set()
            killer.join()
        assert victim.poll() is not None, "the worker was not killed mid-run: the test proves nothing"
        assert report.published
        assert _tree(tmp_path / "dask") == alone
    finally:
        own.stop()
