"""Benchmark TEI's embedded Schematron: our XSLT 3.0 compilation on Saxon beside jing, a bare parse and pyschematron.

Run ``.venv/bin/python benchmarks/schematron.py`` (``--help`` for options). Each command runs cold in a fresh process
(interpreter start, imports and compilation included) under the wrapper of ``benchmarks/validate.py``, which reads
its wall time and peak memory, on the same files: the 1,000-file synthetic corpus (``generate_corpus``) and the FRUS
volume of ``../shared/corpus``. Side by side: the ~100 ``sch:pattern``s embedded in ``tei_all.rng`` compiled to XSLT
3.0 and run on saxonche (``toolkit.validate.schematron``), ``jing tei_all.rng`` (the grammar only: jing ignores the
Schematron), lxml's bare parse, and, when ``--pyschematron PYTHON`` names an interpreter that has it (it needs
Python 3.12 or later, the toolkit supports 3.11), pyschematron on the same patterns. Then, warm in this process: the
compilation and the per-file check.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import generate_corpus, measure

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FRUS = SHARED / "corpus" / "frus-1894-nicaragua.xml"
TEI_ALL = SHARED / "tei-p5" / "tei_all.rng"

BARE = "import sys\nfrom lxml import etree\nfor f in sys.argv[1:]:\n    etree.parse(f)\n"
OURS = (
    "import sys\nfrom pathlib import Path\n"
    "from toolkit.corpus import LoadError, load_document\n"
    "from toolkit.validate.schematron import load_schematron\n"
    "schematron = load_schematron(Path(sys.argv[1]))\n"
    "for f in sys.argv[2:]:\n"
    "    try:\n        schematron.check(load_document(Path(f)))\n    except LoadError:\n        pass\n"
)
PYSCHEMATRON = (
    "import sys\nfrom pathlib import Path\n"
    "from pyschematron import DirectModeSchematronValidatorFactory\n"
    "factory = DirectModeSchematronValidatorFactory()\nfactory.set_schema(Path(sys.argv[1]))\n"
    "validator = factory.build()\n"
    "for f in sys.argv[2:]:\n    validator.validate(Path(f))\n"
)


def commands(files: list[str], sch: Path, pyschematron: str | None) -> list[tuple[str, list[str]]]:
    """The commands to compare on ``files``."""
    out = [
        ("lxml bare parse", [sys.executable, "-c", BARE, *files]),
        ("ours: embedded Schematron (XSLT 3.0, saxonche)", [sys.executable, "-c", OURS, str(TEI_ALL), *files]),
    ]
    if shutil.which("jing"):
        out.append(("jing tei_all.rng (grammar only)", ["jing", str(TEI_ALL), *files]))
    edition = [str(Path(sys.executable).parent / "edition"), "validate", "--no-rules", "--schema", str(TEI_ALL)]
    out.append(("edition validate --schema tei_all.rng --no-rules (both)", [*edition, *files]))
    if pyschematron:
        out.append(("pyschematron (same patterns)", [pyschematron, "-c", PYSCHEMATRON, str(sch), *files]))
    return out


def report(label: str, files: list[str], sch: Path, pyschematron: str | None, repeat: int) -> None:
    """Print each command's cold wall time (the best of ``repeat`` runs: the machine is shared) and peak memory."""
    print(f"\n{label} ({len(files)} files)")
    for name, command in commands(files, sch, pyschematron):
        wall, peak, code = min(measure(command) for _ in range(repeat))
        # jing exits 1 on an invalid file; pyschematron exits 1 when it cannot run the patterns (XSLT's current())
        print(f"  {name:<56} {wall:7.2f} s  {peak:7.0f} MiB  exit {code}")


def warm(files: list[str]) -> None:
    """In this process: compilation once, then the check alone per file."""
    from toolkit.corpus import LoadError, load_document
    from toolkit.validate.schematron import CompiledSchematron

    start = time.perf_counter()
    schematron = CompiledSchematron(TEI_ALL)
    compiled = time.perf_counter() - start
    docs = []
    for f in files:
        try:
            docs.append(load_document(Path(f)))
        except LoadError:
            continue
    start = time.perf_counter()
    findings = sum(len(schematron.check(doc)) for doc in docs)
    checked = time.perf_counter() - start
    print(
        f"  warm: gathered and compiled in {compiled:.2f} s; {len(schematron.checks)} assertions;"
        f" checked {len(docs)} files in {checked:.2f} s ({findings} findings)"
    )


def main() -> None:
    """Generate the corpus, measure, print."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--files", type=int, default=1000, help="synthetic corpus size (default 1000)")
    options.add_argument("--repeat", type=int, default=3, help="runs of each command; the best is shown (default 3)")
    options.add_argument("--pyschematron", metavar="PYTHON", help="a Python (3.12+) that has pyschematron installed")
    args = options.parse_args()
    if not TEI_ALL.is_file():
        sys.exit(f"{TEI_ALL} is absent: this benchmark needs ../shared")
    from lxml import etree

    from toolkit.validate.schematron import standalone

    with tempfile.TemporaryDirectory() as folder:
        sch = Path(folder) / "tei_all.sch"
        sch.write_bytes(etree.tostring(standalone(TEI_ALL)))
        corpus = Path(folder) / "corpus"
        generate_corpus(corpus, args.files)
        files = [str(p) for p in sorted(corpus.glob("*.xml"))]
        report("synthetic corpus", files, sch, args.pyschematron, args.repeat)
        warm(files)
        if FRUS.is_file():
            report("FRUS 1894 Nicaragua, 1.1 MB", [str(FRUS)], sch, args.pyschematron, args.repeat)
            warm([str(FRUS)])


if __name__ == "__main__":
    main()
