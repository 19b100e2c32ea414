"""The rows of a loaded block, kept in a form that costs Python's garbage collector nothing.

The contacts table caches up to 10,000 rows. As pydantic ``Contact`` models each row would be a
dozen objects the cyclic collector tracks (the model, its ``__dict__``, UUIDs, datetimes, the
custom fields dict …), and every full collection would visit them all while the user scrolls.
A ``LoadedBlock`` keeps per row only what the table needs, in tuples of ``str``, ``bool`` and
``bytes``: its cells' display text, the contact's uuid, whether it is archived, and the contact
itself as its JSON. CPython stops tracking a tuple of such atoms the first time the collector sees
it, so a cached block is one tracked object. A ``Contact`` is built again from its JSON only when
asked for (the selected row, a drag): a few microseconds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.schema import Contact

CellText = Callable[["Contact"], str]
#: Rows per block: the page size the contacts table asks for.
BLOCK_SIZE = 100


def contact_from_json(wire: bytes) -> Contact:
    """The ``Contact`` a ``LoadedBlock`` keeps as JSON (the schema is imported on first use)."""
    from app.schema import Contact

    return Contact.model_validate_json(wire)


@dataclass(frozen=True, slots=True)
class LoadedBlock:
    """Rows of a block: ``cells[i]`` (display text per column), ``uuids[i]``, ``archived[i]``, ``wire[i]`` (JSON).

    Row ``i`` is the block's row ``start + i``. A block is ``complete`` when every row it has on the
    server is here; otherwise (the part of a block fetched with its neighbour) it holds a head or a
    tail of it, and the rest is still to load.
    """

    cells: tuple[tuple[str, ...], ...]
    uuids: tuple[str, ...]
    archived: tuple[bool, ...]
    wire: tuple[bytes, ...]
    start: int = 0
    complete: bool = True

    @classmethod
    def of(
        cls, contacts: Sequence[Contact], texts: Sequence[CellText], *, start: int = 0, complete: bool = True
    ) -> LoadedBlock:
        """The block of these contacts, their cells computed with the columns' ``texts``."""
        return cls(
            cells=tuple(tuple(text(contact) for text in texts) for contact in contacts),
            uuids=tuple(str(contact.uuid) for contact in contacts),
            archived=tuple(contact.archived for contact in contacts),
            wire=tuple(contact.model_dump_json().encode() for contact in contacts),
            start=start,
            complete=complete,
        )

    @classmethod
    def of_json(cls, contacts: Sequence[dict[str, Any]], texts: Sequence[CellText]) -> LoadedBlock:
        """The block of contacts as the server sent them (JSON objects), read without the wire models
        (the rows shown while the app still loads, ``early_rows.py``)."""
        rows = [_ContactJson(contact) for contact in contacts]
        return cls(
            cells=tuple(tuple(text(row) for text in texts) for row in rows),  # type: ignore[arg-type]
            uuids=tuple(str(contact["uuid"]) for contact in contacts),
            archived=tuple(contact.get("archived") is True for contact in contacts),
            wire=tuple(json.dumps(contact, ensure_ascii=False).encode() for contact in contacts),
        )

    def __len__(self) -> int:
        return len(self.uuids)

    def contact(self, position: int) -> Contact:
        return contact_from_json(self.wire[position])

    def contacts(self) -> list[Contact]:
        return [contact_from_json(wire) for wire in self.wire]

    def index_of(self, uuid: str) -> int:
        """The index of the contact with this uuid, or −1."""
        try:
            return self.uuids.index(uuid)
        except ValueError:
            return -1

    def with_contact(self, index: int, contact: Contact, texts: Sequence[CellText]) -> LoadedBlock:
        """This block with ``contact`` (a new version of a row's contact) at ``index``."""
        row = LoadedBlock.of([contact], texts)
        return replace(
            self,
            cells=_replaced(self.cells, index, row.cells[0]),
            uuids=_replaced(self.uuids, index, row.uuids[0]),
            archived=_replaced(self.archived, index, row.archived[0]),
            wire=_replaced(self.wire, index, row.wire[0]),
        )

    def with_texts(self, texts: Sequence[CellText]) -> LoadedBlock:
        """This block with its cells computed again for other columns."""
        return LoadedBlock.of(self.contacts(), texts, start=self.start, complete=self.complete)

    def without_column(self, section: int) -> LoadedBlock:
        """This block without one column's cells (nothing to compute)."""
        return replace(self, cells=tuple(row[:section] + row[section + 1 :] for row in self.cells))


class _ContactJson:
    """A contact's JSON object read like a ``Contact`` by the columns' ``text``: members as attributes,
    the date-times parsed as pydantic parses them."""

    __slots__ = ("_members",)
    MOMENTS = frozenset({"created_at", "updated_at", "last_engaged_at"})

    def __init__(self, members: dict[str, Any]) -> None:
        self._members = members

    def __getattr__(self, name: str) -> Any:
        value = self._members.get(name)
        if name in _ContactJson.MOMENTS and isinstance(value, str):
            return datetime.fromisoformat(value)
        return value


class LoadedContacts(Mapping[int, "Contact"]):
    """Contacts by row, each built from its JSON when it is looked up (a selection of many loaded rows
    costs nothing until someone reads them)."""

    def __init__(self, wire_by_row: dict[int, bytes]) -> None:
        self._wire = wire_by_row

    def __getitem__(self, row: int) -> Contact:
        return contact_from_json(self._wire[row])

    def __iter__(self) -> Iterator[int]:
        return iter(self._wire)

    def __len__(self) -> int:
        return len(self._wire)


def _replaced(items: tuple, position: int, item: object) -> tuple:
    return (*items[:position], item, *items[position + 1 :])
