"""The real server as a child process (``cuedesk-server serve``, uvicorn) on a loopback socket.

Used by the fuzzing, concurrency and crash tests and by their longer stress commands: they need a
real process (to kill it) and real sockets (for concurrent clients).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from app.server.auth import create_token
from app.server.db import Database

READY_TIMEOUT = 180  # a loaded machine without bytecode caches takes its time


def new_database(path: Path, workspace: str = "Sandbox") -> str:
    """Create (migrate) the database at ``path``; returns a token of ``workspace``."""
    database = Database(path)
    try:
        database.migrate()
        with database.write() as session, session.begin():
            return create_token(session, workspace)
    finally:
        database.dispose()


class ServerProcess:
    """``cuedesk-server serve`` on ``db``, serving a socket bound here and handed over (no port race).

    :meth:`start` may be called again after :meth:`kill` or :meth:`stop`: the new process serves the
    same database on a new port.
    """

    def __init__(self, db: Path, log: Path | None = None) -> None:
        self.db = db
        self.log = log or db.with_suffix(".log")
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return self.origin + "/v1"

    def start(self, *, wait: bool = True) -> None:
        """Start the process; unless ``wait`` is false, return once it answers HTTP."""
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        with sock, self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "app.server",
                    "serve",
                    "--db",
                    str(self.db),
                    "--fd",
                    str(sock.fileno()),
                ],
                pass_fds=[sock.fileno()],
                stdout=log,
                stderr=log,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        if wait:
            self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        with httpx.Client(base_url=self.origin, timeout=5) as client:
            while time.monotonic() < deadline:
                self.check_alive()
                with contextlib.suppress(httpx.TransportError):
                    client.get("/openapi.json")
                    return
                time.sleep(0.05)
        raise RuntimeError("the server did not start in time")

    def check_alive(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{self.log.read_text(errors='replace')[-2000:]}")

    def kill(self) -> None:
        """SIGKILL: the process ends at once, in the middle of whatever it was doing."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def errors_logged(self) -> list[str]:
        """Lines of the server's log that report an error (tracebacks, "database is locked", ...)."""
        if not self.log.exists():
            return []
        markers = ("Traceback", "ERROR", "database is locked", "Exception")
        return [
            line
            for line in self.log.read_text(errors="replace").splitlines()
            if any(m in line for m in markers)
        ]


@contextlib.contextmanager
def running_server(db: Path, log: Path | None = None) -> Iterator[ServerProcess]:
    server = ServerProcess(db, log)
    server.start()
    try:
        yield server
    finally:
        server.stop()
