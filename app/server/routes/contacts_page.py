"""GET /v1/contacts (List Contacts): the route of the page every client asks for first.

Built at start, alone: the other routes come with the first request that needs one (``app.create_app``,
``routing.DeferredRoutes``), so that a server's first page waits for no other route being built. It
reads with Core (``services.contacts_page``): the ORM is not loaded for it.
"""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import Query

from app.schema import ContactsPage

from ..auth import Auth
from ..deps import AppDatabase, Limit, Offset
from ..routing import api_router
from ..services import contacts_page
from ..services.common import pagination

router = api_router(tags=["Contacts"])

OrderField = Literal["created_at", "first_name", "last_name", "updated_at", "external_contact_id"]


@router.get(
    "/contacts",
    response_model=ContactsPage,
    summary="List Contacts",
    responses={404: {"description": "`contact_list_uuid` names no contact list of the workspace."}},
)
def list_contacts(
    principal: Auth,
    database: AppDatabase,
    limit: Limit = 50,
    offset: Offset = 0,
    order_field: OrderField = "created_at",
    order: Literal["asc", "desc"] = "desc",
    contact_list_uuid: Annotated[UUID | None, Query()] = None,
) -> dict:
    with database.reading() as connection:
        rows, total = contacts_page.list_page(
            connection,
            principal,
            limit=limit,
            offset=offset,
            order_field=order_field,
            order=order,
            contact_list_uuid=str(contact_list_uuid) if contact_list_uuid else None,
        )
    return {
        "contacts": contacts_page.to_wire_many(rows, principal),
        "pagination": pagination(limit, offset, total),
    }
