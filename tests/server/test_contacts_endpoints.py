"""Contacts endpoints: the reference's shapes, statuses and defaults."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest

pytestmark = pytest.mark.anyio

BRUCE = {
    "first_name": "Bruce",
    "last_name": "Wayne",
    "email": "batman@example.com",
    "phone_number": "1234567890",
}
CONTACT_KEYS = {
    "uuid",
    "workspace_uuid",
    "first_name",
    "last_name",
    "external_contact_id",
    "email",
    "phone_number",
    "whatsapp_id",
    "fb_messenger_id",
    "archived",
    "created_at",
    "updated_at",
    "last_engaged_at",
    "custom_fields",
}


def is_utc_iso(text: str) -> bool:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0


async def test_create_returns_201_and_the_contact_object(http):
    response = await http.post("/contacts", json=BRUCE)
    assert response.status_code == 201
    body = response.json()
    assert body.keys() >= CONTACT_KEYS
    assert {k: body[k] for k in BRUCE} == BRUCE
    assert body["archived"] is False
    assert body["custom_fields"] == {}
    assert uuid.UUID(body["uuid"]) and uuid.UUID(body["workspace_uuid"])
    assert is_utc_iso(body["created_at"]) and body["created_at"] == body["updated_at"]
    assert body["last_engaged_at"] is None


async def test_get_returns_the_same_contact(http):
    created = (await http.post("/contacts", json=BRUCE)).json()
    response = await http.get(f"/contacts/{created['uuid']}")
    assert response.status_code == 200
    assert response.json() == created


async def test_camel_case_request_bodies_are_accepted(http):
    response = await http.post(
        "/contacts", json={"firstName": "Clark", "lastName": "Kent", "externalContactId": "superman"}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["first_name"], body["last_name"], body["external_contact_id"]) == (
        "Clark",
        "Kent",
        "superman",
    )
    patched = await http.patch(f"/contacts/{body['uuid']}", json={"phoneNumber": "555"})
    assert patched.json()["phone_number"] == "555"


async def test_update_changes_only_the_members_sent_and_moves_updated_at(http):
    created = (await http.post("/contacts", json=BRUCE)).json()
    response = await http.patch(f"/contacts/{created['uuid']}", json={"last_name": "Wayne-Kent"})
    assert response.status_code == 200
    body = response.json()
    assert body["last_name"] == "Wayne-Kent"
    assert body["first_name"] == "Bruce" and body["email"] == BRUCE["email"]
    assert body["updated_at"] > created["updated_at"]
    assert body["created_at"] == created["created_at"]


async def test_update_may_clear_a_member_but_not_the_last_identifier(http):
    created = (await http.post("/contacts", json=BRUCE)).json()
    cleared = await http.patch(f"/contacts/{created['uuid']}", json={"phone_number": None})
    assert cleared.status_code == 200 and cleared.json()["phone_number"] is None
    refused = await http.patch(f"/contacts/{created['uuid']}", json={"email": None})
    assert refused.status_code == 422
    assert refused.json()["error"]["details"]["errors"][0]["type"] == "missing_identifier"
    assert (await http.get(f"/contacts/{created['uuid']}")).json()["email"] == BRUCE["email"]


async def test_list_has_documented_defaults_and_pagination(http):
    for n in range(3):
        await http.post("/contacts", json={"email": f"p{n}@example.com"})
    response = await http.get("/contacts")
    assert response.status_code == 200
    body = response.json()
    assert body["pagination"] == {"limit": 50, "offset": 0, "total": 3}
    # default order: created_at desc
    assert [c["email"] for c in body["contacts"]] == ["p2@example.com", "p1@example.com", "p0@example.com"]
    page = (await http.get("/contacts", params={"limit": 2, "offset": 2})).json()
    assert page["pagination"] == {"limit": 2, "offset": 2, "total": 3}
    assert [c["email"] for c in page["contacts"]] == ["p0@example.com"]


@pytest.mark.parametrize("field", ["first_name", "last_name", "external_contact_id"])
async def test_text_order_fields_sort_case_insensitively_with_missing_values_last(http, field):
    for value in ["beta", "Alpha", None, "charlie"]:
        body = {"email": f"{value}@example.com"}
        if value is not None:
            body[field] = value
        await http.post("/contacts", json=body)
    asc = (await http.get("/contacts", params={"order_field": field, "order": "asc"})).json()["contacts"]
    desc = (await http.get("/contacts", params={"order_field": field, "order": "desc"})).json()["contacts"]
    assert [c[field] for c in asc] == ["Alpha", "beta", "charlie", None]
    assert [c[field] for c in desc] == ["charlie", "beta", "Alpha", None]


async def test_pages_never_overlap_or_skip_when_sort_keys_tie(http):
    for n in range(7):
        await http.post("/contacts", json={"first_name": "Same", "email": f"t{n}@example.com"})
    seen = []
    for offset in range(0, 7, 2):
        page = await http.get("/contacts", params={"order_field": "first_name", "limit": 2, "offset": offset})
        seen += [c["uuid"] for c in page.json()["contacts"]]
    assert len(seen) == len(set(seen)) == 7


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"order_field": "email"}, "order_field"),
        ({"order": "sideways"}, "order"),
    ],
)
async def test_bad_query_parameters_are_422_in_the_envelope(http, params, field):
    response = await http.get("/contacts", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"] == "422 UNPROCESSABLE ENTITY"
    [item] = error["details"]["errors"]
    assert item["in"] == "query" and item["field"] == field
    assert item["type"] and item["msg"]


async def test_missing_identifier_is_a_422_naming_the_rule(http):
    response = await http.post("/contacts", json={"first_name": "Nobody"})
    assert response.status_code == 422
    [item] = response.json()["error"]["details"]["errors"]
    assert item == {
        "type": "missing_identifier",
        "in": "body",
        "field": "identifier",
        "msg": "At least one identifier is required: external_contact_id, email, phone_number, whatsapp_id"
        " or fb_messenger_id.",
    }
    assert (await http.get("/contacts")).json()["pagination"]["total"] == 0


async def test_blank_identifiers_do_not_count(http):
    response = await http.post("/contacts", json={"email": "   ", "phone_number": ""})
    assert response.status_code == 422


async def test_identifiers_are_stored_as_given_without_a_format_check(http):
    # decisions.md: an email or phone as another system wrote it is kept, and found again by search.
    given = {"email": "bruce at wayne dot com", "phone_number": "call the manor", "whatsapp_id": "bat-signal"}
    response = await http.post("/contacts", json=given)
    assert response.status_code == 201
    assert {key: response.json()[key] for key in given} == given
    found = await http.post("/contacts/search", json={"search_term": "wayne dot"})
    assert [c["uuid"] for c in found.json()["contacts"]] == [response.json()["uuid"]]


async def test_malformed_json_is_a_422_json_invalid(http):
    response = await http.post(
        "/contacts", content=b'{"email": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    [item] = response.json()["error"]["details"]["errors"]
    assert item["type"] == "json_invalid" and item["in"] == "body"


async def test_wrong_member_types_and_unknown_members_are_422_per_field(http):
    response = await http.post("/contacts", json={"email": 42, "nickname": "Bats"})
    assert response.status_code == 422
    fields = {e["field"]: e["type"] for e in response.json()["error"]["details"]["errors"]}
    assert fields == {"email": "string_type", "nickname": "extra_forbidden"}


@pytest.mark.parametrize("path", ["/contacts/not-a-uuid", f"/contacts/{uuid.uuid4()}"])
async def test_unknown_or_malformed_uuid_is_404(http, path):
    for response in (await http.get(path), await http.patch(path, json={"first_name": "X"})):
        assert response.status_code == 404
        assert response.json() == {"error": {"message": "404 NOT FOUND", "details": "Contact not found."}}


async def test_unknown_route_and_method_use_the_envelope(http):
    missing = await http.get("/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "404 NOT FOUND"
    method = await http.delete("/contacts")
    assert method.status_code == 405 and method.json()["error"]["message"] == "405 METHOD NOT ALLOWED"


async def test_contact_list_filter_of_unknown_list_is_404(http):
    response = await http.get("/contacts", params={"contact_list_uuid": str(uuid.uuid4())})
    assert response.status_code == 404
    assert response.json()["error"]["details"] == "Contact list not found."


async def test_archived_contacts_are_left_out_of_the_list_but_readable(http, database):
    from app.server import models as m

    kept = (await http.post("/contacts", json={"email": "kept@example.com"})).json()
    gone = (await http.post("/contacts", json={"email": "gone@example.com"})).json()
    with database.write() as session, session.begin():
        session.query(m.Contact).filter_by(uuid=gone["uuid"]).update({"archived": True})
    listed = (await http.get("/contacts")).json()
    assert [c["uuid"] for c in listed["contacts"]] == [kept["uuid"]]
    assert listed["pagination"]["total"] == 1
    assert (await http.get(f"/contacts/{gone['uuid']}")).json()["archived"] is True
