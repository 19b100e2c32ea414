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
#: values, bulk import, case folding, list membership) or check the whole API (conformance, isolation).
#: The others open SQLite files themselves (CLI, migrations, transactions) or do nothing an engine does
#: differently (auth, notes); test_postgres*.py covers their PostgreSQL side.
BOTH_ENGINES = frozenset(
    {
        "test_bulk_import",
        "test_conformance",
        "test_contact_lists",
        "test_contacts_endpoints",
        "test_custom_fields",
        "test_errors",
        "test_isolation",
        "test_search",
    }
)
#: Tests of those modules that run on SQLite only: their requests are refused before any SQL runs
#: (request validation, authentication), so a second engine would only double their time.
SQLITE_ONLY = frozenset(
    {
        "test_a_list_needs_a_name",
        "test_bad_definitions_are_422_naming_the_member",
        "test_bad_list_query_parameters_are_422",
        "test_bad_query_parameters_are_422_in_the_envelope",
        "test_every_route_is_401_without_a_valid_token",
        "test_membership_bodies_take_one_to_a_hundred_uuids",
        "test_the_gateway_checks_the_request_shape",
    }
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    module = metafunc.module.__name__.rpartition(".")[2]
    if (
        "engine" in metafunc.fixturenames
        and module in BOTH_ENGINES
        and metafunc.function.__name__ not in SQLITE_ONLY
    ):
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
