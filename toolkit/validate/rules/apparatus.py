"""TEI4xx: the critical apparatus — entries that compare readings, witnesses declared and cited once per entry."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from toolkit.corpus import Document
from toolkit.edition import is_local, split_pointer
from toolkit.validate.rules.checker import EDITION, RULES, Checker, Index, local

READINGS = frozenset({"lem", "rdg"})


def _readings(app: etree._Element) -> Iterator[etree._Element]:
    """The ``lem``/``rdg`` of ``app`` itself (through ``rdgGrp``), not those of apps nested in them."""
    for child in app:
        if not isinstance(child.tag, str):
            continue
        if local(child) in READINGS:
            yield child
        elif local(child) == "rdgGrp":
            yield from _readings(child)


@RULES.element("app", codes=dict.fromkeys(("TEI401", "TEI402", "TEI403"), EDITION))
def apparatus(checker: Checker, doc: Document, app: etree._Element) -> None:
    """TEI401 an app with neither lem nor two readings; TEI402 undeclared witness; TEI403 a witness twice."""
    readings = list(_readings(app))
    if not any(local(r) == "lem" for r in readings) and len(readings) < 2:
        checker.report(
            "TEI401", doc, app, "<app> has no <lem> and fewer than two <rdg>", "an apparatus entry compares readings"
        )
    seen: dict[str, int] = {}
    for reading in readings:
        for token in (reading.get("wit") or "").split():
            if _local_kind(checker.index, doc, token) not in ("witness", "listWit"):
                file_part = split_pointer(token)[0]
                why = (
                    f"{file_part} does not exist"
                    if file_part and not checker.index.target(doc, file_part).exists
                    else "no <witness> has that xml:id"
                )
                checker.report(
                    "TEI402", doc, reading, f"witness {token!r} is not declared: {why}", _witness_hint(checker, token)
                )
            if token in seen:
                checker.report(
                    "TEI403",
                    doc,
                    reading,
                    f"witness {token!r} appears twice in this <app> (also at line {seen[token]})",
                )
            seen.setdefault(token, reading.sourceline or 1)


def _local_kind(index: Index, doc: Document, token: str) -> str | None:
    """The local name of what ``token`` reaches from ``doc`` (``None`` if nothing), resolved once per pointer."""
    key = index.cache_key(doc, token)
    if key not in index.kinds:
        target = index.edition.resolve(token, doc) if is_local(token) else None
        index.kinds[key] = None if target is None else local(target)
    return index.kinds[key]


def _witness_hint(checker: Checker, token: str) -> str | None:
    import difflib  # only a finding's hint needs it: not imported by a clean run

    fragment = token.partition("#")[2] or token
    witnesses = checker.index.witnesses()
    close = difflib.get_close_matches(fragment, list(witnesses), n=1, cutoff=0.6)
    return f"did you mean {witnesses[close[0]].name}#{close[0]}?" if close else None
