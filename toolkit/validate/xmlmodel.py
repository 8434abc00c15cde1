"""The schemas a file declares: its ``<?xml-model?>`` processing instructions, resolved to local files, never fetched.

As Oxygen and the TEI's validator read them: ``schematypens`` (or ``type``, or the file's suffix) says the kind;
``href`` is resolved from the file's folder; a ``tei_all`` URL of the TEI Consortium is the TEI P5 copy the toolkit
ships (``schemas/tei-p5/``, TEI P5 4.12.0). Any other remote URL is not fetched: it is a warning that names the URL
and says how to point at a local copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from toolkit.codes import diagnostic
from toolkit.corpus import Document, root_name
from toolkit.diagnostics import Diagnostic
from toolkit.resources import TEI_ALL_RNG

__all__ = ["RNG_NS", "SCHEMATRON_NS", "XSD_NS", "SchemaRef", "declared_schemas", "schema_ref", "well_known"]

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"
_OLD_SCHEMATRON_NS = "http://www.ascc.net/xml/schematron"
TEI_NS = "http://www.tei-c.org/ns/1.0"
_PSEUDO = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: The TEI Consortium's URLs for tei_all (release, Vault, any scheme and host spelling) -> the shipped copy.
_TEI_ALL = re.compile(
    r"^https?://(www\.)?tei-c\.org/(release|Vault/P5/[^/]+)/xml/tei/custom/schema/(relaxng/tei_all\.rng|xsd/tei_all\.xsd)$"
)


@dataclass(frozen=True)
class SchemaRef:
    """One schema to check a file with: its local path, and which of its parts to use.

    ``grammar``: the RELAX NG or XSD grammar; ``schematron``: the Schematron it holds (a ``.sch``, or the patterns
    embedded in a RELAX NG or XSD schema, or an ODD's ``constraintSpec``s). ``origin`` says who asked for it.
    """

    path: Path
    grammar: bool = True
    schematron: bool = True
    origin: str = ""

    @property
    def relaxng(self) -> bool:
        """True for a RELAX NG grammar (checked by jing when it is installed)."""
        return self.path.suffix.lower() == ".rng"


def schema_ref(path: Path, origin: str = "") -> SchemaRef:
    """The schema at ``path`` used whole, as ``--schema`` or a project file names it: grammar and Schematron.

    A ``.sch`` is Schematron only; an ODD (``.odd``, or TEI XML) contributes its ``constraintSpec``s only.
    """
    root = root_name(path)
    # a Schematron or an ODD is Schematron only; anything else is a grammar (whose loader says if it is not one)
    grammar = root is None or root.namespace not in {SCHEMATRON_NS, _OLD_SCHEMATRON_NS, TEI_NS}
    return SchemaRef(path.resolve(), grammar=grammar, schematron=True, origin=origin or str(path))


def well_known(url: str) -> Path | None:
    """The shipped copy for a well-known TEI schema URL (``…/relaxng/tei_all.rng``, its XSD twin), else ``None``.

    The XSD of tei_all is generated from the same ODD as the RELAX NG: the shipped RELAX NG stands for both.
    """
    return TEI_ALL_RNG if _TEI_ALL.match(url.strip()) else None


def _pseudo_attributes(text: str) -> dict[str, str]:
    return {m[1]: m[2] if m[2] is not None else m[3] for m in _PSEUDO.finditer(text or "")}


def _kind(attributes: dict[str, str], href: str) -> str | None:
    """``rng``, ``xsd`` or ``sch`` from ``schematypens``, else ``type``, else the suffix; ``None`` if not known."""
    namespace = attributes.get("schematypens", "")
    if namespace == RNG_NS:
        return "rng"
    if namespace == XSD_NS:
        return "xsd"
    if namespace in {SCHEMATRON_NS, _OLD_SCHEMATRON_NS}:
        return "sch"
    if namespace:
        return None
    if attributes.get("type") == "application/relax-ng-compact-syntax":
        return "rnc"
    suffix = Path(urlparse(href).path).suffix.lower()
    return {".rng": "rng", ".xsd": "xsd", ".sch": "sch", ".rnc": "rnc"}.get(suffix)


def declared_schemas(doc: Document) -> tuple[list[SchemaRef], list[Diagnostic]]:
    """The schemas ``doc``'s ``xml-model`` instructions declare, and a warning for each that cannot be used."""
    refs: list[SchemaRef] = []
    warnings: list[Diagnostic] = []
    for pi in reversed(list(doc.root.itersiblings(preceding=True))):
        if not isinstance(pi, etree._ProcessingInstruction) or pi.target != "xml-model":
            continue
        attributes = _pseudo_attributes(pi.text or "")
        href = attributes.get("href", "").strip()
        line = pi.sourceline or 1
        kind = _kind(attributes, href)
        where = f"xml-model of {doc.display_path()}:{line}"
        if not href or kind is None or kind == "rnc":
            what = "RELAX NG compact syntax" if kind == "rnc" else f"schematypens {attributes.get('schematypens')!r}"
            reason = "has no href" if not href else f"declares a kind of schema the toolkit does not check ({what})"
            warnings.append(_warning("TEI111", doc, line, f"xml-model {reason}; it is not checked", _HINT_OTHER))
            continue
        path = _local(href, doc.path)
        if path is None:
            warnings.append(
                _warning(
                    "TEI110",
                    doc,
                    line,
                    f"xml-model names the remote schema {href}; it is not fetched and the file is not checked "
                    "against it",
                    "download it and point at the copy: edition validate --schema FILE, the project file's schemas, "
                    'or a relative href="…" in the xml-model',
                )
            )
            continue
        if not path.is_file():
            warnings.append(
                _warning("TEI111", doc, line, f"xml-model names {href}, which does not exist ({path})", _HINT_OTHER)
            )
            continue
        if kind == "sch":
            refs.append(SchemaRef(path, grammar=False, schematron=True, origin=where))
        else:
            refs.append(SchemaRef(path, grammar=True, schematron=False, origin=where))
    return _merged(refs), warnings


_HINT_OTHER = "give a RELAX NG (.rng), XSD or Schematron schema that exists, or --schema FILE"


def _local(href: str, document: Path) -> Path | None:
    """The local file ``href`` names (relative to the document, a ``file:`` URL, a well-known TEI URL), or ``None``."""
    known = well_known(href)
    if known is not None:
        return known
    parsed = urlparse(href)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path)).resolve()
    if parsed.scheme and len(parsed.scheme) > 1:  # http, https, urn… (a one-letter scheme is a Windows drive)
        return None
    return (document.parent / unquote(href)).resolve()


def _merged(refs: list[SchemaRef]) -> list[SchemaRef]:
    """One entry per schema file, its parts united (CETEIcean declares tei_all.rng as RELAX NG and as Schematron)."""
    out: dict[Path, SchemaRef] = {}
    for ref in refs:
        seen = out.get(ref.path)
        out[ref.path] = (
            ref
            if seen is None
            else SchemaRef(ref.path, seen.grammar or ref.grammar, seen.schematron or ref.schematron, seen.origin)
        )
    return list(out.values())


def _warning(code: str, doc: Document, line: int, message: str, hint: str) -> Diagnostic:
    return diagnostic(code, doc.display_path(), line, 1, message, "", hint)
