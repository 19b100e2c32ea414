"""``client.contacts``: list, search, create, get, update, bulk import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal
from uuid import UUID

from app.schema import (
    CONTACT_ORDER_FIELDS,
    BulkCreateRequest,
    BulkCreateResponse,
    Contact,
    ContactCreate,
    ContactsPage,
    ContactUpdate,
    ContactWrite,
    ImportStatusResponse,
    MatchField,
    MergeType,
    SearchRequest,
)

from ..pagination import PageRequest
from ._base import Id, PageQuery, Resource, build_query, build_request, path


class ContactsQuery(PageQuery):
    order_field: Literal[CONTACT_ORDER_FIELDS] = "created_at"  # type: ignore[valid-type]
    order: Literal["asc", "desc"] = "desc"
    contact_list_uuid: UUID | None = None


class ContactsResource(Resource):
    """The workspace's contacts."""

    def list(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        order_field: str = "created_at",
        order: str = "desc",
        contact_list_uuid: Id | None = None,
    ) -> PageRequest[Contact]:
        """List Contacts: ``await`` for one page, ``async for`` for every contact.

        Parameters are checked when the call is made (a ``ValidationError`` like the server's).
        """
        query = build_query(
            ContactsQuery,
            {
                "limit": limit,
                "offset": offset,
                "order_field": order_field,
                "order": order,
                "contact_list_uuid": contact_list_uuid,
            },
        )
        return self._paged(ContactsPage, "contacts", "contacts", query)

    def search(
        self,
        request: SearchRequest | dict[str, Any] | None = None,
        *,
        limit: int = 10,
        offset: int = 0,
        **fields: Any,
    ) -> PageRequest[Contact]:
        """Search Contacts with a ``SearchRequest`` (or its members as keywords).

        >>> client.contacts.search(search_term="john", sort_by=order_by("last_name"))
        """
        body = build_request(SearchRequest, request, fields)
        query = build_query(PageQuery, {"limit": limit, "offset": offset})
        return self._paged(ContactsPage, "contacts", "contacts/search", query, method="POST", body=body)

    async def get(self, contact_uuid: Id) -> Contact:
        return await self._call(Contact, "GET", path("contacts", contact_uuid))

    async def create(self, body: ContactCreate | dict[str, Any] | None = None, **fields: Any) -> Contact:
        """Create a contact; at least one identifier is required (checked before sending).

        Never retried once it may have reached the server: a lost answer must not create a twin.
        """
        request = build_request(ContactCreate, body, fields)
        return await self._call(Contact, "POST", "contacts", body=request, retry=False)

    async def update(
        self, contact_uuid: Id, body: ContactUpdate | dict[str, Any] | None = None, **fields: Any
    ) -> Contact:
        """Change only the members given; ``None`` clears a member."""
        request = build_request(ContactUpdate, body, fields)
        return await self._call(Contact, "PATCH", path("contacts", contact_uuid), body=request, retry=True)

    async def bulk_create(
        self,
        contacts: BulkCreateRequest | Iterable[Mapping[str, Any] | ContactWrite],
        *,
        contact_list_uuid: Id | None = None,
        match_on_field: MatchField | str | None = None,
        merge_type: MergeType | str | None = None,
    ) -> BulkCreateResponse:
        """Bulk Create Contacts (1–1000): starts an import and returns its ``contact_import_uuid``.

        Contacts are sent as given: the import reports per-row problems (``import_status``).
        Never retried once it may have reached the server. For any number of contacts, see
        ``BulkImporter``.
        """
        if isinstance(contacts, BulkCreateRequest):
            request = contacts
        else:
            options = {
                "contact_list_uuid": contact_list_uuid,
                "match_on_field": match_on_field,
                "merge_type": merge_type,
            }
            request = build_request(
                BulkCreateRequest,
                {k: v for k, v in options.items() if v is not None},
                {"contacts": [_wire_item(item) for item in contacts]},
            )
        return await self._call(BulkCreateResponse, "POST", "contacts/bulk", body=request, retry=False)

    async def import_status(self, contact_import_uuid: Id) -> ImportStatusResponse:
        """Get Contact Import Status: ``status`` and the ``summary`` counts."""
        return await self._call(ImportStatusResponse, "GET", path("contacts", "bulk", contact_import_uuid))


def _wire_item(item: Mapping[str, Any] | ContactWrite) -> Any:
    if isinstance(item, ContactWrite):
        return item.to_wire(exclude_unset=True)
    return dict(item) if isinstance(item, Mapping) else item
