"""The Details tab: the contact's own fields, edited in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.schema import IDENTIFIER_FIELDS, Contact

from .contact_draft import TEXT_FIELD_LABELS, text_values
from .feedback import ErrorLabel, mark_invalid
from .field_editors import ValueField
from .formatting import EMPTY, format_datetime

IDENTIFIER_PATH = "identifier"
IDENTIFIER_HINT = "Identifiers: at least one is required"
NAME_FIELDS = ("first_name", "last_name")
OTHER_FIELDS = ("client_reference",)
#: Read-only facts kept by the server: (label, attribute).
FACTS = (("Created", "created_at"), ("Updated", "updated_at"), ("Last engaged", "last_engaged_at"))


class ContactForm(QWidget):
    """First and last name, the five identifiers and the client reference as line edits.

    ``set_contact`` shows a contact (or an empty form for a new one) as the unmodified state;
    ``changes()`` is what the user changed since; ``show_errors`` puts messages at the fields.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._initial: dict[str, str | None] = text_values(None)

        layout = QVBoxLayout(self)
        self._form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_fields(form, NAME_FIELDS)
        heading = QLabel(IDENTIFIER_HINT)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        heading.setContentsMargins(0, 8, 0, 0)
        form.addRow(heading)
        self.identifier_error = ErrorLabel()
        self.errors[IDENTIFIER_PATH] = self.identifier_error
        form.addRow(self.identifier_error)
        self._add_fields(form, IDENTIFIER_FIELDS)
        other = QLabel("Other")
        other.setFont(font)
        other.setContentsMargins(0, 8, 0, 0)
        form.addRow(other)
        self._add_fields(form, OTHER_FIELDS)

        self.facts: dict[str, ValueField] = {}
        for label, attribute in FACTS:
            value = ValueField()
            value.setAccessibleName(label)
            form.addRow(f"{label}:", value)
            self.facts[attribute] = value
        self.archived_note = QLabel("This contact is archived: it is left out of lists and searches.")
        self.archived_note.setWordWrap(True)
        self.archived_note.hide()
        form.addRow(self.archived_note)
        layout.addLayout(form)
        layout.addStretch(1)

    def _add_fields(self, form: QFormLayout, names: tuple[str, ...]) -> None:
        for name in names:
            label_text = TEXT_FIELD_LABELS[name]
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setAccessibleName(label_text)
            edit.setMinimumWidth(60)
            edit.textEdited.connect(lambda _text, name=name: self._edited(name))
            error = ErrorLabel()
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(edit)
            cell_layout.addWidget(error)
            label = QLabel(f"&{label_text}:" if name in NAME_FIELDS else f"{label_text}:")
            label.setBuddy(edit)
            form.addRow(label, cell)
            self.edits[name] = edit
            self.errors[name] = error

    def _edited(self, name: str) -> None:
        self.errors[name].show_message(None)
        mark_invalid(self.edits[name], None)
        if name in IDENTIFIER_FIELDS:
            self._mark_identifiers(None)
        self.changed.emit()

    # -- state -----------------------------------------------------------------------------------

    def set_contact(self, contact: Contact | None) -> None:
        """Show ``contact`` (``None``: an empty form for a new contact) as the unmodified state."""
        self._initial = text_values(contact)
        for name, edit in self.edits.items():
            edit.setText(self._initial[name] or "")
            edit.setCursorPosition(0)
        for attribute, field in self.facts.items():
            moment = getattr(contact, attribute) if contact else None
            field.set_value(format_datetime(moment) or EMPTY)
            self._form.setRowVisible(field, contact is not None)  # a new contact has no history yet
        self.archived_note.setVisible(bool(contact and contact.archived))
        self.clear_errors()

    def values(self) -> dict[str, str | None]:
        """Every text member as shown (``None`` for an empty field)."""
        return {name: edit.text() or None for name, edit in self.edits.items()}

    def changes(self) -> dict[str, str | None]:
        """The members the user changed (``None``: cleared)."""
        return {name: value for name, value in self.values().items() if value != self._initial[name]}

    def apply(self, values: dict[str, str | None]) -> None:
        """Put values in the fields as if the user had typed them (they count as changes)."""
        for name, value in values.items():
            if name in self.edits:
                self.edits[name].setText(value or "")
        self.changed.emit()

    # -- errors ----------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.show_message(None)
        for edit in self.edits.values():
            mark_invalid(edit, None)

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Put each message at its field; returns the first field concerned (to focus it)."""
        first: QWidget | None = None
        for path, message in errors.items():
            if path == IDENTIFIER_PATH:
                self.identifier_error.show_message(message)
                self._mark_identifiers(message)
                first = first or self.edits[IDENTIFIER_FIELDS[0]]
            elif path in self.edits:
                self.errors[path].show_message(message)
                mark_invalid(self.edits[path], message)
                first = first or self.edits[path]
        return first

    def _mark_identifiers(self, message: str | None) -> None:
        if message is None:
            self.identifier_error.show_message(None)
        for name in IDENTIFIER_FIELDS:
            mark_invalid(self.edits[name], message)

    def focus_first(self) -> None:
        self.edits[NAME_FIELDS[0]].setFocus(Qt.FocusReason.OtherFocusReason)
