"""The dialog that asks which list receives a set of contacts (e.g. every result of a search).

It offers the workspace's active lists (filtered as one types) and "New list…"; it does no I/O:
``chosen(ContactList)`` or ``newListRequested()`` say what the user picked.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.schema import ContactList

from ..lists_tab import list_title
from ..shortcuts import local_shortcut
from ..views import count_of

LIST_ROLE = Qt.ItemDataRole.UserRole


class ListChooserDialog(QDialog):
    """Pick one of ``lists`` (Enter, a double-click or the Add button) or ask for a new one."""

    chosen = Signal(object)  # ContactList
    newListRequested = Signal()

    def __init__(
        self, title: str, explanation: str, lists: Sequence[ContactList], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter lists")
        self.filter.setAccessibleName("Filter lists")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Contact lists")
        for contact_list in lists:
            item = QListWidgetItem(
                f"{list_title(contact_list)}  ·  {count_of(contact_list.count, 'contact', 'contacts')}"
            )
            item.setData(LIST_ROLE, contact_list)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{contact_list.name}, {count_of(contact_list.count, 'contact', 'contacts')}",
            )
            self.list.addItem(item)
        self.empty = QLabel("No list yet: create one with New list…" if not lists else "No list matches.")
        self.empty.setEnabled(False)
        self.empty.hide()
        self.buttons = QDialogButtonBox()
        self.new_button = QPushButton("&New list…")
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.add_button = self.buttons.addButton("&Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.add_button.setDefault(True)  # once in the dialog: Enter (also in the filter) adds
        self.resize(420, 380)

        self.filter.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(lambda *_args: self._update())
        self.list.itemDoubleClicked.connect(lambda _item: self._choose())
        self.add_button.clicked.connect(self._choose)
        self.new_button.clicked.connect(self._new_list)
        self.buttons.rejected.connect(self.reject)
        # Up and Down in the filter move in the list, so typing then Enter picks the first match.
        local_shortcut(QKeySequence(Qt.Key.Key_Down), self.filter, lambda: self._step(1))
        local_shortcut(QKeySequence(Qt.Key.Key_Up), self.filter, lambda: self._step(-1))
        if self.list.count():
            self.list.setCurrentRow(0)
        self._filter("")

    def current(self) -> ContactList | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.data(LIST_ROLE)

    def visible_names(self) -> list[str]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item.data(LIST_ROLE).name for item in items if not item.isHidden()]

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        first_shown = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = needle not in item.data(LIST_ROLE).name.casefold()
            item.setHidden(hidden)
            if not hidden and first_shown is None:
                first_shown = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first_shown)
        self.empty.setVisible(first_shown is None)
        self._update()

    def _step(self, delta: int) -> None:
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) + delta if current in rows else 0
        self.list.setCurrentRow(rows[max(0, min(position, len(rows) - 1))])

    def _update(self) -> None:
        self.add_button.setEnabled(self.current() is not None)

    def _choose(self) -> None:
        contact_list = self.current()
        if contact_list is not None:
            self.accept()
            self.chosen.emit(contact_list)

    def _new_list(self) -> None:
        self.accept()
        self.newListRequested.emit()
