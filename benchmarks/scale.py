"""Benchmark corpus scale: validate and build N synthetic texts in process, with ``-j 2``, on Dask with 1 and 2 workers.

Run ``.venv/bin/python benchmarks/scale.py --texts 1000 10000`` (``--help`` for options; Dask needs the ``dask``
extra). The corpus is ``generate_corpus`` with a driver, a persons file of N/10 people, and two quotations per text
into texts chosen at random besides the next one, so that every page reads a few scattered files. Each command runs in
a fresh process (interpreter start, imports, compilation included) under a wrapper that reads the peak resident
memory of the client and its children; on Dask, each worker's peak is asked of the worker (a fresh cluster per run).
Then a one-file edit (the wording of a date in one text) rebuilt in process, as a share of the full build.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import WRAPPER, generate_corpus  # noqa: E402 -- the synthetic corpus of the validation benchmark


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB (the client or its largest child) and exit status, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True)
    wall, peak_kib, code = done.stdout.split()
    return float(wall), int(peak_kib) / 1024, int(code)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def dask_cluster(workers: int, folder: Path) -> Iterator[str]:
    """A scheduler and ``workers`` single-threaded workers on loopback, for one measurement; yields its address."""
    from distributed import Client

    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": folder}
    dask = str(BIN / "dask")
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port)], **quiet)]
    for n in range(workers):
        worker = [dask, "worker", f"tcp://127.0.0.1:{port}", "--nthreads", "1", "--no-nanny", "--memory-limit", "0"]
        processes.append(subprocess.Popen([*worker, "--local-directory", str(folder / f"w{n}")], **quiet))
    try:
        with Client(f"tcp://127.0.0.1:{port}", timeout=30) as client:
            client.wait_for_workers(workers, timeout=60)
        yield f"dask://127.0.0.1:{port}"
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a worker still busy with a cancelled task
                process.kill()


def worker_peaks(address: str) -> list[float]:
    """Each Dask worker's peak resident MiB so far."""
    from distributed import Client

    def peak() -> float:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    with Client("tcp://" + address.removeprefix("dask://"), timeout=30) as client:
        return sorted(client.run(peak).values())


def edit(file: Path) -> None:
    """Change the wording of the first date of the file's text: its page, its summary and the edition pages."""
    text = file.read_text(encoding="utf-8")
    end = text.index("</date>", text.index("<text"))
    file.write_text(text[:end] + " (edited)" + text[end:], encoding="utf-8")


def row(texts: int, what: str, where: str, wall: float, files: int, client: float, workers: str = "") -> None:
    print(
        f"| {texts:>7,} | {what:<8} | {where:<15} | {wall:8.1f} | {files / wall:7.1f} | {1000 * wall / files:6.1f} "
        f"| {client:7.0f} | {workers:<12} |",
        flush=True,
    )


def run_size(texts: int, scratch: Path, executors: list[str], commands: list[str]) -> None:
    """The configurations ``executors`` (``local``, ``j2``, ``dask1``, ``dask2``) on one corpus of ``texts`` texts."""
    corpus = scratch / f"corpus-{texts}" / "tei"
    start = time.perf_counter()
    generate_corpus(corpus, texts, quotes=2, persons=max(8, texts // 10), driver=True)
    files = len(list(corpus.glob("*.xml")))
    print(f"<!-- {texts:,} texts, {files:,} files generated in {time.perf_counter() - start:.1f} s -->", flush=True)
    edition = str(BIN / "edition")
    local = [("in process", [], "local"), ("-j 2", ["--jobs", "2"], "j2")]
    full = 0.0  # the in-process full build, the measure of the one-file rebuild
    for name, options, chosen in local:
        if chosen not in executors:
            continue
        for command in commands:
            args = [edition, command, *options, str(corpus)]
            if command == "build":
                args += ["--clean", "--out", str(scratch / f"out-{texts}")]
            wall, peak, code = measure(args)
            assert code in (0, 1), f"{' '.join(args)} exited with {code}"
            row(texts, command, name, wall, files, peak)
            full = wall if command == "build" and chosen == "local" else full
    for workers in (1, 2):
        if f"dask{workers}" not in executors:
            continue
        for command in commands:
            with dask_cluster(workers, scratch) as address:
                args = [edition, command, "--executor", address, str(corpus)]
                if command == "build":
                    args += ["--clean", "--out", str(scratch / f"out-{texts}-dask")]
                wall, peak, code = measure(args)
                assert code in (0, 1), f"{' '.join(args)} exited with {code}"
                peaks = " / ".join(f"{p:.0f}" for p in worker_peaks(address))
                row(texts, command, f"dask {workers} worker" + "s" * (workers > 1), wall, files, peak, peaks)
    if "build" in commands:
        out = scratch / f"out-{texts}"
        if not full or "j2" in executors:  # the -j 2 build wrote the same folder since: build it again in process
            full, _, _ = measure([edition, "build", "--clean", "--out", str(out), str(corpus)])
        edit(corpus / "doc0007.xml" if texts < 10_000 else next(corpus.glob("doc*7.xml")))
        again, _, _ = measure([edition, "build", "--out", str(out), str(corpus)])
        print(f"<!-- {texts:,} texts: one-file edit rebuilt in {again:.1f} s, {again / full:.0%} of {full:.1f} s -->")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--texts", type=int, nargs="+", default=[1000], help="corpus sizes (default 1000)")
    options.add_argument(
        "--executors",
        nargs="+",
        choices=["local", "j2", "dask1", "dask2"],
        default=["local", "j2", "dask1", "dask2"],
        help="the configurations measured (default: all)",
    )
    options.add_argument("--only", choices=["validate", "build"], help="one command only")
    arguments = options.parse_args()
    executors = list(arguments.executors)
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("<!-- distributed is not installed: no Dask figures (pip install '.[dask]') -->")
        executors = [name for name in executors if not name.startswith("dask")]
    commands = [arguments.only] if arguments.only else ["validate", "build"]
    print("| texts | command | executor | wall s | files/s | ms/file | client MiB | workers MiB |")
    print("|---:|---|---|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as scratch:
        for texts in arguments.texts:
            run_size(texts, Path(scratch), executors, commands)


if __name__ == "__main__":
    main()
