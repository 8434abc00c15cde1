"""Dublin Core (``oai_dc``) records from TEI headers, through ``xslt/dc.xsl`` compiled once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from toolkit.corpus import TEI_NS
from toolkit.publish.xslt import XsltError
from toolkit.resources import XSLT

if TYPE_CHECKING:
    from saxonche import PySaxonProcessor

    from toolkit.publish.xslt import Engine

STYLESHEET = XSLT / "dc.xsl"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
DC_ELEMENTS = (
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
)


class StylesheetError(Exception):
    """The DC stylesheet failed to compile or to run; the message names the document."""


@dataclass(frozen=True)
class Record:
    """One Dublin Core record: the serialised ``oai_dc:dc`` and its fields by element name."""

    xml: str
    fields: dict[str, tuple[str, ...]]

    def first(self, name: str) -> str:
        """The first value of a DC element, or an empty string."""
        values = self.fields.get(name, ())
        return values[0] if values else ""

    def joined(self, name: str, separator: str = "; ") -> str:
        """All values of a DC element joined by ``separator``."""
        return separator.join(self.fields.get(name, ()))


@cache
def _engine() -> Engine:
    """The Saxon engine of the records (toolkit.publish.xslt, the one seam to Saxon): dc.xsl is compiled once."""
    from toolkit.publish.xslt import Engine

    return Engine()


def _processor() -> PySaxonProcessor:
    """The engine's Saxon processor (for tests that call the stylesheet's functions on nodes of their own)."""
    return _engine().processor


def record(
    tree: etree._ElementTree,
    *,
    document_path: str = "",
    part_of: str = "",
    document_uri: str = "",
    edition_rights: str = "",
) -> Record:
    """The DC record of one parsed TEI document (``TEI`` or ``teiCorpus``).

    ``part_of`` becomes ``dc:relation`` (the edition's URI, else its identifier), ``document_uri`` one more
    ``dc:identifier``, ``edition_rights`` the ``dc:rights`` of a document whose header states none.
    """
    root = etree.QName(tree.getroot())
    if root.namespace != TEI_NS or root.localname not in ("TEI", "teiCorpus"):
        raise StylesheetError(f"{document_path or 'document'}: not a TEI or teiCorpus document; no record made")
    params = {
        "document-path": document_path,
        "part-of": part_of,
        "document-uri": document_uri,
        "edition-rights": edition_rights,
    }
    try:
        engine = _engine()
        url = tree.docinfo.URL or ""
        base_uri = url if "://" in url or not url else Path(url).resolve().as_uri()
        source = engine.parse(etree.tostring(tree, encoding="unicode"), base_uri=base_uri)
        xml = engine.stylesheet(STYLESHEET).transform(source, params=params).text
    except XsltError as exc:
        raise StylesheetError(f"{document_path or 'document'}: the Dublin Core stylesheet failed: {exc}") from None
    if not xml:
        raise StylesheetError(f"{document_path or 'document'}: the Dublin Core stylesheet produced nothing")
    return Record(xml=xml, fields=_fields(xml))


def _fields(xml: str) -> dict[str, tuple[str, ...]]:
    root = etree.fromstring(xml.encode("utf-8"))
    fields: dict[str, list[str]] = {}
    for element in root:
        if isinstance(element.tag, str):
            fields.setdefault(etree.QName(element).localname, []).append(element.text or "")
    return {name: tuple(values) for name, values in fields.items()}
