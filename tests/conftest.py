"""Fixtures shared by every test: a real database, the real server app, tokens, clients.

Every test gets its own SQLite file, copied from one migrated template (migrating once per session
keeps the suite fast).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.api import CueDeskClient
from app.server.app import create_app
from app.server.auth import create_token
from app.server.db import Database
from tests.helpers import BASE, asgi_http


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = Database(path)
    database.migrate()
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "contacts.db"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def database(db_path: Path):
    database = Database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def server_app(database: Database):
    return create_app(database, migrate=False)


def make_token(database: Database, workspace: str = "Sandbox") -> str:
    with database.write() as session, session.begin():
        return create_token(session, workspace)


@pytest.fixture
def token(database: Database) -> str:
    return make_token(database, "Sandbox")


@pytest.fixture
def other_token(database: Database) -> str:
    """A valid token of a second workspace."""
    return make_token(database, "Other workspace")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def http(server_app, token) -> AsyncIterator[httpx.AsyncClient]:
    """Raw HTTP to the in-process server, authenticated as the Sandbox workspace."""
    async with asgi_http(server_app, token) as client:
        yield client


@pytest.fixture
async def other_http(server_app, other_token) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_http(server_app, other_token) as client:
        yield client


@pytest.fixture
async def client(server_app, token) -> AsyncIterator[CueDeskClient]:
    """The app's API client, talking to the in-process server."""
    async with CueDeskClient(BASE, token=token, transport=httpx.ASGITransport(app=server_app)) as api:
        yield api
