"""BagIt Profiles (the bagit-profiles specification, JSON): the ``Bag-Info`` fields a receiving archive requires."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from toolkit.codes import diagnostic
from toolkit.diagnostics import Diagnostic
from toolkit.errors import ToolkitError

__all__ = ["BagProfile", "load_profile"]


@dataclass(frozen=True)
class BagProfile:
    """A profile's identifier and its ``Bag-Info`` rules: the required labels and the values each may take."""

    identifier: str
    required: tuple[str, ...]
    values: Mapping[str, tuple[str, ...]]

    def problems(self, fields: Mapping[str, str], out: Path) -> list[Diagnostic]:
        """One error per required field missing from ``fields`` or holding a value the profile does not allow."""
        found: list[Diagnostic] = []
        for label in self.required:
            if not fields.get(label):
                found.append(self._error(out, f"bag-info.txt has no {label}, which the profile requires", label))
        for label, allowed in self.values.items():
            if fields.get(label) and fields[label] not in allowed:
                message = f"bag-info.txt's {label} is {fields[label]!r}; the profile allows {', '.join(allowed)}"
                found.append(self._error(out, message, label))
        return found

    def _error(self, out: Path, message: str, label: str) -> Diagnostic:
        hint = f"pass --{label.lower()} (or --bag-info '{label}: …'), or add it to the driver's header"
        return diagnostic("ARC008", str(out), 1, 1, f"{message} ({self.identifier})", "", hint)


def load_profile(path: Path) -> BagProfile:
    """Read a BagIt Profile; ``ToolkitError`` if it cannot be read or is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rules = data.get("Bag-Info", {})
        if not isinstance(rules, dict) or not all(isinstance(r, dict) for r in rules.values()):
            raise ValueError("its Bag-Info is not an object of objects")
    except (OSError, ValueError, AttributeError) as exc:
        raise ToolkitError(f"cannot read the BagIt profile {path}: {exc}", "give a BagIt Profile (JSON)") from None
    info = data.get("BagIt-Profile-Info", {})
    identifier = info.get("BagIt-Profile-Identifier", str(path)) if isinstance(info, dict) else str(path)
    return BagProfile(
        identifier=str(identifier),
        required=tuple(label for label, rule in rules.items() if rule.get("required") is True),
        values={label: tuple(map(str, rule["values"])) for label, rule in rules.items() if rule.get("values")},
    )
