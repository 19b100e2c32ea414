"""Notes attached to a contact."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import StringConstraints

from .base import RequestModel, ResponseModel
from .common import Pagination

NoteTitle = Annotated[str, StringConstraints(max_length=250)]
NoteText = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]


class NoteContentIn(RequestModel):
    text: NoteText


class NoteContent(ResponseModel):
    text: str


class Note(ResponseModel):
    uuid: UUID
    title: str | None = None
    content: NoteContent
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None = None
    status: str = "active"


class NotesPage(ResponseModel):
    notes: list[Note]
    pagination: Pagination


class NoteCreate(RequestModel):
    title: NoteTitle | None = None
    content: NoteContentIn


class NoteReplace(RequestModel):
    """Body of Update a Contact Note: a full replacement; ``title`` and ``content`` must both be sent."""

    title: NoteTitle | None
    content: NoteContentIn
