"""Dublin Core (``oai_dc``) records from TEI headers, through ``xslt/dc.xsl`` compiled once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from lxml import etree

from toolkit.corpus import TEI_NS
from toolkit.resources import XSLT

if TYPE_CHECKING:
    from saxonche import PySaxonProcessor, PyXsltExecutable

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
def _processor() -> PySaxonProcessor:
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@cache
def _executable() -> PyXsltExecutable:
    compiler = _processor().new_xslt30_processor()
    try:
        executable = compiler.compile_stylesheet(stylesheet_file=str(STYLESHEET))
    except Exception as exc:  # saxonche raises PySaxonApiError, which it does not export reliably
        raise StylesheetError(f"{STYLESHEET}: does not compile: {exc}") from None
    return executable


def record(tree: etree._ElementTree, *, document_path: str = "", part_of: str = "") -> Record:
    """The DC record of one parsed TEI document (``TEI`` or ``teiCorpus``)."""
    root = etree.QName(tree.getroot())
    if root.namespace != TEI_NS or root.localname not in ("TEI", "teiCorpus"):
        raise StylesheetError(f"{document_path or 'document'}: not a TEI or teiCorpus document; no record made")
    processor = _processor()
    executable = _executable()
    executable.set_parameter("document-path", processor.make_string_value(document_path))
    executable.set_parameter("part-of", processor.make_string_value(part_of))
    source = etree.tostring(tree, encoding="unicode")
    try:
        xml = executable.transform_to_string(xdm_node=processor.parse_xml(xml_text=source))
    except Exception as exc:  # saxonche raises PySaxonApiError, which it does not export reliably
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
