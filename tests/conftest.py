"""Shared test fixtures: paths to the project, the edition and ../shared (skipping only when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "tei"
SOURCE = ROOT / "source" / "anatomy-of-a-controversy.txt"
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def root() -> Path:
    """The project folder."""
    return ROOT


@pytest.fixture
def edition_dir() -> Path:
    """The edition's ``tei/`` folder."""
    return EDITION


@pytest.fixture
def shared() -> Path:
    """``../shared`` (TEI P5 schema, foreign corpus); tests needing it skip on a fresh clone without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (official TEI P5 schema and foreign corpus live there)")
    return SHARED
