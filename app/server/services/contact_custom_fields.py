"""The custom field values of one contact: list, set one by definition uuid, update many by key, remove one."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.schema import ContactCustomFieldSet, ContactCustomFieldsUpdate, ContactUpdate

from ..auth import Principal
from ..errors import Unprocessable
from . import contacts, custom_fields, custom_values


def _wire(row) -> dict[str, Any]:
    return {"custom_fields": row.custom_fields or {}}


def list_values(session: Session, principal: Principal, contact_uuid: str) -> dict[str, Any]:
    return _wire(contacts.get(session, principal, contact_uuid))


def set_one(
    session: Session, principal: Principal, contact_uuid: str, body: ContactCustomFieldSet
) -> dict[str, Any]:
    """Set (or with ``null`` clear) the value of the definition ``custom_field_uuid``; 404 if it does not exist."""
    row = contacts.get(session, principal, contact_uuid)
    definition = custom_values.FieldDef.from_row(
        custom_fields.get_row(session, principal, str(body.custom_field_uuid))
    )
    try:
        value = custom_values.coerce(definition, body.value)
    except ValueError as exc:
        raise Unprocessable([custom_values.value_problem(definition, "value", exc)]) from None
    contacts.store_custom_values(row, {definition.key: value})
    session.flush()
    return _wire(row)


def update_many(
    session: Session, principal: Principal, contact_uuid: str, body: ContactCustomFieldsUpdate
) -> dict[str, Any]:
    """Update values by field key, exactly as Update a Contact does with its ``custom_fields``."""
    return _wire(
        contacts.update(session, principal, contact_uuid, ContactUpdate(custom_fields=body.custom_fields))
    )


def delete_one(session: Session, principal: Principal, contact_uuid: str, field_uuid: str) -> None:
    """Remove the contact's value of a definition (nothing to do when it has none)."""
    row = contacts.get(session, principal, contact_uuid)
    definition = custom_fields.get_row(session, principal, field_uuid)
    contacts.store_custom_values(row, {definition.field_key: None})
    session.flush()
