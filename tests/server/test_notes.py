"""Notes of a contact: CRUD, full replacement, ownership by contact."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.anyio

NOTE_KEYS = {"uuid", "title", "content", "created_at", "updated_at", "archived_at", "status"}
MEETING = {"title": "Meeting Notes", "content": {"text": "Discussed project timeline and deliverables."}}


async def new_contact(http, email: str = "n@example.com") -> dict:
    return (await http.post("/contacts", json={"email": email})).json()


async def test_create_get_replace_delete(http):
    contact = await new_contact(http)
    url = f"/contacts/{contact['uuid']}/notes"
    created = await http.post(url, json=MEETING)
    assert created.status_code == 201
    note = created.json()
    assert note.keys() == NOTE_KEYS
    assert (note["title"], note["content"], note["status"], note["archived_at"]) == (
        "Meeting Notes",
        {"text": "Discussed project timeline and deliverables."},
        "active",
        None,
    )
    assert note["created_at"] == note["updated_at"]
    assert (await http.get(f"{url}/{note['uuid']}")).json() == note

    replaced = await http.put(
        f"{url}/{note['uuid']}",
        json={
            "title": "Updated Meeting Notes",
            "content": {"text": "Revised action items from the meeting."},
        },
    )
    assert replaced.status_code == 200
    body = replaced.json()
    assert body["title"] == "Updated Meeting Notes"
    assert body["content"] == {"text": "Revised action items from the meeting."}
    assert body["updated_at"] > note["updated_at"] and body["created_at"] == note["created_at"]

    deleted = await http.delete(f"{url}/{note['uuid']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert (await http.get(f"{url}/{note['uuid']}")).status_code == 404


async def test_title_is_optional_on_create_and_may_be_null_on_replace(http):
    contact = await new_contact(http)
    url = f"/contacts/{contact['uuid']}/notes"
    note = (await http.post(url, json={"content": {"text": "Prefers WhatsApp."}})).json()
    assert note["title"] is None
    titled = (await http.put(f"{url}/{note['uuid']}", json={"title": "T", "content": {"text": "x"}})).json()
    untitled = await http.put(f"{url}/{note['uuid']}", json={"title": None, "content": {"text": "x"}})
    assert titled["title"] == "T" and untitled.json()["title"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "No content"}, "content"),
        ({"content": {}}, "content.text"),
        ({"content": {"text": ""}}, "content.text"),
        ({"content": {"text": 5}}, "content.text"),
        ({"title": "x" * 251, "content": {"text": "t"}}, "title"),
    ],
)
async def test_create_needs_content_text(http, body, field):
    contact = await new_contact(http)
    response = await http.post(f"/contacts/{contact['uuid']}/notes", json=body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["error"]["details"]["errors"]] == [field]


@pytest.mark.parametrize(
    ("body", "fields"),
    [({"content": {"text": "x"}}, ["title"]), ({"title": "x"}, ["content"]), ({}, ["title", "content"])],
)
async def test_replace_is_a_full_replacement(http, body, fields):
    contact = await new_contact(http)
    url = f"/contacts/{contact['uuid']}/notes"
    note = (await http.post(url, json=MEETING)).json()
    response = await http.put(f"{url}/{note['uuid']}", json=body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["error"]["details"]["errors"]] == fields
    assert (await http.get(f"{url}/{note['uuid']}")).json() == note


async def test_a_replace_that_changes_nothing_keeps_updated_at(http):
    contact = await new_contact(http)
    url = f"/contacts/{contact['uuid']}/notes"
    note = (await http.post(url, json=MEETING)).json()
    assert (await http.put(f"{url}/{note['uuid']}", json=MEETING)).json()["updated_at"] == note["updated_at"]


async def test_list_is_newest_first_and_paginated(http):
    contact = await new_contact(http)
    url = f"/contacts/{contact['uuid']}/notes"
    for n in range(3):
        await http.post(url, json={"title": f"n{n}", "content": {"text": "t"}})
    page = (await http.get(url)).json()
    assert [n["title"] for n in page["notes"]] == ["n2", "n1", "n0"]
    assert page["pagination"] == {"limit": 50, "offset": 0, "total": 3}
    second = (await http.get(url, params={"limit": 1, "offset": 1})).json()
    assert [n["title"] for n in second["notes"]] == ["n1"]


async def test_a_note_of_another_contact_is_404(http):
    owner = await new_contact(http, "owner@example.com")
    other = await new_contact(http, "other@example.com")
    note = (await http.post(f"/contacts/{owner['uuid']}/notes", json=MEETING)).json()
    wrong = f"/contacts/{other['uuid']}/notes/{note['uuid']}"
    for method, body in [("GET", None), ("PUT", MEETING), ("DELETE", None)]:
        response = await http.request(method, wrong, json=body)
        assert response.status_code == 404
        assert response.json() == {"error": {"message": "404 NOT FOUND", "details": "Note not found."}}
    assert (await http.get(f"/contacts/{other['uuid']}/notes")).json()["notes"] == []
    assert (await http.get(f"/contacts/{owner['uuid']}/notes/{note['uuid']}")).status_code == 200


@pytest.mark.parametrize("note_path", ["not-a-uuid", str(uuid.uuid4())])
async def test_unknown_notes_and_contacts_are_404(http, note_path):
    contact = await new_contact(http)
    assert (await http.get(f"/contacts/{contact['uuid']}/notes/{note_path}")).status_code == 404
    missing_contact = await http.get(f"/contacts/{uuid.uuid4()}/notes")
    assert missing_contact.json()["error"]["details"] == "Contact not found."


async def test_notes_do_not_change_the_contact(http):
    contact = await new_contact(http)
    await http.post(f"/contacts/{contact['uuid']}/notes", json=MEETING)
    assert (await http.get(f"/contacts/{contact['uuid']}")).json()["updated_at"] == contact["updated_at"]
