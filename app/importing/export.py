"""Export a view of contacts to CSV: any ``PageRequest`` (all contacts, a list's members, a search).

The file is UTF-8 with a BOM (spreadsheets then read accents right), dates and times are ISO 8601
(UTC, ``Z``), multiselect values are labels joined by "; ", checkboxes true/false. Headers are the
names the import maps back automatically, so an exported file imports again unchanged. The file is
written under a temporary name and renamed when complete: a cancelled or failed export leaves no
file (and an existing file of that name untouched).
"""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.api import PageRequest
from app.schema import Contact, CustomField

from .files import AtomicTextFile
from .targets import CONTACT_FIELDS
from .values import to_text

PAGE_SIZE = 100

#: Fields the server sets, exported for reference (the import ignores them).
SERVER_FIELDS: dict[str, str] = {
    "archived": "Archived",
    "created_at": "Created",
    "updated_at": "Updated",
    "last_engaged_at": "Last engaged",
}


class ExportCancelled(Exception):
    """The export was cancelled; no file was written."""


@dataclass(frozen=True, slots=True)
class ExportColumn:
    """One column of the file: its header and the contact value it holds (``key``: a contact
    member, or ``custom:<field key>``)."""

    header: str
    key: str

    def text(self, contact: Contact) -> str:
        if self.key.startswith("custom:"):
            return to_text(contact.custom_fields.get(self.key.removeprefix("custom:")))
        return _text(getattr(contact, self.key))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def custom_columns(fields: Sequence[CustomField]) -> list[ExportColumn]:
    """A column per custom field, headed by its name (with the key when two share a name)."""
    names = [f.name.casefold() for f in fields]
    return [
        ExportColumn(
            f.name if names.count(f.name.casefold()) == 1 else f"{f.name} ({f.field_key})",
            f"custom:{f.field_key}",
        )
        for f in fields
    ]


def all_columns(fields: Sequence[CustomField]) -> list[ExportColumn]:
    """Every field: UUID, the contact fields, the custom fields, then what the server sets."""
    return [
        ExportColumn("UUID", "uuid"),
        *(ExportColumn(label, key) for key, label in CONTACT_FIELDS.items()),
        *custom_columns(fields),
        *(ExportColumn(label, key) for key, label in SERVER_FIELDS.items()),
    ]


def columns_for(keys: Sequence[str], fields: Sequence[CustomField] = ()) -> list[ExportColumn]:
    """The columns named by ``keys`` (contact members, server fields, ``uuid`` or ``custom:<key>``),
    in that order; a key that names nothing (e.g. a custom field deleted meanwhile) is left out."""
    known = {column.key: column for column in all_columns(fields)}
    return [known[key] for key in keys if key in known]


async def export_csv(
    pages: Callable[[], PageRequest[Contact]],
    columns: Sequence[ExportColumn],
    path: Path,
    *,
    on_progress: Callable[[int, int], Any] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write every contact of ``pages()`` to ``path``; returns how many were written.

    ``on_progress(written, total)`` after each page; ``cancelled()`` is asked before each page
    (``ExportCancelled`` then). File writes run in a worker thread.
    """
    target = await asyncio.to_thread(AtomicTextFile, path, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(target.file)
        await asyncio.to_thread(writer.writerow, [column.header for column in columns])
        written = 0
        async for page in pages().pages(PAGE_SIZE):
            if cancelled is not None and cancelled():
                raise ExportCancelled
            rows = [[column.text(contact) for column in columns] for contact in page.items]
            await asyncio.to_thread(writer.writerows, rows)
            written += len(rows)
            if on_progress is not None:
                on_progress(written, page.total)
        if cancelled is not None and cancelled():
            raise ExportCancelled
        await asyncio.to_thread(target.commit)
    except BaseException:
        target.discard()  # closing and removing a file: quick enough for the event loop
        raise
    return written
