"""``client.contact_lists``: contact lists and their members."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import Field

from app.schema import (
    Contact,
    ContactList,
    ContactListCreate,
    ContactListsPage,
    ContactListUpdate,
    ContactsPage,
    ListSortField,
    ListStatus,
    MembershipChange,
    MembershipResult,
    SortOrder,
)

from ..pagination import PageRequest
from ._base import Id, PageQuery, Resource, build_query, build_request, path


class ContactListsQuery(PageQuery):
    status: ListStatus = ListStatus.ACTIVE
    sort_order: SortOrder = SortOrder.ASC
    sort_field: ListSortField = ListSortField.NAME
    search: Annotated[str, Field(max_length=250)] | None = None


class MembersQuery(PageQuery):
    include_archived: bool = False


class ListsOfContactQuery(PageQuery):
    status: ListStatus | None = None


class ContactListsResource(Resource):
    """The workspace's contact lists and who belongs to them."""

    def list(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        status: ListStatus | str = ListStatus.ACTIVE,
        sort_order: SortOrder | str = SortOrder.ASC,
        sort_field: ListSortField | str = ListSortField.NAME,
        search: Annotated[str, Field(max_length=250)] | None = None,
    ) -> PageRequest[ContactList]:
        """List Contact Lists (active ones by default): ``await`` for a page, ``async for`` for all."""
        query = build_query(
            ContactListsQuery,
            {
                "limit": limit,
                "offset": offset,
                "status": status,
                "sort_order": sort_order,
                "sort_field": sort_field,
                "search": search,
            },
        )
        return self._paged(ContactListsPage, "contact_lists", "contact-lists", query)

    async def create(
        self, body: ContactListCreate | dict[str, Any] | None = None, **fields: Any
    ) -> ContactList:
        """Create a contact list (``name``, optional ``emoji``). Never sent twice."""
        request = build_request(ContactListCreate, body, fields)
        return await self._call(ContactList, "POST", "contact-lists", body=request, retry=False)

    async def get(self, contact_list_uuid: Id) -> ContactList:
        return await self._call(ContactList, "GET", path("contact-lists", contact_list_uuid))

    async def update(
        self, contact_list_uuid: Id, body: ContactListUpdate | dict[str, Any] | None = None, **fields: Any
    ) -> ContactList:
        """Change only the members given (``emoji=None`` removes the emoji)."""
        request = build_request(ContactListUpdate, body, fields)
        return await self._call(
            ContactList, "PATCH", path("contact-lists", contact_list_uuid), body=request, retry=True
        )

    async def delete(self, contact_list_uuid: Id) -> None:
        """Delete a list (its memberships go, its contacts stay)."""
        await self._delete(path("contact-lists", contact_list_uuid))

    def contacts(
        self, contact_list_uuid: Id, *, limit: int = 50, offset: int = 0, include_archived: bool = False
    ) -> PageRequest[Contact]:
        """List Contacts in a Contact List; archived contacts only with ``include_archived=True``."""
        query = build_query(
            MembersQuery, {"limit": limit, "offset": offset, "include_archived": include_archived}
        )
        return self._paged(
            ContactsPage, "contacts", path("contact-lists", contact_list_uuid, "contacts"), query
        )

    async def add_contacts(self, contact_list_uuid: Id, contact_uuids: Iterable[Id]) -> MembershipResult:
        """Add 1–100 contacts; ``warnings`` names those that could not be added. Safe to repeat."""
        request = build_request(MembershipChange, {"contact_uuids": list(contact_uuids)}, {})
        return await self._call(
            MembershipResult,
            "POST",
            path("contact-lists", contact_list_uuid, "contacts"),
            body=request,
            retry=True,
        )

    async def remove_contacts(self, contact_list_uuid: Id, contact_uuids: Iterable[Id]) -> None:
        """Remove 1–100 contacts from the list (the contacts themselves stay)."""
        request = build_request(MembershipChange, {"contact_uuids": list(contact_uuids)}, {})
        await self._delete(path("contact-lists", contact_list_uuid, "contacts"), request)

    def of_contact(
        self, contact_uuid: Id, *, limit: int = 50, offset: int = 0, status: ListStatus | str | None = None
    ) -> PageRequest[ContactList]:
        """Get Contact Lists for a Contact (optionally only ``active`` or ``archived`` ones)."""
        query = build_query(ListsOfContactQuery, {"limit": limit, "offset": offset, "status": status})
        return self._paged(
            ContactListsPage, "contact_lists", path("contacts", contact_uuid, "contact-lists"), query
        )
