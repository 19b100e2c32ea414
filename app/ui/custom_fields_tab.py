"""The Custom fields tab: an editor per definition of the workspace, filled with the contact's values."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.schema import FIELD_TYPE_DESCRIPTIONS, CustomField

from .feedback import LoadingPanel
from .field_editors import FieldEditor, ValueField, display_text, editor_for
from .formatting import humanize_key


class CustomFieldsTab(QWidget):
    """Editors for the workspace's custom fields (``set_definitions``) and one contact's values.

    Definitions arrive in the background; until then the tab says it is loading. ``changes()``
    holds the values the user changed, by field key (``None``: cleared).
    """

    changed = Signal()
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, FieldEditor] = {}
        self._extra_rows = False  # rows of values without a definition are shown
        self._definitions: list[CustomField] | None = None
        self._values: dict[str, Any] = {}
        self._form_host = QWidget()
        self._form = QFormLayout(self._form_host)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._form_host)
        self.panel = LoadingPanel(scroll, "custom fields")
        self.panel.retryRequested.connect(self.retryRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)

    @property
    def has_definitions(self) -> bool:
        return self._definitions is not None

    @property
    def definitions(self) -> list[CustomField]:
        return list(self._definitions or [])

    def labels(self) -> dict[str, str]:
        """Field names by key, in definition order."""
        return {d.field_key: d.name for d in self._definitions or []}

    def show_loading(self) -> None:
        if self._definitions is None:
            self.panel.show_loading()

    def show_error(self, message: str) -> None:
        self.panel.show_error(message)

    def set_definitions(self, definitions: list[CustomField]) -> None:
        """Build one editor per definition; the user's unsaved changes are carried over."""
        pending = self.changes()
        self._definitions = list(definitions)
        self._rebuild()
        self.apply(pending, notify=False)
        self.panel.show_content()

    def set_values(self, values: dict[str, Any]) -> None:
        """Show a contact's values as the unmodified state (``{}`` for a new contact)."""
        self._values = dict(values)
        if self._definitions is None:
            return
        known = {d.field_key for d in self._definitions}
        if set(self._values) - known or self._extra_rows:
            self._rebuild()
            return
        for key, editor in self.editors.items():
            editor.set_value(self._values.get(key))

    def changes(self) -> dict[str, Any]:
        return {key: editor.value() for key, editor in self.editors.items() if editor.is_modified()}

    def apply(self, values: dict[str, Any], *, notify: bool = True) -> None:
        """Put values in the editors as if the user had entered them."""
        for key, value in values.items():
            editor = self.editors.get(key)
            if editor is not None:
                editor.reveal()
                editor.set_value(value, initial=False)
        if notify and values:
            self.changed.emit()

    def clear_errors(self) -> None:
        for editor in self.editors.values():
            editor.set_error(None)

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Put each message (by field key) at its editor; returns the first editor concerned."""
        first: QWidget | None = None
        for key, message in errors.items():
            editor = self.editors.get(key)
            if editor is not None:
                editor.reveal()
                editor.set_error(message)
                first = first or editor.focus_target()
        return first

    def _rebuild(self) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self.editors = {}
        definitions = self._definitions or []
        if not definitions and not self._values:
            self._form.addRow(QLabel("This workspace has no custom fields."))
        for definition in definitions:
            editor = editor_for(definition)
            editor.set_value(self._values.get(definition.field_key))
            editor.changed.connect(self.changed)
            label = QLabel(f"{definition.name}:")
            label.setBuddy(editor.focus_target())
            label.setWordWrap(True)
            kind = FIELD_TYPE_DESCRIPTIONS[definition.field_type]
            notes = [
                kind,
                "read-only" if not definition.editable else "",
                "sensitive" if definition.sensitive else "",
            ]
            label.setToolTip(f"{definition.field_key}: {', '.join(n for n in notes if n)}")
            self._form.addRow(label, editor)
            self.editors[definition.field_key] = editor
        known = {d.field_key for d in definitions}
        extra = sorted(set(self._values) - known)
        self._extra_rows = bool(extra)
        for key in extra:
            label = QLabel(f"{humanize_key(key)}:")
            label.setToolTip(f"{key}: no definition in this workspace (read-only)")
            value = ValueField(display_text(None, self._values[key]))
            value.setAccessibleName(humanize_key(key))
            self._form.addRow(label, value)
