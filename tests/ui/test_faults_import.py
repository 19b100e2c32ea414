"""The import wizard when the network or the server fails mid-import (issue 12): the journal keeps
what was done, the wizard says why it stopped, and trying again (or resuming from the Imports screen)
finishes the file with every row imported once."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from app.server.db import Database
from app.ui.data_dir import DATA_DIR_ENV
from app.ui.importer import ImportsPage, ImportWizard
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import new_workspace
from tests.ui.faults import Fault, FaultyHarness, faulty_session
from tests.ui.test_faults_table import SAID
from tests.ui.test_import_wizard import menu_action, next_page

BULK = "/contacts/bulk"
STATUS = "/contacts/bulk/[0-9a-f-]+"
ROWS = 1100  # two batches: 1,000 and 100
SEEDED = 5


@pytest.fixture
def app(qtbot, run, api_server: LoopbackServer, workspace_db: Database, tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    with faulty_session(qtbot, run, api_server, new_workspace(workspace_db, SEEDED)) as harness:
        yield harness


@pytest.fixture
def source(tmp_path) -> Path:
    path = tmp_path / "people.csv"
    with path.open("w", newline="") as file:
        csv.writer(file).writerows(
            [["Email", "First name"], *([f"p{i}@import.example", f"P{i}"] for i in range(ROWS))]
        )
    return path


def start_import(app: FaultyHarness, source: Path) -> ImportWizard:
    """The wizard on ``source``, every page as proposed (match on email), then Import."""
    qtbot = app.qtbot
    wizard = app.session.importer.open_wizard(source)
    qtbot.waitUntil(lambda: wizard.workspace_loaded and wizard.file_page.isComplete())
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.options_page.match_combo.currentText() == "Email"
    next_page(qtbot, wizard)
    qtbot.waitUntil(wizard.check_page.isComplete)
    next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)
    return wizard


def journal_on_disk(tmp_path: Path) -> dict:
    [path] = (tmp_path / "data" / "imports").rglob("*.json")
    return json.loads(path.read_text())


def imported_once(app: FaultyHarness) -> bool:
    """Every row of the file is a contact, and none is there twice."""
    contacts = app.run(app.api.contacts.list(limit=100).all())
    emails = [c.email for c in contacts if c.email and c.email.endswith("@import.example")]
    return len(emails) == len(set(emails)) == ROWS and len(contacts) == SEEDED + ROWS


@pytest.mark.parametrize("fault", list(Fault))
def test_a_batch_that_fails_stops_the_import_and_trying_again_finishes_it_once(
    app: FaultyHarness, qtbot, source, tmp_path, fault
):
    app.transport.fail(fault, "POST", BULK, after=1, times=3, retry_after="0")
    wizard = start_import(app, source)
    page = wizard.run_page
    qtbot.waitUntil(page.retry_button.isVisible, timeout=20_000)
    host = app.session.connection.label
    assert page.status_label.text() == (
        f"The import stopped: {SAID[fault].format(host=host)} You can try again now or resume it later."
    )
    journal = journal_on_disk(tmp_path)
    assert journal["status"] == "interrupted"
    first, second = journal["batches"]
    assert first["contact_import_uuid"] and first["state"] in ("accepted", "finished")
    # refused: certainly not imported; sending: the request may have imported it (its answer was lost)
    assert second["state"] == ("sending" if fault.reaches_server else "refused")
    assert page.progress.value() <= 1000

    app.transport.heal()
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.isComplete, timeout=20_000)
    assert page.status_label.text() == "Done."
    assert page.progress.value() == page.progress.maximum() == ROWS
    assert journal_on_disk(tmp_path)["status"] == "completed"
    # Matched on email, so sending a batch of unknown outcome again updates instead of creating twins.
    assert app.transport.reached_server("POST", BULK) == (3 if fault.reaches_server else 2)
    assert imported_once(app)


def test_an_import_whose_progress_cannot_be_read_resumes_from_the_imports_screen(
    app: FaultyHarness, qtbot, source, tmp_path
):
    app.transport.fail(Fault.TIMEOUT, "GET", STATUS, times=3)
    wizard = start_import(app, source)
    page = wizard.run_page
    qtbot.waitUntil(page.retry_button.isVisible, timeout=20_000)
    host = app.session.connection.label
    assert page.status_label.text().startswith(f"The import stopped: {host} did not answer in time.")
    wizard.close()
    qtbot.waitUntil(lambda: not wizard.isVisible())

    app.transport.heal()
    menu_action(app.window, "&View", "I&mports").trigger()
    screen = app.window.pages.currentWidget()
    assert isinstance(screen, ImportsPage)
    assert screen.table.item(0, 2).text() == (
        f"Interrupted — can be resumed: {host} did not answer in time. Try again in a moment."
    )
    qtbot.mouseClick(screen.resume_button, Qt.MouseButton.LeftButton)
    [resumed] = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportWizard) and w.isVisible()]
    assert resumed.currentId() == ImportWizard.RUN
    qtbot.waitUntil(resumed.run_page.isComplete, timeout=20_000)
    assert resumed.run_page.status_label.text() == "Done."
    assert app.transport.reached_server("POST", BULK) == 2  # accepted batches are followed, never sent again
    assert imported_once(app)
    screen.refresh()
    assert screen.table.item(0, 2).text() == "Completed"


def test_passing_faults_during_an_import_are_retried_without_the_user(app: FaultyHarness, qtbot, source):
    app.transport.fail(Fault.RATE_LIMITED, "POST", BULK, after=1, retry_after="0")  # refused unprocessed
    app.transport.fail(Fault.SERVER_ERROR, "GET", STATUS)
    app.transport.fail(Fault.CUT_SHORT, "GET", STATUS, after=1)
    wizard = start_import(app, source)
    qtbot.waitUntil(wizard.run_page.isComplete, timeout=20_000)
    assert wizard.run_page.status_label.text() == "Done."
    assert len(app.transport.injected) == 3
    assert app.transport.reached_server("POST", BULK) == 2
    assert imported_once(app)
