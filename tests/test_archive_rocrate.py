"""``data/ro-crate-metadata.json``: RO-Crate 1.2, loaded back with ``rocrate``, describing every payload file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rocrate.rocrate import ROCrate

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
