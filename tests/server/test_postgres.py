"""The server on PostgreSQL: URLs, migrations, the write queue, imports run by two servers, the command line.

The API's behaviour on PostgreSQL is checked by the engine-parametrized server modules (see
tests/server/conftest.py) and by test_postgres_parity.py; this module checks what only PostgreSQL has.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from uuid import uuid4

import anyio
import httpx
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text

from app.schema import BulkCreateRequest
from app.server import cli
from app.server import models as m
from app.server.app import create_app
from app.server.auth import create_token, principal_for_token
from app.server.db import MIGRATIONS_DIR, Database, UnsupportedDatabase, database_url
from app.server.services import imports
from tests.helpers import asgi_http
from tests.pg_cluster import PostgresCluster
from tests.server.test_cli import free_port
from tests.server.test_migrations import head_revision


def test_postgresql_urls_use_psycopg_3_and_other_engines_are_refused(tmp_path):
    assert database_url("postgresql://me@db.example/contacts").drivername == "postgresql+psycopg"
    assert database_url("postgres://me@db.example/contacts").drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://me@/c?host=/run/pg").query == {"host": "/run/pg"}
    assert database_url(tmp_path / "a.db").drivername == "sqlite"
    with pytest.raises(UnsupportedDatabase, match="SQLite or PostgreSQL, not mysql"):
        database_url("mysql://me@db.example/contacts")


@pytest.fixture
def url(postgres: PostgresCluster) -> Iterator[str]:
    """A migrated PostgreSQL database without rows."""
    with postgres.scratch_database() as url:
        yield url


def _alembic(database: Database, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def _schema_differences(database: Database) -> str:
    with database.engine.connect() as conn:
        return str(
            compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), m.Base.metadata)
        )


def test_a_new_postgresql_database_migrates_to_head_and_matches_the_models(postgres: PostgresCluster):
    database = Database(postgres.new_database("fresh", template="template0"))
    database.migrate()
    with database.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    assert _schema_differences(database) == "[]"
    assert _folded_collations(database) == {"C"}
    # The comparison sees PostgreSQL's types (below 0004: JSON instead of JSONB), not collations.
    _alembic(database, "0003", down=True)
    assert "custom_fields" in _schema_differences(database)
    assert _folded_collations(database) == {None}
    database.migrate()
    assert _schema_differences(database) == "[]"
    assert _folded_collations(database) == {"C"}
    database.dispose()


def _folded_collations(database: Database) -> set[str | None]:
    with database.engine.connect() as conn:
        return set(
            conn.scalars(
                text(
                    "SELECT collation_name FROM information_schema.columns"
                    " WHERE table_name = 'contacts' AND column_name LIKE '%\\_folded'"
                )
            )
        )


@pytest.mark.anyio
async def test_a_populated_0003_database_upgrades_and_searches_its_values(postgres: PostgresCluster):
    database = Database(postgres.new_database("old", template="template0"))
    _alembic(database, "0003")
    with database.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO workspaces (uuid, name, created_at) VALUES (:uuid, 'Sandbox', now())"),
            {"uuid": str(uuid4())},
        )
        conn.execute(
            text(
                "INSERT INTO custom_fields (uuid, workspace_id, name, field_key, field_type, editable,"
                " sensitive, status, created_at, updated_at) VALUES (:uuid, 1, 'Seats', 'seats',"
                " 'number:integer', true, false, 'active', now(), now())"
            ),
            {"uuid": str(uuid4())},
        )
        for name, seats in (("Émile", 9), ("zoé", 100), ("Eve", 20)):
            conn.execute(
                text(
                    "INSERT INTO contacts (uuid, workspace_id, email, last_name, last_name_folded, archived,"
                    " created_at, updated_at, custom_fields, search_text) VALUES (:uuid, 1, :name, :name,"
                    " :folded, false, now(), now(), CAST(:values AS json), :folded)"
                ),
                {
                    "uuid": str(uuid4()),
                    "name": name,
                    "folded": name.casefold(),
                    "values": f'{{"seats": {seats}}}',
                },
            )
    database.migrate()
    with database.write() as session, session.begin():
        token = create_token(session)
    body = {
        "advanced_search": [{"field": "seats", "operator": "gte", "value": "10", "data_type": "long"}],
        "sort_by": {"field": "last_name", "sort_order": "asc"},
    }
    async with asgi_http(create_app(database, migrate=False), token) as http:
        found = (await http.post("/contacts/search", json=body)).json()
    database.dispose()
    # By number (9 < 10 < 20 < 100, not as text), and by code point after folding ("eve" < "zoé").
    assert [(c["last_name"], c["custom_fields"]) for c in found["contacts"]] == [
        ("Eve", {"seats": 20}),
        ("zoé", {"seats": 100}),
    ]


def test_a_database_whose_character_type_folds_ascii_only_is_reported(postgres: PostgresCluster, caplog):
    url = postgres.new_database("ascii_only", template="template0", options="LOCALE_PROVIDER libc LOCALE 'C'")
    database = Database(url)
    with caplog.at_level(logging.WARNING, logger="app.server.db"):
        database.migrate()
    database.dispose()
    assert "no Unicode case mapping" in caplog.text


def test_a_unicode_database_is_not_reported(url: str, caplog):
    database = Database(url)
    with caplog.at_level(logging.WARNING, logger="app.server.db"):
        database.migrate()
    database.dispose()
    assert "case mapping" not in caplog.text


def test_writers_queue_behind_each_other_and_readers_never_wait(url: str):
    """The PostgreSQL counterpart of SQLite's BEGIN IMMEDIATE: one writer at a time."""
    database = Database(url)
    acquired: list[float] = []

    def second_writer() -> None:
        with database.write() as session, session.begin():
            session.execute(text("SELECT 1"))
            acquired.append(time.monotonic())

    with database.write() as session, session.begin():
        session.execute(text("SELECT 1"))
        writer = threading.Thread(target=second_writer)
        writer.start()
        time.sleep(1.5)
        read_started = time.monotonic()
        with database.read() as reader:
            assert reader.scalar(select(func.count()).select_from(m.Contact)) == 0
        assert time.monotonic() - read_started < 1.0  # readers do not queue behind writers
        released = time.monotonic()
    writer.join(10)
    database.dispose()
    assert acquired and acquired[0] >= released


def test_connections_the_database_server_dropped_are_replaced_without_a_failed_request(
    postgres: PostgresCluster, url: str
):
    database = Database(url)
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(m.Contact)) == 0  # a pooled connection now
    name = database.engine.url.database
    postgres.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(m.Contact)) == 0
    database.dispose()


def test_two_servers_importing_at_once_never_handle_the_same_rows(url: str):
    """Each batch re-reads the import's position under the write lock: no row runs twice."""
    setup = Database(url)
    with setup.write() as session, session.begin():
        principal = principal_for_token(session, create_token(session))
        rows = [{"email": f"person{n % 300}@example.com", "first_name": f"P{n}"} for n in range(600)]
        request = BulkCreateRequest.model_validate({"contacts": rows, "match_on_field": "email"})
        import_uuid = imports.submit(session, principal, request)
    servers = [Database(url), Database(url)]

    def work(database: Database) -> None:
        runner = imports.ImportRunner(database, batch_size=25)
        while runner.run_batch():
            pass

    threads = [threading.Thread(target=work, args=(db,)) for db in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    with setup.read() as session:
        summary = imports.status(session, principal, import_uuid)
        contacts = session.scalar(select(func.count()).select_from(m.Contact))
        emails = session.scalar(select(func.count(func.distinct(m.Contact.email))))
    for database in [setup, *servers]:
        database.dispose()
    assert summary["status"] == "completed"
    assert summary["summary"] == {"total": 600, "created": 600, "failed": 0, "skipped": 0}
    assert contacts == emails == 300


@pytest.mark.slow
def test_the_command_line_serves_a_postgresql_url(url: str, capsys):
    assert cli.main(["seed-demo", "--db", url, "--contacts", "60"]) == 0
    assert cli.main(["create-token", "--db", url]) == 0
    token = capsys.readouterr().out.split()[-1]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "app.server", "serve", "--db", url, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}/v1"
        headers = {"Authorization": f"Bearer {token}"}
        deadline = time.monotonic() + 60
        while True:
            try:
                listed = httpx.get(f"{base}/contacts", headers=headers)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert listed.status_code == 200
        visible = listed.json()["pagination"]["total"]
        assert 0 < visible <= 60
        search = {"search_term": "@", "sort_by": {"field": "last_name", "sort_order": "desc"}}
        found = httpx.post(f"{base}/contacts/search", json=search, headers=headers)
        assert found.status_code == 200 and found.json()["pagination"]["total"] > 0
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_whole_api_reaches_postgresql_through_create_app(url: str):
    """``create_app`` takes a URL as it takes a path (what ``serve --db URL`` does)."""
    app = create_app(url)

    async def flow() -> None:
        database: Database = app.state.db
        with database.write() as session, session.begin():
            token = create_token(session)
        async with asgi_http(app, token) as http:
            created = await http.post("/contacts", json={"email": "ann@example.com", "first_name": "Ann"})
            assert created.status_code == 201
            listed = (await http.get("/contacts")).json()
            assert [c["email"] for c in listed["contacts"]] == ["ann@example.com"]

    anyio.run(flow)
    assert app.state.db.dialect == "postgresql"
    app.state.db.dispose()
