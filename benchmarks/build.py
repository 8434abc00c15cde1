"""Benchmark ``edition build``: cold full build, no-op and one-file rebuilds, PDF, 1,000 synthetic files.

Run ``.venv/bin/python benchmarks/build.py`` (``--help`` for options). A one-file rebuild is measured twice: after
*touching* a file (a comment appended: its page and summary are made again, and come out the same) and after *editing*
it (the wording of a date changed: its page, its summary, the edition pages and the search index are made again).
Each is given as a share of the cold full build. Figures in fresh ``edition build`` processes (interpreter start,
imports, validation, stylesheet compilation included; best of ``--repeat``), then in this process, where the
synthetic corpus is built without the variants page (``toolkit.variants``, measured on its own) to show the build's
own work. The comparison "without caching" runs plain saxonche the way a naive script would: compile the stylesheet
for every file and transform every file every time. (The TEI Consortium Stylesheets are not available offline here,
so they are not compared.)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "tei"
EDITION_CMD = str(Path(sys.executable).parent / "edition")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import generate_corpus  # noqa: E402 -- the synthetic corpus of the validation benchmark


def timed(command: list[str], repeat: int = 1) -> tuple[float, str]:
    """Best wall time of ``command`` and the last line it printed; raise if it fails."""
    best, line = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
        line = (result.stdout.strip().splitlines() or [""])[-1]
    return best, line


def row(label: str, seconds: float, detail: str = "") -> None:
    print(f"{label:<52} {seconds:7.2f} s  {detail}")


def touch(file: Path, n: int) -> None:
    """Change the file's bytes, not what any page shows of it."""
    file.write_text(file.read_text(encoding="utf-8") + f"<!-- touched {n} -->\n", encoding="utf-8")


def edit(file: Path, n: int) -> None:
    """Change the wording of the first date of the file's text: its page and what the edition pages show of it."""
    text = file.read_text(encoding="utf-8")
    end = text.index("</date>", text.index("<text"))
    file.write_text(text[:end] + f" ({n})" + text[end:], encoding="utf-8")


CHANGES: dict[str, Callable[[Path, int], None]] = {"touched": touch, "edited": edit}


def fresh_figures(label: str, source: Path, changed: Path, repeat: int, pdf: bool = False) -> None:
    """Cold full build, no-op rebuild and one-file rebuilds of ``source``, each in a fresh process."""
    out = source.parent / f"{source.name}-output"
    build = [EDITION_CMD, "build", str(source), "--out", str(out), "--force"]
    cold, line = timed([*build, "--clean"], repeat)
    row(f"{label}, HTML, cold full build (--clean)", cold, line)
    noop, line = timed(build, repeat)
    row(f"{label}, HTML, no-op rebuild", noop, line)
    for name, change in CHANGES.items():
        best = float("inf")
        for n in range(repeat):
            change(changed, n)
            seconds, line = timed(build)
            best = min(best, seconds)
        row(f"{label}, HTML, {changed.name} {name}", best, f"{line}; {best / cold:.0%} of the full build")
    if pdf:
        seconds, line = timed([*build, "--pdf"])
        row(f"{label}, PDF, cold (HTML reused)", seconds, line)
        seconds, line = timed([*build, "--pdf"])
        row(f"{label}, HTML + PDF, no-op rebuild", seconds, line)


def warm_figures(label: str, source: Path, changed: Path, variants: bool) -> None:
    """The same builds in this process (no interpreter start, imports or validator start-up): the build's own work."""
    from toolkit.publish import html
    from toolkit.publish.build import BuildOptions, build

    work = html.variants_jobs, html.variants_page_jobs
    if not variants:
        html.variants_jobs = html.variants_page_jobs = lambda *_: []
        label += " (no variants page)"
    try:
        out = source.parent / f"{source.name}-warm-output"
        build([source], BuildOptions(out=out, force=True, clean=True))  # imports, caches of the file system
        start = time.perf_counter()
        build([source], BuildOptions(out=out, force=True, clean=True))
        full = time.perf_counter() - start
        row(f"{label}, HTML, full build, in process", full)
        start = time.perf_counter()
        build([source], BuildOptions(out=out, force=True))
        row(f"{label}, HTML, no-op rebuild, in process", time.perf_counter() - start)
        for name, change in CHANGES.items():
            change(changed, 99)
            start = time.perf_counter()
            report = build([source], BuildOptions(out=out, force=True))
            seconds = time.perf_counter() - start
            detail = f"{len(report.ran)} jobs run; {seconds / full:.0%} of the full build"
            row(f"{label}, HTML, {changed.name} {name}, in process", seconds, detail)
    finally:
        html.variants_jobs, html.variants_page_jobs = work


def variants_figure(corpus: Path) -> None:
    from toolkit import variants

    start = time.perf_counter()
    variants.html_page(sorted(corpus.glob("*.xml")), css_href="assets/edition.css")
    row(f"{corpus.name}: the variants page alone, in process", time.perf_counter() - start)


def naive_figures(files: list[Path], work: Path) -> None:
    """Plain saxonche, no compile-once and no cache: the account stylesheet compiled and run per file."""
    from saxonche import PySaxonProcessor

    stylesheet = ROOT / "xslt" / "html" / "account.xsl"
    start = time.perf_counter()
    with PySaxonProcessor(license=False) as processor:
        compiler = processor.new_xslt30_processor()
        for file in files:
            executable = compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
            text = executable.transform_to_string(source_file=str(file))
            (work / (file.stem + ".html")).write_text(text or "", encoding="utf-8")
    row(f"plain saxonche, compile per file, {len(files)} account pages", time.perf_counter() - start)
    from toolkit.publish.xslt import Engine

    start = time.perf_counter()
    sheet = Engine().stylesheet(stylesheet)
    for file in files:
        (work / (file.stem + ".html")).write_text(sheet.transform(file).text or "", encoding="utf-8")
    row(f"toolkit.publish.xslt, compiled once, {len(files)} account pages", time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="synthetic files (default 1000; 0 to skip)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure on the edition, best kept (default 3)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edition-build-bench-") as folder:
        work = Path(folder)
        source = work / "tei"
        shutil.copytree(EDITION, source)
        fresh_figures("edition", source, source / "dobrynin-cable.xml", args.repeat, pdf=not args.no_pdf)
        warm_figures("edition", source, source / "dobrynin-cable.xml", variants=True)
        accounts = [p for p in sorted(source.glob("*.xml")) if "<body" in p.read_text(encoding="utf-8")]
        naive = work / "naive"
        naive.mkdir()
        naive_figures(accounts, naive)
        if args.files:
            corpus = work / "synthetic"
            generate_corpus(corpus, args.files)
            label = f"{args.files} synthetic files"
            changed = sorted(corpus.glob("doc*.xml"))[args.files // 2]
            fresh_figures(label, corpus, changed, 1)
            warm_figures(label, corpus, changed, variants=False)
            variants_figure(corpus)


if __name__ == "__main__":
    main()
