"""The dialog that creates a contact list or changes its name and emoji.

It stays open, with what was typed, until the server has saved the list; the server's refusals are
shown at the field they concern. The emoji is free input (type or paste any emoji, up to 32
characters) with a picker beside it (search by name).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api import ValidationError
from app.schema import ContactList

from ..feedback import ErrorLabel, mark_invalid
from .emoji_picker import EmojiPicker

NAME_MAX, EMOJI_MAX = 250, 32
NO_EMOJI = "🙂"  # shown faint in the preview while the list has no emoji


class ListDialog(QDialog):
    """New list (``contact_list`` None) or edit one; ``submitted(name, emoji)`` asks for it to be saved.

    ``emoji`` is ``None`` when the field is empty. The owner answers with ``saved()`` (closes the
    dialog) or ``failed(error)`` (messages at the fields; nothing typed is lost).
    """

    submitted = Signal(str, object)

    def __init__(self, contact_list: ContactList | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact_list = contact_list
        self.setWindowTitle("New list" if contact_list is None else f"Edit list “{contact_list.name}”")
        self.name = QLineEdit(contact_list.name if contact_list else "")
        self.name.setMaxLength(NAME_MAX)
        self.name.setAccessibleName("List name")
        self.name.setPlaceholderText("e.g. VIP Customers")
        self.name_error = ErrorLabel()
        self.emoji = QLineEdit((contact_list.emoji or "") if contact_list else "")
        self.emoji.setMaxLength(EMOJI_MAX)
        self.emoji.setAccessibleName("Emoji")
        self.emoji.setPlaceholderText("Type or paste an emoji")
        self.emoji.setClearButtonEnabled(True)
        self.emoji_preview = QToolButton()
        self.emoji_preview.setAccessibleName("Choose an emoji")
        self.emoji_preview.setToolTip("Choose an emoji from the picker (search by name)")
        font = QFont(self.emoji_preview.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.emoji_preview.setFont(font)
        self.emoji_preview.setMinimumWidth(self.emoji_preview.fontMetrics().height() * 2)
        self._preview_opacity = QGraphicsOpacityEffect(self.emoji_preview)
        self.emoji_preview.setGraphicsEffect(self._preview_opacity)
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setAccessibleName("Open the emoji picker")
        self.emoji_error = ErrorLabel()
        emoji_row = QHBoxLayout()
        emoji_row.addWidget(self.emoji_preview)
        emoji_row.addWidget(self.emoji, 1)
        emoji_row.addWidget(self.choose_button)
        emoji_box = QVBoxLayout()
        emoji_box.setSpacing(2)
        emoji_box.addLayout(emoji_row)
        emoji_box.addWidget(self.emoji_error)
        name_box = QVBoxLayout()
        name_box.setSpacing(2)
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_error)
        name_label, emoji_label = QLabel("&Name:"), QLabel("&Emoji:")
        name_label.setBuddy(self.name)
        emoji_label.setBuddy(self.emoji)
        form = QFormLayout()
        form.addRow(name_label, name_box)
        form.addRow(emoji_label, emoji_box)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            "Create list" if contact_list is None else "Save", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.picker: EmojiPicker | None = None

        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.emoji.textChanged.connect(self._show_emoji)
        self.emoji_preview.clicked.connect(self.open_picker)
        self.choose_button.clicked.connect(self.open_picker)
        self._show_emoji(self.emoji.text())
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_emoji(self, text: str) -> None:
        """The emoji as the sidebar will show it; without one, a faint smiley that invites choosing."""
        emoji = text.strip()
        self.emoji_preview.setText(emoji or NO_EMOJI)
        self._preview_opacity.setOpacity(1.0 if emoji else 0.3)

    def open_picker(self) -> EmojiPicker:
        picker = EmojiPicker(self)
        picker.chosen.connect(self.emoji.setText)
        picker.finished.connect(picker.deleteLater)
        picker.finished.connect(lambda _result: setattr(self, "picker", None))
        self.picker = picker
        picker.open()
        picker.search.setFocus(Qt.FocusReason.OtherFocusReason)
        return picker

    def values(self) -> tuple[str, str | None]:
        return self.name.text().strip(), self.emoji.text().strip() or None

    def submit(self) -> None:
        name, emoji = self.values()
        self._clear_errors()
        if not name:
            self._field_error(self.name, self.name_error, "Give the list a name.")
            return
        self.set_busy(True)
        self.submitted.emit(name, emoji)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.name, self.emoji, self.emoji_preview, self.choose_button, self.save_button):
            widget.setEnabled(not busy)

    def saved(self) -> None:
        self.set_busy(False)
        self.accept()

    def failed(self, error: Exception) -> None:
        """Show why the list was not saved, at its field when the server names one."""
        self.set_busy(False)
        if isinstance(error, ValidationError):
            problems = error.field_errors()
            placed = False
            for field, message in problems.items():
                target = {"name": (self.name, self.name_error), "emoji": (self.emoji, self.emoji_error)}.get(
                    field
                )
                if target is not None:
                    self._field_error(*target, message)
                    placed = True
            if placed:
                return
        self.error.show_message(f"Not saved: {error}")

    def _field_error(self, field: QLineEdit, label: ErrorLabel, message: str) -> None:
        mark_invalid(field, message)
        label.show_message(message)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_errors(self) -> None:
        for field, label in ((self.name, self.name_error), (self.emoji, self.emoji_error)):
            mark_invalid(field, None)
            label.show_message(None)
        self.error.show_message(None)
