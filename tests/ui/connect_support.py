"""Fixtures and helpers of the connect tests: an in-memory keyring, a live server, the app run by ``Workspaces``.

The OS keychain is the one thing faked (``MemoryKeyring``): tests never touch the real one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import pytest
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.api import CueDeskClient
from app.server.auth import create_token, revoke_token
from app.server.db import Database
from app.ui.connect.dialog import ConnectDialog
from app.ui.connect.settings import SETTINGS_FILE, Settings
from app.ui.connect.tokens import TokenStore
from app.ui.connect.workspaces import Workspaces
from app.ui.session import AppSession
from tests.api.live import serve


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps passwords in a dict (for tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """What headless Linux without D-Bus has: only keyring's ``fail`` backend."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def live_server(server_app) -> Iterator[str]:
    """The real server (a fresh database per test) on a loopback socket; its API base URL."""
    with serve(server_app) as base_url:
        yield base_url


def new_token(database: Database, workspace: str) -> str:
    with database.write() as session, session.begin():
        return create_token(session, workspace)


def revoke(database: Database, token: str) -> None:
    with database.write() as session, session.begin():
        assert revoke_token(session, token)


async def add_contacts(base_url: str, token: str, *names: str) -> None:
    async with CueDeskClient(base_url, token=token) as client:
        for name in names:
            await client.contacts.create(first_name=name, email=f"{name.lower()}@example.com")


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / SETTINGS_FILE


@pytest.fixture
def two_workspaces(live_server, database, run) -> dict[str, str]:
    """Tokens of two workspaces on the server, with different contacts."""
    tokens = {"Acme": new_token(database, "Acme"), "Globex": new_token(database, "Globex")}
    run(add_contacts(live_server, tokens["Acme"], "Ada", "Bob", "Cy"))
    run(add_contacts(live_server, tokens["Globex"], "Gus", "Hal"))
    return tokens


def visible_dialogs() -> list[ConnectDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ConnectDialog) and w.isVisible()]


@dataclass
class AppRun:
    """The app as ``cuedesk-contacts`` runs it (``Workspaces.run``), in a task on the test loop."""

    qtbot: object
    workspaces: Workspaces
    task: asyncio.Task[int] | None = None
    sessions: list[AppSession] = field(default_factory=list)

    def start(self, environ: dict[str, str] | None = None) -> AppRun:
        self.task = asyncio.ensure_future(
            self.workspaces.run(environ=environ or {}, on_started=self.sessions.append)
        )
        return self

    @property
    def session(self) -> AppSession:
        assert self.workspaces.session is not None
        return self.workspaces.session

    def dialog(self, timeout: int = 10_000) -> ConnectDialog:
        """The connect dialog once it is shown."""
        self.qtbot.waitUntil(lambda: bool(visible_dialogs()), timeout=timeout)
        return visible_dialogs()[0]

    def no_dialog(self) -> bool:
        return not visible_dialogs()

    def connect(self, dialog: ConnectDialog, *, url: str | None = None, token: str | None = None, name=None):
        """Type into the dialog (what is given) and press Connect."""
        if name is not None:
            dialog.name_edit.setText(name)
        if url is not None:
            dialog.url_edit.setText(url)
        if token is not None:
            dialog.token_edit.clear()
            self.qtbot.keyClicks(dialog.token_edit, token)
        self.qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    def problem_shown(self, dialog: ConnectDialog, timeout: int = 20_000) -> str:
        self.qtbot.waitUntil(
            lambda: dialog.problem.isVisible() and not dialog.busy.isVisible(), timeout=timeout
        )
        return dialog.problem.text()

    def rows_shown(self, total: int, timeout: int = 15_000) -> AppSession:
        """Wait until the current window's table shows ``total`` contacts, the first loaded."""

        def shown() -> bool:
            session = self.workspaces.session
            return (
                session is not None
                and session.model.total == total
                and session.model.contact_at(0) is not None
            )

        self.qtbot.waitUntil(shown, timeout=timeout)
        return self.session

    def first_names(self) -> set[str]:
        model = self.session.model
        return {
            c.first_name for c in (model.contact_at(row) for row in range(model.rowCount())) if c is not None
        }

    def quit(self) -> int:
        self.workspaces.close()
        assert self.task is not None
        self.qtbot.waitUntil(self.task.done, timeout=20_000)
        return self.task.result()


def message_box(qtbot, timeout: int = 5_000) -> QMessageBox:
    found: list[QMessageBox] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=timeout)
    return found[0]


def click_box_button(qtbot, box: QMessageBox, text: str) -> None:
    button = next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def app_run(qtbot, ui_loop, settings_path: Path) -> Iterator[AppRun]:
    """The app on a settings file of its own and the test's keyring; quit (if still running) afterwards."""
    run = AppRun(qtbot, Workspaces(Settings(settings_path), TokenStore()))
    yield run
    if run.task is not None and not run.task.done():
        run.quit()
