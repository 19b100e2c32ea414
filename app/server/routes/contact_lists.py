"""/v1/contact-lists: lists CRUD and membership; /v1/contacts/{uuid}/contact-lists."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response

from app.schema import (
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

from ..auth import Auth
from ..deps import Limit, Offset
from ..routing import api_router
from ..services import contact_lists, contacts_page
from ..services.common import pagination, path_uuid
from ..sessions import ReadSession, WriteSession

router = api_router(tags=["Contact Lists"])

NO_CONTENT = {"status_code": 204, "response_class": Response}


@router.get("/contact-lists", response_model=ContactListsPage, summary="List Contact Lists")
def list_contact_lists(
    principal: Auth,
    session: ReadSession,
    limit: Limit = 50,
    offset: Offset = 0,
    status: ListStatus = ListStatus.ACTIVE,
    sort_order: SortOrder = SortOrder.ASC,
    sort_field: ListSortField = ListSortField.NAME,
    search: Annotated[str | None, Query(max_length=250)] = None,
) -> dict:
    rows, total = contact_lists.list_page(
        session,
        principal,
        limit=limit,
        offset=offset,
        status=status.value,
        sort_field=sort_field.value,
        sort_order=sort_order.value,
        search=search,
    )
    return {"contact_lists": rows, "pagination": pagination(limit, offset, total)}


@router.post("/contact-lists", response_model=ContactList, status_code=201, summary="Create a Contact List")
def create_contact_list(principal: Auth, session: WriteSession, body: ContactListCreate) -> dict:
    return contact_lists.create(session, principal, body)


@router.get("/contact-lists/{contact_list_uuid}", response_model=ContactList, summary="Get a Contact List")
def get_contact_list(principal: Auth, session: ReadSession, contact_list_uuid: str) -> dict:
    return contact_lists.get(session, principal, contact_list_uuid)


@router.patch(
    "/contact-lists/{contact_list_uuid}", response_model=ContactList, summary="Update a Contact List"
)
def update_contact_list(
    principal: Auth, session: WriteSession, contact_list_uuid: str, body: ContactListUpdate
) -> dict:
    return contact_lists.update(session, principal, contact_list_uuid, body)


@router.delete("/contact-lists/{contact_list_uuid}", **NO_CONTENT, summary="Delete a Contact List")
def delete_contact_list(principal: Auth, session: WriteSession, contact_list_uuid: str) -> None:
    contact_lists.delete_list(session, principal, contact_list_uuid)


@router.get(
    "/contact-lists/{contact_list_uuid}/contacts",
    response_model=ContactsPage,
    tags=["Contact List Membership"],
    summary="List Contacts in a Contact List",
)
def list_members(
    principal: Auth,
    session: ReadSession,
    contact_list_uuid: str,
    limit: Limit = 50,
    offset: Offset = 0,
    include_archived: bool = False,
) -> dict:
    rows, total = contacts_page.list_page(
        session,
        principal,
        limit=limit,
        offset=offset,
        contact_list_uuid=path_uuid(contact_list_uuid, "Contact list"),
        include_archived=include_archived,
    )
    return {
        "contacts": contacts_page.to_wire_many(rows, principal),
        "pagination": pagination(limit, offset, total),
    }


@router.post(
    "/contact-lists/{contact_list_uuid}/contacts",
    response_model=MembershipResult,
    status_code=201,
    tags=["Contact List Membership"],
    summary="Add Contacts to a Contact List",
)
def add_members(
    principal: Auth, session: WriteSession, contact_list_uuid: str, body: MembershipChange
) -> dict:
    return contact_lists.add_members(session, principal, contact_list_uuid, body.contact_uuids)


@router.delete(
    "/contact-lists/{contact_list_uuid}/contacts",
    **NO_CONTENT,
    tags=["Contact List Membership"],
    summary="Remove Contacts from a Contact List",
)
def remove_members(
    principal: Auth, session: WriteSession, contact_list_uuid: str, body: MembershipChange
) -> None:
    contact_lists.remove_members(session, principal, contact_list_uuid, body.contact_uuids)


@router.get(
    "/contacts/{contact_uuid}/contact-lists",
    response_model=ContactListsPage,
    tags=["Contact List Membership"],
    summary="Get Contact Lists for a Contact",
)
def lists_of_contact(
    principal: Auth,
    session: ReadSession,
    contact_uuid: str,
    limit: Limit = 50,
    offset: Offset = 0,
    status: ListStatus | None = None,
) -> dict:
    rows, total = contact_lists.lists_of_contact(
        session, principal, contact_uuid, status=status.value if status else None, limit=limit, offset=offset
    )
    return {"contact_lists": rows, "pagination": pagination(limit, offset, total)}
