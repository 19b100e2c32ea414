"""Token hygiene (issue 12, the app's side): after a session that connects with a wrong then a right token,
switches profiles, has its token revoked and signs in again, no token is in the settings, the logs, or
anything shown on screen; only the keyring holds them."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QMainWindow, QMessageBox

from tests.ui import connect_support
from tests.ui.connect_support import add_contacts, new_token, revoke

app_run, live_server, memory_keyring, settings_path = (
    connect_support.app_run,
    connect_support.live_server,
    connect_support.memory_keyring,
    connect_support.settings_path,
)


def on_screen() -> list[str]:
    """Every text the app shows: labels, tooltips, buttons, window titles, status bars, message boxes,
    and line edits other than password fields."""
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        texts += [
            widget.toolTip(),
            widget.accessibleName(),
            widget.accessibleDescription(),
            widget.windowTitle(),
        ]
        if isinstance(widget, QLabel | QAbstractButton | QMessageBox):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit) and widget.echoMode() is not QLineEdit.EchoMode.Password:
            texts.append(widget.text())
        if isinstance(widget, QMainWindow):
            texts.append(widget.statusBar().currentMessage())
    return texts


@pytest.mark.usefixtures("memory_keyring")
def test_no_token_in_settings_logs_or_on_screen(
    app_run, live_server, database, run, settings_path: Path, caplog, memory_keyring
):
    caplog.set_level(logging.DEBUG)  # everything: the app, the client, httpx, httpcore
    acme, globex = new_token(database, "Acme"), new_token(database, "Globex")
    run(add_contacts(live_server, acme, "Ada"))
    run(add_contacts(live_server, globex, "Gus", "Hal"))
    wrong = "cdk_" + "w" * 43
    shown: list[str] = []

    app_run.start()
    dialog = app_run.dialog()
    app_run.connect(dialog, name="Acme", url=live_server, token=wrong)
    app_run.problem_shown(dialog)
    shown += on_screen()
    app_run.connect(dialog, token=acme)
    app_run.rows_shown(1)
    shown += on_screen()

    app_run.session.window.connectRequested.emit()
    dialog = app_run.dialog()
    dialog.select_profile(None)
    app_run.connect(dialog, name="Globex", url=live_server, token=globex)
    app_run.rows_shown(2)
    next(a for a in app_run.session.window.workspaces_menu.actions() if a.text() == "Acme").trigger()
    session = app_run.rows_shown(1)
    shown += on_screen()

    revoke(database, acme)
    session.window.reloadRequested.emit()
    dialog = app_run.dialog()
    app_run.connect(dialog, token=acme)  # the revoked one
    app_run.problem_shown(dialog)
    shown += on_screen()
    fresh = new_token(database, "Acme")
    app_run.connect(dialog, token=fresh)
    app_run.rows_shown(1)
    shown += on_screen()
    workspaces_repr = [repr(app_run.workspaces.workspace), *(repr(s.connection) for s in app_run.sessions)]
    assert app_run.quit() == 0

    tokens = {wrong, acme, globex, fresh}

    def leaked(text: str) -> set[str]:
        return {token for token in tokens if token in text}

    kept = "\n".join(memory_keyring.entries.values())
    assert leaked(kept) == {globex, fresh}, "the keyring holds the tokens in use (and the check finds them)"
    files = [p for p in settings_path.parent.rglob("*") if p.is_file()]
    assert files, "the settings were written"
    for file in files:
        assert not leaked(file.read_text(errors="replace")), file
    records = "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records)
    assert caplog.records and not leaked(records)
    assert not leaked("\n".join(shown))
    assert not leaked("\n".join(workspaces_repr))
