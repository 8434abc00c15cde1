"""Editorial rules over the whole corpus, one module per code family, each registering its checks.

``ids`` (TEI2xx: identifiers and pointers), ``dates`` (TEI3xx), ``apparatus`` (TEI4xx), ``interventions`` (TEI5xx:
gaps, redactions, supplied text), ``headers`` (TEI6xx), ``authorities`` (TEI7xx). :func:`check` walks each document
once (:mod:`~toolkit.validate.rules.walk`) and runs the rules the registry
(:data:`~toolkit.validate.rules.checker.RULES`) holds for each element, then each distinct pointer's.
"""

from __future__ import annotations

from dataclasses import replace

from toolkit.corpus import Corpus
from toolkit.diagnostics import Diagnostic
from toolkit.validate.rules import apparatus, authorities, dates, headers, ids, interventions
from toolkit.validate.rules.checker import EDITION, PROFILES, RULES, TEI, Checker, Index
from toolkit.validate.rules.dates import bounds, is_reversed, is_temporal
from toolkit.validate.rules.walk import Walk

__all__ = ["EDITION", "PROFILES", "TEI", "bounds", "check", "is_reversed", "is_temporal"]

#: The modules that register rules (imported for their registrations).
FAMILIES = (ids, dates, apparatus, interventions, headers, authorities)


def check(corpus: Corpus, profile: str = EDITION) -> list[Diagnostic]:
    """The editorial rules of ``profile`` over ``corpus``; pointers resolve against the whole folder of each file.

    The other files of those folders are read for their ids and for their pointers into the files under check, so
    that an id removed from a checked file is reported where the other files still point at it. A house rule's
    finding says in its hint that it is one (the ``edition`` profile), so that another project knows what to turn off.
    """
    codes = RULES.profile_codes(profile)  # the one place a profile selects rules
    selected = RULES.select(profile)
    index = Index.build(corpus)
    checker = Checker(index)
    walk = Walk(checker, selected)
    for doc in index.documents:
        walk.document(doc)
    for rule in selected.first:
        rule(checker)
    walk.resolve()
    for rule in selected.last:
        rule(checker)
    return [_labelled(d, codes[d.code]) for d in checker.out if d.code in codes]


def _labelled(finding: Diagnostic, profile: str) -> Diagnostic:
    """``finding``, its hint saying it is a house rule when it belongs to a profile beyond ``tei``."""
    if profile == TEI:
        return finding
    note = f"house rule, profile {profile}"
    return replace(finding, hint=f"{finding.hint} ({note})" if finding.hint else f"a {note}: --profile tei omits it")
