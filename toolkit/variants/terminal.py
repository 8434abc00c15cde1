"""The variants report as readable terminal tables (rich)."""

from __future__ import annotations

import io
from itertools import groupby
from pathlib import PurePath

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from toolkit.variants.apparatus import ApparatusEntry
from toolkit.variants.report import VariantsReport

#: Above this many witnesses the agreement matrix is summarised as the most and least agreeing pairs.
MATRIX_LIMIT = 12
PAIRS = 10


def render_text(report: VariantsReport, *, width: int = 120, color: bool = False, check_only: bool = False) -> str:
    """The report as text tables; ``check_only`` keeps the quotation check alone (for CI)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None, force_terminal=color)
    parts = [quotation_lines(report), _summary(report)] if check_only else _all_parts(report)
    for part in parts:
        console.print(part, soft_wrap=check_only)  # one finding per line under --check, as linters print
    return buffer.getvalue().rstrip() + "\n"


def _all_parts(report: VariantsReport) -> list[RenderableType]:
    return [
        *apparatus_tables(report),
        witness_table(report),
        agreement_table(report),
        interventions_table(report),
        quotation_table(report),
        points_table(report),
        _summary(report),
    ]


def _wit(sigla: tuple[str, ...]) -> str:
    return " ".join(sigla) if sigla else "—"


def apparatus_tables(report: VariantsReport) -> list[RenderableType]:
    """One table per account: location, lemma and witnesses, readings with witnesses and types."""
    tables: list[RenderableType] = []
    for account, entries in groupby(report.apparatus.entries, key=lambda e: e.account):
        title = report.titles.get(account)
        heading = f"Apparatus: {account}" + (f" ({title})" if title else "")
        table = Table(title=escape(heading), title_justify="left", show_lines=True)
        for column in ("location", "lemma", "readings", "type", "notes"):
            table.add_column(column, overflow="fold")
        for entry in entries:
            lemma = f"{entry.lemma.text or '∅'}  ({_wit(entry.lemma.wit)})" if entry.lemma else "—"
            readings = "\n".join(
                f"{r.text or '∅'}  ({_wit(r.wit)})" + (f" [{r.type}]" if r.type and r.type != entry.type else "")
                for r in entry.readings
            )
            details = "\n".join(f"{d.type or 'detail'}: {_wit(d.wit)}" for d in entry.details)
            _row(
                table,
                "\n".join(
                    filter(
                        None,
                        (f"{PurePath(entry.file).name}:{entry.location.line}", entry.location.label(), _nested(entry)),
                    )
                ),
                lemma,
                readings + (f"\n{details}" if details else ""),
                entry.type or "",
                "\n".join(entry.notes),
            )
        tables.append(table)
    if not tables:
        tables.append(Text("Apparatus: no app in the files (or none matching the filters)."))
    return tables


def _nested(entry: ApparatusEntry) -> str:
    return f"nested in entry {entry.parent}" if entry.parent is not None else ""


def witness_table(report: VariantsReport) -> Table:
    """Readings per witness."""
    table = Table(title="Readings per witness", title_justify="left")
    for column in ("witness", "readings", "lemma", "variant", "witDetail"):
        table.add_column(column, justify="left" if column == "witness" else "right")
    for counts in report.statistics.counts:
        label = report.apparatus.witnesses[counts.siglum].label
        shown = counts.siglum if label == counts.siglum else f"{counts.siglum} ({label})"
        _row(table, shown, str(counts.readings), str(counts.lemma), str(counts.variant), str(counts.details))
    return table


def agreement_table(report: VariantsReport) -> RenderableType:
    """The agreement matrix (or, for many witnesses, the pairs that agree most and least)."""
    stats = report.statistics
    sigla = stats.witnesses
    if len(sigla) <= MATRIX_LIMIT:
        table = Table(title="Agreement (readings in common / apps citing both)", title_justify="left")
        names = [report.apparatus.witnesses[s].label for s in sigla]  # short labels (H, RFK…) keep it narrow
        table.add_column("")
        for name in names:
            table.add_column(escape(name), justify="right")
        for i, name in enumerate(names):
            _row(table, name, *(f"{stats.agreement[i][j]}/{stats.shared[i][j]}" for j in range(len(sigla))))
        return table
    pairs = [
        (stats.agreement[i][j] / stats.shared[i][j], stats.agreement[i][j], stats.shared[i][j], sigla[i], sigla[j])
        for i in range(len(sigla))
        for j in range(i + 1, len(sigla))
        if stats.shared[i][j]
    ]
    pairs.sort(key=lambda p: (-p[0], -p[2], p[3], p[4]))
    table = Table(
        title=f"Agreement: {len(sigla)} witnesses; the {PAIRS} most and least agreeing pairs (all: --format json)",
        title_justify="left",
    )
    for column in ("witnesses", "agree", "both cited", "rate"):
        table.add_column(column, justify="left" if column == "witnesses" else "right")
    shown = pairs[:PAIRS] + [p for p in pairs[-PAIRS:] if p not in pairs[:PAIRS]]
    for rate, agree, shared, a, b in shown:
        _row(table, f"{a} · {b}", str(agree), str(shared), f"{rate:.0%}")
    return table


def interventions_table(report: VariantsReport) -> RenderableType:
    """Counts per account, then every intervention."""
    counts = report.interventions.counts()
    if not counts:
        return Text("Editorial interventions: none.")
    kinds = ("correction", "supplied", "gap-omission", "gap-redaction", "gap-other")
    summary = Table(title="Editorial interventions per account", title_justify="left")
    summary.add_column("account")
    for kind in kinds:
        summary.add_column(kind, justify="right")
    for account, row in counts.items():
        _row(summary, account, *(str(row[k]) for k in kinds))
    detail = Table(title="Editorial interventions", title_justify="left")
    for column in ("account", "where", "kind", "printed", "given", "reason", "resp"):
        detail.add_column(column, overflow="fold")
    for item in report.interventions.items:
        where = f"{PurePath(item.file).name}:{item.line}" + (f"\n{item.block_id}" if item.block_id else "")
        _row(detail, item.account, where, item.kind, item.printed, item.given, item.reason, item.resp)
    return Group(summary, detail)


def quotation_table(report: VariantsReport) -> RenderableType:
    """Each checked quotation: its status, and every confirmed, unrecorded or stale difference."""
    if not report.quotations:
        return Text("Quotation check: no quote with a @source.")
    table = Table(title="Quotation check", title_justify="left", show_lines=True)
    for column in ("quotation", "source", "status", "differences"):
        table.add_column(column, overflow="fold")
    for check in report.quotations:
        lines: list[str] = []
        for d in check.differences:
            lines.append(f"{d.status.upper()} {d.kind} (line {d.line}): quote «{d.quote}» / source «{d.source}»")
            if d.context:
                lines.append(f"    in: {d.context}")
        for s in check.stale:
            lines.append(f"STALE app (line {s.line}): {s.reason}: lem «{s.lemma}» rdg «{s.reading or ''}»")
            if s.source:
                lines.append(f"    source has «{s.source}»")
        if check.skipped:
            lines.append(check.skipped)
        status = Text(check.status, style="bold red" if check.failed else "green")
        _row(table, f"{PurePath(check.file).name}:{check.line}", check.source, status, "\n".join(lines))
    return table


def quotation_lines(report: VariantsReport) -> Text:
    """The quotation check as one line per finding (``file:line: STATUS kind: …``), as linters print."""
    text = Text()
    for check in report.quotations:
        where = f"{check.file}:{check.line}"
        if check.skipped:
            text.append(f"{where}: not checked ({check.source}): {check.skipped}\n", style="dim")
        for d in check.differences:
            style = "bold red" if d.status == "unrecorded" else "green"
            text.append(f"{check.file}:{d.line}: ")
            text.append(f"{d.status.upper()} {d.kind}", style=style)
            text.append(f": quote «{d.quote}» / source «{d.source}» ({check.source})")
            text.append(f" in: {d.context}\n" if d.context else "\n")
        for s in check.stale:
            text.append(f"{check.file}:{s.line}: ")
            text.append("STALE", style="bold red")
            text.append(f": {s.reason}: lem «{s.lemma}» rdg «{s.reading or ''}»")
            text.append(f"; the source has «{s.source}»\n" if s.source else "\n")
        if check.status == "identical":
            text.append(f"{where}: identical to {check.source}\n", style="dim")
    text.rstrip()
    return text


def points_table(report: VariantsReport) -> RenderableType:
    """Which accounts address each point (passages per account), then each point's words, account by account."""
    matrix = report.points
    if not matrix.points:
        return Text("Contested points: no taxonomy category is pointed to by @ana.")
    # Accounts as rows and points as columns: six short point ids fit a terminal, eight account ids do not.
    table = Table(title="Contested points: passages per account", title_justify="left")
    table.add_column("account")
    for point in matrix.points:
        table.add_column(escape(point.xml_id), justify="right")
    for account in matrix.accounts:
        _row(table, account, *(str(len(matrix.passages(p.xml_id, account))) or "" for p in matrix.points))
    words = Table(title="Contested points: in what words", title_justify="left", show_lines=True)
    for column in ("point", "account", "words"):
        words.add_column(column, overflow="fold")
    for point in matrix.points:
        for account in matrix.accounts:
            for passage in matrix.passages(point.xml_id, account):
                where = f"{account}\n{PurePath(passage.file).name}:{passage.line}"
                _row(words, f"{point.xml_id}\n{point.label}", where, f"«{passage.text}»")
    return Group(table, words)


def _summary(report: VariantsReport) -> Text:
    s = report.summary()
    line = (
        f"{s['files']} file{'' if s['files'] == 1 else 's'}, {s['entries']} apparatus entries, "
        f"{s['witnesses']} witnesses; "
        f"{s['quotations']} quotations checked: {s['confirmed']} confirmed, {s['unrecorded']} unrecorded, "
        f"{s['stale']} stale"
        + (f" ({s['skipped']} quote(s) not checked)" if s["skipped"] else "")
        + f"; {s['interventions']} editorial interventions."
    )
    return Text(line)


def _row(table: Table, *cells: str | Text) -> None:
    """Add a row whose strings are shown as they are (``[the missiles]`` is text, not rich markup)."""
    table.add_row(*(cell if isinstance(cell, Text) else escape(cell) for cell in cells))
