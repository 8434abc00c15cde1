"""The editorial rules' shared state: the corpus indexed once, the checker that locates findings, the registry."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.codes import diagnostic
from toolkit.corpus import TEI_NS, XML_ID, Corpus, Document, readable_xpath, tei_files_in
from toolkit.diagnostics import Diagnostic
from toolkit.edition import Edition, FileTarget, split_pointer


def local(element: etree._Element) -> str:
    """The local name of ``element``."""
    return element.tag.rpartition("}")[2]


def tei(name: str) -> str:
    """The Clark name of the TEI element ``name``."""
    return f"{{{TEI_NS}}}{name}"


@dataclass
class Index:
    """The corpus built once: every document (under check and context), ids, and what pointers reach."""

    edition: Edition
    checked: set[Path]
    documents: list[Document]
    ids: dict[str, list[tuple[Document, etree._Element]]] = field(default_factory=lambda: defaultdict(list))
    referenced: set[tuple[Path, str]] = field(default_factory=set)
    #: pointer cache key -> the local name of the element it reaches (``None`` for a whole file)
    resolved: dict[tuple[str | int, str], str | None] = field(default_factory=dict)
    #: pointer cache key -> local name of what it reaches, without reporting (for the apparatus rule)
    kinds: dict[tuple[str | int, str], str | None] = field(default_factory=dict)
    _folders: dict[int, str] = field(default_factory=dict, init=False, repr=False)
    _witnesses: dict[str, Document] | None = field(default=None, init=False, repr=False)
    #: ``id()`` of each document under check: a set lookup per element, not a path hash
    _checked_ids: set[int] = field(default_factory=set, init=False, repr=False)
    #: ``id()`` of each indexed document -> its ids (the first element of each, as :attr:`Document.ids`)
    _own_ids: dict[int, dict[str, etree._Element]] = field(default_factory=dict, init=False, repr=False)
    #: (folder, file name) -> the indexed document there: a pointer's file part found without the file system
    _by_name: dict[tuple[str, str], FileTarget] = field(default_factory=dict, init=False, repr=False)

    def folder(self, doc: Document) -> str:
        """``doc``'s folder as a string: the key under which pointers from it are cached."""
        found = self._folders.get(id(doc))
        if found is None:
            found = self._folders[id(doc)] = str(doc.path.parent)
        return found

    def cache_key(self, doc: Document, token: str) -> tuple[str | int, str]:
        """Pointers with a file part mean the same from every file of a folder; ``#id`` only within its file."""
        return (self.folder(doc) if token[0] != "#" else id(doc), token)

    def is_checked(self, doc: Document) -> bool:
        """True when ``doc`` is under check (not only read for its ids and pointers)."""
        return id(doc) in self._checked_ids

    def target(self, origin: Document, file_part: str) -> FileTarget:
        """The file a pointer's file part names from ``origin``: its path, whether it exists, its document if XML."""
        # a bare file name of an indexed document (the usual pointer) is that document: its path is already resolved
        known = self._by_name.get((self.folder(origin), file_part))
        return known if known is not None else self.edition.file(file_part, origin)

    def element_with_id(self, doc: Document, xml_id: str) -> etree._Element | None:
        """The element of ``doc`` with ``xml:id`` ``xml_id`` (the first, if repeated), as :attr:`Document.ids` says."""
        own = self._own_ids.get(id(doc))
        return own.get(xml_id) if own is not None else doc.ids.get(xml_id)

    def checked_target(self, origin: Document, token: str) -> Document | None:
        """The document under check that a pointer from ``origin`` names by its file part, if it names one."""
        file_part = split_pointer(token)[0]
        if not file_part:
            return None
        loaded = self.target(origin, file_part).document
        return loaded if loaded is not None and loaded.path in self.checked else None

    def witnesses(self) -> dict[str, Document]:
        """Every declared witness id in the corpus and its document (collected on first use)."""
        if self._witnesses is None:
            self._witnesses = {
                element.get(XML_ID): doc
                for doc in self.documents
                for element in doc.root.iter(tei("witness"))
                if element.get(XML_ID)
            }
        return self._witnesses

    @classmethod
    def build(cls, corpus: Corpus) -> Index:
        """Load the other TEI files of each folder under check (pointers and ids are corpus-wide).

        The ids are indexed by the rules' walk (:class:`toolkit.validate.rules.walk.Walk`): one walk per document
        finds them and runs the element rules.
        """
        known = {doc.path for doc in corpus.documents}
        names: dict[Path, set[str]] = {}  # each folder's files under check, by name
        for path in known:
            names.setdefault(path.parent, set()).add(path.name)
        for folder in sorted(names):
            if _all_loaded(folder, names[folder]):
                continue  # every XML file there is under check: no sibling to peek into
            for sibling in tei_files_in(folder):
                if sibling not in known:
                    corpus.document(sibling)
        documents = sorted(corpus.all_documents(), key=lambda d: d.path)
        index = cls(Edition.of(corpus), {d.path for d in corpus.documents}, documents)
        index._checked_ids = {id(d) for d in corpus.documents}
        for doc in index.documents:
            index._own_ids[id(doc)] = {}
            index._by_name[(index.folder(doc), doc.path.name)] = FileTarget(doc.path, True, doc)
        return index

    def own_ids(self, doc: Document) -> dict[str, etree._Element]:
        """The ids of ``doc`` found so far by the walk (the first element of each), for the walk to fill."""
        return self._own_ids[id(doc)]


def _all_loaded(folder: Path, known: set[str]) -> bool:
    """True when every ``*.xml`` entry of ``folder`` is among the names ``known`` there (a link or a folder named so
    is not)."""
    try:
        with os.scandir(folder) as entries:
            return all(entry.name in known for entry in entries if _is_xml_name(entry.name))
    except OSError:
        return False


def _is_xml_name(name: str) -> bool:
    return name.endswith(".xml") and not name.startswith(".")


@dataclass
class Checker:
    """Collects located diagnostics for the documents under check."""

    index: Index
    out: list[Diagnostic] = field(default_factory=list)

    def report(
        self,
        code: str,
        doc: Document,
        element: etree._Element,
        message: str,
        hint: str | None = None,
        *,
        about: Document | None = None,
    ) -> None:
        """Record a diagnostic at ``element`` when ``doc`` is under check, or the file a pointer finding is about.

        The severity is the code's, from :mod:`toolkit.codes`.
        """
        index = self.index
        if not index.is_checked(doc) and (about is None or not index.is_checked(about)):
            return
        self.out.append(
            diagnostic(
                code,
                doc.display_path(),
                element.sourceline or 1,
                doc.column_of(element),
                message,
                readable_xpath(element),
                hint,
            )
        )


#: A rule run on one element of a document under check.
ElementRule = Callable[[Checker, Document, etree._Element], None]
#: A rule run on one pointer ``(attribute, token)`` of an element, in every document loaded (under check or not).
PointerRule = Callable[[Checker, Document, etree._Element, str, str], None]
#: A rule run once over the whole corpus.
CorpusRule = Callable[[Checker], None]


#: The rule profiles, each including the one before it: ``tei`` is what TEI P5 itself requires (id uniqueness, local
#: pointers that resolve, valid ISO dates); ``edition`` adds the house rules (docs/project.md, "Rule profiles").
PROFILES = ("tei", "edition")
TEI, EDITION = PROFILES
#: A registered rule's codes and the profile each belongs to.
Codes = dict[str, str]


@dataclass
class Registry:
    """The rules, registered by the module of their code family: by element, by attribute, by pointer, or over the
    corpus.

    Each registration names the codes its rule reports and the profile of each; :meth:`select` keeps a profile's.
    """

    #: rules run on every pointer of every document, under check or not (they look at incoming pointers)
    pointers: list[PointerRule] = field(default_factory=list)
    by_tag: dict[str, list[ElementRule]] = field(default_factory=dict)
    by_attribute: list[tuple[frozenset[str], frozenset[str], ElementRule]] = field(default_factory=list)
    first: list[CorpusRule] = field(default_factory=list)
    last: list[CorpusRule] = field(default_factory=list)
    #: each rule's codes and their profiles
    codes: dict[Callable[..., None], Codes] = field(default_factory=dict)

    def pointer(self, codes: Codes) -> Callable[[PointerRule], PointerRule]:
        """Register a rule for every pointer (:meth:`Edition.pointers`) of every document loaded, under check or not.

        In a document under check, its outcome must depend only on the pointer (as :meth:`Index.cache_key` scopes
        it), its attribute, and its element's tag and ``@type``: the walk runs it once per such signature, and again
        at each of the signature's places only when that first run reports something.
        """

        def register(rule: PointerRule) -> PointerRule:
            self.codes[rule] = codes
            self.pointers.append(rule)
            return rule

        return register

    def element(self, *names: str, codes: Codes) -> Callable[[ElementRule], ElementRule]:
        """Register a rule for the TEI elements ``names``."""

        def register(rule: ElementRule) -> ElementRule:
            self.codes[rule] = codes
            for name in names:
                self.by_tag.setdefault(tei(name), []).append(rule)
            return rule

        return register

    def attributes(
        self, names: frozenset[str], *, or_elements: frozenset[str], codes: Codes
    ) -> Callable[[ElementRule], ElementRule]:
        """Register a rule for any element carrying one of the attributes ``names``, or named one of ``or_elements``."""

        def register(rule: ElementRule) -> ElementRule:
            self.codes[rule] = codes
            self.by_attribute.append((names, frozenset(tei(n) for n in or_elements), rule))
            return rule

        return register

    def corpus(self, *, codes: Codes, last: bool = False) -> Callable[[CorpusRule], CorpusRule]:
        """Register a rule run once over the corpus, once the walk has indexed every id (before the pointers are
        resolved; with ``last``, after)."""

        def register(rule: CorpusRule) -> CorpusRule:
            self.codes[rule] = codes
            (self.last if last else self.first).append(rule)
            return rule

        return register

    def profile_codes(self, profile: str) -> dict[str, str]:
        """Every code ``profile`` reports and the profile it belongs to (a profile includes those before it)."""
        if profile not in PROFILES:
            raise ValueError(f"unknown rule profile {profile!r}: expected one of {', '.join(PROFILES)}")
        within = PROFILES[: PROFILES.index(profile) + 1]
        return {code: own for codes in self.codes.values() for code, own in codes.items() if own in within}

    def select(self, profile: str) -> Registry:
        """The rules that report at least one code of ``profile``."""
        wanted = self.profile_codes(profile)

        def keep(rule: Callable[..., None]) -> bool:
            return not wanted.keys().isdisjoint(self.codes[rule])

        return Registry(
            [r for r in self.pointers if keep(r)],
            {tag: [r for r in rules if keep(r)] for tag, rules in self.by_tag.items()},
            [entry for entry in self.by_attribute if keep(entry[2])],
            [r for r in self.first if keep(r)],
            [r for r in self.last if keep(r)],
            {r: c for r, c in self.codes.items() if keep(r)},
        )


#: The registry every rule module registers into.
RULES = Registry()
