"""Schematron: a ``.sch``, the patterns embedded in a RELAX NG schema, an ODD's constraints, compiled to XSLT 3.0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.corpus import LoadError, load_document
from toolkit.diagnostics import Severity
from toolkit.resources import TEI_ALL_RNG
from toolkit.validate import validate
from toolkit.validate.schematron import SchematronError, compile_schematron, load_schematron, standalone

TEI = "http://www.tei-c.org/ns/1.0"
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
    "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
)
RULES = f"""<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="tei" uri="{TEI}"/>
  <pattern id="dates">
    <rule context="tei:date">
      <let name="n" value="count(@*)"/>
      <assert test="@when" id="date-when" role="warning">a <name/> needs @when (it has <value-of select="$n"/>)</assert>
    </rule>
  </pattern>
  <pattern>
    <rule context="tei:p[@rend = 'x']"><report test="true()">first rule wins</report></rule>
    <rule context="tei:p"><report test="not(node())">an empty paragraph</report></rule>
  </pattern>
  <pattern id="attribute-context">
    <rule context="@rend"><assert test=". != 'bad'">rend is bad on <name path=".."/></assert></rule>
  </pattern>
</schema>
"""


def tei(tmp_path: Path, body: str, name: str = "a.xml") -> Path:
    path = tmp_path / name
    path.write_text(f'<TEI xmlns="{TEI}">\n{HEADER}\n<text><body>\n{body}\n</body></text>\n</TEI>\n', encoding="utf-8")
    return path


def sch(tmp_path: Path, text: str = RULES) -> Path:
    path = tmp_path / "rules.sch"
    path.write_text(text, encoding="utf-8")
    return path


def run_json(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.output)


def test_a_failed_assert_is_located_at_its_element_with_its_id_and_role(tmp_path: Path) -> None:
    path = tei(tmp_path, '<p>on <date type="x">Tuesday</date></p>')
    [found] = load_schematron(sch(tmp_path)).check(load_document(path))
    assert (found.code, found.severity, found.line, found.column) == ("date-when", Severity.WARNING, 4, 7)
    assert found.message == "a date needs @when (it has 1)"
    assert found.xpath == "/TEI/text[1]/body[1]/p[1]/date[1]"


def test_only_the_first_matching_rule_of_a_pattern_fires(tmp_path: Path) -> None:
    path = tei(tmp_path, '<p rend="x"/>')
    messages = [d.message for d in load_schematron(sch(tmp_path)).check(load_document(path))]
    assert messages == ["first rule wins"]


def test_a_finding_without_an_id_gets_a_stable_derived_code_and_is_an_error_without_role(tmp_path: Path) -> None:
    path = tei(tmp_path, "<p/>")
    [found] = load_schematron(sch(tmp_path)).check(load_document(path))
    again = load_schematron.__wrapped__(sch(tmp_path)).check(load_document(path))[0]
    assert found.code.startswith("SCH") and len(found.code) == 9 and found.code == again.code
    assert found.severity is Severity.ERROR


def test_an_attribute_context_is_reported_at_its_element(tmp_path: Path) -> None:
    path = tei(tmp_path, '<p>a <hi rend="bad">b</hi></p>')
    [found] = load_schematron(sch(tmp_path)).check(load_document(path))
    assert (found.code, found.line, found.message) == ("attribute-context", 4, "rend is bad on hi")


def test_a_schematron_given_with_schema_fails_the_run_at_its_line(tmp_path: Path) -> None:
    path = tei(tmp_path, "<p/>")
    code, report = run_json("--schema", str(sch(tmp_path)), "--no-rules", str(path))
    assert code == 1
    assert [(d["line"], d["severity"]) for d in report["diagnostics"]] == [(4, "error")]


def test_a_test_that_raises_a_dynamic_error_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    rules = sch(tmp_path, RULES.replace('test="@when"', 'test="xs:date(@type) lt current-date()"'))
    [found] = load_schematron(rules).check(load_document(tei(tmp_path, '<p><date type="x">d</date></p>')))
    assert found.code == "date-when" and "cannot be evaluated" in found.message


def test_an_unsupported_construct_is_refused_with_a_message(tmp_path: Path) -> None:
    rules = sch(tmp_path, RULES.replace('<pattern id="dates">', '<pattern id="dates" abstract="true">'))
    with pytest.raises(SchematronError, match="abstract patterns"):
        compile_schematron(rules)


def test_an_odd_constraint_spec_is_extracted_with_its_element_as_context(tmp_path: Path) -> None:
    odd = tmp_path / "project.odd"
    odd.write_text(
        f'<TEI xmlns="{TEI}" xmlns:sch="http://purl.oclc.org/dsdl/schematron"><text><body><schemaSpec ident="x">'
        '<elementSpec ident="title" mode="change"><constraintSpec ident="typed" scheme="schematron"><constraint>'
        '<sch:assert test="@type">a title says its type</sch:assert>'
        "</constraint></constraintSpec></elementSpec></schemaSpec></body></text></TEI>",
        encoding="utf-8",
    )
    path = tei(tmp_path, "<p>x</p>")
    [found] = load_schematron(odd).check(load_document(path))
    assert (found.code, found.line, found.message) == ("title-typed", 2, "a title says its type")


def test_tei_all_embedded_constraints_are_checked(tmp_path: Path) -> None:
    path = tei(
        tmp_path, '<p><date when="1962-10-27" from="1962-10-26">x</date></p>\n<list type="gloss"><item>a</item></list>'
    )
    found = {d.code: d for d in load_schematron(TEI_ALL_RNG).check(load_document(path))}
    when = found["tei_all-att.datable.w3c-att-datable-w3c-when-constraint-rule-2"]
    assert (when.line, when.severity) == (4, Severity.WARNING)  # role="nonfatal"
    assert found["tei_all-list-gloss-list-must-have-labels-constraint-rule-19"].line == 5


def test_the_gathered_patterns_make_a_standalone_iso_schema() -> None:
    schema = standalone(TEI_ALL_RNG)
    assert schema.get("queryBinding") == "xslt2"
    assert len(schema.findall("{http://purl.oclc.org/dsdl/schematron}pattern")) > 90


def test_a_relax_ng_schema_with_schema_also_runs_its_embedded_schematron(tmp_path: Path) -> None:
    path = tei(tmp_path, '<p><date when="1962-10-27" from="1962-10-26">x</date></p>')
    result = validate([path], schema=TEI_ALL_RNG, rules=False)
    assert [d.severity for d in result.diagnostics] == [Severity.WARNING]
    assert result.ok() and not result.ok(strict=True)


def test_on_the_shared_corpus_tei_constraints_find_only_teiphys_nameless_relations(shared: Path) -> None:
    schematron = load_schematron(TEI_ALL_RNG)
    errors = []
    for path in sorted((shared / "corpus").glob("*.xml")):
        try:
            document = load_document(path)
        except LoadError:  # tei-stylesheets-testrend.xml is not well-formed: nothing to check
            continue
        errors += [d for d in schematron.check(document) if d.severity is Severity.ERROR]
    assert errors, "teiphy's collation has relations without @name, @ref or @key"
    assert {(Path(d.file).name, d.code) for d in errors} == {
        ("teiphy-some-dates-collation.xml", "tei_all-relation-ref-or-key-or-name-constraint-rule-52")
    }
    assert all(d.xpath.endswith("/relation[1]") or "/relation[" in d.xpath for d in errors)
