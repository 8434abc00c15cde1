"""``toolkit.__all__`` is the public API: every name in it resolves, and importing it stays cheap (httpx's test)."""

from __future__ import annotations

import subprocess
import sys

import toolkit


def test_every_public_name_resolves() -> None:
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name


def test_all_is_sorted_and_has_no_repeats() -> None:
    assert toolkit.__all__ == sorted(set(toolkit.__all__))


def test_every_public_object_defined_in_the_package_is_exported() -> None:
    # what ``toolkit`` itself imports eagerly and does not start with "_" is public, and must be listed
    eager = {
        name
        for name, value in vars(toolkit).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("toolkit")
    }
    assert eager <= set(toolkit.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        toolkit.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("no AttributeError")


def test_importing_the_toolkit_and_its_cli_loads_no_heavy_module() -> None:
    code = (
        "import sys, toolkit, toolkit.cli; "
        "print(' '.join(m for m in ('saxonche', 'weasyprint', 'elementpath', 'xmlschema') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""
