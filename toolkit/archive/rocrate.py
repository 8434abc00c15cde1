"""The bag's RO-Crate 1.2 metadata (``data/ro-crate-metadata.json``), made with the ``rocrate`` library.

The payload folder ``data/`` is the RO-Crate root (RO-Crate's "adding RO-Crate to BagIt"): the edition is the root
dataset, every payload file a ``File`` with its encoding format, size, SHA-256 and the document it is ``about``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from toolkit.archive.package import Agent, DocumentEntry, Package

__all__ = ["RO_CRATE_VERSION", "TOOLKIT_ID", "crate_metadata"]

RO_CRATE_VERSION = "1.2"
TOOLKIT_ID = "#tei-edition-toolkit"


def crate_metadata(package: Package, *, later: Sequence[tuple[str, str, str]] = ()) -> bytes:
    """The RO-Crate metadata of ``package``'s payload, plus the files ``later`` written after it (``(name, media type,
    description)``, as ``mets.xml``, whose checksum would otherwise have to include this file's)."""
    from rocrate.model.contextentity import ContextEntity
    from rocrate.model.person import Person
    from rocrate.rocrate import ROCrate

    crate = ROCrate(version=RO_CRATE_VERSION)
    meta = package.metadata
    crate.name = meta.title or meta.identifier
    crate.datePublished = package.created.isoformat()
    root = crate.root_dataset
    root["description"] = f"The TEI P5 edition {meta.title!r}" + (f", version {meta.version}" if meta.version else "")
    identifiers = [value for value in (meta.uri, meta.identifier) if value]
    if identifiers:
        root["identifier"] = identifiers if len(identifiers) > 1 else identifiers[0]
    if meta.version:
        root["version"] = meta.version
    if meta.language:
        root["inLanguage"] = meta.language
    if meta.licence:
        crate.add(
            ContextEntity(crate, meta.licence, {"@type": "CreativeWork", "name": meta.licence_text or meta.licence})
        )
        root["license"] = {"@id": meta.licence}
    elif meta.licence_text:
        root["license"] = meta.licence_text
    if meta.source_organization:
        crate.add(ContextEntity(crate, "#publisher", {"@type": "Organization", "name": meta.source_organization}))
        root["publisher"] = {"@id": "#publisher"}
    people: dict[str, Agent] = {}
    for entry in package.documents:
        for agent in (*entry.authors, *entry.editors):
            people.setdefault(agent.id, agent)
    for agent in people.values():
        properties = {"name": agent.name}
        if agent.kind == "Person":
            crate.add(Person(crate, agent.id, properties))
        else:
            crate.add(ContextEntity(crate, agent.id, {"@type": "Organization", **properties}))
    driver = next((e for e in package.documents if e.role == "driver"), None)
    if driver is not None and driver.editors:
        root["editor"] = _refs(driver.editors)
    authors = [a for e in package.documents if e.role == "text" for a in e.authors]
    if authors:
        root["author"] = _refs(list({a.id: a for a in authors}.values()))
    for entry in package.documents:
        crate.add(ContextEntity(crate, _work(entry), _work_properties(entry)))
    for file in package.files:
        properties: dict[str, object] = {
            "name": file.name,
            "encodingFormat": file.format.media_type,
            "contentSize": str(file.size),
            "sha256": file.sha256,
        }
        if file.format.name:
            properties["description"] = file.format.name + (f" {file.format.version}" if file.format.version else "")
        if file.about:
            properties["about"] = {"@id": "#" + file.about}
        crate.add_file(dest_path=file.name, properties=properties)
    for name, media_type, description in later:
        crate.add_file(
            dest_path=name, properties={"name": name, "encodingFormat": media_type, "description": description}
        )
    crate.add(
        ContextEntity(
            crate,
            TOOLKIT_ID,
            {"@type": "SoftwareApplication", "name": "tei-edition-toolkit", "version": package.toolkit_version},
        ),
        ContextEntity(
            crate,
            "#export",
            {
                "@type": "CreateAction",
                "name": "edition export bagit",
                "instrument": {"@id": TOOLKIT_ID},
                "result": {"@id": "./"},
                "endTime": package.created.isoformat(),
            },
        ),
    )
    text = json.dumps(crate.metadata.generate(), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _work(entry: DocumentEntry) -> str:
    return "#" + entry.id


def _work_properties(entry: DocumentEntry) -> dict[str, object]:
    """The account (or authority file) a TEI document encodes, as a CreativeWork the files are ``about``."""
    properties: dict[str, object] = {"@type": "CreativeWork", "name": entry.title}
    if entry.authors:
        properties["author"] = _refs(entry.authors)
    if entry.editors:
        properties["editor"] = _refs(entry.editors)
    for key, field in (("dateCreated", "date"), ("inLanguage", "language"), ("description", "source")):
        if entry.record.first(field):
            properties[key] = entry.record.first(field)
    return properties


def _refs(agents: Sequence[Agent]) -> list[dict[str, str]] | dict[str, str]:
    refs = [{"@id": agent.id} for agent in agents]
    return refs[0] if len(refs) == 1 else refs
