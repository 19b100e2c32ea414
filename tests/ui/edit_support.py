"""What the editing tests share: the app on a workspace of its own, and ways to act as the user does.

Each test gets a fresh, small demo workspace (custom fields of every type, lists, notes) on the
session's real server, so tests that change data never see each other's changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from uuid import uuid4

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.api import CueDeskClient
from app.schema import Contact
from app.server.auth import create_token
from app.server.db import Database
from app.server.seed import seed_demo
from app.ui.detail_pane import ContactDetailPane
from tests.ui.conftest import LoopbackServer, RecordingTransport, WindowHarness, remote_session

WORKSPACE_CONTACTS = 40


def new_workspace(database: Database, contacts: int = WORKSPACE_CONTACTS, name: str | None = None) -> str:
    """A freshly seeded workspace of its own; returns a token for it."""
    name = name or f"Editing {uuid4()}"
    with database.write() as session, session.begin():
        seed_demo(session, contacts, workspace_name=name)
        return create_token(session, name)


@dataclass
class EditHarness(WindowHarness):
    """The app's window on a workspace of its own, a client to check what the server stored."""

    @property
    def pane(self) -> ContactDetailPane:
        return self.session.window.detail

    def select_row(self, row: int) -> Contact:
        """Click a row of the table, as the user does; returns the contact the pane shows."""
        table = self.window.table
        table.scrollTo(self.model.index(row, 0))
        rect = table.visualRect(self.model.index(row, 0))
        self.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        contact = self.model.contact_at(row)
        assert contact is not None
        self.qtbot.waitUntil(
            lambda: self.pane.contact == contact
        )  # the pane follows once the table has painted
        return contact

    def row_of(self, predicate) -> int:
        """The first loaded row whose contact matches ``predicate``."""
        return next(r for r in range(self.model.rowCount()) if predicate(self.model.contact_at(r)))

    def open_tab(self, key: str) -> None:
        """Switch to a tab with its mnemonic-less way (a click on the tab bar) and wait until it has data."""
        pane = self.pane
        bar = pane.tabs.tabBar()
        index = pane._tab_keys.index(key)
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert pane.current_tab() == key
        panel = {
            "custom_fields": pane.custom_fields.panel,
            "lists": pane.lists.panel,
            "notes": pane.notes.panel,
        }.get(key)
        if panel is not None:
            self.qtbot.waitUntil(lambda: panel.currentIndex() == 2, timeout=10_000)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, widget=None):
        """A key press where the keyboard focus is in the window (or on ``widget``)."""
        self.activate()
        focus = QApplication.focusWidget()
        if widget is None and focus is not None and focus.isVisible() and focus.window() is self.window:
            widget = focus
        self.qtbot.keyClick(widget or self.window.table, key, modifier)

    def activate(self) -> None:
        """Make the window the active one (shortcuts only reach the active window)."""
        if QApplication.activeWindow() is not self.window:
            self.window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window)

    def save(self) -> None:
        """Ctrl+S, as the user presses it in the window."""
        self.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    def wait_saved(self) -> None:
        self.qtbot.waitUntil(lambda: not self.pane.is_saving, timeout=10_000)

    def mark(self) -> int:
        """A point in the request log: ``requests_since(mark)`` lists what was sent after it."""
        return len(self.transport.requests)

    def requests_since(self, mark: int) -> list[tuple[str, str]]:
        return [(r.method, r.url.path) for r in self.transport.requests[mark:]]

    def stored(self, contact_uuid) -> Contact:
        return self.run(self.api.contacts.get(contact_uuid))

    def confirmation(self, holder) -> QMessageBox:
        """The confirmation box ``holder`` (pane, tab, dialog, window) has open, once it is shown."""
        self.qtbot.waitUntil(lambda: holder.confirmation is not None and holder.confirmation.isVisible())
        return holder.confirmation


@contextmanager
def editing_session(
    qtbot, run, server: LoopbackServer, token: str, **client_options
) -> Iterator[EditHarness]:
    """The app's window on ``server`` with ``token``, shown, first rows loaded; closed afterwards."""
    transport = RecordingTransport()
    session = remote_session(server.base_url, token, transport, **client_options)
    qtbot.addWidget(session.window)
    session.start()
    qtbot.waitUntil(lambda: session.model.contact_at(0) is not None, timeout=15_000)
    api = CueDeskClient(server.base_url, token=token)
    try:
        yield EditHarness(qtbot, run, session, transport, api)
    finally:
        session.window._discard_confirmed = True  # a test may end with edits open
        session.window.close()
        run(session.shutdown())
        run(api.aclose())
