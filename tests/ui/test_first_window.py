"""The window is on screen before the client side of the app is imported, and the session uses it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.connect.settings import Profile, Settings
from app.ui.connect.tokens import SERVICE, TokenStore
from app.ui.connect.workspaces import Workspaces
from app.ui.data_dir import DATA_DIR_ENV
from app.ui.detail_hint import HINT
from app.ui.first_window import STARTING_TEXT, paint_first_window
from app.ui.main_window import MainWindow
from app.ui.names import API_TOKEN_ENV, API_URL_ENV
from tests.helpers import last_json_line, run_python
from tests.ui import connect_support
from tests.ui.connect_support import AppRun

live_server, memory_keyring, settings_path, two_workspaces = (
    connect_support.live_server,
    connect_support.memory_keyring,
    connect_support.settings_path,
    connect_support.two_workspaces,
)

#: What the first paint must not wait for: the client, the wire models, the loop, the heavy panes.
NOT_BEFORE_THE_WINDOW = (
    "httpx",
    "pydantic",
    "app.api.client",
    "app.api._http",
    "qasync",
    "app.ui.detail_pane",
    "app.ui.search_builder.panel",
    "asyncio",  # ~30 ms of the paint's ~500 here: the loop is needed only once the window is up
    "platform",  # ~5 ms: loaded by uuid, and only for crash reports
    "logging.handlers",  # ~20 ms with socket, pickle and queue: the log file opens with its first record
)

FIRST_PAINT = """
import json, sys
import app.ui.app  # what a start imports before it paints (app/main.py)
from app.ui.connect.settings import Settings
from app.ui.first_window import paint_first_window
first = paint_first_window(sandbox=True, environ={}, settings=Settings())
window = first.window
print(json.dumps({
    "visible": window.isVisible(),
    "status": window.statusBar().currentMessage(),
    "detail": window.splitter.widget(1).text(),
    "menus": [action.text() for action in window.menuBar().actions()],
    "loaded": sorted(name for name in sys.argv[1:] if name in sys.modules),
}))
"""


def test_the_window_is_painted_before_the_client_side_is_imported():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    seen = last_json_line(run_python(FIRST_PAINT, *NOT_BEFORE_THE_WINDOW, env=env))
    assert seen["visible"] and seen["status"] == STARTING_TEXT
    assert seen["detail"] == HINT  # the detail pane's place says what it will say
    assert seen["menus"] == ["&File", "&View", "&Contact"]
    assert seen["loaded"] == []


@pytest.fixture
def saved_profile(live_server, two_workspaces, settings_path, memory_keyring):
    """Globex, open last, with its token in the keyring and a saved window size."""
    settings = Settings(settings_path)
    globex = Profile(Profile.new_id(), "Globex", live_server)
    settings.save_profile(globex)
    settings.set_last(globex.id)
    settings.save_layout(globex.id, {})
    memory_keyring.set_password(SERVICE, f"profile-{globex.id}", two_workspaces["Globex"])
    return globex


def test_the_workspace_open_last_shows_in_the_window_painted_first(
    qtbot, ui_loop, saved_profile, settings_path
):
    settings = Settings.read(settings_path)
    first = paint_first_window(sandbox=False, environ={}, settings=settings)
    assert first is not None and first.window.isVisible() and first.key == saved_profile.id

    app_run = AppRun(qtbot, Workspaces(settings, TokenStore(), first_window=first))
    app_run.start()
    session = app_run.rows_shown(2)
    assert session.window is first.window and session.model is first.model
    assert session.window.windowTitle() == "CueDesk Contacts — Globex"
    assert app_run.first_names() == {"Gus", "Hal"}
    assert session.window.splitter.widget(1) is session.window.detail  # the pane took the hint's place
    app_run.quit()


def test_closing_the_window_while_the_app_loads_quits_it(qtbot, ui_loop, saved_profile, settings_path):
    settings = Settings.read(settings_path)
    first = paint_first_window(sandbox=False, environ={}, settings=settings)
    assert first is not None
    first.window.close()  # before the session is built around it

    app_run = AppRun(qtbot, Workspaces(settings, TokenStore(), first_window=first)).start()
    qtbot.waitUntil(app_run.task.done, timeout=10_000)
    assert app_run.task.result() == 0
    assert app_run.workspaces.session is None
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()] == []


def test_when_the_dialog_must_ask_the_window_painted_first_goes_away(
    qtbot, ui_loop, live_server, two_workspaces, settings_path, memory_keyring
):
    settings = Settings(settings_path)
    acme = Profile(Profile.new_id(), "Acme", live_server, remember_token=False)
    settings.save_profile(acme)
    settings.set_last(acme.id)
    settings = Settings.read(settings_path)
    first = paint_first_window(sandbox=False, environ={}, settings=settings)
    assert first is not None and first.window.isVisible()

    app_run = AppRun(qtbot, Workspaces(settings, TokenStore(), first_window=first))
    app_run.start()
    dialog = app_run.dialog()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert shown == []  # the dialog asks alone, as at any start that must ask
    app_run.connect(dialog, token=two_workspaces["Acme"])
    session = app_run.rows_shown(3)
    assert session.window.isVisible()
    app_run.quit()


def test_no_window_is_painted_first_when_the_app_must_ask(settings_path):
    assert paint_first_window(sandbox=False, environ={}, settings=Settings(settings_path)) is None


COLLECTOR = """
import gc, json
from app.main import run_gui
seen = {}
def on_window(window):
    seen["while loading"] = gc.isenabled()
def on_started(session):
    seen["once started"] = gc.isenabled()
    seen["frozen objects"] = gc.get_freeze_count()
    session.window.close()
status = run_gui(sandbox=False, on_window=on_window, on_started=on_started, remember=False)
print(json.dumps({**seen, "status": status}))
"""


def test_the_collector_rests_while_the_app_loads_and_collects_after():
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        API_URL_ENV: "http://127.0.0.1:9/v1",  # nothing answers: the session starts all the same
        API_TOKEN_ENV: "not-a-real-token",
    }
    seen = last_json_line(run_python(COLLECTOR, env=env))
    assert seen["while loading"] is False and seen["once started"] is True
    assert seen["frozen objects"] > 10_000  # what was loaded is left out of later collections
    assert seen["status"] == 0


CONSOLE = """
from app.main import run_gui
run_gui(sandbox=False, on_started=lambda session: session.window.close(), remember=True)
"""


def test_a_terminal_shows_warnings_while_the_log_file_keeps_the_details(tmp_path):
    data = tmp_path / "data"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        DATA_DIR_ENV: str(data),
        API_URL_ENV: "http://127.0.0.1:9/v1",
        API_TOKEN_ENV: "not-a-real-token",
    }
    done = subprocess.run(
        [sys.executable, "-c", CONSOLE], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "Opened workspace" not in done.stderr  # an INFO line
    logged = "".join(path.read_text() for path in data.rglob("*.log*"))
    assert "Opened workspace" in logged


EARLY_SIGTERM = """
import os, signal
from app.main import run_gui
def on_window(window):
    os.kill(os.getpid(), signal.SIGTERM)  # e.g. a logout while the app still loads
status = run_gui(sandbox=False, on_window=on_window, on_started=lambda s: print("shown"), remember=False)
print("quit", status)
"""


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX signals")
def test_a_sigterm_while_the_app_loads_quits_it_the_normal_way():
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        API_URL_ENV: "http://127.0.0.1:9/v1",
        API_TOKEN_ENV: "not-a-real-token",
    }
    done = subprocess.run(
        [sys.executable, "-c", EARLY_SIGTERM], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr  # not killed by the signal (-15)
    assert done.stdout.split() == ["shown", "quit", "0"]


def test_a_termination_signal_with_unsaved_edits_asks_before_quitting(
    qtbot, ui_loop, saved_profile, settings_path
):
    settings = Settings.read(settings_path)
    app_run = AppRun(qtbot, Workspaces(settings, TokenStore())).start()
    session = app_run.rows_shown(2)
    window = session.window
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.form.edits["first_name"].text() != "")
    window.detail.form.edits["first_name"].setText("Unsaved")
    qtbot.waitUntil(window.detail.is_dirty)

    app_run.workspaces.close()  # what SIGTERM (logout) and Ctrl+C do
    qtbot.waitUntil(lambda: window.detail.confirmation is not None and window.detail.confirmation.isVisible())
    qtbot.wait(500)  # the person reads the question: the app must not quit meanwhile
    assert not app_run.task.done() and window.isVisible()
    assert window.detail.form.edits["first_name"].text() == "Unsaved"
    window.detail.confirmation.accept_button.click()  # "Discard and quit"
    qtbot.waitUntil(app_run.task.done, timeout=10_000)
    assert app_run.task.result() == 0
