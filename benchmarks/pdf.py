"""Time the print edition (HTML, then the PDF/A-3b) of the edition in tei/ and report its page count."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pypdf

from toolkit.publish.print import build_print

ROOT = Path(__file__).resolve().parent.parent


def sources(folder: Path) -> list[Path]:
    """The driver and every file it may point to: all of the edition's TEI files."""
    return sorted(folder.glob("*.xml"))


def main() -> None:
    """Build the print edition twice (the first run pays for compiling and font loading) and print the figures."""
    files = sources(ROOT / "tei")
    timings, pdfs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(2):
            start = time.perf_counter()
            written = build_print(files, Path(tmp) / str(run), params={"title": ""})
            timings.append(time.perf_counter() - start)
            pdfs.append(written[-1].read_bytes())
        pages = len(pypdf.PdfReader(written[-1]).pages)
        size = len(pdfs[-1])
    print(f"edition: {len(files)} TEI files from {ROOT / 'tei'}")
    print(f"first build (compile + render): {timings[0]:.2f} s")
    print(f"second build (same process):    {timings[1]:.2f} s")
    print(f"PDF: {pages} pages, {size / 1024:.0f} KiB, byte-identical across builds: {pdfs[0] == pdfs[1]}")


if __name__ == "__main__":
    main()
