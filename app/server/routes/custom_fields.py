"""/v1/custom-fields (definitions) and /v1/contacts/{uuid}/custom-fields (a contact's values)."""

from __future__ import annotations

from fastapi import Response

from app.schema import (
    ContactCustomFields,
    ContactCustomFieldSet,
    ContactCustomFieldsUpdate,
    CustomField,
    CustomFieldCreate,
    CustomFieldsPage,
    CustomFieldUpdate,
)

from ..auth import Auth
from ..deps import Limit, Offset
from ..routing import api_router
from ..services import contact_custom_fields, custom_fields
from ..services.common import pagination
from ..sessions import ReadSession, WriteSession

router = api_router()

NO_CONTENT = {"status_code": 204, "response_class": Response}
DEFINITIONS = ["Custom Fields"]
VALUES = ["Contact Custom Fields"]


@router.get("/custom-fields", response_model=CustomFieldsPage, tags=DEFINITIONS, summary="List Custom Fields")
def list_custom_fields(principal: Auth, session: ReadSession, limit: Limit = 50, offset: Offset = 0) -> dict:
    rows, total = custom_fields.list_page(session, principal, limit=limit, offset=offset)
    return {"custom_fields": rows, "pagination": pagination(limit, offset, total)}


@router.post(
    "/custom-fields",
    response_model=CustomField,
    status_code=201,
    tags=DEFINITIONS,
    summary="Create a Custom Field",
    responses={400: {"description": "The explicit `field_key` is already used in the workspace."}},
)
def create_custom_field(principal: Auth, session: WriteSession, body: CustomFieldCreate) -> dict:
    return custom_fields.create(session, principal, body)


@router.get(
    "/custom-fields/{custom_field_uuid}",
    response_model=CustomField,
    tags=DEFINITIONS,
    summary="Get a Custom Field",
)
def get_custom_field(principal: Auth, session: ReadSession, custom_field_uuid: str) -> dict:
    return custom_fields.get(session, principal, custom_field_uuid)


@router.patch(
    "/custom-fields/{custom_field_uuid}",
    response_model=CustomField,
    tags=DEFINITIONS,
    summary="Update a Custom Field",
    responses={400: {"description": "The new `field_type` does not fit values stored on contacts."}},
)
def update_custom_field(
    principal: Auth, session: WriteSession, custom_field_uuid: str, body: CustomFieldUpdate
) -> dict:
    return custom_fields.update(session, principal, custom_field_uuid, body)


@router.delete(
    "/custom-fields/{custom_field_uuid}", **NO_CONTENT, tags=DEFINITIONS, summary="Delete a Custom Field"
)
def delete_custom_field(principal: Auth, session: WriteSession, custom_field_uuid: str) -> None:
    custom_fields.delete(session, principal, custom_field_uuid)


@router.get(
    "/contacts/{contact_uuid}/custom-fields",
    response_model=ContactCustomFields,
    tags=VALUES,
    summary="List Contact Custom Fields",
)
def list_contact_custom_fields(principal: Auth, session: ReadSession, contact_uuid: str) -> dict:
    return contact_custom_fields.list_values(session, principal, contact_uuid)


@router.post(
    "/contacts/{contact_uuid}/custom-fields",
    response_model=ContactCustomFields,
    status_code=201,
    tags=VALUES,
    summary="Add a Custom Field to a Contact",
)
def add_contact_custom_field(
    principal: Auth, session: WriteSession, contact_uuid: str, body: ContactCustomFieldSet
) -> dict:
    return contact_custom_fields.set_one(session, principal, contact_uuid, body)


@router.patch(
    "/contacts/{contact_uuid}/custom-fields",
    response_model=ContactCustomFields,
    tags=VALUES,
    summary="Update Contact Custom Fields",
)
def update_contact_custom_fields(
    principal: Auth, session: WriteSession, contact_uuid: str, body: ContactCustomFieldsUpdate
) -> dict:
    return contact_custom_fields.update_many(session, principal, contact_uuid, body)


@router.delete(
    "/contacts/{contact_uuid}/custom-fields/{custom_field_uuid}",
    **NO_CONTENT,
    tags=VALUES,
    summary="Delete a Custom Field from a Contact",
)
def delete_contact_custom_field(
    principal: Auth, session: WriteSession, contact_uuid: str, custom_field_uuid: str
) -> None:
    contact_custom_fields.delete_one(session, principal, contact_uuid, custom_field_uuid)
