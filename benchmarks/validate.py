"""Benchmark ``edition validate``: wall time and peak memory, cold, on the edition, a synthetic corpus and a large file.

Run ``.venv/bin/python benchmarks/validate.py`` (``--help`` for sizes). Each command runs in a fresh process (cold:
interpreter start, imports and schema compilation included) under a small wrapper that reads the peak resident memory
of its children. Side by side on the same files: jing and ``xmllint --schema`` with the same schema (our
``edition.xsd``), jing and ``edition validate --schema`` with the official ``tei_all.rng``, and lxml's bare parse.
Then, in this process: warm runs of the library, and the pure-Python ``xmlschema`` against libxml2 on the same schema.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "tei"
XSD = ROOT / "schemas" / "edition.xsd"
TEI_ALL = ROOT.parent / "shared" / "tei-p5" / "tei_all.rng"
EDITION_CMD = str(Path(sys.executable).parent / "edition")
WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)
PERSONS = ["rfk", "jfk", "dobrynin", "khrushchev", "sorensen", "bundy", "rusk", "thompson"]
PLACES = ["washington", "moscow", "cuba", "turkey", "italy"]
ORGS = ["excomm", "nato", "un", "team"]
POINTS = ["pt-jupiters", "pt-takeover", "pt-deadline", "pt-u2"]
VOCABULARY = (
    "the president said that missiles in turkey were obsolete and would be removed within months but no deal "
    "could be announced publicly because the alliance would object and the ambassador reported the talk to moscow"
)
WORDS = VOCABULARY.split()

HEADER = """  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>{title}</title>
        <author><persName ref="persons.xml#{author}">An author</persName></author>
        <respStmt><resp>encoding</resp><orgName ref="orgs.xml#team">The team</orgName></respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher><orgName ref="orgs.xml#team">The team</orgName></publisher>
        <availability><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability>
      </publicationStmt>
      <sourceDesc>
        <bibl corresp="bibliography.xml#bibl-source">A source,
          <citedRange unit="page" from="1" to="9">pp. 1-9</citedRange></bibl>
      </sourceDesc>
    </fileDesc>
    <profileDesc>
      <langUsage><language ident="en">English</language></langUsage>
    </profileDesc>
    <revisionDesc>
      <change when="2026-11-24" who="persons.xml#rfk">Generated for the benchmark.</change>
    </revisionDesc>
  </teiHeader>
"""


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _paragraph(rng: random.Random, doc: str, n: int, quotable: str | None, persons: Sequence[str] = PERSONS) -> str:
    """One paragraph with names, dates, a contested point, an editorial correction and, sometimes, a quotation."""
    parts = [
        f'<persName ref="persons.xml#{rng.choice(persons)}">Kennedy</persName> {_sentence(rng, 12)}',
        f'<placeName ref="places.xml#{rng.choice(PLACES)}">Moscow</placeName> {_sentence(rng, 8)}',
        f'<date when="1962-10-{rng.randint(16, 28):02d}">that day</date> {_sentence(rng, 6)}',
        f'<seg ana="bibliography.xml#{rng.choice(POINTS)}">{_sentence(rng, 15)}</seg>',
        f'<orgName ref="orgs.xml#{rng.choice(ORGS)}">the alliance</orgName> {_sentence(rng, 10)}',
        '<choice><sic>withdrawl</sic><corr resp="orgs.xml#team">withdrawal</corr></choice>',
        f'<supplied reason="clarification" resp="orgs.xml#team">{rng.choice(WORDS)}</supplied>',
        f'<seg xml:id="{doc}-q{n}">{_sentence(rng, 7)}</seg>',
    ]
    if quotable:
        parts.append(
            f'<quote source="{quotable}"><app type="substantive"><lem wit="witnesses.xml#wit-a">{rng.choice(WORDS)}'
            f'</lem><rdg wit="witnesses.xml#wit-b">{rng.choice(WORDS)}</rdg></app> {_sentence(rng, 4)}</quote>'
        )
    rng.shuffle(parts)
    return f'        <p xml:id="{doc}-p{n}" n="{n}">' + ". ".join(parts) + ".</p>\n"


def _document(doc: str, paragraphs: Iterator[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{doc}">\n'
        + HEADER.format(title=f"Synthetic account {doc}", author=PERSONS[0])
        + f'  <text>\n    <body>\n      <div type="account" xml:id="{doc}-div1">\n'
        + "".join(paragraphs)
        + "      </div>\n    </body>\n  </text>\n</TEI>\n"
    )


def _authority(doc: str, body: str, header_extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{doc}">\n'
        "  <teiHeader><fileDesc><titleStmt><title>Authority</title></titleStmt><publicationStmt>"
        '<publisher><orgName ref="orgs.xml#team">The team</orgName></publisher></publicationStmt>'
        f"<sourceDesc><p>Born digital.</p></sourceDesc></fileDesc>{header_extra}</teiHeader>\n"
        f"  <standOff>{body}</standOff>\n</TEI>\n"
    )


def write_authorities(folder: Path, persons: Sequence[str] = PERSONS) -> None:
    """The authority files every synthetic document points into (``persons``: the ids of the persons file)."""
    people = "".join(f'<person xml:id="{p}"><persName>{p}</persName></person>' for p in persons)
    places = "".join(f'<place xml:id="{p}"><placeName>{p}</placeName></place>' for p in PLACES)
    orgs = "".join(f'<org xml:id="{o}"><orgName>{o}</orgName></org>' for o in ORGS)
    witnesses = '<listWit><witness xml:id="wit-a">A</witness><witness xml:id="wit-b">B</witness></listWit>'
    points = "".join(f'<category xml:id="{p}"><catDesc>{p}</catDesc></category>' for p in POINTS)
    taxonomy = f'<encodingDesc><classDecl><taxonomy xml:id="points">{points}</taxonomy></classDecl></encodingDesc>'
    bibl = '<listBibl><bibl xml:id="bibl-source" type="book">A source</bibl></listBibl>'
    for name, body, extra in [
        ("persons", f"<listPerson>{people}</listPerson>", ""),
        ("places", f"<listPlace>{places}</listPlace>", ""),
        ("orgs", f"<listOrg>{orgs}</listOrg>", ""),
        ("witnesses", witnesses, ""),
        ("bibliography", bibl, taxonomy),
    ]:
        (folder / f"{name}.xml").write_text(_authority(name, body, extra), encoding="utf-8")


def doc_name(i: int, files: int) -> str:
    """The synthetic text number ``i`` of ``files`` (four digits up to 10,000, as many as needed above)."""
    return f"doc{i:0{max(4, len(str(files - 1)))}d}"


DRIVER = """<?xml version="1.0" encoding="UTF-8"?>
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude" xml:id="edition">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main">A synthetic corpus of {files} letters</title>
        <editor role="editor"><orgName ref="orgs.xml#team">The team</orgName></editor>
      </titleStmt>
      <publicationStmt><publisher><orgName ref="orgs.xml#team">The team</orgName></publisher></publicationStmt>
      <sourceDesc><p>Generated for the benchmark.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
{includes}</teiCorpus>
"""


def generate_corpus(
    folder: Path,
    files: int,
    seed: int = 1962,
    *,
    quotes: int = 0,
    persons: int = 0,
    paragraphs: int = 4,
    driver: bool = False,
) -> None:
    """``files`` accounts of a few kB that quote each other, with apparatus, plus the authority files.

    Each text quotes the next one (in its odd paragraphs); ``quotes`` more quotations per text point at texts
    chosen at random anywhere in the corpus (so that a page's inputs are scattered, as in a real corpus of letters).
    ``persons``: the size of the persons file, whose ids the texts point at (0: the eight of the edition); a real
    corpus's persons file grows with it. ``driver``: an ``edition.xml`` (``teiCorpus``) that includes every text.
    Written one file at a time, so that 100,000 texts need no memory.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    people = PERSONS + [f"psn{n:05d}" for n in range(max(0, persons - len(PERSONS)))]
    write_authorities(folder, people)
    for i in range(files):
        doc = doc_name(i, files)
        other = doc_name((i + 1) % files, files)
        extra = {n: doc_name(rng.randrange(files), files) for n in rng.sample(range(1, paragraphs + 1), quotes)}
        body = (
            _paragraph(rng, doc, n, _quoted(n, other, extra), people if persons else PERSONS)
            for n in range(1, paragraphs + 1)
        )
        (folder / f"{doc}.xml").write_text(_document(doc, body), encoding="utf-8")
    if driver:
        includes = "".join(f'  <xi:include href="{doc_name(i, files)}.xml"/>\n' for i in range(files))
        (folder / "edition.xml").write_text(DRIVER.format(files=files, includes=includes), encoding="utf-8")


def _quoted(n: int, other: str, extra: dict[int, str]) -> str | None:
    """The passage paragraph ``n`` quotes: the next text's for an odd paragraph, else a random text's, or none."""
    if n in extra and not n % 2:
        return f"{extra[n]}.xml#{extra[n]}-q{n - 1}"
    return f"{other}.xml#{other}-q{n}" if n % 2 else None


def generate_large(folder: Path, megabytes: int, seed: int = 27) -> Path:
    """One account of about ``megabytes`` MB (written in a stream), with its authority files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    write_authorities(folder)
    path = folder / "large.xml"
    head, tail = _document("large", iter(["@@"])).split("@@")
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        n = 0
        while out.tell() < megabytes * 1_000_000:
            n += 1
            out.write(_paragraph(rng, "large", n, f"#large-q{n - 1}" if n > 1 and n % 2 else None))
        out.write(tail)
    return path


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB and exit status of ``command`` in a fresh process."""
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True)
    wall, peak_kib, code = done.stdout.split()
    return float(wall), int(peak_kib) / 1024, int(code)


def _files(target: Path) -> list[str]:
    return [str(p) for p in sorted(target.glob("*.xml"))] if target.is_dir() else [str(target)]


def commands(target: Path, max_mib: int) -> list[tuple[str, list[str]]]:
    """The commands compared on one data set."""
    files = _files(target)
    size = ["--max-size", str(max_mib)]
    rows = [
        ("edition validate (schema + rules)", [EDITION_CMD, "validate", *size, str(target)]),
        ("edition validate --jobs 2", [EDITION_CMD, "validate", "--jobs", "2", *size, str(target)]),
        ("edition validate --no-rules", [EDITION_CMD, "validate", "--no-rules", *size, str(target)]),
        ("lxml bare parse", [sys.executable, "-c", _BARE_PARSE, *files]),
    ]
    if shutil.which("xmllint"):
        rows.append(("xmllint --schema edition.xsd", ["xmllint", "--noout", "--huge", "--schema", str(XSD), *files]))
    if shutil.which("jing"):
        rows.append(("jing edition.xsd", ["jing", str(XSD), *files]))
    if TEI_ALL.is_file():
        rows.append(
            (
                "edition validate --schema tei_all.rng",
                [EDITION_CMD, "validate", "--no-rules", "--schema", str(TEI_ALL), *size, str(target)],
            )
        )
        if shutil.which("jing"):
            rows.append(("jing tei_all.rng", ["jing", str(TEI_ALL), *files]))
    return rows


_BARE_PARSE = (
    "import sys\nfrom lxml import etree\n"
    "parser = etree.XMLParser(resolve_entities=False, no_network=True, collect_ids=False)\n"
    "for name in sys.argv[1:]:\n    etree.parse(name, parser)\n"
)


def report(label: str, target: Path, max_mib: int) -> None:
    """Print one table: command, wall time, peak memory, exit status."""
    files = _files(target)
    megabytes = sum(Path(f).stat().st_size for f in files) / 1_000_000
    print(f"\n## {label}: {len(files)} files, {megabytes:.1f} MB\n")
    print(f"| {'command':<40} | {'wall s':>7} | {'peak MiB':>8} | exit |")
    print(f"|{'-' * 42}|{'-' * 9}|{'-' * 10}|------|")
    for name, command in commands(target, max_mib):
        wall, peak, code = measure(command)
        print(f"| {name:<40} | {wall:7.2f} | {peak:8.0f} | {code:>4} |")


def warm(target: Path) -> None:
    """In this process: a first and a second library run, and xmlschema against libxml2 on the same schema."""
    import xmlschema
    from lxml import etree

    from toolkit.validate import validate

    for attempt in ("first (schema built)", "second (warm)"):
        start = time.perf_counter()
        result = validate([target])
        print(
            f"- library validate(), {attempt}: {time.perf_counter() - start:.2f} s, {len(result.diagnostics)} findings"
        )
    files = _files(target)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, collect_ids=False)
    trees = [etree.parse(f, parser) for f in files]
    start = time.perf_counter()
    libxml2 = etree.XMLSchema(etree.parse(str(XSD)))
    built = time.perf_counter() - start
    start = time.perf_counter()
    valid = sum(libxml2.validate(t) for t in trees)
    print(
        f"- libxml2 (lxml) XMLSchema: build {built:.3f} s, validate {time.perf_counter() - start:.3f} s ({valid} valid)"
    )
    start = time.perf_counter()
    python = xmlschema.XMLSchema10(str(XSD))
    built = time.perf_counter() - start
    start = time.perf_counter()
    valid = sum(python.is_valid(t) for t in trees)
    print(
        f"- xmlschema (pure Python): build {built:.3f} s, validate {time.perf_counter() - start:.3f} s ({valid} valid)"
    )


def main() -> None:
    """Generate the data sets in a temporary folder and print the tables."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--files", type=int, default=1000, help="synthetic corpus size (default 1000)")
    options.add_argument("--megabytes", type=int, default=50, help="size of the large file (default 50)")
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="validate-bench-") as scratch:
        corpus, large = Path(scratch) / "corpus", Path(scratch) / "large"
        generate_corpus(corpus, arguments.files)
        big = generate_large(large, arguments.megabytes)
        if EDITION.is_dir():
            report("the edition (tei/)", EDITION, 32)
        report("synthetic corpus", corpus, 32)
        report("large file", big, arguments.megabytes * 2)
        print("\n## In-process, synthetic corpus\n")
        warm(corpus)


if __name__ == "__main__":
    main()
