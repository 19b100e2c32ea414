"""The column chooser and typed cells against the real server, and the layout's round trip."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from app.schema import FieldType
from app.ui.columns import DEFAULT_COLUMN_KEYS, SENSITIVE_TIP, ColumnCatalog
from app.ui.formatting import CHECK, CROSS, MASK, format_cell, format_datetime
from app.ui.main_window import MainWindow
from app.ui.views import AllContactsView
from tests.ui.browse_support import TYPED_EMAIL, cell_text, open_browser, wait_ready

TYPED_COLUMNS = {
    "Date of birth": "1985-02-19",
    "Verified": CHECK,
    "Interests": "Webinars, Events",
    "Tax ID": MASK,
    "Seats": "450",
    "Discount": "12.5%",
    "Subscription": "Enterprise",
}


def header_menu(qtbot, table, section: int = 0) -> QMenu:
    """Right-click a header section; returns the menu that pops up."""
    header = table.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, header.viewport().mapToGlobal(pos))
    QApplication.sendEvent(header.viewport(), event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    return QApplication.activePopupWidget()


def choose(qtbot, table, title: str) -> None:
    menu = header_menu(qtbot, table)
    action = next(a for a in menu.actions() if a.text() == title)
    action.trigger()
    menu.close()


def typed_row(model) -> int:
    return next(
        r for r in range(model.rowCount()) if model.contact_at(r) and model.contact_at(r).email == TYPED_EMAIL
    )


def test_the_column_chooser_offers_every_field_and_shows_custom_values_by_type(browser, qtbot, run):
    model, table = browser.model, browser.window.table
    definitions = run(browser.api.custom_fields.list(limit=100).all())
    menu = header_menu(qtbot, table)
    titles = [a.text() for a in menu.actions() if a.isCheckable()]
    assert titles == [c.title for c in table.catalog.predefined] + [d.name for d in definitions]
    assert {a.text() for a in menu.actions() if a.isChecked()} == {
        "First name", "Last name", "Email", "Phone", "External ID", "Created",
    }  # fmt: skip
    seats = next(a for a in menu.actions() if a.text() == "Seats")
    assert "num_seats" in seats.toolTip() and "whole number" in seats.toolTip()
    menu.close()

    for title in [*TYPED_COLUMNS, "Last purchase"]:
        choose(qtbot, table, title)
    keys = table.visible_keys()
    assert keys[: len(DEFAULT_COLUMN_KEYS)] == list(DEFAULT_COLUMN_KEYS)
    assert [model.column(model.section_of(k)).title for k in keys[len(DEFAULT_COLUMN_KEYS) :]] == [
        *TYPED_COLUMNS,
        "Last purchase",
    ]

    row = typed_row(model)  # the newest contact: on the first page
    for title, text in TYPED_COLUMNS.items():
        section = next(s for s in range(model.columnCount()) if model.column(s).title == title)
        assert model.data(model.index(row, section)) == text, title
    purchase = datetime(2025, 12, 10, 10, 31, 34, tzinfo=UTC)
    assert cell_text(model, row, "cf:last_purchase_at") == format_datetime(purchase)  # local time
    tax = model.index(row, model.section_of("cf:tax_id"))
    assert model.data(tax, Qt.ItemDataRole.ToolTipRole) == SENSITIVE_TIP
    assert "DE123456789" not in {model.data(model.index(row, s)) for s in range(model.columnCount())}
    seats_index = model.index(row, model.section_of("cf:num_seats"))
    assert model.data(seats_index, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert "num_seats" in model.headerData(
        seats_index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )

    unverified = next(r for r in range(100) if model.contact_at(r).custom_fields.get("is_verified") is False)
    assert cell_text(model, unverified, "cf:is_verified") == CROSS
    no_birthday = next(r for r in range(100) if "date_of_birth" not in model.contact_at(r).custom_fields)
    assert cell_text(model, no_birthday, "cf:date_of_birth") == ""

    choose(qtbot, table, "Phone")  # unchecking hides it
    assert "phone_number" not in table.visible_keys()


def test_columns_are_chosen_moved_and_sorted_from_the_keyboard_through_the_view_menu(browser, qtbot):
    window, table = browser.window, browser.window.table
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    columns = next(a.menu() for a in view_menu.actions() if a.text() == "&Columns")
    table.setCurrentIndex(browser.model.index(0, 2))  # the Email column
    columns.aboutToShow.emit()
    sort_email = next(a for a in columns.actions() if a.text() == "Sort by “Email” &ascending")
    assert not sort_email.isEnabled() and "search" in sort_email.toolTip()  # List Contacts cannot
    move_right = next(a for a in columns.actions() if a.text() == "Move “Email” &right")
    move_right.trigger()
    assert table.visible_keys()[2:4] == ["phone_number", "email"]
    next(a for a in columns.actions() if a.text() == "Reset &columns").trigger()
    assert table.visible_keys() == list(DEFAULT_COLUMN_KEYS)

    table.setCurrentIndex(browser.model.index(0, 1))  # Last name
    columns.aboutToShow.emit()
    next(a for a in columns.actions() if a.text() == "Sort by “Last name” &descending").trigger()
    assert browser.model.view == AllContactsView(order_field="last_name", order="desc")
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (1, Qt.SortOrder.DescendingOrder)


def test_the_layout_round_trips_into_a_new_window(browser, qtbot, run, api_server, small_workspace):
    table = browser.window.table
    table.show_column("cf:num_seats")
    table.show_column("cf:tax_id")
    table.hide_column("phone_number")
    table.move_column("cf:num_seats", -10)  # to the far left
    table.horizontalHeader().resizeSection(browser.model.section_of("email"), 260)
    layout = browser.window.save_layout()
    assert layout["columns"][0] == {"key": "cf:num_seats", "width": 80}
    assert {"key": "email", "width": 260} in layout["columns"]

    second = open_browser(qtbot, api_server, small_workspace.token, browser.transport)
    try:
        second.window.restore_layout(layout)  # before the custom fields are known, as at start
        assert second.window.save_layout()["columns"] == layout["columns"]  # kept whole until they arrive
        wait_ready(qtbot, second)
        qtbot.waitUntil(lambda: second.window.table.visible_keys() == [e["key"] for e in layout["columns"]])
        assert second.window.save_layout()["columns"] == layout["columns"]
        header, model = second.window.table.horizontalHeader(), second.model
        assert [model.column(header.logicalIndex(v)).title for v in range(header.count())][:2] == [
            "Seats",
            "First name",
        ]
    finally:
        second.window.close()
        run(second.shutdown())


def test_a_malformed_layout_is_ignored_where_it_is_wrong(qapp):
    from app.ui.contacts_model import ContactsTableModel

    window = MainWindow(ContactsTableModel())
    try:
        window.table.set_catalog(ColumnCatalog([]))
        window.restore_layout(
            {
                "columns": [
                    {"key": "email", "width": "wide"},
                    "junk",
                    {"key": "nope"},
                    {"key": "last_name", "width": 99999},
                ]
            }
        )
        assert window.save_layout()["columns"] == [
            {"key": "email", "width": 210},
            {"key": "last_name", "width": 2000},
        ]
        window.restore_layout({"columns": []})
        assert window.table.visible_keys() == list(DEFAULT_COLUMN_KEYS)
        window.restore_layout({"columns": "not a list"})
        assert window.table.visible_keys() == list(DEFAULT_COLUMN_KEYS)
    finally:
        window.deleteLater()


def test_columns_follow_changed_definitions_after_a_refresh(browser, qtbot, run):
    window, model, table = browser.window, browser.model, browser.window.table
    field = run(browser.api.custom_fields.create(name="Shoe size", field_type="number:integer"))
    try:
        qtbot.keyClick(window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: "cf:shoe_size" in table.catalog)
        table.show_column("cf:shoe_size")
        run(
            browser.api.custom_fields.update(
                field.uuid,
                name="Shoe size (EU)",
                field_type="number:integer",
                editable=True,
                sensitive=False,
                icon=None,
            )
        )
        qtbot.keyClick(window, Qt.Key.Key_F5)
        section = model.section_of("cf:shoe_size")
        qtbot.waitUntil(lambda: model.headerData(section, Qt.Orientation.Horizontal) == "Shoe size (EU)")
    finally:
        run(browser.api.custom_fields.delete(field.uuid))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "cf:shoe_size" not in table.catalog)
    assert "cf:shoe_size" not in table.visible_keys()


@pytest.mark.parametrize(
    ("value", "field_type", "text"),
    [
        ("1985-02-19", FieldType.DATE, "1985-02-19"),
        ("not a date", FieldType.DATE, "not a date"),
        (True, FieldType.CHECKBOX, CHECK),
        (False, FieldType.CHECKBOX, CROSS),
        (450, FieldType.INTEGER, "450"),
        (10.0, FieldType.DECIMAL, "10"),
        (1234.56, FieldType.DECIMAL, "1234.56"),
        (12.5, FieldType.PERCENTAGE, "12.5%"),
        (["Webinars", "Events"], FieldType.MULTISELECT, "Webinars, Events"),
        ("Enterprise", FieldType.SELECT, "Enterprise"),
        ("09:30", FieldType.TIME, "09:30"),
        ("+3d", FieldType.RELATIVE_DATE, "+3d"),
        (None, FieldType.TEXT, ""),
        ([], FieldType.MULTISELECT, ""),
        ("twelve", FieldType.INTEGER, "twelve"),
    ],
)
def test_cells_read_by_type(value, field_type, text):
    assert format_cell(value, field_type) == text


def test_date_times_are_shown_in_local_time_and_sensitive_values_masked():
    moment = datetime(2025, 12, 10, 10, 31, 34, tzinfo=UTC)
    assert format_cell("2025-12-10T10:31:34Z", FieldType.DATE_TIME) == format_datetime(moment)
    assert format_cell("2025-12-10T11:31:34+01:00", FieldType.DATE_TIME) == format_datetime(moment)
    assert format_cell("DE123", FieldType.TEXT, sensitive=True) == MASK
    assert format_cell(None, FieldType.TEXT, sensitive=True) == ""


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the time zone is set through TZ (Unix)")
@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("UTC", "2025-01-09 04:05"),
        ("America/St_Johns", "2025-01-09 00:35"),
        ("Asia/Kathmandu", "2025-01-09 09:50"),
    ],
)
def test_date_times_read_to_the_minute_in_the_computers_time_zone(zone, shown, monkeypatch):
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert format_datetime(datetime(2025, 1, 9, 4, 5, 59, tzinfo=UTC)) == shown
        assert format_cell("2025-01-09T04:05:59Z", FieldType.DATE_TIME) == shown
        assert (
            format_cell("2025-01-09T04:05:59", FieldType.DATE_TIME) == "2025-01-09 04:05"
        )  # no zone: as written
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
