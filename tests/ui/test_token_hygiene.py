"""Token hygiene (issue 12, the app's side): after a session that connects with a wrong then a right token,
switches profiles, has its token revoked and signs in again, no token is in the settings, the logs, or
anything shown on screen; only the keyring holds them."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QWizard,
)

from app.api import CueDeskClient, RetryPolicy
from app.ui.connect.workspaces import Workspaces
from app.ui.data_dir import DATA_DIR_ENV
from app.ui.diagnostics import Diagnostics
from tests.ui import connect_support
from tests.ui.connect_support import add_contacts, new_token, revoke
from tests.ui.edit_support import EditHarness
from tests.ui.faults import Fault, FaultTransport
from tests.ui.test_edit_contact import type_into
from tests.ui.test_import_wizard import next_page

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


@pytest.mark.usefixtures("memory_keyring")
def test_no_token_in_any_file_the_app_writes_after_edits_imports_exports_and_failures(
    app_run, live_server, database, run, qtbot, settings_path: Path, caplog, tmp_path, monkeypatch
):
    """Connect, edit, import, export, and fail in every way the fault transport knows (plus a bug that
    raises in a slot), with every logger at DEBUG; then read every file the app wrote."""
    caplog.set_level(logging.DEBUG)
    data = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    token = new_token(database, "Acme")
    run(add_contacts(live_server, token, "Ada", "Bo", "Cy"))
    transport = FaultTransport()
    monkeypatch.setattr(
        Workspaces,
        "_client",
        lambda _self, base_url, token, allow: CueDeskClient(
            base_url,
            token=token,
            allow_invalid_certificates=allow,
            transport=transport,
            retry=RetryPolicy(initial_delay=0.05),
        ),
    )
    diagnostics = Diagnostics.for_app()
    api = CueDeskClient(live_server, token=token)
    with qtbot.capture_exceptions() as crashes:
        diagnostics.install()  # after pytest-qt's hook, so that a crash goes through both
        try:
            app_run.start()
            dialog = app_run.dialog()
            app_run.connect(dialog, name="Acme", url=live_server, token="cdk_" + "w" * 43)
            app_run.problem_shown(dialog)
            app_run.connect(dialog, token=token)
            app_run.rows_shown(3)
            app = EditHarness(qtbot, run, app_run.session, transport, api)
            edit_failing_then_saving(app, transport)
            load_failing_then_retried(app, transport)
            import_failing_then_finished(app, transport, tmp_path)
            export_failing_then_written(app, transport, tmp_path / "out" / "contacts.csv")
            QTimer.singleShot(0, a_bug_in_a_slot)
            qtbot.waitUntil(lambda: bool(crashes), timeout=5_000)
            assert app_run.quit() == 0
        finally:
            diagnostics.uninstall()
            run(api.aclose())
    [(kind, _error, _trace)] = crashes
    assert kind is RuntimeError

    written = {
        "settings": [settings_path],
        "log": [diagnostics.log_file],
        "crash report": list(diagnostics.crash_dir.glob("crash-*.txt")),
        "import journal": list((data / "imports").rglob("*.json")),
        "export": [tmp_path / "out" / "contacts.csv"],
    }
    for kind_of_file, files in written.items():
        assert files and all(f.is_file() for f in files), f"no {kind_of_file} was written"
    every_file = [
        p for root in (settings_path.parent, data, tmp_path / "out") for p in root.rglob("*") if p.is_file()
    ]
    assert {f for files in written.values() for f in files} <= set(every_file)
    for file in every_file:
        assert token not in file.read_text(errors="replace"), file
    log_text = diagnostics.log_file.read_text()
    assert (
        "Unexpected error (crash report:" in log_text and "Retrying PATCH" in log_text
    )  # it says what happened
    assert "RuntimeError: a bug in a slot" in written["crash report"][0].read_text()
    assert len(transport.injected) >= 6 and {i.fault for i in transport.injected} == set(Fault)
    records = "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records)
    assert caplog.records and token not in records
    forget_the_deliberate_crash(caplog)


def edit_failing_then_saving(app: EditHarness, transport: FaultTransport) -> None:
    """A save meets 500s (after the server did the work), then a broken answer to its conflict check;
    the edit stays; the third save finds it stored."""
    pane = app.pane
    contact = app.select_row(app.row_of(lambda c: c.first_name == "Ada"))
    type_into(app, "last_name", "Lovelace")
    transport.fail(Fault.SERVER_ERROR, "PATCH", "/contacts/[0-9a-f-]+", times=3)
    app.save()
    app.wait_saved()
    assert pane.error.text().startswith("Not saved: The server failed (500).")
    transport.fail(Fault.MALFORMED_JSON, "GET", "/contacts/[0-9a-f-]+")
    app.save()
    app.wait_saved()
    assert pane.error.text().startswith("Not saved: The server's answer was not valid JSON")
    app.save()
    app.wait_saved()
    assert pane.status.text() == "Saved." and app.stored(contact.uuid).last_name == "Lovelace"


def load_failing_then_retried(app: EditHarness, transport: FaultTransport) -> None:
    """F5 meets a refused connection, a timeout and a long 429; Retry loads the rows."""
    banner = app.window.banner
    for fault in (Fault.REFUSED, Fault.TIMEOUT):
        transport.fail(fault, "GET", "/contacts", times=3)
    transport.fail(Fault.RATE_LIMITED, "GET", "/contacts", retry_after="600")
    for _attempt in range(3):
        app.press(Qt.Key.Key_F5)
        app.qtbot.waitUntil(banner.isVisible, timeout=10_000)
        banner.dismiss()
    qtbot_click(app, banner.retry_button) if banner.isVisible() else app.press(Qt.Key.Key_F5)
    app.qtbot.waitUntil(lambda: app.model.contact_at(0) is not None, timeout=10_000)


def import_failing_then_finished(app: EditHarness, transport: FaultTransport, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("Email,First name\ndee@example.com,Dee\neve@example.com,Eve\n")
    transport.fail(Fault.CUT_SHORT, "POST", "/contacts/bulk")
    wizard = app.session.importer.open_wizard(source)
    qtbot = app.qtbot
    qtbot.waitUntil(lambda: wizard.workspace_loaded and wizard.file_page.isComplete())
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    qtbot.waitUntil(wizard.check_page.isComplete)
    next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)
    page = wizard.run_page
    qtbot.waitUntil(page.retry_button.isVisible, timeout=10_000)
    qtbot_click(app, page.retry_button)
    qtbot.waitUntil(page.isComplete, timeout=10_000)
    assert page.status_label.text() == "Done."
    wizard.close()


def export_failing_then_written(app: EditHarness, transport: FaultTransport, target: Path) -> None:
    target.parent.mkdir()
    transport.fail(Fault.CUT_SHORT, "GET", "/contacts", times=3)
    for expected in ("The export failed and no file was written:", "Exported 5 contacts"):
        dialog = app.session.importer.open_export()
        dialog.path_edit.setText(str(target))
        dialog.all_radio.setChecked(True)
        qtbot_click(app, dialog.export_button)
        app.qtbot.waitUntil(lambda dialog=dialog: not dialog.running, timeout=10_000)
        assert dialog.status_label.text().startswith(expected)
        dialog.close()


def a_bug_in_a_slot() -> None:
    raise RuntimeError("a bug in a slot")


def qtbot_click(app: EditHarness, button) -> None:
    app.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_log_file_and_crash_reports_mask_a_bearer_value_that_reaches_them(tmp_path, qtbot, caplog):
    """The second line of defence: were a header ever logged or raised, its value would not be written."""
    diagnostics = Diagnostics(tmp_path)
    secret = "cdk_" + "s" * 43
    with qtbot.capture_exceptions() as crashes:
        diagnostics.install()
        try:
            logging.getLogger("app.api").warning("sent {'authorization': 'Bearer %s'}", secret)
            QTimer.singleShot(0, lambda: raise_with(f"Authorization: Bearer {secret}"))
            qtbot.waitUntil(lambda: bool(crashes))
        finally:
            diagnostics.uninstall()
    [report] = diagnostics.crash_dir.glob("crash-*.txt")
    for text in (diagnostics.log_file.read_text(), report.read_text()):
        assert secret not in text and "Bearer [redacted]" in text
    forget_the_deliberate_crash(caplog)


def forget_the_deliberate_crash(caplog) -> None:
    """The crash a test caused on purpose was logged as critical: expected, so no reason to fail it."""
    caplog.records[:] = [r for r in caplog.records if r.name != "app.ui.diagnostics"]


def raise_with(message: str) -> None:
    raise RuntimeError(message)
