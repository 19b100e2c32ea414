"""/v1/contacts: search, create, get, update (List Contacts, the first page's route: ``contacts_page.py``)."""

from __future__ import annotations

from app.schema import Contact, ContactCreate, ContactsPage, ContactUpdate, SearchRequest

from ..auth import Auth
from ..deps import Limit, Offset
from ..routing import api_router
from ..services import contacts, contacts_page, search
from ..services.common import pagination
from ..sessions import ReadSession, WriteSession
from .paths import CONTACT

router = api_router(tags=["Contacts"])


@router.post("/contacts/search", response_model=ContactsPage, summary="Search Contacts")
def search_contacts(
    principal: Auth, session: ReadSession, body: SearchRequest, limit: Limit = 10, offset: Offset = 0
) -> dict:
    rows, total = search.search(session, principal, body, limit=limit, offset=offset)
    return {
        "contacts": contacts_page.to_wire_many(rows, principal),
        "pagination": pagination(limit, offset, total),
    }


@router.post("/contacts", response_model=Contact, status_code=201, summary="Create a Contact")
def create_contact(principal: Auth, session: WriteSession, body: ContactCreate) -> dict:
    return contacts_page.to_wire(contacts.create(session, principal, body), principal.workspace_uuid)


@router.get(CONTACT, response_model=Contact, summary="Get a Contact")
def get_contact(principal: Auth, session: ReadSession, contact_uuid: str) -> dict:
    return contacts_page.to_wire(contacts.get(session, principal, contact_uuid), principal.workspace_uuid)


@router.patch(CONTACT, response_model=Contact, summary="Update a Contact")
def update_contact(principal: Auth, session: WriteSession, contact_uuid: str, body: ContactUpdate) -> dict:
    return contacts_page.to_wire(
        contacts.update(session, principal, contact_uuid, body), principal.workspace_uuid
    )
