"""Custom field values edited through a widget per field type, against the real server."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from app.server.db import Database
from app.ui.field_editors import (
    MASK,
    CheckboxEditor,
    DateEditor,
    DateTimeEditor,
    MultiSelectEditor,
    NumberEditor,
    ReadOnlyEditor,
    SelectEditor,
    TextEditor,
    TimeEditor,
)
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import EditHarness, editing_session, new_workspace


@pytest.fixture
def editor(qtbot, run, api_server: LoopbackServer, workspace_db: Database):
    with editing_session(qtbot, run, api_server, new_workspace(workspace_db)) as harness:
        yield harness


def retype(harness: EditHarness, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    harness.qtbot.keyClick(line, Qt.Key.Key_Delete)
    harness.qtbot.keyClicks(line, text)


def test_every_field_type_is_edited_with_its_widget_and_stored_as_its_type(editor: EditHarness, qtbot):
    pane = editor.pane
    contact = editor.select_row(editor.row_of(lambda c: c.custom_fields.get("is_verified") is not None))
    editor.open_tab("custom_fields")
    editors = pane.custom_fields.editors
    kinds = {key: type(e) for key, e in editors.items()}
    assert kinds == {
        "date_of_birth": DateEditor,
        "subscription": SelectEditor,
        "is_verified": CheckboxEditor,
        "num_seats": NumberEditor,
        "lifetime_value": NumberEditor,
        "discount": NumberEditor,
        "interests": MultiSelectEditor,
        "last_purchase_at": DateTimeEditor,
        "best_call_time": TimeEditor,
        "follow_up": TextEditor,
        "account_manager": TextEditor,
        "company": TextEditor,
        "tax_id": TextEditor,
    }

    retype(editor, editors["company"].input, "Initech Labs")  # text
    retype(editor, editors["num_seats"].spin.lineEdit(), "9007199254740993")  # beyond a 32-bit spin box
    editors["num_seats"].spin.stepBy(1)  # the arrow key / spin button
    retype(editor, editors["lifetime_value"].spin.lineEdit(), "1234.56")
    retype(editor, editors["discount"].spin.lineEdit(), "12.5")
    verified = editors["is_verified"].input
    assert isinstance(verified, QCheckBox)
    was_verified = contact.custom_fields["is_verified"]
    verified.setFocus()
    qtbot.keyClick(verified, Qt.Key.Key_Space)
    for key in ("date_of_birth", "last_purchase_at", "best_call_time"):
        if editors[key].value() is None:  # "Not set": the Set button gives it a value first
            qtbot.mouseClick(editors[key].set_button, Qt.MouseButton.LeftButton)
    editors["date_of_birth"].picker.setDate(QDate(1990, 1, 15))
    local_moment = QDateTime(QDate(2025, 6, 1), QTime(14, 30))
    editors["last_purchase_at"].picker.setDateTime(local_moment)
    editors["best_call_time"].picker.setTime(QTime(9, 45))
    combo = editors["subscription"].input
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "—",
        "Free",
        "Startup",
        "Business",
        "Enterprise",
    ]
    combo.setCurrentIndex(combo.findText("Enterprise"))
    interests = editors["interests"]
    for label in ("Product news", "Webinars", "Case studies", "Partnerships", "Events", "Beta features"):
        interests.set_checked(label, label in ("Webinars", "Events"))
    retype(editor, editors["account_manager"].input, "anna@example.com")
    assert editors["account_manager"].input.placeholderText() == "User uuid or email"
    retype(editor, editors["follow_up"].input, "+2w")
    assert editors["follow_up"].input.placeholderText().startswith("e.g. +3d")
    assert pane.is_dirty()

    mark = editor.mark()
    editor.save()
    editor.wait_saved()
    assert [m for m, _path in editor.requests_since(mark)] == ["GET", "PATCH"]
    sent = json.loads(editor.transport.requests[-1].content)
    assert set(sent) == {"custom_fields"}  # the Details tab was not touched
    stored = editor.run(editor.api.contact_custom_fields.list(contact.uuid))
    expected_moment = datetime(2025, 6, 1, 14, 30).astimezone().astimezone(UTC)
    assert {key: stored.get(key) for key in editors if key != "tax_id"} == {
        "company": "Initech Labs",
        "num_seats": 9007199254740994,
        "lifetime_value": 1234.56,
        "discount": 12.5,
        "is_verified": not was_verified,
        "date_of_birth": "1990-01-15",
        "last_purchase_at": expected_moment.isoformat().replace("+00:00", "Z"),
        "best_call_time": "09:45",
        "subscription": "Enterprise",
        "interests": ["Webinars", "Events"],
        "account_manager": "anna@example.com",
        "follow_up": "+2w",
    }
    assert not pane.is_dirty()
    # The saved values are shown again as stored (e.g. the date-time in local time, unmodified).
    assert editors["last_purchase_at"].picker.dateTime() == local_moment
    assert not any(e.is_modified() for e in editors.values())


def test_clear_sets_a_value_to_null(editor: EditHarness, qtbot):
    pane = editor.pane
    contact = editor.select_row(
        editor.row_of(lambda c: "num_seats" in c.custom_fields and "company" in c.custom_fields)
    )
    editor.open_tab("custom_fields")
    for key in ("num_seats", "company"):
        qtbot.mouseClick(pane.custom_fields.editors[key].clear_button, Qt.MouseButton.LeftButton)
    assert pane.custom_fields.changes() == {"num_seats": None, "company": None}
    editor.save()
    editor.wait_saved()
    stored = editor.stored(contact.uuid).custom_fields
    assert "num_seats" not in stored and "company" not in stored
    assert stored.keys() == contact.custom_fields.keys() - {"num_seats", "company"}
    assert pane.custom_fields.editors["num_seats"].spin.text() == ""  # shown empty ("Not set")


def test_read_only_sensitive_and_archived_option_values(editor: EditHarness, qtbot, run):
    api = editor.api
    row = editor.row_of(lambda c: "subscription" in c.custom_fields)
    contact = editor.model.contact_at(row)
    held = contact.custom_fields["subscription"]
    editor.select_row(row)
    editor.open_tab("custom_fields")  # definitions loaded once; they change below
    score = run(api.custom_fields.create(name="Risk score", field_type="number:integer", editable=False))
    run(api.contact_custom_fields.update(contact.uuid, {"risk_score": 87, "tax_id": "DE-123456789"}))
    subscription = next(
        d for d in run(api.custom_fields.list(limit=100).all()) if d.field_key == "subscription"
    )
    remaining = [o.display_label for o in subscription.select_options if o.display_label != held]
    run(
        api.custom_fields.update(
            subscription.uuid,
            name=subscription.name,
            field_type="select",
            editable=True,
            sensitive=False,
            icon=subscription.icon,
            select_options=remaining,
        )
    )
    editor.press(Qt.Key.Key_F5)  # the table and the definitions load again
    qtbot.waitUntil(lambda: editor.model.contact_at(row) is not None)
    editor.select_row(row)
    editor.open_tab("custom_fields")
    qtbot.waitUntil(lambda: score.field_key in editor.pane.custom_fields.editors)
    editors = editor.pane.custom_fields.editors

    risk = editors[score.field_key]
    assert isinstance(risk, ReadOnlyEditor) and risk.input.isReadOnly() and risk.input.text() == "87"
    assert not risk.clear_button.isVisibleTo(risk)

    tax = editors["tax_id"]
    assert tax.masked and not tax.input.isVisibleTo(tax)
    shown = [w.text() for w in tax.findChildren(QLabel) if w.isVisibleTo(tax)]
    assert MASK in shown and not any("DE-123456789" in text for text in shown)
    qtbot.mouseClick(tax.show_button, Qt.MouseButton.LeftButton)
    assert not tax.masked and tax.input.isVisibleTo(tax) and tax.input.text() == "DE-123456789"
    assert not tax.is_modified()

    combo = editors["subscription"].input
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == f"{held} (archived)" and combo.currentData() == held
    assert [combo.itemText(i) for i in range(1, combo.count() - 1)] == remaining  # only active ones to choose
    assert not editors["subscription"].is_modified()
