"""Fixtures shared by every test: a real database, the real server app, tokens, clients.

Every test gets its own database: a SQLite file copied from one migrated template (migrating once per
session keeps the suite fast), or, for the test modules that run on both engines (``engine``
parametrized, see tests/server/conftest.py), a database of a throwaway PostgreSQL cluster.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.api import CueDeskClient
from app.server.app import create_app
from app.server.auth import create_token
from app.server.db import Database
from tests.helpers import BASE, asgi_http
from tests.pg_cluster import PostgresCluster, find_binaries

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = Database(path)
    database.migrate()
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A throwaway PostgreSQL cluster (skips the test where this machine has no PostgreSQL server)."""
    binaries = find_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on this machine")
    try:
        import psycopg  # noqa: F401
    except ModuleNotFoundError:
        pytest.skip("the PostgreSQL driver psycopg is not installed (the 'postgres' extra)")
    cluster = PostgresCluster(binaries)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def engine(request: pytest.FixtureRequest) -> str:
    """The database engine of the test: ``sqlite``, unless the test is parametrized with ``ENGINES``."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_path(
    engine: str, request: pytest.FixtureRequest, template_db: Path, tmp_path: Path
) -> Iterator[str | Path]:
    """Where the test's fresh database is: a SQLite file, or on PostgreSQL the URL of a scratch database.

    ``Database(db_path)`` opens either; tests that read the file directly run on SQLite only.
    """
    if engine == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        with cluster.scratch_database() as url:
            yield url
        return
    path = tmp_path / "contacts.db"
    shutil.copyfile(template_db, path)
    yield path


@pytest.fixture
def database(db_path: str | Path) -> Iterator[Database]:
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
