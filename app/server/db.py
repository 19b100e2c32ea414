"""Database engine, sessions and migrations: SQLite by default, PostgreSQL by URL.

A ``--db`` value with ``://`` is a SQLAlchemy URL (``postgresql://`` uses psycopg 3, the ``postgres``
extra); anything else is a SQLite file path. Engine-specific SQL lives in :mod:`app.server.dialect`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url

from .dialect import SUPPORTED

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: The newest migration's revision (``migrations/versions``): a database already there is not handed to
#: Alembic at all, whose import and setup cost a start about 0.3 s of CPU (tests keep this the real head).
HEAD_REVISION = "0004"
#: Where Alembic records a database's revision (its default table name).
ALEMBIC_VERSION_TABLE = "alembic_version"
#: How long a writer waits for another one before its request fails (both engines).
BUSY_TIMEOUT_MS = 15_000
#: The PostgreSQL advisory lock that write transactions and migrations hold: writers queue, as on SQLite.
POSTGRES_WRITE_LOCK = 0x43_44_4B_57  # "CDKW"
#: The execution option that marks a connection's transactions as writes.
WRITE_OPTION = "cuedesk_write"


class UnsupportedDatabase(ValueError):
    """A database URL of an engine the server does not support, or whose driver is not installed."""


def database_url(db: str | Path) -> URL:
    """The SQLAlchemy URL for ``db``: a URL is kept (``postgresql://`` → psycopg 3), anything else is a
    SQLite file path."""
    text = str(db)
    if "://" not in text:
        return make_url(f"sqlite:///{Path(text).expanduser().resolve()}")
    url = make_url(text)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in SUPPORTED:
        raise UnsupportedDatabase(
            f"The server runs on SQLite or PostgreSQL, not {url.get_backend_name()} ({url.drivername})."
        )
    return url


def make_engine(db: str | Path) -> Engine:
    """An engine for ``db``; SQLite runs in WAL mode with a busy timeout and foreign keys on."""
    url = database_url(db)
    if url.get_backend_name() == "postgresql":
        try:
            return create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=16)
        except ModuleNotFoundError as exc:
            raise UnsupportedDatabase(
                f"PostgreSQL needs its driver ({exc.name}): install the 'postgres' extra,"
                " e.g. pip install 'cuedesk-contacts[postgres]'."
            ) from None
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
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
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA wal_autocheckpoint=10000")
    cursor.close()


class Database:
    """An engine with two session makers, ``read`` (plain transactions) and ``write``, and
    :meth:`reading`, a Core connection that reads as ``read`` does.

    Write transactions run one at a time, and a writer waits up to :data:`BUSY_TIMEOUT_MS` for the one
    before it; reads never wait and see one snapshot. SQLite: a write starts with ``BEGIN IMMEDIATE``
    (it takes the write lock at once, so a read turning into a write never fails with "database is
    locked"). PostgreSQL: a write first takes a transaction-level advisory lock, the same queue; reads
    run at ``REPEATABLE READ``, so a count and the page read after it agree, as on SQLite.
    """

    def __init__(self, db: str | Path) -> None:
        self.engine = make_engine(db)
        self.dialect = self.engine.dialect.name
        self._reading_engine = self.engine
        if self.dialect == "sqlite":
            event.listen(self.engine, "begin", _begin_sqlite)
        else:
            event.listen(self.engine, "begin", _begin_postgresql)
            self._reading_engine = self.engine.execution_options(isolation_level="REPEATABLE READ")
        self._on_dispose: list[Callable[[], None]] = []

    # The session makers are made on first use: ``sqlalchemy.orm`` is not loaded before a server's
    # first page, which reads with Core (:meth:`reading`; app/server/tables.py).

    @cached_property
    def read(self) -> sessionmaker[Session]:
        """Sessions for reading: one snapshot per transaction, never waiting for a writer."""
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self._reading_engine, expire_on_commit=False)

    @cached_property
    def write(self) -> sessionmaker[Session]:
        """Sessions whose transactions are writes: one at a time, each waiting for the one before."""
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A Core connection in a write transaction, as a ``write`` session's: committed when the block
        ends without error, rolled back otherwise."""
        with self.engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
            yield connection

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A Core connection for reading, as a ``read`` session reads: its first statement begins one
        transaction (one snapshot), rolled back when the block ends."""
        with self._reading_engine.connect() as connection:
            yield connection

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
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


def _begin_postgresql(conn) -> None:
    if conn.get_execution_options().get(WRITE_OPTION):
        _lock_writes(conn)


def _lock_writes(conn, timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Wait (at most ``timeout_ms``; 0: as long as it takes) for the write lock, held until the
    transaction ends."""
    conn.exec_driver_sql(
        f"SELECT set_config('lock_timeout', '{timeout_ms}ms', true), pg_advisory_xact_lock({POSTGRES_WRITE_LOCK})"
    )


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (creates it when empty); one already there is left as
    it is, without loading Alembic.

    On PostgreSQL the migration holds the write lock, so servers starting together migrate one at a
    time (the second waits as long as the first one's migration takes).
    """
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            _lock_writes(connection, timeout_ms=0)
        if _revisions(connection) != {HEAD_REVISION}:
            from alembic import command
            from alembic.config import Config

            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        if engine.dialect.name == "postgresql":
            _check_case_folding(connection)


def _revisions(connection) -> set[str]:
    """The revisions Alembic recorded in the database (none for a new one)."""
    if not inspect(connection).has_table(ALEMBIC_VERSION_TABLE):
        return set()
    return set(connection.exec_driver_sql(f"SELECT version_num FROM {ALEMBIC_VERSION_TABLE}").scalars())


def _check_case_folding(connection) -> None:
    """Warn when the database's character type folds ASCII letters only (``LC_CTYPE=C``): custom values
    and list names would then compare case-sensitively beyond ASCII (``É`` ≠ ``é``)."""
    if not connection.exec_driver_sql("SELECT cuedesk_casefold('ÉSSΣ') = 'éssσ'").scalar():
        log.warning(
            "The PostgreSQL database's character type (LC_CTYPE) has no Unicode case mapping: searches on"
            " custom field values and list names will match accented letters case-sensitively. Create the"
            " database with a UTF-8 locale (e.g. LC_CTYPE 'C.UTF-8' or 'en_US.UTF-8') or an ICU locale."
        )
