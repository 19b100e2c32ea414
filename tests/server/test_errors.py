"""Errors everywhere use the envelope: unexpected failures are a 500 without a trace, and inputs at the
edges of what the server can store are a 422 on the member, never a 500."""

from __future__ import annotations

import httpx
import pytest

from app.server.services import contacts_page
from tests.helpers import BASE

pytestmark = pytest.mark.anyio

JSON = {"Content-Type": "application/json"}


@pytest.fixture
async def lenient_http(server_app, token):
    """Like ``http``, but a server error comes back as a response instead of being raised in the test."""
    transport = httpx.ASGITransport(app=server_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url=BASE, headers={"Authorization": f"Bearer {token}"}
    ) as client:
        yield client


async def test_an_unexpected_failure_is_a_500_envelope_without_a_trace(lenient_http, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals: /srv/app/contacts.py line 42")

    monkeypatch.setattr(contacts_page, "list_page", broken)
    response = await lenient_http.get("/contacts")
    assert response.status_code == 500
    assert response.json() == {
        "error": {
            "message": "500 INTERNAL SERVER ERROR",
            "details": "An unexpected error occurred. Please try again later.",
        }
    }
    assert "secret" not in response.text and "Traceback" not in response.text


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "field"),
    [
        ("GET", "/contacts", {"params": {"offset": 2**31}}, "offset"),
        ("GET", "/contact-lists", {"params": {"offset": 10**30}}, "offset"),
        ("POST", "/contacts", {"content": b"[1, 2]", "headers": JSON}, ""),
        ("POST", "/contacts", {"content": b'"text"', "headers": JSON}, ""),
        ("POST", "/contacts", {"content": b'{"email": "\\ud800@example.com"}', "headers": JSON}, "email"),
        (
            "POST",
            "/contacts",
            {"content": b'{"email": "a@example.com", "first_name": NaN}', "headers": JSON},
            "first_name",
        ),
        (
            "POST",
            "/contacts/search",
            {
                "json": {
                    "advanced_search": [
                        {"field": "created_at", "operator": "gt", "value": "0001-01-01T00:00:00+01:00"}
                    ]
                }
            },
            "advanced_search.0.value",
        ),
        (
            "POST",
            "/contacts/search",
            {"json": {"advanced_search": [{"field": "created_at", "operator": "gt", "value": 1e308}]}},
            "advanced_search.0.value",
        ),
    ],
)
async def test_edge_inputs_are_422_on_the_member(lenient_http, method, url, kwargs, field):
    response = await lenient_http.request(method, url, **kwargs)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["error"]["details"]["errors"]]


async def test_a_custom_text_value_with_an_invalid_character_is_a_422(lenient_http):
    await lenient_http.post("/custom-fields", json={"name": "Company", "field_type": "text"})
    body = b'{"email": "a@example.com", "custom_fields": {"company": "Ac\\udc80me"}}'
    response = await lenient_http.post("/contacts", content=body, headers=JSON)
    assert response.status_code == 422
    [item] = response.json()["error"]["details"]["errors"]
    assert (item["field"], item["type"]) == ("custom_fields.company", "custom_field_value")


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1])
async def test_whole_numbers_beyond_64_bits_are_refused(lenient_http, value):
    await lenient_http.post("/custom-fields", json={"name": "Seats", "field_type": "number:integer"})
    response = await lenient_http.post(
        "/contacts", json={"email": "a@example.com", "custom_fields": {"seats": value}}
    )
    assert response.status_code == 422
    assert "out of range" in response.json()["error"]["details"]["errors"][0]["msg"]
