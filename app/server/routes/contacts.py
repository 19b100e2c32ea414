"""/v1/contacts: list, create, get, update."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import Query

from app.schema import Contact, ContactCreate, ContactsPage, ContactUpdate, SearchRequest

from ..auth import Auth
from ..deps import Limit, Offset, ReadSession, WriteSession
from ..routing import api_router
from ..services import contacts, search
from ..services.common import pagination
from .paths import CONTACT

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
    session: ReadSession,
    limit: Limit = 50,
    offset: Offset = 0,
    order_field: OrderField = "created_at",
    order: Literal["asc", "desc"] = "desc",
    contact_list_uuid: Annotated[UUID | None, Query()] = None,
) -> dict:
    rows, total = contacts.list_page(
        session,
        principal,
        limit=limit,
        offset=offset,
        order_field=order_field,
        order=order,
        contact_list_uuid=str(contact_list_uuid) if contact_list_uuid else None,
    )
    return {
        "contacts": contacts.to_wire_many(rows, principal),
        "pagination": pagination(limit, offset, total),
    }


@router.post("/contacts/search", response_model=ContactsPage, summary="Search Contacts")
def search_contacts(
    principal: Auth, session: ReadSession, body: SearchRequest, limit: Limit = 10, offset: Offset = 0
) -> dict:
    rows, total = search.search(session, principal, body, limit=limit, offset=offset)
    return {
        "contacts": contacts.to_wire_many(rows, principal),
        "pagination": pagination(limit, offset, total),
    }


@router.post("/contacts", response_model=Contact, status_code=201, summary="Create a Contact")
def create_contact(principal: Auth, session: WriteSession, body: ContactCreate) -> dict:
    return contacts.to_wire(contacts.create(session, principal, body), principal.workspace_uuid)


@router.get(CONTACT, response_model=Contact, summary="Get a Contact")
def get_contact(principal: Auth, session: ReadSession, contact_uuid: str) -> dict:
    return contacts.to_wire(contacts.get(session, principal, contact_uuid), principal.workspace_uuid)


@router.patch(CONTACT, response_model=Contact, summary="Update a Contact")
def update_contact(principal: Auth, session: WriteSession, contact_uuid: str, body: ContactUpdate) -> dict:
    return contacts.to_wire(contacts.update(session, principal, contact_uuid, body), principal.workspace_uuid)
