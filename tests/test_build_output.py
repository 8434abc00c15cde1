"""Atomic output and the content-hash cache (``toolkit.publish.output``)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from toolkit.publish.output import Cache, CacheEntry, content_hash, staged

parts = st.lists(st.binary(max_size=8), max_size=4)


@given(parts, parts)
def test_the_hash_tells_apart_any_two_sequences_of_parts(first: list[bytes], second: list[bytes]) -> None:
    assert (content_hash(first) == content_hash(second)) == (first == second)


def test_a_path_hashes_as_its_content(tmp_path: Path) -> None:
    file = tmp_path / "a.xml"
    file.write_bytes(b"<TEI/>")
    assert content_hash([file]) == content_hash([b"<TEI/>"]) == content_hash(["<TEI/>"])


def test_a_job_is_reused_only_with_the_same_key_and_all_its_files(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    (old / "html").mkdir(parents=True)
    (old / "html" / "a.html").write_text("a", encoding="utf-8")
    cache = Cache({"a": CacheEntry("k1", ["html/a.html"]), "b": CacheEntry("k2", ["html/b.html"])})
    assert cache.reuse("a", "other", old, new) is None
    assert cache.reuse("b", "k2", old, new) is None  # its file is gone
    assert cache.reuse("a", "k1", old, new) is not None
    assert (new / "html" / "a.html").read_text(encoding="utf-8") == "a"
    assert set(cache.current) == {"a"}


def test_an_unreadable_cache_is_an_empty_one(tmp_path: Path) -> None:
    (tmp_path / ".build-cache.json").write_text("{not json", encoding="utf-8")
    assert Cache.read(tmp_path).previous == {}


def test_the_cache_round_trips(tmp_path: Path) -> None:
    cache = Cache({})
    cache.record("html/a.html", CacheEntry("k", ["html/a.html"], ["HTM001|warning|file:/a.xml|/x|foo"]))
    cache.write(tmp_path)
    assert Cache.read(tmp_path).previous == cache.current


def test_staging_replaces_the_output_only_on_success(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    try:
        with staged(out) as staging:
            (staging / "new.txt").write_text("new", encoding="utf-8")
            raise RuntimeError("the build failed")
    except RuntimeError:
        pass
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    with staged(out) as staging:
        (staging / "new.txt").write_text("new", encoding="utf-8")
    assert [p.name for p in out.iterdir()] == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
