"""TEI7xx (warnings): authority entries — a person, place or organisation that no pointer anywhere reaches."""

from __future__ import annotations

from toolkit.corpus import XML_ID
from toolkit.validate.rules.checker import EDITION, RULES, Checker, local, tei

AUTHORITIES = {"person": "TEI701", "place": "TEI702", "org": "TEI703"}
_TAGS = tuple(tei(kind) for kind in AUTHORITIES)


@RULES.corpus(codes=dict.fromkeys(AUTHORITIES.values(), EDITION), last=True)
def unused_authorities(checker: Checker) -> None:
    """TEI701-TEI703: an authority entry that no pointer reaches (run after every pointer has been resolved)."""
    for doc in checker.index.documents:
        if doc.path not in checker.index.checked:
            continue
        for element in doc.root.iter(*_TAGS):  # one walk for the three kinds
            xml_id = element.get(XML_ID)
            if xml_id is not None and (doc.path, xml_id) not in checker.index.referenced:
                kind = local(element)
                checker.report(
                    AUTHORITIES[kind],
                    doc,
                    element,
                    f"<{kind}> {xml_id!r} is never referred to",
                    "link a mention to it, or remove the entry",
                )
