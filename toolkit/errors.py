"""Errors and exit statuses: one table for every command (0 fine, 1 the sources have problems, 2 usage or I/O).

Library code raises a :class:`ToolkitError` (or a subclass) when a command cannot do its work at all, and returns
diagnostics when the sources have problems; only the CLI turns either into an exit status, through
:func:`exit_status` and the one handler in ``toolkit.cli``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from pathlib import Path

from toolkit.diagnostics import Diagnostic, Severity

__all__ = ["IO_CODES", "ExitStatus", "NothingToDo", "ToolkitError", "exit_status"]


class ExitStatus(IntEnum):
    """The exit status of every command."""

    #: the command did its work and found nothing wrong (warnings allowed unless --strict)
    OK = 0
    #: the sources have problems: errors (or warnings under --strict), a quotation check that failed
    PROBLEMS = 1
    #: the command could not do its work: a usage error, a file or server it cannot reach, nothing to work on
    USAGE = 2


#: Codes that mean something could not be read or written at all, rather than that a source is wrong.
IO_CODES = frozenset({"TEI005"})


class ToolkitError(Exception):
    """A command cannot do its work (usage, I/O, a missing tool); the message says what, the hint what to do."""

    status = ExitStatus.USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NothingToDo(ToolkitError):
    """The paths given hold no TEI source: every command refuses an empty edition the same way."""

    def __init__(self, paths: Iterable[Path]) -> None:
        shown = ", ".join(str(path) for path in paths) or "(none)"
        super().__init__(f"no TEI file found in {shown}", "name TEI files or the folders that hold them")


def exit_status(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> ExitStatus:
    """The status a run ends with, from its diagnostics: an unreadable file is 2, an error (or warning) 1."""
    found = list(diagnostics)
    if any(d.code in IO_CODES for d in found):
        return ExitStatus.USAGE
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return ExitStatus.PROBLEMS if any(d.severity in failing for d in found) else ExitStatus.OK
