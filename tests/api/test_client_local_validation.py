"""A request the server would refuse is refused before sending, with exactly the server's errors.

Each case makes the call through the client (which must send nothing) and the same request raw
to the real server, and compares the ``errors`` items.
"""

from __future__ import annotations

import uuid

import pytest

from app.api import ValidationError

pytestmark = pytest.mark.anyio

SOME = str(uuid.uuid4())
MANY = [str(uuid.uuid4()) for _ in range(101)]
DEFINITION = {"name": "Revenue", "field_type": "number:integer", "editable": True, "sensitive": False}

# (client call, raw request: method, path, json body, query parameters)
CASES = {
    "create without identifier": (
        lambda api: api.contacts.create(first_name="Nobody"),
        ("POST", "/contacts", {"first_name": "Nobody"}, None),
    ),
    "create with an unknown member": (
        lambda api: api.contacts.create(email="a@example.com", emial="typo"),
        ("POST", "/contacts", {"email": "a@example.com", "emial": "typo"}, None),
    ),
    "list limit above 100": (
        lambda api: api.contacts.list(limit=101),
        ("GET", "/contacts", None, {"limit": 101}),
    ),
    "list negative offset": (
        lambda api: api.contacts.list(offset=-1),
        ("GET", "/contacts", None, {"offset": -1}),
    ),
    "list unknown order field": (
        lambda api: api.contacts.list(order_field="email", order="up"),
        ("GET", "/contacts", None, {"order_field": "email", "order": "up"}),
    ),
    "list malformed list uuid": (
        lambda api: api.contacts.list(contact_list_uuid="not-a-uuid"),
        ("GET", "/contacts", None, {"contact_list_uuid": "not-a-uuid"}),
    ),
    "search operator of another type": (
        lambda api: api.contacts.search(
            advanced_search=[
                {"field": "num_seats", "operator": "contains", "value": "1", "data_type": "long"}
            ]
        ),
        (
            "POST",
            "/contacts/search",
            {
                "advanced_search": [
                    {"field": "num_seats", "operator": "contains", "value": "1", "data_type": "long"}
                ]
            },
            None,
        ),
    ),
    "search limit 0": (
        lambda api: api.contacts.search(limit=0),
        ("POST", "/contacts/search", {}, {"limit": 0}),
    ),
    "bulk without contacts": (
        lambda api: api.contacts.bulk_create([]),
        ("POST", "/contacts/bulk", {"contacts": []}, None),
    ),
    "bulk of 1001": (
        lambda api: api.contacts.bulk_create([{"email": f"{n}@example.com"} for n in range(1001)]),
        ("POST", "/contacts/bulk", {"contacts": [{"email": f"{n}@example.com"} for n in range(1001)]}, None),
    ),
    "bulk unknown merge type and match field": (
        lambda api: api.contacts.bulk_create(
            [{"email": "a@example.com"}], merge_type="merge", match_on_field="name"
        ),
        (
            "POST",
            "/contacts/bulk",
            {"contacts": [{"email": "a@example.com"}], "merge_type": "merge", "match_on_field": "name"},
            None,
        ),
    ),
    "bulk item that is not an object": (
        lambda api: api.contacts.bulk_create([{"email": "a@example.com"}, "b@example.com"]),
        ("POST", "/contacts/bulk", {"contacts": [{"email": "a@example.com"}, "b@example.com"]}, None),
    ),
    "list name blank": (
        lambda api: api.contact_lists.create(name="   "),
        ("POST", "/contact-lists", {"name": "   "}, None),
    ),
    "lists of an unknown status": (
        lambda api: api.contact_lists.list(status="deleted", sort_field="size"),
        ("GET", "/contact-lists", None, {"status": "deleted", "sort_field": "size"}),
    ),
    "add no contacts": (
        lambda api: api.contact_lists.add_contacts(SOME, []),
        ("POST", f"/contact-lists/{SOME}/contacts", {"contact_uuids": []}, None),
    ),
    "add 101 contacts": (
        lambda api: api.contact_lists.add_contacts(SOME, MANY),
        ("POST", f"/contact-lists/{SOME}/contacts", {"contact_uuids": MANY}, None),
    ),
    "add a malformed uuid": (
        lambda api: api.contact_lists.add_contacts(SOME, ["not-a-uuid"]),
        ("POST", f"/contact-lists/{SOME}/contacts", {"contact_uuids": ["not-a-uuid"]}, None),
    ),
    "remove 101 contacts": (
        lambda api: api.contact_lists.remove_contacts(SOME, MANY),
        ("DELETE", f"/contact-lists/{SOME}/contacts", {"contact_uuids": MANY}, None),
    ),
    "custom field name of 2 characters": (
        lambda api: api.custom_fields.create(name="ab", field_type="text"),
        ("POST", "/custom-fields", {"name": "ab", "field_type": "text"}, None),
    ),
    "select without options": (
        lambda api: api.custom_fields.create(name="Priority", field_type="select"),
        ("POST", "/custom-fields", {"name": "Priority", "field_type": "select"}, None),
    ),
    "unknown field type": (
        lambda api: api.custom_fields.create(name="Colour", field_type="colour"),
        ("POST", "/custom-fields", {"name": "Colour", "field_type": "colour"}, None),
    ),
    "definition update without icon": (
        lambda api: api.custom_fields.update(SOME, DEFINITION),
        ("PATCH", f"/custom-fields/{SOME}", DEFINITION, None),
    ),
    "value set with a malformed definition uuid": (
        lambda api: api.contact_custom_fields.set(SOME, "not-a-uuid", 3),
        ("POST", f"/contacts/{SOME}/custom-fields", {"custom_field_uuid": "not-a-uuid", "value": 3}, None),
    ),
    "note without content": (
        lambda api: api.notes.create(SOME, title="Call"),
        ("POST", f"/contacts/{SOME}/notes", {"title": "Call"}, None),
    ),
    "note replaced without title": (
        lambda api: api.notes.replace(SOME, SOME, content={"text": "x"}),
        ("PUT", f"/contacts/{SOME}/notes/{SOME}", {"content": {"text": "x"}}, None),
    ),
    "notes limit 0": (
        lambda api: api.notes.list(SOME, limit=0),
        ("GET", f"/contacts/{SOME}/notes", None, {"limit": 0}),
    ),
}


@pytest.mark.parametrize("case", CASES.keys())
async def test_refused_before_sending_with_the_servers_own_errors(case, faulty_client, faulty, http):
    call, (method, path, body, params) = CASES[case]
    with pytest.raises(ValidationError) as caught:
        await call(faulty_client)
    assert caught.value.local is True and caught.value.status_code == 422
    assert faulty.attempts == []
    answer = await http.request(method, path, json=body, params=params)
    assert answer.status_code == 422, answer.text
    server = answer.json()["error"]["details"]["errors"]
    assert [e.model_dump(by_alias=True) for e in caught.value.errors] == server
    assert str(caught.value) == "; ".join(
        f"{e['field']}: {e['msg']}" if e["field"] else e["msg"] for e in server
    )
