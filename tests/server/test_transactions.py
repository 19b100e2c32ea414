"""A write is committed before its response is sent: a client holding the answer can read what it wrote."""

from __future__ import annotations

import json
import sqlite3

import pytest

pytestmark = pytest.mark.anyio


async def test_a_write_is_committed_before_the_response_starts(server_app, db_path, token):
    seen_at_response_start: list[int] = []
    body = json.dumps({"email": "committed@example.com"}).encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/contacts",
        "raw_path": b"/v1/contacts",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"authorization", f"Bearer {token}".encode()), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            assert message["status"] == 201
            with sqlite3.connect(db_path) as other_connection:
                seen_at_response_start.append(
                    other_connection.execute("SELECT count(*) FROM contacts").fetchone()[0]
                )

    await server_app(scope, receive, send)
    assert seen_at_response_start == [1]
