"""The options of a select or multiselect field: add, reorder, remove (archive), restore.

It follows docs/decisions.md: a saved option whose label is no longer sent is *archived*, not
deleted (contacts that hold it keep their value, shown as archived), and sending its label again
restores it. So an option cannot be renamed in place: the editor says so, and offers adding the
new label instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.schema import CustomField

from ..feedback import ErrorLabel, mark_invalid
from ..shortcuts import local_shortcut

EXPLANATION = (
    "Options cannot be renamed: to change a label, add the new one and remove the old one. "
    "Removing an option that is saved archives it: contacts that hold it keep their value, shown as "
    "archived, and it can be restored. The order here is the order people choose from."
)
LABEL_MAX = 250


class OptionsEditor(QWidget):
    """The active options in order (``labels()``), and the archived ones of a saved field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved: set[str] = set()  # labels the server has (removing one archives it)
        self.list = QListWidget()
        self.list.setAccessibleName("Options")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(lambda *_args: self.changed.emit())
        self.new_option = QLineEdit()
        self.new_option.setAccessibleName("New option")
        self.new_option.setPlaceholderText("New option label")
        self.new_option.setMaxLength(LABEL_MAX)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add option")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove option")
        self.archived_label = QLabel("Archived options (still shown on the contacts that hold them):")
        self.archived = QListWidget()
        self.archived.setAccessibleName("Archived options")
        self.archived.setMaximumHeight(80)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setAccessibleName("Restore option")
        self.explanation = QLabel(EXPLANATION)
        self.explanation.setWordWrap(True)
        self.explanation.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = ErrorLabel()

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_option, 1)
        add_row.addWidget(self.add_button)
        buttons = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(add_row, 0, 0)
        grid.addWidget(self.list, 1, 0)
        grid.addLayout(buttons, 1, 1)
        grid.addWidget(self.error, 2, 0, 1, 2)
        grid.addWidget(self.archived_label, 3, 0, 1, 2)
        grid.addWidget(self.archived, 4, 0)
        grid.addWidget(self.restore_button, 4, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.explanation, 5, 0, 1, 2)

        self.add_button.clicked.connect(self.add_typed)
        self.new_option.returnPressed.connect(self.add_typed)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(+1))
        self.remove_button.clicked.connect(self.remove_current)
        self.restore_button.clicked.connect(self.restore_current)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.archived.currentRowChanged.connect(lambda _row: self._update())
        local_shortcut(QKeySequence.StandardKey.Delete, self.list, self.remove_current)
        local_shortcut(QKeySequence("Alt+Up"), self.list, lambda: self.move(-1))
        local_shortcut(QKeySequence("Alt+Down"), self.list, lambda: self.move(+1))
        self._update()

    # -- contents ------------------------------------------------------------------------------------

    def set_definition(self, definition: CustomField | None) -> None:
        """Start from a saved field's options (active in order, archived apart), or from none."""
        self.list.clear()
        self.archived.clear()
        options = (definition.select_options or []) if definition else []
        self._saved = {o.display_label for o in options}
        self.list.addItems([o.display_label for o in options if not o.archived])
        self.archived.addItems([o.display_label for o in options if o.archived])
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update()

    def labels(self) -> list[str]:
        """The active options, in order (what the request's ``select_options`` sends)."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def archived_labels(self) -> list[str]:
        return [self.archived.item(row).text() for row in range(self.archived.count())]

    def show_error(self, message: str | None) -> None:
        mark_invalid(self.list, message)
        self.error.show_message(message)

    # -- what the user does ---------------------------------------------------------------------------------

    def add_typed(self) -> None:
        label = self.new_option.text().strip()
        if not label:
            return
        folded = label.casefold()
        if any(existing.casefold() == folded for existing in self.labels()):
            self.show_error(f"“{label}” is already an option.")
            return
        archived = next((r for r, text in enumerate(self.archived_labels()) if text.casefold() == folded), -1)
        if archived >= 0:  # the same label again: the archived option comes back
            label = self.archived.takeItem(archived).text()
        self.show_error(None)
        self.list.addItem(label)
        self.list.setCurrentRow(self.list.count() - 1)
        self.new_option.clear()
        self._changed()

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._changed()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        label = self.list.takeItem(row).text()
        if label in self._saved:
            self.archived.addItem(label)  # kept by the server as archived, so it is listed there
        self._changed()

    def restore_current(self) -> None:
        row = self.archived.currentRow()
        if row < 0:
            return
        self.list.addItem(self.archived.takeItem(row).text())
        self.list.setCurrentRow(self.list.count() - 1)
        self._changed()

    def _changed(self) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(row >= 0)
        has_archived = self.archived.count() > 0
        for widget in (self.archived_label, self.archived, self.restore_button):
            widget.setVisible(has_archived)
        self.restore_button.setEnabled(self.archived.currentRow() >= 0)
