"""Bearer authentication and workspace isolation."""

from __future__ import annotations

import pytest

from tests.helpers import asgi_http

pytestmark = pytest.mark.anyio

UNAUTHORIZED = {"error": {"message": "401 UNAUTHORIZED", "details": "Unauthorized access."}}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer cdk_not-a-real-token"},
        {"Authorization": "cdk_token-without-scheme"},
    ],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/contacts"), ("POST", "/contacts"), ("GET", "/contacts/x"), ("PATCH", "/contacts/x")],
)
async def test_missing_or_wrong_token_is_401_in_the_envelope(server_app, headers, method, path):
    async with asgi_http(server_app, None) as http:
        response = await http.request(method, path, headers=headers, json={"email": "a@b.c"})
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


async def test_a_revoked_token_is_refused(server_app, database, token, http):
    from app.server.auth import revoke_token

    assert (await http.get("/contacts")).status_code == 200
    with database.write() as session, session.begin():
        assert revoke_token(session, token)
    assert (await http.get("/contacts")).status_code == 401


async def test_tokens_are_stored_hashed(database, token):
    from app.server import models as m

    with database.read() as session:
        hashes = [t.token_hash for t in session.query(m.ApiToken)]
    assert hashes and token not in hashes and all(len(h) == 64 for h in hashes)


async def test_one_workspace_cannot_read_or_change_anothers_contacts(http, other_http):
    mine = (await http.post("/contacts", json={"email": "mine@example.com"})).json()
    theirs = (await other_http.post("/contacts", json={"email": "theirs@example.com"})).json()
    assert mine["workspace_uuid"] != theirs["workspace_uuid"]

    listed = (await other_http.get("/contacts")).json()
    assert [c["uuid"] for c in listed["contacts"]] == [theirs["uuid"]]
    assert (await other_http.get(f"/contacts/{mine['uuid']}")).status_code == 404
    patched = await other_http.patch(f"/contacts/{mine['uuid']}", json={"first_name": "Mallory"})
    assert patched.status_code == 404
    assert (await http.get(f"/contacts/{mine['uuid']}")).json()["first_name"] is None
