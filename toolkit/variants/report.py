"""The variants report: build it once from the corpus, render it as JSON, CSV, text (rich), HTML or TEI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.corpus import TEI_NS, Corpus, Document, load
from toolkit.diagnostics import Diagnostic
from toolkit.edition import Edition, document_id
from toolkit.variants.apparatus import Apparatus, collect
from toolkit.variants.interventions import Interventions, counts_by_account, interventions
from toolkit.variants.points import PointMatrix, contested_points
from toolkit.variants.quotations import QuotationCheck, check_quotation, check_quotations
from toolkit.variants.statistics import WitnessStatistics, statistics

FORMATS = ("text", "csv", "json", "html", "tei")


@dataclass(frozen=True)
class Filters:
    """What to keep: entries citing a witness, of a type, in an account (``None`` keeps all)."""

    witness: str | None = None
    type: str | None = None
    account: str | None = None


@dataclass
class VariantsReport:
    """The five parts of the report over the files under check, and any files that failed to load."""

    files: int
    apparatus: Apparatus
    statistics: WitnessStatistics
    interventions: Interventions
    quotations: list[QuotationCheck]
    points: PointMatrix
    failures: list[Diagnostic]
    titles: dict[str, str] = field(default_factory=dict)

    def check_failed(self) -> bool:
        """True when a quotation has an unrecorded difference or a stale ``app``."""
        return any(q.failed for q in self.quotations)

    def summary(self) -> dict[str, int]:
        """Counts for the one-line summary and the JSON ``summary``."""
        return {
            "files": self.files,
            "entries": len(self.apparatus.entries),
            "witnesses": len(self.statistics.witnesses),
            **quotation_counts([q.to_dict() for q in self.quotations]),
            "interventions": len(self.interventions.items),
        }

    def to_dict(self) -> dict[str, object]:
        """The documented JSON shape."""
        return {
            "accounts": self.titles,
            "entries": [e.to_dict() for e in self.apparatus.entries],
            "witnesses": [self.apparatus.witnesses[s].to_dict() for s in self.statistics.witnesses],
            "statistics": self.statistics.to_dict(),
            "interventions": self.interventions.to_dict(),
            "quotations": [q.to_dict() for q in self.quotations],
            "points": self.points.to_dict(),
            "errors": [d.to_dict() for d in self.failures],
            "summary": self.summary(),
        }


def build_report(paths: Sequence[Path], filters: Filters = Filters()) -> VariantsReport:
    """Load the files under ``paths`` (folders are searched for ``*.xml``) and build every part of the report."""
    return report_for(load(paths), filters)


def in_reading_order(corpus: Corpus | Edition) -> Edition:
    """The edition with its documents in reading order (:meth:`toolkit.edition.Edition.in_reading_order`)."""
    edition = Edition.of(corpus)
    loaded = edition.corpus
    return Edition(Corpus(edition.in_reading_order(), loaded.failures, loaded.context, loaded.max_bytes))


def titles(corpus: Corpus | Edition) -> dict[str, str]:
    """Each account's title (the first ``title`` of its ``titleStmt``), for headings."""
    found: dict[str, str] = {}
    for doc in corpus.documents:
        title = doc.root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
        if title is not None:
            found[document_id(doc)] = " ".join("".join(title.itertext()).split())
    return found


class UnknownFilter(ValueError):
    """A ``--witness`` or ``--account`` names nothing in the files."""


def _account_named(corpus: Corpus | Edition, name: str | None) -> str | None:
    """The account id that ``name`` (an account id or a file name without ``.xml``) stands for."""
    if name is None:
        return None
    for doc in corpus.documents:
        if name in (document_id(doc), doc.path.stem):
            return document_id(doc)
    known = ", ".join(document_id(d) for d in corpus.documents)
    raise UnknownFilter(f"no account {name!r} in the files (accounts: {known})")


def report_for(corpus: Corpus | Edition, filters: Filters = Filters()) -> VariantsReport:
    """Build every part of the report from a loaded corpus; raise :class:`UnknownFilter` for a filter naming nothing."""
    edition = in_reading_order(corpus)
    account = _account_named(edition, filters.account)
    everything = collect(edition)
    if filters.witness and not any(filters.witness in (w.siglum, w.label) for w in everything.witnesses.values()):
        known = ", ".join(everything.witnesses) or "none"
        raise UnknownFilter(f"no witness {filters.witness!r} in the files (witnesses: {known})")
    apparatus = everything.filtered(witness=filters.witness, type=filters.type, account=account)
    return VariantsReport(
        files=len(edition.documents),
        apparatus=apparatus,
        statistics=statistics(apparatus.entries, apparatus.witnesses),
        interventions=interventions(edition, account),
        quotations=check_quotations(edition, account),
        points=contested_points(edition, account),
        failures=list(edition.corpus.failures),
        titles=titles(edition),
    )


def report_json(documents: Sequence[Document]) -> str:
    """The whole report over documents already parsed, in their order, as compact JSON.

    With :func:`toolkit.variants.render.html_page_from_json`, the two halves of ``html_page``: a build keeps the JSON
    and makes the page again only when the report changed.
    """
    return render_json(report_for(Corpus(list(documents))), indent=None)


def document_part(edition: Edition, document: Document, witnesses: Mapping[Path, str]) -> dict[str, list[Any]]:
    """The report's part that is one document's alone, as JSON values: its quotations checked (against the files
    they quote) and its interventions. ``edition`` is :func:`in_reading_order` over the documents and ``witnesses``
    its :func:`~toolkit.variants.quotations.witness_index`; a build keeps each part, made again only when its
    document or a file it points at changed, and :func:`report_json_from_parts` reduces them."""
    quotes = (q for q in document.root.iter(f"{{{TEI_NS}}}quote") if q.get("source"))
    return {
        "quotations": [check_quotation(edition, document, quote, witnesses).to_dict() for quote in quotes],
        "interventions": [item.to_dict() for item in interventions(Corpus([document])).items],
    }


def report_json_from_parts(edition: Edition, parts: Mapping[Path, dict[str, list[Any]]]) -> str:
    """:func:`report_json` over ``edition`` (:func:`in_reading_order`), each document's part (:func:`document_part`,
    keyed by its path) given: the same JSON, with only what needs every document (the apparatus and its witnesses,
    the contested points, the titles) made here."""
    everything = collect(edition)
    report = VariantsReport(
        files=len(edition.documents),
        apparatus=everything.filtered(),
        statistics=statistics(everything.entries, everything.witnesses),
        interventions=Interventions(),
        quotations=[],
        points=contested_points(edition),
        failures=list(edition.corpus.failures),
        titles=titles(edition),
    )
    data = report.to_dict()
    quotations = [q for d in edition.documents for q in parts[d.path]["quotations"]]
    items = [i for d in edition.documents for i in parts[d.path]["interventions"]]
    data["interventions"] = {"counts": counts_by_account([(i["account"], i["kind"]) for i in items]), "items": items}
    data["quotations"] = quotations
    data["summary"] = {**report.summary(), **quotation_counts(quotations), "interventions": len(items)}
    return json.dumps(data, indent=None, ensure_ascii=False)


def quotation_counts(quotations: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """The summary's counts of quotation checks (their JSON form): checked, differences confirmed and unrecorded,
    stale records, skipped."""
    checks = [q for q in quotations if not q["skipped"]]
    return {
        "quotations": len(checks),
        "confirmed": sum(1 for q in checks for d in q["differences"] if d["status"] == "confirmed"),
        "unrecorded": sum(1 for q in checks for d in q["differences"] if d["status"] == "unrecorded"),
        "stale": sum(len(q["stale"]) for q in checks),
        "skipped": len(quotations) - len(checks),
    }


def render_json(report: VariantsReport, *, indent: int | None = 2) -> str:
    """The whole report as JSON (shape documented in docs/variants.md); ``indent=None`` for a machine (much faster)."""
    return json.dumps(report.to_dict(), indent=indent, ensure_ascii=False)


CSV_COLUMNS = ("file", "account", "line", "block", "app_id", "app_type", "role", "text", "wit", "type", "n", "cause")


def render_csv(report: VariantsReport) -> str:
    """The apparatus as CSV: one row per reading (``lem`` and ``rdg``), witnesses space-separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in report.apparatus.entries:
        for reading in entry.all_readings():
            writer.writerow(
                (
                    entry.file,
                    entry.account,
                    entry.location.line,
                    entry.location.block_id or "",
                    entry.xml_id or "",
                    entry.type or "",
                    reading.role,
                    reading.text,
                    " ".join(reading.wit),
                    reading.type or "",
                    reading.n or "",
                    reading.cause or "",
                )
            )
    return buffer.getvalue()
