"""The project file, ``edition.toml``: found by walking up from the working folder, read once, typed and checked.

Every key has a default here (nothing of any particular edition); the file overrides the defaults and the command
line overrides the file. Each value remembers where it came from (:attr:`Setting.origin`), which ``edition config``
prints. The format, every key and an example: docs/project.md.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from toolkit.errors import ToolkitError

__all__ = [
    "FILENAME",
    "KEYS",
    "PROFILES",
    "Config",
    "ConfigError",
    "Key",
    "Setting",
    "Site",
    "find_project_file",
    "load",
]

#: The project file's name; the first one found walking up from the working folder is the project's.
FILENAME = "edition.toml"
#: The rule profiles (docs/project.md, docs/validate.md): TEI P5's own requirements only, or the house rules too.
PROFILES = ("tei", "edition")
#: Where a value came from when neither the file nor the command line gave it.
DEFAULT = "default"
COMMAND_LINE = "command line"


class ConfigError(ToolkitError):
    """The project file cannot be used: its syntax, an unknown key, or a value of the wrong kind."""


@dataclass(frozen=True)
class Key:
    """One key of the project file: its dotted name, how its value is read and checked, its default, what it means."""

    name: str
    read: Callable[[object], object]
    default: object
    help: str


def _text(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("a string")
    return value


def _texts(value: object) -> object:
    """A string or a list of strings (a lone string is a list of one)."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("a string or a list of strings")
    return tuple(value)


#: The divisions that are pages of their own unless a project says otherwise: FRUS's documents (a volume of FRUS is
#: read a document at a time); a text without such divisions is one page.
PAGE_DIVISIONS = ("document",)


def _tokens(value: object) -> object:
    """A list of names (letters, digits, ``_ . -``; a lone string is a list of one), such as ``div/@type`` values:
    they may become parts of file names."""
    names = _texts(value)
    if not isinstance(names, tuple) or not all(re.fullmatch(r"[\w.-]+", name) for name in names):
        raise ValueError('a list of names of letters, digits, "_", "." and "-", e.g. ["document"]')
    return names


def _flag(value: object) -> object:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def _profile(value: object) -> object:
    if value not in PROFILES:
        raise ValueError(" or ".join(f'"{p}"' for p in PROFILES))
    return value


def is_site_url(url: str) -> bool:
    """True for an address a site can be published at: an absolute http(s) URL, no query or fragment (the one rule
    for ``site.base-url`` and ``--base-url``)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.query and not parts.fragment


def _url(value: object) -> object:
    """An absolute http(s) URL; a trailing slash is added (pages are made from it by appending their names)."""
    if not isinstance(value, str):
        raise ValueError("an absolute http(s) URL such as https://example.org/edition/")
    if value == "":
        return ""
    if not is_site_url(value):
        raise ValueError("an absolute http(s) URL such as https://example.org/edition/ (no query or fragment)")
    return value if value.endswith("/") else value + "/"


def _language(value: object) -> object:
    if not isinstance(value, str) or (value and not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", value)):
        raise ValueError("a BCP 47 language tag such as en, fr or de-CH")
    return value


#: The bag-info.txt fields a project may fill (docs/archive.md): key -> label. Each is also an option of
#: ``edition export bagit`` (``--contact-email``) and a field of the archive's EditionMetadata.
BAG_FIELDS = {
    "source-organization": "Source-Organization",
    "organization-address": "Organization-Address",
    "contact-name": "Contact-Name",
    "contact-phone": "Contact-Phone",
    "contact-email": "Contact-Email",
    "external-description": "External-Description",
    "external-identifier": "External-Identifier",
    "bag-group-identifier": "Bag-Group-Identifier",
    "internal-sender-identifier": "Internal-Sender-Identifier",
    "internal-sender-description": "Internal-Sender-Description",
}

KEYS: tuple[Key, ...] = (
    Key("sources.include", _texts, ("tei",), "the TEI sources: folders, files or glob patterns"),
    Key("sources.exclude", _texts, (), "glob patterns of files to leave out of the sources"),
    Key("validate.schema", _texts, (), "the schema or schemas (.xsd, .rng); none: the file's own, else the default"),
    Key("validate.profile", _profile, "tei", 'the rule profile: "tei" (TEI P5 only) or "edition" (the house rules)'),
    Key("site.title", _text, "", "the site's title (none: the driver's main title, else the first text's)"),
    Key("site.editors", _texts, (), "the edition's editors, as they are to be named"),
    Key("site.publisher", _text, "", "the publisher"),
    Key("site.licence", _text, "", "the licence of the edition (a name or a URL)"),
    Key("site.version", _text, "", "the edition's version"),
    Key("site.base-url", _url, "", "the site's absolute http(s) URL (citations, identifiers of the bag)"),
    Key("site.language", _language, "", "the site's language (BCP 47; none: the driver's xml:lang)"),
    Key("site.introduction", _text, "", "the xml:id of the text the home page shows as the introduction"),
    Key(
        "site.page-divisions",
        _tokens,
        PAGE_DIVISIONS,
        "the div/@type values whose divisions are pages of their own (FRUS's documents); []: a page per text",
    ),
    Key("pdf.build", _flag, False, "edition build makes the print edition and its PDF too (as --pdf)"),
    Key("build.out", _text, "output", "the output folder of edition build"),
    *(Key(f"bag.{name}", _text, "", f"{label} in bag-info.txt") for name, label in BAG_FIELDS.items()),
)
_BY_NAME = {key.name: key for key in KEYS}


@dataclass(frozen=True)
class Setting:
    """A value and where it came from: ``default``, ``edition.toml:LINE`` or ``command line``."""

    value: Any
    origin: str = DEFAULT


@dataclass(frozen=True)
class Site:
    """The site's metadata (``[site]``): an empty value is taken from the driver's header by the build."""

    title: str
    editors: tuple[str, ...]
    publisher: str
    licence: str
    version: str
    base_url: str
    language: str
    introduction: str
    #: the division types that are pages of their own (``div/@type``), each page linked from its text's page
    page_divisions: tuple[str, ...]


SITE_KEYS = (
    "title",
    "editors",
    "publisher",
    "licence",
    "version",
    "base-url",
    "language",
    "introduction",
    "page-divisions",
)


@dataclass(frozen=True)
class Config:
    """The effective configuration: the project file (if any) over the defaults, the command line over both."""

    #: the project file, or ``None`` when there is none (every value is then a default)
    file: Path | None
    #: the folder relative paths are resolved from: the project file's, else the working folder
    root: Path
    settings: Mapping[str, Setting] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.setting(name).value

    def setting(self, name: str) -> Setting:
        """The value of key ``name`` and its origin (a default if nobody set it)."""
        return self.settings.get(name) or Setting(_BY_NAME[name].default)

    def given(self, name: str) -> bool:
        """True when the project file or the command line set ``name``."""
        return self.setting(name).origin != DEFAULT

    def with_values(self, values: Mapping[str, object], origin: str = COMMAND_LINE) -> Config:
        """This configuration with ``values`` (dotted key -> raw value) set from ``origin``; each is checked."""
        settings = dict(self.settings)
        for name, raw in values.items():
            settings[name] = Setting(_checked(name, raw, origin), origin)
        return replace(self, settings=settings)

    def with_assignments(self, assignments: Iterable[str]) -> Config:
        """This configuration with ``KEY=VALUE`` assignments of the command line (``--set``); VALUE is TOML if it
        parses as a TOML value (``true``, ``["a", "b"]``), else a string."""
        values: dict[str, object] = {}
        for assignment in assignments:
            name, equals, raw = assignment.partition("=")
            if not equals or not name.strip():
                raise ConfigError(f"--set {assignment!r}: expected KEY=VALUE, e.g. site.title='My edition'")
            try:
                values[name.strip()] = tomllib.loads(f"value = {raw}")["value"]
            except tomllib.TOMLDecodeError:
                values[name.strip()] = raw
        return self.with_values(values)

    @property
    def profile(self) -> str:
        """The rule profile: ``tei`` or ``edition``."""
        return str(self["validate.profile"])

    def path(self, value: str) -> Path:
        """A path of the project file, relative to its folder, as a path from the working folder."""
        resolved = Path(value) if Path(value).is_absolute() else self.root / value
        try:
            return Path(os.path.relpath(resolved))
        except ValueError:  # another drive (Windows)
            return resolved

    @property
    def site(self) -> Site:
        """The site's metadata."""
        return Site(*(self[f"site.{name}"] for name in SITE_KEYS))

    @property
    def schemas(self) -> list[Path]:
        """The schemas the project names, from the working folder."""
        return [self.path(value) for value in self["validate.schema"]]

    @property
    def out(self) -> Path:
        """The build's output folder, from the working folder."""
        return self.path(str(self["build.out"]))

    def sources(self) -> list[Path]:
        """The sources: folders and files as given, glob patterns expanded, less the exclusions (from the root)."""
        found: list[Path] = []
        for pattern in self["sources.include"]:
            if _is_glob(pattern):
                found += sorted(self.path(str(p.relative_to(self.root))) for p in self.root.glob(pattern))
            else:
                found.append(self.path(pattern))
        excluded = tuple(self["sources.exclude"])
        if not excluded:
            return found
        from pathspec import GitIgnoreSpec  # gitignore's patterns: what an editor already writes in .gitignore

        from toolkit.corpus import discover

        spec = GitIgnoreSpec.from_lines(excluded)
        kept = []
        for file in discover([p for p in found if p.exists()]):
            try:
                relative = file.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                relative = file.as_posix()
            if not spec.match_file(relative):
                kept.append(self.path(str(file.resolve())))
        return kept

    def bag_info(self) -> dict[str, str]:
        """The bag-info.txt fields the project sets, by option name (``contact-email``)."""
        return {name: str(self[f"bag.{name}"]) for name in BAG_FIELDS if self[f"bag.{name}"]}

    def rows(self) -> list[tuple[str, Any, str]]:
        """Every key, its effective value and its origin, in the order of :data:`KEYS`."""
        return [(key.name, self[key.name], self.setting(key.name).origin) for key in KEYS]


def _is_glob(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def _checked(name: str, raw: object, origin: str) -> object:
    key = _BY_NAME.get(name)
    if key is None:
        import difflib  # only an unknown key's hint needs it

        close = difflib.get_close_matches(name, list(_BY_NAME), n=1)
        raise ConfigError(
            f"{origin}: unknown key {name!r}",
            f"did you mean {close[0]!r}?" if close else "docs/project.md and `edition config` list the keys",
        )
    try:
        return key.read(raw)
    except ValueError as expected:
        raise ConfigError(f"{origin}: {name}: expected {expected}, got {raw!r}") from None


def find_project_file(start: Path | None = None) -> Path | None:
    """The ``edition.toml`` of the working folder (or ``start``) or the nearest folder above it, if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / FILENAME
        if candidate.is_file():
            return candidate
    return None


def load(file: Path | None = None, *, start: Path | None = None) -> Config:
    """The project's configuration: ``file``, else the project file found from ``start``, else the defaults."""
    found = file if file is not None else find_project_file(start)
    if found is None:
        return Config(None, (start or Path.cwd()).resolve())
    try:
        text = found.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the project file {found}: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{found}: not valid TOML: {error}", "see https://toml.io for the syntax") from None
    lines = _key_lines(text)
    settings: dict[str, Setting] = {}
    for name, raw in _flatten(data, found):
        line = f":{lines[name]}" if name in lines else ""
        settings[name] = Setting(_checked(name, raw, f"{found}{line}"), f"{found.name}{line}")
    return Config(found, found.parent.resolve(), settings)


def _flatten(data: Mapping[str, object], file: Path, prefix: str = "") -> Iterable[tuple[str, object]]:
    for name, value in data.items():
        dotted = f"{prefix}{name}"
        if isinstance(value, dict):
            if dotted in _BY_NAME:
                raise ConfigError(f"{file}: {dotted}: expected a value, got a table")
            yield from _flatten(value, file, dotted + ".")
        else:
            yield dotted, value


_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\s\"']+?)\s*\]\s*(#.*)?$")
_ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*|\"[^\"]+\")\s*=")


def _key_lines(text: str) -> dict[str, int]:
    """The line of each key (dotted, with its table) in a TOML text: tomllib keeps no positions."""
    table, lines = "", {}
    for number, line in enumerate(text.splitlines(), 1):
        if header := _TABLE.match(line):
            table = re.sub(r"\s+", "", header[1]).replace('"', "").replace("'", "") + "."
        elif assignment := _ASSIGNMENT.match(line):
            key = re.sub(r"\s+", "", assignment[1]).strip('"')
            lines.setdefault(table + key, number)
    return lines
