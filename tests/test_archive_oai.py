"""The OAI-PMH Static Repository: its conformance rules, its records valid against OAI-PMH.xsd, oai_dc and METS, and
a harvest with ``sickle`` through a small Static Repository Gateway served on 127.0.0.1.

The static-repository.xsd is not available offline: its rules (2004 specification, section 3 and appendix A1) are
checked by :func:`check_static_repository`; what a gateway answers is validated against the OAI's OAI-PMH.xsd.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from click.testing import CliRunner
from lxml import etree
from sickle import Sickle
from sickle.oaiexceptions import CannotDisseminateFormat, IdDoesNotExist

from tests.test_archive_mets import EDITION, NS, SCHEMAS, XSD, mets_schema_tree, schema
from toolkit.archive.metadata import from_driver
from toolkit.archive.oai import OAI_NS, STATIC_NS, MissingMetadata, static_repository
from toolkit.archive.package import driver_of
from toolkit.cli import main
from toolkit.corpus import load

OAI, S = f"{{{OAI_NS}}}", f"{{{STATIC_NS}}}"
BASE = "https://example.org/edition/"


def repository_of(folder: Path = EDITION, **options: str) -> bytes:
    documents = load([folder]).documents
    metadata = from_driver(driver_of(documents)).with_options({"contact-email": "archive@example.org", **options})
    return static_repository(documents, BASE, metadata)


@pytest.fixture(scope="module")
def repository() -> etree._Element:
    return etree.fromstring(repository_of())


def check_static_repository(root: etree._Element) -> None:
    """The Static Repository rules: its parts in order, Identify's restrictions, records with header and metadata."""
    assert root.tag == S + "Repository"
    parts = [child.tag for child in root]
    assert parts[:2] == [S + "Identify", S + "ListMetadataFormats"] and set(parts[2:]) == {S + "ListRecords"}
    identify = [child.tag.removeprefix(OAI) for child in root[0]]
    emails = identify.count("adminEmail")
    assert emails >= 1
    assert identify[: 3 + emails + 3] == ["repositoryName", "baseURL", "protocolVersion"] + ["adminEmail"] * emails + [
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
    ]
    assert set(identify[3 + emails + 3 :]) <= {"description"}  # no compression in a static repository
    assert root[0].findtext(f"{OAI}protocolVersion") == "2.0"
    assert root[0].findtext(f"{OAI}deletedRecord") == "no"
    assert root[0].findtext(f"{OAI}granularity") == "YYYY-MM-DD"
    formats = {f.findtext(f"{OAI}metadataPrefix"): f.findtext(f"{OAI}metadataNamespace") for f in root[1]}
    prefixes = [listing.get("metadataPrefix") for listing in root[2:]]
    assert sorted(prefixes) == sorted(formats) and len(set(prefixes)) == len(prefixes)
    for listing in root[2:]:
        identifiers = []
        for item in listing:
            header, metadata = list(item)
            assert (header.tag, metadata.tag) == (OAI + "header", OAI + "metadata")
            assert header.get("status") is None and header.find(f"{OAI}setSpec") is None
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", header.findtext(f"{OAI}datestamp"))
            assert etree.QName(metadata[0]).namespace == formats[listing.get("metadataPrefix")]
            identifiers.append(header.findtext(f"{OAI}identifier"))
        assert len(set(identifiers)) == len(identifiers)
    assert listing.find(f"{OAI}resumptionToken") is None


def respond(repository: etree._Element, query: dict[str, str], url: str) -> bytes:
    """What a Static Repository Gateway answers to one OAI-PMH request, from the static repository."""
    response = etree.Element(OAI + "OAI-PMH", nsmap={None: OAI_NS})
    etree.SubElement(response, OAI + "responseDate").text = "2026-11-24T00:00:00Z"
    request = etree.SubElement(response, OAI + "request", {k: v for k, v in query.items()})
    request.text = url
    verb, prefix = query.get("verb"), query.get("metadataPrefix")
    listing = repository.find(f"{S}ListRecords[@metadataPrefix='{prefix}']")

    def error(code: str) -> bytes:
        for name in list(request.attrib):
            del request.attrib[name]
        etree.SubElement(response, OAI + "error", code=code).text = code
        return etree.tostring(response, xml_declaration=True, encoding="UTF-8")

    if verb == "Identify":
        body = etree.SubElement(response, OAI + "Identify")
        for child in repository.find(f"{S}Identify"):
            body.append(copy.deepcopy(child))
        body.find(f"{OAI}baseURL").text = url
    elif verb == "ListMetadataFormats":
        body = etree.SubElement(response, OAI + "ListMetadataFormats")
        body.extend(copy.deepcopy(f) for f in repository.find(f"{S}ListMetadataFormats"))
    elif verb in ("ListRecords", "ListIdentifiers", "GetRecord"):
        if listing is None:
            return error("cannotDisseminateFormat" if prefix else "badArgument")
        records = list(listing)
        if verb == "GetRecord":
            records = [r for r in records if r.findtext(f"{OAI}header/{OAI}identifier") == query.get("identifier")]
            if not records:
                return error("idDoesNotExist")
        body = etree.SubElement(response, OAI + verb)
        for item in records:
            body.append(copy.deepcopy(item[0] if verb == "ListIdentifiers" else item))
    else:
        return error("badVerb")
    return etree.tostring(response, xml_declaration=True, encoding="UTF-8")


@pytest.fixture(scope="module")
def oai_schema(tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    """OAI-PMH.xsd with oai_dc and METS (its metadata is validated strictly), all offline."""
    folder = tmp_path_factory.mktemp("schemas")
    mets_schema_tree().write(str(folder / "mets.xsd"))  # with the official PREMIS 3.0 and LoC XLink schemas
    oai = etree.parse(str(SCHEMAS / "OAI-PMH.xsd"))
    for namespace, location in ((NS["oai_dc"], SCHEMAS / "oai_dc.xsd"), (NS["mets"], folder / "mets.xsd")):
        oai.getroot().insert(0, etree.Element(f"{XSD}import", namespace=namespace, schemaLocation=location.as_uri()))
    return etree.XMLSchema(oai)


@pytest.fixture(scope="module")
def gateway(repository: etree._Element, oai_schema: etree.XMLSchema) -> Iterator[tuple[str, list[etree._Element]]]:
    """A gateway for the repository on a free loopback port; yields its base URL and every response it sent."""
    sent: list[etree._Element] = []

    class Gateway(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = f"http://127.0.0.1:{self.server.server_port}/oai/example.org/edition/oai.xml"
            body = respond(repository, dict(parse_qsl(urlsplit(self.path).query)), url)
            sent.append(etree.fromstring(body))
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/oai/example.org/edition/oai.xml", sent
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_the_static_repository_follows_the_specification(repository):
    check_static_repository(repository)


def test_every_document_has_an_oai_dc_and_a_mets_record(repository):
    for prefix in ("oai_dc", "mets"):
        identifiers = [
            h.text for h in repository.iterfind(f"{S}ListRecords[@metadataPrefix='{prefix}']//{OAI}identifier")
        ]
        assert identifiers == [
            "oai:example.org:edition",
            "oai:example.org:edition/rfk-thirteen-days",
            "oai:example.org:edition/dobrynin-cable",
            "oai:example.org:edition/persons",
            "oai:example.org:edition/witnesses",
        ]  # the driver, its texts in reading order, the authority files


def test_identify_names_the_edition_its_contact_and_its_identifier_scheme(repository):
    identify = repository.find(f"{S}Identify")
    assert identify.findtext(f"{OAI}repositoryName") == "Anatomy of a Controversy: a fixture edition"
    assert identify.findtext(f"{OAI}adminEmail") == "archive@example.org"
    assert identify.findtext(f"{OAI}baseURL") == BASE + "oai.xml"
    assert identify.findtext(f"{OAI}earliestDatestamp") == "2026-11-24"
    scheme = identify.find(f"{OAI}description/{{http://www.openarchives.org/OAI/2.0/oai-identifier}}oai-identifier")
    assert scheme.findtext("{*}repositoryIdentifier") == "example.org"


def test_a_gateway_url_is_put_before_the_repository_url():
    documents = load([EDITION]).documents
    metadata = from_driver(driver_of(documents)).with_options({"contact-email": "archive@example.org"})
    root = etree.fromstring(static_repository(documents, BASE, metadata, gateway="http://gateway.example.net/oai/"))
    assert root.findtext(f"{S}Identify/{OAI}baseURL") == "http://gateway.example.net/oai/example.org/edition/oai.xml"


def test_records_carry_the_documents_uris_and_checksums(repository):
    dc = repository.find(f"{S}ListRecords[@metadataPrefix='oai_dc']/{OAI}record[2]/{OAI}metadata/oai_dc:dc", NS)
    assert "https://example.org/edition/tei/rfk-thirteen-days.xml" in [e.text for e in dc.iterfind("dc:identifier", NS)]
    assert dc.findtext("dc:relation", namespaces=NS) == "https://example.org/edition/anatomy"
    mets = repository.find(f"{S}ListRecords[@metadataPrefix='mets']/{OAI}record[2]/{OAI}metadata/mets:mets", NS)
    file = mets.find(".//mets:file", NS)
    assert file.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href") == BASE + "tei/rfk-thirteen-days.xml"
    assert file.get("CHECKSUM") == hashlib.sha256((EDITION / "rfk-thirteen-days.xml").read_bytes()).hexdigest()
    checker = schema()
    assert checker.validate(etree.ElementTree(copy.deepcopy(mets))), checker.error_log


def test_a_harvester_takes_every_record_through_a_gateway(gateway, oai_schema):
    url, sent = gateway
    sickle = Sickle(url, max_retries=1, timeout=10)
    assert sickle.Identify().repositoryName == "Anatomy of a Controversy: a fixture edition"
    assert {f.metadataPrefix for f in sickle.ListMetadataFormats()} == {"oai_dc", "mets"}
    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    assert len(records) == 5
    cable = next(r for r in records if r.header.identifier.endswith("/dobrynin-cable"))
    assert cable.metadata["title"][0].startswith("Dobrynin")
    assert cable.metadata["language"] == ["en"]
    assert len(list(sickle.ListIdentifiers(metadataPrefix="mets"))) == 5
    record = sickle.GetRecord(identifier=cable.header.identifier, metadataPrefix="mets")
    assert record.xml.find(f".//{{{NS['mets']}}}mets") is not None
    with pytest.raises(CannotDisseminateFormat):
        list(sickle.ListRecords(metadataPrefix="marc21"))
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(identifier="oai:example.org:nothing", metadataPrefix="oai_dc")
    assert len(sent) >= 7
    for response in sent:
        assert oai_schema.validate(response), oai_schema.error_log


def test_the_repository_is_the_same_for_the_same_edition():
    assert repository_of() == repository_of()


def test_an_edition_without_a_contact_email_is_refused_naming_the_key():
    documents = load([EDITION]).documents
    with pytest.raises(MissingMetadata, match="contact-email"):
        static_repository(documents, BASE, from_driver(driver_of(documents)))


def test_a_relative_base_url_is_refused():
    documents = load([EDITION]).documents
    metadata = from_driver(driver_of(documents)).with_options({"contact-email": "a@example.org"})
    with pytest.raises(MissingMetadata, match="absolute URL"):
        static_repository(documents, "edition/", metadata)


def test_the_real_edition_makes_a_valid_repository(edition_dir):
    root = etree.fromstring(repository_of(edition_dir))
    check_static_repository(root)
    assert len(root.find(f"{S}ListRecords")) == len(list(edition_dir.glob("*.xml")))


def test_the_build_publishes_the_repository_with_the_project_s_contact_email(tmp_path: Path) -> None:
    # the driver names no e-mail; edition.toml's [bag] contact-email is the repository's adminEmail
    project = Path(__file__).resolve().parents[1]
    out = tmp_path / "out"
    with contextlib.chdir(project):
        args = ["--set", "bag.contact-email=editors@example.org", "build", "--out", str(out), "--base-url", BASE]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        root = etree.parse(str(out / "html" / "oai.xml")).getroot()
        check_static_repository(root)
        assert root.findtext(f".//{{{OAI_NS}}}adminEmail") == "editors@example.org"
        without = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "plain"), "--base-url", BASE])
        assert without.exit_code == 0 and "bag.contact-email" in without.output
        assert not (tmp_path / "plain" / "html" / "oai.xml").exists()
