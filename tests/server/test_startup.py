"""A server's start loads what its first request needs and nothing else (tests/benchmarks/bench_sandbox.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_token

pytestmark = pytest.mark.slow

#: A fresh process opens the database, builds the server and answers one List Contacts request,
#: then prints the status and the loaded modules of the packages the start must not need.
FIRST_REQUEST = """
import asyncio, sys
from app.server import cli, sandbox
from app.server.app import create_app
from tests.helpers import asgi_http

async def first_page():
    async with asgi_http(create_app(sys.argv[1]), sys.argv[2]) as http:
        return (await http.get("/contacts", params={"limit": 100})).status_code

print(asyncio.run(first_page()))
print(sorted(m for m in sys.modules if m.split(".")[0] == "alembic" or "postgresql" in m))
"""


def test_a_start_on_a_current_sqlite_database_loads_neither_alembic_nor_the_postgresql_dialect(
    database, db_path
):
    database.migrate()
    token = make_token(database)
    database.dispose()
    started = subprocess.run(
        [sys.executable, "-c", FIRST_REQUEST, str(db_path), token],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.split("\n")[:2] == ["200", "[]"]
