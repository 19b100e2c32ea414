"""Fixtures of the server tests: a module-wide database and app for read-only datasets, and which
modules run on PostgreSQL as well as SQLite."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.server.app import create_app
from app.server.auth import create_token
from app.server.db import Database
from tests.conftest import ENGINES

#: Test modules that run on both engines: those that reach engine-specific SQL (search, sorting, custom
#: values, bulk import, case folding, transactions) or check the whole API (conformance, isolation).
#: The others (CLI, migrations, transaction timing) open SQLite files themselves; test_postgres*.py
#: covers their PostgreSQL side.
BOTH_ENGINES = frozenset(
    {
        "test_auth",
        "test_bulk_import",
        "test_conformance",
        "test_contact_lists",
        "test_contacts_endpoints",
        "test_custom_fields",
        "test_errors",
        "test_isolation",
        "test_notes",
        "test_search",
    }
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    module = metafunc.module.__name__.rpartition(".")[2]
    if "engine" in metafunc.fixturenames and module in BOTH_ENGINES:
        metafunc.parametrize("engine", ENGINES, indirect=True, scope="module")


@pytest.fixture(scope="module")
def module_server(
    engine: str, request: pytest.FixtureRequest, template_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple]:
    """(app, database, token) shared by the tests of one module: for datasets the tests only read."""
    if engine == "postgresql":
        with request.getfixturevalue("postgres").scratch_database() as url:
            yield from _serve(Database(url))
        return
    path = tmp_path_factory.mktemp("module") / "contacts.db"
    shutil.copyfile(template_db, path)
    yield from _serve(Database(path))


def _serve(database: Database) -> Iterator[tuple]:
    with database.write() as session, session.begin():
        token = create_token(session)
    yield create_app(database, migrate=False), database, token
    database.dispose()
