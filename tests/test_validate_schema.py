"""The schema layer: edition.xsd is a subset of TEI P5, errors are located, other schemas can be used."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit.cli import main
from toolkit.validate import validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_EDITION = Path(__file__).resolve().parent / "fixtures" / "validate" / "edition"
JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?:error|fatal): ")


def run_json(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.output)


def jing_invalid(schema: Path, files: list[Path], *, one_by_one: bool = False) -> set[Path]:
    """The files jing finds invalid against ``schema``.

    jing stops at the first file that is not well-formed, so foreign files are checked one run each.
    """
    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing is not installed (Debian package jing)")
    batches = [[f] for f in files] if one_by_one else [files]
    invalid: set[Path] = set()
    for batch in batches:
        done = subprocess.run([jing, str(schema), *map(str, batch)], capture_output=True, text=True, check=False)
        invalid |= {Path(m["file"]).resolve() for line in done.stdout.splitlines() if (m := JING_LINE.match(line))}
    return invalid


def expanded(files: list[Path], into: Path) -> dict[Path, Path]:
    """Each file as jing should see it (an XInclude driver expanded, tei_all has no xi:include) -> the file.

    A driver whose includes cannot all be loaded yet is left out: rule TEI202 reports its missing files.
    """
    out: dict[Path, Path] = {}
    for number, path in enumerate(files):
        tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
        if tree.getroot().find("{http://www.w3.org/2001/XInclude}include") is None:
            out[path.resolve()] = path
            continue
        try:
            tree.xinclude()
        except etree.XIncludeError:
            continue
        copy = into / f"{number}-{path.name}"
        tree.write(str(copy), encoding="utf-8", xml_declaration=True)
        out[copy.resolve()] = path
    return out


def test_the_edition_files_valid_against_edition_xsd_are_valid_tei_p5(shared: Path, tmp_path: Path) -> None:
    files = sorted((ROOT / "tei").glob("*.xml")) + sorted(FIXTURE_EDITION.glob("*.xml"))
    _, report = run_json("--no-rules", *map(str, files))
    ours_invalid = {Path(d["file"]).resolve() for d in report["diagnostics"]}
    valid_for_us = [p for p in files if p.resolve() not in ours_invalid]
    assert len(valid_for_us) >= len(list(FIXTURE_EDITION.glob("*.xml")))
    seen_by_jing = expanded(valid_for_us, tmp_path)
    official = jing_invalid(shared / "tei-p5" / "tei_all.rng", list(seen_by_jing))
    offenders = sorted(str(seen_by_jing[p]) for p in official)
    assert not offenders, f"valid against edition.xsd but not against tei_all.rng: {offenders}"


def test_foreign_tei_checked_against_tei_all_agrees_with_jing_run_alone(shared: Path) -> None:
    schema = shared / "tei-p5" / "tei_all.rng"
    files = sorted((shared / "corpus").glob("*.xml"))
    code, report = run_json("--schema", str(schema), "--no-rules", *map(str, files))
    ours = {Path(d["file"]).resolve() for d in report["diagnostics"]}
    assert ours == jing_invalid(schema, files, one_by_one=True)
    assert code == (1 if ours else 0)
    # the grammar's codes, and the Schematron tei_all.rng embeds (its patterns' ids: teiphy's relations lack @name)
    assert all(d["line"] >= 1 and d["code"].startswith(("TEI", "tei_all-")) for d in report["diagnostics"])
    assert report["summary"]["files"] == len(files)
    misplaced = [d for d in report["diagnostics"] if d["code"] == "TEI101"]
    assert misplaced and all(d["xpath"] and d["column"] > 1 for d in misplaced)


def test_libxml2_relax_ng_agrees_with_jing_on_foreign_tei(shared: Path) -> None:
    schema = shared / "tei-p5" / "tei_all.rng"
    files = sorted((shared / "corpus").glob("*.xml"))
    result = validate(files, schema=schema, rules=False, use_jing=False)
    assert {Path(d.file).resolve() for d in result.diagnostics} == jing_invalid(schema, files, one_by_one=True)


def test_a_misplaced_child_is_reported_at_the_child_not_its_parent(tmp_path: Path) -> None:
    corpus = tmp_path / "edition"
    shutil.copytree(FIXTURE_EDITION, corpus)
    account = corpus / "account.xml"
    text = account.read_text(encoding="utf-8")
    text = text.replace(
        '<head xml:id="account-head1">The meeting</head>',
        '<head xml:id="account-head1">The\n          meeting\n          <p>a paragraph in a heading</p></head>',
    )
    account.write_text(text, encoding="utf-8")
    head_line = text.splitlines().index('        <head xml:id="account-head1">The') + 1
    code, report = run_json("--no-rules", str(account))
    assert code == 1
    [found] = report["diagnostics"]
    assert (found["code"], found["line"]) == ("TEI101", head_line + 2)
    assert found["message"] == "<p> is not allowed here, inside <head>"
    assert found["xpath"].endswith("/head[1]/p[1]")


def test_another_xsd_can_be_given_with_schema(tmp_path: Path) -> None:
    xsd = tmp_path / "letters.xsd"
    xsd.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.tei-c.org/ns/1.0"'
        ' elementFormDefault="qualified"><xs:element name="letter" type="xs:string"/></xs:schema>',
        encoding="utf-8",
    )
    code, report = run_json("--schema", str(xsd), "--no-rules", str(FIXTURE_EDITION / "persons.xml"))
    assert code == 1
    [found] = report["diagnostics"]
    assert found["line"] == 2 and found["code"].startswith("TEI1")


def test_a_relax_ng_schema_reports_located_errors(tmp_path: Path) -> None:
    rng = tmp_path / "letter.rng"
    rng.write_text(
        '<element name="TEI" ns="http://www.tei-c.org/ns/1.0" xmlns="http://relaxng.org/ns/structure/1.0">'
        '<attribute name="xml:id"/><element name="teiHeader"><text/></element></element>',
        encoding="utf-8",
    )
    code, report = run_json("--schema", str(rng), "--no-rules", str(FIXTURE_EDITION / "persons.xml"))
    assert code == 1
    assert report["diagnostics"] and all(d["line"] >= 2 for d in report["diagnostics"])
    without_jing = validate([FIXTURE_EDITION / "persons.xml"], schema=rng, rules=False, use_jing=False)
    assert without_jing.diagnostics and not without_jing.ok()


def test_an_unusable_relax_ng_schema_is_a_usage_error(tmp_path: Path) -> None:
    rng = tmp_path / "broken.rng"
    rng.write_text('<element xmlns="http://relaxng.org/ns/structure/1.0"><nonsense/></element>', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--schema", str(rng), str(FIXTURE_EDITION / "persons.xml")])
    assert result.exit_code == 2 and "cannot load schema" in result.output


#: Children that are not valid empty, with the least content TEI accepts.
FILLER = {
    "gi": "x",
    "att": "x",
    "val": "x",
    "choice": "<sic>a</sic><corr>b</corr>",
    "list": "<item>x</item>",
    "cit": "<quote>x</quote>",
    "listBibl": "<bibl>x</bibl>",
    "app": '<lem wit="#w">x</lem>',
    "respStmt": "<resp>r</resp><name>n</name>",
}
#: Where each parent may stand in a TEI text (its own wrapper inside a body paragraph).
WRAPPERS = {
    **dict.fromkeys(("lem", "rdg"), "<p><app>{}</app></p>"),
    "witDetail": '<p><app><lem wit="#w">x</lem>{}</app></p>',
    **dict.fromkeys(("sic", "corr", "orig", "reg", "abbr", "expan"), "<p><choice>{}<unclear>u</unclear></choice></p>"),
    **dict.fromkeys(
        ("author", "editor", "citedRange", "biblScope", "pubPlace", "publisher", "edition", "textLang"),
        "<p><bibl>{}</bibl></p>",
    ),
    "resp": "<p><bibl><respStmt>{}<name>n</name></respStmt></bibl></p>",
    **dict.fromkeys(("p", "ab"), "{}"),
    "head": "<div>{}<p>x</p></div>",
}
#: Parents that stand in the front matter: the whole content of <text> around them.
FRONT_WRAPPERS = {
    "titlePart": "<front><titlePage><docTitle>{}</docTitle></titlePage></front><body><p>x</p></body>",
    **dict.fromkeys(
        ("docAuthor", "docImprint", "docEdition", "docDate", "byline"),
        "<front><titlePage>{}</titlePage></front><body><p>x</p></body>",
    ),
}
PHRASE_PARENTS = (
    *("persName", "placeName", "orgName", "rs", "name", "roleName", "forename", "surname", "addName", "date", "time"),
    *("hi", "emph", "foreign", "title", "term", "mentioned", "soCalled", "q", "quote", "seg", "num", "label", "ref"),
    *("sic", "corr", "orig", "reg", "abbr", "expan", "add", "del", "unclear", "supplied", "note", "lem", "rdg"),
    *("witDetail", "author", "editor", "bibl", "citedRange", "biblScope", "pubPlace", "publisher", "edition"),
    *("textLang", "desc", "head", "p", "ab", "resp", *FRONT_WRAPPERS),
)
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
    "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
)


def _required_attributes(declaration: object) -> str:
    values = {"ref": "#x", "wit": "#w", "target": "#x", "unit": "line", "reason": "omitted", "resp": "#r", "n": "1"}
    out = []
    for name, attribute in declaration.attributes.items():  # type: ignore[attr-defined]
        if attribute.use == "required":
            local = "xml:id" if name.endswith("}id") else name
            out.append(f'{local}="{"id-" + str(id(attribute)) if local == "xml:id" else values.get(local, "x")}"')
    return " ".join(out)


def test_every_child_our_schema_allows_in_running_text_is_allowed_by_tei_p5(shared: Path, tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema10(str(ROOT / "schemas" / "edition.xsd"))
    probes: list[str] = []
    for parent_name in PHRASE_PARENTS:
        parent = schema.elements[parent_name]
        attributes = _required_attributes(parent)
        children = {child.local_name: child for child in parent.iterchildren()}
        for name, child in sorted(children.items()):
            inner = f"<{name} {_required_attributes(child)}>{FILLER.get(name, '')}</{name}>"
            element = f"<{parent_name} {attributes}>{inner}</{parent_name}>"
            if parent_name in FRONT_WRAPPERS:
                text = FRONT_WRAPPERS[parent_name].format(element)
            else:
                text = "<body>" + WRAPPERS.get(parent_name, "<p>{}</p>").format(element) + "</body>"
            probes.append(f"{parent_name}/{name}")
            (tmp_path / f"{len(probes):04d}.xml").write_text(
                f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<text>{text}</text></TEI>', encoding="utf-8"
            )
    assert len(probes) > 1000
    _, report = run_json("--schema", str(shared / "tei-p5" / "tei_all.rng"), "--no-rules", str(tmp_path))
    refused = sorted({probes[int(Path(d["file"]).stem) - 1] for d in report["diagnostics"]})
    assert not refused, f"edition.xsd allows these parent/child pairs that TEI P5 does not: {refused}"


def test_a_file_outside_the_tei_namespace_is_told_so(tmp_path: Path) -> None:
    path = tmp_path / "plain.xml"
    path.write_text('<?xml version="1.0"?>\n<TEI><teiHeader/></TEI>\n', encoding="utf-8")
    code, report = run_json("--no-rules", str(path))
    [found] = report["diagnostics"]
    assert code == 1 and found["line"] == 2 and "TEI namespace" in found["message"]
    assert 'xmlns="http://www.tei-c.org/ns/1.0"' in found["hint"]
