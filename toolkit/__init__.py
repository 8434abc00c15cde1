"""A toolkit for TEI P5 critical editions: load, validate, publish, compare and archive.

The names below are the public API; everything else is implementation.
"""

from toolkit.corpus import Corpus, Document, LoadError, load
from toolkit.diagnostics import Diagnostic, Severity, Summary

__all__ = [
    "Corpus",
    "Diagnostic",
    "Document",
    "LoadError",
    "Severity",
    "Summary",
    "load",
]
