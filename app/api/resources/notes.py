"""``client.notes``: notes attached to a contact."""

from __future__ import annotations

from typing import Any

from app.schema import Note, NoteCreate, NoteReplace, NotesPage

from ..pagination import PageRequest
from ._base import Id, PageQuery, Resource, build_query, build_request, path


class NotesResource(Resource):
    """Notes of a contact: ``{"title": ..., "content": {"text": ...}}``."""

    def list(self, contact_uuid: Id, *, limit: int = 50, offset: int = 0) -> PageRequest[Note]:
        """List Contact Notes: ``await`` for a page, ``async for`` for every note."""
        query = build_query(PageQuery, {"limit": limit, "offset": offset})
        return self._paged(NotesPage, "notes", path("contacts", contact_uuid, "notes"), query)

    async def create(
        self, contact_uuid: Id, body: NoteCreate | dict[str, Any] | None = None, **fields: Any
    ) -> Note:
        """Create a note (``content={"text": ...}``, optional ``title``). Never sent twice."""
        request = build_request(NoteCreate, body, fields)
        return await self._call(
            Note, "POST", path("contacts", contact_uuid, "notes"), body=request, retry=False
        )

    async def get(self, contact_uuid: Id, note_uuid: Id) -> Note:
        return await self._call(Note, "GET", path("contacts", contact_uuid, "notes", note_uuid))

    async def replace(
        self, contact_uuid: Id, note_uuid: Id, body: NoteReplace | dict[str, Any] | None = None, **fields: Any
    ) -> Note:
        """Update a Contact Note: a full replacement, ``title`` and ``content`` are both required."""
        request = build_request(NoteReplace, body, fields)
        return await self._call(
            Note, "PUT", path("contacts", contact_uuid, "notes", note_uuid), body=request, retry=True
        )

    async def delete(self, contact_uuid: Id, note_uuid: Id) -> None:
        await self._delete(path("contacts", contact_uuid, "notes", note_uuid))
