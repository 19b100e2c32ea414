"""The controls of the sidebar's Lists section: filter, active/archived, sort, new list.

They only build a ``ListsQuery`` (the List Contact Lists parameters) and say when it changed;
``BrowseController.set_lists_query`` loads the lists with it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QWidget

from app.schema import ListSortField, ListStatus, SortOrder

from ..browse_controller import ListsQuery
from ..shortcuts import local_shortcut
from ..sidebar import Sidebar

FILTER_PAUSE_MS = 200
SORTS: tuple[tuple[str, ListSortField, SortOrder], ...] = (
    ("Name (A–Z)", ListSortField.NAME, SortOrder.ASC),
    ("Name (Z–A)", ListSortField.NAME, SortOrder.DESC),
    ("Newest first", ListSortField.CREATED_AT, SortOrder.DESC),
    ("Oldest first", ListSortField.CREATED_AT, SortOrder.ASC),
)


class ListsTools(QObject):
    """Puts its controls into the sidebar's Lists section; ``queryChanged(ListsQuery)``, ``newRequested``."""

    queryChanged = Signal(object)
    newRequested = Signal()

    def __init__(self, sidebar: Sidebar, query: ListsQuery) -> None:
        super().__init__(sidebar)
        self._sidebar = sidebar
        self.query = query
        section = sidebar.lists_section

        self.sort_button = QToolButton()
        self.sort_button.setText("⇅")
        self.sort_button.setAutoRaise(True)
        self.sort_button.setAccessibleName("Sort lists")
        self.sort_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sort_menu = QMenu(self.sort_button)
        group = QActionGroup(self.sort_menu)
        self.sort_actions: dict[tuple[ListSortField, SortOrder], QAction] = {}
        for title, field, order in SORTS:
            action = self.sort_menu.addAction(title)
            action.setCheckable(True)
            action.setChecked((field, order) == (query.sort_field, query.sort_order))
            action.triggered.connect(lambda _checked=False, f=field, o=order: self.set_sort(f, o))
            group.addAction(action)
            self.sort_actions[(field, order)] = action
        self.sort_button.setMenu(self.sort_menu)
        self._sort_tooltip()

        self.new_button = QToolButton()
        self.new_button.setText("+")
        self.new_button.setAutoRaise(True)
        self.new_button.setAccessibleName("New list")
        self.new_button.setToolTip("New list (Ctrl+Shift+N)")
        self.new_button.clicked.connect(self.newRequested)
        section.add_tool(self.sort_button)
        section.add_tool(self.new_button)

        row = QWidget()
        row.setObjectName("listsFilterRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(6, 0, 4, 4)
        layout.setSpacing(4)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter lists")
        self.filter.setAccessibleName("Filter lists")
        self.filter.setClearButtonEnabled(True)
        self.filter.setText(query.search or "")
        self.status = QComboBox()
        self.status.setAccessibleName("Which lists")
        self.status.addItem("Active", ListStatus.ACTIVE)
        self.status.addItem("Archived", ListStatus.ARCHIVED)
        self.status.setToolTip(
            "Show active or archived lists (this API cannot archive a list, but archived lists can exist)"
        )
        self.status.setCurrentIndex(self.status.findData(query.status))
        layout.addWidget(self.filter, 1)
        layout.addWidget(self.status)
        section.add_row(row)
        self.empty = QLabel()
        self.empty.setObjectName("listsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setContentsMargins(10, 4, 8, 4)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty.hide()
        section.add_row(self.empty)

        self._pause = QTimer(self, singleShot=True, interval=FILTER_PAUSE_MS)
        self._pause.timeout.connect(self._filter_changed)
        self.filter.textChanged.connect(lambda _text: self._pause.start())
        self.filter.returnPressed.connect(self._filter_changed)
        local_shortcut(QKeySequence(Qt.Key.Key_Escape), self.filter, self.filter.clear)
        self.status.currentIndexChanged.connect(lambda _index: self._status_changed())
        sidebar.lists_model.modelReset.connect(self._lists_shown)

    # -- what the user chose -----------------------------------------------------------------------

    def set_sort(self, field: ListSortField, order: SortOrder) -> None:
        self.sort_actions[(field, order)].setChecked(True)
        self._sort_tooltip()
        self._change(replace(self.query, sort_field=field, sort_order=order))

    def _sort_tooltip(self) -> None:
        title = next(t for t, f, o in SORTS if (f, o) == (self.query.sort_field, self.query.sort_order))
        self.sort_button.setToolTip(f"Sort lists: {title}")

    def _filter_changed(self) -> None:
        self._pause.stop()
        self._change(replace(self.query, search=self.filter.text().strip() or None))

    def _status_changed(self) -> None:
        status = self.status.currentData()
        self._sidebar.lists_section.title.setText(
            "ARCHIVED LISTS" if status == ListStatus.ARCHIVED else "LISTS"
        )
        self._change(replace(self.query, status=status))

    def _change(self, query: ListsQuery) -> None:
        if query != self.query:
            self.query = query
            self._sort_tooltip()
            self.queryChanged.emit(query)

    def _lists_shown(self) -> None:
        """Say why the section is empty, if it is."""
        if self._sidebar.lists_model.rowCount():
            self.empty.hide()
            return
        query = self.query
        if query.search:
            text = f"No {'archived ' if query.status == ListStatus.ARCHIVED else ''}list matches “{query.search}”."
        elif query.status == ListStatus.ARCHIVED:
            text = "No archived lists."
        else:
            text = "No lists yet: create one with +."
        self.empty.setText(text)
        self.empty.show()
