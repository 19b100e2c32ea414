"""The contacts table's columns: title, cell text, preset width, and the server sort it maps to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.schema import Contact

from .formatting import format_datetime


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the contacts table.

    ``order_field`` is the List Contacts ``order_field`` a header click sorts by; ``None`` means the
    column is not sortable in this view. ``newest_first`` makes the first click sort descending.
    """

    title: str
    text: Callable[[Contact], str]
    width: int
    order_field: str | None = None
    newest_first: bool = False

    @property
    def sortable(self) -> bool:
        return self.order_field is not None


CONTACT_COLUMNS: tuple[Column, ...] = (
    Column("First name", lambda c: c.first_name or "", 110, "first_name"),
    Column("Last name", lambda c: c.last_name or "", 120, "last_name"),
    Column("Email", lambda c: c.email or "", 220),
    Column("Phone", lambda c: c.phone_number or "", 120),
    Column("External ID", lambda c: c.external_contact_id or "", 105, "external_contact_id"),
    Column("Created", lambda c: format_datetime(c.created_at), 120, "created_at", newest_first=True),
    Column("Updated", lambda c: format_datetime(c.updated_at), 120, "updated_at", newest_first=True),
)

#: The API's default order: newest first.
DEFAULT_ORDER_FIELD = "created_at"
DEFAULT_ORDER = "desc"
