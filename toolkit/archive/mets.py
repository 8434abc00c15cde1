"""The METS document of a bag (``data/mets.xml``): Dublin Core per document, PREMIS per file and per event, every
payload file with its SHA-256, and a structural map in the edition's reading order.

Written with lxml rather than ``metsrw``: metsrw numbers its sections with process-wide counters and stamps
``CREATEDATE``/``LASTMODDATE`` with the current time, so two exports would differ; its structMap follows folders,
not a reading order. Its ``mets.xsd`` is what the tests validate against.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from toolkit.archive import premis
from toolkit.archive.dc import OAI_DC_NS
from toolkit.archive.package import DocumentEntry, Package, PayloadFile

__all__ = ["METS_NS", "XLINK_NS", "document_mets", "package_mets"]

METS_NS = "http://www.loc.gov/METS/"
XLINK_NS = "http://www.w3.org/1999/xlink"
_M = f"{{{METS_NS}}}"
_SCHEMA_LOCATION = " ".join(
    [
        METS_NS,
        "https://www.loc.gov/standards/mets/mets.xsd",
        premis.PREMIS_NS,
        premis.PREMIS_SCHEMA,
        OAI_DC_NS,
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    ]
)
_NSMAP = {"mets": METS_NS, "xlink": XLINK_NS, "premis": premis.PREMIS_NS, "xsi": premis.XSI_NS}
#: fileGrp USE and structMap label of each group of payload files, in the order the METS lists them.
GROUPS = {
    "tei": "TEI documents",
    "schema": "schemas",
    "metadata": "metadata",
    "pdf": "print edition (PDF/A)",
    "site": "website",
}


def _add(parent: etree._Element, name: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, _M + name, {k: v for k, v in attributes.items() if v})


def xml_id(prefix: str, name: str) -> str:
    """An XML ID (an NCName) for a path or identifier: ``file-tei-persons.xml``."""
    return f"{prefix}-" + re.sub(r"[^A-Za-z0-9._-]", "-", name)


def package_mets(package: Package) -> bytes:
    """The METS document describing every payload file of ``package`` (but itself, whose checksum it cannot hold)."""
    meta = package.metadata
    root = _root(meta.uri or meta.identifier, meta.title)
    _header(root, package)
    for entry in package.documents:
        _dmd(root, xml_id("dmd", entry.id), entry)
    tools = [
        premis.Agent("tei-edition-toolkit", "tei-edition-toolkit", package.toolkit_version, "edition validate, export"),
        premis.Agent("bagit-python", "bagit-python (Library of Congress)", _version("bagit")),
    ]
    for file in package.files:
        amd = _add(root, "amdSec", ID=xml_id("amd", file.name))
        _wrap(
            _add(amd, "techMD", ID=xml_id("tech", file.name)), "PREMIS:OBJECT", premis.file_object(file, package.events)
        )
    provenance = _add(root, "amdSec", ID="amd-provenance")
    when = package.created.isoformat()
    for happened in package.events:
        agents = [(tools[0], "executing program")]
        if happened.kind == "packing":
            agents.append((tools[1], "executing program"))
        event = premis.event(happened, happened.when or when, agents)
        _wrap(_add(provenance, "digiprovMD", ID=xml_id("event", happened.id)), "PREMIS:EVENT", event)
    for tool in tools:
        _wrap(_add(provenance, "digiprovMD", ID=xml_id("agent", tool.identifier)), "PREMIS:AGENT", premis.agent(tool))
    _file_section(root, package)
    _struct_map(root, package)
    return _serialise(root)


def document_mets(entry: DocumentEntry, file: PayloadFile, location: str, package: Package) -> etree._Element:
    """A METS record of one TEI document (for OAI-PMH): its Dublin Core, its file at ``location`` with fixity."""
    root = _root(location, entry.title)
    _header(root, package)
    _dmd(root, xml_id("dmd", entry.id), entry)
    amd = _add(root, "amdSec", ID=xml_id("amd", file.name))
    _wrap(_add(amd, "techMD", ID=xml_id("tech", file.name)), "PREMIS:OBJECT", premis.file_object(file, []))
    group = _add(_add(root, "fileSec"), "fileGrp", USE=GROUPS["tei"])
    _file(group, file, location, xml_id("dmd", entry.id))
    div = _add(_add(root, "structMap", TYPE="logical"), "div", TYPE=entry.role, LABEL=entry.title)
    div.set("DMDID", xml_id("dmd", entry.id))
    _add(div, "fptr", FILEID=xml_id("file", file.name))
    return root


def _root(objid: str, label: str) -> etree._Element:
    root = etree.Element(_M + "mets", nsmap=_NSMAP)
    root.set(f"{{{premis.XSI_NS}}}schemaLocation", _SCHEMA_LOCATION)
    for name, value in (("OBJID", objid), ("LABEL", label), ("TYPE", "TEI edition")):
        if value:
            root.set(name, value)
    return root


def _header(root: etree._Element, package: Package) -> None:
    header = _add(root, "metsHdr", CREATEDATE=f"{package.created.isoformat()}T00:00:00Z", RECORDSTATUS="complete")
    creator = _add(header, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    etree.SubElement(creator, _M + "name").text = f"tei-edition-toolkit {package.toolkit_version}"
    if package.metadata.source_organization:
        owner = _add(header, "agent", ROLE="DISSEMINATOR", TYPE="ORGANIZATION")
        etree.SubElement(owner, _M + "name").text = package.metadata.source_organization
    for kind, value in (("URI", package.metadata.uri), ("edition identifier", package.metadata.identifier)):
        if value:
            etree.SubElement(header, _M + "altRecordID", TYPE=kind).text = value


def _dmd(root: etree._Element, identifier: str, entry: DocumentEntry) -> None:
    dc = etree.fromstring(entry.record.xml.encode("utf-8"))
    _wrap(_add(root, "dmdSec", ID=identifier), "DC", dc, label=f"{entry.name}: {entry.title}")


def _wrap(section: etree._Element, kind: str, content: etree._Element, *, label: str = "") -> None:
    wrap = _add(section, "mdWrap", MDTYPE="DC" if kind == "DC" else "PREMIS:" + kind.split(":")[1], LABEL=label)
    if kind.startswith("PREMIS"):
        wrap.set("MDTYPEVERSION", "3.0")
    etree.SubElement(wrap, _M + "xmlData").append(content)


def _file_section(root: etree._Element, package: Package) -> None:
    section = _add(root, "fileSec")
    dmd = {entry.name: xml_id("dmd", entry.id) for entry in package.documents}
    for group, label in GROUPS.items():
        files = [f for f in package.files if f.group == group]
        if files:
            element = _add(section, "fileGrp", USE=label, ID=xml_id("group", group))
            for file in files:
                _file(element, file, file.name, dmd.get(file.name, ""), f"{xml_id('tech', file.name)}")


def _file(group: etree._Element, file: PayloadFile, href: str, dmdid: str = "", admid: str = "") -> None:
    element = _add(
        group,
        "file",
        ID=xml_id("file", file.name),
        MIMETYPE=file.format.media_type,
        SIZE=str(file.size),
        CHECKSUM=file.sha256,
        CHECKSUMTYPE="SHA-256",
        DMDID=dmdid,
        ADMID=admid or xml_id("tech", file.name),
    )
    _add(element, "FLocat", LOCTYPE="URL").set(f"{{{XLINK_NS}}}href", href)


def _struct_map(root: etree._Element, package: Package) -> None:
    """The edition as it reads: the driver, its texts in order, the authority files, then the other files."""
    struct = _add(root, "structMap", TYPE="logical", LABEL="the edition in reading order")
    driver = next((e for e in package.documents if e.role == "driver"), None)
    top = _add(struct, "div", TYPE="edition", LABEL=package.metadata.title)
    related: dict[str, list[str]] = {}
    for file in package.files:
        if file.about and file.group != "tei":
            related.setdefault(file.about, []).append(file.name)
    if driver is not None:
        top.set("DMDID", xml_id("dmd", driver.id))
        _pointers(top, [driver.name, *related.get(driver.id, [])])
    for role, label in (("text", "texts"), ("authority", "authority files")):
        entries = [e for e in package.documents if e.role == role]
        if entries:
            part = _add(top, "div", TYPE=role, LABEL=label)
            for order, entry in enumerate(entries, start=1):
                div = _add(
                    part, "div", TYPE="document", LABEL=entry.title, ORDER=str(order), DMDID=xml_id("dmd", entry.id)
                )
                _pointers(div, [entry.name, *related.get(entry.id, [])])
    placed = {f.name for f in package.files if f.group == "tei" or f.about}
    for group, label in GROUPS.items():
        rest = [f.name for f in package.files if f.group == group and f.name not in placed]
        if rest:
            _pointers(_add(top, "div", TYPE=group, LABEL=label), rest)


def _pointers(div: etree._Element, names: Iterable[str]) -> None:
    for name in names:
        _add(div, "fptr", FILEID=xml_id("file", name))


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
