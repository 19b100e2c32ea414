"""``client.notes`` against the real server app."""

from __future__ import annotations

import uuid

import pytest

from app.api import NotFoundError
from app.schema import Note, NoteCreate

pytestmark = pytest.mark.anyio


async def test_a_note_is_created_read_replaced_and_deleted(client):
    contact = await client.contacts.create(email="n@example.com")
    note = await client.notes.create(
        contact.uuid, title="Meeting Notes", content={"text": "Discussed timeline."}
    )
    assert isinstance(note, Note)
    assert (note.title, note.content.text, note.status) == ("Meeting Notes", "Discussed timeline.", "active")
    assert await client.notes.get(contact.uuid, note.uuid) == note

    replaced = await client.notes.replace(
        contact.uuid, note.uuid, title="Updated Meeting Notes", content={"text": "Revised action items."}
    )
    assert (replaced.title, replaced.content.text) == ("Updated Meeting Notes", "Revised action items.")
    assert replaced.updated_at >= note.updated_at

    await client.notes.delete(contact.uuid, note.uuid)
    with pytest.raises(NotFoundError):
        await client.notes.get(contact.uuid, note.uuid)


async def test_notes_page_and_iterate(client):
    contact = await client.contacts.create(email="many@example.com")
    for n in range(3):
        await client.notes.create(contact.uuid, NoteCreate(content={"text": f"note {n}"}))
    page = await client.notes.list(contact.uuid, limit=2)
    assert (page.total, len(page)) == (3, 2)
    assert sorted([n.content.text async for n in client.notes.list(contact.uuid)]) == [
        "note 0",
        "note 1",
        "note 2",
    ]


async def test_a_note_of_another_contact_is_not_found(client):
    owner = await client.contacts.create(email="owner@example.com")
    other = await client.contacts.create(email="other@example.com")
    note = await client.notes.create(owner.uuid, content={"text": "private"})
    with pytest.raises(NotFoundError):
        await client.notes.get(other.uuid, note.uuid)
    with pytest.raises(NotFoundError):
        await client.notes.list(uuid.uuid4())
