"""A toolkit for TEI P5 critical editions: load, validate, publish, compare and archive.

The names in ``__all__`` are the public API; everything else is implementation. The commands' entry points
(``validate``, ``build``, ``export_bag``…) are imported when first used, so that ``import toolkit`` stays cheap
(saxonche, WeasyPrint and elementpath load only when a command needs them).
"""

from __future__ import annotations

import importlib

from toolkit.corpus import Corpus, Document, LoadError, load
from toolkit.diagnostics import Diagnostic, Severity, Summary
from toolkit.errors import ExitStatus, NothingToDo, ToolkitError, exit_status

#: Public name -> the module that defines it, imported on first use.
_LAZY = {
    "validate": "toolkit.validate",
    "ValidationResult": "toolkit.validate",
    "SchemaLoadError": "toolkit.validate",
    "build": "toolkit.publish.build",
    "BuildOptions": "toolkit.publish.build",
    "BuildReport": "toolkit.publish.build",
    "BuildError": "toolkit.publish.build",
    "RefusedDestination": "toolkit.publish.output",
    "export_bag": "toolkit.archive.bag",
    "export_dc": "toolkit.archive.bag",
    "BagInfo": "toolkit.archive.bag",
    "deposit": "toolkit.archive.deposit",
    "Server": "toolkit.archive.deposit",
    "Edition": "toolkit.edition",
    "build_report": "toolkit.variants",
    "check_quotations": "toolkit.variants",
}

__all__ = [
    "BagInfo",
    "BuildError",
    "BuildOptions",
    "BuildReport",
    "Corpus",
    "Diagnostic",
    "Document",
    "Edition",
    "ExitStatus",
    "LoadError",
    "NothingToDo",
    "RefusedDestination",
    "SchemaLoadError",
    "Server",
    "Severity",
    "Summary",
    "ToolkitError",
    "ValidationResult",
    "build",
    "build_report",
    "check_quotations",
    "deposit",
    "exit_status",
    "export_bag",
    "export_dc",
    "load",
    "validate",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
