"""``client.contacts``: list, search, create, get, update, bulk import."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from app.schema import Contact, ContactCreate, ContactsPage, ContactUpdate

from ..pagination import Page, PageRequest
from ._base import Resource, build_request, parse


class ContactsResource(Resource):
    """The workspace's contacts."""

    def list(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        order_field: str = "created_at",
        order: str = "desc",
        contact_list_uuid: UUID | str | None = None,
    ) -> PageRequest[Contact]:
        """List Contacts: ``await`` for one page, ``async for`` for every contact."""

        async def fetch(page_limit: int, page_offset: int) -> Page[Contact]:
            params = {
                "limit": page_limit,
                "offset": page_offset,
                "order_field": order_field,
                "order": order,
                "contact_list_uuid": str(contact_list_uuid) if contact_list_uuid else None,
            }
            return await self._page(ContactsPage, "contacts", "contacts", params)

        return PageRequest(fetch, limit, offset)

    async def get(self, contact_uuid: UUID | str) -> Contact:
        return await self._get_model(Contact, f"contacts/{contact_uuid}")

    async def create(self, body: ContactCreate | dict[str, Any] | None = None, **fields: Any) -> Contact:
        """Create a contact; at least one identifier is required (checked before sending)."""
        request = build_request(ContactCreate, body, fields)
        response = await self._http.request(
            "POST", "contacts", json=request.to_wire(exclude_unset=True), retry=False
        )
        return parse(Contact, self._http.json(response))

    async def update(
        self, contact_uuid: UUID | str, body: ContactUpdate | dict[str, Any] | None = None, **fields: Any
    ) -> Contact:
        """Change only the members given; ``None`` clears a member."""
        request = build_request(ContactUpdate, body, fields)
        response = await self._http.request(
            "PATCH", f"contacts/{contact_uuid}", json=request.to_wire(exclude_unset=True), retry=True
        )
        return parse(Contact, self._http.json(response))
