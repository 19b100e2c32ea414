"""What the lists and custom field screen tests share: the app on a workspace of its own, user gestures.

Each test gets a freshly seeded demo workspace (lists with members, an archived list, custom fields
of every type) on the session's real server, so tests that change data never see each other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from app.api import CueDeskClient
from app.schema import ContactList
from tests.ui.conftest import LoopbackServer, RecordingTransport, WindowHarness, remote_session


@dataclass
class ListsHarness(WindowHarness):
    """The app's window on a workspace of its own, a client to check what the server stored."""

    @property
    def sidebar(self):
        return self.session.window.sidebar

    @property
    def manager(self):
        return self.session.lists

    # -- the server's side ---------------------------------------------------------------------------

    def server_lists(self, **query) -> list[ContactList]:
        return self.run(self.api.contact_lists.list(limit=100, **query).all())

    def server_list(self, name: str, **query) -> ContactList:
        return next(item for item in self.server_lists(**query) if item.name == name)

    def members(self, list_uuid) -> set[str]:
        contacts = self.run(
            self.api.contact_lists.contacts(list_uuid, limit=100, include_archived=True).all()
        )
        return {str(c.uuid) for c in contacts}

    def mark(self) -> int:
        return len(self.transport.requests)

    def requests_since(self, mark: int, method: str | None = None) -> list[httpx.Request]:
        return [r for r in self.transport.requests[mark:] if method is None or r.method == method]

    @staticmethod
    def body(request: httpx.Request) -> dict:
        return json.loads(request.content)

    # -- what the user sees and does ----------------------------------------------------------------------

    def sidebar_names(self) -> list[str]:
        return [item.name for item in self.sidebar.lists_model.lists]

    def sidebar_count(self, name: str) -> int | None:
        return next((item.count for item in self.sidebar.lists_model.lists if item.name == name), None)

    def list_index(self, name: str):
        lists = self.sidebar.lists_model
        row = next(r for r in range(lists.rowCount()) if lists.lists[r].name == name)
        return lists.index(row)

    def click_list(self, name: str) -> None:
        view = self.sidebar.lists_section.view
        rect = view.visualRect(self.list_index(name))
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def click(self, widget: QWidget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def click_row(self, row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        table = self.window.table
        table.scrollTo(self.model.index(row, 0))
        self.qtbot.waitUntil(lambda: self.model.contact_at(row) is not None, timeout=10_000)
        rect = table.visualRect(self.model.index(row, 0))
        self.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    def select_rows(self, first: int, last: int) -> None:
        """Click the first row, Shift+click the last, as a person selects a range."""
        self.click_row(first)
        if last != first:
            self.click_row(last, Qt.KeyboardModifier.ShiftModifier)
        assert self.window.table.selected_rows().count == last - first + 1

    def press(self, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        """Focus ``widget`` as a click would, then press a key there."""
        self.activate(widget.window())
        widget.setFocus(Qt.FocusReason.MouseFocusReason)
        self.qtbot.waitUntil(widget.hasFocus)
        self.qtbot.keyClick(widget, key, modifier)

    def activate(self, window: QWidget | None = None) -> None:
        """Make ``window`` (the main window by default) the active one: keys and shortcuts go there."""
        window = window or self.window
        if QApplication.activeWindow() is not window:
            window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    def drop_on_list(self, name: str, mime) -> bool:
        """Deliver a drag's enter, move and drop events to a list of the sidebar (a real QDrag cannot run here)."""
        view = self.sidebar.lists_section.view
        viewport = view.viewport()
        point = view.visualRect(self.list_index(name)).center()
        copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        enter = QDragEnterEvent(point, copy, mime, left, none)
        QApplication.sendEvent(viewport, enter)
        move = QDragMoveEvent(point, copy, mime, left, none)
        QApplication.sendEvent(viewport, move)
        drop = QDropEvent(QPointF(point), copy, mime, left, none, QEvent.Type.Drop)
        QApplication.sendEvent(viewport, drop)
        return drop.isAccepted()

    def confirmation(self) -> QMessageBox:
        self.qtbot.waitUntil(
            lambda: self.manager.confirmation is not None and self.manager.confirmation.isVisible()
        )
        return self.manager.confirmation

    def job_dialog(self):
        self.qtbot.waitUntil(
            lambda: bool(self.manager.job_dialogs) and self.manager.job_dialogs[-1].isVisible()
        )
        return self.manager.job_dialogs[-1]


def menu_action(menu: QMenu, text: str):
    """The action of ``menu`` whose text (without its ``&`` and shortcut) starts with ``text``."""
    for action in menu.actions():
        label = action.text().replace("&", "").split("\t")[0]
        if label.startswith(text):
            return action
    raise AssertionError(f"no “{text}” in {[a.text() for a in menu.actions()]}")


@contextmanager
def lists_session(qtbot, run, server: LoopbackServer, token: str) -> Iterator[ListsHarness]:
    """The app's window on ``server`` with ``token``: first rows, the sidebar's lists and the definitions loaded."""
    transport = RecordingTransport()
    session = remote_session(server.base_url, token, transport)
    qtbot.addWidget(session.window)
    session.start()
    qtbot.waitUntil(lambda: session.model.contact_at(0) is not None, timeout=15_000)
    qtbot.waitUntil(lambda: session.window.sidebar.lists_model.rowCount() > 0)
    qtbot.waitUntil(lambda: session.definitions.loaded)
    api = CueDeskClient(server.base_url, token=token)
    try:
        yield ListsHarness(qtbot, run, session, transport, api)
    finally:
        session.window._discard_confirmed = True
        session.window.close()
        run(session.shutdown())
        run(api.aclose())
