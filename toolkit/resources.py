"""Where the toolkit's run-time files are: its package data (stylesheets, schemas), found through importlib.resources.

The project keeps ``xslt/`` and ``schemas/`` at its top level; pyproject.toml maps them into the package as
``toolkit.xslt`` and ``toolkit.schemas``, so an editable install finds them in the checkout and a wheel in
``site-packages/toolkit/``. Saxon, xmlschema and WeasyPrint want real files (stylesheet imports resolve against
them), and pip always unpacks a wheel on disk, so each resource is a :class:`~pathlib.Path`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["EDITION_XSD", "PACKAGE", "SCHEMAS", "TEI_ALL_RNG", "TEI_P5", "XSLT"]


def _directory(package: str) -> Path:
    """The folder of ``package`` on disk; a zipped install (no real files for Saxon to import from) is refused."""
    found = files(package)
    if not isinstance(found, Path):
        raise ImportError(f"{package} is not unpacked on disk ({found!r}); install the toolkit with pip")
    return found


#: The ``toolkit`` package itself (its modules are part of some build caches' keys).
PACKAGE = _directory("toolkit")
#: The stylesheets: ``common/``, ``html/`` (with ``assets/``), ``print/`` (with ``assets/``), ``variants/``, ``dc.xsl``.
XSLT = _directory("toolkit.xslt")
#: The schemas: ``edition.xsd`` (our TEI subset) and the ``xml.xsd`` it imports.
SCHEMAS = _directory("toolkit.schemas")
EDITION_XSD = SCHEMAS / "edition.xsd"
#: The TEI Consortium's TEI P5 schemas (4.12.0), with their licence: what the well-known TEI URLs stand for.
TEI_P5 = SCHEMAS / "tei-p5"
TEI_ALL_RNG = TEI_P5 / "tei_all.rng"
