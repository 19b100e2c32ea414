"""The form that creates a custom field definition or replaces one.

Create: name (3–250 characters), type (the twelve, each with its description), key (optional: the
key the server will generate is shown as it will be, with a warning that it can never change),
editable, sensitive, icon, and the options of a select or multiselect field. Edit: the same, with
the key read-only; the API replaces the whole definition, so ``body()`` always holds every member.

The dialog stays open, with what was typed, until the server has saved the definition; problems are
shown at the field they concern (checked here first where the rule is known, then the server's).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.api import BadRequestError, ValidationError
from app.schema import FIELD_TYPE_DESCRIPTIONS, OPTION_TYPES, CustomField, FieldType

from ..feedback import ErrorLabel, mark_invalid
from .field_key import generated_key, key_problem
from .options_editor import OptionsEditor

NAME_MIN, NAME_MAX, ICON_MAX = 3, 250, 100
KEY_WARNING = "The key cannot be changed later: integrations and imports refer to the field by it."
TYPE_CHANGE_NOTE = (
    "Changing the type converts the values contacts hold (e.g. 42 becomes the text “42”); "
    "if any value does not fit the new type, the server refuses the change."
)


class DefinitionDialog(QDialog):
    """New definition (``definition`` None) or a whole replacement of one; ``submitted(dict)`` asks to save.

    ``taken``: the keys of the workspace's other fields (for the key preview and checks). The owner
    answers with ``saved()`` (closes) or ``failed(error)`` (messages at the fields; input kept).
    """

    submitted = Signal(dict)

    def __init__(
        self, definition: CustomField | None, taken: Collection[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.definition = definition
        self._taken = set(taken) - ({definition.field_key} if definition else set())
        self.setWindowTitle(
            "New custom field" if definition is None else f"Edit custom field “{definition.name}”"
        )

        self.name = QLineEdit(definition.name if definition else "")
        self.name.setAccessibleName("Field name")
        self.name.setPlaceholderText("e.g. Date of birth")
        self.name_error = ErrorLabel()
        self.type = QComboBox()
        self.type.setAccessibleName("Field type")
        for kind in FieldType:
            self.type.addItem(f"{FIELD_TYPE_DESCRIPTIONS[kind]} ({kind.value})", kind)
        self.type.setCurrentIndex(self.type.findData(definition.field_type if definition else FieldType.TEXT))
        self.type_note = QLabel(TYPE_CHANGE_NOTE)
        self.type_note.setWordWrap(True)
        self.type_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.type_note.hide()
        self.type_error = ErrorLabel()
        self.key = QLineEdit(definition.field_key if definition else "")
        self.key.setAccessibleName("Field key")
        self.key.setReadOnly(definition is not None)
        self.key_preview = QLabel()
        self.key_preview.setAccessibleName("Key preview")
        self.key_preview.setTextFormat(Qt.TextFormat.PlainText)
        self.key_preview.setWordWrap(True)
        self.key_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_warning = QLabel(KEY_WARNING if definition is None else "Keys never change.")
        self.key_warning.setWordWrap(True)
        self.key_warning.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.key_error = ErrorLabel()
        self.editable = QCheckBox("People can edit its value on contacts")
        self.editable.setChecked(definition.editable if definition else True)
        self.sensitive = QCheckBox("Sensitive: values are hidden until someone chooses to show them")
        self.sensitive.setChecked(definition.sensitive if definition else False)
        self.icon = QLineEdit((definition.icon or "") if definition else "")
        self.icon.setAccessibleName("Icon")
        self.icon.setPlaceholderText("Optional icon name, e.g. star, calendar, tag")
        self.icon.setMaxLength(ICON_MAX)
        self.icon_error = ErrorLabel()
        self.options = OptionsEditor()
        self.options.set_definition(definition)
        self.options_label = QLabel("&Options:")
        self.options_label.setBuddy(self.options.new_option)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label("&Name:", self.name), _stack(self.name, self.name_error))
        form.addRow(self._label("&Type:", self.type), _stack(self.type, self.type_note, self.type_error))
        form.addRow(
            self._label("&Key:", self.key),
            _stack(self.key, self.key_preview, self.key_warning, self.key_error),
        )
        form.addRow("", self.editable)
        form.addRow("", self.sensitive)
        form.addRow(self._label("&Icon:", self.icon), _stack(self.icon, self.icon_error))
        form.addRow(self.options_label, self.options)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            "Create field" if definition is None else "Save", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda _text: self._update_key())
        self.key.textChanged.connect(lambda _text: self._update_key())
        self.type.currentIndexChanged.connect(lambda _index: self._type_changed())
        self._type_changed()
        self._update_key()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- what the form shows ---------------------------------------------------------------------------

    @property
    def field_type(self) -> FieldType:
        return FieldType(self.type.currentData())

    def preview(self) -> str:
        """The key the field will have: the one typed, or the one the server will generate."""
        if self.definition is not None:
            return self.definition.field_key
        return self.key.text().strip() or generated_key(self.name.text(), self._taken)

    def _update_key(self) -> None:
        if self.definition is not None:
            self.key_preview.hide()
            return
        typed = self.key.text().strip()
        self.key.setPlaceholderText(
            f"{generated_key(self.name.text(), self._taken)} (generated from the name)"
        )
        self.key_preview.setText(
            f"The key will be: {self.preview()}" + ("" if typed else " (generated from the name)")
        )

    def _type_changed(self) -> None:
        has_options = self.field_type in OPTION_TYPES
        self.options.setVisible(has_options)
        self.options_label.setVisible(has_options)
        changed = self.definition is not None and self.field_type != self.definition.field_type
        self.type_note.setVisible(changed)
        self.adjustSize()

    def body(self) -> dict[str, Any]:
        """The request body: every member (the API replaces the whole definition on update)."""
        body: dict[str, Any] = {
            "name": self.name.text().strip(),
            "field_type": self.field_type.value,
            "editable": self.editable.isChecked(),
            "sensitive": self.sensitive.isChecked(),
            "icon": self.icon.text().strip() or None,
        }
        if self.field_type in OPTION_TYPES:
            body["select_options"] = self.options.labels()
        if self.definition is None and self.key.text().strip():
            body["field_key"] = self.key.text().strip()
        return body

    # -- saving ------------------------------------------------------------------------------------------

    def submit(self) -> None:
        self._clear_errors()
        problems = self._problems()
        if problems:
            self._show_problems(problems)
            return
        self.set_busy(True)
        self.submitted.emit(self.body())

    def _problems(self) -> dict[str, str]:
        """What this form can tell before sending (the same rules as the server)."""
        problems: dict[str, str] = {}
        if not NAME_MIN <= len(self.name.text().strip()) <= NAME_MAX:
            problems["name"] = f"A name has {NAME_MIN} to {NAME_MAX} characters."
        key = self.key.text().strip()
        if self.definition is None and key:
            problem = key_problem(key, self._taken)
            if problem is not None:
                problems["field_key"] = problem
        if self.field_type in OPTION_TYPES and not self.options.labels():
            problems["select_options"] = "A select or multiselect field needs at least one option."
        return problems

    def set_busy(self, busy: bool) -> None:
        for widget in (
            self.name,
            self.type,
            self.key,
            self.editable,
            self.sensitive,
            self.icon,
            self.options,
        ):
            widget.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    def saved(self) -> None:
        self.set_busy(False)
        self.accept()

    def failed(self, error: Exception) -> None:
        """Show why it was not saved: at the fields the server names, else under the form."""
        self.set_busy(False)
        if isinstance(error, ValidationError):
            unplaced = self._show_problems(error.field_errors())
            if unplaced:
                self.error.show_message("Not saved: " + " ".join(unplaced))
            return
        if isinstance(
            error, BadRequestError
        ):  # a conflict with stored data: a taken key, unconvertible values
            if self.definition is None and "key" in str(error):
                self._show_problems({"field_key": str(error)})
                return
            if self.definition is not None and self.field_type != self.definition.field_type:
                self._show_problems({"field_type": str(error)})
                return
        self.error.show_message(f"Not saved: {error}")

    def _show_problems(self, problems: dict[str, str]) -> list[str]:
        """Put each message at its field; returns those that belong to no field."""
        places = {
            "name": (self.name, self.name_error),
            "field_key": (self.key, self.key_error),
            "field_type": (self.type, self.type_error),
            "icon": (self.icon, self.icon_error),
        }
        unplaced, first = [], None
        for field, message in problems.items():
            if field.split(".")[0] == "select_options":
                self.options.show_error(message)
                first = first or self.options.new_option
            elif field in places:
                widget, label = places[field]
                mark_invalid(widget, message)
                label.show_message(message)
                first = first or widget
            else:
                unplaced.append(f"{field}: {message}" if field else message)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return unplaced

    def _clear_errors(self) -> None:
        for widget, label in (
            (self.name, self.name_error),
            (self.key, self.key_error),
            (self.type, self.type_error),
            (self.icon, self.icon_error),
        ):
            mark_invalid(widget, None)
            label.show_message(None)
        self.options.show_error(None)
        self.error.show_message(None)


def _stack(*widgets: QWidget) -> QVBoxLayout:
    box = QVBoxLayout()
    box.setSpacing(2)
    for widget in widgets:
        box.addWidget(widget)
    return box
