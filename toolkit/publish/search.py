"""Full-text search for a static host: the Pagefind index of the website, made by the ``pagefind[bin]`` binary.

The index has no Pagefind filter (``data-pagefind-filter``): Pagefind 1.5.2 writes its filter files in a different
byte order on every run, and a build reproduces byte for byte. The search filters are the build's own
``search-facets.json`` (``xslt/html/site.xsl``), applied in the browser by ``xslt/html/assets/search/pagefind.js``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says which."""


def pagefind_executable() -> Path:
    """The Pagefind binary shipped in the ``pagefind_bin`` wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]'") from None
    return Path(get_executable())


def index_site(site: Path) -> None:
    """Write the search index and its interface into ``site/pagefind/`` (pages marked data-pagefind-body)."""
    command = [str(pagefind_executable()), "--site", str(site), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}): {result.stderr.strip() or result.stdout}")
