"""Time the archival export and the BaseX deposit, for the edition and for 1,000 synthetic TEI files.

Run from the project folder: ``.venv/bin/python -m benchmarks.archive [--files 1000]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from toolkit.archive.bag import BagInfo, export_bag
from toolkit.archive.deposit import Credentials, Server, deposit

ROOT = Path(__file__).resolve().parent.parent
TEI_NS = "http://www.tei-c.org/ns/1.0"

PERSONS = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xml:id="persons"><teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>
<publicationStmt><publisher>Benchmark</publisher></publicationStmt><sourceDesc><p>Synthetic.</p></sourceDesc>
</fileDesc></teiHeader><standOff><listPerson>
{"".join(f'<person xml:id="p{i}"><persName>Person {i}</persName></person>' for i in range(20))}
</listPerson></standOff></TEI>
"""


def synthetic_document(n: int) -> str:
    """A small but complete TEI document with a header and pointers to ``persons.xml``."""
    paragraphs = "\n".join(
        f'      <p xml:id="doc{n}-p{k}" n="{k}">Paragraph {k} of document {n}, in which '
        f'<persName ref="persons.xml#p{(n + k) % 20}">Person {(n + k) % 20}</persName> speaks to '
        f'<persName ref="persons.xml#p{(n * k) % 20}">Person {(n * k) % 20}</persName> at length.</p>'
        for k in range(1, 11)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xml:id="doc{n}" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Synthetic document {n}</title><author>Author {n % 7}</author></titleStmt>
      <publicationStmt><publisher>Benchmark</publisher><idno type="file">doc{n}.xml</idno></publicationStmt>
      <sourceDesc><bibl>Generated for the archive benchmark</bibl></sourceDesc>
    </fileDesc>
    <profileDesc><creation><date when="1962-10-{1 + n % 28:02d}"/></creation></profileDesc>
  </teiHeader>
  <text>
    <body>
{paragraphs}
    </body>
  </text>
</TEI>
"""


def generate(folder: Path, count: int) -> Path:
    """Write ``count`` synthetic documents and their persons file into ``folder``."""
    folder.mkdir(parents=True)
    (folder / "persons.xml").write_text(PERSONS, encoding="utf-8")
    for n in range(count):
        (folder / f"doc{n}.xml").write_text(synthetic_document(n), encoding="utf-8")
    return folder


def time_export(edition: Path, out: Path) -> None:
    start = time.perf_counter()
    result = export_bag(edition, out, BagInfo(date(2026, 11, 24)), force=True)
    elapsed = time.perf_counter() - start
    errors = len(result.errors())
    status = f"{len(result.payload)} payload files" if result.written else "REFUSED"
    print(f"  export bagit  {edition}: {elapsed:7.2f} s  ({status}; {errors} error diagnostics, exported with force)")


def time_deposit(edition: Path, server: Server, password: str, database: str) -> None:
    credentials = Credentials("admin", password)
    for label in ("first deposit", "redeposit"):
        start = time.perf_counter()
        report = deposit([edition], server, database, credentials)
        elapsed = time.perf_counter() - start
        counts = ", ".join(f"{report.count(o)} {o}" for o in ("created", "updated", "unchanged", "failed"))
        print(f"  {label:<13} {edition}: {elapsed:7.2f} s  ({counts}{'; ' + report.error if report.error else ''})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000, help="number of synthetic documents")
    parser.add_argument("--edition", type=Path, default=ROOT / "tei")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        synthetic = generate(work / "synthetic", args.files)
        print(f"Export ({args.files} synthetic files generated in {synthetic}):")
        time_export(args.edition, work / "edition-bag")
        time_export(synthetic, work / "synthetic-bag")
        if shutil.which("basexserver") is None:
            print("Deposit: skipped, basexserver is absent (Debian package basex).")
            return 0
        from tests.test_deposit import PASSWORD, start_basex

        started = time.perf_counter()
        server = start_basex(work / "basex-home")
        print(f"Deposit (BaseX server started in {time.perf_counter() - started:.2f} s on port {server.port}):")
        try:
            where = Server("127.0.0.1", server.port)
            time_deposit(args.edition, where, PASSWORD, "edition")
            time_deposit(synthetic, where, PASSWORD, "synthetic")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
