""" "Show request" and "Paste request" against the real server: the exact body, copied and loaded back;
invalid input is refused with a clear message and leaves the builder as it was."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.ui.search_builder.value_editors import DateInput
from tests.ui.browse_support import loaded_rows
from tests.ui.search_builder_support import (  # noqa: F401 - quick_type_ahead is an autouse fixture
    add_filter,
    choose,
    open_builder,
    quick_type_ahead,
    request_shown,
    searched,
)

BUILT = {
    "search_term": "a",
    "advanced_search": [
        {"field": "email", "operator": "contains", "value": "example"},
        {"field": "num_seats", "operator": "range", "value": ["10", "500"], "data_type": "long"},
        {"field": "date_of_birth", "operator": "lt", "value": "1990-01-01", "data_type": "date"},
        {"field": "is_verified", "operator": "equals", "value": "true", "data_type": "boolean"},
    ],
    "sort_by": {"field": "lifetime_value", "sort_order": "desc", "data_type": "double"},
}


def row_widgets(panel) -> list[tuple]:
    """What each row shows: field, data type (if shown), operator, values."""
    return [
        (
            row.field_picker.currentText(),
            row.type_picker.currentText() if row.type_picker.isVisibleTo(row) else None,
            row.operator_picker.currentText(),
            row.value_editor.values(),
        )
        for row in panel.rows
    ]


def open_paste(qtbot, session):
    qtbot.mouseClick(session.window.search_builder.paste_request_button, Qt.MouseButton.LeftButton)
    dialog = session.search_builder.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(dialog.isActiveWindow)  # keys reach it from then on, as for a user
    return dialog


def test_show_request_copies_the_body_and_paste_request_loads_it_back(browser, qtbot):
    session, window = browser.session, browser.window
    panel = open_builder(qtbot, window)
    qtbot.keyClicks(panel.term_box, "a")
    add_filter(qtbot, panel, "Email", "contains", ["example"])
    add_filter(qtbot, panel, "Seats", "is between", ["10", "500"])
    add_filter(qtbot, panel, "Date of birth", "is before", ["1990-01-01"])
    add_filter(qtbot, panel, "Verified", "equals", ["true"])
    choose(qtbot, panel.sort_picker.field_picker, "Lifetime value")
    choose(qtbot, panel.sort_picker.direction, "descending")
    searched(qtbot, browser, BUILT)
    shown_before = [c.uuid for c in loaded_rows(qtbot, browser.model)]
    widgets_before = row_widgets(panel)

    qtbot.mouseClick(panel.show_request_button, Qt.MouseButton.LeftButton)
    dialog = session.search_builder.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.text.isReadOnly() and json.loads(dialog.text.toPlainText()) == BUILT
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.text.toPlainText()
    assert dialog.copy_button.text() == "Copied"
    dialog.reject()

    for row in panel.rows:  # start again from nothing
        qtbot.mouseClick(row.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.search_box, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    choose(qtbot, panel.sort_picker.field_picker, "Default order")
    qtbot.waitUntil(lambda: not browser.session.search.is_active and panel.sort_by() is None)

    paste = open_paste(qtbot, session)
    assert json.loads(paste.text.toPlainText()) == BUILT  # the clipboard's text, ready to load
    qtbot.mouseClick(paste.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not paste.isVisible())
    assert row_widgets(panel) == widgets_before
    assert panel.term_box.text() == window.search_box.text() == "a"
    assert panel.sort_picker.field_picker.currentText() == "Lifetime value (lifetime_value)"
    assert panel.sort_picker.direction.currentText() == "descending"
    searched(qtbot, browser, BUILT)
    assert [c.uuid for c in loaded_rows(qtbot, browser.model)] == shown_before
    assert request_shown(qtbot, session) == BUILT


def test_a_pasted_reference_example_fills_the_widgets(browser, qtbot):
    panel = open_builder(qtbot, browser.window)
    paste = open_paste(qtbot, browser.session)
    paste.text.setPlainText(  # the reference's example, camelCase as the API also accepts
        '{"advancedSearch": [{"field": "email", "operator": "contains", "value": "@example.com"},'
        ' {"field": "num_seats", "operator": "gte", "value": 100, "dataType": "long"},'
        ' {"field": "last_purchase_at", "operator": "gt", "value": "2025-06-01T12:30:00Z", "dataType": "date"}],'
        ' "sortBy": {"field": "created_at", "sortOrder": "desc"}}'
    )
    qtbot.mouseClick(paste.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not paste.isVisible())
    assert row_widgets(panel) == [
        ("Email (email)", None, "contains", ("@example.com",)),
        ("Seats (num_seats)", "long", "is at least", ("100",)),
        ("Last purchase (last_purchase_at)", "date", "is after", ("2025-06-01T12:30:00Z",)),
    ]
    assert isinstance(panel.rows[2].value_editor.inputs[0], DateInput)
    body = {
        "advanced_search": [
            {"field": "email", "operator": "contains", "value": "@example.com"},
            {"field": "num_seats", "operator": "gte", "value": "100", "data_type": "long"},
            {
                "field": "last_purchase_at",
                "operator": "gt",
                "value": "2025-06-01T12:30:00Z",
                "data_type": "date",
            },
        ],
        "sort_by": {"field": "created_at", "sort_order": "desc"},
    }
    searched(qtbot, browser, body)  # values as strings, snake_case, as the builder always sends them


INVALID = {
    "not JSON": ('{"search_term": "john"', "This is not JSON: Expecting ',' delimiter (line 1, column 23)."),
    "not an object": ('["john"]', 'A Search Contacts body is a JSON object, e.g. {"search_term": "john"}.'),
    "an operator the data type does not take": (
        '{"advanced_search": [{"field": "num_seats", "operator": "contains", "value": "1", "data_type": "long"}]}',
        "• advanced_search.0.operator: Operator 'contains' cannot be used with data type 'long' (field 'num_seats').",
    ),
    "a range without two values": (
        '{"advanced_search": [{"field": "email", "operator": "range", "value": "a"}]}',
        "• advanced_search.0.value: Operator 'range' needs a value of the form [min, max].",
    ),
    "an unknown member": ('{"search_term": "a", "limit": 5}', "• limit: Extra inputs are not permitted"),
    "a field the workspace does not have": (
        '{"advanced_search": [{"field": "email", "operator": "exists"}, {"field": "nope", "operator": "exists"}]}',
        "• advanced_search.1.field: “nope” is neither a contact field nor a custom field of this workspace.",
    ),
    "nothing": ("  ", 'Paste a Search Contacts body, e.g. {"search_term": "john"}.'),
}


@pytest.mark.parametrize("case", INVALID.values(), ids=INVALID.keys())
def test_invalid_input_gets_a_clear_message_and_the_builder_is_unchanged(browser, qtbot, case):
    text, message = case
    session = browser.session
    panel = open_builder(qtbot, browser.window)
    qtbot.keyClicks(panel.term_box, "a")
    add_filter(qtbot, panel, "Seats", "is at least", ["5"])
    add_filter(qtbot, panel, "Email")  # incomplete: kept as it is too
    body = {
        "search_term": "a",
        "advanced_search": [{"field": "num_seats", "operator": "gte", "value": "5", "data_type": "long"}],
    }
    searched(qtbot, browser, body)
    before = row_widgets(panel)
    searches = len(browser.transport.searches())

    paste = open_paste(qtbot, session)
    paste.text.setPlainText(text)
    qtbot.mouseClick(paste.load_button, Qt.MouseButton.LeftButton)
    assert paste.isVisible() and paste.problem.isVisible()
    assert message in paste.problem.text()
    assert paste.text.toPlainText() == text  # nothing typed is lost
    qtbot.keyClick(paste.text, Qt.Key.Key_Escape)  # Cancel
    qtbot.waitUntil(lambda: not paste.isVisible())

    assert row_widgets(panel) == before and panel.term_box.text() == "a"
    assert session.search.request().to_wire() == body
    qtbot.wait(50)
    assert len(browser.transport.searches()) == searches  # nothing was searched
