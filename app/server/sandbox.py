"""``cuedesk-server sandbox``: the desktop app's embedded sandbox, run as the app's child process.

One sandbox server per database: the server holds a lock (``<state>.lock``) for as long as it runs.
A second server on the same database reports ``busy`` and exits, and its app attaches to the first.

Start-up: take the lock, migrate, seed the demo workspace when it has no contacts yet, reuse the
sandbox token kept in the private state file (or create one), then serve on the socket the app
bound and handed over (``--fd``; ``--port 0`` binds one here where fds cannot be inherited).
Port and token are reported privately: one JSON line on stdout (a pipe to the parent) and the
state file (mode 0600) that other copies of the app read. Neither ever appears on a command line.

The server exits when its parent goes away: EOF on stdin (the parent holds the pipe's other end,
so this works everywhere, even after a crash) and, on Linux, ``PR_SET_PDEATHSIG``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import uvicorn

from . import collector
from .serving import server_config, without_pydantic_v1

log = logging.getLogger(__name__)

DEMO_CONTACTS = 5200  # about 5,080 of them not archived, so List Contacts shows over 5,000
PR_SET_PDEATHSIG = 1
GRACEFUL_SHUTDOWN_SECONDS = 3
STDIN_FD = 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, help="the sandbox database (SQLite file or SQLAlchemy URL)")
    parser.add_argument("--state", required=True, type=Path, help="the private state file (port, token)")
    listen = parser.add_mutually_exclusive_group(required=True)
    listen.add_argument("--fd", type=int, help="serve on this inherited, bound and listening socket")
    listen.add_argument("--port", type=int, help="bind 127.0.0.1 on this port (0: any free port)")
    parser.add_argument("--contacts", type=int, default=DEMO_CONTACTS, help="demo contacts on first start")
    parser.add_argument("--parent-pid", type=int, default=None, help="exit at once if the parent is not this")
    parser.set_defaults(func=cmd_sandbox)


def cmd_sandbox(args: argparse.Namespace) -> int:
    # The report goes to the real stdout (a pipe to the parent); anything else printed goes to stderr.
    report = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    lifeline = _ParentWatch(args.parent_pid)
    lock = _try_lock(lock_path(args.state))
    if lock is None:
        _report(report, {"event": "busy"})
        return 0
    try:
        return _serve(args, report, lifeline)
    finally:
        lock.close()


def lock_path(state: Path) -> Path:
    return state.with_name(state.name + ".lock")


def _serve(args: argparse.Namespace, report: IO[str], lifeline: _ParentWatch) -> int:
    without_pydantic_v1()
    from .app import create_app
    from .db import Database

    previous = read_state(args.state)
    write_state(args.state, {"token": previous["token"]} if "token" in previous else {})
    database = Database(args.db)
    database.migrate()
    seed_if_empty(database, args.contacts)
    token = sandbox_token(database, previous.get("token"))
    sock = socket.socket(fileno=args.fd) if args.fd is not None else _bind_loopback(args.port)
    port = sock.getsockname()[1]

    def ready() -> None:
        write_state(args.state, {"port": port, "pid": os.getpid(), "token": token})
        _report(report, {"event": "ready", "port": port, "token": token, "pid": os.getpid()})

    def stopping() -> None:
        # First of all: no other copy of the app may attach to a server that is going away.
        write_state(args.state, {"token": token})

    config = server_config(
        create_app(database, migrate=False),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    server = _SandboxServer(config, on_ready=ready, on_stopping=stopping)
    lifeline.on_gone(server.request_exit)
    collector.resume()
    try:
        server.run(sockets=[sock])
    finally:
        database.dispose()
    return 0


class _SandboxServer(uvicorn.Server):
    """A uvicorn server that says when it starts answering and when it stops."""

    def __init__(
        self, config: uvicorn.Config, *, on_ready: Callable[[], None], on_stopping: Callable[[], None]
    ) -> None:
        super().__init__(config)
        self._on_ready = on_ready
        self._on_stopping = on_stopping

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and not self.should_exit:
            self._on_ready()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._on_stopping()
        await super().shutdown(sockets)

    def request_exit(self) -> None:
        self.should_exit = True


def seed_if_empty(database: Any, contacts: int) -> None:
    """Seed the demo workspace unless it already holds contacts (a second start reuses the data).

    The question is asked with Core: a start on seeded data loads no ORM before its first page.
    """
    from .auth import DEFAULT_WORKSPACE

    with database.reading() as connection:
        if _has_contacts(connection, DEFAULT_WORKSPACE):
            return
    from .seed import seed_demo  # only on a first start

    with database.write() as session, session.begin():
        if not _has_contacts(session, DEFAULT_WORKSPACE):  # asked again, in the write transaction
            log.warning("Seeding the sandbox with %d demo contacts.", contacts)
            seed_demo(session, contacts, DEFAULT_WORKSPACE)


def _has_contacts(connection: Any, workspace: str) -> bool:
    from sqlalchemy import select

    from .tables import contacts, workspaces

    query = (
        select(contacts.c.id)
        .join(workspaces, workspaces.c.id == contacts.c.workspace_id)
        .where(workspaces.c.name == workspace)
        .limit(1)
    )
    return connection.scalar(query) is not None


def sandbox_token(database: Any, previous: str | None) -> str:
    """The token kept in the state file while it still opens the sandbox workspace, else a new one.

    Core only: a start loads no ORM before its first page.
    """
    from .auth import DEFAULT_WORKSPACE, create_token

    if previous:
        with database.reading() as connection:
            if _opens_workspace(connection, previous, DEFAULT_WORKSPACE):
                return previous
    with database.writing() as connection:
        return create_token(connection, DEFAULT_WORKSPACE, label="CueDesk Contacts sandbox")


def _opens_workspace(connection: Any, token: str, workspace: str) -> bool:
    from sqlalchemy import select

    from .auth import principal_for_token
    from .tables import workspaces

    principal = principal_for_token(connection, token)
    if principal is None:
        return False
    name = connection.scalar(select(workspaces.c.name).where(workspaces.c.id == principal.workspace_id))
    return name == workspace


def read_state(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_state(path: Path, data: dict[str, Any]) -> None:
    """Replace the state file atomically; it is created readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(data, file)
    os.replace(temporary, path)


def _report(stream: IO[str], message: dict[str, Any]) -> None:
    stream.write(json.dumps(message) + "\n")
    stream.flush()


def _bind_loopback(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", port))
    sock.listen(128)
    return sock


class _Lock:
    """An exclusive, non-blocking lock on a file, released when closed or when the process dies."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file

    def close(self) -> None:
        self._file.close()


def _try_lock(path: Path) -> _Lock | None:
    path.parent.mkdir(parents=True, exist_ok=True)
    file = open(path, "a+b")  # noqa: SIM115 - held open for the life of the server
    try:
        if sys.platform == "win32":
            import msvcrt

            file.seek(0)
            msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        file.close()
        return None
    return _Lock(file)


class _ParentWatch:
    """Ends this process when the parent goes away: EOF on stdin, and PR_SET_PDEATHSIG on Linux."""

    def __init__(self, parent_pid: int | None) -> None:
        self._callback: Callable[[], None] = _exit_now
        self._lock = threading.Lock()
        if sys.platform.startswith("linux"):
            _set_parent_death_signal(signal.SIGTERM)
        if parent_pid is not None and os.getppid() != parent_pid:
            _exit_now()  # the parent died before the death signal was armed
        threading.Thread(target=self._watch_stdin, name="parent-watch", daemon=True).start()

    def on_gone(self, callback: Callable[[], None]) -> None:
        with self._lock:
            self._callback = callback

    def _watch_stdin(self) -> None:
        # The raw fd, not sys.stdin: a daemon thread blocked in a buffered read aborts interpreter exit.
        with contextlib.suppress(OSError):
            while os.read(STDIN_FD, 4096):
                pass
        with self._lock:
            callback = self._callback
        callback()


def _set_parent_death_signal(sig: int) -> None:
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)


def _exit_now() -> None:
    os._exit(0)
