"""PREMIS 3.0 objects, events and agents (as lxml elements) for the METS document of a bag."""

from __future__ import annotations

from lxml import etree

from toolkit.archive.package import Event, PayloadFile

__all__ = ["PREMIS_NS", "PREMIS_SCHEMA", "Agent", "agent", "event", "file_object"]

PREMIS_NS = "http://www.loc.gov/premis/v3"
PREMIS_SCHEMA = "https://www.loc.gov/standards/premis/v3/premis.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: The Library of Congress vocabulary the event types are taken from.
EVENT_TYPES = "http://id.loc.gov/vocabulary/preservation/eventType"
_P = f"{{{PREMIS_NS}}}"


class Agent:
    """A software agent of the toolkit's events: the toolkit itself, bagit-python."""

    def __init__(self, identifier: str, name: str, version: str, note: str = "") -> None:
        self.identifier, self.name, self.version, self.note = identifier, name, version, note


def _add(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    child = etree.SubElement(parent, _P + name, attributes)
    if text is not None:
        child.text = text
    return child


def _identifier(parent: etree._Element, prefix: str, value: str, role: str | None = None) -> None:
    """``<{prefix}Identifier>`` with its type (``local``), value and, for a link, the role."""
    element = _add(parent, f"{prefix}Identifier")
    _add(element, f"{prefix}IdentifierType", "local")
    _add(element, f"{prefix}IdentifierValue", value)
    if role is not None:
        _add(element, f"{prefix}Role", role)


def file_object(file: PayloadFile, events: list[Event]) -> etree._Element:
    """A PREMIS file object: identifier (its path in the bag), SHA-256 fixity, size, format, and its events."""
    element = etree.Element(_P + "object", {f"{{{XSI_NS}}}type": "premis:file", "version": "3.0"}, nsmap=_NSMAP)
    _identifier(element, "object", f"data/{file.name}")
    characteristics = _add(element, "objectCharacteristics")
    _add(characteristics, "compositionLevel", "0")
    fixity = _add(characteristics, "fixity")
    _add(fixity, "messageDigestAlgorithm", "SHA-256")
    _add(fixity, "messageDigest", file.sha256)
    _add(fixity, "messageDigestOriginator", "tei-edition-toolkit")
    _add(characteristics, "size", str(file.size))
    designation = _add(_add(characteristics, "format"), "formatDesignation")
    _add(designation, "formatName", file.format.name)
    if file.format.version:
        _add(designation, "formatVersion", file.format.version)
    _add(element, "originalName", file.name)
    for happened in events:
        if file.name in happened.objects:
            _identifier(element, "linkingEvent", happened.id)
    return element


def event(happened: Event, when: str, agents: list[tuple[Agent, str]]) -> etree._Element:
    """A PREMIS event: its type (LoC vocabulary), date, detail, outcome, agents with their roles, and its objects."""
    element = etree.Element(_P + "event", {"version": "3.0"}, nsmap=_NSMAP)
    _identifier(element, "event", happened.id)
    _add(element, "eventType", happened.kind, authority="eventType", authorityURI=EVENT_TYPES)
    _add(element, "eventDateTime", when)
    _add(_add(element, "eventDetailInformation"), "eventDetail", happened.detail)
    outcome = _add(element, "eventOutcomeInformation")
    _add(outcome, "eventOutcome", happened.outcome)
    if happened.outcome_detail:
        _add(_add(outcome, "eventOutcomeDetail"), "eventOutcomeDetailNote", happened.outcome_detail)
    for who, role in agents:
        _identifier(element, "linkingAgent", who.identifier, role)
    for name in happened.objects:
        _identifier(element, "linkingObject", f"data/{name}")
    return element


def agent(who: Agent) -> etree._Element:
    """A PREMIS software agent with its version."""
    element = etree.Element(_P + "agent", {"version": "3.0"}, nsmap=_NSMAP)
    _identifier(element, "agent", who.identifier)
    _add(element, "agentName", who.name)
    _add(element, "agentType", "software")
    _add(element, "agentVersion", who.version)
    if who.note:
        _add(element, "agentNote", who.note)
    return element


_NSMAP = {"premis": PREMIS_NS, "xsi": XSI_NS}
