"""TEI6xx: header completeness — title, author, responsibility, licence, source and its pages, language, revisions."""

from __future__ import annotations

from lxml import etree

from toolkit.corpus import NS, Document
from toolkit.validate.rules.checker import EDITION, RULES, Checker, tei

HEADER_PARTS: tuple[tuple[str, str, str], ...] = (
    ("TEI601", "tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]", "a title (titleStmt/title)"),
    ("TEI602", "tei:fileDesc/tei:titleStmt/tei:author", "an author (titleStmt/author)"),
    (
        "TEI603",
        "tei:fileDesc/tei:titleStmt/tei:editor | tei:fileDesc/tei:titleStmt/tei:respStmt",
        "a statement of responsibility (titleStmt/editor or respStmt)",
    ),
    (
        "TEI604",
        "tei:fileDesc/tei:publicationStmt/tei:availability[tei:licence or tei:p]",
        "a licence (publicationStmt/availability/licence)",
    ),
    ("TEI605", "tei:fileDesc/tei:sourceDesc/*", "a source description (sourceDesc)"),
    (
        "TEI606",
        "tei:fileDesc/tei:sourceDesc//tei:citedRange | tei:fileDesc/tei:sourceDesc//tei:biblScope",
        "the pages of the source (citedRange or biblScope in sourceDesc)",
    ),
    ("TEI607", "tei:profileDesc/tei:langUsage/tei:language", "the language (profileDesc/langUsage/language)"),
    ("TEI608", "tei:revisionDesc/tei:change", "a revision history (revisionDesc/change)"),
)


#: One XPath for the eight parts, compiled once: a string of 1 (present) or 0 (missing) per part, in order.
_PRESENT = etree.XPath(
    "concat(" + ", ".join(f"number(boolean({path}))" for _, path, _ in HEADER_PARTS) + ")", namespaces=NS
)


@RULES.element("TEI", codes=dict.fromkeys((code for code, _, _ in HEADER_PARTS), EDITION))
def header(checker: Checker, doc: Document, root: etree._Element) -> None:
    """TEI601-TEI608: a document with a text has a complete header."""
    if root.find(tei("text")) is None:
        return
    head = root.find(tei("teiHeader"))
    where = head if head is not None else root
    present = _PRESENT(head) if head is not None else ""
    missing = {code for n, (code, _, _) in enumerate(HEADER_PARTS) if present[n : n + 1] != "1"}
    if "TEI605" in missing:
        missing.discard("TEI606")  # no source description: its pages are not a separate finding
    for code, _, what in HEADER_PARTS:
        if code in missing:
            checker.report(code, doc, where, f"the header lacks {what}")
