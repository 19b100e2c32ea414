"""The builder's sort picker: a field (or the server's default order), its data type, the direction."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from app.schema import SortBy

from ..feedback import ErrorLabel
from .drafts import SortDraft, build_sort
from .fields import FieldCatalog
from .pickers import DataTypePicker, DirectionPicker, FieldPicker


class SortPicker(QWidget):
    """Emits ``edited`` when the user changes the sort; ``sort_by()`` is the request's ``sort_by``."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_picker = FieldPicker(with_default=True)
        self.field_picker.setAccessibleName("Sort by")
        self.type_picker = DataTypePicker()
        self.type_picker.setAccessibleName("Sort data type")
        self.direction = DirectionPicker()
        self.error = ErrorLabel()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.field_picker, 0, 0, 1, 2)
        layout.addWidget(self.type_picker, 1, 0)
        layout.addWidget(self.direction, 1, 1)
        layout.addWidget(self.error, 2, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        self.field_picker.currentIndexChanged.connect(lambda _i: self._field_changed())
        self.type_picker.currentIndexChanged.connect(lambda _i: self._changed())
        self.direction.currentIndexChanged.connect(lambda _i: self._changed())
        self._show_pickers()

    def draft(self) -> SortDraft:
        field = self.field_picker.current_field()
        return SortDraft(
            field,
            self.type_picker.data_type() if field is not None and field.custom else None,
            self.direction.order(),
        )

    def sort_by(self) -> SortBy | None:
        return build_sort(self.draft())

    def load(self, draft: SortDraft) -> None:
        """Show ``draft`` (a loaded search, or a header click in the table); emits nothing."""
        for widget in (self.field_picker, self.type_picker, self.direction):
            widget.blockSignals(True)
        try:
            self.field_picker.select(draft.field)
            if draft.field is not None:
                self.type_picker.set_data_type(draft.data_type or draft.field.preset_type)
            self.direction.set_order(draft.order)
        finally:
            for widget in (self.field_picker, self.type_picker, self.direction):
                widget.blockSignals(False)
        self._show_pickers()

    def set_catalog(self, catalog: FieldCatalog) -> None:
        before = self.sort_by()
        self.field_picker.blockSignals(True)
        self.field_picker.set_catalog(catalog)
        self.field_picker.blockSignals(False)
        self._show_pickers()
        if self.sort_by() != before:
            self.edited.emit()

    def show_error(self, message: str | None) -> None:
        """A 422 on ``sort_by`` (e.g. a field deleted meanwhile)."""
        self.error.show_message(message)

    def _field_changed(self) -> None:
        field = self.field_picker.current_field()
        if field is not None:
            self.type_picker.blockSignals(True)
            self.type_picker.set_data_type(field.preset_type)
            self.type_picker.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        self._show_pickers()
        self.edited.emit()

    def _show_pickers(self) -> None:
        field = self.field_picker.current_field()
        self.type_picker.setVisible(field is not None and field.custom)
        self.direction.setEnabled(field is not None)
        missing = field is not None and not field.known
        self.error.show_message(
            f"“{field.name}” is not a field of this workspace: the default order is used."
            if missing
            else None
        )
