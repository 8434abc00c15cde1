"""Validate TEI files in three layers: well-formedness, schema, and editorial rules across the corpus."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.corpus import (
    DEFAULT_MAX_BYTES,
    Corpus,
    Discovery,
    Document,
    LoadError,
    Skipped,
    display_path,
    load_document,
    walk,
)
from toolkit.diagnostics import Diagnostic, Severity, Summary, sorted_diagnostics
from toolkit.validate.schema import EDITION_XSD, FileChecker, SchemaLoadError, SchemaRef, schema_ref

if TYPE_CHECKING:  # the executors are imported only when the work leaves this process
    from toolkit.executors import Executor

__all__ = ["EDITION_XSD", "IO_CODES", "SchemaLoadError", "ValidationResult", "validate"]

#: Below this many files, worker processes cost more to start (about 0.2 s) than they save: --jobs is ignored.
PARALLEL_MIN_FILES = 64
#: Codes that mean a file could not be read at all (exit status 2, not 1).
IO_CODES = frozenset({"TEI005"})


@dataclass
class ValidationResult:
    """The diagnostics of one run and the number of files checked."""

    diagnostics: list[Diagnostic]
    files: int
    #: The documents parsed for the rules (empty with ``rules=False``), for a caller that goes on to use them.
    documents: list[Document] = field(default_factory=list)
    #: XML files found in the folders but not checked, because they are not TEI.
    skipped: list[Skipped] = field(default_factory=list)

    def ok(self, strict: bool = False) -> bool:
        """True when no error was found (and, under ``strict``, no warning)."""
        return not Summary.of(self.diagnostics, self.files).failed(strict)

    @property
    def failures(self) -> list[Diagnostic]:
        """The files that could not be read or parsed (TEI0xx): they have no document."""
        return [d for d in self.diagnostics if d.code.startswith("TEI0")]

    def corpus(self) -> Corpus:
        """The documents parsed and the load failures, for a caller that goes on to use them (empty without rules)."""
        return Corpus(documents=self.documents, failures=self.failures)

    @property
    def io_failed(self) -> bool:
        """True when a file could not be read (an I/O problem rather than an invalid file)."""
        return any(d.code in IO_CODES for d in self.diagnostics)


def _check_file(
    path: Path, schema: FileChecker | None, max_bytes: int, expand_entities: bool = False
) -> tuple[Document | None, list[Diagnostic]]:
    try:
        doc = load_document(path, max_bytes, expand_entities=expand_entities)
    except LoadError as exc:
        return None, [exc.diagnostic]
    return doc, schema.check(doc) if schema is not None else []


def _checked_here(
    found: Discovery, checker: FileChecker | None, max_bytes: int, expand_entities: bool
) -> tuple[list[Document], list[Diagnostic], list[Skipped]]:
    """Parse and schema-check each file here; the files a walk found but whose root is not TEI are passed over."""
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    skipped: list[Skipped] = []
    for path in found.files:
        try:
            doc = load_document(path, max_bytes, expand_entities=expand_entities)
        except LoadError as exc:
            if found.unread and (passed := found.passed_over(path, None)) is not None:
                skipped.append(passed)
            else:
                diagnostics.append(exc.diagnostic)
            continue
        if found.unread and (passed := found.passed_over(path, doc.root)) is not None:
            skipped.append(passed)
            continue
        documents.append(doc)
        if checker is not None:
            diagnostics += checker.check(doc)
    skipped.sort(key=lambda passed: found.unread[passed.path])  # the walk's order, as a walk that read roots says
    return documents, diagnostics, skipped


def _schema_findings(
    path: Path, schema: FileChecker | None, max_bytes: int, expand_entities: bool = False
) -> list[Diagnostic]:
    """On a worker: parse one file and check it against its schemas (each compiled once per worker process)."""
    return _check_file(path, schema, max_bytes, expand_entities)[1]


def _on_executor(
    files: list[Path],
    checker: FileChecker | None,
    max_bytes: int,
    executor: Executor,
    *,
    keep: bool,
    expand_entities: bool = False,
) -> tuple[list[Document], list[Diagnostic]]:
    """Parse and schema-check on the executor's workers; meanwhile parse here the documents the rules need.

    Each worker is given the file's absolute path (its working folder may differ); its findings are said here about
    the path as the user gave it, so that the diagnostics are the same whatever ran them. A file whose task failed
    (a worker lost more often than the cluster allows) is a TEI005 finding: it was not checked.
    """
    from toolkit.executors import Failed

    task = partial(_schema_findings, schema=checker, max_bytes=max_bytes, expand_entities=expand_entities)
    pending = executor.map(task, [p.absolute() for p in files])
    loaded = (_loaded(p, max_bytes, expand_entities) for p in files)
    documents = [doc for doc in loaded if doc is not None] if keep else []
    diagnostics: list[Diagnostic] = []
    for path, outcome in zip(files, pending, strict=True):
        shown = display_path(path)
        if isinstance(outcome, Failed):
            diagnostics.append(Diagnostic("TEI005", Severity.ERROR, shown, 1, 1, f"not checked: {outcome.reason}"))
        else:
            diagnostics += [replace(d, file=shown) for d in outcome.value]
    return documents, diagnostics


def _loaded(path: Path, max_bytes: int, expand_entities: bool = False) -> Document | None:
    try:
        return load_document(path, max_bytes, expand_entities=expand_entities)
    except LoadError:
        return None  # the worker reports it


def validate(
    paths: Sequence[Path],
    *,
    schema: Path | None = None,
    schemas: Sequence[Path | SchemaRef] | None = None,
    rules: bool = True,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    use_schema: bool = True,
    use_jing: bool = True,
    found: Discovery | None = None,
    profile: str = "edition",
    executor: Executor | None = None,
    expand_entities: bool = False,
) -> ValidationResult:
    """Check ``paths`` (files or folders); ``schema`` defaults to our TEI subset; raise SchemaLoadError if unusable.

    Each edition that ``paths`` name (see :func:`toolkit.corpus.walk`) is its own corpus for the editorial rules.
    A RELAX NG ``schema`` is checked by jing in one process when jing is installed (and ``use_jing``), else by libxml2.
    ``found`` is the walk of ``paths`` when the caller has made it already (a build walks the sources once).
    ``profile`` selects the editorial rules: ``tei`` (TEI P5's own requirements) or ``edition`` (the house rules too).
    Parsing and the schema run on ``executor`` (toolkit/executors.py; default: the one ``jobs`` names, in process
    below :data:`PARALLEL_MIN_FILES` files); the editorial rules, across files, run here.
    ``schemas`` (``--schema``, else the project file's) check every file, each path used whole (a RELAX NG or XSD
    grammar with the Schematron it embeds, a ``.sch``, an ODD's constraints); ``schema`` is one of them. With
    neither, each file is checked against what its ``xml-model`` declares, else our TEI subset (see
    :class:`~toolkit.validate.schema.FileChecker`). ``expand_entities`` lets internal character entities through.
    """
    # in process, each file's root is read from its parse, not by a walk that opens every file first
    found = found if found is not None else walk(paths, read_roots=executor is not None or jobs != 1)
    files = found.files
    skipped = list(found.skipped)
    given = [*([schema] if schema is not None else []), *(schemas or [])] or None
    refs = [s if isinstance(s, SchemaRef) else schema_ref(s) for s in given] if given is not None else None
    checker = FileChecker(refs, use_jing=use_jing) if use_schema else None
    if _in_process(executor, jobs, len(files)):
        if checker is not None:  # in process, the Schematron runs while jing does (two cores)
            checker.overlap = True
        documents, diagnostics, passed_over = _checked_here(found, checker, max_bytes, expand_entities)
        skipped += passed_over
    else:  # on workers, the Schematron runs there
        from toolkit.executors import executor_for

        own = executor is None
        executor = executor if executor is not None else executor_for(jobs)
        try:
            keep = rules or (checker is not None and checker.may_batch)
            documents, diagnostics = _on_executor(
                files, checker, max_bytes, executor, keep=keep, expand_entities=expand_entities
            )
        finally:
            if own:
                executor.close()
    if checker is not None:
        diagnostics.extend(checker.check_batches(documents))
    if rules:
        from toolkit.validate import rules as editorial

        by_path = {doc.path: doc for doc in documents}
        findings = [
            finding
            for edition in found.editions
            for finding in editorial.check(
                Corpus(documents=[by_path[p] for p in edition if p in by_path], max_bytes=max_bytes), profile
            )
        ]
        diagnostics = _without_restatements(diagnostics, findings)
    checked = len(files) - len(skipped) + len(found.skipped)
    return ValidationResult(sorted_diagnostics(diagnostics), checked, documents if rules else [], skipped)


def _in_process(executor: Executor | None, jobs: int, files: int) -> bool:
    """True when the per-file work runs here: no executor given and one job or few files, or a local one that is
    not worth starting (an executor from outside is used as given, a Dask cluster at any size)."""
    if executor is None:
        if files < PARALLEL_MIN_FILES or jobs == 1:
            return True
        from toolkit.executors import workers_for

        return workers_for(jobs) == 1
    from toolkit.executors import InProcess, ProcessPool

    return isinstance(executor, InProcess) or (isinstance(executor, ProcessPool) and files < PARALLEL_MIN_FILES)


_ATTRIBUTE_VALUE = re.compile(r"@[\w:.-]+='[^']*'")


def _without_restatements(schema: list[Diagnostic], rules: list[Diagnostic]) -> list[Diagnostic]:
    """Both lists, less each schema finding that a rule finding restates at the same place about the same value.

    A bad date is a wrong type for the schema (TEI104) and a bad ISO 8601 value for the rules (TEI301); the editor
    is told once, by the rule, which says more.
    """
    said = {(d.file, d.line, d.column, value) for d in rules for value in _ATTRIBUTE_VALUE.findall(d.message)}
    kept = [
        d
        for d in schema
        if not any((d.file, d.line, d.column, value) in said for value in _ATTRIBUTE_VALUE.findall(d.message))
    ]
    return kept + list(rules)
