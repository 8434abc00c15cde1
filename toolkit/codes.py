"""The diagnostic codes: each code's severity, its one-line title and where it is documented.

Every producer of diagnostics (the parser, the schema, the rules, the stylesheets, the print work, the archive)
takes a code's severity from here, and ``tests/test_codes.py`` keeps this table, the code literals in the sources
and the documentation's tables in step: a code is never reused for another meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.diagnostics import Diagnostic, Severity

__all__ = ["CODES", "Code", "UnknownCode", "diagnostic", "severity_of"]


@dataclass(frozen=True)
class Code:
    """One diagnostic code: its severity, what it means, and the page that documents it with an example."""

    code: str
    severity: Severity
    title: str
    #: the page and the heading of the table that lists it (``docs/validate.md#tei2xx-identifiers-and-pointers``)
    doc: str


class UnknownCode(KeyError):
    """A producer used a code that is not in the table (a bug of ours: the table is the only place codes live)."""


_E, _W = Severity.ERROR, Severity.WARNING
_PARSING = "docs/validate.md#tei0xx-reading-and-parsing-the-file"
_SCHEMA = "docs/validate.md#tei1xx-the-schema"
_DECLARED = "docs/validate.md#tei11x-the-schemas-a-file-declares"
_XINCLUDE = "docs/validate.md#tei12x-xinclude"
_SCHEMATRON = "docs/validate.md#schematron-findings"
_IDS = "docs/validate.md#tei2xx-identifiers-and-pointers"
_DATES = "docs/validate.md#tei3xx-dates"
_APPARATUS = "docs/validate.md#tei4xx-the-critical-apparatus"
_INTERVENTIONS = "docs/validate.md#tei5xx-editorial-interventions"
_HEADERS = "docs/validate.md#tei6xx-header-completeness"
_AUTHORITIES = "docs/validate.md#tei7xx-unused-authorities-warnings"
_ARCHIVE = "docs/archive.md#diagnostic-codes"
_BUILD = "docs/build.md#diagnostic-codes"

_TABLE = (
    Code("TEI001", _E, "not well-formed XML", _PARSING),
    Code("TEI002", _E, "an external DTD or resource is declared; the file is refused", _PARSING),
    Code("TEI003", _E, "entity declarations or references are refused", _PARSING),
    Code("TEI004", _E, "the file is larger than --max-size and is not parsed", _PARSING),
    Code("TEI005", _E, "the file cannot be read", _PARSING),
    Code("TEI006", _E, "the XML declaration names a single-byte encoding but the bytes are UTF-8", _PARSING),
    Code("TEI100", _E, "a schema error", _SCHEMA),
    Code("TEI101", _E, "an element is not allowed where it stands", _SCHEMA),
    Code("TEI102", _E, "a required attribute is missing", _SCHEMA),
    Code("TEI103", _E, "an attribute the schema does not allow on that element", _SCHEMA),
    Code("TEI104", _E, "an attribute value of the wrong type or outside its list", _SCHEMA),
    Code("TEI105", _E, "an element is incomplete: a required child is missing", _SCHEMA),
    Code("TEI110", _W, "a schema the file declares (xml-model) is remote and is not fetched", _DECLARED),
    Code("TEI111", _W, "a schema the file declares (xml-model) does not exist or is of a kind not checked", _DECLARED),
    Code("TEI120", _E, "an xi:include cannot be resolved: its file, its xpointer, or a loop", _XINCLUDE),
    Code("SCH000", _E, "a Schematron finding; the code is the assertion's, rule's or pattern's @id", _SCHEMATRON),
    Code("TEI200", _E, "an xml:id is used twice in the corpus", _IDS),
    Code("TEI201", _E, "a pointer names an xml:id that does not exist in its target file", _IDS),
    Code("TEI202", _E, "a pointer names a file that does not exist", _IDS),
    Code("TEI203", _E, "a pointer reaches an element of the wrong kind", _IDS),
    Code("TEI301", _E, "a date attribute is not an ISO 8601 value of a W3C type", _DATES),
    Code("TEI302", _E, "a range ends before it starts", _DATES),
    Code("TEI303", _E, "a date or time has no normalised value", _DATES),
    Code("TEI401", _E, "an app has neither a lem nor at least two rdg", _APPARATUS),
    Code("TEI402", _E, "a witness in @wit is not declared", _APPARATUS),
    Code("TEI403", _E, "the same witness appears twice in one app", _APPARATUS),
    Code("TEI501", _E, "a gap has no @reason", _INTERVENTIONS),
    Code("TEI502", _E, "a redaction gap does not say how much was suppressed", _INTERVENTIONS),
    Code("TEI503", _E, "a redaction gap does not say who suppressed the text", _INTERVENTIONS),
    Code("TEI504", _E, "a supplied has no @resp", _INTERVENTIONS),
    Code("TEI601", _E, "the header lacks a title", _HEADERS),
    Code("TEI602", _E, "the header lacks an author", _HEADERS),
    Code("TEI603", _E, "the header lacks a statement of responsibility", _HEADERS),
    Code("TEI604", _E, "the header lacks a licence", _HEADERS),
    Code("TEI605", _E, "the header lacks a source description", _HEADERS),
    Code("TEI606", _E, "the header lacks the pages of the source", _HEADERS),
    Code("TEI607", _E, "the header lacks the language", _HEADERS),
    Code("TEI608", _E, "the header lacks a revision history", _HEADERS),
    Code("TEI701", _W, "a person that no pointer reaches", _AUTHORITIES),
    Code("TEI702", _W, "a place that no pointer reaches", _AUTHORITIES),
    Code("TEI703", _W, "an organisation that no pointer reaches", _AUTHORITIES),
    Code("ARC003", _E, "the edition cannot be validated, so it is not exported or deposited unchecked", _ARCHIVE),
    Code("ARC005", _E, "a document of the edition lies outside the edition folder", _ARCHIVE),
    Code("ARC006", _W, "a bag-info.txt field cannot be filled from the edition", _ARCHIVE),
    Code("ARC007", _E, "the schema to bag uses a file outside its folder, or cannot be read", _ARCHIVE),
    Code("ARC008", _E, "a field the BagIt profile requires is missing, or has a value it does not allow", _ARCHIVE),
    Code("ARC010", _E, "a pointer of a bagged file reaches outside the bag", _ARCHIVE),
    Code("ARC011", _W, "no base URL: the documents are identified by their file names only", _ARCHIVE),
    Code("ARC020", _E, "no Dublin Core record can be made for a document", _ARCHIVE),
    Code("HTM001", _W, "an element has no HTML template and is rendered as its text", _BUILD),
    Code("PRN001", _W, "an element has no print template and is rendered as its text", _BUILD),
    Code("XSL000", _W, "a stylesheet message without a code", _BUILD),
)

#: Code -> its entry; the one table.
CODES: dict[str, Code] = {entry.code: entry for entry in _TABLE}


def severity_of(code: str) -> Severity:
    """The severity of ``code``; raise :class:`UnknownCode` for a code not in the table."""
    try:
        return CODES[code].severity
    except KeyError:
        raise UnknownCode(code) from None


def diagnostic(
    code: str, file: str, line: int, column: int, message: str, xpath: str = "", hint: str | None = None
) -> Diagnostic:
    """A :class:`Diagnostic` with the severity the table gives ``code``."""
    return Diagnostic(code, severity_of(code), file, line, column, message, xpath, hint)
