"""The column chooser: the header's context menu (and View ▸ Columns) over every field of the workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from .columns import Column

if TYPE_CHECKING:
    from .contacts_table import ContactsTableView


def fill_column_menu(menu: QMenu, table: ContactsTableView, section: int | None = None) -> None:
    """Checkable entries for every predefined field and custom field, then moving and resetting.

    ``section`` (a logical column) adds "Move left/right" for that column.
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
    if section is not None and 0 <= section < table.model().columnCount():
        key = table.model().column(section).key
        title = table.model().column(section).title
        menu.addAction(f"Move “{title}” &left", lambda: table.move_column(key, -1))
        menu.addAction(f"Move “{title}” &right", lambda: table.move_column(key, +1))
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
