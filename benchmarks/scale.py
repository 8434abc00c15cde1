"""Benchmark corpus scale: validate and build N synthetic texts in process, with ``-j 2``, on Dask with 1 and 2 workers.

Run ``.venv/bin/python benchmarks/scale.py --texts 1000 10000`` (``--help`` for options; Dask needs the ``dask``
extra). The corpus is ``generate_corpus`` with a driver, a persons file of N/10 people, and two quotations per text
into texts chosen at random besides the next one, so that every page reads a few scattered files. Each command runs in
a fresh process (interpreter start, imports, compilation included) under a wrapper that reads the peak resident
memory of the client and its children; on Dask, each worker's peak is asked of the worker (a fresh cluster per run).
Then a one-file edit (the wording of a date in one text) rebuilt in process, as a share of the full build.

``--rounds N`` measures every configuration N times in turn and prints medians and the median of the paired ratios
(one worker / two, in process / ``-j 2``): on a shared machine the load changes from one minute to the next.
``--steps`` prints instead the CPU time of each step of an in-process build and of a one-file rebuild (this process and
Pagefind), and where each step runs.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
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


def run_size(texts: int, scratch: Path, executors: list[str], commands: list[str], rounds: int = 1) -> None:
    """The configurations ``executors`` (``local``, ``j2``, ``dask1``, ``dask2``) on one corpus of ``texts`` texts,
    ``rounds`` times in turn (A B C D A B C D …, so that a change in the machine's load hits every configuration): the
    median wall time of each, and the median of the round-by-round ratios one worker / two workers."""
    corpus = scratch / f"corpus-{texts}" / "tei"
    start = time.perf_counter()
    if not corpus.is_dir():
        generate_corpus(corpus, texts, quotes=2, persons=max(8, texts // 10), driver=True)
    files = len(list(corpus.glob("*.xml")))
    print(f"<!-- {texts:,} texts, {files:,} files ready in {time.perf_counter() - start:.1f} s -->", flush=True)
    edition = str(BIN / "edition")
    configurations = {
        "local": ("in process", ["--jobs", "1"]),
        "j2": ("-j 2", ["--jobs", "2"]),
        "dask1": ("dask 1 worker", []),
        "dask2": ("dask 2 workers", []),
    }
    walls: dict[tuple[str, str], list[float]] = {}
    peaks: dict[tuple[str, str], tuple[float, str]] = {}
    for _ in range(rounds):
        for chosen in [name for name in configurations if name in executors]:
            for command in commands:
                name, options = configurations[chosen]
                out = ["--clean", "--out", str(scratch / f"out-{texts}-{chosen}")] if command == "build" else []
                if chosen.startswith("dask"):
                    with dask_cluster(int(chosen[-1]), scratch) as address:
                        args = [edition, command, "--executor", address, str(corpus), *out]
                        wall, peak, code = measure(args)
                        workers = " / ".join(f"{p:.0f}" for p in worker_peaks(address))
                else:
                    args = [edition, command, *options, str(corpus), *out]
                    (wall, peak, code), workers = measure(args), ""
                assert code in (0, 1), f"{' '.join(args)} exited with {code}"
                walls.setdefault((chosen, command), []).append(wall)
                peaks[chosen, command] = (max(peak, peaks.get((chosen, command), (0.0, ""))[0]), workers)
                if rounds > 1:
                    print(f"<!-- {name} {command}: {wall:.1f} s -->", flush=True)
    for (chosen, command), measured in walls.items():
        peak, workers = peaks[chosen, command]
        row(texts, command, configurations[chosen][0], statistics.median(measured), files, peak, workers)
    for command in commands:
        for one, two in (("dask1", "dask2"), ("local", "j2")):
            if (one, command) in walls and (two, command) in walls:
                ratios = [a / b for a, b in zip(walls[one, command], walls[two, command], strict=True)]
                shown = ", ".join(f"{r:.2f}" for r in ratios)
                print(f"<!-- {command}: {configurations[one][0]} / {configurations[two][0]}: median ratio "
                      f"{statistics.median(ratios):.2f} ({shown}) -->", flush=True)  # fmt: skip
    if "build" in commands and "local" in executors:
        out = scratch / f"out-{texts}-local"
        full = statistics.median(walls["local", "build"])
        edit(corpus / "doc0007.xml" if texts < 10_000 else next(corpus.glob("doc*7.xml")))
        again, _, _ = measure([edition, "build", "--out", str(out), str(corpus)])
        print(f"<!-- {texts:,} texts: one-file edit rebuilt in {again:.1f} s, {again / full:.0%} of {full:.1f} s -->")


#: The steps of a build whose CPU time ``--steps`` reports: (label, module, attribute, where it runs), each call timed
#: without the steps nested in it. A ``factory`` makes a job: the job it returns is timed.
STEPS = (
    ("validation (parse, schema, rules)", "toolkit.publish.build", "check", "parse and schema"),
    ("job list: pointers of every document", "toolkit.publish.html", "page_jobs", "no"),
    ("digests of every input", "toolkit.publish.output", "Digests.__call__", "no"),
    ("page and summary transforms", "toolkit.publish.html", "Transform.__call__", "yes"),
    ("DTS: each document's responses", "toolkit.publish.dts", "ResourceFiles.__call__", "yes"),
    ("DTS: collections (and their files)", "toolkit.publish.dts", "dts_jobs", "no, meanwhile"),
    ("variants report: each document's part", "toolkit.variants.report", "document_part", "no, meanwhile"),
    ("variants report: the reduction", "toolkit.variants.report", "report_json_from_parts", "no, meanwhile"),
    ("edition pages (from the summaries)", "toolkit.publish.html", "factory:_site_job", "no"),
    ("variants page", "toolkit.publish.html", "factory:_variants_job", "no"),
    ("unchanged outputs linked from the old output", "toolkit.publish.output", "Cache.reuse", "no"),
    ("TEI copies", "toolkit.publish.html", "publish_sources", "no"),
    ("Pagefind (its own process)", "toolkit.publish.html", "search_index", "no"),
    ("listing the output", "toolkit.publish.build", "files_under", "no"),
    ("the old output checked", "toolkit.publish.build", "check_destination", "no"),
    ("the old output removed (after the swap)", "toolkit.publish.output", "swap", "no"),
)


def cpu() -> float:
    """CPU seconds of this process and of its children waited for (Pagefind)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def steps(corpus: Path, out: Path, clean: bool) -> dict[str, float]:
    """One in-process build of ``corpus`` into ``out``, CPU seconds by step (``other``: the rest)."""
    import importlib
    from collections import defaultdict

    from toolkit.publish.build import BuildOptions, build

    totals: dict[str, float] = defaultdict(float)
    stack: list[float] = []

    def timed(label: str, function):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = cpu()
            stack.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                spent, nested = cpu() - start, stack.pop()
                totals[label] += spent - nested
                if stack:
                    stack[-1] += spent

        return call

    def factory(label: str, make):  # type: ignore[no-untyped-def]
        return lambda *args, **kwargs: timed(label, make(*args, **kwargs))

    undo = []
    for label, module_name, attribute, _ in STEPS:
        module = importlib.import_module(module_name)
        kind, _, attribute = attribute.rpartition(":")
        owner, _, name = attribute.rpartition(".")
        holder = getattr(module, owner) if owner else module
        original = getattr(holder, name)
        undo.append((holder, name, original))
        setattr(holder, name, factory(label, original) if kind == "factory" else timed(label, original))
    start = cpu()
    try:
        build([corpus], BuildOptions(out=out, clean=clean))
    finally:
        for holder, name, original in undo:
            setattr(holder, name, original)
    totals["other"] = cpu() - start - sum(totals.values())
    return dict(totals)


def print_steps(texts: int, scratch: Path) -> None:
    """CPU by step of an in-process clean build and of a rebuild after a one-file edit, on ``texts`` texts."""
    corpus = scratch / f"corpus-{texts}" / "tei"
    if not corpus.is_dir():
        generate_corpus(corpus, texts, quotes=2, persons=max(8, texts // 10), driver=True)
    out = scratch / f"steps-{texts}"
    full = steps(corpus, out, clean=True)
    edit(corpus / "doc0007.xml" if texts < 10_000 else next(corpus.glob("doc*7.xml")))
    again = steps(corpus, out, clean=False)
    where = {label: runs for label, _, _, runs in STEPS} | {"other": "no"}
    print(f"| step ({texts:,} texts) | full build CPU s | share | one-file edit CPU s | share | on the executor |")
    print("|---|---:|---:|---:|---:|---|")
    for label in [label for label, *_ in STEPS] + ["other"]:
        a, b = full.get(label, 0.0), again.get(label, 0.0)
        share = f"{a / sum(full.values()):.0%} | {b:.2f} | {b / sum(again.values()):.0%}"
        print(f"| {label} | {a:.2f} | {share} | {where[label]} |")
    total_a, total_b = sum(full.values()), sum(again.values())
    print(f"| total | {total_a:.2f} | | {total_b:.2f} ({total_b / total_a:.0%} of the full build) | | |", flush=True)


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
    options.add_argument("--steps", action="store_true", help="CPU by step of an in-process build and rebuild only")
    options.add_argument("--scratch", type=Path, help="keep the corpora and outputs in this folder")
    options.add_argument("--rounds", type=int, default=1, help="measure each configuration this many times, in turn")
    arguments = options.parse_args()
    if arguments.steps:
        with tempfile.TemporaryDirectory(prefix="scale-steps-") as scratch:
            for texts in arguments.texts:
                print_steps(texts, arguments.scratch or Path(scratch))
        return
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
            run_size(texts, arguments.scratch or Path(scratch), executors, commands, arguments.rounds)


if __name__ == "__main__":
    main()
