"""/v1/contacts/{contact_uuid}/notes: a contact's notes."""

from __future__ import annotations

from fastapi import Response

from app.schema import Note, NoteCreate, NoteReplace, NotesPage

from ..auth import Auth
from ..deps import Limit, Offset
from ..routing import api_router
from ..services import notes
from ..services.common import pagination
from ..sessions import ReadSession, WriteSession

router = api_router(prefix="/contacts/{contact_uuid}/notes", tags=["Contact Notes"])


@router.get("", response_model=NotesPage, summary="List Contact Notes")
def list_notes(
    principal: Auth, session: ReadSession, contact_uuid: str, limit: Limit = 50, offset: Offset = 0
) -> dict:
    rows, total = notes.list_page(session, principal, contact_uuid, limit=limit, offset=offset)
    return {"notes": rows, "pagination": pagination(limit, offset, total)}


@router.post("", response_model=Note, status_code=201, summary="Create a Contact Note")
def create_note(principal: Auth, session: WriteSession, contact_uuid: str, body: NoteCreate) -> dict:
    return notes.create(session, principal, contact_uuid, body)


@router.get("/{note_uuid}", response_model=Note, summary="Get a Contact Note")
def get_note(principal: Auth, session: ReadSession, contact_uuid: str, note_uuid: str) -> dict:
    return notes.get(session, principal, contact_uuid, note_uuid)


@router.put("/{note_uuid}", response_model=Note, summary="Update a Contact Note")
def replace_note(
    principal: Auth, session: WriteSession, contact_uuid: str, note_uuid: str, body: NoteReplace
) -> dict:
    return notes.replace(session, principal, contact_uuid, note_uuid, body)


@router.delete("/{note_uuid}", status_code=204, response_class=Response, summary="Delete a Contact Note")
def delete_note(principal: Auth, session: WriteSession, contact_uuid: str, note_uuid: str) -> None:
    notes.delete(session, principal, contact_uuid, note_uuid)
