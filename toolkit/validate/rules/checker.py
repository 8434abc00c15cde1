"""The editorial rules' shared state: the corpus indexed once, the checker that locates findings, the registry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.codes import severity_of
from toolkit.corpus import TEI_NS, XML_ID, Corpus, Document, elements_with_id, readable_xpath, tei_files_in
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
    resolved: dict[tuple[str, str], str | None] = field(default_factory=dict)
    #: pointer cache key -> local name of what it reaches, without reporting (for the apparatus rule)
    kinds: dict[tuple[str, str], str | None] = field(default_factory=dict)
    _folders: dict[int, str] = field(default_factory=dict, init=False, repr=False)
    _witnesses: dict[str, Document] | None = field(default=None, init=False, repr=False)

    def folder(self, doc: Document) -> str:
        """``doc``'s folder as a string: the key under which pointers from it are cached."""
        found = self._folders.get(id(doc))
        if found is None:
            found = self._folders[id(doc)] = str(doc.path.parent)
        return found

    def cache_key(self, doc: Document, token: str) -> tuple[str, str]:
        """Pointers with a file part mean the same from every file of a folder; ``#id`` only within its file."""
        return (self.folder(doc) if token[0] != "#" else str(id(doc)), token)

    def target(self, origin: Document, file_part: str) -> FileTarget:
        """The file a pointer's file part names from ``origin``: its path, whether it exists, its document if XML."""
        return self.edition.file(file_part, origin)

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
        """Load the other TEI files of each folder under check (pointers and ids are corpus-wide), index every id."""
        known = {doc.path for doc in corpus.documents}
        for folder in sorted({doc.path.parent for doc in corpus.documents}):
            for sibling in tei_files_in(folder):
                if sibling not in known:
                    corpus.document(sibling)
        documents = sorted(corpus.all_documents(), key=lambda d: d.path)
        index = cls(Edition.of(corpus), {d.path for d in corpus.documents}, documents)
        for doc in index.documents:
            for element in elements_with_id(doc.root):
                index.ids[element.get(XML_ID)].append((doc, element))
        return index


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
        checked = self.index.checked
        if doc.path not in checked and (about is None or about.path not in checked):
            return
        self.out.append(
            Diagnostic(
                code,
                severity_of(code),
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
#: A rule run once over the whole corpus.
CorpusRule = Callable[[Checker], None]


@dataclass
class Registry:
    """The rules, registered by the module of their code family: by element, by attribute, or over the corpus."""

    #: rules run on every element of every document, under check or not (they look at incoming pointers)
    everywhere: list[ElementRule] = field(default_factory=list)
    by_tag: dict[str, list[ElementRule]] = field(default_factory=dict)
    by_attribute: list[tuple[frozenset[str], frozenset[str], ElementRule]] = field(default_factory=list)
    first: list[CorpusRule] = field(default_factory=list)
    last: list[CorpusRule] = field(default_factory=list)

    def every_element(self, rule: ElementRule) -> ElementRule:
        """Register a rule for every element of every document loaded, under check or only for context."""
        self.everywhere.append(rule)
        return rule

    def element(self, *names: str) -> Callable[[ElementRule], ElementRule]:
        """Register a rule for the TEI elements ``names``."""

        def register(rule: ElementRule) -> ElementRule:
            for name in names:
                self.by_tag.setdefault(tei(name), []).append(rule)
            return rule

        return register

    def attributes(self, names: frozenset[str], *, or_elements: frozenset[str]) -> Callable[[ElementRule], ElementRule]:
        """Register a rule for any element carrying one of the attributes ``names``, or named one of ``or_elements``."""

        def register(rule: ElementRule) -> ElementRule:
            self.by_attribute.append((names, frozenset(tei(n) for n in or_elements), rule))
            return rule

        return register

    def corpus(self, *, last: bool = False) -> Callable[[CorpusRule], CorpusRule]:
        """Register a rule run once over the corpus, before the elements are walked (or after, with ``last``)."""

        def register(rule: CorpusRule) -> CorpusRule:
            (self.last if last else self.first).append(rule)
            return rule

        return register


#: The registry every rule module registers into.
RULES = Registry()
