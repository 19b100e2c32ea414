"""The import wizard, the Imports screen and the export dialog, driven through their widgets against
a real server (a fresh workspace per test)."""

from __future__ import annotations

import csv
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard

from app.api import CueDeskClient
from app.server.db import Database
from app.ui.data_dir import DATA_DIR_ENV
from app.ui.importer import ImportsPage, ImportWizard
from app.ui.session import AppSession
from tests.conftest import make_token
from tests.ui.conftest import LoopbackServer, RecordingTransport, remote_session


@dataclass
class Workspace:
    session: AppSession
    api: CueDeskClient  # a separate client, to look at the server

    @property
    def window(self):
        return self.session.window


@pytest.fixture
def workspace(qtbot, run, database: Database, tmp_path, monkeypatch) -> Iterator[Workspace]:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    token = make_token(database)
    server = LoopbackServer(database, socket.create_server(("127.0.0.1", 0))).start()
    session = remote_session(server.base_url, token, RecordingTransport())
    qtbot.addWidget(session.window)
    session.start()
    api = CueDeskClient(server.base_url, token=token)
    yield Workspace(session, api)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ImportWizard):
            widget.run_page.stop()
    session.window.close()
    run(session.shutdown())
    run(api.aclose())
    server.stop()


def menu_action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    return next(a for a in menu.actions() if a.text() == text)


def open_wizard(qtbot, window) -> ImportWizard:
    menu_action(window, "&File", "&Import CSV…").trigger()
    wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportWizard) and w.isVisible())
    qtbot.waitUntil(lambda: wizard.workspace_loaded)
    return wizard


def next_page(qtbot, wizard: QWizard, button=QWizard.WizardButton.NextButton) -> None:
    qtbot.waitUntil(
        lambda: wizard.button(button).isEnabled() and wizard.button(button).isVisible(), timeout=20_000
    )
    qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)


def combo_texts(wizard: ImportWizard) -> dict[str, str]:
    page = wizard.mapping_page
    return {
        page.table.item(row, 0).text(): page.combo(row).currentText() for row in range(page.table.rowCount())
    }


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_a_small_file_goes_through_every_page_of_the_wizard(workspace, qtbot, run, tmp_path, monkeypatch):
    api = workspace.api
    run(
        api.custom_fields.create(
            name="Plan", field_type="select", field_key="plan", select_options=["Free", "Pro"]
        )
    )
    existing = run(api.contacts.create(email="ann@example.com", first_name="Ann", last_name="Old"))
    source = tmp_path / "people.csv"
    source.write_text(
        "Given name;Surname;E-mail;Company;Plan\n"
        "Ann;Lee;ann@example.com;ACME;pro\n"
        "Bob;Stone;bob@example.com;ACME;Free\n"
        "Cy;;;Initech;Pro\n"  # no identifier
        "Di;Ray;di@example.com;Globex;Gold\n",  # not an option of Plan
        encoding="cp1252",
    )

    wizard = open_wizard(qtbot, workspace.window)
    qtbot.keyClicks(wizard.file_page.path_edit, str(source))
    qtbot.keyClick(wizard.file_page.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(wizard.file_page.isComplete)
    assert wizard.file_page.detected_label.text() == "Detected: UTF-8, semicolon ( ; )."
    assert wizard.file_page.preview_table.rowCount() == 4
    assert wizard.file_page.preview_table.item(1, 0).text() == "Bob"

    next_page(qtbot, wizard)
    assert combo_texts(wizard) == {
        "Given name": "First name",
        "Surname": "Last name",
        "E-mail": "Email",
        "Company": "Ignore",
        "Plan": "Plan (custom: plan)",
    }
    assert wizard.mapping_page.unmapped_label.text() == "Not imported (1): Company"
    email_row = 2
    wizard.mapping_page.combo(email_row).setCurrentIndex(0)  # Ignore: no identifier left
    assert "Map at least one identifier" in wizard.mapping_page.problem_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    combo = wizard.mapping_page.combo(email_row)
    combo.setCurrentIndex(combo.findData("contact:email"))

    next_page(qtbot, wizard)
    options = wizard.options_page
    assert options.match_combo.currentText() == "Email"  # the mapped identifier, against twins
    assert "Matched rows update the contact" in options.merge_help.text()
    options.merge_combo.setCurrentIndex(options.merge_combo.findData("create"))
    assert "Matched rows are skipped" in options.merge_help.text()
    options.merge_combo.setCurrentIndex(options.merge_combo.findData("create_or_update"))
    options.list_combo.setCurrentIndex(options.list_combo.findData("new"))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the new list needs a name
    qtbot.keyClicks(options.new_list_edit, "Spring fair")

    next_page(qtbot, wizard)
    check = wizard.check_page
    qtbot.waitUntil(check.isComplete)
    assert check.summary_label.text() == (
        "4 rows read: 2 rows will be sent; 2 rows will not be imported "
        "(no identifier: 1, value not accepted: 1), listed below."
    )
    assert check.problems.rowCount() == 2
    assert [check.problems.problem(r).row for r in range(2)] == [4, 5]

    next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)  # "Import"
    qtbot.waitUntil(wizard.run_page.isComplete, timeout=20_000)
    assert wizard.run_page.progress.value() == wizard.run_page.progress.maximum() == 2
    assert wizard.run_page.counts_label.text().startswith(
        "2 of 2 rows done · 2 created or updated · 0 failed"
    )
    assert wizard.run_page.status_label.text() == "Done."

    next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)  # "Show report"
    report = wizard.report_page
    assert report.summary_label.text() == "4 rows: 2 created or updated, 2 left out by the check."
    assert report.batches.rowCount() == 1 and report.batches.item(0, 1).text() == "2–3"
    saved = tmp_path / "failures.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(saved), ""))
    qtbot.mouseClick(report.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: saved.exists() and report.saved_label.text().startswith("Saved"))
    with saved.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file, delimiter=";"))
    assert lines[0] == ["Given name", "Surname", "E-mail", "Company", "Plan", "Row", "Reason"]
    assert [line[0] for line in lines[1:]] == ["Cy", "Di"]
    assert lines[2][-1] == "Plan: the value has no option 'Gold' (options: Free, Pro)."

    after = {c.email: c for c in run(api.contacts.list(limit=100).all())}
    assert after["ann@example.com"].uuid == existing.uuid and after["ann@example.com"].last_name == "Lee"
    assert after["bob@example.com"].custom_fields == {"plan": "Free"}
    assert set(after) == {"ann@example.com", "bob@example.com"}
    [spring] = run(api.contact_lists.list().all())
    assert spring.name == "Spring fair"
    members = run(api.contact_lists.contacts(spring.uuid).all())
    assert {m.email for m in members} == {"ann@example.com", "bob@example.com"}
    next_page(qtbot, wizard, QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_a_file_dropped_on_the_window_opens_the_wizard_on_it(workspace, qtbot, tmp_path):
    source = tmp_path / "dropped.csv"
    source.write_text("Email\na@example.com\n")
    window = workspace.window
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(source))])
    enter = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)  # a real drag runs a nested loop offscreen tests cannot drive
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert drop.isAccepted()
    wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportWizard) and w.isVisible())
    qtbot.waitUntil(wizard.file_page.isComplete)
    assert wizard.file_page.path_edit.text() == str(source)
    assert wizard.file_page.preview_table.item(0, 0).text() == "a@example.com"


def test_a_stopped_import_is_listed_on_the_imports_screen_and_resumes(workspace, qtbot, run, tmp_path):
    rows = 4500  # five batches: up to three go out ahead of the one being imported; stopping leaves some
    source = tmp_path / "many.csv"
    with source.open("w", newline="") as file:
        csv.writer(file).writerows(
            [["Email", "First name"], *([f"p{i}@example.com", f"P{i}"] for i in range(rows))]
        )
    wizard = open_wizard(qtbot, workspace.window)
    wizard.open_file(source)
    qtbot.waitUntil(wizard.file_page.isComplete)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    qtbot.waitUntil(wizard.check_page.isComplete)
    next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(
        lambda: wizard.draft.journal is not None and wizard.draft.journal.batches[0].contact_import_uuid
    )
    wizard.close()  # closing while batches are sent: stops after the current batch, stays open meanwhile
    assert wizard.isVisible()
    qtbot.waitUntil(wizard.run_page.isComplete, timeout=20_000)
    assert "Stopped after the current batch" in wizard.run_page.status_label.text()
    sent = run(api_total(workspace.api))
    assert sent % 1000 == 0 and 0 < sent < rows  # the batches already sent finish; no other is sent

    menu_action(workspace.window, "&View", "I&mports").trigger()
    screen = workspace.window.pages.currentWidget()
    assert isinstance(screen, ImportsPage) and screen.isVisible()
    assert workspace.window.pages.current_key == "imports"
    assert screen.table.rowCount() == 1
    assert screen.table.item(0, 1).text() == "many.csv"
    assert screen.table.item(0, 2).text() == "Stopped — can be resumed"
    assert screen.table.item(0, 3).text() == f"4,500 rows: {sent:,} created or updated"
    assert screen.resume_button.isEnabled()

    qtbot.mouseClick(screen.resume_button, Qt.MouseButton.LeftButton)
    resumed = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ImportWizard) and w.isVisible() and w is not wizard
    )
    assert resumed.currentId() == ImportWizard.RUN
    qtbot.waitUntil(resumed.run_page.isComplete, timeout=30_000)
    assert run(api_total(workspace.api)) == rows
    screen.refresh()
    assert screen.table.item(0, 2).text() == "Completed"
    assert not screen.resume_button.isEnabled()


async def api_total(api: CueDeskClient) -> int:
    return (await api.contacts.list(limit=1)).total


def test_the_export_dialog_writes_the_view_with_all_fields(workspace, qtbot, run, tmp_path):
    api = workspace.api
    run(api.custom_fields.create(name="Seats", field_type="number:integer", field_key="seats"))
    for i in range(3):
        run(api.contacts.create(email=f"e{i}@example.com", first_name=f"E{i}", custom_fields={"seats": i}))
    menu_action(workspace.window, "&File", "&Export…").trigger()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "exportDialog" and w.isVisible()
    )
    target = tmp_path / "everyone.csv"
    assert not dialog.export_button.isEnabled()
    qtbot.keyClicks(dialog.path_edit, str(target))
    dialog.all_radio.setChecked(True)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith("Exported"))
    assert dialog.status_label.text() == f"Exported 3 contacts to {target}."
    lines = read_csv(target)
    assert lines[0][:4] == ["UUID", "First name", "Last name", "Email"] and "Seats" in lines[0]
    seats = lines[0].index("Seats")
    assert sorted((line[1], line[seats]) for line in lines[1:]) == [("E0", "0"), ("E1", "1"), ("E2", "2")]


def test_export_takes_the_current_view_and_its_visible_columns(workspace, qtbot, run, tmp_path):
    api = workspace.api
    run(api.custom_fields.create(name="Seats", field_type="number:integer", field_key="seats"))
    for i in range(3):
        run(api.contacts.create(email=f"e{i}@example.com", first_name=f"E{i}", custom_fields={"seats": i}))
    run(api.contacts.create(email="someone@elsewhere.org", first_name="Other"))
    window = workspace.window
    menu_action(window, "&View", "&Reload").trigger()  # F5: the new custom field becomes a column to choose

    def seats_shown() -> bool:
        window.table.show_column("cf:seats")
        return "cf:seats" in window.table.visible_keys()

    qtbot.waitUntil(seats_shown, timeout=5_000)
    window.table.hide_column("phone_number")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "example.com")
    qtbot.waitUntil(lambda: "matches" in window.total_label.text(), timeout=5_000)

    menu_action(window, "&File", "&Export…").trigger()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "exportDialog" and w.isVisible()
    )
    assert dialog.source.title == "Search results"
    target = tmp_path / "matches.csv"
    qtbot.keyClicks(dialog.path_edit, str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith("Exported"))
    lines = read_csv(target)
    assert "Seats" in lines[0] and "Phone number" not in lines[0]
    assert lines[0].index("Seats") == window.table.visible_keys().index("cf:seats")
    assert sorted(line[lines[0].index("First name")] for line in lines[1:]) == ["E0", "E1", "E2"]


class LosingTransport(RecordingTransport):
    """Loses the answer of the first Bulk Create (the server did the work)."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        if is_bulk_post(request) and sum(map(is_bulk_post, self.requests)) == 1:
            await response.aread()
            raise httpx.ReadTimeout("timed out", request=request)
        return response


def is_bulk_post(request: httpx.Request) -> bool:
    return request.method == "POST" and request.url.path.endswith("/contacts/bulk")


def test_a_batch_whose_answer_was_lost_is_the_users_decision(qtbot, run, database, tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    token = make_token(database)
    server = LoopbackServer(database, socket.create_server(("127.0.0.1", 0))).start()
    session = remote_session(server.base_url, token, LosingTransport(), max_retries=0)
    qtbot.addWidget(session.window)
    session.start()
    api = CueDeskClient(server.base_url, token=token)
    try:
        source = tmp_path / "people.csv"
        with source.open("w", newline="") as file:
            csv.writer(file).writerows([["Email"], *([f"p{i}@example.com"] for i in range(1500))])
        wizard = session.importer.open_wizard(source)
        qtbot.waitUntil(lambda: wizard.workspace_loaded and wizard.file_page.isComplete())
        next_page(qtbot, wizard)
        next_page(qtbot, wizard)
        wizard.options_page.match_combo.setCurrentIndex(0)  # don't match: a second request would create twins
        next_page(qtbot, wizard)
        qtbot.waitUntil(wizard.check_page.isComplete)
        next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)

        page = wizard.run_page
        qtbot.waitUntil(page.retry_button.isVisible, timeout=20_000)
        assert page.status_label.text().startswith("The import stopped:")
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(page.decision.isVisible, timeout=20_000)
        assert "Rows 2–1,001 were sent but no answer arrived" in page.decision_label.text()
        qtbot.mouseClick(page.skip_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(page.isComplete, timeout=20_000)

        assert run(api_total(api)) == 1500  # the lost request had imported its rows; none twice
        next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)
        summary = wizard.report_page.summary_label.text()
        assert summary == "1,500 rows: 500 created or updated, 1,000 not sent."
        assert wizard.report_page.save_button.text() == "Save failure file (1,000 rows)…"
    finally:
        session.window.close()
        run(session.shutdown())
        run(api.aclose())
        server.stop()
