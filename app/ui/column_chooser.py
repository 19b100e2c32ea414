"""The column chooser: the header's context menu (and View ▸ Columns) over every field of the workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from .columns import Column

if TYPE_CHECKING:
    from .contacts_table import ContactsTableView


def fill_column_menu(menu: QMenu, table: ContactsTableView, section: int | None = None) -> None:
    """Checkable entries for every predefined field and custom field, then moving and resetting.

    ``section`` (a logical column) adds sorting by that column and moving it, so that all of it can
    be done from the keyboard too (View ▸ Columns acts on the current cell's column).
    """
    menu.clear()
    menu.setToolTipsVisible(True)
    catalog = table.catalog
    shown = set(table.visible_keys())
    menu.addSection("Contact fields")
    for column in catalog.predefined:
        _add_toggle(menu, table, column, column.key in shown, only=len(shown) == 1)
    menu.addSection("Custom fields")
    if not catalog.loaded:
        menu.addAction("Loading custom fields…").setEnabled(False)
    elif not catalog.custom:
        menu.addAction("This workspace has no custom fields").setEnabled(False)
    for column in catalog.custom:
        _add_toggle(menu, table, column, column.key in shown, only=len(shown) == 1)
    menu.addSeparator()
    if section is not None and 0 <= section < table.contacts_model.columnCount():
        column = table.contacts_model.column(section)
        sortable = table.contacts_model.view.sorted_by(column, "asc") is not None
        for label, order in (
            ("&ascending", Qt.SortOrder.AscendingOrder),
            ("&descending", Qt.SortOrder.DescendingOrder),
        ):
            action = menu.addAction(
                f"Sort by “{column.title}” {label}", lambda order=order: table.sort_by(column.key, order)
            )
            action.setEnabled(sortable)
            action.setToolTip(table.contacts_model.view.sort_hint(column))
        menu.addAction(f"Move “{column.title}” &left", lambda: table.move_column(column.key, -1))
        menu.addAction(f"Move “{column.title}” &right", lambda: table.move_column(column.key, +1))
    menu.addAction("Reset &columns", table.reset_columns)


def _add_toggle(menu: QMenu, table: ContactsTableView, column: Column, shown: bool, *, only: bool) -> None:
    action = menu.addAction(column.title)
    action.setCheckable(True)
    action.setChecked(shown)
    action.setEnabled(not (shown and only))  # the last column stays
    action.setToolTip(column.description or column.title)
    action.setObjectName(f"column:{column.key}")
    action.toggled.connect(
        lambda checked, key=column.key: table.show_column(key) if checked else table.hide_column(key)
    )
