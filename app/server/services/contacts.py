"""Contacts: reading, creating and updating, always inside one workspace (pages: ``contacts_page``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.schema import CONTACT_TEXT_FIELDS, ContactCreate, ContactUpdate, ContactWrite, has_identifier
from app.schema.contacts import missing_identifier_error

from .. import models as m
from ..auth import Principal
from ..errors import NotFound, Unprocessable
from . import custom_values
from .common import apply_changes, path_uuid
from .contacts_page import folded_name
from .custom_values import FieldDef

#: Fields ``search_term`` looks in (decisions.md).
SEARCH_TERM_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "whatsapp_id",
    "fb_messenger_id",
    "external_contact_id",
)


def derived_columns(values: Mapping[str, Any]) -> dict[str, Any]:
    """Columns computed from a contact's text members: ``search_text`` (case-folded ``search_term``
    fields, one per line) and the case-folded copy of every text member."""
    folded = {f: (values.get(f) or "").casefold() for f in CONTACT_TEXT_FIELDS}
    return {
        "search_text": "\n".join(folded[f] for f in SEARCH_TERM_FIELDS),
        **{folded_name(f): folded[f] if values.get(f) is not None else None for f in CONTACT_TEXT_FIELDS},
    }


def get(session: Session, principal: Principal, contact_uuid: str) -> m.Contact:
    """The contact with this uuid in the caller's workspace (archived ones too), or 404."""
    uuid = path_uuid(contact_uuid, "Contact")
    row = session.scalar(
        select(m.Contact).where(m.Contact.uuid == uuid, m.Contact.workspace_id == principal.workspace_id)
    )
    if row is None:
        raise NotFound("Contact")
    return row


def checked_custom_fields(definitions: Mapping[str, FieldDef], values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` normalized against their definitions; a 422 naming every bad field otherwise."""
    normalized, problems = custom_values.check_values(definitions, values)
    if problems:
        raise Unprocessable(problems)
    return normalized


def _definitions_for(session: Session, principal: Principal, body: ContactWrite) -> dict[str, FieldDef]:
    return custom_values.load_definitions(session, principal.workspace_id) if body.custom_fields else {}


def new_row_values(body: ContactWrite, definitions: Mapping[str, FieldDef], now: datetime) -> dict[str, Any]:
    """The columns of a new contact made from ``body`` (identifier rule checked by the caller's model)."""
    values = body.model_dump(exclude={"custom_fields"})
    custom = checked_custom_fields(definitions, body.custom_fields) if body.custom_fields else {}
    return {
        **values,
        "archived": False,
        "created_at": now,
        "updated_at": now,
        "custom_fields": custom_values.merge({}, custom),
        **derived_columns(values),
    }


def changed_values(current: Any, body: ContactUpdate, definitions: Mapping[str, FieldDef]) -> dict[str, Any]:
    """The columns of ``current`` (a contact row) that ``body`` changes; empty when nothing changes.

    Members sent replace the stored ones (``null`` clears); the contact must keep an identifier.
    """
    sent = body.model_dump(exclude_unset=True, exclude={"custom_fields"})
    after = {f: sent.get(f, getattr(current, f)) for f in CONTACT_TEXT_FIELDS}
    if sent and not has_identifier(after):
        err = missing_identifier_error()
        raise Unprocessable.single(err.type, "identifier", err.message())
    changes = {f: v for f, v in sent.items() if getattr(current, f) != v}
    if body.custom_fields:
        merged = _merged(current, checked_custom_fields(definitions, body.custom_fields))
        if merged is not None:
            changes["custom_fields"] = merged
    if changes.keys() & set(CONTACT_TEXT_FIELDS):
        changes.update(derived_columns(after))
    return changes


def _merged(current: Any, normalized: Mapping[str, Any]) -> dict[str, Any] | None:
    """The contact's custom values with ``normalized`` applied, or ``None`` when they stay the same."""
    before = current.custom_fields or {}
    after = custom_values.merge(before, normalized)
    return after if after != before else None


def store_custom_values(row: m.Contact, normalized: Mapping[str, Any]) -> None:
    """Merge checked values into a contact (``None`` removes one); ``updated_at`` moves if any changed."""
    merged = _merged(row, normalized)
    if merged is not None:
        row.custom_fields = merged
        row.updated_at = m.utcnow()


def create(session: Session, principal: Principal, body: ContactCreate) -> m.Contact:
    values = new_row_values(body, _definitions_for(session, principal, body), m.utcnow())
    row = m.Contact(workspace_id=principal.workspace_id, **values)
    session.add(row)
    session.flush()
    return row


def update(session: Session, principal: Principal, contact_uuid: str, body: ContactUpdate) -> m.Contact:
    """Apply the members sent; ``updated_at`` moves only when something changes."""
    row = get(session, principal, contact_uuid)
    changes = changed_values(row, body, _definitions_for(session, principal, body))
    if changes:
        apply_changes(row, changes)
        row.updated_at = m.utcnow()
        session.flush()
    return row
