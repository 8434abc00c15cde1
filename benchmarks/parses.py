"""Count the lxml parses of each file in one ``edition build --pdf`` of the edition (the goal: one per file).

Run from the project folder: ``.venv/bin/python -m benchmarks.parses [PATH]`` (default ``tei/``). ``lxml.etree.parse``
and ``lxml.etree.fromstring`` are counted per file (by the path or ``base_url`` they are given); the peek at each
file's root element during discovery (a pull parser on the first kilobytes) is counted apart, as is ``discover()``.
Saxon's own parses are not lxml's and are not counted here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def counted() -> Iterator[tuple[Counter[str], Counter[str]]]:
    """Patch lxml's parse entry points and ``discover``; yield the parse counts per file and the calls per function."""
    import toolkit.corpus as corpus

    parses: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    original_parse, original_fromstring = etree.parse, etree.fromstring
    original_discover, original_walk = corpus.discover, corpus.walk

    def parse(source: Any, *args: Any, **kwargs: Any) -> Any:
        parses[Path(str(source)).name] += 1
        return original_parse(source, *args, **kwargs)

    def fromstring(text: Any, *args: Any, **kwargs: Any) -> Any:
        parses[Path(str(kwargs.get("base_url") or "<string>")).name] += 1
        return original_fromstring(text, *args, **kwargs)

    def counting(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    import toolkit.publish.build  # every module that imports the walk by name is loaded first
    import toolkit.validate  # noqa: F401

    patched = {
        original_walk: counting("walk", original_walk),
        original_discover: counting("discover", original_discover),
    }
    # modules hold their own reference to the functions they import by name: replace each of them
    holders = [
        (module, name, value)
        for module in list(sys.modules.values())
        if getattr(module, "__name__", "").startswith("toolkit")
        for name, value in vars(module).items()
        if callable(value) and value in patched
    ]
    etree.parse, etree.fromstring = parse, fromstring  # type: ignore[assignment]
    for module, name, value in holders:
        setattr(module, name, patched[value])
    try:
        yield parses, calls
    finally:
        etree.parse, etree.fromstring = original_parse, original_fromstring  # type: ignore[assignment]
        for module, name, value in holders:
            setattr(module, name, value)


def count_build(source: Path, out: Path) -> tuple[Counter[str], Counter[str]]:
    """The parses per file and the discovery calls of one ``build --pdf --clean --force`` of ``source``."""
    from toolkit.publish.build import BuildOptions, build

    with counted() as (parses, calls):
        build([source], BuildOptions(out=out, pdf=True, clean=True, force=True))
    return parses, calls


def main() -> None:
    """Print a row per file (its lxml parses) and the number of discovery walks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=ROOT / "tei")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        parses, calls = count_build(args.path.resolve(), Path(tmp) / "output")
    for name, count in sorted(parses.items()):
        print(f"{name:32} {count}")
    files = [name for name in parses if name.endswith(".xml")]
    print(
        f"files: {len(files)}; lxml parses: {sum(parses[n] for n in files)}; most for one file: {max(parses.values())}"
    )
    print(f"discover() calls: {calls['discover']}; walk() calls (discover included): {calls['walk']}")


if __name__ == "__main__":
    main()
