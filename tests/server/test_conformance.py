"""Conformance: every request example of the reference, replayed against the server, with the
documented status and response shape checked field by field.

The reference's response examples are copied here; a response must have exactly the example's
members (plus documented additive ones), each of the example's JSON type, and the values the
request determines.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import anyio
import pytest

pytestmark = pytest.mark.anyio

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")

CONTACT_EXAMPLE = {
    "uuid": "ff0556cf-fbad-4d55-94cd-119bac9df2da",
    "workspace_uuid": "ff027904-fdbc-4c30-a533-105d1c96e1cb",
    "first_name": "Bruce",
    "last_name": "Wayne",
    "external_contact_id": "batman",
    "email": "batman@example.com",
    "phone_number": "1234567890",
    "whatsapp_id": "1234567890",
    "fb_messenger_id": "fb_12345",
    "archived": False,
    "created_at": "2025-12-10T10:31:34.353Z",
    "updated_at": "2025-12-10T10:31:34.353Z",
    "last_engaged_at": "2025-12-09T14:57:36Z",
    "custom_fields": {
        "date_of_birth": "1985-02-19",
        "subscription": "Enterprise",
        "is_verified": True,
        "num_seats": 450,
    },
}
CONTACT_ADDITIVE = {"client_reference"}
PAGINATION_EXAMPLE = {"limit": 50, "offset": 0, "total": 142}
LIST_EXAMPLE = {
    "uuid": "ff234212-c92e-4f33-9350-297887ca11de",
    "name": "VIP Customers",
    "status": "active",
    "emoji": "⭐",
    "workspace_uuid": "ff027904-fdbc-4c30-a533-105d1c96e1cb",
    "count": 42,
    "created_by": "ff027904-fdbc-4c30-a533-105d1c96e1cb",
    "updated_by": "ff027904-fdbc-4c30-a533-105d1c96e1cb",
    "created_at": "2025-12-10T11:08:38.055790Z",
    "updated_at": "2025-12-10T11:08:47.852679Z",
}
FIELD_EXAMPLE = {
    "uuid": "ff24cdaf-f0a1-4db9-ba47-109f6d663544",
    "workspace_uuid": "ff027904-fdbc-4c30-a533-105d1c96e1cb",
    "name": "Revenue",
    "icon": None,
    "field_type": "number:integer",
    "field_key": "revenue",
    "status": "active",
    "created_at": "2025-12-10T10:31:34.353Z",
    "updated_at": "2025-12-10T10:31:34.353Z",
    "archived_at": None,
    "editable": True,
    "sensitive": False,
}
SELECT_FIELD_EXAMPLE = {
    **FIELD_EXAMPLE,
    "name": "Priority",
    "icon": "star",
    "field_type": "select",
    "field_key": "priority",
    "select_options": [
        {"uuid": "opt-uuid-1", "display_label": "Low", "field_key": "low", "archived": False},
        {"uuid": "opt-uuid-2", "display_label": "Medium", "field_key": "medium", "archived": False},
        {"uuid": "opt-uuid-3", "display_label": "High", "field_key": "high", "archived": False},
    ],
}
NOTE_EXAMPLE = {
    "uuid": "ff46efcd-b2c3-4d4e-cf69-321f8e885766",
    "title": "Meeting Notes",
    "content": {"text": "Discussed project timeline and deliverables."},
    "created_at": "2025-12-10T09:00:00.000Z",
    "updated_at": "2025-12-10T09:30:00.000Z",
    "archived_at": None,
    "status": "active",
}
IMPORT_STATUS_EXAMPLE = {
    "contact_import_uuid": "ff28a1b2-c3d4-5e6f-7a8b-9c0d1e2f3a4b",
    "status": "completed",
    "summary": {"total": 2, "created": 1, "failed": 1},
}
#: Members whose value may be null although the example shows a value (the reference's own wording).
NULLABLE = {
    "first_name",
    "last_name",
    "external_contact_id",
    "email",
    "phone_number",
    "whatsapp_id",
    "fb_messenger_id",
    "last_engaged_at",
    "emoji",
    "icon",
    "title",
}
#: Members whose example value is null but that hold a value when set.
OPTIONAL = {"icon", "archived_at"}


def assert_shape(actual: Any, example: Any, path: str = "$", additive: frozenset[str] = frozenset()) -> None:
    """``actual`` has the example's members (and at most ``additive`` ones), each of the example's type."""
    if isinstance(example, dict):
        assert isinstance(actual, dict), f"{path}: {actual!r} is not an object"
        if path.endswith("custom_fields"):
            return  # values by key: their types follow the field types (checked elsewhere)
        assert example.keys() <= actual.keys() <= example.keys() | additive, (
            f"{path}: members {sorted(actual)} != {sorted(example)}"
        )
        for key, value in example.items():
            assert_shape(actual[key], value, f"{path}.{key}", additive)
        return
    if isinstance(example, list):
        assert isinstance(actual, list), f"{path}: {actual!r} is not an array"
        for n, item in enumerate(actual):
            assert_shape(item, example[0], f"{path}[{n}]", additive)
        return
    name = path.rsplit(".", 1)[-1]
    if actual is None and (name in NULLABLE or example is None):
        return
    if example is None:
        assert name in OPTIONAL, f"{path}: expected null, got {actual!r}"
        return
    assert type(actual) is type(example), f"{path}: {actual!r} is not a {type(example).__name__}"
    if name.endswith("_at"):
        assert ISO_UTC.match(actual), f"{path}: {actual!r} is not UTC ISO 8601"
    if name.endswith("uuid") or name in ("created_by", "updated_by"):
        uuid.UUID(actual)


def contact_page(body: dict, **pagination) -> None:
    assert_shape(
        body,
        {"contacts": [CONTACT_EXAMPLE], "pagination": PAGINATION_EXAMPLE},
        additive=frozenset(CONTACT_ADDITIVE),
    )
    for key, value in pagination.items():
        assert body["pagination"][key] == value


@pytest.fixture
async def workspace(http) -> dict[str, Any]:
    """The custom fields the examples use, and the reference's Bruce Wayne."""
    fields = {}
    for name, key, kind, options in [
        ("Date of birth", "date_of_birth", "date", None),
        ("Subscription", "subscription", "select", ["Startup", "Business", "Enterprise"]),
        ("Verified", "is_verified", "checkbox", None),
        ("Seats", "num_seats", "number:integer", None),
    ]:
        body = {"name": name, "field_type": kind, "field_key": key}
        if options:
            body["select_options"] = options
        fields[key] = (await http.post("/custom-fields", json=body)).json()
    bruce = {
        k: CONTACT_EXAMPLE[k]
        for k in ("first_name", "last_name", "external_contact_id", "email", "phone_number")
    }
    bruce |= {
        "whatsapp_id": "1234567890",
        "fb_messenger_id": "fb_12345",
        "custom_fields": CONTACT_EXAMPLE["custom_fields"],
    }
    contact = (await http.post("/contacts", json=bruce)).json()
    return {"fields": fields, "contact": contact}


async def test_list_contacts(http, workspace):
    response = await http.get("/contacts")
    assert response.status_code == 200
    contact_page(response.json(), limit=50, offset=0, total=1)
    [contact] = response.json()["contacts"]
    for key in (
        "first_name",
        "last_name",
        "external_contact_id",
        "email",
        "phone_number",
        "whatsapp_id",
        "fb_messenger_id",
    ):
        assert contact[key] == CONTACT_EXAMPLE[key]
    assert contact["custom_fields"] == CONTACT_EXAMPLE["custom_fields"]
    assert contact["archived"] is False and contact["last_engaged_at"] is None
    params = {"limit": 1, "offset": 0, "order_field": "last_name", "order": "asc", "contact_list_uuid": None}
    assert (
        await http.get("/contacts", params={k: v for k, v in params.items() if v is not None})
    ).status_code == 200


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ({"search_term": "john"}, 0),
        (
            {
                "advanced_search": [
                    {"field": "email", "operator": "contains", "value": "@example.com"},
                    {"field": "num_seats", "operator": "gte", "value": "100", "data_type": "long"},
                ],
                "sort_by": {"field": "created_at", "sort_order": "desc"},
            },
            1,
        ),
        ({"advanced_search": [{"field": "date_of_birth", "operator": "exists"}]}, 1),
        ({}, 1),
    ],
)
async def test_search_contacts_examples(http, workspace, body, found):
    response = await http.post("/contacts/search", json=body)
    assert response.status_code == 200
    contact_page(response.json(), limit=10, offset=0, total=found)


async def test_create_get_update_contact_examples(http, workspace):
    create = {
        "first_name": "Bruce",
        "last_name": "Wayne",
        "email": "batman@example.com",
        "phone_number": "1234567890",
        "custom_fields": {"date_of_birth": "1985-02-19"},
    }
    created = await http.post("/contacts", json=create)
    assert created.status_code == 201
    body = created.json()
    assert_shape(body, CONTACT_EXAMPLE, additive=frozenset(CONTACT_ADDITIVE))
    assert {k: body[k] for k in create} == create

    fetched = await http.get(f"/contacts/{body['uuid']}")
    assert fetched.status_code == 200 and fetched.json() == body

    update = {
        "first_name": "Bruce",
        "last_name": "Wayne-Kent",
        "custom_fields": {"date_of_birth": "1985-02-19"},
    }
    updated = await http.patch(f"/contacts/{body['uuid']}", json=update)
    assert updated.status_code == 200
    assert_shape(updated.json(), CONTACT_EXAMPLE, additive=frozenset(CONTACT_ADDITIVE))
    assert updated.json()["last_name"] == "Wayne-Kent"


async def test_bulk_create_and_import_status_examples(http, workspace):
    target = (await http.post("/contact-lists", json={"name": "VIP Customers", "emoji": "⭐"})).json()
    body = {
        "contact_list_uuid": target["uuid"],
        "contacts": [
            {
                "first_name": "Bruce",
                "last_name": "Wayne",
                "email": "batman@example.com",
                "phone_number": "1234567890",
                "custom_fields": {"date_of_birth": "1985-02-19"},
            },
            {
                "first_name": "Clark",
                "last_name": "Kent",
                "email": "clark.kent@dailyplanet.com",
                "phone_number": "9876543210",
            },
        ],
        "match_on_field": "email",
        "merge_type": "create_or_update",
    }
    accepted = await http.post("/contacts/bulk", json=body)
    assert accepted.status_code == 202
    assert_shape(accepted.json(), {"contact_import_uuid": IMPORT_STATUS_EXAMPLE["contact_import_uuid"]})
    import_uuid = accepted.json()["contact_import_uuid"]
    with anyio.fail_after(20):
        while (status := (await http.get(f"/contacts/bulk/{import_uuid}")).json())["status"] != "completed":
            await anyio.sleep(0.02)
    assert_shape(status, IMPORT_STATUS_EXAMPLE, additive=frozenset({"skipped", "failures"}))
    assert status["summary"] == {"total": 2, "created": 2, "failed": 0, "skipped": 0}
    assert (await http.get(f"/contact-lists/{target['uuid']}")).json()["count"] == 2


async def test_contact_custom_field_examples(http, workspace):
    contact, fields = workspace["contact"], workspace["fields"]
    url = f"/contacts/{contact['uuid']}/custom-fields"
    listed = await http.get(url)
    assert listed.status_code == 200
    assert listed.json() == {"custom_fields": CONTACT_EXAMPLE["custom_fields"]}

    added = await http.post(
        url, json={"custom_field_uuid": fields["date_of_birth"]["uuid"], "value": "1985-02-19"}
    )
    assert added.status_code == 201 and added.json() == listed.json()

    patched = await http.patch(
        url, json={"custom_fields": {"date_of_birth": "1990-01-15", "subscription": "Startup"}}
    )
    assert patched.status_code == 200
    assert patched.json()["custom_fields"] == {
        **CONTACT_EXAMPLE["custom_fields"],
        "date_of_birth": "1990-01-15",
        "subscription": "Startup",
    }
    deleted = await http.delete(f"{url}/{fields['date_of_birth']['uuid']}")
    assert deleted.status_code == 204 and deleted.content == b""


async def test_contact_list_examples(http, workspace):
    created = await http.post("/contact-lists", json={"name": "VIP Customers", "emoji": "⭐"})
    assert created.status_code == 201
    assert_shape(created.json(), LIST_EXAMPLE)
    list_uuid = created.json()["uuid"]
    listed = await http.get("/contact-lists")
    assert listed.status_code == 200
    assert_shape(listed.json(), {"contact_lists": [LIST_EXAMPLE], "pagination": PAGINATION_EXAMPLE})
    assert (await http.get(f"/contact-lists/{list_uuid}")).json() == created.json()
    updated = await http.patch(
        f"/contact-lists/{list_uuid}", json={"name": "Premium VIP Customers", "emoji": "💎"}
    )
    assert updated.status_code == 200
    assert (updated.json()["name"], updated.json()["emoji"]) == ("Premium VIP Customers", "💎")
    params = {
        "limit": 50,
        "offset": 0,
        "status": "active",
        "sort_order": "asc",
        "sort_field": "name",
        "search": "VIP",
    }
    assert (await http.get("/contact-lists", params=params)).json()["pagination"]["total"] == 1
    deleted = await http.delete(f"/contact-lists/{list_uuid}")
    assert deleted.status_code == 204 and deleted.content == b""


async def test_membership_examples(http, workspace):
    target = (await http.post("/contact-lists", json={"name": "VIP Customers"})).json()
    second = (await http.post("/contacts", json={"email": "clark.kent@dailyplanet.com"})).json()
    uuids = [workspace["contact"]["uuid"], second["uuid"]]
    url = f"/contact-lists/{target['uuid']}/contacts"

    added = await http.post(url, json={"contact_uuids": uuids})
    assert added.status_code == 201
    assert added.json() == {
        "message": "Contacts successfully added to contact list.",
        "added": uuids,
        "warnings": [],
    }

    members = await http.get(url, params={"limit": 50, "offset": 0, "include_archived": "false"})
    assert members.status_code == 200
    contact_page(members.json(), limit=50, offset=0, total=2)

    of_contact = await http.get(f"/contacts/{uuids[0]}/contact-lists", params={"status": "active"})
    assert of_contact.status_code == 200
    assert_shape(of_contact.json(), {"contact_lists": [LIST_EXAMPLE], "pagination": PAGINATION_EXAMPLE})
    assert of_contact.json()["contact_lists"][0]["count"] == 2

    removed = await http.request("DELETE", url, json={"contact_uuids": uuids[:1]})
    assert removed.status_code == 204 and removed.content == b""
    assert (await http.get(f"/contact-lists/{target['uuid']}")).json()["count"] == 1


async def test_custom_field_examples(http):
    revenue = await http.post("/custom-fields", json={"name": "Revenue", "field_type": "number:integer"})
    assert revenue.status_code == 201
    assert_shape(revenue.json(), FIELD_EXAMPLE)
    assert "select_options" not in revenue.json() and revenue.json()["field_key"] == "revenue"

    create = {
        "name": "Priority",
        "field_type": "select",
        "field_key": "priority",
        "editable": True,
        "icon": "star",
        "select_options": ["Low", "Medium", "High"],
    }
    priority = await http.post("/custom-fields", json=create)
    assert priority.status_code == 201
    assert_shape(priority.json(), SELECT_FIELD_EXAMPLE)
    assert [
        {k: o[k] for k in ("display_label", "field_key", "archived")}
        for o in priority.json()["select_options"]
    ] == [
        {k: o[k] for k in ("display_label", "field_key", "archived")}
        for o in SELECT_FIELD_EXAMPLE["select_options"]
    ]

    listed = await http.get("/custom-fields", params={"limit": 50, "offset": 0})
    assert listed.status_code == 200
    assert listed.json()["pagination"] == {"limit": 50, "offset": 0, "total": 2}
    first, second = listed.json()["custom_fields"]
    assert_shape(first, FIELD_EXAMPLE)
    assert_shape(second, SELECT_FIELD_EXAMPLE)

    field_uuid = priority.json()["uuid"]
    assert (await http.get(f"/custom-fields/{field_uuid}")).json() == priority.json()
    update = {
        "name": "Updated Priority",
        "field_type": "select",
        "editable": True,
        "sensitive": False,
        "icon": "star",
        "select_options": ["Low", "Medium", "High", "Critical"],
    }
    updated = await http.patch(f"/custom-fields/{field_uuid}", json=update)
    assert updated.status_code == 200
    assert_shape(updated.json(), SELECT_FIELD_EXAMPLE)
    assert [o["display_label"] for o in updated.json()["select_options"]] == [
        "Low",
        "Medium",
        "High",
        "Critical",
    ]
    deleted = await http.delete(f"/custom-fields/{field_uuid}")
    assert deleted.status_code == 204 and deleted.content == b""


async def test_note_examples(http, workspace):
    url = f"/contacts/{workspace['contact']['uuid']}/notes"
    created = await http.post(
        url,
        json={"title": "Meeting Notes", "content": {"text": "Discussed project timeline and deliverables."}},
    )
    assert created.status_code == 201
    assert_shape(created.json(), NOTE_EXAMPLE)
    listed = await http.get(url, params={"limit": 50, "offset": 0})
    assert listed.status_code == 200
    assert_shape(listed.json(), {"notes": [NOTE_EXAMPLE], "pagination": PAGINATION_EXAMPLE})
    assert listed.json()["pagination"] == {"limit": 50, "offset": 0, "total": 1}
    note_url = f"{url}/{created.json()['uuid']}"
    assert (await http.get(note_url)).json() == created.json()
    replaced = await http.put(
        note_url,
        json={
            "title": "Updated Meeting Notes",
            "content": {"text": "Revised action items from the meeting."},
        },
    )
    assert replaced.status_code == 200
    assert_shape(replaced.json(), NOTE_EXAMPLE)
    assert replaced.json()["content"] == {"text": "Revised action items from the meeting."}
    deleted = await http.delete(note_url)
    assert deleted.status_code == 204 and deleted.content == b""


async def test_error_examples(server_app, http):
    from tests.helpers import asgi_http

    async with asgi_http(server_app, None) as anonymous:
        unauthorized = await anonymous.get("/contacts")
    assert unauthorized.status_code == 401
    assert unauthorized.json() == {
        "error": {"message": "401 UNAUTHORIZED", "details": "Unauthorized access."}
    }

    missing_name = await http.post("/custom-fields", json={"field_type": "text"})
    assert missing_name.status_code == 422
    assert missing_name.json() == {
        "error": {
            "message": "422 UNPROCESSABLE ENTITY",
            "details": {
                "errors": [{"type": "missing", "in": "body", "field": "name", "msg": "Field required"}]
            },
        }
    }
    not_found = await http.get(f"/contacts/{uuid.uuid4()}")
    assert not_found.status_code == 404
    assert not_found.json() == {"error": {"message": "404 NOT FOUND", "details": "Contact not found."}}


@pytest.mark.parametrize(
    "path",
    [
        "/contacts",
        "/contact-lists",
        "/custom-fields",
        "/contacts/{uuid}/notes",
        "/contacts/{uuid}/contact-lists",
    ],
)
async def test_pagination_parameters_of_every_list(http, workspace, path):
    url = path.format(uuid=workspace["contact"]["uuid"])
    assert (await http.get(url)).json()["pagination"]["limit"] == 50
    assert (await http.get(url, params={"limit": 100, "offset": 7})).json()["pagination"] == {
        "limit": 100,
        "offset": 7,
        "total": (await http.get(url)).json()["pagination"]["total"],
    }
    for bad in ({"limit": 0}, {"limit": 101}, {"offset": -1}):
        assert (await http.get(url, params=bad)).status_code == 422
