"""Small helpers for tests (importable, unlike conftest)."""

from __future__ import annotations

import httpx

BASE = "http://testserver/v1"


def asgi_http(app, token: str | None) -> httpx.AsyncClient:
    """Raw HTTP to an in-process server app, with a bearer token when given."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE, headers=headers)
