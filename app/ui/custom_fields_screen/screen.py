"""The Custom fields screen: every definition of the workspace in a table, with New, Edit and Delete.

A widget only: it shows the definitions it is given and says what the user asked for (signals);
``CustomFieldsController`` does the requests.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.schema import CustomField

from ..contacts_table import ROW_PADDING
from ..feedback import ErrorLabel
from ..shortcuts import local_shortcut
from .model import COLUMNS, DefinitionsModel


class CustomFieldsScreen(QWidget):
    """The definitions table and its actions; Enter or a double-click edits, Delete deletes."""

    newRequested = Signal()
    editRequested = Signal(object)  # CustomField
    deleteRequested = Signal(object)  # CustomField
    reloadRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customFieldsScreen")
        self.setAccessibleName("Custom fields")
        heading = QLabel("Custom fields")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.summary = QLabel("Loading custom fields…")
        self.summary.setAccessibleName("Custom field count")
        self.new_button = QPushButton("New field…")
        self.new_button.setToolTip("Create a custom field")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Edit the selected field (Enter)")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setToolTip("Delete the selected field and its value on every contact (Delete)")
        self.reload_button = QPushButton("Reload")
        self.reload_button.setToolTip("Load the definitions again (F5)")
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.reload_button)

        self.model = DefinitionsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Custom field definitions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + ROW_PADDING)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        for column, (_title, width, _text) in enumerate(COLUMNS):
            header.resizeSection(column, width)
        self.message = ErrorLabel()
        self.notice = QLabel(
            "Every change here reaches the contacts table's columns, the contact editor and the search "
            "builder at once."
        )
        self.notice.setWordWrap(True)
        self.notice.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 8)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)

        self.new_button.clicked.connect(self.newRequested)
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(self._delete_current)
        self.reload_button.clicked.connect(self.reloadRequested)
        self.table.doubleClicked.connect(lambda _index: self._edit_current())
        self.table.activated.connect(lambda _index: self._edit_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update())
        self.model.modelReset.connect(self._update)
        local_shortcut(QKeySequence.StandardKey.Delete, self.table, self._delete_current)
        self._update()

    def set_definitions(self, definitions: Sequence[CustomField], *, loaded: bool = True) -> None:
        """Show these definitions; the selected one stays selected (by key)."""
        current = self.current()
        self.model.set_definitions(definitions)
        if not loaded:
            self.summary.setText("Loading custom fields…")
            return
        count = len(definitions)
        self.summary.setText(
            "This workspace has no custom fields yet."
            if not count
            else f"{count} custom field{'s' if count != 1 else ''}, in the order they were created."
        )
        if current is not None:
            self.select(current.field_key)

    def select(self, field_key: str) -> None:
        row = self.model.row_of(field_key)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def current(self) -> CustomField | None:
        index: QModelIndex = self.table.currentIndex()
        return self.model.definition_at(index.row()) if index.isValid() else None

    def show_message(self, text: str | None) -> None:
        self.message.show_message(text)

    def _edit_current(self) -> None:
        current = self.current()
        if current is not None:
            self.editRequested.emit(current)

    def _delete_current(self) -> None:
        current = self.current()
        if current is not None:
            self.deleteRequested.emit(current)

    def _update(self) -> None:
        selected = self.current() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
