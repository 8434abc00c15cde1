"""``data/mets.xml``: valid METS, each payload file with its SHA-256, Dublin Core per document, PREMIS, order."""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from pathlib import Path

import bagit
import metsrw
import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import FIXTURES, ROOT
from toolkit.cli import main

EDITION = FIXTURES / "archive" / "edition"
SCHEMAS = FIXTURES / "schemas"
#: Official copies (schemas/ARCHIVAL-SCHEMAS.md says where each comes from): PREMIS 3.0, the LoC XLink schema.
PREMIS_XSD = ROOT / "schemas" / "premis-v3-0.xsd"
XLINK_XSD = ROOT / "schemas" / "xlink-loc.xsd"
METS_XSD = Path(metsrw.__file__).parent / "resources" / "mets.xsd"
NS = {
    "mets": "http://www.loc.gov/METS/",
    "premis": "http://www.loc.gov/premis/v3",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
}
XSD = "{http://www.w3.org/2001/XMLSchema}"


@functools.cache
def schema(*extra: tuple[str, str]) -> etree.XMLSchema:
    """metsrw's mets.xsd with the LoC XLink schema, PREMIS 3.0, oai_dc and ``extra`` ``(namespace, file)`` imported
    offline; the wrapped PREMIS and DC (``xmlData`` is ``processContents="lax"``) are validated by their schemas."""
    return etree.XMLSchema(mets_schema_tree(*extra))


def mets_schema_tree(*extra: tuple[str, str]) -> etree._ElementTree:
    """mets.xsd with its imports pointed at local files (``extra`` names files in tests/fixtures/schemas/)."""
    tree = etree.parse(str(METS_XSD))
    for element in tree.getroot().iter(f"{XSD}import"):
        if element.get("namespace") == NS["xlink"]:
            element.set("schemaLocation", XLINK_XSD.as_uri())
    imports = [(NS["premis"], PREMIS_XSD), (NS["oai_dc"], SCHEMAS / "oai_dc.xsd")]
    imports += [(namespace, SCHEMAS / name) for namespace, name in extra]
    for namespace, location in imports:
        tree.getroot().insert(0, etree.Element(f"{XSD}import", namespace=namespace, schemaLocation=location.as_uri()))
    return tree


def export(out: Path, *extra: str, edition: Path = EDITION) -> Path:
    args = ["export", "bagit", str(out), "--edition", str(edition), "--bagging-date", "2026-11-24", *extra]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def fake_build(folder: Path) -> Path:
    """A build folder as `edition build --pdf` leaves it: a PDF/A-3b (its XMP says so), two pages, the listing."""
    (folder / "pdf").mkdir(parents=True)
    (folder / "html" / "assets").mkdir(parents=True)
    xmp = b'<x:xmpmeta><rdf:Description pdfaid:part="3" pdfaid:conformance="B"/></x:xmpmeta>'
    (folder / "pdf" / "edition.pdf").write_bytes(b"%PDF-1.7\n" + xmp + b"\n%%EOF\n")
    (folder / "html" / "index.html").write_text("<!doctype html><title>Edition</title>", encoding="utf-8")
    (folder / "html" / "dobrynin-cable.html").write_text("<!doctype html><title>Cable</title>", encoding="utf-8")
    (folder / "html" / "assets" / "edition.css").write_text("body{}", encoding="utf-8")
    (folder / "html" / "stray.html").write_text("not the build's", encoding="utf-8")
    files = ["html/assets/edition.css", "html/dobrynin-cable.html", "html/index.html", "pdf/edition.pdf"]
    (folder / ".edition-build.json").write_text(json.dumps({"files": files}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("mets")
    build = fake_build(base / "build")
    options = ["--base-url", "https://example.org/edition/", "--include-pdf", "--include-site", "--build-dir"]
    return export(base / "bag", *options, str(build))


@pytest.fixture(scope="module")
def mets(bag: Path) -> etree._Element:
    return etree.parse(str(bag / "data" / "mets.xml")).getroot()


def test_mets_is_valid_against_the_mets_schema_metsrw_ships(mets):
    checker = schema()
    assert checker.validate(mets), checker.error_log


def test_every_premis_block_is_valid_against_the_official_premis_3_0_schema(mets):
    premis = etree.XMLSchema(etree.parse(str(PREMIS_XSD)))
    blocks = [
        child
        for data in mets.iterfind(".//mets:xmlData", NS)
        for child in data
        if child.tag.startswith("{" + NS["premis"])
    ]
    assert {etree.QName(b).localname for b in blocks} >= {"object", "event", "agent"}
    for block in blocks:
        assert premis.validate(block), (etree.QName(block).localname, premis.error_log)


def test_the_premis_3_0_schema_refuses_a_premis_object_without_its_characteristics(mets):
    # the lax METS wrapper checks the wrapped PREMIS: an object without the required objectCharacteristics fails
    broken = copy.deepcopy(mets)
    characteristics = broken.find(".//premis:object/premis:objectCharacteristics", NS)
    characteristics.getparent().remove(characteristics)
    checker = schema()
    assert not checker.validate(broken)
    assert "Expected is one of" in str(checker.error_log) and "premis/v3}objectCharacteristics" in str(
        checker.error_log
    )


def test_every_payload_file_but_the_mets_itself_is_in_the_mets_with_its_sha256(bag, mets):
    payload = {p.relative_to(bag / "data").as_posix() for p in (bag / "data").rglob("*") if p.is_file()}
    listed = {}
    for file in mets.iterfind(".//mets:fileSec//mets:file", NS):
        href = file.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href")
        assert file.get("CHECKSUMTYPE") == "SHA-256"
        listed[href] = (file.get("CHECKSUM"), int(file.get("SIZE")))
    assert set(listed) == payload - {"mets.xml"}
    for name, (checksum, size) in listed.items():
        data = (bag / "data" / name).read_bytes()
        assert (checksum, size) == (hashlib.sha256(data).hexdigest(), len(data)), name
    manifest = dict(line.split(maxsplit=1)[::-1] for line in (bag / "manifest-sha256.txt").read_text().splitlines())
    assert all(manifest[f"data/{name}"] == checksum for name, (checksum, _) in listed.items())


def test_the_built_outputs_are_bagged_as_the_build_listed_them(bag, mets):
    assert (bag / "data" / "pdf" / "edition.pdf").is_file()
    assert sorted(p.name for p in (bag / "data" / "site").rglob("*") if p.is_file()) == [
        "dobrynin-cable.html",
        "edition.css",
        "index.html",
    ]  # not stray.html, which the build did not write
    groups = [g.get("USE") for g in mets.iterfind(".//mets:fileGrp", NS)]
    assert groups == ["TEI documents", "schemas", "metadata", "print edition (PDF/A)", "website"]
    bagit.Bag(str(bag)).validate()


def test_each_tei_document_has_a_dmdsec_with_its_dublin_core(bag, mets):
    for name in ("dobrynin-cable", "edition", "persons"):
        dc = mets.find(f"mets:dmdSec[@ID='dmd-{name}']/mets:mdWrap[@MDTYPE='DC']/mets:xmlData/oai_dc:dc", NS)
        assert dc is not None, name
        identifiers = [e.text for e in dc.iterfind("dc:identifier", NS)]
        assert f"https://example.org/edition/tei/{name}.xml" in identifiers
        file = mets.find(f".//mets:file[@ID='file-tei-{name}.xml']", NS)
        assert file.get("DMDID") == f"dmd-{name}"


def test_struct_map_follows_the_drivers_reading_order(mets):
    top = mets.find("mets:structMap/mets:div[@TYPE='edition']", NS)
    assert top.get("DMDID") == "dmd-edition"
    texts = top.find("mets:div[@TYPE='text']", NS)
    assert [d.get("DMDID") for d in texts] == ["dmd-rfk-thirteen-days", "dmd-dobrynin-cable"]  # as edition.xml includes
    assert [d.get("ORDER") for d in texts] == ["1", "2"]
    cable = [f.get("FILEID") for f in texts[1].iterfind("mets:fptr", NS)]
    assert cable == ["file-tei-dobrynin-cable.xml", "file-dc-dobrynin-cable.xml", "file-site-dobrynin-cable.html"]
    pointed = {f.get("FILEID") for f in mets.iterfind("mets:structMap//mets:fptr", NS)}
    assert pointed == {f.get("ID") for f in mets.iterfind(".//mets:fileSec//mets:file", NS)}


def test_each_file_has_a_premis_object_with_fixity_size_and_format(bag, mets):
    for file in mets.iterfind(".//mets:fileSec//mets:file", NS):
        tech = mets.find(f".//mets:techMD[@ID='{file.get('ADMID')}']", NS)
        wrap = tech.find("mets:mdWrap", NS)
        assert (wrap.get("MDTYPE"), wrap.get("MDTYPEVERSION")) == ("PREMIS:OBJECT", "3.0")
        obj = wrap.find("mets:xmlData/premis:object", NS)
        assert obj.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "premis:file"
        href = file.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href")
        assert obj.findtext("premis:objectIdentifier/premis:objectIdentifierValue", namespaces=NS) == f"data/{href}"
        chars = obj.find("premis:objectCharacteristics", NS)
        assert chars.findtext("premis:compositionLevel", namespaces=NS) == "0"
        assert chars.findtext("premis:fixity/premis:messageDigestAlgorithm", namespaces=NS) == "SHA-256"
        assert chars.findtext("premis:fixity/premis:messageDigest", namespaces=NS) == file.get("CHECKSUM")
        assert chars.findtext("premis:size", namespaces=NS) == file.get("SIZE")
        assert chars.findtext("premis:format/premis:formatDesignation/premis:formatName", namespaces=NS)
    pdf = mets.find(".//premis:object[premis:originalName='pdf/edition.pdf']", NS)
    assert pdf.findtext(".//premis:formatName", namespaces=NS) == "PDF/A-3b"
    tei = mets.find(".//premis:object[premis:originalName='tei/persons.xml']", NS)
    assert tei.findtext(".//premis:formatName", namespaces=NS) == "TEI P5 XML"


def test_premis_events_record_what_the_toolkit_did_with_outcome_and_agent(mets):
    events = {e.findtext("premis:eventType", namespaces=NS): e for e in mets.iterfind(".//premis:event", NS)}
    assert list(events) == ["validation", "metadata extraction", "creation", "message digest calculation", "packing"]
    validation = events["validation"]
    assert validation.findtext(".//premis:eventOutcome", namespaces=NS) == "pass"
    assert "tei-edition-toolkit 0.1.0" in validation.findtext(".//premis:eventDetail", namespaces=NS)
    assert validation.findtext("premis:eventDateTime", namespaces=NS) == "2026-11-24"
    assert events["creation"].findtext("premis:eventDateTime", namespaces=NS) == "../2026-11-24"  # on or before
    agents = {
        a.findtext(".//premis:agentIdentifierValue", namespaces=NS): a for a in mets.iterfind(".//premis:agent", NS)
    }
    assert agents["tei-edition-toolkit"].findtext("premis:agentVersion", namespaces=NS) == "0.1.0"
    assert agents["tei-edition-toolkit"].findtext("premis:agentType", namespaces=NS) == "software"
    for event in events.values():
        linked = event.findtext(".//premis:linkingAgentIdentifierValue", namespaces=NS)
        assert linked in agents
        assert event.find("premis:linkingObjectIdentifier", NS) is not None
    objects = {v.text for v in validation.iterfind(".//premis:linkingObjectIdentifierValue", NS)}
    assert objects == {
        f"data/tei/{n}.xml" for n in ("dobrynin-cable", "edition", "persons", "rfk-thirteen-days", "witnesses")
    }


def test_an_edition_exported_despite_errors_records_a_failed_validation(tmp_path):
    out = export(tmp_path / "bag", "--force", edition=FIXTURES / "archive" / "invalid")
    mets = etree.parse(str(out / "data" / "mets.xml")).getroot()
    validation = mets.find(".//premis:event[premis:eventType='validation']", NS)
    assert validation.findtext(".//premis:eventOutcome", namespaces=NS) == "fail"
    assert "exported despite the errors (--force)" in validation.findtext(
        ".//premis:eventOutcomeDetailNote", namespaces=NS
    )


def test_the_mets_of_the_real_edition_is_valid(tmp_path, edition_dir):
    out = export(tmp_path / "bag", edition=edition_dir)
    checker = schema()
    assert checker.validate(etree.parse(str(out / "data" / "mets.xml"))), checker.error_log
