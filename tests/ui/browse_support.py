"""Fixtures and helpers of the browsing tests: a small seeded workspace and a window on it.

Each test module seeds its own small workspace (a few seconds at most), so that a test that
changes data never disturbs another module. Contacts are created through the real API; only what
the API cannot do (archive a contact) is written to the database directly.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

import httpx
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from sqlalchemy import select, update

from app.api import CueDeskClient
from app.api._asyncio_network import AsyncioTransport
from app.server import models as m
from app.server.auth import create_token
from app.server.db import Database
from app.server.seed import seed_demo
from app.ui.connection import RemoteConnection
from app.ui.session import AppSession
from tests.helpers import SessionParts

if TYPE_CHECKING:  # conftest imports this module for its fixtures
    from tests.ui.conftest import LoopbackServer

SMALL_WORKSPACE_CONTACTS = 150
TYPED_EMAIL = "zoe.typed@example.com"
TYPED_VALUES = {
    "date_of_birth": "1985-02-19",
    "is_verified": True,
    "interests": ["Webinars", "Events"],
    "tax_id": "DE123456789",
    "num_seats": 450,
    "discount": 12.5,
    "last_purchase_at": "2025-12-10T10:31:34Z",
    "subscription": "Enterprise",
}


@dataclass(frozen=True)
class SmallWorkspace:
    """A seeded workspace: its token, a list with an archived member, a contact with typed values."""

    token: str
    list_uuid: UUID
    list_name: str
    archived_member: UUID
    typed_contact: UUID


def seed_small_workspace(database: Database, server: LoopbackServer, name: str) -> SmallWorkspace:
    with database.write() as session, session.begin():
        seed_demo(session, SMALL_WORKSPACE_CONTACTS, workspace_name=name, seed=11)
        token = create_token(session, name)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as http:
        lists = http.get("/contact-lists", params={"limit": 100}).json()["contact_lists"]
        vip = next(item for item in lists if item["name"] == "VIP Customers")
        members = http.get(f"/contact-lists/{vip['uuid']}/contacts", params={"limit": 100}).json()["contacts"]
        typed = http.post(
            "/contacts",
            json={
                "first_name": "Zoë",
                "last_name": "Typed",
                "email": TYPED_EMAIL,
                "custom_fields": TYPED_VALUES,
            },
        )
        typed.raise_for_status()
    archived = members[len(members) // 2]["uuid"]
    with database.write() as session, session.begin():  # the API cannot archive a contact
        session.execute(update(m.Contact).where(m.Contact.uuid == archived).values(archived=True))
        assert session.scalar(select(m.Contact.archived).where(m.Contact.uuid == archived))
    return SmallWorkspace(token, UUID(vip["uuid"]), vip["name"], UUID(archived), UUID(typed.json()["uuid"]))


@pytest.fixture(scope="module")
def small_workspace(request, workspace_db: Database, api_server: LoopbackServer) -> SmallWorkspace:
    return seed_small_workspace(workspace_db, api_server, f"Browse {request.module.__name__}")


class DelayingTransport(httpx.AsyncBaseTransport):
    """The client's network transport, recording every request; holds back the searches ``slow(body)`` picks.

    A held-back search that is cancelled meanwhile is noted in ``cancelled``.
    """

    def __init__(self, slow: Callable[[dict], bool] = lambda body: False, delay: float = 1.5) -> None:
        self._network = AsyncioTransport(verify=False)  # the client's own, for plain http
        self.requests: list[httpx.Request] = []
        self.slow = slow
        self.delay = delay
        self.cancelled: list[dict] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        body = search_body(request)
        if body is not None and self.slow(body):
            try:
                await asyncio.sleep(self.delay)
            except asyncio.CancelledError:
                self.cancelled.append(body)
                raise
        return await self._network.handle_async_request(request)

    async def aclose(self) -> None:
        await self._network.aclose()

    def searches(self) -> list[dict]:
        return [body for r in self.requests if (body := search_body(r)) is not None]

    def member_calls(self) -> list[dict[str, str]]:
        return [
            dict(r.url.params) for r in self.requests if "/contact-lists/" in r.url.path and r.method == "GET"
        ]

    def contact_list_calls(self) -> list[dict[str, str]]:
        return [dict(r.url.params) for r in self.requests if r.url.path.endswith("/v1/contacts")]


def search_body(request: httpx.Request) -> dict | None:
    if request.method == "POST" and request.url.path.endswith("/contacts/search"):
        return json.loads(request.content or b"{}")
    return None


@dataclass
class Browser(SessionParts):
    """A started window on a small workspace, with its transport and a separate API client."""

    session: AppSession
    transport: DelayingTransport
    api: CueDeskClient


def open_browser(qtbot, api_server: LoopbackServer, token: str, transport: DelayingTransport) -> AppSession:
    session = AppSession(
        RemoteConnection(CueDeskClient(api_server.base_url, token=token, transport=transport))
    )
    qtbot.addWidget(session.window)
    session.start()
    return session


def wait_ready(qtbot, session: AppSession) -> None:
    """First rows shown, lists in the sidebar, custom fields known."""
    qtbot.waitUntil(lambda: session.model.contact_at(0) is not None, timeout=15_000)
    qtbot.waitUntil(lambda: session.window.sidebar.lists_model.rowCount() > 0)
    qtbot.waitUntil(lambda: session.definitions.loaded)


@pytest.fixture
def browser(qtbot, run, api_server: LoopbackServer, small_workspace: SmallWorkspace) -> Iterator[Browser]:
    transport = DelayingTransport()
    session = open_browser(qtbot, api_server, small_workspace.token, transport)
    wait_ready(qtbot, session)
    api = CueDeskClient(api_server.base_url, token=small_workspace.token)
    yield Browser(session, transport, api)
    session.window.close()
    run(session.shutdown())
    run(api.aclose())


def loaded_rows(qtbot, model) -> list:
    """Every row of the current view, once loaded (the views here are small: scroll block by block)."""
    qtbot.waitUntil(lambda: model.total is not None, timeout=15_000)
    for row in range(0, model.rowCount(), model.block_size):
        model.data(model.index(row, 0))  # as a paint would: asks for the block
        qtbot.waitUntil(lambda row=row: model.contact_at(row) is not None, timeout=15_000)
    return [model.contact_at(row) for row in range(model.rowCount())]


def click_list(qtbot, window, name: str) -> None:
    view = window.sidebar.lists_section.view
    lists = window.sidebar.lists_model
    row = next(r for r in range(lists.rowCount()) if lists.lists[r].name == name)
    rect = view.visualRect(lists.index(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_header(qtbot, table, title: str, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    header = table.horizontalHeader()
    model = table.model()
    section = next(
        s for s in range(header.count()) if model.headerData(s, Qt.Orientation.Horizontal) == title
    )
    pos = QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), button, pos=pos)


def cell_text(model, row: int, key: str) -> str:
    return model.data(model.index(row, model.section_of(key)))


class PaintCounter(QObject):
    """Counts the paints of a widget."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False
