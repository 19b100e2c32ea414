"""Every route: 401 without a token, and a second workspace sees none of the first one's data.

The routes are enumerated from the app, so a new route fails ``test_every_route_is_listed`` until it
is added here (with its request body) and thereby checked too.
"""

from __future__ import annotations

import uuid

import pytest
from fastapi.routing import iter_route_contexts

from app.server.routing import expand_deferred
from tests.helpers import asgi_http

pytestmark = pytest.mark.anyio

# (method, path) → request body (with {placeholders} for the first workspace's uuids)
ROUTES: dict[tuple[str, str], dict | None] = {
    ("GET", "/v1/contacts"): None,
    ("POST", "/v1/contacts"): {"email": "b@example.com"},
    ("POST", "/v1/contacts/search"): {},
    ("GET", "/v1/contacts/{contact_uuid}"): None,
    ("PATCH", "/v1/contacts/{contact_uuid}"): {"first_name": "Mallory"},
    ("POST", "/v1/contacts/bulk"): {
        "contacts": [{"email": "b@example.com"}],
        "contact_list_uuid": "{contact_list_uuid}",
    },
    ("GET", "/v1/contacts/bulk/{contact_import_uuid}"): None,
    ("GET", "/v1/contacts/{contact_uuid}/custom-fields"): None,
    ("POST", "/v1/contacts/{contact_uuid}/custom-fields"): {
        "custom_field_uuid": "{custom_field_uuid}",
        "value": "Evil",
    },
    ("PATCH", "/v1/contacts/{contact_uuid}/custom-fields"): {"custom_fields": {"company": "Evil"}},
    ("DELETE", "/v1/contacts/{contact_uuid}/custom-fields/{custom_field_uuid}"): None,
    ("GET", "/v1/contacts/{contact_uuid}/contact-lists"): None,
    ("GET", "/v1/contacts/{contact_uuid}/notes"): None,
    ("POST", "/v1/contacts/{contact_uuid}/notes"): {"content": {"text": "Evil"}},
    ("GET", "/v1/contacts/{contact_uuid}/notes/{note_uuid}"): None,
    ("PUT", "/v1/contacts/{contact_uuid}/notes/{note_uuid}"): {"title": "Evil", "content": {"text": "Evil"}},
    ("DELETE", "/v1/contacts/{contact_uuid}/notes/{note_uuid}"): None,
    ("GET", "/v1/contact-lists"): None,
    ("POST", "/v1/contact-lists"): {"name": "B's list"},
    ("GET", "/v1/contact-lists/{contact_list_uuid}"): None,
    ("PATCH", "/v1/contact-lists/{contact_list_uuid}"): {"name": "Evil"},
    ("DELETE", "/v1/contact-lists/{contact_list_uuid}"): None,
    ("GET", "/v1/contact-lists/{contact_list_uuid}/contacts"): None,
    ("POST", "/v1/contact-lists/{contact_list_uuid}/contacts"): {"contact_uuids": ["{contact_uuid}"]},
    ("DELETE", "/v1/contact-lists/{contact_list_uuid}/contacts"): {"contact_uuids": ["{contact_uuid}"]},
    ("GET", "/v1/custom-fields"): None,
    ("POST", "/v1/custom-fields"): {"name": "Company", "field_type": "text", "field_key": "company"},
    ("GET", "/v1/custom-fields/{custom_field_uuid}"): None,
    ("PATCH", "/v1/custom-fields/{custom_field_uuid}"): {
        "name": "Evil",
        "field_type": "text",
        "editable": True,
        "sensitive": False,
        "icon": None,
    },
    ("DELETE", "/v1/custom-fields/{custom_field_uuid}"): None,
}
PLACEHOLDERS = ("contact_uuid", "custom_field_uuid", "contact_list_uuid", "note_uuid", "contact_import_uuid")
UNAUTHORIZED = {"error": {"message": "401 UNAUTHORIZED", "details": "Unauthorized access."}}


#: The only routes outside /v1, open to anyone: the API's description.
PUBLIC_PATHS = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}


def app_routes(app) -> set[tuple[str, str]]:
    """Every (method, path) the app's router serves under /v1 (whether or not the document lists it)."""
    expand_deferred(app.router)  # the routes a request has not needed yet, too
    served = {
        (method, route.path_format)
        for route in iter_route_contexts(app.routes)
        for method in route.methods or {"*"}
        if method != "HEAD"
    }
    assert {path for _, path in served if not path.startswith("/v1/")} <= PUBLIC_PATHS
    return {(method, path) for method, path in served if path.startswith("/v1/")}


def fill(value, uuids: dict[str, str]):
    if isinstance(value, str):
        return value.format(**uuids) if "{" in value else value
    if isinstance(value, list):
        return [fill(v, uuids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, uuids) for k, v in value.items()}
    return value


def test_every_route_is_listed(server_app):
    assert app_routes(server_app) == set(ROUTES)
    documented = {(m.upper(), path) for path, ops in server_app.openapi()["paths"].items() for m in ops}
    assert documented == set(ROUTES)


@pytest.fixture
async def first_workspace(http) -> dict[str, str]:
    """The first workspace's data: a contact with a value, a note and a list; a definition; an import."""
    field = (await http.post("/custom-fields", json={"name": "Company", "field_type": "text"})).json()
    contact = (
        await http.post("/contacts", json={"email": "a@example.com", "custom_fields": {"company": "Acme"}})
    ).json()
    target = (await http.post("/contact-lists", json={"name": "A's list"})).json()
    await http.post(f"/contact-lists/{target['uuid']}/contacts", json={"contact_uuids": [contact["uuid"]]})
    note = (
        await http.post(f"/contacts/{contact['uuid']}/notes", json={"content": {"text": "A's note"}})
    ).json()
    bulk = (await http.post("/contacts/bulk", json={"contacts": [{"email": "a2@example.com"}]})).json()
    return {
        "contact_uuid": contact["uuid"],
        "custom_field_uuid": field["uuid"],
        "contact_list_uuid": target["uuid"],
        "note_uuid": note["uuid"],
        "contact_import_uuid": bulk["contact_import_uuid"],
    }


@pytest.mark.parametrize(("method", "path"), sorted(ROUTES))
@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no token"),
        pytest.param({"Authorization": "Bearer"}, id="malformed: no token after the scheme"),
        pytest.param({"Authorization": "Token cdk_abc"}, id="malformed: another scheme"),
        pytest.param({"Authorization": "Bearer cdk_unknown"}, id="unknown token"),
    ],
)
async def test_every_route_is_401_without_a_valid_token(module_server, method, path, headers):
    ids = {name: str(uuid.uuid4()) for name in PLACEHOLDERS}  # the token is checked before anything else
    async with asgi_http(module_server[0], None) as anonymous:
        url = path.removeprefix("/v1").format(**ids)
        response = await anonymous.request(method, url, json=fill(ROUTES[method, path], ids), headers=headers)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


async def test_authentication_comes_before_validation(server_app):
    async with asgi_http(server_app, None) as anonymous:
        response = await anonymous.post(
            "/contacts", content=b"{not json", headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 401


# What a second workspace gets from a collection route (routes with a path uuid are all 404).
COLLECTIONS = {
    ("GET", "/v1/contacts"): (200, lambda body: body["pagination"]["total"] == 0),
    ("POST", "/v1/contacts/search"): (200, lambda body: body["pagination"]["total"] == 0),
    ("GET", "/v1/contact-lists"): (200, lambda body: body["pagination"]["total"] == 0),
    ("GET", "/v1/custom-fields"): (200, lambda body: body["pagination"]["total"] == 0),
    ("POST", "/v1/contacts/bulk"): (404, lambda body: body["error"]["details"] == "Contact list not found."),
    ("POST", "/v1/contacts"): (201, lambda body: body["email"] == "b@example.com"),
    ("POST", "/v1/contact-lists"): (201, lambda body: body["count"] == 0),
    # keys are unique per workspace: the second one may use the first one's key
    ("POST", "/v1/custom-fields"): (201, lambda body: body["field_key"] == "company"),
}


async def test_a_second_workspace_sees_none_of_the_first_ones_data(http, other_http, first_workspace):
    reads_first = sorted(ROUTES, key=lambda route: route[0] != "GET" and route[1] != "/v1/contacts/search")
    for method, path in reads_first:
        url = path.removeprefix("/v1").format(**first_workspace)
        response = await other_http.request(method, url, json=fill(ROUTES[method, path], first_workspace))
        if "{" in path:
            assert response.status_code == 404, (method, path, response.text)
            assert response.json()["error"]["message"] == "404 NOT FOUND"
        else:
            status, check = COLLECTIONS[method, path]
            assert response.status_code == status, (method, path, response.text)
            assert check(response.json()), (method, path, response.text)

    # the first workspace's data is untouched
    ids = first_workspace
    contact = (await http.get(f"/contacts/{ids['contact_uuid']}")).json()
    assert (contact["first_name"], contact["custom_fields"]) == (None, {"company": "Acme"})
    assert (await http.get(f"/contacts/{ids['contact_uuid']}/notes/{ids['note_uuid']}")).json()["content"][
        "text"
    ] == "A's note"
    assert (await http.get(f"/contact-lists/{ids['contact_list_uuid']}")).json()["count"] == 1
    assert (await http.get(f"/custom-fields/{ids['custom_field_uuid']}")).json()["name"] == "Company"
    assert (await http.get("/contacts")).json()["pagination"]["total"] >= 1
    assert [
        c["email"]
        for c in (await http.post("/contacts/search", json={"search_term": "b@"})).json()["contacts"]
    ] == []


async def test_another_workspaces_uuids_in_a_query_or_body_are_unknown(other_http, first_workspace):
    listed = await other_http.get(
        "/contacts", params={"contact_list_uuid": first_workspace["contact_list_uuid"]}
    )
    assert listed.status_code == 404
    own = (await other_http.post("/contacts", json={"email": "b@example.com"})).json()
    value = {"custom_field_uuid": first_workspace["custom_field_uuid"], "value": "Evil"}
    assert (await other_http.post(f"/contacts/{own['uuid']}/custom-fields", json=value)).status_code == 404
    search = {"advanced_search": [{"field": "company", "operator": "exists"}]}
    assert (await other_http.post("/contacts/search", json=search)).json()["error"]["details"]["errors"][0][
        "type"
    ] == "unknown_field"  # the first workspace's custom field key means nothing here


async def test_another_workspaces_contacts_cannot_join_a_list(other_http, first_workspace):
    own = (await other_http.post("/contact-lists", json={"name": "Mine"})).json()
    response = await other_http.post(
        f"/contact-lists/{own['uuid']}/contacts", json={"contact_uuids": [first_workspace["contact_uuid"]]}
    )
    assert response.status_code == 201
    assert response.json()["added"] == []
    assert response.json()["warnings"] == [
        {"uuid": first_workspace["contact_uuid"], "message": "Contact not found."}
    ]
