"""The views the contacts table can show, each one a data source: endpoint, parameters, sortability.

As decisions.md ("Which endpoint feeds the table") says:

- ``AllContactsView``: List Contacts, sortable by its five ``order_field`` values;
- ``ListContactsView``: List Contacts with ``contact_list_uuid``, sortable the same way;
- ``ListMembersView``: List Contacts in a Contact List with ``include_archived=true``, in the
  server's order (not sortable);
- ``SearchView``: Search Contacts, sortable by any column (``sort_by``, typed for custom fields).

Views are immutable values: a new sort is a new view, and two equal views show the same rows.
A ``SearchView`` made while a list was selected remembers that list as its ``scope`` only to say
that the search covers the whole workspace: this API cannot search inside a list.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from uuid import UUID  # for type hints only: uuid loads `platform`, ~5 ms before the window

    from app.api import CueDeskClient, Page
    from app.schema import Contact, ContactList, SearchRequest

    from .columns import Column

Order = Literal["asc", "desc"]

SORT_HINT = "Click to sort"
SEARCH_TO_SORT = (
    "This view sorts by first name, last name, external ID, created or updated; "
    "search (Ctrl+F) to sort by any column"
)
MEMBERS_UNSORTED = "A list shown with its archived contacts keeps the server's order and cannot be sorted"


@dataclass(frozen=True, slots=True)
class ListRef:
    """The contact list a view shows: its uuid, and its name and emoji to describe it."""

    uuid: UUID
    name: str
    emoji: str | None = None

    @classmethod
    def of(cls, contact_list: ContactList) -> ListRef:
        return cls(contact_list.uuid, contact_list.name, contact_list.emoji)

    @property
    def label(self) -> str:
        return f"{self.emoji} {self.name}" if self.emoji else self.name


def count_of(total: int, singular: str, plural: str) -> str:
    return f"1 {singular}" if total == 1 else f"{total:,} {plural}"


class ContactsView:
    """What every view answers; see the module docstring for the four kinds."""

    title: str = ""
    loading_text: str = "Loading…"
    empty_text: str = "No contacts."

    def fetch(self, client: CueDeskClient, *, offset: int, limit: int) -> Awaitable[Page[Contact]]:
        """One page of this view's rows."""
        raise NotImplementedError

    def sorted_by(self, column: Column, order: Order) -> ContactsView | None:
        """This view sorted by ``column``, or ``None`` when it cannot be sorted that way."""
        raise NotImplementedError

    @property
    def sort_key(self) -> tuple[str, Order] | None:
        """``(field, order)`` of the current sort; ``None`` when the order is the server's own."""
        raise NotImplementedError

    def sort_hint(self, column: Column) -> str:
        """The header tooltip: how (or why not) this view sorts by ``column``."""
        return SORT_HINT if self.sorted_by(column, "asc") is not None else SEARCH_TO_SORT

    def describe(self, total: int) -> str:
        """The row count as the status bar says it."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderedView(ContactsView):
    """A view fed by List Contacts, sortable by its ``order_field`` values."""

    order_field: str = "created_at"
    order: Order = "desc"

    def sorted_by(self, column: Column, order: Order) -> ContactsView | None:
        return (
            None if column.order_field is None else replace(self, order_field=column.order_field, order=order)
        )

    @property
    def sort_key(self) -> tuple[str, Order]:
        return (self.order_field, self.order)


@dataclass(frozen=True, slots=True)
class AllContactsView(OrderedView):
    """Every contact of the workspace (archived ones left out): List Contacts."""

    title = "All contacts"
    empty_text = "No contacts yet."

    #: The endpoint, for a page fetched without the client (``early_rows.py``).
    path = "contacts"

    def fetch(self, client: CueDeskClient, *, offset: int, limit: int) -> Awaitable[Page[Contact]]:
        return client.contacts.list(**self.query(offset=offset, limit=limit))

    def query(self, *, offset: int, limit: int) -> dict[str, str | int]:
        """List Contacts' query parameters for a page of this view."""
        return {"limit": limit, "offset": offset, "order_field": self.order_field, "order": self.order}

    def describe(self, total: int) -> str:
        return count_of(total, "contact", "contacts")


@dataclass(frozen=True, slots=True)
class ListContactsView(OrderedView):
    """The (not archived) members of a list: List Contacts with ``contact_list_uuid``."""

    contact_list: ListRef
    empty_text = "This list has no contacts."

    @property
    def title(self) -> str:  # type: ignore[override]
        return self.contact_list.label

    def fetch(self, client: CueDeskClient, *, offset: int, limit: int) -> Awaitable[Page[Contact]]:
        return client.contacts.list(
            limit=limit,
            offset=offset,
            order_field=self.order_field,
            order=self.order,
            contact_list_uuid=self.contact_list.uuid,
        )

    def describe(self, total: int) -> str:
        return f"{count_of(total, 'contact', 'contacts')} in {self.contact_list.name}"


@dataclass(frozen=True, slots=True)
class ListMembersView(ContactsView):
    """Every member of a list, archived ones included: the membership endpoint, in the server's order."""

    contact_list: ListRef
    empty_text = "This list has no contacts."

    @property
    def title(self) -> str:  # type: ignore[override]
        return self.contact_list.label

    def fetch(self, client: CueDeskClient, *, offset: int, limit: int) -> Awaitable[Page[Contact]]:
        return client.contact_lists.contacts(
            self.contact_list.uuid, limit=limit, offset=offset, include_archived=True
        )

    def sorted_by(self, column: Column, order: Order) -> ContactsView | None:
        return None

    @property
    def sort_key(self) -> None:
        return None

    def sort_hint(self, column: Column) -> str:
        return MEMBERS_UNSORTED

    def describe(self, total: int) -> str:
        contacts = count_of(total, "contact", "contacts")
        return f"{contacts} in {self.contact_list.name}, archived included"


@dataclass(frozen=True, slots=True)
class SearchView(ContactsView):
    """The contacts matching a search (term, filters, sort): Search Contacts, always workspace-wide.

    ``scope`` is the list that was selected when the search started, if any (see the module docstring).
    """

    request: SearchRequest
    scope: ListRef | None = None
    title = "Search results"
    loading_text = "Searching…"
    empty_text = "No contacts match this search."

    def fetch(self, client: CueDeskClient, *, offset: int, limit: int) -> Awaitable[Page[Contact]]:
        return client.contacts.search(self.request, limit=limit, offset=offset)

    def sorted_by(self, column: Column, order: Order) -> ContactsView | None:
        from app.api import order_by

        sort = order_by(column.field, order, data_type=None if not column.custom else column.data_type)
        return replace(self, request=self.request.model_copy(update={"sort_by": sort}))

    @property
    def sort_key(self) -> tuple[str, Order] | None:
        sort = self.request.sort_by
        return None if sort is None else (sort.field, sort.sort_order.value)  # type: ignore[return-value]

    def describe(self, total: int) -> str:
        matches = count_of(total, "match", "matches")
        term = (self.request.search_term or "").strip()
        filters = len(self.request.advanced_search or ())
        text = f"{matches} for “{term}”" if term else matches
        if filters:
            text += f" ({count_of(filters, 'filter', 'filters')})"
        return f"{text} in all contacts" if self.scope is not None else text
