"""The detail pane: every field of the selected contact, custom fields included."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.schema import Contact

from .formatting import EMPTY, format_datetime, format_value, humanize_key

#: (label, how to read it from a contact) of the standard fields, in display order.
STANDARD_FIELDS: tuple[tuple[str, str], ...] = (
    ("First name", "first_name"),
    ("Last name", "last_name"),
    ("Email", "email"),
    ("Phone", "phone_number"),
    ("WhatsApp", "whatsapp_id"),
    ("Messenger", "fb_messenger_id"),
    ("External ID", "external_contact_id"),
    ("Client reference", "client_reference"),
    ("Created", "created_at"),
    ("Updated", "updated_at"),
    ("Last engaged", "last_engaged_at"),
)


class ValueField(QLineEdit):
    """A read-only value that looks like a label.

    Long values (emails) scroll inside it instead of widening the pane, and the whole value can
    still be selected and copied.
    """

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.setReadOnly(True)
        self.setFrame(False)
        self.setStyleSheet("QLineEdit { background: transparent; }")
        self.setMinimumWidth(60)
        self.set_value(text)

    def set_value(self, text: str) -> None:
        self.setText(text)
        self.setCursorPosition(0)  # show the start of long values
        self.setToolTip(text if len(text) > 24 else "")


class ContactDetailPane(QStackedWidget):
    """Shows one contact (``show_contact``), a loading note, or a hint when nothing is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDetail")
        self.setMinimumWidth(260)
        self._hint = QLabel("Select a contact to see its details.")
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setWordWrap(True)
        self._hint.setEnabled(False)
        self.addWidget(self._hint)

        page = QWidget()
        layout = QVBoxLayout(page)
        self.title = QLabel()
        self.title.setObjectName("contactTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(60)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)

        standard = QFormLayout()
        standard.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._standard: dict[str, ValueField] = {}
        for label, attribute in STANDARD_FIELDS:
            value = ValueField()
            standard.addRow(f"{label}:", value)
            self._standard[attribute] = value
        layout.addLayout(standard)

        heading = QLabel("Custom fields")
        heading_font = QFont(heading.font())
        heading_font.setBold(True)
        heading.setFont(heading_font)
        layout.addSpacing(8)
        layout.addWidget(heading)
        self._custom = QFormLayout()
        self._custom.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self._custom)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self.addWidget(scroll)
        self._contact: Contact | None = None

    @property
    def contact(self) -> Contact | None:
        return self._contact

    def field_text(self, attribute: str) -> str:
        """The text shown for a standard field (what the user reads)."""
        return self._standard[attribute].text()

    def custom_field_texts(self) -> dict[str, str]:
        """``{label: text}`` of the custom fields shown."""
        texts: dict[str, str] = {}
        for row in range(self._custom.rowCount()):
            label = self._custom.itemAt(row, QFormLayout.ItemRole.LabelRole)
            value = self._custom.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and value is not None:
                texts[label.widget().text().removesuffix(":")] = value.widget().text()
        return texts

    def show_hint(self, text: str = "Select a contact to see its details.") -> None:
        self._contact = None
        self._hint.setText(text)
        self.setCurrentIndex(0)

    def show_contact(self, contact: Contact) -> None:
        self._contact = contact
        name = " ".join(part for part in (contact.first_name, contact.last_name) if part)
        self.title.setText(name or contact.email or contact.external_contact_id or "Unnamed contact")
        for attribute, label in self._standard.items():
            value = getattr(contact, attribute)
            text = format_datetime(value) if attribute.endswith("_at") else value
            label.set_value(text or EMPTY)
        while self._custom.rowCount():
            self._custom.removeRow(0)
        if not contact.custom_fields:
            self._custom.addRow(QLabel("No custom field values."))
        for key in sorted(contact.custom_fields):
            label = QLabel(f"{humanize_key(key)}:")
            label.setToolTip(key)
            self._custom.addRow(label, ValueField(format_value(contact.custom_fields[key])))
        self.setCurrentIndex(1)
