"""The schemas a file or project declares: xml-model, the shipped TEI P5, precedence, legacy entities, XInclude."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.corpus import LoadError, load_document
from toolkit.resources import TEI_ALL_RNG
from toolkit.validate import validate
from toolkit.validate.xinclude import expand_includes, fragment_id
from toolkit.validate.xmlmodel import declared_schemas, well_known

TEI = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
TEI_ALL_URL = "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
    "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
)
#: A grammar that wants <TEI> to hold exactly one <teiHeader> with text: anything TEI is invalid against it.
TINY_RNG = f'<element name="TEI" ns="{TEI}" xmlns="{RNG_NS}"><element name="teiHeader"><text/></element></element>'
#: <TEI> with a <teiHeader> (any content) and a <text> (any content): small, so libxml2 compiles it at once.
OPEN_RNG = (
    f'<grammar xmlns="{RNG_NS}" ns="{TEI}"><start><element name="TEI"><element name="teiHeader"><ref name="any"/>'
    '</element><element name="text"><ref name="any"/></element></element></start><define name="any"><zeroOrMore>'
    '<choice><text/><attribute><anyName/></attribute><element><anyName/><ref name="any"/></element></choice>'
    "</zeroOrMore></define></grammar>"
)
JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?:error|fatal): ")


def model(href: str, namespace: str = RNG_NS) -> str:
    return f'<?xml-model href="{href}" type="application/xml" schematypens="{namespace}"?>\n'


def tei(folder: Path, body: str = "<p>x</p>", prolog: str = "", name: str = "a.xml", header: str = HEADER) -> Path:
    path = folder / name
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<TEI xmlns="{TEI}">\n{header}\n<text><body>\n{body}\n'
    path.write_text(text + "</body></text>\n</TEI>\n", encoding="utf-8")
    return path


def run_json(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.output)


def codes(result: object) -> list[str]:
    return [d.code for d in result.diagnostics]  # type: ignore[attr-defined]


# xml-model and the shipped TEI P5


def test_the_well_known_tei_all_urls_are_the_shipped_copy() -> None:
    assert well_known(TEI_ALL_URL) == TEI_ALL_RNG
    assert well_known("http://www.tei-c.org/Vault/P5/4.9.0/xml/tei/custom/schema/relaxng/tei_all.rng") == TEI_ALL_RNG
    assert well_known("https://www.tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd") == TEI_ALL_RNG
    assert well_known("https://example.org/tei_all.rng") is None
    assert TEI_ALL_RNG.is_file() and (TEI_ALL_RNG.parent / "LICENCE.md").is_file()


def test_a_file_is_checked_against_the_relax_ng_its_xml_model_names_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "tiny.rng").write_text(TINY_RNG, encoding="utf-8")
    path = tei(tmp_path, prolog=model("schema/tiny.rng"))
    result = validate([path], rules=False)
    assert result.diagnostics and all(d.code.startswith("TEI1") for d in result.diagnostics)


def test_tei_all_declared_twice_is_grammar_and_embedded_schematron_without_the_network(tmp_path: Path) -> None:
    prolog = model(TEI_ALL_URL) + model(TEI_ALL_URL, SCH_NS)
    path = tei(tmp_path, '<p><date when="1962-10-27" from="1962-10-26">x</date></p>', prolog)
    [ref], warnings = declared_schemas(load_document(path))
    assert (ref.path, ref.grammar, ref.schematron, warnings) == (TEI_ALL_RNG, True, True, [])
    [found] = validate([path], rules=False).diagnostics  # valid TEI P5; TEI's own @when/@from constraint warns
    assert found.code.startswith("tei_all-att.datable") and found.line == 7


def test_an_unknown_remote_schema_is_a_warning_naming_the_url_and_the_way_out(tmp_path: Path) -> None:
    path = tei(tmp_path, prolog=model("https://example.org/schemas/letters.rng"))
    [found] = validate([path], rules=False).diagnostics
    assert (found.code, found.severity, found.line) == ("TEI110", "warning", 2)
    assert "https://example.org/schemas/letters.rng" in found.message and "not fetched" in found.message
    assert "--schema" in (found.hint or "")


def test_a_declared_schema_that_does_not_exist_is_a_warning(tmp_path: Path) -> None:
    path = tei(tmp_path, prolog=model("missing.rng"))
    assert codes(validate([path], rules=False)) == ["TEI111"]


def test_a_schematron_its_xml_model_names_is_run_and_located(tmp_path: Path) -> None:
    (tmp_path / "rules.sch").write_text(
        f'<schema xmlns="{SCH_NS}" queryBinding="xslt3"><ns prefix="tei" uri="{TEI}"/><pattern id="p">'
        '<rule context="tei:body/tei:p"><assert test="@n" id="p-numbered">a paragraph has a number</assert></rule>'
        "</pattern></schema>",
        encoding="utf-8",
    )
    path = tei(tmp_path, prolog=model("rules.sch", SCH_NS))
    [found] = validate([path], rules=False).diagnostics
    assert (found.code, found.line, found.severity) == ("p-numbered", 6, "error")


def test_a_schema_option_that_holds_neither_grammar_nor_schematron_is_exit_2(tmp_path: Path) -> None:
    odd = tmp_path / "empty.odd"
    odd.write_text(f'<TEI xmlns="{TEI}"><text><body><p>no constraints</p></body></text></TEI>', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--schema", str(odd), str(tei(tmp_path))])
    assert result.exit_code == 2 and "no grammar and no Schematron" in result.output


def test_a_file_without_xml_model_gets_our_default_schema(tmp_path: Path) -> None:
    path = tei(tmp_path)  # valid TEI P5, but our subset wants ids and numbers on paragraphs
    assert "TEI102" in codes(validate([path], rules=False))


# precedence: --schema > the project file (both reach validate() as schemas) > xml-model > default


def test_schema_given_overrides_the_files_xml_model(tmp_path: Path) -> None:
    (tmp_path / "tiny.rng").write_text(TINY_RNG, encoding="utf-8")
    path = tei(tmp_path, prolog=model("tiny.rng"))
    assert validate([path], rules=False).diagnostics  # its own schema refuses it
    assert validate([path], schemas=[TEI_ALL_RNG], rules=False).diagnostics == []


def test_the_command_line_schema_overrides_the_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tiny.rng").write_text(TINY_RNG, encoding="utf-8")
    (tmp_path / "edition.toml").write_text('[validate]\nschema = "tiny.rng"\n', encoding="utf-8")
    path = tei(tmp_path, prolog=model(TEI_ALL_URL))
    monkeypatch.chdir(tmp_path)
    assert run_json("--no-rules", str(path))[0] == 1  # the project file's schema, not the xml-model
    assert run_json("--no-rules", "--schema", str(TEI_ALL_RNG), str(path))[0] == 0


# legacy entities


def legacy(folder: Path, declarations: str, body: str) -> Path:
    path = folder / "legacy.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI [\n{declarations}\n]>\n<TEI xmlns="{TEI}">{HEADER}<text><body>'
        f"<p>{body}</p></body></text></TEI>\n",
        encoding="utf-8",
    )
    return path


def test_internal_character_entities_are_refused_by_default_and_expanded_on_request(tmp_path: Path) -> None:
    path = legacy(tmp_path, '<!ENTITY mdash "&#x2014;">', "a&mdash;b")
    with pytest.raises(LoadError) as refused:
        load_document(path)
    assert refused.value.diagnostic.code == "TEI003" and "--expand-internal-entities" in refused.value.diagnostic.hint
    assert "".join(load_document(path, expand_entities=True).root.itertext()).endswith("a\u2014b")
    code, report = run_json("--expand-internal-entities", "--schema", str(TEI_ALL_RNG), "--no-rules", str(path))
    assert (code, report["diagnostics"]) == (0, [])


def test_an_external_entity_is_refused_even_with_the_opt_in(tmp_path: Path) -> None:
    path = legacy(tmp_path, '<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;")
    with pytest.raises(LoadError) as refused:
        load_document(path, expand_entities=True)
    assert refused.value.diagnostic.code == "TEI003" and "external" in refused.value.diagnostic.message


def test_entities_that_expand_too_far_are_refused_even_with_the_opt_in(tmp_path: Path) -> None:
    a = "a" * 100
    declarations = f'<!ENTITY a "{a}">\n<!ENTITY b "{"&a;" * 20}">\n<!ENTITY c "{"&b;" * 20}">'
    with pytest.raises(LoadError) as refused:
        load_document(legacy(tmp_path, declarations, "&c;"), expand_entities=True)
    assert refused.value.diagnostic.code == "TEI003" and "characters" in refused.value.diagnostic.message


def test_entities_nested_too_deep_are_refused_even_with_the_opt_in(tmp_path: Path) -> None:
    declarations = '<!ENTITY e0 "x">' + "".join(f'<!ENTITY e{n} "&e{n - 1};">' for n in range(1, 8))
    with pytest.raises(LoadError) as refused:
        load_document(legacy(tmp_path, declarations, "&e7;"), expand_entities=True)
    assert "deep" in refused.value.diagnostic.message


# XInclude with xpointer


def modular(folder: Path, pointer: str = "hdr") -> Path:
    (folder / "header.xml").write_text(
        f'<teiHeader xmlns="{TEI}" xml:id="hdr"><fileDesc><titleStmt><title>t</title></titleStmt>'
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>\n",
        encoding="utf-8",
    )
    include = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="header.xml" xpointer="{pointer}"/>'
    return tei(folder, header=include, name="text.xml")


def test_an_xpointer_names_an_xml_id_in_its_three_spellings() -> None:
    assert fragment_id("hdr") == fragment_id("element(hdr)") == fragment_id("xpointer(id('hdr'))") == "hdr"
    assert fragment_id("xpointer(//teiHeader)") is None


def test_an_include_with_xpointer_is_expanded_for_the_schema(tmp_path: Path) -> None:
    path = modular(tmp_path)
    tree, problems = expand_includes(load_document(path))
    assert problems == [] and tree.getroot()[0].get("{http://www.w3.org/XML/1998/namespace}id") == "hdr"
    (tmp_path / "open.rng").write_text(OPEN_RNG, encoding="utf-8")
    assert validate([path], schema=tmp_path / "open.rng", rules=False).diagnostics == []
    assert validate([path], schema=tmp_path / "open.rng", rules=False, use_jing=False).diagnostics == []


def test_an_xpointer_that_names_nothing_is_an_xinclude_problem_at_the_include(tmp_path: Path) -> None:
    path = modular(tmp_path, pointer="nowhere")
    (tmp_path / "open.rng").write_text(OPEN_RNG, encoding="utf-8")
    [found] = validate([path], schema=tmp_path / "open.rng", rules=False).diagnostics
    assert (found.code, found.line) == ("TEI120", 3)
    assert "nowhere" in found.message and found.xpath.endswith("xi:include")


def test_an_include_loop_is_an_xinclude_problem_not_a_hang(tmp_path: Path) -> None:
    include = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{}" xpointer="part"/>'
    (tmp_path / "part.xml").write_text(
        f'<div xmlns="{TEI}" xml:id="part"><p>x</p>{include.format("part.xml")}</div>', encoding="utf-8"
    )
    path = tei(tmp_path, include.format("part.xml"), name="text.xml")
    [found] = expand_includes(load_document(path))[1]
    assert found.code == "TEI120" and "includes itself" in found.message


def test_an_include_of_a_whole_tei_text_is_left_to_the_edition(tmp_path: Path) -> None:
    tei(tmp_path, name="one.xml")
    driver = tmp_path / "driver.xml"
    driver.write_text(
        f'<teiCorpus xmlns="{TEI}" xmlns:xi="http://www.w3.org/2001/XInclude">{HEADER}<xi:include href="one.xml"/>'
        "</teiCorpus>",
        encoding="utf-8",
    )
    document = load_document(driver)
    assert expand_includes(document) == (document.tree, [])


# the real files of ../shared/corpus


def jing_says_valid(schema: Path, path: Path) -> bool:
    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing is not installed (Debian package jing)")
    done = subprocess.run([jing, str(schema), str(path)], capture_output=True, text=True, check=False)
    return not any(JING_LINE.match(line) for line in done.stdout.splitlines())


def shared_files(shared: Path) -> list[Path]:
    return sorted((shared / "corpus").glob("*.xml"))


def test_each_shared_file_gets_jings_verdict_against_tei_all(shared: Path) -> None:
    for path in shared_files(shared):
        code, _ = run_json("--schema", str(shared / "tei-p5" / "tei_all.rng"), "--no-rules", str(path))
        assert (code == 0) == jing_says_valid(shared / "tei-p5" / "tei_all.rng", path), path.name


def test_the_frus_volume_is_valid_against_frus_own_schema_as_for_jing(shared: Path) -> None:
    volume, schema = shared / "corpus" / "frus-1894-nicaragua.xml", shared / "corpus" / "frus-schema" / "frus.rng"
    assert jing_says_valid(schema, volume)
    code, report = run_json("--schema", str(schema), "--no-rules", str(volume))
    assert (code, report["diagnostics"]) == (0, [])


def test_ceteicean_is_checked_against_what_its_xml_model_declares(shared: Path) -> None:
    path = shared / "corpus" / "ceteicean-testTEI.xml"
    refs, warnings = declared_schemas(load_document(path))
    assert [(r.path, r.grammar, r.schematron) for r in refs] == [(TEI_ALL_RNG, True, True)] and not warnings
    result = validate([path], rules=False)
    assert result.diagnostics == [] and jing_says_valid(shared / "tei-p5" / "tei_all.rng", path)
