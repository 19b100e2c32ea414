"""The Notes tab: the contact's notes (title, date, start of the text); create, edit, delete."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.api import ValidationError
from app.schema import Note

from .feedback import ErrorLabel, LoadingPanel, confirm, mark_invalid
from .formatting import format_datetime
from .shortcuts import local_shortcut

SNIPPET_LENGTH = 90
UNTITLED = "Untitled note"


@dataclass(frozen=True, slots=True)
class NoteInput:
    """What the user wrote in the note dialog."""

    title: str | None
    text: str


def note_summary(note: Note) -> str:
    """Two lines: title and date, then the start of the text."""
    edited = " (edited)" if note.updated_at != note.created_at else ""
    first_line = f"{note.title or UNTITLED}  ·  {format_datetime(note.created_at)}{edited}"
    text = " ".join(note.content.text.split())
    snippet = text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1].rstrip() + "…"
    return f"{first_line}\n{snippet}"


class NoteDialog(QDialog):
    """Writes a new note or replaces one; stays open (with the text) until the server has saved it."""

    submitted = Signal(object)  # NoteInput

    def __init__(self, parent: QWidget, note: Note | None = None) -> None:
        super().__init__(parent)
        self.note = note
        self.setWindowTitle("Edit note" if note else "New note")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(480, 360)
        self.title_edit = QLineEdit(note.title or "" if note else "")
        self.title_edit.setAccessibleName("Note title")
        self.title_edit.setPlaceholderText("Optional")
        self.title_error = ErrorLabel()
        self.text_edit = QPlainTextEdit(note.content.text if note else "")
        self.text_edit.setAccessibleName("Note text")
        self.text_edit.setTabChangesFocus(True)
        self.text_error = ErrorLabel()
        self.message = ErrorLabel()
        self._initial = (self.title_edit.text(), self.text_edit.toPlainText())

        form = QFormLayout()
        title_label = QLabel("&Title:")
        title_label.setBuddy(self.title_edit)
        title_cell = QWidget()
        title_layout = QVBoxLayout(title_cell)
        title_layout.setContentsMargins(0, 0, 0, 0)
        title_layout.addWidget(self.title_edit)
        title_layout.addWidget(self.title_error)
        form.addRow(title_label, title_cell)
        text_label = QLabel("Te&xt:")
        text_label.setBuddy(self.text_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(text_label)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.text_error)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save the note (Ctrl+S)")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        self.confirmation: QMessageBox | None = None
        (self.text_edit if note else self.title_edit).setFocus()

    def is_modified(self) -> bool:
        return (self.title_edit.text(), self.text_edit.toPlainText()) != self._initial

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.show_problem(None)
        self.set_busy(True)
        self.submitted.emit(NoteInput(self.title_edit.text() or None, self.text_edit.toPlainText()))

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.save_button.setText("Saving…" if busy else "Save")

    def show_problem(self, error: Exception | None) -> None:
        """Put a refusal at its field (title, text) or say what failed; the text stays as written."""
        self.set_busy(False)
        for edit, label in ((self.title_edit, self.title_error), (self.text_edit, self.text_error)):
            label.show_message(None)
            mark_invalid(edit, None)
        self.message.show_message(None)
        if error is None:
            return
        placed = False
        if isinstance(error, ValidationError):
            for path, msg in error.field_errors().items():
                target = (
                    (self.title_edit, self.title_error)
                    if path == "title"
                    else (self.text_edit, self.text_error)
                    if path.startswith("content")
                    else None
                )
                if target is not None:
                    target[1].show_message(msg)
                    mark_invalid(target[0], msg)
                    target[0].setFocus()
                    placed = True
        if not placed:
            self.message.show_message(f"The note was not saved: {error} Your text is kept; try again.")

    def reject(self) -> None:
        if not self.is_modified():
            super().reject()
            return
        self.confirmation = confirm(
            self,
            "Discard note",
            "Discard what you wrote in this note?",
            "Discard",
            super().reject,
            reject_label="Keep editing",
        )


class NotesTab(QWidget):
    """The notes list; asks the controller (signals) to create, replace and delete notes."""

    createRequested = Signal(object)  # NoteInput
    replaceRequested = Signal(object, object)  # Note, NoteInput
    deleteRequested = Signal(object)  # Note
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName("Notes")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.itemActivated.connect(lambda _item: self.edit_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.empty_label = QLabel("No notes yet.")
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.empty_label)
        content_layout.addWidget(self.list, 1)
        self.panel = LoadingPanel(content, "notes")
        self.panel.retryRequested.connect(self.retryRequested)

        self.new_button = QPushButton("New note…")
        self.new_button.clicked.connect(self.new_note)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit note")
        self.edit_button.setToolTip("Edit the selected note (Enter)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setAccessibleName("Delete note")
        self.delete_button.setToolTip("Delete the selected note (Delete)")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.message = ErrorLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        local_shortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_selected)

        self.dialog: NoteDialog | None = None
        self.confirmation: QMessageBox | None = None
        self._notes: list[Note] = []
        self._update_buttons()

    # -- what the controller shows ------------------------------------------------------------------

    def show_loading(self) -> None:
        self.message.show_message(None)
        self.panel.show_loading()
        self._update_buttons()

    def show_error(self, message: str) -> None:
        self.panel.show_error(message)
        self._update_buttons()

    def show_notes(self, notes: list[Note]) -> None:
        self._notes = list(notes)
        self.list.clear()
        for note in self._notes:
            item = QListWidgetItem(note_summary(note))
            item.setData(Qt.ItemDataRole.UserRole, str(note.uuid))
            item.setToolTip(note.content.text[:1000])
            self.list.addItem(item)
        self.empty_label.setVisible(not self._notes)
        self.list.setVisible(bool(self._notes))
        self.panel.show_content()
        self._update_buttons()

    def note_saved(self, note: Note) -> None:
        """A created or replaced note: listed (newest first), and its dialog closes."""
        others = [n for n in self._notes if n.uuid != note.uuid]
        if any(n.uuid == note.uuid for n in self._notes):
            self.show_notes([note if n.uuid == note.uuid else n for n in self._notes])
        else:
            self.show_notes([note, *others])
        self.list.setCurrentRow(next(i for i, n in enumerate(self._notes) if n.uuid == note.uuid))
        if self.dialog is not None:
            self.dialog.done(QDialog.DialogCode.Accepted)
            self.dialog = None

    def note_save_failed(self, error: Exception) -> None:
        if self.dialog is not None:
            self.dialog.show_problem(error)

    def note_deleted(self, note_uuid: UUID) -> None:
        row = self.list.currentRow()
        self.show_notes([n for n in self._notes if n.uuid != note_uuid])
        if self._notes:
            self.list.setCurrentRow(min(row, len(self._notes) - 1))

    def action_failed(self, message: str) -> None:
        self.message.show_message(message)

    @property
    def notes(self) -> list[Note]:
        return list(self._notes)

    # -- user actions ----------------------------------------------------------------------------------

    def selected_note(self) -> Note | None:
        row = self.list.currentRow()
        return self._notes[row] if 0 <= row < len(self._notes) else None

    def new_note(self) -> None:
        self._open_dialog(None)

    def edit_selected(self) -> None:
        note = self.selected_note()
        if note is not None:
            self._open_dialog(note)

    def delete_selected(self) -> None:
        note = self.selected_note()
        if note is None:
            return
        self.message.show_message(None)
        self.confirmation = confirm(
            self,
            "Delete note",
            f"Delete the note “{note.title or UNTITLED}”? This cannot be undone.",
            "Delete",
            lambda: self.deleteRequested.emit(note),
        )

    def _open_dialog(self, note: Note | None) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = NoteDialog(self, note)
        dialog.submitted.connect(
            lambda entered: (
                self.replaceRequested.emit(note, entered)
                if note is not None
                else self.createRequested.emit(entered)
            )
        )
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: NoteDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _update_buttons(self) -> None:
        ready = not self.panel.is_loading and self.panel.currentIndex() == 2
        has_note = ready and 0 <= self.list.currentRow() < len(self._notes)
        self.new_button.setEnabled(ready)
        self.edit_button.setEnabled(has_note)
        self.delete_button.setEnabled(has_note)
