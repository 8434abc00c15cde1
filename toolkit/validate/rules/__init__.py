"""Editorial rules over the whole corpus, one module per code family, each registering its checks.

``ids`` (TEI2xx: identifiers and pointers), ``dates`` (TEI3xx), ``apparatus`` (TEI4xx), ``interventions`` (TEI5xx:
gaps, redactions, supplied text), ``headers`` (TEI6xx), ``authorities`` (TEI7xx). :func:`check` walks each document
once and runs the rules the registry (:data:`~toolkit.validate.rules.checker.RULES`) holds for each element.
"""

from __future__ import annotations

from lxml import etree

from toolkit.corpus import Corpus
from toolkit.diagnostics import Diagnostic
from toolkit.validate.rules import apparatus, authorities, dates, headers, ids, interventions
from toolkit.validate.rules.checker import RULES, Checker, Index
from toolkit.validate.rules.dates import bounds, is_reversed, is_temporal

__all__ = ["bounds", "check", "is_reversed", "is_temporal"]

#: The modules that register rules (imported for their registrations).
FAMILIES = (ids, dates, apparatus, interventions, headers, authorities)


def check(corpus: Corpus) -> list[Diagnostic]:
    """Every editorial rule over ``corpus``; pointers resolve against the whole folder of each file.

    The other files of those folders are read for their ids and for their pointers into the files under check, so
    that an id removed from a checked file is reported where the other files still point at it.
    """
    index = Index.build(corpus)
    checker = Checker(index)
    for rule in RULES.first:
        rule(checker)
    everywhere, by_tag, by_attribute = RULES.everywhere, RULES.by_tag, RULES.by_attribute
    for doc in index.documents:
        checked = doc.path in index.checked  # of the other files, only pointers into the checked ones are reported
        # one pass in Python over the elements is faster here than XPath selections (measured)
        for element in doc.root.iter(etree.Element):
            for rule in everywhere:
                rule(checker, doc, element)
            if not checked:
                continue
            tag = element.tag
            for rule in by_tag.get(tag, ()):
                rule(checker, doc, element)
            for names, tags, rule in by_attribute:
                if tag in tags or (element.attrib and not names.isdisjoint(element.keys())):
                    rule(checker, doc, element)
    for rule in RULES.last:
        rule(checker)
    return checker.out
