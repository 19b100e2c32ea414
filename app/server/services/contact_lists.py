"""Contact lists and their members, always inside one workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Text, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from app.schema import ContactListCreate, ContactListUpdate
from app.schema.base import NUL, NUL_MESSAGE

from .. import models as m
from ..auth import Principal
from ..dialect import contains, fold
from ..errors import NotFound, Unprocessable
from . import contacts
from .common import apply_changes, ordering, path_uuid

ADDED_ALL = "Contacts successfully added to contact list."
NOT_FOUND_WARNING = "Contact not found."
ALREADY_MEMBER_WARNING = "Contact is already in this contact list."


def to_wire(row: m.ContactList, count: int, workspace_uuid: str) -> dict[str, Any]:
    """The contact list object of the reference; ``count`` is its number of non-archived contacts."""
    return {
        "uuid": row.uuid,
        "name": row.name,
        "status": row.status,
        "emoji": row.emoji,
        "workspace_uuid": workspace_uuid,
        "count": count,
        "created_by": row.created_by,
        "updated_by": row.updated_by,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def member_counts(session: Session, list_ids: Iterable[int]) -> dict[int, int]:
    """Non-archived members per list id."""
    ids = list(list_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(m.ContactListMember.contact_list_id, func.count())
        .join(m.Contact, m.Contact.id == m.ContactListMember.contact_id)
        .where(m.ContactListMember.contact_list_id.in_(ids), m.Contact.archived.is_(False))
        .group_by(m.ContactListMember.contact_list_id)
    )
    counts = dict.fromkeys(ids, 0)
    counts.update({list_id: count for list_id, count in rows})
    return counts


def _wire_many(session: Session, rows: Sequence[m.ContactList], principal: Principal) -> list[dict[str, Any]]:
    counts = member_counts(session, (r.id for r in rows))
    return [to_wire(r, counts[r.id], principal.workspace_uuid) for r in rows]


def _wire_one(session: Session, row: m.ContactList, principal: Principal) -> dict[str, Any]:
    return _wire_many(session, [row], principal)[0]


def get_row(session: Session, principal: Principal, list_uuid: str) -> m.ContactList:
    """The list with this uuid in the caller's workspace, or 404."""
    uuid = path_uuid(list_uuid, "Contact list")
    row = session.scalar(
        select(m.ContactList).where(
            m.ContactList.uuid == uuid, m.ContactList.workspace_id == principal.workspace_id
        )
    )
    if row is None:
        raise NotFound("Contact list")
    return row


def _page(
    session: Session, conditions: list[ColumnElement], order: list[ColumnElement], limit: int, offset: int
) -> tuple[list[m.ContactList], int]:
    total = session.scalar(select(func.count()).select_from(m.ContactList).where(*conditions)) or 0
    rows = list(
        session.scalars(select(m.ContactList).where(*conditions).order_by(*order).limit(limit).offset(offset))
    )
    return rows, total


def list_page(
    session: Session,
    principal: Principal,
    *,
    limit: int,
    offset: int,
    status: str = "active",
    sort_field: str = "name",
    sort_order: str = "asc",
    search: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """One page of the workspace's lists with one status, optionally those whose name contains ``search``."""
    conditions: list[ColumnElement] = [
        m.ContactList.workspace_id == principal.workspace_id,
        m.ContactList.status == status,
    ]
    term = (search or "").strip()
    if NUL in term:
        raise Unprocessable.single("nul_character", "search", NUL_MESSAGE, location="query")
    if term:
        conditions.append(contains(fold(m.ContactList.name), fold(literal(term, Text))))
    key = fold(m.ContactList.name) if sort_field == "name" else m.ContactList.created_at
    order = ordering(key, m.ContactList.uuid, sort_order, nullable=False)
    rows, total = _page(session, conditions, order, limit, offset)
    return _wire_many(session, rows, principal), total


def get(session: Session, principal: Principal, list_uuid: str) -> dict[str, Any]:
    return _wire_one(session, get_row(session, principal, list_uuid), principal)


def create(session: Session, principal: Principal, body: ContactListCreate) -> dict[str, Any]:
    now = m.utcnow()
    row = m.ContactList(
        workspace_id=principal.workspace_id,
        name=body.name,
        emoji=body.emoji,
        status="active",
        created_by=principal.token_uuid,
        updated_by=principal.token_uuid,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return to_wire(row, 0, principal.workspace_uuid)


def touch(row: m.ContactList, principal: Principal) -> None:
    """Record a change of the list (its members included): ``updated_at`` and ``updated_by`` move."""
    row.updated_at = m.utcnow()
    row.updated_by = principal.token_uuid


def update(session: Session, principal: Principal, list_uuid: str, body: ContactListUpdate) -> dict[str, Any]:
    """Change the members sent (``emoji: null`` removes the emoji); ``updated_at`` moves only on a change."""
    row = get_row(session, principal, list_uuid)
    if apply_changes(row, body.model_dump(exclude_unset=True)):
        touch(row, principal)
        session.flush()
    return _wire_one(session, row, principal)


def delete_list(session: Session, principal: Principal, list_uuid: str) -> None:
    """Delete the list and its memberships; its contacts stay."""
    session.delete(get_row(session, principal, list_uuid))
    session.flush()


def _contact_ids(session: Session, principal: Principal, uuids: Iterable[UUID]) -> dict[str, int]:
    wanted = {str(u) for u in uuids}
    rows = session.execute(
        select(m.Contact.uuid, m.Contact.id).where(
            m.Contact.workspace_id == principal.workspace_id, m.Contact.uuid.in_(wanted)
        )
    )
    return {uuid: contact_id for uuid, contact_id in rows}


def add_members(
    session: Session, principal: Principal, list_uuid: str, contact_uuids: Sequence[UUID]
) -> dict[str, Any]:
    """Add contacts to a list; a warning for each uuid that was not added (unknown or already a member)."""
    row = get_row(session, principal, list_uuid)
    ids = _contact_ids(session, principal, contact_uuids)
    members = set(
        session.scalars(
            select(m.ContactListMember.contact_id).where(
                m.ContactListMember.contact_list_id == row.id,
                m.ContactListMember.contact_id.in_(ids.values()),
            )
        )
    )
    added: list[str] = []
    warnings: list[dict[str, str]] = []
    for value in contact_uuids:
        uuid = str(value)
        contact_id = ids.get(uuid)
        if contact_id is None:
            warnings.append({"uuid": uuid, "message": NOT_FOUND_WARNING})
        elif contact_id in members:
            warnings.append({"uuid": uuid, "message": ALREADY_MEMBER_WARNING})
        else:
            members.add(contact_id)
            added.append(uuid)
    if added:
        now = m.utcnow()
        session.execute(
            insert(m.ContactListMember),
            [{"contact_list_id": row.id, "contact_id": ids[u], "added_at": now} for u in added],
        )
        touch(row, principal)
        session.flush()
    return {"message": _add_message(len(added), len(contact_uuids)), "added": added, "warnings": warnings}


def _add_message(added: int, requested: int) -> str:
    if added == requested:
        return ADDED_ALL
    if added == 0:
        return "No contacts were added to the contact list; see warnings."
    return f"{added} of {requested} contacts added to the contact list; see warnings."


def remove_members(
    session: Session, principal: Principal, list_uuid: str, contact_uuids: Sequence[UUID]
) -> None:
    """Remove contacts from a list; uuids that are not members are ignored (the request is idempotent)."""
    row = get_row(session, principal, list_uuid)
    ids = _contact_ids(session, principal, contact_uuids)
    if not ids:
        return
    result = session.execute(
        delete(m.ContactListMember).where(
            m.ContactListMember.contact_list_id == row.id,
            m.ContactListMember.contact_id.in_(ids.values()),
        )
    )
    if result.rowcount:
        touch(row, principal)
        session.flush()


def lists_of_contact(
    session: Session, principal: Principal, contact_uuid: str, *, status: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """The lists a contact belongs to (optionally of one status), by name."""
    contact = contacts.get(session, principal, contact_uuid)
    member_of = select(m.ContactListMember.contact_list_id).where(
        m.ContactListMember.contact_id == contact.id
    )
    conditions: list[ColumnElement] = [
        m.ContactList.workspace_id == principal.workspace_id,
        m.ContactList.id.in_(member_of),
    ]
    if status is not None:
        conditions.append(m.ContactList.status == status)
    order = ordering(fold(m.ContactList.name), m.ContactList.uuid, "asc", nullable=False)
    rows, total = _page(session, conditions, order, limit, offset)
    return _wire_many(session, rows, principal), total
