"""The package inventory: one CSV row per TEI document (identifier, file, title, author, date, language, checksum)."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import astuple, dataclass

from toolkit.archive.dc import Record

COLUMNS = ("identifier", "file", "title", "author", "date", "language", "sha256")


@dataclass(frozen=True)
class InventoryRow:
    """One document of the package as the inventory lists it."""

    identifier: str
    file: str
    title: str
    author: str
    date: str
    language: str
    sha256: str

    @classmethod
    def of(cls, identifier: str, file: str, data: bytes, record: Record) -> InventoryRow:
        """The row for a document: its bytes give the checksum, its DC record the descriptive columns."""
        return cls(
            identifier=identifier,
            file=file,
            title=record.first("title"),
            author=record.joined("creator"),
            date=record.first("date"),
            language=record.joined("language"),
            sha256=hashlib.sha256(data).hexdigest(),
        )


def to_csv(rows: Sequence[InventoryRow]) -> str:
    """RFC 4180 CSV with a header line, rows in the order given."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(astuple(row) for row in rows)
    return buffer.getvalue()
