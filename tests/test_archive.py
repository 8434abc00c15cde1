"""``edition export bagit`` and ``edition export dc``: the bag's content, fixity, refusals and reproducibility."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import FIXTURES
from toolkit.archive.dc import DC_ELEMENTS, DC_NS, OAI_DC_NS
from toolkit.cli import main
from toolkit.publish.output import staged

ARCHIVE = FIXTURES / "archive"
EDITION = ARCHIVE / "edition"
DOCUMENTS = ["dobrynin-cable.xml", "edition.xml", "persons.xml", "rfk-thirteen-days.xml", "witnesses.xml"]


def export(*args: str, env: dict[str, str | None] | None = None):
    return CliRunner().invoke(main, ["export", *args], env=env, catch_exceptions=False)


def bag_of(out: Path, *extra: str, edition: Path = EDITION) -> Path:
    result = export("bagit", str(out), "--edition", str(edition), "--bagging-date", "2026-11-24", *extra)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bag_of(tmp_path_factory.mktemp("bag") / "bag", "--schema", str(ARCHIVE / "schema.xsd"))


def test_bag_validates_with_the_bagit_library(bag):
    checked = bagit.Bag(str(bag))
    checked.validate()
    assert sorted(checked.algorithms) == ["sha256", "sha512"]
    assert (bag / "bagit.txt").read_text() == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def test_altering_one_payload_byte_fails_validation(tmp_path):
    out = bag_of(tmp_path / "bag")
    target = out / "data" / "tei" / "persons.xml"
    data = bytearray(target.read_bytes())
    data[200] = ord("X") if data[200] != ord("X") else ord("Y")
    target.write_bytes(bytes(data))
    with pytest.raises(bagit.BagValidationError, match=r"persons\.xml"):
        bagit.Bag(str(out)).validate()


def test_bag_holds_tei_dc_records_schema_and_inventory(bag):
    payload = sorted(p.relative_to(bag / "data").as_posix() for p in (bag / "data").rglob("*") if p.is_file())
    assert payload == sorted(
        [f"tei/{name}" for name in DOCUMENTS]
        + [f"dc/{name}" for name in DOCUMENTS]
        + ["inventory.csv", "schemas/schema.xsd", "mets.xml", "ro-crate-metadata.json"]
    )
    for name in DOCUMENTS:
        assert (bag / "data" / "tei" / name).read_bytes() == (EDITION / name).read_bytes()


def test_bag_info_names_organisation_description_identifier_date_and_oxum(bag):
    info = bagit.Bag(str(bag)).info
    assert info["Source-Organization"] == "The edition team"
    assert info["External-Description"] == "Anatomy of a Controversy: a fixture edition"
    assert info["External-Identifier"] == "https://example.org/edition/anatomy"
    assert info["Bagging-Date"] == "2026-11-24"
    files = [p for p in (bag / "data").rglob("*") if p.is_file()]
    assert info["Payload-Oxum"] == f"{sum(p.stat().st_size for p in files)}.{len(files)}"


def test_a_file_name_is_not_taken_for_the_edition_identifier(tmp_path):
    copy = tmp_path / "edition"
    shutil.copytree(EDITION, copy)
    driver = copy / "edition.xml"
    text = driver.read_text(encoding="utf-8")
    driver.write_text(
        text.replace(
            '<idno type="URI">https://example.org/edition/anatomy</idno>', '<idno type="file">edition.xml</idno>'
        ),
        encoding="utf-8",
    )
    info = bagit.Bag(str(bag_of(tmp_path / "bag", edition=copy))).info
    assert info["External-Identifier"] == "edition"  # the driver's xml:id, not its file name


def test_bag_info_fields_can_be_given_on_the_command_line(tmp_path):
    out = bag_of(tmp_path / "bag", "--source-organization", "Archive X", "--external-identifier", "urn:x:1")
    info = bagit.Bag(str(out)).info
    assert (info["Source-Organization"], info["External-Identifier"]) == ("Archive X", "urn:x:1")


def test_inventory_lists_each_document_with_its_metadata_and_checksum(bag):
    with (bag / "data" / "inventory.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["identifier"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == sorted(name.removesuffix(".xml") for name in DOCUMENTS)
    rfk = rows["rfk-thirteen-days"]
    assert (rfk["title"], rfk["author"], rfk["date"], rfk["language"]) == (
        "Robert F. Kennedy, Thirteen Days (excerpt)",
        "Robert F. Kennedy",
        "1968",
        "en",
    )
    for row in rows.values():
        assert row["sha256"] == hashlib.sha256((bag / "data" / row["file"]).read_bytes()).hexdigest()


def test_dc_records_have_the_oai_dc_shape(bag):
    for name in DOCUMENTS:
        root = etree.parse(str(bag / "data" / "dc" / name)).getroot()
        assert root.tag == f"{{{OAI_DC_NS}}}dc"
        children = [etree.QName(child) for child in root]
        assert all(q.namespace == DC_NS and q.localname in DC_ELEMENTS for q in children)
        names = {q.localname for q in children}
        assert {"title", "type", "format", "identifier", "language"} <= names


def test_dc_record_maps_the_header(bag):
    root = etree.parse(str(bag / "data" / "dc" / "dobrynin-cable.xml")).getroot()
    values = {(etree.QName(e).localname, e.text) for e in root}
    assert ("creator", "Anatoly F. Dobrynin") in values
    assert ("date", "1962-10-27") in values
    assert ("publisher", "The edition team") in values
    assert ("identifier", "tei/dobrynin-cable.xml") in values
    assert ("relation", "https://example.org/edition/anatomy") in values  # the edition's URI idno
    assert ("source", "Archive of Foreign Policy, Russian Federation, 1-3") in values


def test_dc_record_of_a_date_range_and_a_described_author(tmp_path):
    doc = tmp_path / "range.xml"
    doc.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>'
        "<author><persName>A. Author</persName>, a diplomat</author></titleStmt>"
        "<publicationStmt><p/></publicationStmt><sourceDesc><bibl>B<note>not this</note></bibl></sourceDesc>"
        '</fileDesc><profileDesc><creation><date from="1962-10-22" to="1962-10-28">that week</date></creation>'
        "</profileDesc></teiHeader><text><body><p/></body></text></TEI>",
        encoding="utf-8",
    )
    # a minimal header, not valid for our schema: --force, as this test is about the record only
    result = export("dc", str(tmp_path / "out"), "--edition", str(tmp_path), "--force")
    assert result.exit_code == 0, result.output
    root = etree.parse(str(tmp_path / "out" / "range.xml")).getroot()
    values = {(etree.QName(e).localname, e.text) for e in root}
    assert {("creator", "A. Author"), ("date", "1962-10-22/1962-10-28"), ("source", "B")} <= values


def test_pointer_leading_outside_the_bag_is_refused_at_its_line(tmp_path):
    out = tmp_path / "bag"
    result = export("bagit", str(out), "--edition", str(ARCHIVE / "dangling"), "--force")
    assert result.exit_code == 1
    assert "18:36: error ARC010 pointer does not resolve inside the bag: @ref='persons.xml#rfk'" in result.output
    assert "'../edition/persons.xml#dobrynin': ../edition/persons.xml is outside the bag" in result.output
    assert "no xml:id 'account-p9' in account.xml" in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_invalid_edition_is_not_exported_unless_forced(tmp_path):
    refused = export("bagit", str(tmp_path / "bag"), "--edition", str(ARCHIVE / "invalid"))
    assert refused.exit_code == 1
    assert "shout" in refused.output
    assert not (tmp_path / "bag").exists()
    forced = export("bagit", str(tmp_path / "bag"), "--edition", str(ARCHIVE / "invalid"), "--force")
    assert forced.exit_code == 0, forced.output
    assert "shout" in forced.output
    bagit.Bag(str(tmp_path / "bag")).validate()


def test_a_hostile_file_is_refused_once_and_nothing_is_written(tmp_path):
    edition = tmp_path / "hostile"
    edition.mkdir()
    (edition / "a.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>\n',
        encoding="utf-8",
    )
    result = export("bagit", str(tmp_path / "bag"), "--edition", str(edition))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count("error TEI003") == 1 and "root:" not in result.output
    assert not (tmp_path / "bag").exists()


def test_existing_folder_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "bag"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = export("bagit", str(out), "--edition", str(EDITION))
    assert result.exit_code == 2
    assert "already exists; nothing was written" in result.output
    forced = export("bagit", str(out), "--edition", str(EDITION), "--overwrite")
    assert forced.exit_code == 2
    assert "never replaced" in forced.output
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_overwrite_replaces_a_previous_bag_whole(tmp_path):
    out = bag_of(tmp_path / "bag")
    (out / "data" / "tei" / "persons.xml").write_text("<changed/>", encoding="utf-8")  # listed in its manifest
    bag_of(out, "--overwrite")
    assert (out / "data" / "tei" / "persons.xml").read_bytes() == (EDITION / "persons.xml").read_bytes()
    bagit.Bag(str(out)).validate()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bag"]


def test_overwrite_refuses_a_bag_holding_a_file_it_did_not_write(tmp_path):
    out = bag_of(tmp_path / "bag")
    (out / "data" / "stray.txt").write_text("the archivist's", encoding="utf-8")
    result = export("bagit", str(out), "--edition", str(EDITION), "--overwrite")
    assert result.exit_code != 0
    assert "did not write (data/stray.txt)" in result.output
    assert (out / "data" / "stray.txt").read_text(encoding="utf-8") == "the archivist's"


def test_two_exports_with_one_date_are_byte_identical(tmp_path):
    first, second = bag_of(tmp_path / "one"), bag_of(tmp_path / "two")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_source_date_epoch_sets_the_bagging_date(tmp_path):
    out = tmp_path / "bag"
    result = export("bagit", str(out), "--edition", str(EDITION), env={"SOURCE_DATE_EPOCH": "86400"})
    assert result.exit_code == 0, result.output
    assert bagit.Bag(str(out)).info["Bagging-Date"] == "1970-01-02"


def test_bad_bagging_date_is_a_usage_error(tmp_path):
    result = export("bagit", str(tmp_path / "bag"), "--edition", str(EDITION), "--bagging-date", "24/11/2026")
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_export_dc_writes_one_record_per_document(tmp_path):
    result = export("dc", str(tmp_path / "dc"), "--edition", str(EDITION))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "dc").glob("*.xml")) == DOCUMENTS
    assert "5 Dublin Core records written" in result.output


def test_failed_build_leaves_neither_output_nor_temporary_folder(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError), staged(out) as work:
        (work / "half.txt").write_text("half", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_edition_without_driver_warns_about_bag_info_it_cannot_fill(tmp_path):
    folder = tmp_path / "authorities"
    folder.mkdir()
    (folder / "persons.xml").write_bytes((EDITION / "persons.xml").read_bytes())
    result = export("bagit", str(tmp_path / "bag"), "--edition", str(folder))
    assert result.exit_code == 0, result.output
    assert "warning ARC006 bag-info.txt has no Source-Organization" in result.output
    info = bagit.Bag(str(tmp_path / "bag")).info
    assert info["External-Identifier"] == "authorities"
    assert "Source-Organization" not in info


def test_default_bag_carries_the_edition_schema_with_its_imports_and_it_validates_the_bagged_tei(tmp_path):
    out = bag_of(tmp_path / "bag")
    schemas = out / "data" / "schemas"
    assert sorted(p.name for p in schemas.iterdir()) == ["edition.xsd", "xml.xsd"]
    schema = etree.XMLSchema(etree.parse(str(schemas / "edition.xsd")))
    for name in DOCUMENTS:
        assert schema.validate(etree.parse(str(out / "data" / "tei" / name))), (name, schema.error_log)


def test_the_edition_exports_as_a_valid_self_contained_bag(tmp_path, edition_dir):
    out = bag_of(tmp_path / "bag", edition=edition_dir)
    bagit.Bag(str(out)).validate()
    assert sorted(p.name for p in (out / "data" / "tei").iterdir()) == sorted(p.name for p in edition_dir.glob("*.xml"))
    with (out / "data" / "inventory.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(list(edition_dir.glob("*.xml")))
    assert all(row["title"] and row["language"] for row in rows)


def test_bag_info_takes_contact_address_and_group_from_the_drivers_header(tmp_path):
    copy = tmp_path / "edition"
    shutil.copytree(EDITION, copy)
    driver = copy / "edition.xml"
    text = driver.read_text(encoding="utf-8").replace(
        "<publisher>The edition team</publisher>",
        "<publisher>The edition team</publisher><distributor><persName>A. Archivist</persName>"
        " <email>archivist@example.org</email></distributor>"
        "<address><addrLine>1 Archive Road</addrLine><addrLine>Oxford</addrLine></address>",
    )
    driver.write_text(text, encoding="utf-8")
    # our schema (edition.xsd) does not allow email and address there yet: --force, this test is about the fields
    result = export("bagit", str(tmp_path / "bag"), "--edition", str(copy), "--bagging-date", "2026-11-24", "--force")
    assert result.exit_code == 0, result.output
    info = bagit.Bag(str(tmp_path / "bag")).info
    assert (info["Contact-Name"], info["Contact-Email"]) == ("A. Archivist", "archivist@example.org")
    assert info["Organization-Address"] == "1 Archive Road, Oxford"
    assert "ARC006" not in result.output


def test_missing_contact_is_left_out_and_warned_about_never_invented(bag):
    info = bagit.Bag(str(bag)).info
    assert "Contact-Name" not in info and "Contact-Email" not in info
    result = export("bagit", str(bag.parent / "again"), "--edition", str(EDITION), "--bagging-date", "2026-11-24")
    assert "warning ARC006 bag-info.txt has no Contact-Email" in result.output
    assert "warning ARC011 no base URL" in result.output


def test_bag_size_is_the_payload_size_with_a_unit(bag):
    size = sum(p.stat().st_size for p in (bag / "data").rglob("*") if p.is_file())
    assert bagit.Bag(str(bag)).info["Bag-Size"] == f"{size / 1000:.1f} KB"


def test_every_bag_info_field_can_be_given_and_more_added(tmp_path):
    out = bag_of(
        tmp_path / "bag",
        "--contact-name",
        "Reading Room",
        "--contact-email",
        "room@example.org",
        "--bag-group-identifier",
        "cwihp-editions",
        "--internal-sender-identifier",
        "anatomy-1.0",
        "--bag-info",
        "Rights-Statement: CC BY 4.0",
    )
    info = bagit.Bag(str(out)).info
    assert info["Contact-Name"] == "Reading Room" and info["Contact-Email"] == "room@example.org"
    assert info["Bag-Group-Identifier"] == "cwihp-editions"
    assert info["Internal-Sender-Identifier"] == "anatomy-1.0"
    assert info["Rights-Statement"] == "CC BY 4.0"


def test_a_malformed_bag_info_line_is_a_usage_error(tmp_path):
    result = export("bagit", str(tmp_path / "bag"), "--edition", str(EDITION), "--bag-info", "no colon here")
    assert result.exit_code == 2
    assert "expected 'Label: value'" in result.output


def test_a_profile_requiring_a_missing_field_refuses_the_export_naming_the_key(tmp_path):
    profile = tmp_path / "profile.json"
    profile.write_text(
        '{"BagIt-Profile-Info": {"BagIt-Profile-Identifier": "https://archive.example.org/profile.json"},'
        ' "Bag-Info": {"Contact-Email": {"required": true}, "Source-Organization": {"required": true}}}',
        encoding="utf-8",
    )
    refused = export("bagit", str(tmp_path / "bag"), "--edition", str(EDITION), "--profile", str(profile))
    assert refused.exit_code == 1
    assert "error ARC008 bag-info.txt has no Contact-Email, which the profile requires" in refused.output
    assert "Source-Organization, which" not in refused.output  # the header gives it
    assert not (tmp_path / "bag").exists()
    accepted = export(
        "bagit",
        str(tmp_path / "bag"),
        "--edition",
        str(EDITION),
        "--profile",
        str(profile),
        "--contact-email",
        "a@b.org",
    )
    assert accepted.exit_code == 0, accepted.output


def test_include_pdf_without_a_build_is_a_usage_error(tmp_path):
    result = export(
        "bagit", str(tmp_path / "bag"), "--edition", str(EDITION), "--include-pdf", "--build-dir", str(tmp_path)
    )
    assert result.exit_code == 2
    assert "is not the output folder of `edition build`" in result.output
    assert not (tmp_path / "bag").exists()


def test_the_cable_is_english_and_its_russian_original_is_described(tmp_path, edition_dir):
    out = export("dc", str(tmp_path / "dc"), "--edition", str(edition_dir), "--base-url", "https://example.org/e")
    assert out.exit_code == 0, out.output
    root = etree.parse(str(tmp_path / "dc" / "dobrynin-cable.xml")).getroot()
    values = {(etree.QName(e).localname, e.text) for e in root}
    assert [text for name, text in values if name == "language"] == ["en"]
    assert any(name == "description" and "Russian original" in text for name, text in values)
    assert ("identifier", "https://example.org/e/tei/dobrynin-cable.xml") in values
    assert ("relation", "https://example.org/e/") in values
    assert any(name == "rights" and "CC BY 4.0" in text for name, text in values)


def test_two_exports_with_pdf_and_site_are_byte_identical(tmp_path):
    from tests.test_archive_mets import fake_build

    build = fake_build(tmp_path / "build")
    extra = ("--include-pdf", "--include-site", "--build-dir", str(build), "--base-url", "https://example.org/")
    first, second = bag_of(tmp_path / "one", *extra), bag_of(tmp_path / "two", *extra)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_altering_one_byte_of_the_mets_or_the_site_fails_validation(tmp_path):
    from tests.test_archive_mets import fake_build

    out = bag_of(tmp_path / "bag", "--include-site", "--build-dir", str(fake_build(tmp_path / "build")))
    for name in ("mets.xml", "site/index.html"):
        target = out / "data" / name
        original = target.read_bytes()
        target.write_bytes(original[:-2] + (b"X" if original[-2:-1] != b"X" else b"Y") + original[-1:])
        with pytest.raises(bagit.BagValidationError, match=name.replace(".", r"\.")):
            bagit.Bag(str(out)).validate()
        target.write_bytes(original)
