"""Schema migrations: a fresh database gets the newest schema, and the models match it."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.server.db import HEAD_REVISION, MIGRATIONS_DIR, Database
from app.server.models import Base


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


def test_a_new_database_is_at_head_and_matches_the_models(tmp_path):
    database = Database(tmp_path / "new.db")
    database.migrate()
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []
    database.dispose()


def test_the_revision_the_server_starts_without_alembic_at_is_the_newest_migration():
    assert head_revision() == HEAD_REVISION


def test_migrating_twice_keeps_the_data(tmp_path):
    from app.server.auth import create_token, principal_for_token

    database = Database(tmp_path / "again.db")
    database.migrate()
    with database.write() as session, session.begin():
        token = create_token(session)
    database.migrate()
    with database.read() as session:
        assert principal_for_token(session, token) is not None
    database.dispose()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    database = Database(tmp_path / "wal.db")
    database.migrate()
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.dispose()


def test_upgrading_a_populated_0001_database_fills_the_folded_columns(tmp_path):
    from alembic import command
    from sqlalchemy import text

    database = Database(tmp_path / "old.db")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text("INSERT INTO workspaces (uuid, name, created_at) VALUES ('w', 'W', '2025-01-01')")
        )
        connection.execute(
            text(
                "INSERT INTO contacts (uuid, workspace_id, first_name, email, archived, created_at, updated_at,"
                " custom_fields, search_text) VALUES ('c', 1, 'ÉLODIE', 'Élodie@Example.com', 0, '2025-01-01',"
                " '2025-01-01', '{}', '')"
            )
        )
    database.migrate()
    with database.engine.connect() as connection:
        row = connection.execute(
            text("SELECT first_name_folded, email_folded, last_name_folded FROM contacts")
        ).one()
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()
    assert tuple(row) == ("élodie", "élodie@example.com", None)
    database.dispose()
