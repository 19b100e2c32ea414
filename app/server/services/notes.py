"""Notes of a contact: list, create, get, replace, delete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.schema import NoteCreate, NoteReplace

from .. import models as m
from ..auth import Principal
from ..errors import NotFound
from . import contacts
from .common import apply_changes, ordering, path_uuid


def to_wire(row: m.Note) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "title": row.title,
        "content": {"text": row.text},
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "archived_at": row.archived_at,
        "status": row.status,
    }


def get_row(session: Session, principal: Principal, contact_uuid: str, note_uuid: str) -> m.Note:
    """The note of this contact (in the caller's workspace), or 404; a note of another contact is 404 too."""
    contact = contacts.get(session, principal, contact_uuid)
    row = session.scalar(
        select(m.Note).where(m.Note.uuid == path_uuid(note_uuid, "Note"), m.Note.contact_id == contact.id)
    )
    if row is None:
        raise NotFound("Note")
    return row


def list_page(
    session: Session, principal: Principal, contact_uuid: str, *, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """A page of the contact's notes, newest first."""
    contact = contacts.get(session, principal, contact_uuid)
    of_contact = m.Note.contact_id == contact.id
    total = session.scalar(select(func.count()).select_from(m.Note).where(of_contact)) or 0
    rows = session.scalars(
        select(m.Note)
        .where(of_contact)
        .order_by(*ordering(m.Note.created_at, m.Note.uuid, "desc", nullable=False))
        .limit(limit)
        .offset(offset)
    )
    return [to_wire(r) for r in rows], total


def get(session: Session, principal: Principal, contact_uuid: str, note_uuid: str) -> dict[str, Any]:
    return to_wire(get_row(session, principal, contact_uuid, note_uuid))


def create(session: Session, principal: Principal, contact_uuid: str, body: NoteCreate) -> dict[str, Any]:
    contact = contacts.get(session, principal, contact_uuid)
    now = m.utcnow()
    row = m.Note(
        contact_id=contact.id,
        title=body.title,
        text=body.content.text,
        status="active",
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return to_wire(row)


def replace(
    session: Session, principal: Principal, contact_uuid: str, note_uuid: str, body: NoteReplace
) -> dict[str, Any]:
    """Replace title and text; ``updated_at`` moves only when one of them changes."""
    row = get_row(session, principal, contact_uuid, note_uuid)
    if apply_changes(row, {"title": body.title, "text": body.content.text}):
        row.updated_at = m.utcnow()
        session.flush()
    return to_wire(row)


def delete(session: Session, principal: Principal, contact_uuid: str, note_uuid: str) -> None:
    session.delete(get_row(session, principal, contact_uuid, note_uuid))
    session.flush()
