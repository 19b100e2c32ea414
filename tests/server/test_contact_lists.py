"""Contact lists and membership: CRUD, counts, filters, sorting, warnings, archived contacts."""

from __future__ import annotations

import uuid

import pytest

from app.server import models as m

pytestmark = pytest.mark.anyio

LIST_KEYS = {
    "uuid",
    "name",
    "status",
    "emoji",
    "workspace_uuid",
    "count",
    "created_by",
    "updated_by",
    "created_at",
    "updated_at",
}


async def new_contact(http, email: str, **extra) -> dict:
    response = await http.post("/contacts", json={"email": email, **extra})
    assert response.status_code == 201, response.text
    return response.json()


async def new_list(http, name: str, **extra) -> dict:
    response = await http.post("/contact-lists", json={"name": name, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def archive(database, table, uuid_: str) -> None:
    with database.write() as session, session.begin():
        values = {"archived": True} if table is m.Contact else {"status": "archived"}
        session.query(table).filter_by(uuid=uuid_).update(values)


async def test_create_get_update_delete(http):
    created = await new_list(http, "VIP Customers", emoji="⭐")
    assert created.keys() == LIST_KEYS
    assert (created["name"], created["emoji"], created["status"], created["count"]) == (
        "VIP Customers",
        "⭐",
        "active",
        0,
    )
    assert created["created_by"] == created["updated_by"] is not None
    assert (await http.get(f"/contact-lists/{created['uuid']}")).json() == created

    patched = await http.patch(f"/contact-lists/{created['uuid']}", json={"name": "Premium VIP Customers"})
    assert patched.status_code == 200
    body = patched.json()
    assert body["name"] == "Premium VIP Customers" and body["emoji"] == "⭐"
    assert body["updated_at"] > created["updated_at"] and body["created_at"] == created["created_at"]

    cleared = (await http.patch(f"/contact-lists/{created['uuid']}", json={"emoji": None})).json()
    assert cleared["emoji"] is None and cleared["name"] == "Premium VIP Customers"

    deleted = await http.delete(f"/contact-lists/{created['uuid']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert (await http.get(f"/contact-lists/{created['uuid']}")).status_code == 404


async def test_an_update_that_changes_nothing_keeps_updated_at(http):
    created = await new_list(http, "Same")
    same = (await http.patch(f"/contact-lists/{created['uuid']}", json={"name": "Same"})).json()
    assert same["updated_at"] == created["updated_at"]


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "name"), ({"name": ""}, "name"), ({"name": "   "}, "name"), ({"name": "x" * 251}, "name")],
)
async def test_a_list_needs_a_name(http, body, field):
    response = await http.post("/contact-lists", json=body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["error"]["details"]["errors"]] == [field]


async def test_an_update_cannot_remove_the_name(http):
    created = await new_list(http, "Keep me")
    response = await http.patch(f"/contact-lists/{created['uuid']}", json={"name": None})
    assert response.status_code == 422
    [item] = response.json()["error"]["details"]["errors"]
    assert (item["field"], item["type"]) == ("name", "null_name")
    assert (await http.get(f"/contact-lists/{created['uuid']}")).json()["name"] == "Keep me"


async def test_listing_filters_sorts_and_searches(http, database):
    for name in ["beta", "Alpha", "Épicerie", "charlie", "Old"]:
        await new_list(http, name)
    old = (await http.get("/contact-lists", params={"search": "old"})).json()["contact_lists"][0]
    archive(database, m.ContactList, old["uuid"])

    page = (await http.get("/contact-lists")).json()
    assert [c["name"] for c in page["contact_lists"]] == ["Alpha", "beta", "charlie", "Épicerie"]
    assert page["pagination"] == {"limit": 50, "offset": 0, "total": 4}

    desc = (await http.get("/contact-lists", params={"sort_order": "desc"})).json()["contact_lists"]
    assert [c["name"] for c in desc] == ["Épicerie", "charlie", "beta", "Alpha"]
    by_created = (await http.get("/contact-lists", params={"sort_field": "created_at"})).json()[
        "contact_lists"
    ]
    assert [c["name"] for c in by_created] == ["beta", "Alpha", "Épicerie", "charlie"]

    archived = (await http.get("/contact-lists", params={"status": "archived"})).json()
    assert [c["name"] for c in archived["contact_lists"]] == ["Old"]
    assert archived["contact_lists"][0]["status"] == "archived"

    found = (await http.get("/contact-lists", params={"search": "ÉPI"})).json()["contact_lists"]
    assert [c["name"] for c in found] == ["Épicerie"]
    paged = (await http.get("/contact-lists", params={"limit": 2, "offset": 1})).json()
    assert [c["name"] for c in paged["contact_lists"]] == ["beta", "charlie"]
    assert paged["pagination"] == {"limit": 2, "offset": 1, "total": 4}


@pytest.mark.parametrize(
    "params", [{"status": "deleted"}, {"sort_field": "count"}, {"sort_order": "up"}, {"limit": 0}]
)
async def test_bad_list_query_parameters_are_422(http, params):
    response = await http.get("/contact-lists", params=params)
    assert response.status_code == 422
    [item] = response.json()["error"]["details"]["errors"]
    assert item["in"] == "query" and item["field"] == next(iter(params))


async def test_adding_members_reports_each_uuid_that_was_not_added(http):
    target = await new_list(http, "Members")
    a = await new_contact(http, "a@example.com")
    b = await new_contact(http, "b@example.com")
    unknown = str(uuid.uuid4())

    first = await http.post(f"/contact-lists/{target['uuid']}/contacts", json={"contact_uuids": [a["uuid"]]})
    assert first.status_code == 201
    assert first.json() == {
        "message": "Contacts successfully added to contact list.",
        "added": [a["uuid"]],
        "warnings": [],
    }
    second = await http.post(
        f"/contact-lists/{target['uuid']}/contacts",
        json={"contact_uuids": [a["uuid"], b["uuid"], unknown, b["uuid"]]},
    )
    assert second.status_code == 201
    body = second.json()
    assert body["added"] == [b["uuid"]]
    assert body["warnings"] == [
        {"uuid": a["uuid"], "message": "Contact is already in this contact list."},
        {"uuid": unknown, "message": "Contact not found."},
        {"uuid": b["uuid"], "message": "Contact is already in this contact list."},
    ]
    assert body["message"] == "1 of 4 contacts added to the contact list; see warnings."
    assert (await http.get(f"/contact-lists/{target['uuid']}")).json()["count"] == 2


async def test_membership_changes_move_the_lists_updated_at(http):
    target = await new_list(http, "Touch")
    a = await new_contact(http, "a@example.com")
    url = f"/contact-lists/{target['uuid']}/contacts"
    await http.post(url, json={"contact_uuids": [a["uuid"]]})
    after_add = (await http.get(f"/contact-lists/{target['uuid']}")).json()
    assert after_add["updated_at"] > target["updated_at"]
    await http.post(url, json={"contact_uuids": [a["uuid"]]})  # nothing added
    assert (await http.get(f"/contact-lists/{target['uuid']}")).json()["updated_at"] == after_add[
        "updated_at"
    ]
    await http.request("DELETE", url, json={"contact_uuids": [a["uuid"]]})
    assert (await http.get(f"/contact-lists/{target['uuid']}")).json()["updated_at"] > after_add["updated_at"]


async def test_removing_members_is_idempotent(http):
    target = await new_list(http, "Remove")
    a = await new_contact(http, "a@example.com")
    b = await new_contact(http, "b@example.com")
    url = f"/contact-lists/{target['uuid']}/contacts"
    await http.post(url, json={"contact_uuids": [a["uuid"], b["uuid"]]})
    removed = await http.request("DELETE", url, json={"contact_uuids": [a["uuid"], str(uuid.uuid4())]})
    assert removed.status_code == 204 and removed.content == b""
    again = await http.request("DELETE", url, json={"contact_uuids": [a["uuid"]]})
    assert again.status_code == 204
    members = (await http.get(url)).json()
    assert [c["uuid"] for c in members["contacts"]] == [b["uuid"]]


@pytest.mark.parametrize("uuids", [[], [str(uuid.uuid4()) for _ in range(101)], ["not-a-uuid"]])
@pytest.mark.parametrize("method", ["POST", "DELETE"])
async def test_membership_bodies_take_one_to_a_hundred_uuids(http, uuids, method):
    target = await new_list(http, "Bounds")
    response = await http.request(
        method, f"/contact-lists/{target['uuid']}/contacts", json={"contact_uuids": uuids}
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"]["errors"][0]["field"].startswith("contact_uuids")


async def test_archived_members_are_counted_and_listed_only_on_request(http, database):
    target = await new_list(http, "Archived members")
    kept = await new_contact(http, "kept@example.com")
    gone = await new_contact(http, "gone@example.com")
    url = f"/contact-lists/{target['uuid']}/contacts"
    await http.post(url, json={"contact_uuids": [kept["uuid"], gone["uuid"]]})
    archive(database, m.Contact, gone["uuid"])

    assert (await http.get(f"/contact-lists/{target['uuid']}")).json()["count"] == 1
    default = (await http.get(url)).json()
    assert [c["uuid"] for c in default["contacts"]] == [kept["uuid"]]
    assert default["pagination"]["total"] == 1
    everyone = (await http.get(url, params={"include_archived": "true"})).json()
    assert {c["uuid"] for c in everyone["contacts"]} == {kept["uuid"], gone["uuid"]}
    assert everyone["pagination"]["total"] == 2
    filtered = (await http.get("/contacts", params={"contact_list_uuid": target["uuid"]})).json()
    assert [c["uuid"] for c in filtered["contacts"]] == [kept["uuid"]]


async def test_lists_of_a_contact_with_status_filter(http, database):
    contact = await new_contact(http, "member@example.com")
    other = await new_contact(http, "other@example.com")
    names = ["Zeta", "alpha", "Mid"]
    lists = {n: await new_list(http, n) for n in [*names, "Not mine"]}
    for name in names:
        await http.post(
            f"/contact-lists/{lists[name]['uuid']}/contacts", json={"contact_uuids": [contact["uuid"]]}
        )
    await http.post(
        f"/contact-lists/{lists['Not mine']['uuid']}/contacts", json={"contact_uuids": [other["uuid"]]}
    )
    archive(database, m.ContactList, lists["Mid"]["uuid"])

    url = f"/contacts/{contact['uuid']}/contact-lists"
    every = (await http.get(url)).json()
    assert [c["name"] for c in every["contact_lists"]] == ["alpha", "Mid", "Zeta"]
    assert every["pagination"] == {"limit": 50, "offset": 0, "total": 3}
    assert all(c["count"] == 1 for c in every["contact_lists"])
    active = (await http.get(url, params={"status": "active"})).json()["contact_lists"]
    assert [c["name"] for c in active] == ["alpha", "Zeta"]
    archived = (await http.get(url, params={"status": "archived"})).json()["contact_lists"]
    assert [c["name"] for c in archived] == ["Mid"]
    assert (await http.get(f"/contacts/{uuid.uuid4()}/contact-lists")).status_code == 404


async def test_deleting_a_list_keeps_its_contacts(http):
    target = await new_list(http, "Temporary")
    a = await new_contact(http, "a@example.com")
    await http.post(f"/contact-lists/{target['uuid']}/contacts", json={"contact_uuids": [a["uuid"]]})
    assert (await http.delete(f"/contact-lists/{target['uuid']}")).status_code == 204
    assert (await http.get(f"/contacts/{a['uuid']}")).status_code == 200
    assert (await http.get(f"/contacts/{a['uuid']}/contact-lists")).json()["contact_lists"] == []
    assert (await http.get(f"/contact-lists/{target['uuid']}/contacts")).status_code == 404


@pytest.mark.parametrize("path", ["not-a-uuid", str(uuid.uuid4())])
async def test_unknown_lists_are_404_on_every_list_route(http, path):
    body = {"contact_uuids": [str(uuid.uuid4())]}
    for method, suffix, json in [
        ("GET", "", None),
        ("PATCH", "", {"name": "x"}),
        ("DELETE", "", None),
        ("GET", "/contacts", None),
        ("POST", "/contacts", body),
        ("DELETE", "/contacts", body),
    ]:
        response = await http.request(method, f"/contact-lists/{path}{suffix}", json=json)
        assert response.status_code == 404, (method, suffix)
        assert response.json() == {
            "error": {"message": "404 NOT FOUND", "details": "Contact list not found."}
        }
