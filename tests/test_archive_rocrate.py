"""``data/ro-crate-metadata.json``: RO-Crate 1.2, loaded back with ``rocrate``, describing every payload file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from pyld import jsonld
from rocrate.rocrate import ROCrate

from tests.conftest import ROOT
from tests.test_archive_mets import EDITION, export, fake_build


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("crate")
    options = ["--base-url", "https://example.org/edition/", "--include-pdf", "--include-site"]
    return export(base / "bag", *options, "--build-dir", str(fake_build(base / "build")))


@pytest.fixture(scope="module")
def crate(bag: Path) -> ROCrate:
    return ROCrate(str(bag / "data"))


def test_the_crate_loads_back_as_ro_crate_1_2(crate):
    assert crate.version == "1.2"
    assert crate.metadata["conformsTo"] == "https://w3id.org/ro/crate/1.2"


def test_every_payload_file_is_described_as_a_file(bag, crate):
    payload = {p.relative_to(bag / "data").as_posix() for p in (bag / "data").rglob("*") if p.is_file()}
    described = {entity.id for entity in crate.data_entities if "File" in entity.type}
    assert described == payload - {"ro-crate-metadata.json"}  # the metadata file is the crate's descriptor
    assert crate.dereference("ro-crate-metadata.json") is crate.metadata
    assert {e.id for e in crate.root_dataset["hasPart"]} == described


def test_each_file_has_its_encoding_format_size_and_checksum(bag, crate):
    for entity in crate.data_entities:
        data = (bag / "data" / entity.id).read_bytes()
        assert entity["encodingFormat"], entity.id
        if entity.id != "mets.xml":  # written after the crate: its checksum is in the manifests and nowhere else
            assert entity["sha256"] == hashlib.sha256(data).hexdigest(), entity.id
            assert entity["contentSize"] == str(len(data))
    assert crate.dereference("tei/dobrynin-cable.xml")["encodingFormat"] == "application/tei+xml"
    assert crate.dereference("pdf/edition.pdf")["description"] == "PDF/A-3b"


def test_a_tei_file_is_about_its_account_and_the_account_has_its_author(crate):
    cable = crate.dereference("tei/dobrynin-cable.xml")
    account = cable["about"]
    assert account.id == "#dobrynin-cable"
    assert account.type == "CreativeWork"
    assert crate.dereference("dc/dobrynin-cable.xml")["about"] is account
    assert crate.dereference("site/dobrynin-cable.html")["about"] is account
    author = account["author"]
    assert (author.type, author["name"]) == ("Person", "Anatoly F. Dobrynin")


def test_the_root_dataset_is_the_edition_with_licence_publisher_and_identifier(crate):
    root = crate.root_dataset
    assert root["name"] == "Anatomy of a Controversy: a fixture edition"
    assert root["license"].id == "https://creativecommons.org/licenses/by/4.0/"
    assert root["publisher"]["name"] == "The edition team"
    assert root["identifier"] == ["https://example.org/edition/anatomy", "edition"]
    assert root["datePublished"] == "2026-11-24"


def test_the_toolkit_is_the_software_that_created_the_crate(crate):
    tool = crate.dereference("#tei-edition-toolkit")
    assert (tool.type, tool["version"]) == ("SoftwareApplication", "0.1.0")
    action = crate.dereference("#export")
    assert action["instrument"] is tool
    assert action["result"] is crate.root_dataset


def test_the_crate_is_plain_json_ld_with_the_1_2_context(bag):
    document = json.loads((bag / "data" / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    assert document["@context"] == "https://w3id.org/ro/crate/1.2/context"
    descriptor = next(e for e in document["@graph"] if e["@id"] == "ro-crate-metadata.json")
    assert descriptor["conformsTo"] == {"@id": "https://w3id.org/ro/crate/1.2"}
    assert descriptor["about"] == {"@id": "./"}
    ids = [entity["@id"] for entity in document["@graph"]]
    assert len(ids) == len(set(ids))


def test_an_edition_exported_twice_has_the_same_crate(tmp_path):
    first, second = export(tmp_path / "one"), export(tmp_path / "two")
    name = "data/ro-crate-metadata.json"
    assert (first / name).read_bytes() == (second / name).read_bytes()
    assert EDITION.is_dir()


#: The official RO-Crate 1.2 context (schemas/ARCHIVAL-SCHEMAS.md: from the npm package ro-crate 3.7.2, CC0).
CONTEXT_1_2 = ROOT / "schemas" / "ro-crate-1.2-context.jsonld"
CONTEXT_URL = "https://w3id.org/ro/crate/1.2/context"
#: The base the crate's relative ids resolve against (an arcp URI, as RO-Crate suggests); a type that the context
#: does not define resolves against it too, as a relative IRI.
BASE = "arcp://name,edition-bag/"


def _expand(document: dict) -> list[dict]:
    """JSON-LD expansion with the 1.2 context served locally; any other remote document is refused."""
    context = json.loads(CONTEXT_1_2.read_text(encoding="utf-8"))

    def loader(url: str, options: dict | None = None) -> dict:
        if url != CONTEXT_URL:
            raise ValueError(f"the test loads no remote document but the RO-Crate 1.2 context, not {url}")
        return {"contextUrl": None, "documentUrl": url, "document": context}

    return jsonld.expand(document, {"documentLoader": loader, "base": BASE})


def _undefined_terms(document: dict) -> list[str]:
    """The properties and types the crate uses that the context does not define (expansion would drop them)."""
    properties, types = set(), set()
    for entity in document["@graph"]:
        properties |= {key for key in entity if not key.startswith("@")}
        kinds = entity.get("@type", [])
        types |= {kinds} if isinstance(kinds, str) else set(kinds)
    undefined = [key for key in sorted(properties) if not _expand({"@context": CONTEXT_URL, key: "x"})]
    for kind in sorted(types):
        (node,) = _expand({"@context": CONTEXT_URL, "@id": "#x", "@type": kind})
        if node["@type"][0].startswith(BASE):
            undefined.append(f"@type {kind}")
    return undefined


def test_every_term_of_the_crate_is_defined_by_the_official_ro_crate_1_2_context(bag):
    document = json.loads((bag / "data" / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    assert document["@context"] == CONTEXT_URL
    assert _undefined_terms(document) == []
    expanded = _expand(document)
    assert len(expanded) == len(document["@graph"])
    types = {t for node in expanded for t in node.get("@type", [])}
    assert {"http://schema.org/Dataset", "http://schema.org/MediaObject", "http://schema.org/Person"} <= types


def test_a_term_the_context_does_not_define_is_caught_by_the_expansion_check(bag):
    document = json.loads((bag / "data" / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    root = next(e for e in document["@graph"] if e["@id"] == "./")
    root["encodingFormt"] = "application/tei+xml"
    root["@type"] = ["Dataset", "EditionCrate"]
    assert _undefined_terms(document) == ["encodingFormt", "@type EditionCrate"]
