"""The edition as an OAI-PMH Static Repository: one XML file (Identify, ListMetadataFormats, ListRecords) with an
``oai_dc`` and a ``mets`` record for every TEI document, which a Static Repository Gateway serves to harvesters.

Written to the OAI's "Specification for an OAI Static Repository and an OAI Static Repository Gateway" (2004):
granularity ``YYYY-MM-DD``, no deleted records, no sets, no resumption tokens, every record with a header and
metadata, and ``baseURL`` the gateway's URL followed by the repository's URL without its ``http://``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from toolkit.archive.dc import OAI_DC_NS, record
from toolkit.archive.metadata import EditionMetadata, normalised_base, toolkit_version
from toolkit.archive.mets import METS_NS, document_mets
from toolkit.archive.package import DocumentEntry, Package, PayloadFile, agents_of, reading_order
from toolkit.corpus import TEI_NS, XML_ID, Document
from toolkit.errors import ToolkitError

__all__ = ["OAI_NS", "STATIC_NS", "MissingMetadata", "check_repository", "static_repository"]

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
STATIC_NS = "http://www.openarchives.org/OAI/2.0/static-repository"
IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_O = f"{{{OAI_NS}}}"
_S = f"{{{STATIC_NS}}}"
#: metadataPrefix -> (schema, namespace)
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC_NS),
    "mets": ("https://www.loc.gov/standards/mets/mets.xsd", METS_NS),
}
#: oai-identifier's repositoryIdentifier: a domain name (oai-identifier.xsd's pattern).
_DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


class MissingMetadata(ToolkitError):
    """The edition lacks what OAI-PMH requires (an administrator's e-mail, an absolute base URL)."""


def check_repository(base_url: str, metadata: EditionMetadata) -> str:
    """What OAI-PMH requires of a repository before anything is made (an absolute URL, an ``adminEmail``):
    :class:`MissingMetadata` names the key when one is missing; the normalised base URL otherwise."""
    base = normalised_base(base_url)
    if urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).netloc:
        raise MissingMetadata(f"an OAI-PMH repository needs the site's absolute URL, got {base_url!r}", "give base-url")
    if not metadata.contact_email:
        raise MissingMetadata(
            "an OAI-PMH repository needs an adminEmail: the edition names no contact e-mail (contact-email)",
            "add an email to the driver's publicationStmt, or set bag.contact-email in the project file",
        )
    return base


def static_repository(
    documents: Sequence[Document],
    base_url: str,
    metadata: EditionMetadata,
    *,
    gateway: str = "",
    location: str = "oai.xml",
) -> bytes:
    """The Static Repository of ``documents`` as published at ``base_url`` + ``location``.

    ``metadata`` gives the repository's name (its title) and ``adminEmail`` (its contact e-mail, which OAI-PMH
    requires: :class:`MissingMetadata` names the key when there is none). ``gateway`` is the URL of the Static
    Repository Gateway that intermediates it; without one, ``baseURL`` is the repository's own URL until one is chosen.
    A document's datestamp is the last date of its ``revisionDesc`` (else its publication date, else the driver's).
    """
    base = check_repository(base_url, metadata)
    meta = metadata if metadata.base_url else metadata.with_options({"base-url": base})
    records = _records(documents, meta)
    root = etree.Element(_S + "Repository", nsmap={None: STATIC_NS, "oai": OAI_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{STATIC_NS} http://www.openarchives.org/OAI/2.0/static-repository.xsd")
    _identify(root, meta, base + location, gateway, records)
    formats = etree.SubElement(root, _S + "ListMetadataFormats")
    for prefix, (schema, namespace) in FORMATS.items():
        entry = etree.SubElement(formats, _O + "metadataFormat")
        for name, value in (("metadataPrefix", prefix), ("schema", schema), ("metadataNamespace", namespace)):
            etree.SubElement(entry, _O + name).text = value
    for prefix in FORMATS:
        listing = etree.SubElement(root, _S + "ListRecords", metadataPrefix=prefix)
        for identifier, datestamp, metadata_of in records:
            item = etree.SubElement(listing, _O + "record")
            header = etree.SubElement(item, _O + "header")
            etree.SubElement(header, _O + "identifier").text = identifier
            etree.SubElement(header, _O + "datestamp").text = datestamp
            etree.SubElement(item, _O + "metadata").append(metadata_of[prefix])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


_Record = tuple[str, str, dict[str, etree._Element]]


def _records(documents: Sequence[Document], meta: EditionMetadata) -> list[_Record]:
    home = _common_folder([doc.path for doc in documents])
    host = urlsplit(meta.base_url).hostname or ""
    part_of = meta.uri or meta.identifier
    made: list[_Record] = []
    ordered = reading_order(documents)
    release = next((_day(doc) for role, doc in ordered if role == "driver"), "")
    for role, doc in ordered:
        name = "tei/" + doc.path.resolve().relative_to(home).as_posix()
        identifier = doc.root.get(XML_ID) or doc.path.stem
        dc = record(
            doc.tree,
            document_path=name,
            part_of="" if role == "driver" else part_of,
            document_uri=meta.document_uri(name),
            edition_rights=" ".join(v for v in (meta.licence_text, meta.licence) if v),
        )
        datestamp = _day(doc) or release
        if not datestamp:
            raise MissingMetadata(
                f"{doc.display_path()}: no date for its OAI-PMH datestamp (revisionDesc/change/@when, "
                "publicationStmt/date/@when, or the driver's)"
            )
        authors, editors = agents_of(doc.root)
        entry = DocumentEntry(identifier, name, role, dc, authors, editors)
        file = PayloadFile.of(name, doc.path.read_bytes(), "tei", identifier)
        package = Package(meta, date.fromisoformat(datestamp), toolkit_version())
        mets = document_mets(entry, file, meta.document_uri(name), package)
        local = f"{meta.identifier}/{identifier}" if meta.identifier and meta.identifier != identifier else identifier
        oai_id = f"oai:{host}:{local}" if _DOMAIN.fullmatch(host) else meta.document_uri(name)
        made.append((oai_id, datestamp, {"oai_dc": etree.fromstring(dc.xml.encode("utf-8")), "mets": mets}))
    return made


def _identify(root: etree._Element, meta: EditionMetadata, url: str, gateway: str, records: list[_Record]) -> None:
    identify = etree.SubElement(root, _S + "Identify")
    without_scheme = url.split("://", 1)[1]
    base = f"{normalised_base(gateway)}{without_scheme}" if gateway else url
    earliest = min((datestamp for _, datestamp, _ in records), default="")
    for name, value in (
        ("repositoryName", meta.title or meta.identifier),
        ("baseURL", base),
        ("protocolVersion", "2.0"),
        ("adminEmail", meta.contact_email),
        ("earliestDatestamp", earliest),
        ("deletedRecord", "no"),
        ("granularity", "YYYY-MM-DD"),
    ):
        etree.SubElement(identify, _O + name).text = value
    host = urlsplit(meta.base_url).hostname or ""
    if _DOMAIN.fullmatch(host) and records:
        description = etree.SubElement(identify, _O + "description")
        scheme = f"{{{IDENTIFIER_NS}}}"
        ident = etree.SubElement(description, scheme + "oai-identifier", nsmap={None: IDENTIFIER_NS})
        ident.set(f"{{{XSI}}}schemaLocation", f"{IDENTIFIER_NS} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd")
        for name, value in (("scheme", "oai"), ("repositoryIdentifier", host), ("delimiter", ":")):
            etree.SubElement(ident, scheme + name).text = value
        etree.SubElement(ident, scheme + "sampleIdentifier").text = records[0][0]


def _day(doc: Document) -> str:
    """The day the document last changed: its latest ``revisionDesc/change/@when``, else its publication date."""
    header = doc.root.find(f"{{{TEI_NS}}}teiHeader")
    if header is None:
        return ""
    dates = [c.get("when", "") for c in header.iter(f"{{{TEI_NS}}}change")]
    if not any(_DAY.match(d) for d in dates):
        dates = [d.get("when", "") for d in header.iterfind(f".//{{{TEI_NS}}}publicationStmt/{{{TEI_NS}}}date")]
    days = sorted(d[:10] for d in dates if _DAY.match(d))
    return days[-1] if days else ""


def _common_folder(paths: Sequence[Path]) -> Path:
    folders = [path.resolve().parent for path in paths]
    common = folders[0]
    while not all(folder.is_relative_to(common) for folder in folders):
        common = common.parent
    return common
