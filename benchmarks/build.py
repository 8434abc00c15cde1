"""Benchmark ``edition build``: cold full build, no-op rebuild, one-file-changed rebuild, PDF, 1,000 synthetic files.

Run ``.venv/bin/python benchmarks/build.py`` (``--help`` for options). Every figure is the wall time of a fresh
``edition build`` process (interpreter start, imports, validation, stylesheet compilation included), best of
``--repeat``. The comparison "without caching" runs plain saxonche in this process the way a naive script would:
compile the stylesheet again for every file and transform every file every time. (The TEI Consortium Stylesheets are
not available offline here, so they are not compared.)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
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


def edition_figures(work: Path, repeat: int, pdf: bool) -> None:
    source = work / "tei"
    shutil.copytree(EDITION, source)
    out = work / "output"
    build = [EDITION_CMD, "build", str(source), "--out", str(out), "--force"]
    cold, line = timed([*build, "--clean"], repeat)
    row("edition, HTML, cold full build (--clean)", cold, line)
    noop, line = timed(build, repeat)
    row("edition, HTML, no-op rebuild", noop, line)
    account = source / "dobrynin-cable.xml"
    touched = []
    for n in range(repeat):
        account.write_text(account.read_text(encoding="utf-8") + f"<!-- touched {n} -->\n", encoding="utf-8")
        seconds, line = timed(build)
        touched.append(seconds)
    row("edition, HTML, one account changed", min(touched), f"{line}; {min(touched) / cold:.0%} of the full build")
    if pdf:
        seconds, line = timed([*build, "--pdf"])
        row("edition, PDF, cold (HTML reused)", seconds, line)
        seconds, line = timed([*build, "--pdf"])
        row("edition, HTML + PDF, no-op rebuild", seconds, line)


def warm_figures(work: Path) -> None:
    """The same builds in this process (no interpreter start, imports or validator start-up): the build's own work."""
    from toolkit.publish.build import BuildOptions, build

    source, out = work / "tei", work / "warm-output"
    build([source], BuildOptions(out=out, force=True, clean=True))  # imports, caches of the file system
    start = time.perf_counter()
    build([source], BuildOptions(out=out, force=True, clean=True))
    full = time.perf_counter() - start
    row("edition, HTML, full build, in process", full)
    start = time.perf_counter()
    build([source], BuildOptions(out=out, force=True))
    row("edition, HTML, no-op rebuild, in process", time.perf_counter() - start)
    account = source / "dobrynin-cable.xml"
    account.write_text(account.read_text(encoding="utf-8") + "<!-- touched again -->\n", encoding="utf-8")
    start = time.perf_counter()
    report = build([source], BuildOptions(out=out, force=True))
    seconds = time.perf_counter() - start
    row("edition, HTML, one account changed, in process", seconds, f"{len(report.ran)} jobs run; {seconds / full:.0%}")


def synthetic_figures(work: Path, files: int) -> None:
    corpus = work / "synthetic"
    corpus.mkdir()
    generate_corpus(corpus, files)
    out = work / "synthetic-out"
    seconds, line = timed([EDITION_CMD, "build", str(corpus), "--out", str(out), "--force", "--clean"])
    row(f"{files} synthetic files, HTML, cold full build", seconds, line)
    seconds, line = timed([EDITION_CMD, "build", str(corpus), "--out", str(out), "--force"])
    row(f"{files} synthetic files, HTML, no-op rebuild", seconds, line)
    changed = sorted(corpus.glob("*.xml"))[files // 2]
    changed.write_text(changed.read_text(encoding="utf-8") + "<!-- touched -->\n", encoding="utf-8")
    seconds, line = timed([EDITION_CMD, "build", str(corpus), "--out", str(out), "--force"])
    row(f"{files} synthetic files, HTML, one file changed", seconds, line)
    from toolkit.publish.html import variants_page_builder

    html_page = variants_page_builder()
    if html_page is not None:
        start = time.perf_counter()
        html_page(sorted(corpus.glob("*.xml")), css_href="assets/edition.css")
        row(f"{files} synthetic files, of which the variants page", time.perf_counter() - start)


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
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (default 3)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edition-build-bench-") as folder:
        work = Path(folder)
        edition_figures(work, args.repeat, not args.no_pdf)
        warm_figures(work)
        accounts = [p for p in sorted((work / "tei").glob("*.xml")) if "<body" in p.read_text(encoding="utf-8")]
        naive = work / "naive"
        naive.mkdir()
        naive_figures(accounts, naive)
        if args.files:
            synthetic_figures(work, args.files)


if __name__ == "__main__":
    main()
