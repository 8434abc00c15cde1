"""Every link of the published website reaches a page and an id that exist (the edition and the fixture)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import lxml.html
import pytest

from toolkit.publish.build import BuildOptions, build

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "build" / "edition"


def broken_links(site: Path) -> list[str]:
    pages = {page.name: lxml.html.parse(str(page)).getroot() for page in site.glob("*.html")}
    ids = {name: set(root.xpath("//@id")) for name, root in pages.items()}
    broken = []
    for name, root in sorted(pages.items()):
        for href in root.xpath("//a/@href | //link/@href | //script/@src"):
            url = urlparse(href)
            if url.scheme:
                continue
            target = unquote(url.path) or name
            if not (site / target).is_file():
                broken.append(f"{name}: {href} (no file)")
            elif url.fragment and target.endswith(".html") and url.fragment not in ids.get(target, set()):
                broken.append(f"{name}: {href} (no id)")
    return broken


@pytest.mark.parametrize("source", ["fixture", "edition"])
def test_every_link_reaches_an_existing_page_and_id(source: str, edition_dir: Path, tmp_path: Path) -> None:
    paths = [FIXTURE] if source == "fixture" else [edition_dir]
    build(paths, BuildOptions(out=tmp_path / "out", force=True))
    assert broken_links(tmp_path / "out" / "html") == []


def test_citations_in_index_entries_are_links_not_raw_pointers(edition_dir: Path, tmp_path: Path) -> None:
    """An authority entry cites the passage behind each fact: readers see a link ("Jim Hershberg, ¶ 3")."""
    build([edition_dir], BuildOptions(out=tmp_path / "out", force=True))
    site = tmp_path / "out" / "html"
    for page, selector in [
        ("persons.html", "entry-role"),
        ("places.html", "entry-role"),
        ("compare.html", "point-description"),
    ]:
        root = lxml.html.parse(str(site / page)).getroot()
        prose = root.xpath(f"//p[@class = '{selector}']")
        assert prose, page
        assert not [p.text_content() for p in prose if ".xml#" in p.text_content()], page
    cited = (
        lxml.html.parse(str(site / "persons.html")).getroot().xpath("//li[@id = 'khrushchev']//a[@class = 'citation']")
    )
    assert cited and cited[0].get("href").startswith("hershberg-intro.html#hershberg-intro-p")
    assert cited[0].text_content().startswith("Jim Hershberg, ¶ ")
