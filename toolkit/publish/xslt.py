"""Saxon (saxonche) stylesheets compiled once per run, typed parameters, structured ``xsl:message`` diagnostics.

A stylesheet reports a finding with ``<xsl:message select="string-join((code, level, base-uri(), path(), text),
'|')"/>``; :func:`message_diagnostics` turns those messages into located :class:`Diagnostic` values.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from toolkit.corpus import LoadError, display_path, load_document
from toolkit.diagnostics import Diagnostic, Severity, sorted_diagnostics

#: A stylesheet parameter: Python types map to XSD types (str -> xs:string, bool -> xs:boolean, int -> xs:integer).
ParamValue = str | bool | int

_STEP = re.compile(r"Q\{([^}]*)\}([^\[/]+)\[(\d+)\]")


class XsltError(Exception):
    """A stylesheet failed to compile or to run; the message names the stylesheet and Saxon's reason."""


@dataclass(frozen=True)
class XslMessage:
    """One structured message: ``code|level|document URI|path()|text``."""

    code: str
    level: str
    uri: str
    path: str
    text: str

    @classmethod
    def parse(cls, raw: str) -> XslMessage:
        """Split a raw message; an unstructured one becomes a warning ``XSL000`` without a location."""
        parts = raw.split("|", 4)
        if len(parts) == 5:
            return cls(*parts)
        return cls("XSL000", "warning", "", "", raw)


@dataclass
class Result:
    """What one transformation produced: the principal output (if any) and its messages."""

    text: str | None
    messages: list[XslMessage]


class Stylesheet:
    """A compiled stylesheet; run it many times with different sources and parameters (one run at a time)."""

    def __init__(self, engine: Engine, path: Path, executable: Any) -> None:
        self.path = path
        self._engine = engine
        self._executable = executable
        self._lock = threading.Lock()

    def transform(
        self,
        source: Path | None = None,
        *,
        params: Mapping[str, ParamValue] | None = None,
        template: str | None = None,
        output_dir: Path | None = None,
    ) -> Result:
        """Apply the stylesheet to ``source`` (or call ``template``); secondary results go to ``output_dir``."""
        from saxonche import PySaxonApiError

        executable = self._executable
        with self._lock:
            executable.clear_parameters()
            executable.clear_xsl_messages()
            for name, value in (params or {}).items():
                executable.set_parameter(name, self._engine.value(value))
            if output_dir is not None:
                executable.set_base_output_uri(output_dir.resolve().as_uri() + "/")
            try:
                if template is not None:
                    if source is not None:
                        executable.set_global_context_item(file_name=str(source))
                    text = executable.call_template_returning_string(template)
                else:
                    text = executable.transform_to_string(source_file=str(source))
            except PySaxonApiError as error:
                raise XsltError(f"{display_path(self.path)}: {error}") from None
            return Result(text, _messages(executable))

    def call(self, name: str, *args: ParamValue) -> str:
        """The string value of a public stylesheet function, ``{namespace}local`` (for tests and tools)."""
        from saxonche import PySaxonApiError

        with self._lock:
            try:
                value = self._executable.call_function_returning_value(name, [self._engine.value(a) for a in args])
            except PySaxonApiError as error:
                raise XsltError(f"{display_path(self.path)}: {name}: {error}") from None
            return "" if value is None else " ".join(value.item_at(i).string_value for i in range(value.size))


class Engine:
    """One Saxon processor per run; each stylesheet is compiled on first use and then reused."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor

        self._processor = PySaxonProcessor(license=False)
        self._compiler = self._processor.new_xslt30_processor()
        self._compiled: dict[Path, Stylesheet] = {}
        self._lock = threading.Lock()

    def stylesheet(self, path: Path) -> Stylesheet:
        """The compiled stylesheet at ``path`` (compiled once per engine)."""
        from saxonche import PySaxonApiError

        key = path.resolve()
        with self._lock:
            if key not in self._compiled:
                try:
                    executable = self._compiler.compile_stylesheet(stylesheet_file=str(key))
                except PySaxonApiError as error:
                    raise XsltError(f"{display_path(key)} does not compile: {error}") from None
                if executable is None:
                    raise XsltError(f"{display_path(key)} does not compile: {self._compiler.error_message}")
                executable.set_save_xsl_message(True, None)
                self._compiled[key] = Stylesheet(self, key, executable)
            return self._compiled[key]

    @property
    def compiled(self) -> int:
        """How many stylesheets this engine has compiled."""
        return len(self._compiled)

    def value(self, value: ParamValue) -> Any:
        """The XDM value of a Python parameter value (bool before int: ``True`` is an int too)."""
        if isinstance(value, bool):
            return self._processor.make_boolean_value(value)
        if isinstance(value, int):
            return self._processor.make_integer_value(value)
        return self._processor.make_string_value(value)


def _messages(executable: Any) -> list[XslMessage]:
    messages = executable.get_xsl_messages()
    if not messages:
        return []
    return [XslMessage.parse(messages.item_at(i).string_value) for i in range(messages.size)]


def _element_steps(saxon_path: str) -> list[re.Match[str]]:
    """The leading element steps of a Saxon path (namespace URIs contain slashes: match, do not split)."""
    steps, position = [], 0
    for match in _STEP.finditer(saxon_path):
        if match.start() != position + 1 or saxon_path[position] != "/":
            break
        steps.append(match)
        position = match.end()
    return steps


def lxml_path(saxon_path: str) -> str:
    """An XPath lxml can evaluate for a Saxon ``path()`` (``/Q{ns}TEI[1]/Q{ns}text[1]``); non-element steps dropped."""
    steps = [
        f"*[local-name()='{m.group(2)}'][namespace-uri()='{m.group(1)}'][{m.group(3)}]"
        for m in _element_steps(saxon_path)
    ]
    return "/" + "/".join(steps)


def _readable(saxon_path: str) -> str:
    return "/" + "/".join(m.group(2) + f"[{m.group(3)}]" for m in _element_steps(saxon_path))


def message_diagnostics(messages: Iterable[XslMessage], *, hints: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """Located diagnostics for structured messages: the file, line and column of the element ``path()`` named."""
    documents: dict[str, Any] = {}
    diagnostics = []
    for message in messages:
        file, line, column = message.uri, 1, 1
        if message.uri.startswith("file:"):
            path = Path(unquote(urlparse(message.uri).path))
            file = display_path(path)
            if message.uri not in documents:
                try:
                    documents[message.uri] = load_document(path)
                except LoadError:  # a file gone since the transform keeps its message, unlocated
                    documents[message.uri] = None
            document = documents[message.uri]
            if document is not None and message.path:
                found = document.root.getroottree().xpath(lxml_path(message.path))
                if found:
                    line, column = found[0].sourceline or 1, document.column_of(found[0])
        severity = Severity.ERROR if message.level == "error" else Severity.WARNING
        hint = (hints or {}).get(message.code)
        diagnostics.append(
            Diagnostic(message.code, severity, file, line, column, message.text, _readable(message.path), hint)
        )
    return sorted_diagnostics(diagnostics)
