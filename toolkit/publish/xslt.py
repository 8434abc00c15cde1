"""The one seam to Saxon (saxonche): one processor per run, each stylesheet compiled once, each document parsed once.

Every use of Saxon in the toolkit goes through an :class:`Engine`. Parameters are typed: a Python ``str``, ``bool`` or
``int`` is an atomic value, a :class:`~pathlib.Path` the document at that path (parsed once per engine and handed to
every stylesheet as the same node), a list or tuple a sequence, a mapping a map with string keys. An engine made with
``documents`` gives them to every stylesheet as ``$f:documents`` (``xslt/common/functions.xsl``), so that a pointer
into another file is resolved in the parsed document, not by ``doc()`` reading the file again.

A stylesheet reports a finding with ``<xsl:message select="string-join((code, level, base-uri(), path(), text),
'|')"/>``; :func:`message_diagnostics` turns those messages into located :class:`Diagnostic` values. A fatal
``error()`` loses its error code on the way to Python, so a stylesheet puts the code at the start of the message text
(the code, a colon, the message) and :class:`XsltError` gives it back as ``code``.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from toolkit.codes import diagnostic
from toolkit.corpus import LoadError, display_path, load_document
from toolkit.diagnostics import Diagnostic, sorted_diagnostics

#: A stylesheet parameter: str -> xs:string, bool -> xs:boolean, int -> xs:integer, Path -> document-node() (parsed
#: once per engine), a list or tuple -> a sequence, a mapping -> a map with xs:string keys.
ParamValue = str | bool | int | Path | Sequence["ParamValue"] | Mapping[str, "ParamValue"]

#: The parameter of ``xslt/common/functions.xsl`` that holds the edition's parsed documents.
DOCUMENTS = "{urn:x-edition:function}documents"

_STEP = re.compile(r"Q\{([^}]*)\}([^\[/]+)\[(\d+)\]")
#: The code a stylesheet's ``error()`` puts at the start of its message, followed by a colon.
_ERROR_CODE = re.compile(r"\b([A-Z]{3}\d{3}): ")


class XsltError(Exception):
    """A stylesheet failed to compile or to run; the message names the stylesheet and Saxon's reason.

    ``code`` is the diagnostic code a stylesheet's ``error()`` gave at the start of its message, else ``XSL000``.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        found = _ERROR_CODE.search(message)
        self.code = found.group(1) if found else "XSL000"


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
        source: Path | Any | None = None,
        *,
        params: Mapping[str, ParamValue] | None = None,
        template: str | None = None,
        output_dir: Path | None = None,
        documents: Sequence[Path] | None = None,
    ) -> Result:
        """Apply the stylesheet to ``source`` (a path, parsed once per engine, or a node), or call ``template``, or,
        with neither, its initial template (``xsl:initial-template``); secondary results go to ``output_dir``.

        ``documents``: the parsed documents this transform's pointers may reach, as ``$f:documents`` (default: the
        engine's). Give a page only the files it points at: handing every transform every document made a build
        quadratic in the corpus (each transform converted and indexed all N documents).
        """
        from saxonche import PySaxonApiError

        executable = self._executable
        node = self._engine.document(source) if isinstance(source, Path) else source
        reachable = documents if documents is not None else self._engine.documents
        keep: list[Any] = []  # every value given to Saxon, alive until the transform is done
        with self._lock:
            executable.clear_parameters()
            executable.clear_xsl_messages()
            if reachable is not None:
                executable.set_parameter(DOCUMENTS, self._engine.value(list(reachable), keep))
            for name, value in (params or {}).items():
                executable.set_parameter(name, self._engine.value(value, keep))
            if output_dir is not None:
                executable.set_base_output_uri(output_dir.resolve().as_uri() + "/")
            try:
                if template is not None or node is None:
                    if node is not None:
                        executable.set_global_context_item(xdm_item=node)
                    text = executable.call_template_returning_string(template)
                else:
                    text = executable.transform_to_string(xdm_node=node)
            except PySaxonApiError as error:
                raise XsltError(f"{display_path(self.path)}: {error}") from None
            return Result(text, _messages(executable))

    def call(self, name: str, *args: ParamValue | Any) -> str:
        """The string value of a public stylesheet function, ``{namespace}local``; an argument may be a parsed node
        (:meth:`Engine.parse`), so that a function is called on a context as XSpec does (for tests and tools)."""
        from saxonche import PySaxonApiError

        with self._lock:
            try:
                value = self._executable.call_function_returning_value(name, [self._engine.value(a) for a in args])
            except PySaxonApiError as error:
                raise XsltError(f"{display_path(self.path)}: {name}: {error}") from None
            return "" if value is None else " ".join(value.item_at(i).string_value for i in range(value.size))


class Engine:
    """One Saxon processor per run; each stylesheet is compiled on first use, each document parsed on first use."""

    def __init__(self, documents: Sequence[Path] | None = None) -> None:
        """``documents``: the edition's files, given to every stylesheet as ``$f:documents`` (parsed on first use)."""
        from saxonche import PySaxonProcessor

        self._processor = PySaxonProcessor(license=False)
        self._compiler = self._processor.new_xslt30_processor()
        self._compiled: dict[Path, Stylesheet] = {}
        self._parsed: OrderedDict[Path, Any] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()
        self.documents = list(documents) if documents is not None else None

    @property
    def processor(self) -> Any:
        """The Saxon processor (for the few callers that build values of their own)."""
        return self._processor

    def document(self, path: Path) -> Any:
        """The document at ``path`` as a Saxon node, parsed once per engine (its base URI is the file's)."""
        from saxonche import PySaxonApiError

        key = path.resolve()
        with self._lock:
            if key not in self._parsed:
                try:
                    self._parsed[key] = self._processor.parse_xml(xml_file_name=str(key))
                except PySaxonApiError as error:
                    raise XsltError(f"{display_path(key)} cannot be parsed: {error}") from None
            self._parsed.move_to_end(key)
            return self._parsed[key]

    def forget(self, paths: Iterable[Path] | None = None) -> None:
        """Drop the parsed documents at ``paths`` (all with ``None``): a long-lived engine (a worker's) parses again
        a file that changed, and keeps its memory bounded."""
        with self._lock:
            if paths is None:
                self._parsed.clear()
            for path in paths or ():
                self._parsed.pop(path.resolve(), None)

    @property
    def parsed(self) -> int:
        """How many documents this engine holds parsed."""
        return len(self._parsed)

    def trim(self, keep: int) -> list[Path]:
        """Drop the least recently used parsed documents beyond ``keep``; the paths dropped."""
        dropped = []
        with self._lock:
            while len(self._parsed) > keep:
                dropped.append(self._parsed.popitem(last=False)[0])
        return dropped

    def parse(self, text: str, *, base_uri: str = "") -> Any:
        """A Saxon node for an XML text (a document held in memory, a test's context); not cached."""
        from saxonche import PySaxonApiError

        builder = self._processor.new_document_builder()
        if base_uri:
            builder.set_base_uri(base_uri)
        try:
            return builder.parse_xml(xml_text=text)
        except PySaxonApiError as error:
            raise XsltError(f"{base_uri or 'document'} cannot be parsed: {error}") from None

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

    def value(self, value: ParamValue | Any, keep: list[Any] | None = None) -> Any:
        """The XDM value of a Python parameter value (bool before int: ``True`` is an int too); a Saxon value as is.

        ``keep`` collects every value made, for the caller to hold until Saxon is done with them: saxonche does not
        keep the members of a sequence alive, and a string freed by Python while its sequence is a parameter crashes
        the transform (measured: a sequence of two strings, 200 transforms, a segmentation fault).
        """
        keep = keep if keep is not None else []
        made: Any
        if isinstance(value, bool):
            made = self._processor.make_boolean_value(value)
        elif isinstance(value, int):
            made = self._processor.make_integer_value(value)
        elif isinstance(value, str):
            made = self._processor.make_string_value(value)
        elif isinstance(value, Path):
            made = self.document(value)
        elif isinstance(value, Mapping):
            made = self._processor.make_map2({str(key): self.value(item, keep) for key, item in value.items()})
        elif isinstance(value, list | tuple):
            made = self._processor.empty_sequence()
            for item in value:
                made.add_xdm_item(self.value(item, keep))
        else:
            made = value
        keep.append(made)
        return made


#: A long-lived engine (a worker's) keeps at most this many parsed documents, the most recently used: its memory
#: stays bounded however large the corpus.
KEEP_PARSED = 512

_local = threading.local()


def process_engine(code: str, documents: Sequence[tuple[Path, str]] = ()) -> Engine:
    """This thread's long-lived engine for stylesheets identified by ``code`` (a hash of their files): a worker
    compiles each stylesheet once, not once per file. ``documents`` are ``(path, digest)`` pairs: a document parsed
    by an earlier task is parsed again if its digest changed since (a worker outlives a build)."""
    engine: Engine | None = getattr(_local, "engine", None)
    if engine is None or _local.code != code:
        engine, _local.code, _local.versions = Engine(), code, {}
        _local.engine = engine
    versions: dict[Path, str] = _local.versions
    for path in engine.trim(KEEP_PARSED):  # the least recently used: the authority files every page reads stay
        versions.pop(path, None)
    stale = [path for path, digest in documents if versions.get(path, digest) != digest]
    engine.forget(stale)
    versions.update(documents)
    return engine


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
        hint = (hints or {}).get(message.code)
        # the severity is the code's (toolkit.codes), whatever level the message names
        diagnostics.append(diagnostic(message.code, file, line, column, message.text, _readable(message.path), hint))
    return sorted_diagnostics(diagnostics)
