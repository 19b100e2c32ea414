"""Pages of contacts (List Contacts, a list's members) and the contact object of the reference.

Core only, on :mod:`app.server.tables`: a server's first page is this, and it loads no ORM.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Row, func, select

from app.schema import CONTACT_TEXT_FIELDS

from ..errors import NotFound
from ..tables import contact_list_members, contact_lists, contacts
from .common import ordering

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from ..auth import Principal


def folded_name(field: str) -> str:
    """The column holding the case-folded copy of a text member."""
    return f"{field}_folded"


def to_wire(row: Any, workspace_uuid: str) -> dict[str, Any]:
    """The contact object of the reference from a contact (an ORM object or a row of ``WIRE_COLUMNS``)."""
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


#: The columns of the contact object: list paths select these as plain rows (cheaper than ORM objects).
WIRE_COLUMNS = tuple(
    contacts.c[name]
    for name in (
        "uuid",
        "first_name",
        "last_name",
        "external_contact_id",
        "email",
        "phone_number",
        "whatsapp_id",
        "fb_messenger_id",
        "client_reference",
        "archived",
        "created_at",
        "updated_at",
        "last_engaged_at",
        "custom_fields",
    )
)


def to_wire_many(rows: Iterable[Any], principal: Principal) -> list[dict[str, Any]]:
    return [to_wire(r, principal.workspace_uuid) for r in rows]


def order_by(field: str, direction: str) -> list[ColumnElement]:
    """ORDER BY terms: text case-insensitive, missing values last both ways, uuid as tie-breaker."""
    key = contacts.c[folded_name(field) if field in CONTACT_TEXT_FIELDS else field]
    return ordering(key, contacts.c.uuid, direction, nullable=field not in ("created_at", "updated_at"))


def visible(principal: Principal, include_archived: bool = False) -> list[ColumnElement]:
    """The conditions of the contacts a caller sees: its workspace's, archived ones only when asked."""
    conditions = [contacts.c.workspace_id == principal.workspace_id]
    if not include_archived:
        conditions.append(contacts.c.archived.is_(False))
    return conditions


def list_page(
    connection: Connection | Session,
    principal: Principal,
    *,
    limit: int,
    offset: int,
    order_field: str = "created_at",
    order: str = "desc",
    contact_list_uuid: str | None = None,
    include_archived: bool = False,
) -> tuple[list[Row], int]:
    """One page of the workspace's contacts (archived ones only when asked) and their total, read in one
    transaction (a Core connection or a session)."""
    conditions = visible(principal, include_archived)
    if contact_list_uuid is not None:
        list_id = connection.scalar(
            select(contact_lists.c.id).where(
                contact_lists.c.uuid == contact_list_uuid,
                contact_lists.c.workspace_id == principal.workspace_id,
            )
        )
        if list_id is None:
            raise NotFound("Contact list")
        members = select(contact_list_members.c.contact_id).where(
            contact_list_members.c.contact_list_id == list_id
        )
        conditions.append(contacts.c.id.in_(members))
    total = connection.scalar(select(func.count()).select_from(contacts).where(*conditions)) or 0
    query = select(*WIRE_COLUMNS).where(*conditions).order_by(*order_by(order_field, order))
    return list(connection.execute(query.limit(limit).offset(offset))), total
