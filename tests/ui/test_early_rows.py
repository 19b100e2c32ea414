"""The first rows are asked for while the app loads, shown with the window, and not asked for twice.

Against the real server on a loopback socket; a recording wrapper around it counts the requests.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from app.ui.connect.settings import Profile, Settings
from app.ui.connect.tokens import SERVICE, TokenStore
from app.ui.connect.workspaces import Workspaces
from app.ui.contacts_model import LOADING_TEXT
from app.ui.early_rows import EarlyRows
from app.ui.first_window import FirstWindow, paint_first_window
from app.ui.names import API_TOKEN_ENV, API_URL_ENV
from tests.api.live import serve
from tests.helpers import last_json_line, run_python
from tests.ui import connect_support
from tests.ui.connect_support import AppRun, add_contacts, new_token

memory_keyring, settings_path = connect_support.memory_keyring, connect_support.settings_path

#: What showing the early rows must not need: the client, the wire models, the loop.
CLIENT_SIDE = ("httpx", "pydantic", "app.api.client", "app.schema.contacts", "qasync")

#: The start of a script that notes every module imported off the main thread (``imported_off_main``): with
#: PySide6's import hook, two threads importing at once can fail the app's start (early_rows.py).
NOTE_IMPORTS_OFF_MAIN = """
import json, os, sys, threading
imported_off_main = []
def note_import(event, args):
    if event == "import" and threading.current_thread() is not threading.main_thread():
        imported_off_main.append(args[0])
sys.addaudithook(note_import)
"""

EARLY_PAINT = (
    NOTE_IMPORTS_OFF_MAIN
    + """
from PySide6.QtCore import Qt
from app.ui.connect.settings import Settings
from app.ui.connect.tokens import TokenStore
from app.ui.early_rows import EarlyRows
early = EarlyRows.of_workspace(sandbox=False, environ=os.environ, settings=Settings(), tokens=TokenStore())
from app.ui.first_window import paint_first_window
first = paint_first_window(sandbox=False, environ=os.environ, settings=Settings(), early=early)
first.early.body.result(timeout=30)
first.show_early_rows()
model = first.model
print(json.dumps({
    "total": model.rowCount(),
    "names": [model.index(row, 0).data() for row in range(model.rowCount())],
    "scrolls": first.window.table.verticalScrollBar().isVisible(),
    "loaded": sorted(name for name in sys.argv[1:] if name in sys.modules),
    "imported_off_main": imported_off_main,
}))
"""
)


class RecordingApp:
    """The real server app, with the path and query of every request it received noted."""

    def __init__(self, app) -> None:
        self.app = app
        self.requests: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            self.requests.append(f"{scope['method']} {scope['path']}?{scope['query_string'].decode()}")
        await self.app(scope, receive, send)

    def first_pages(self) -> list[str]:
        return [r for r in self.requests if r.startswith("GET /v1/contacts?") and "offset=0" in r]


@pytest.fixture
def recorded(server_app) -> Iterator[tuple[RecordingApp, str]]:
    recording = RecordingApp(server_app)
    with serve(recording) as base_url:
        yield recording, base_url


@pytest.fixture
def acme(recorded, database, run) -> str:
    """A token of a workspace holding Ada, Bob and Cy (created in that order)."""
    token = new_token(database, "Acme")
    run(add_contacts(recorded[1], token, "Ada", "Bob", "Cy"))
    return token


def painted(environ: dict[str, str], settings: Settings, tokens: TokenStore) -> FirstWindow:
    """The window painted first, its early rows started first, as the app starts them."""
    early = EarlyRows.of_workspace(sandbox=False, environ=environ, settings=settings, tokens=tokens)
    first = paint_first_window(sandbox=False, environ=environ, settings=settings, early=early)
    assert first is not None
    return first


def saved_acme(settings_path, memory_keyring, base_url: str, token: str) -> tuple[Settings, Profile]:
    """Settings (read back from their file) with Acme saved as the workspace open last, its token in the
    keyring."""
    settings = Settings(settings_path)
    profile = Profile(Profile.new_id(), "Acme", base_url)
    settings.save_profile(profile)
    settings.set_last(profile.id)
    memory_keyring.set_password(SERVICE, f"profile-{profile.id}", token)
    return Settings.read(settings_path), profile


def first_column(model) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_first_rows_are_on_screen_before_the_client_side_is_loaded(recorded, acme, run):
    run(add_contacts(recorded[1], acme, *(f"P{n:02d}" for n in range(40))))  # more than the window shows
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", API_URL_ENV: recorded[1], API_TOKEN_ENV: acme}
    seen = last_json_line(run_python(EARLY_PAINT, *CLIENT_SIDE, env=env))
    assert seen["loaded"] == []
    # Its thread imports nothing: with PySide6's import hook, two threads importing can fail the start.
    assert seen["imported_off_main"] == []
    assert (
        seen["total"] == 43
        and seen["names"][:2] == ["P39", "P38"]
        and seen["names"][-3:] == ["Cy", "Bob", "Ada"]
    )
    assert seen[
        "scrolls"
    ]  # newest first, as the app lists them, and the scrollbar for the rest  # newest first, as the app lists


def test_the_session_keeps_the_early_rows_and_does_not_ask_for_them_again(qtbot, ui_loop, recorded, acme):
    recording, base_url = recorded
    environ = {API_URL_ENV: base_url, API_TOKEN_ENV: acme}
    first = painted(environ, Settings(), TokenStore())
    assert first is not None and first.early is not None
    qtbot.waitUntil(first.early.body.done, timeout=10_000)
    first.show_early_rows()
    assert first_column(first.model) == ["Cy", "Bob", "Ada"]
    shown: list[list[str]] = []
    first.model.dataChanged.connect(lambda *_: shown.append(first_column(first.model)))
    first.model.modelReset.connect(lambda: shown.append(["reset"]))

    app_run = AppRun(qtbot, Workspaces(Settings(), TokenStore(), first_window=first)).start(environ)
    session = app_run.rows_shown(3)
    qtbot.waitUntil(lambda: session.operations.pending == 0, timeout=10_000)  # lists, custom fields

    assert session.model is first.model
    assert first_column(session.model) == ["Cy", "Bob", "Ada"]
    assert all(LOADING_TEXT not in names and names != ["reset"] for names in shown)  # never blank again
    assert len(recording.first_pages()) == 1  # the early request was the only one for these rows
    app_run.quit()


def test_a_saved_workspace_reads_its_token_once_for_the_early_rows_and_the_session(
    qtbot, ui_loop, recorded, acme, settings_path, memory_keyring
):
    reads: list[str] = []
    read = memory_keyring.get_password
    memory_keyring.get_password = lambda service, account: reads.append(account) or read(service, account)
    settings, profile = saved_acme(settings_path, memory_keyring, recorded[1], acme)
    tokens = TokenStore()
    first = painted({}, settings, tokens)
    assert first is not None and first.early is not None and first.early.key == profile.id
    app_run = AppRun(qtbot, Workspaces(settings, tokens, first_window=first)).start()
    session = app_run.rows_shown(3)

    assert session.window is first.window
    assert [c.first_name for c in map(session.model.contact_at, range(3))] == ["Cy", "Bob", "Ada"]
    assert reads == [f"profile-{profile.id}"]
    assert len(recorded[0].first_pages()) == 1
    app_run.quit()


def test_no_early_rows_when_the_keyring_cannot_be_loaded_first_and_the_session_still_opens(
    qtbot, ui_loop, recorded, acme, settings_path, memory_keyring, monkeypatch
):
    settings, _ = saved_acme(settings_path, memory_keyring, recorded[1], acme)
    tokens = TokenStore()

    def broken() -> None:
        raise RuntimeError("no backend yet")

    monkeypatch.setattr(tokens, "prepare", broken)
    first = painted({}, settings, tokens)
    assert first.early is not None and first.early.body.result(timeout=5) is None
    assert first_column(first.model) == []  # nothing early…
    app_run = AppRun(qtbot, Workspaces(settings, tokens, first_window=first)).start()
    session = app_run.rows_shown(3)  # …but the session read the saved token itself: no sign-in dialog
    assert [c.first_name for c in map(session.model.contact_at, range(3))] == ["Cy", "Bob", "Ada"]
    app_run.quit()


def test_a_refused_token_shows_no_early_rows_and_the_session_asks_for_a_new_one(
    qtbot, ui_loop, recorded, acme
):
    environ = {API_URL_ENV: recorded[1], API_TOKEN_ENV: acme + "-revoked"}
    first = painted(environ, Settings(), TokenStore())
    assert first is not None and first.early is not None
    qtbot.waitUntil(first.early.body.done, timeout=10_000)
    first.show_early_rows()
    assert first.model.total is None and first.model.rowCount() == 0

    app_run = AppRun(qtbot, Workspaces(Settings(), TokenStore(), first_window=first)).start(environ)
    dialog = app_run.dialog()  # as at any start with a refused token: the client's own request said so
    assert "refused the token" in dialog.note.text()
    assert first.model.rowCount() == 0
    dialog.reject()
    app_run.quit()


class HeldAnswer:
    """An early-rows endpoint that answers only when released (a server still starting)."""

    def __init__(self, base_url: str, token: str) -> None:
        self.endpoint = (base_url, token)
        self.released = threading.Event()

    def __call__(self) -> tuple[str, str | None]:
        self.released.wait(30)
        return self.endpoint


def held_window(qtbot, held: HeldAnswer) -> FirstWindow:
    early = EarlyRows("held", held, wait_s=30)
    first = paint_first_window(sandbox=True, environ={}, settings=Settings(), early=early)
    assert first is not None
    qtbot.addWidget(first.window)
    return first


def test_the_window_waits_for_its_first_rows_while_still_answering_and_shows_them_when_they_come(
    qtbot, recorded, acme
):
    held = HeldAnswer(recorded[1], acme)
    first = held_window(qtbot, held)
    width_before = first.window.table.viewport().width()
    resized: list[int] = []

    def meanwhile() -> None:  # while the app waits: the window is resized, then the server answers
        first.window.resize(first.window.width() + 40, first.window.height())
        QTimer.singleShot(200, lambda: resized.append(first.window.table.viewport().width()))
        QTimer.singleShot(400, held.released.set)

    QTimer.singleShot(100, meanwhile)
    first.show_early_rows(wait_s=30)
    assert resized and resized[0] > width_before  # the window kept answering: it was laid out again
    assert first_column(first.model) == ["Cy", "Bob", "Ada"]  # then the rows came, and the wait ended


def test_the_wait_for_the_first_rows_ends_at_its_limit_on_quit_or_when_the_window_is_closed(
    qtbot, recorded, acme
):
    held = HeldAnswer(recorded[1], acme)
    first = held_window(qtbot, held)
    started = time.monotonic()
    first.show_early_rows(wait_s=0.3)
    assert 0.3 <= time.monotonic() - started < 10  # the app goes on loading; the rows come later
    assert first.model.rowCount() == 0

    asked_to_quit: list[bool] = []
    QTimer.singleShot(100, lambda: asked_to_quit.append(True))  # as Ctrl+C or SIGTERM while the app loads
    started = time.monotonic()
    first.show_early_rows(wait_s=30, stop=lambda: bool(asked_to_quit))
    assert asked_to_quit and time.monotonic() - started < 10  # quitting does not wait for the rows

    QTimer.singleShot(100, first.window.close)
    started = time.monotonic()
    first.show_early_rows(wait_s=30)
    assert first.closed and time.monotonic() - started < 10  # a person who closes it does not wait
    held.released.set()
