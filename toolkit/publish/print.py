"""The print edition: paged-media HTML from ``xslt/print/edition.xsl``, rendered to a tagged PDF/A-3b by WeasyPrint."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from toolkit.corpus import display_path
from toolkit.diagnostics import Diagnostic
from toolkit.edition import Edition
from toolkit.publish.xslt import Engine, ParamValue, XslMessage, message_diagnostics
from toolkit.resources import XSLT

if TYPE_CHECKING:
    import weasyprint
    import weasyprint.formatting_structure.boxes

STYLESHEET = XSLT / "print" / "edition.xsl"
CSS = XSLT / "print" / "assets" / "print.css"

#: The font files ``print.css`` names in its ``@font-face`` rules; copied next to the HTML so it is self-contained.
FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-BoldItalic.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSans.ttf",
)
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts")

PDF_VARIANT = "pdf/a-3b"
#: Tagged as well: WeasyPrint 70 writes the structure tree (headings, paragraphs, lists, figures with their alternate
#: text, the language of ``<html lang>``) with any variant when asked to. The PDF declares PDF/A-3b, not 3a: level A
#: also asks for a complete logical structure (margin boxes as artifacts, notes as Note), which WeasyPrint 70 does not
#: write and which could not be checked here (veraPDF is not installable offline).
PDF_TAGS = True

#: A W3C date (what WeasyPrint accepts in ``dcterms.created``): a day, or a day and a time with a zone.
GENERIC_HINT = "add a template to xslt/print/text.xsl if it needs a presentation of its own"

#: The build's parameters the print stylesheet declares, under the names the HTML stylesheets know them by.
BUILD_PARAMS = ("title", "build-date")

W3C_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?")


class PrintError(Exception):
    """The print edition cannot be made (a missing font, a bad parameter); the message says what to do."""


@dataclass
class EditionPlan:
    """What the print shows, in order: the header's document, the accounts in reading order, the files they need."""

    driver: Path | None
    accounts: list[Path]
    authorities: list[Path] = field(default_factory=list)
    #: each witness's siglum, from the edition model (:meth:`~toolkit.edition.Edition.sigla`)
    sigla: dict[str, str] = field(default_factory=dict)

    def stylesheet_params(self) -> dict[str, str]:
        """The document URIs the print stylesheet reads, one per line."""
        return {
            "driver-uri": self.driver.as_uri() if self.driver else "",
            "account-uris": "\n".join(path.as_uri() for path in self.accounts),
            "authority-uris": "\n".join(path.as_uri() for path in self.authorities),
        }


def plan_edition(sources: Sequence[Path] | Edition) -> EditionPlan:
    """The print's documents, from the edition model (:class:`~toolkit.edition.Edition`): its texts in reading order,
    its authority files and the files the texts point to; ``sources`` are loaded when they are paths.

    The title page reads the driver's header or, without a driver, that of a ``teiCorpus`` holding its texts. An
    included file that is missing is left out; the validator reports it (TEI202), at its ``xi:include``.
    """
    edition = sources if isinstance(sources, Edition) else Edition.load(sources)
    texts = edition.texts
    header = edition.driver or next((t for t in texts if etree.QName(t.root).localname == "teiCorpus"), None)
    authorities = {id(d): d for d in edition.authorities}
    for reached in edition.reached_documents(texts):
        if reached is not header and all(reached is not t for t in texts):
            authorities.setdefault(id(reached), reached)
    return EditionPlan(
        driver=header.path.resolve() if header is not None else None,
        accounts=[d.path.resolve() for d in texts],
        authorities=[d.path.resolve() for d in authorities.values()],
        sigla=edition.sigla(),
    )


@cache
def _engine() -> Engine:
    """A Saxon engine for callers that do not bring the build's own (the print stylesheet is compiled once in it)."""
    return Engine()


@dataclass
class PrintHtml:
    """The print stylesheet's output and the elements it printed generically (as their text)."""

    text: str
    generic: list[Diagnostic]


def print_html(
    plan: EditionPlan,
    params: Mapping[str, ParamValue],
    anchor_pages: Mapping[str, int] | None = None,
    *,
    index: bool = True,
    engine: Engine | None = None,
) -> PrintHtml:
    """The paged-media HTML of the edition (deterministic: no date unless ``build-date`` is given).

    ``params`` are the build's stylesheet parameters (:func:`toolkit.publish.build.stylesheet_params`); the print
    takes those of :data:`BUILD_PARAMS`.

    ``anchor_pages`` (anchor id -> page number, from a first rendering) lets the index list each page once; without
    ``index``, the index of persons (and its line in the contents) is left out. Raises
    :class:`~toolkit.publish.xslt.XsltError` if the stylesheet fails.
    """
    driver = [plan.driver] if plan.driver else []
    documents = {"driver": driver, "accounts": plan.accounts, "authorities": plan.authorities, "sigla": plan.sigla}
    values: dict[str, ParamValue] = {**_stylesheet_params(params), **documents, "index": index}
    values["anchor-pages"] = dict(anchor_pages or {})  # a map(xs:string, xs:integer); documents parsed once per engine
    result = (engine or _engine()).stylesheet(STYLESHEET).transform(template="print-edition", params=values)
    if result.text is None:
        raise PrintError(f"{display_path(STYLESHEET)} produced no HTML")
    return PrintHtml(result.text, _generic_diagnostics(result.messages))


def _generic_diagnostics(messages: list[XslMessage]) -> list[Diagnostic]:
    """One warning per file and element name printed as its text, at its first occurrence, with the count."""
    first: dict[tuple[str, str], XslMessage] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for message in messages:
        if message.code == "PRN001":
            key = (message.uri, message.text)
            first.setdefault(key, message)
            counts[key] += 1
    counted = [
        replace(message, text=message.text + (f" ({counts[key]} times)" if counts[key] > 1 else ""))
        for key, message in first.items()
    ]
    return message_diagnostics(counted, hints={"PRN001": GENERIC_HINT})


def _stylesheet_params(params: Mapping[str, ParamValue]) -> dict[str, str]:
    """The build's parameters the print stylesheet declares (:data:`BUILD_PARAMS`), same names, same values; a
    ``build-date``, when given, must be a W3C date."""
    values = {name: str(params.get(name) or "") for name in BUILD_PARAMS}
    build_date = values["build-date"]
    if build_date and not W3C_DATE.fullmatch(build_date):
        raise PrintError(f"build date {build_date!r} is not a W3C date such as 2026-11-24 or 2026-11-24T18:00:00Z")
    return values


def find_font(name: str) -> Path:
    """The system file of one of :data:`FONT_FILES`."""
    for folder in FONT_DIRS:
        if folder.is_dir():
            for candidate in sorted(folder.rglob(name)):
                return candidate
    raise PrintError(
        f"font {name} not found under {', '.join(map(str, FONT_DIRS))}: install fonts-liberation and fonts-dejavu-core"
    )


def render(html: Path) -> weasyprint.Document:
    """Lay out the print HTML as PDF/A-3b pages; the metadata dates come from the HTML, so without them none are set."""
    import weasyprint

    with _apparatus_before_notes():
        return weasyprint.HTML(filename=str(html)).render(pdf_variant=PDF_VARIANT)


@contextmanager
def _apparatus_before_notes() -> Iterator[None]:
    """Print each page's apparatus entries above its editorial notes, as critical editions do.

    WeasyPrint 70 has one foot-note area per page and fills it in the order of the calls; CSS cannot reorder it. Its
    layout context keeps the page's foot notes in a list that it lays out again whenever one is added or removed
    (``LayoutContext._update_footnote_area``): sorting that list (stably, by series) first keeps both series in call
    order, the apparatus first. Without that method (another WeasyPrint), the series stay interleaved.
    """
    from weasyprint.layout import LayoutContext

    original = getattr(LayoutContext, "_update_footnote_area", None)
    if original is None:
        yield
        return

    def update(context: LayoutContext) -> object:
        footnotes = getattr(context, "current_page_footnotes", None)
        if isinstance(footnotes, list):
            footnotes.sort(key=_series)
        return original(context)

    LayoutContext._update_footnote_area = update  # type: ignore[method-assign]
    try:
        yield
    finally:
        LayoutContext._update_footnote_area = original  # type: ignore[method-assign]


def _series(footnote: weasyprint.formatting_structure.boxes.Box) -> int:
    """0 for an apparatus entry, 1 for an editorial note."""
    return 0 if "app-note" in (footnote.element.get("class") or "").split() else 1


def anchor_pages(document: weasyprint.Document) -> dict[str, int]:
    """The page number (from 1) on which each anchor of a rendered document stands."""
    return {anchor: number for number, page in enumerate(document.pages, 1) for anchor in page.anchors}


def build_print(
    sources: Sequence[Path] | Edition,
    out: Path,
    *,
    params: Mapping[str, ParamValue],
    diagnostics: list[Diagnostic] | None = None,
    engine: Engine | None = None,
) -> list[Path]:
    """Write ``out/print/edition.html`` (with its CSS and fonts) and ``out/pdf/edition.pdf``; return the files.

    ``sources`` is the build's edition (nothing is parsed again), or paths to load. When ``diagnostics`` is given,
    a warning (PRN001) is appended for each element printed generically. ``engine`` is the build's Saxon engine, if
    it has one.
    """
    plan = plan_edition(sources)
    fonts = [find_font(name) for name in FONT_FILES]
    first = print_html(plan, params, index=False, engine=engine)
    print_dir, pdf_dir = out / "print", out / "pdf"
    (print_dir / "fonts").mkdir(parents=True, exist_ok=True)
    pdf_dir.mkdir(parents=True, exist_ok=True)
    written = [print_dir / "edition.html", print_dir / "print.css"]
    written[0].write_text(first.text, encoding="utf-8")
    shutil.copyfile(CSS, written[1])
    for font in fonts:
        written.append(print_dir / "fonts" / font.name)
        shutil.copyfile(font, written[-1])
    written.append(pdf_dir / "edition.pdf")
    # First the book without its index, for the pages of the names; the index comes last, so adding it (each page
    # listed once) cannot move any page it points to.
    document = render(written[0])
    final = print_html(plan, params, anchor_pages(document), engine=engine)
    if final.text != first.text:
        written[0].write_text(final.text, encoding="utf-8")
        document = render(written[0])
    if diagnostics is not None:
        diagnostics.extend(final.generic)
    document.write_pdf(written[-1], pdf_variant=PDF_VARIANT, pdf_tags=PDF_TAGS)
    return written
