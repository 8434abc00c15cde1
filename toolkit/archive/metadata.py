"""The edition's own metadata for archives: what the driver's header says, overridden by options (later the project
file), and the ``bag-info.txt`` fields made from it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from lxml import etree

from toolkit.corpus import TEI_NS, XML_ID, Document

__all__ = ["BAG_INFO_KEYS", "EditionMetadata", "bag_size", "from_driver", "toolkit_version"]

_T = f"{{{TEI_NS}}}"
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")

#: bag-info.txt label -> the option (and project-file key) that sets it. RFC 8493 §2.2.2's reserved labels that an
#: edition can know; Bagging-Date, Payload-Oxum, Bag-Size and Bag-Software-Agent are computed.
BAG_INFO_KEYS: dict[str, str] = {
    "Source-Organization": "source-organization",
    "Organization-Address": "organization-address",
    "Contact-Name": "contact-name",
    "Contact-Phone": "contact-phone",
    "Contact-Email": "contact-email",
    "External-Description": "external-description",
    "External-Identifier": "external-identifier",
    "Bag-Group-Identifier": "bag-group-identifier",
    "Bag-Count": "bag-count",
    "Internal-Sender-Identifier": "internal-sender-identifier",
    "Internal-Sender-Description": "internal-sender-description",
}


@dataclass(frozen=True)
class EditionMetadata:
    """What an archive asks of the edition; every field is a string, empty when nobody said it.

    The attribute names are the options' names with ``_`` for ``-`` (``contact_email`` is ``--contact-email`` and
    the project file's ``contact-email``), so a project file maps onto this one-to-one.
    """

    source_organization: str = ""
    organization_address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    external_description: str = ""
    external_identifier: str = ""
    bag_group_identifier: str = ""
    bag_count: str = ""
    internal_sender_identifier: str = ""
    internal_sender_description: str = ""
    #: the site's absolute URL, ending in ``/``: the documents' URIs are made from it
    base_url: str = ""
    #: the edition's own URI (a URI ``idno`` of the driver), else the base URL
    uri: str = ""
    #: the edition's identifier (``idno type="edition"``, else the driver's ``xml:id``)
    identifier: str = ""
    title: str = ""
    version: str = ""
    language: str = ""
    licence: str = ""
    licence_text: str = ""
    #: further ``bag-info.txt`` lines, in the order given (``--bag-info "Label: value"``)
    extra: tuple[tuple[str, str], ...] = field(default=())

    def with_options(self, options: Mapping[str, str]) -> EditionMetadata:
        """This metadata with every non-empty option (``contact-email`` or ``contact_email``) put over it."""
        names = {f.name for f in fields(self)} - {"extra"}
        given = {key.replace("-", "_"): value for key, value in options.items() if value}
        unknown = set(given) - names
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        merged = replace(self, **given)
        if "base_url" in given:
            merged = replace(merged, base_url=normalised_base(given["base_url"]))
            if not self.uri:
                merged = replace(merged, uri=merged.base_url)
        return merged

    def bag_info(self, bagging_date: date) -> dict[str, str]:
        """The descriptive ``bag-info.txt`` fields: those known, in RFC 8493's order, then the extra ones."""
        known = {label: getattr(self, key.replace("-", "_")) for label, key in BAG_INFO_KEYS.items()}
        known["External-Identifier"] = known["External-Identifier"] or self.uri or self.identifier
        known["External-Description"] = known["External-Description"] or self.title
        known["Bagging-Date"] = bagging_date.isoformat()
        lines = {label: value for label, value in known.items() if value}
        for label, value in self.extra:
            lines.setdefault(label, value)
        return lines

    def document_uri(self, name: str) -> str:
        """The URI of a payload file (``tei/persons.xml``) on the published site, or ``""`` without a base URL."""
        return f"{self.base_url}{name}" if self.base_url else ""


def normalised_base(url: str) -> str:
    """A base URL ending in ``/`` (``https://example.org/edition`` → ``https://example.org/edition/``)."""
    return url if not url or url.endswith("/") else url + "/"


def from_driver(driver: Document | None, fallback_identifier: str = "") -> EditionMetadata:
    """The metadata the driver's header gives (publisher, title, identifiers, contact, licence); none without one."""
    if driver is None:
        return EditionMetadata(identifier=fallback_identifier)
    header = driver.root.find(f"{_T}teiHeader")
    publication = header.find(f"{_T}fileDesc/{_T}publicationStmt") if header is not None else None
    idnos = publication.findall(f"{_T}idno") if publication is not None else []
    uris = [_text(i) for i in idnos if i.get("type", "").lower() in ("uri", "url", "doi", "handle") or _is_uri(i)]
    edition_ids = [_text(i) for i in idnos if i.get("type") == "edition"]
    email = _first(publication, f".//{_T}email")
    return EditionMetadata(
        source_organization=_agent(_first(publication, f"{_T}publisher")),
        organization_address=_address(_first(publication, f".//{_T}address")),
        contact_name=_agent(email.getparent()) if email is not None and email.getparent() is not publication else "",
        contact_email=_text(email),
        contact_phone=_text(_first(publication, f".//{_T}address/{_T}addrLine[@type='phone']")),
        bag_group_identifier=_text(_first(header, f"{_T}fileDesc/{_T}seriesStmt/{_T}idno")),
        uri=next((u for u in uris if _URI.match(u)), ""),
        identifier=(edition_ids[0] if edition_ids else "") or driver.root.get(XML_ID, "") or fallback_identifier,
        title=_title(header),
        version=_text(_first(header, f"{_T}fileDesc/{_T}editionStmt//{_T}num[@type='version']")),
        language=driver.root.get("{http://www.w3.org/XML/1998/namespace}lang", ""),
        licence=_attribute(_first(publication, f"{_T}availability/{_T}licence"), "target"),
        licence_text=_text(_first(publication, f"{_T}availability/{_T}licence")),
    )


def _first(parent: etree._Element | None, path: str) -> etree._Element | None:
    return parent.find(path) if parent is not None else None


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _attribute(element: etree._Element | None, name: str) -> str:
    return element.get(name, "") if element is not None else ""


def _is_uri(element: etree._Element) -> bool:
    return bool(_URI.match(_text(element))) and ":" in _text(element)[:12]


def _agent(element: etree._Element | None) -> str:
    """The name of a person or body: its first name element, else its text less any e-mail or address."""
    if element is None:
        return ""
    # (not ``find() or find()``: an element without children is false)
    name = next((c for c in element if c.tag in (f"{_T}persName", f"{_T}orgName", f"{_T}name")), None)
    if name is not None:
        return _text(name)
    parts = [element.text or ""] + [c.tail or "" for c in element if isinstance(c.tag, str)]
    return " ".join("".join(parts).split())


def _address(element: etree._Element | None) -> str:
    if element is None:
        return ""
    lines = [_text(line) for line in element.findall(f"{_T}addrLine") if line.get("type") != "phone"]
    return ", ".join(line for line in lines if line) or _text(element)


def _title(header: etree._Element | None) -> str:
    titles = header.findall(f"{_T}fileDesc/{_T}titleStmt/{_T}title") if header is not None else []
    main = [t for t in titles if t.get("type") == "main"] or titles
    return _text(main[0]) if main else ""


def bag_size(sizes: Sequence[int]) -> str:
    """RFC 8493's Bag-Size: the payload's size with a decimal unit (``1.4 MB``, ``812 KB``, ``930 bytes``)."""
    total = sum(sizes)
    for unit, factor in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if total >= factor:
            return f"{total / factor:.1f} {unit}"
    return f"{total} bytes"


def toolkit_version() -> str:
    """The installed toolkit's version (``0.1.0``), or ``unknown`` when it runs from an uninstalled checkout."""
    try:
        return package_version("tei-edition-toolkit")
    except PackageNotFoundError:
        return "unknown"
