"""Database engine, sessions and migrations (SQLite by default, any SQLAlchemy URL accepted)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 15_000


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for ``db``: a URL is kept as it is, anything else is a SQLite file path."""
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def make_engine(db: str | Path) -> Engine:
    """An engine for ``db``; SQLite runs in WAL mode with a busy timeout and foreign keys on."""
    url = make_url(database_url(db))
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        pool_size=8,
        max_overflow=16,
    )
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def casefold(value: object) -> object:
    """SQL ``casefold(x)``: Unicode case folding (``É`` → ``é``, ``ß`` → ``ss``); SQLite's ``lower`` knows ASCII only."""
    return value.casefold() if isinstance(value, str) else value


def _configure_sqlite(dbapi_connection, _record) -> None:
    # Let SQLAlchemy issue BEGIN itself so that transactions start where it says they do.
    dbapi_connection.isolation_level = None
    dbapi_connection.create_function("casefold", 1, casefold, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA wal_autocheckpoint=10000")
    cursor.close()


class Database:
    """An engine with two session makers: ``read`` (plain transactions) and ``write``.

    On SQLite a write transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock at once,
    so concurrent writers wait on the busy timeout instead of failing with "database is locked"
    when a read turns into a write.
    """

    def __init__(self, db: str | Path) -> None:
        self.engine = make_engine(db)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            event.listen(self.engine, "begin", _begin_sqlite)
        self.read: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)
        self.write: sessionmaker[Session] = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )
        self._on_dispose: list[Callable[[], None]] = []

    def on_dispose(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` when the database is disposed (e.g. to stop a background worker using it)."""
        self._on_dispose.append(callback)

    def migrate(self) -> None:
        migrate(self.engine)

    def dispose(self) -> None:
        for callback in self._on_dispose:
            callback()
        self.engine.dispose()


def _begin_sqlite(conn) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (creates it when empty)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
