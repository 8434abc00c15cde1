"""Validate TEI files in three layers: well-formedness, schema, and editorial rules across the corpus."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from toolkit.corpus import DEFAULT_MAX_BYTES, Corpus, Discovery, Document, LoadError, Skipped, load_document, walk
from toolkit.diagnostics import Diagnostic, Summary, sorted_diagnostics
from toolkit.validate.schema import EDITION_XSD, Schema, SchemaLoadError, jing_schema, load_schema

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


def _check_file(path: Path, schema: Schema | None, max_bytes: int) -> tuple[Document | None, list[Diagnostic]]:
    try:
        doc = load_document(path, max_bytes)
    except LoadError as exc:
        return None, [exc.diagnostic]
    return doc, schema.check(doc) if schema is not None else []


def _schema_findings(path: Path, schema: Path | None, max_bytes: int) -> list[Diagnostic]:
    """In a worker process: parse one file and check it against the schema (compiled once per process)."""
    return _check_file(path, load_schema(schema) if schema is not None else None, max_bytes)[1]


def _in_parallel(
    files: list[Path], checker: Schema | None, max_bytes: int, workers: int, *, keep: bool
) -> tuple[list[Document], list[Diagnostic]]:
    """Parse and schema-check in worker processes; meanwhile parse here the documents the rules need.

    Processes, not threads: half the work per file is Python (measured: threads were slower than one worker).
    """
    task = partial(_schema_findings, schema=checker.path if checker is not None else None, max_bytes=max_bytes)
    # when this process parses for the rules it is one of the ``workers``
    # forkserver, not fork: the caller may run threads (saxonche's, a web server's) that a fork would copy mid-lock
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["toolkit.validate"])
    with ProcessPoolExecutor(max_workers=max(1, workers - 1) if keep else workers, mp_context=context) as pool:
        pending = pool.map(task, files, chunksize=max(1, len(files) // (workers * 8)))
        documents = [doc for doc in (_loaded(p, max_bytes) for p in files) if doc is not None] if keep else []
        diagnostics = [d for found in pending for d in found]
    return documents, diagnostics


def _loaded(path: Path, max_bytes: int) -> Document | None:
    try:
        return load_document(path, max_bytes)
    except LoadError:
        return None  # the worker reports it


def validate(
    paths: Sequence[Path],
    *,
    schema: Path | None = None,
    rules: bool = True,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    use_schema: bool = True,
    use_jing: bool = True,
    found: Discovery | None = None,
) -> ValidationResult:
    """Check ``paths`` (files or folders); ``schema`` defaults to our TEI subset; raise SchemaLoadError if unusable.

    Each edition that ``paths`` name (see :func:`toolkit.corpus.walk`) is its own corpus for the editorial rules.
    A RELAX NG ``schema`` is checked by jing in one process when jing is installed (and ``use_jing``), else by libxml2.
    ``found`` is the walk of ``paths`` when the caller has made it already (a build walks the sources once).
    """
    found = found if found is not None else walk(paths)
    files = found.files
    schema_path = (schema or EDITION_XSD).resolve()
    batch = jing_schema(schema_path) if use_schema and use_jing else None
    checker = load_schema(schema_path) if use_schema and batch is None else None
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        documents, diagnostics = _in_parallel(files, checker, max_bytes, workers, keep=rules or batch is not None)
    else:
        outcomes = [_check_file(p, checker, max_bytes) for p in files]
        documents = [doc for doc, _ in outcomes if doc is not None]
        diagnostics = [d for _, found in outcomes for d in found]
    if batch is not None:
        diagnostics.extend(batch.check_all(documents))
    if rules:
        from toolkit.validate import rules as editorial

        by_path = {doc.path: doc for doc in documents}
        findings = [
            finding
            for edition in found.editions
            for finding in editorial.check(
                Corpus(documents=[by_path[p] for p in edition if p in by_path], max_bytes=max_bytes)
            )
        ]
        diagnostics = _without_restatements(diagnostics, findings)
    return ValidationResult(sorted_diagnostics(diagnostics), len(files), documents if rules else [], found.skipped)


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
