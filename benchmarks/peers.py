"""The three figures of issue 9, each beside its peer in the same run: paired runs, medians and the median ratio.

1. cold ``edition validate`` of the edition against jing with the official ``tei_all.rng`` on the same files;
2. cold full HTML build (``edition build --clean``) against the TEI Consortium's Stylesheets (``html/html.xsl`` on
   Saxon-HE, Java) transforming the same files;
3. ``edition validate`` (schema and editorial rules) of 1,000 synthetic files against a bare lxml parse of them.

Runs alternate (A B A B …) so that a drift in the machine's speed hits both; each ratio is taken pair by pair and the
median of those is printed. Run ``.venv/bin/python benchmarks/peers.py`` (``--help``). The TEI Stylesheets are not
part of this repository: ``--teic DIR`` names a checkout (``html/html.xsl`` and ``common/`` in it, e.g. from
``git archive HEAD html common i18n.xml VERSION`` of TEIC/Stylesheets); ``--saxon JAR`` the Saxon-HE jar (Debian's
``libsaxonhe-java``: ``/usr/share/java/Saxon-HE.jar``). A peer that is absent is skipped, and the row says so.
``--only validate,corpus`` runs some of the figures (``validate``, ``build``, ``corpus``).

Every run is cold (a fresh process, no cache of results), but Python's compiled bytecode is kept between runs, as
an installed package has it: when the environment disables it (``PYTHONDONTWRITEBYTECODE``), the children write it
to a temporary ``PYTHONPYCACHEPREFIX`` instead, filled by the warm-up run, so that no figure is recompiling sources.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "tei"
TEI_ALL = ROOT.parent / "shared" / "tei-p5" / "tei_all.rng"
EDITION_CMD = str(Path(sys.executable).parent / "edition")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import generate_corpus  # noqa: E402 -- the synthetic corpus of the validation benchmark

BARE_PARSE = (
    "import sys; from lxml import etree; from pathlib import Path\n"
    "for p in sorted(Path(sys.argv[1]).glob('*.xml')): etree.parse(str(p))\n"
)


#: Exit statuses that still mean the command did its work: 1 is findings; Saxon exits 2 when some of the files fail
#: (the TEI Stylesheets cannot follow two of our cross-file pointers), having transformed the others.
DONE = (0, 1, 2)


#: The children's environment: bytecode kept between runs (set by :func:`main`).
ENVIRONMENT: dict[str, str] = dict(os.environ)


def wall(command: list[str]) -> float:
    """Wall seconds of one run of ``command`` (its output discarded); raise if it fails."""
    start = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=ENVIRONMENT, cwd=ROOT
    )
    seconds = time.perf_counter() - start
    if done.returncode not in DONE:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-1500:]}")
    return seconds


def paired(label: str, ours: list[str], peer: list[str] | None, runs: int, peer_name: str) -> None:
    """Run ``ours`` and ``peer`` in turn ``runs`` times (after one warm-up each); print medians and the ratio."""
    if peer is None:
        print(f"{label:<44} ours {statistics.median(wall(ours) for _ in range(runs)):6.2f} s   {peer_name}: absent")
        return
    wall(ours), wall(peer)
    pairs = [(wall(ours), wall(peer)) for _ in range(runs)]
    a, b = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
    ratio = statistics.median(x / y for x, y in pairs)
    print(f"{label:<44} ours {a:6.2f} s   {peer_name} {b:6.2f} s   ratio {ratio:.2f} (median of {runs} pairs)")


def main() -> None:
    """Print the three figures."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5, help="pairs per figure (default 5)")
    options.add_argument("--files", type=int, default=1000, help="synthetic corpus size (default 1000)")
    options.add_argument("--teic", type=Path, default=ROOT / ".cache" / "teic", help="a TEI Stylesheets checkout")
    options.add_argument("--saxon", type=Path, default=Path("/usr/share/java/Saxon-HE.jar"), help="Saxon-HE jar")
    options.add_argument("--only", default="validate,build,corpus", help="the figures to run (default: all three)")
    args = options.parse_args()
    only = set(args.only.split(","))
    files = sorted(str(p) for p in EDITION.glob("*.xml"))
    jing = ["jing", str(TEI_ALL), *files] if shutil.which("jing") and TEI_ALL.is_file() else None
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        if ENVIRONMENT.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
            ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
        if "validate" in only:
            label = "validate the edition (cold)"
            paired(label, [EDITION_CMD, "validate", str(EDITION)], jing, args.runs, "jing tei_all")
        if "build" in only:
            build_figure(work, args)
        if "corpus" in only:
            corpus = work / "corpus"
            corpus.mkdir()
            generate_corpus(corpus, args.files)
            bare = [sys.executable, "-c", BARE_PARSE, str(corpus)]
            label = f"validate {args.files} synthetic files, rules on"
            paired(label, [EDITION_CMD, "validate", str(corpus)], bare, args.runs, "bare lxml parse")


def build_figure(work: Path, args: argparse.Namespace) -> None:
    """The full HTML build of the edition against the TEI Stylesheets on the same files."""
    html_xsl = args.teic / "html" / "html.xsl"
    teic = None
    if html_xsl.is_file() and args.saxon.is_file() and shutil.which("java"):
        (work / "teic").mkdir()
        teic = ["java", "-jar", str(args.saxon), f"-s:{EDITION}", f"-xsl:{html_xsl}", f"-o:{work / 'teic'}"]
    ours = [EDITION_CMD, "build", str(EDITION), "--clean", "--out", str(work / "site")]
    paired("full HTML build of the edition (cold)", ours, teic, args.runs, "TEI Stylesheets")


if __name__ == "__main__":
    main()
