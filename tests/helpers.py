"""Small helpers for tests (importable, unlike conftest)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import httpx

BASE = "http://testserver/v1"


def asgi_http(app, token: str | None) -> httpx.AsyncClient:
    """Raw HTTP to an in-process server app, with a bearer token when given."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE, headers=headers)


def run_python(script: str, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """Run ``script`` in a fresh interpreter (what it imports is its own) and return what it printed;
    fails the test, with its errors, unless it exits with 0."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=timeout, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def last_json_line(output: str) -> Any:
    """The JSON a script printed last (Qt may print warnings before it)."""
    return json.loads(output.strip().splitlines()[-1])


class SessionParts:
    """The ``window`` and ``model`` of a test harness's ``session`` (an ``AppSession``)."""

    session: Any

    @property
    def window(self) -> Any:
        return self.session.window

    @property
    def model(self) -> Any:
        return self.session.model
