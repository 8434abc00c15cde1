"""Editorial interventions per account: every sic/corr, supplied text and gap (omission or redaction)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from toolkit.corpus import XML_ID, Corpus
from toolkit.edition import GAP_REASONS, Edition, document_id, names_redaction
from toolkit.variants import wording
from toolkit.variants.wording import local

#: Words in a gap's ``@reason``, ``@type`` or ``@rend`` that make it an omission (what makes it a redaction is the
#: edition model's: :func:`toolkit.edition.is_redaction`).
OMISSION = ("omit", "omission", "ellipsis", "abridg", "excerpt", "editorial", "cut", "skip")

KINDS = ("correction", "supplied", "gap-omission", "gap-redaction", "gap-other")


@dataclass(frozen=True)
class Intervention:
    """One intervention: its kind, what the source prints, what we give, why, and where."""

    kind: str
    account: str
    file: str
    line: int
    printed: str
    given: str
    reason: str
    block_id: str | None
    resp: str = ""

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {
            "kind": self.kind,
            "account": self.account,
            "file": self.file,
            "line": self.line,
            "printed": self.printed,
            "given": self.given,
            "reason": self.reason,
            "block": self.block_id,
            "resp": self.resp,
        }


@dataclass
class Interventions:
    """The interventions of every account, in file and document order."""

    items: list[Intervention] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """Account -> kind -> count (every kind present, zero when absent)."""
        return counts_by_account([(i.account, i.kind) for i in self.items])

    def to_dict(self) -> dict[str, object]:
        """The JSON shape: ``counts`` per account and every ``item``."""
        return {"counts": self.counts(), "items": [i.to_dict() for i in self.items]}


def counts_by_account(items: Sequence[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Account -> kind -> count of (account, kind) pairs: accounts in the order they first come, every kind present
    (zero when absent). The report's reduction counts the pairs of its documents' parts with it too."""
    result: dict[str, dict[str, int]] = {}
    for account, _ in items:
        result.setdefault(account, dict.fromkeys(KINDS, 0))
    for (account, kind), count in Counter(items).items():
        result[account][kind] = count
    return result


def interventions(corpus: Corpus | Edition, account: str | None = None) -> Interventions:
    """Collect the interventions in the ``text`` of each document under check (in ``account`` if given)."""
    found = Interventions()
    for doc in corpus.documents:
        name = document_id(doc)
        if account and name != account:
            continue
        shown = doc.display_path()
        for text in doc.root.iter("{http://www.tei-c.org/ns/1.0}text"):
            for element in text.iter():
                item = _intervention(element, name, shown)
                if item is not None:
                    found.items.append(item)
    return found


def _intervention(element: etree._Element, account: str, file: str) -> Intervention | None:
    name = local(element)
    parent = element.getparent()
    in_choice = parent is not None and local(parent) == "choice"
    if name == "choice" and any(local(c) in ("sic", "corr") for c in element):
        printed = " ".join(wording.text(c) for c in element if local(c) == "sic")
        given = " ".join(" ".join("".join(c.itertext()).split()) for c in element if local(c) == "corr")
        corr = next((c for c in element if local(c) == "corr"), None)
        reason = (corr.get("type") or "") if corr is not None else ""
        return _make("correction", element, account, file, printed, given, reason)
    if name in ("sic", "corr") and not in_choice:
        content = " ".join("".join(element.itertext()).split())
        printed, given = (content, "") if name == "sic" else ("", content)
        return _make("correction", element, account, file, printed, given, element.get("type") or "")
    if name == "supplied":
        return _make("supplied", element, account, file, "", wording.text(element), element.get("reason") or "")
    if name == "gap":
        reason = " ".join(filter(None, (element.get(name) for name in GAP_REASONS)))
        extent = " ".join(filter(None, (element.get("quantity") or element.get("extent"), element.get("unit"))))
        return _make(f"gap-{gap_kind(reason)}", element, account, file, "", extent, reason)
    return None


def gap_kind(reason: str) -> str:
    """``redaction``, ``omission`` or ``other``, from a gap's ``@reason``/``@type``."""
    lowered = reason.lower()
    if names_redaction(lowered):
        return "redaction"
    if any(word in lowered for word in OMISSION):
        return "omission"
    return "other"


def _make(
    kind: str, element: etree._Element, account: str, file: str, printed: str, given: str, reason: str
) -> Intervention:
    block = next(
        (a for a in element.iterancestors() if a.get(XML_ID) and local(a) in ("p", "ab", "head", "bibl", "l", "item")),
        None,
    )
    return Intervention(
        kind,
        account,
        file,
        element.sourceline or 0,
        printed,
        given,
        reason,
        block.get(XML_ID) if block is not None else None,
        next((e.get("resp", "") for e in element.iter() if e.get("resp")), ""),  # the corr's, in a choice
    )
