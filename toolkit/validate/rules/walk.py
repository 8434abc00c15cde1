"""The one walk of each document that the editorial rules share: its ids indexed, its element rules run, its
pointers gathered; then each distinct pointer resolved once.

A corpus repeats its pointers (every letter names the same persons, places and witnesses): a pointer rule's outcome
in a document under check depends only on the pointer's signature (see :meth:`Registry.pointer`), so it runs once
per signature, after the walk has indexed every id, and again at each place of the signatures whose first run
reports something, in the documents that hold them, so that every finding is said where it is, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from toolkit.corpus import XML_ID, Document
from toolkit.edition import POINTER_ATTRIBUTES, XI_INCLUDE, Edition
from toolkit.validate.rules.checker import Checker, Registry

#: A pointer's signature: its scope (``id()`` of its document for ``#id``, else its folder), the pointer, the
#: attribute, the element's tag and ``@type``.
Signature = tuple[str | int, str, str, str, str | None]


@dataclass
class _Place:
    """Where a signature was first met, and every document under check that holds it (in walk order)."""

    doc: Document
    element: etree._Element
    attribute: str
    token: str
    docs: list[Document] = field(default_factory=list)


class Walk:
    """The rules of one profile over the documents of an index, one walk per document (:meth:`document`)."""

    def __init__(self, checker: Checker, rules: Registry) -> None:
        self.checker = checker
        self.rules = rules
        # what makes an element worth an attribute rule, precomputed: most elements match none and cost one set test
        self.attribute_names = frozenset[str]().union(*(names for names, _, _ in rules.by_attribute))
        self.attribute_tags = frozenset[str]().union(*(tags for _, tags, _ in rules.by_attribute))
        self.signatures: dict[Signature, _Place] = {}

    def document(self, doc: Document) -> None:
        """Index ``doc``'s ids; if it is under check, run its element rules and gather its pointers."""
        checker, index = self.checker, self.checker.index
        ids, own = index.ids, index.own_ids(doc)
        if not index.is_checked(doc):  # read for its ids (and, in :meth:`resolve`, its pointers into the others)
            for element in doc.root.iter(etree.Element):
                xml_id = element.get(XML_ID)
                if xml_id is not None:
                    ids[xml_id].append((doc, element))
                    own.setdefault(xml_id, element)
            return
        by_tag, by_attribute = self.rules.by_tag, self.rules.by_attribute
        attribute_names, attribute_tags = self.attribute_names, self.attribute_tags
        gather = bool(self.rules.pointers)
        signatures, folder, scope = self.signatures, index.folder(doc), id(doc)
        # one pass in Python over the elements is faster here than XPath selections (measured)
        for element in doc.root.iter(etree.Element):
            keys = element.keys()
            tag = element.tag
            if keys:  # most elements have no attribute: one test
                if XML_ID in keys:
                    xml_id = element.get(XML_ID)
                    ids[xml_id].append((doc, element))
                    own.setdefault(xml_id, element)
                if gather and (tag == XI_INCLUDE or not POINTER_ATTRIBUTES.isdisjoint(keys)):
                    kind = element.get("type")
                    for attribute, token in Edition.pointers(element):
                        signature = (scope if token[0] == "#" else folder, token, attribute, tag, kind)
                        place = signatures.get(signature)
                        if place is None:
                            signatures[signature] = _Place(doc, element, attribute, token, [doc])
                        elif place.docs[-1] is not doc:
                            place.docs.append(doc)
            if tag in attribute_tags or (keys and not attribute_names.isdisjoint(keys)):
                for names, tags, rule in by_attribute:
                    if tag in tags or not names.isdisjoint(keys):
                        rule(checker, doc, element)
            if tag in by_tag:
                for rule in by_tag[tag]:
                    rule(checker, doc, element)

    def resolve(self) -> None:
        """Run the pointer rules: once per signature, then at every place in the documents where a first run
        reported, and on every pointer of the documents not under check (they may point into those that are)."""
        rules = self.rules.pointers
        if not rules:
            return
        index = self.checker.index
        probe = Checker(index)  # a first run's findings are only a sign: they are said again at each place
        again: set[int] = set()
        for place in self.signatures.values():
            for rule in rules:
                rule(probe, place.doc, place.element, place.attribute, place.token)
            if probe.out:
                probe.out.clear()
                again.update(id(doc) for doc in place.docs)
        for doc in index.documents:
            if id(doc) in again or not index.is_checked(doc):
                for element in doc.root.iter(etree.Element):
                    if element.tag == XI_INCLUDE or not POINTER_ATTRIBUTES.isdisjoint(element.keys()):
                        for attribute, token in Edition.pointers(element):
                            for rule in rules:
                                rule(self.checker, doc, element, attribute, token)
