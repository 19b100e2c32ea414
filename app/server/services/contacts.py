"""Contacts: listing, reading, creating and updating, always inside one workspace."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from app.schema import CONTACT_TEXT_FIELDS, ContactCreate, ContactUpdate, has_identifier
from app.schema.contacts import missing_identifier_error

from .. import models as m
from ..auth import Principal
from ..errors import NotFound, Unprocessable
from . import custom_values
from .common import path_uuid

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
TEXT_ORDER_FIELDS = frozenset({"first_name", "last_name", "external_contact_id"})


def search_text(values: dict[str, Any] | m.Contact) -> str:
    """The case-folded text ``search_term`` matches against, one field per line."""
    get = values.get if isinstance(values, dict) else lambda f: getattr(values, f)
    return "\n".join((get(f) or "").casefold() for f in SEARCH_TERM_FIELDS)


def to_wire(row: m.Contact, workspace_uuid: str) -> dict[str, Any]:
    """The contact object of the reference, as a JSON-ready dict."""
    return {
        "uuid": row.uuid,
        "workspace_uuid": workspace_uuid,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "external_contact_id": row.external_contact_id,
        "email": row.email,
        "phone_number": row.phone_number,
        "whatsapp_id": row.whatsapp_id,
        "fb_messenger_id": row.fb_messenger_id,
        "client_reference": row.client_reference,
        "archived": row.archived,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "last_engaged_at": row.last_engaged_at,
        "custom_fields": row.custom_fields or {},
    }


def order_by(field: str, direction: str) -> list[ColumnElement]:
    """ORDER BY terms: text case-insensitive, missing values last both ways, uuid as tie-breaker."""
    column = getattr(m.Contact, field)
    key = func.lower(column) if field in TEXT_ORDER_FIELDS else column
    terms: list[ColumnElement] = []
    if field not in ("created_at", "updated_at"):
        terms.append(column.is_(None))
    terms.append(key.desc() if direction == "desc" else key.asc())
    terms.append(m.Contact.uuid.desc() if direction == "desc" else m.Contact.uuid.asc())
    return terms


def _visible(principal: Principal) -> list[ColumnElement]:
    return [m.Contact.workspace_id == principal.workspace_id, m.Contact.archived.is_(False)]


def list_page(
    session: Session,
    principal: Principal,
    *,
    limit: int,
    offset: int,
    order_field: str = "created_at",
    order: str = "desc",
    contact_list_uuid: str | None = None,
) -> tuple[list[m.Contact], int]:
    """One page of the workspace's non-archived contacts and their total."""
    conditions = _visible(principal)
    if contact_list_uuid is not None:
        list_id = session.scalar(
            select(m.ContactList.id).where(
                m.ContactList.uuid == contact_list_uuid,
                m.ContactList.workspace_id == principal.workspace_id,
            )
        )
        if list_id is None:
            raise NotFound("Contact list")
        members = select(m.ContactListMember.contact_id).where(m.ContactListMember.contact_list_id == list_id)
        conditions.append(m.Contact.id.in_(members))
    query: Select = select(m.Contact).where(*conditions)
    total = session.scalar(select(func.count()).select_from(m.Contact).where(*conditions)) or 0
    rows = list(session.scalars(query.order_by(*order_by(order_field, order)).limit(limit).offset(offset)))
    return rows, total


def get(session: Session, principal: Principal, contact_uuid: str) -> m.Contact:
    """The contact with this uuid in the caller's workspace (archived ones too), or 404."""
    uuid = path_uuid(contact_uuid, "Contact")
    row = session.scalar(
        select(m.Contact).where(m.Contact.uuid == uuid, m.Contact.workspace_id == principal.workspace_id)
    )
    if row is None:
        raise NotFound("Contact")
    return row


def _checked_custom_fields(session: Session, principal: Principal, values: dict[str, Any]) -> dict[str, Any]:
    definitions = custom_values.load_definitions(session, principal.workspace_id)
    normalized, problems = custom_values.check_values(definitions, values)
    if problems:
        raise Unprocessable(problems)
    return normalized


def create(session: Session, principal: Principal, body: ContactCreate) -> m.Contact:
    values = body.model_dump(exclude={"custom_fields"})
    custom = _checked_custom_fields(session, principal, body.custom_fields) if body.custom_fields else {}
    now = m.utcnow()
    row = m.Contact(
        workspace_id=principal.workspace_id,
        **values,
        archived=False,
        created_at=now,
        updated_at=now,
        custom_fields=custom_values.merge({}, custom),
        search_text=search_text(values),
    )
    session.add(row)
    session.flush()
    return row


def update(session: Session, principal: Principal, contact_uuid: str, body: ContactUpdate) -> m.Contact:
    """Apply the members sent (``null`` clears one); the contact must keep an identifier."""
    row = get(session, principal, contact_uuid)
    changes = body.model_dump(exclude_unset=True, exclude={"custom_fields"})
    if not changes and not body.custom_fields:
        return row  # nothing to change: updated_at stays
    after = {f: changes.get(f, getattr(row, f)) for f in CONTACT_TEXT_FIELDS}
    if not has_identifier(after):
        err = missing_identifier_error()
        raise Unprocessable.single(err.type, "identifier", err.message())
    for field, value in changes.items():
        setattr(row, field, value)
    if body.custom_fields:
        custom = _checked_custom_fields(session, principal, body.custom_fields)
        row.custom_fields = custom_values.merge(row.custom_fields or {}, custom)
    row.search_text = search_text(after)
    row.updated_at = m.utcnow()
    session.flush()
    return row
