"""Time the print edition (HTML, then the PDF/A-3b) of the edition in tei/ and report its page count.

Run from the project folder: ``.venv/bin/python -m benchmarks.pdf [--synthetic N]``; ``--synthetic`` also times a
made-up account of N paragraphs, each with a name, an apparatus entry and an editorial note.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pypdf

from toolkit.publish.print import build_print

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "print"


def timed_build(sources: list[Path], out: Path) -> tuple[float, Path]:
    """Seconds to build the print edition of ``sources`` into ``out``, and the PDF written."""
    start = time.perf_counter()
    written = build_print(sources, out, params={"title": ""})
    return time.perf_counter() - start, written[-1]


def synthetic_account(folder: Path, paragraphs: int) -> list[Path]:
    """An account of ``paragraphs`` paragraphs and the fixture's persons file, written into ``folder``."""
    body = "\n".join(
        f'<p xml:id="synthetic-p{n}" n="{n}">Paragraph {n}: <persName ref="persons.xml#rfk">R. Kennedy</persName> '
        f'met <persName ref="persons.xml#dobrynin">Dobrynin</persName> and spoke of the <choice><sic>presdent</sic>'
        f"<corr>president</corr></choice>, at some length and with some care, for the record.<note>Note {n}.</note></p>"
        for n in range(1, paragraphs + 1)
    )
    account = folder / "synthetic.xml"
    account.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="synthetic"><teiHeader><fileDesc><titleStmt><title>Synthetic'
        "</title></titleStmt><publicationStmt><p>Benchmark.</p></publicationStmt><sourceDesc><p>Generated.</p>"
        f"</sourceDesc></fileDesc></teiHeader><text><body><div>{body}</div></body></text></TEI>",
        encoding="utf-8",
    )
    persons = folder / "persons.xml"
    persons.write_bytes((FIXTURES / "persons.xml").read_bytes())
    return [account, persons]


def main() -> None:
    """Build the edition twice (the first run pays for compiling and font loading), then the synthetic account."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="also time an account of N paragraphs")
    args = parser.parse_args()
    files = sorted((ROOT / "tei").glob("*.xml"))
    with tempfile.TemporaryDirectory() as tmp:
        first, pdf_one = timed_build(files, Path(tmp) / "one")
        second, pdf_two = timed_build(files, Path(tmp) / "two")
        pages = len(pypdf.PdfReader(pdf_two).pages)
        same = pdf_one.read_bytes() == pdf_two.read_bytes()
        print(f"edition: {len(files)} TEI files from {ROOT / 'tei'}")
        print(f"first build (compile + render): {first:.2f} s")
        print(f"second build (same process):    {second:.2f} s")
        print(f"PDF: {pages} pages, {pdf_two.stat().st_size / 1024:.0f} KiB, byte-identical across builds: {same}")
        if args.synthetic:
            folder = Path(tmp) / "synthetic"
            folder.mkdir()
            seconds, pdf = timed_build(synthetic_account(folder, args.synthetic), Path(tmp) / "synthetic-out")
            print(
                f"synthetic account of {args.synthetic} paragraphs ({2 * args.synthetic} foot notes): "
                f"{seconds:.2f} s, {len(pypdf.PdfReader(pdf).pages)} pages"
            )


if __name__ == "__main__":
    main()
