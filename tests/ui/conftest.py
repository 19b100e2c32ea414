"""Fixtures of the UI tests: one qasync loop for the session, and a real server to talk to.

pytest-qt has no qasync support, so (see the recipes) one ``QEventLoop`` is created for the whole
session with ``already_running=True``; tests are synchronous and every ``qtbot.wait*`` pumps the
asyncio callbacks too. asyncio sees that loop as "running" only while a UI test runs, so the
anyio-based async tests in ``tests/api`` and ``tests/server`` keep their own loops in any order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import socket
import threading
import time
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import qasync
import uvicorn
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from app.api import CueDeskClient
from app.api._asyncio_network import AsyncioTransport
from app.server.app import create_app
from app.server.auth import create_token
from app.server.db import Database
from app.server.seed import seed_demo
from app.ui.connection import RemoteConnection
from app.ui.session import AppSession
from tests.helpers import SessionParts

T = TypeVar("T")

#: Contacts seeded into the shared UI test workspace: about 2,930 of them are not archived.
WORKSPACE_CONTACTS = 3000


@pytest.fixture(scope="session")
def qasync_loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.events._set_running_loop(None)  # "running" only inside a UI test (see ui_loop)
    yield loop
    asyncio.events._set_running_loop(loop)
    loop.stop()
    asyncio.events._set_running_loop(None)
    loop.close()


@pytest.fixture(autouse=True)
def ui_loop(
    qasync_loop: qasync.QEventLoop, qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> Iterator[qasync.QEventLoop]:
    """Make the session loop the running loop for one test; afterwards cancel what the test left."""
    loop = qasync_loop
    errors: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    before = asyncio.all_tasks(loop)
    caplog.set_level(logging.INFO, logger="app")
    try:
        yield loop
        left = [task for task in asyncio.all_tasks(loop) - before if not task.done()]
        for task in left:
            task.cancel()
        deadline = time.monotonic() + 30
        while not all(task.done() for task in left) and time.monotonic() < deadline:
            qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.005)
    finally:
        loop.set_exception_handler(None)
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)
    assert not errors, f"the event loop reported errors: {errors}"
    logged = [
        *caplog.get_records("setup"),
        *caplog.get_records("call"),
        *caplog.records,
    ]  # every phase so far
    unexpected = [r for r in logged if r.levelno >= logging.ERROR and r.name.startswith("app.ui")]
    assert not unexpected, f"unexpected errors were logged: {[r.getMessage() for r in unexpected]}"


@pytest.fixture
def run(qtbot, ui_loop):
    """Run a coroutine (or any awaitable) on the session loop until it is done; returns its result."""

    def run_awaitable(awaitable: Awaitable[T], timeout_ms: int = 30_000) -> T:
        task = asyncio.ensure_future(awaitable, loop=ui_loop)
        qtbot.waitUntil(task.done, timeout=timeout_ms)
        return task.result()

    return run_awaitable


class LoopbackServer:
    """The real API server, served by uvicorn in a thread on a loopback socket."""

    def __init__(self, database: Database, sock: socket.socket) -> None:
        self.port = sock.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._socket = sock
        self._server = uvicorn.Server(
            uvicorn.Config(create_app(database, migrate=False), log_level="warning", access_log=False)
        )
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)

    def start(self) -> LoopbackServer:
        self._thread.start()
        for _ in range(600):
            if self._server.started:
                return self
            self._thread.join(0.05)
        raise RuntimeError("the test server did not start")

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)


@pytest.fixture(scope="session")
def workspace_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A database with a seeded demo workspace, shared by the UI tests (they only read)."""
    path = tmp_path_factory.mktemp("ui-workspace") / "contacts.db"
    shutil.copyfile(template_db, path)
    database = Database(path)
    with database.write() as session, session.begin():
        seed_demo(session, WORKSPACE_CONTACTS)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def workspace_token(workspace_db: Database) -> str:
    with workspace_db.write() as session, session.begin():
        return create_token(session)


@pytest.fixture(scope="session")
def api_server(workspace_db: Database) -> Iterator[LoopbackServer]:
    server = LoopbackServer(workspace_db, socket.create_server(("127.0.0.1", 0))).start()
    yield server
    server.stop()


class RecordingTransport(httpx.AsyncBaseTransport):
    """The client's network transport, recording every request it sends (to count them)."""

    def __init__(self) -> None:
        self._network = AsyncioTransport(verify=False)  # the client's own, for plain http
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self._network.handle_async_request(request)

    async def aclose(self) -> None:
        await self._network.aclose()

    def list_calls(self) -> list[dict[str, str]]:
        """The query parameters of every List Contacts request, in order."""
        return [dict(r.url.params) for r in self.requests if r.url.path.endswith("/contacts")]

    def offsets(self) -> list[int]:
        return [int(call["offset"]) for call in self.list_calls()]


@dataclass
class Harness(SessionParts):
    """A started app session on the test server, and the requests it made."""

    session: AppSession
    transport: RecordingTransport
    api: CueDeskClient  # a separate client, to ask the server what the window should show
    sessions: list[AppSession] = field(default_factory=list)


@dataclass
class WindowHarness(SessionParts):
    """The app's window on a workspace of its own, a client to check what the server stored."""

    qtbot: object
    run: object
    session: AppSession
    transport: RecordingTransport
    api: CueDeskClient


def remote_session(base_url: str, token: str, transport: RecordingTransport, **client_options) -> AppSession:
    client = CueDeskClient(base_url, token=token, transport=transport, **client_options)
    return AppSession(RemoteConnection(client))


@contextlib.contextmanager
def started_window(
    qtbot, run, api_server: LoopbackServer, token: str, transport: RecordingTransport
) -> Iterator[Harness]:
    """The app's window on the test server through ``transport``, shown, with its first rows loaded."""
    session = remote_session(api_server.base_url, token, transport)
    qtbot.addWidget(session.window)
    session.start()
    qtbot.waitUntil(lambda: session.model.contact_at(0) is not None, timeout=15_000)
    api = CueDeskClient(api_server.base_url, token=token)
    try:
        yield Harness(session, transport, api)
    finally:
        session.window.close()
        run(session.shutdown())
        run(api.aclose())


@pytest.fixture
def harness(qtbot, run, api_server: LoopbackServer, workspace_token: str) -> Iterator[Harness]:
    """The app's window on the shared workspace, shown, with its first rows loaded."""
    with started_window(qtbot, run, api_server, workspace_token, RecordingTransport()) as started:
        yield started


# The browsing tests' fixtures (a small seeded workspace per module, a window on it).
from tests.ui.browse_support import browser, small_workspace  # noqa: E402, F401
