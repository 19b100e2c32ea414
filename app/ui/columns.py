"""The contacts table's columns: every predefined field and every custom field of the workspace.

A ``Column`` knows its title, how a contact reads in it (``text``, computed once per loaded block),
its preset width and alignment, and what a sort on it sends: ``field`` (the API's field name) and,
for a custom field, the search ``data_type`` its type implies. Which views can sort by which column
is the views' business (``views.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from app.schema import CONTACT_ORDER_FIELDS, FIELD_TYPE_DESCRIPTIONS, DataType, FieldType

if TYPE_CHECKING:
    from app.schema import Contact, CustomField


from .field_types import COLUMN_WIDTHS, DATE_TYPES, DEFAULT_WIDTH, NUMBER_TYPES, search_data_type
from .formatting import CHECK, format_cell, format_datetime

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

CUSTOM_PREFIX = "cf:"
SENSITIVE_TIP = "Sensitive field: the value is hidden in the table."


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the contacts table.

    ``key`` identifies it in a saved layout: the field name for predefined fields, ``cf:<field_key>``
    for custom fields. ``newest_first`` makes the first click on its header sort descending.
    """

    key: str
    title: str
    text: Callable[[Contact], str]
    width: int
    field: str
    data_type: DataType | None = None
    newest_first: bool = False
    align: Qt.AlignmentFlag = LEFT
    description: str = ""
    cell_tooltip: str | None = None
    custom: bool = False

    @property
    def order_field(self) -> str | None:
        """The List Contacts ``order_field`` of this column, if it has one."""
        return self.field if self.field in CONTACT_ORDER_FIELDS else None


def _text(attribute: str) -> Callable[[Contact], str]:
    return lambda contact: getattr(contact, attribute) or ""


def _moment(attribute: str) -> Callable[[Contact], str]:
    return lambda contact: format_datetime(getattr(contact, attribute))


PREDEFINED_COLUMNS: tuple[Column, ...] = (
    Column("first_name", "First name", _text("first_name"), 95, "first_name"),
    Column("last_name", "Last name", _text("last_name"), 105, "last_name"),
    Column("email", "Email", _text("email"), 210, "email"),
    Column("phone_number", "Phone", _text("phone_number"), 120, "phone_number"),
    Column("whatsapp_id", "WhatsApp", _text("whatsapp_id"), 120, "whatsapp_id"),
    Column("fb_messenger_id", "Messenger", _text("fb_messenger_id"), 120, "fb_messenger_id"),
    Column("external_contact_id", "External ID", _text("external_contact_id"), 100, "external_contact_id"),
    Column("client_reference", "Client reference", _text("client_reference"), 120, "client_reference"),
    Column("archived", "Archived", lambda c: CHECK if c.archived else "", 75, "archived", align=CENTER),
    Column("created_at", "Created", _moment("created_at"), 120, "created_at", newest_first=True),
    Column("updated_at", "Updated", _moment("updated_at"), 120, "updated_at", newest_first=True),
    Column(
        "last_engaged_at",
        "Last engaged",
        _moment("last_engaged_at"),
        120,
        "last_engaged_at",
        newest_first=True,
    ),
)

#: The columns a new window shows.
DEFAULT_COLUMN_KEYS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "external_contact_id",
    "created_at",
)
_PREDEFINED_BY_KEY = {column.key: column for column in PREDEFINED_COLUMNS}
DEFAULT_COLUMNS: tuple[Column, ...] = tuple(_PREDEFINED_BY_KEY[key] for key in DEFAULT_COLUMN_KEYS)


def custom_column_key(field_key: str) -> str:
    return CUSTOM_PREFIX + field_key


def custom_field_column(definition: CustomField) -> Column:
    """The column of a custom field: values shown by its type, sensitive ones masked."""
    key, kind, sensitive = definition.field_key, definition.field_type, definition.sensitive

    def text(contact: Contact) -> str:
        return format_cell(contact.custom_fields.get(key), kind, sensitive=sensitive)

    align = RIGHT if kind in NUMBER_TYPES else CENTER if kind is FieldType.CHECKBOX else LEFT
    about = f"{definition.name} — key {key}, {FIELD_TYPE_DESCRIPTIONS[kind].lower()}"
    return Column(
        key=custom_column_key(key),
        title=definition.name,
        text=text,
        width=COLUMN_WIDTHS.get(kind, DEFAULT_WIDTH),
        field=key,
        data_type=search_data_type(kind),
        newest_first=kind in DATE_TYPES,
        align=align,
        description=f"{about}, sensitive" if sensitive else about,
        cell_tooltip=SENSITIVE_TIP if sensitive else None,
        custom=True,
    )


class ColumnCatalog:
    """Every column the table can show: the predefined fields, then the workspace's custom fields.

    ``loaded`` is false until the custom field definitions have been fetched once.
    """

    def __init__(self, custom_fields: Iterable[CustomField] | None = None) -> None:
        self.loaded = custom_fields is not None
        self.custom: tuple[Column, ...] = tuple(custom_field_column(d) for d in custom_fields or ())
        self._by_key = {column.key: column for column in (*PREDEFINED_COLUMNS, *self.custom)}

    @property
    def predefined(self) -> tuple[Column, ...]:
        return PREDEFINED_COLUMNS

    def get(self, key: str) -> Column | None:
        return self._by_key.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def resolve(self, keys: Sequence[str]) -> tuple[Column, ...]:
        """The known columns among ``keys``, in that order, each once."""
        seen: set[str] = set()
        columns = []
        for key in keys:
            column = self._by_key.get(key)
            if column is not None and key not in seen:
                seen.add(key)
                columns.append(column)
        return tuple(columns)
