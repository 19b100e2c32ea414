"""The Lists tab: the contact lists this contact belongs to; add it to a list, remove it from one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.schema import ContactList, ListStatus, MembershipResult

from .feedback import ErrorLabel, LoadingPanel
from .shortcuts import local_shortcut


def list_title(contact_list: ContactList) -> str:
    """``⭐ VIP Customers`` (archived lists say so)."""
    name = f"{contact_list.emoji} {contact_list.name}" if contact_list.emoji else contact_list.name
    return f"{name} (archived)" if contact_list.status == ListStatus.ARCHIVED else name


class ListsTab(QWidget):
    """Memberships of one contact; asks the controller (signals) to add or remove it.

    The picker offers the workspace's active lists the contact is not known to be in
    (``set_choices``). What the API answers is shown as it is, warnings included.
    """

    addRequested = Signal(object)  # ContactList
    removeRequested = Signal(object)  # ContactList
    retryRequested = Signal()
    choicesWanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName("Lists of this contact")
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.empty_label = QLabel("This contact is in no list.")
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.empty_label)
        content_layout.addWidget(self.list, 1)
        self.panel = LoadingPanel(content, "lists")
        self.panel.retryRequested.connect(self.retryRequested)

        self.remove_button = QPushButton("Remove from list")
        self.remove_button.setToolTip("Remove this contact from the selected list (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        self.picker = QComboBox()
        self.picker.setAccessibleName("List to add the contact to")
        self.picker.setMinimumContentsLength(12)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add to list")
        self.add_button.setToolTip("Add this contact to the list chosen beside")
        self.add_button.clicked.connect(self.add_chosen)
        add_row = QHBoxLayout()
        add_label = QLabel("Add to:")
        add_label.setBuddy(self.picker)
        add_row.addWidget(add_label)
        add_row.addWidget(self.picker, 1)
        add_row.addWidget(self.add_button)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        self.message = ErrorLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(add_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.message)
        local_shortcut(QKeySequence.StandardKey.Delete, self.list, self.remove_selected)

        self._lists: list[ContactList] = []
        self._choices: list[ContactList] | None = None
        self._busy = False
        self._update_buttons()

    # -- what the controller shows ------------------------------------------------------------------

    @property
    def lists(self) -> list[ContactList]:
        return list(self._lists)

    def show_loading(self) -> None:
        self.notice.hide()
        self.message.show_message(None)
        self.panel.show_loading()
        self._update_buttons()

    def show_error(self, message: str) -> None:
        self.panel.show_error(message)
        self._update_buttons()

    def show_lists(self, lists: list[ContactList]) -> None:
        self._lists = list(lists)
        self.list.clear()
        for contact_list in self._lists:
            item = QListWidgetItem(list_title(contact_list))
            item.setData(Qt.ItemDataRole.UserRole, str(contact_list.uuid))
            self.list.addItem(item)
        self.empty_label.setVisible(not self._lists)
        self.list.setVisible(bool(self._lists))
        self.panel.show_content()
        self._fill_picker()
        if self._choices is None:
            self.choicesWanted.emit()

    def set_choices(self, lists: list[ContactList]) -> None:
        """The workspace's lists the picker offers (those the contact is in are left out)."""
        self._choices = [c for c in lists if c.status == ListStatus.ACTIVE]
        self._fill_picker()

    def forget_choices(self) -> None:
        self._choices = None

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def show_result(self, contact_list: ContactList, result: MembershipResult) -> None:
        """What the server said about an add: its message, and every warning."""
        self.set_busy(False)
        lines = [f"{list_title(contact_list)}: {result.message}"]
        lines += [f"Not added: {warning.message}" for warning in result.warnings]
        self.notice.setText("\n".join(lines))
        self.notice.show()

    def show_removed(self, contact_list: ContactList) -> None:
        self.set_busy(False)
        self.notice.setText(f"Removed from {list_title(contact_list)}.")
        self.notice.show()

    def action_failed(self, message: str) -> None:
        self.set_busy(False)
        self.message.show_message(message)

    # -- user actions ----------------------------------------------------------------------------------

    def add_chosen(self) -> None:
        chosen = self.picker.currentData()
        choice = next((c for c in self._choices or [] if str(c.uuid) == chosen), None)
        if choice is None or self._busy:
            return
        self._start_action()
        self.addRequested.emit(choice)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._lists) or self._busy:
            return
        self._start_action()
        self.removeRequested.emit(self._lists[row])

    def _start_action(self) -> None:
        self.notice.hide()
        self.message.show_message(None)
        self.set_busy(True)

    def _fill_picker(self) -> None:
        member = {c.uuid for c in self._lists}
        current = self.picker.currentData()
        self.picker.clear()
        for choice in self._choices or []:
            if choice.uuid not in member:
                self.picker.addItem(list_title(choice), str(choice.uuid))
        if self._choices is None:
            self.picker.setPlaceholderText("Loading lists…")
        elif not self.picker.count():
            self.picker.setPlaceholderText("No other list")
        index = self.picker.findData(current)
        self.picker.setCurrentIndex(index if index >= 0 else (0 if self.picker.count() else -1))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.panel.currentIndex() == 2 and not self._busy
        self.remove_button.setEnabled(ready and 0 <= self.list.currentRow() < len(self._lists))
        self.add_button.setEnabled(ready and self.picker.count() > 0)
        self.picker.setEnabled(ready)
