"""One filter row of the builder: field, data type, operator, value(s), and what is wrong with it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from app.api import ValidationError
from app.schema import DataType, SearchFilter

from ..feedback import ErrorLabel, error_color
from .drafts import FilterDraft, Incomplete, build_filter, problem_text
from .fields import FieldCatalog
from .pickers import DataTypePicker, FieldPicker, OperatorPicker
from .value_editors import ValueEditor

LEFT_OUT = "Left out of the search until complete"


class FilterRow(QFrame):
    """A filter being built. ``filter`` is the one it makes, or ``None`` while incomplete or refused.

    The row says what it lacks (``status``) or what is wrong with it (``error``: the client's check
    or the server's 422, which ``show_server_error`` puts here). It emits ``edited`` on every change
    the user makes, ``submitted`` on Enter in a value, ``removeRequested`` from its ✕ button.
    """

    edited = Signal()
    submitted = Signal()
    removeRequested = Signal()

    def __init__(self, catalog: FieldCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterRow")
        self.setAccessibleName("Filter")
        self.filter: SearchFilter | None = None
        self.problem = ""  # why the row is left out, or what is wrong with it
        self._server_error: str | None = None
        self._loading = False
        self._refused = False

        self.field_picker = FieldPicker()
        self.field_picker.setAccessibleName("Field")
        self.field_picker.set_catalog(catalog)
        self.type_picker = DataTypePicker()
        self.operator_picker = OperatorPicker()
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAccessibleName("Remove filter")
        self.remove_button.setToolTip("Remove this filter")
        self.remove_button.setAutoRaise(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = ErrorLabel()
        self.value_editor = ValueEditor(DataType.TEXT, None, None)

        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(6, 6, 4, 6)
        self._grid.setHorizontalSpacing(4)
        self._grid.setVerticalSpacing(4)
        self._grid.addWidget(self.field_picker, 0, 0)  # the whole width: "Date of birth (date_of_birth)"
        self._grid.addWidget(self.remove_button, 0, 1)
        comparison = QHBoxLayout()  # like the sort picker: data type (custom fields only), then operator
        comparison.setSpacing(4)
        comparison.addWidget(self.type_picker)
        comparison.addWidget(self.operator_picker, 1)
        self._grid.addLayout(comparison, 1, 0, 1, 2)
        self._grid.addWidget(self.value_editor, 2, 0, 1, 2)
        self._grid.addWidget(self.status, 3, 0, 1, 2)
        self._grid.addWidget(self.error, 4, 0, 1, 2)
        self._grid.setColumnStretch(0, 1)

        self.field_picker.currentIndexChanged.connect(lambda _i: self._field_changed())
        self.type_picker.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.operator_picker.currentIndexChanged.connect(lambda _i: self._operator_changed())
        self.remove_button.clicked.connect(self.removeRequested)
        self._field_changed()

    # -- what the row holds ----------------------------------------------------------------------

    def draft(self) -> FilterDraft:
        field = self.field_picker.current_field()
        return FilterDraft(
            field=field,
            data_type=self.type_picker.data_type() if field is not None and field.custom else None,
            operator=self.operator_picker.operator() if field is not None else None,
            values=self.value_editor.values(),
        )

    @property
    def complete(self) -> bool:
        return self.filter is not None

    def load(self, draft: FilterDraft) -> None:
        """Show ``draft`` (e.g. a filter of a saved or pasted request); emits nothing."""
        self._loading = True
        try:
            self.field_picker.select(draft.field)
            if draft.field is not None:
                self.type_picker.set_data_type(draft.effective_type)
                self._offer_operators(draft.operator)
                self._place_value_editor()
                self.value_editor.set_values(draft.values)
            self._server_error = None
            self._refresh()
        finally:
            self._loading = False

    def set_catalog(self, catalog: FieldCatalog) -> None:
        """The workspace's fields changed: offer the new ones; a deleted field stays, marked missing."""
        before = (self.draft().field, self.filter)
        self._loading = True
        try:
            self.field_picker.set_catalog(catalog)
            self._place_value_editor(force=True)
            self._show_pickers()
            self._refresh()
            if self.filter != before[1] and self._server_error is not None:
                self._server_error = None  # it was about the filter the row made before
                self._show_state()
        finally:
            self._loading = False
        if (self.draft().field, self.filter) != before:
            self.edited.emit()

    def show_server_error(self, message: str | None) -> None:
        """The server refused this row's filter (a 422 on ``advanced_search.N``): say why, here (``None``: clear)."""
        self._server_error = message
        self._show_state()

    def focus_field(self) -> None:
        self.field_picker.setFocus()

    # -- reacting to the pickers -------------------------------------------------------------------

    def _field_changed(self) -> None:
        field = self.field_picker.current_field()
        if field is not None:
            self.type_picker.blockSignals(True)
            self.type_picker.set_data_type(field.preset_type)
            self.type_picker.blockSignals(False)
            self._offer_operators(self.operator_picker.operator())
        self._show_pickers()
        self._place_value_editor()
        self._changed()

    def _type_changed(self) -> None:
        self._offer_operators(self.operator_picker.operator())
        self._place_value_editor()
        self._changed()

    def _operator_changed(self) -> None:
        self._place_value_editor()
        self._changed()

    def _offer_operators(self, current) -> None:
        self.operator_picker.offer(self.draft().effective_type, current)

    def _show_pickers(self) -> None:
        field = self.field_picker.current_field()
        self.type_picker.setVisible(field is not None and field.custom)
        self.operator_picker.setEnabled(field is not None)
        if field is None:
            self.operator_picker.blockSignals(True)
            self.operator_picker.clear()
            self.operator_picker.blockSignals(False)

    def _place_value_editor(self, *, force: bool = False) -> None:
        """The editor for the data type and operator; what was typed stays while the data type does."""
        draft = self.draft()
        editor = ValueEditor(draft.effective_type, draft.operator, draft.field)
        if editor.kind == self.value_editor.kind and not force:
            editor.deleteLater()
            return
        if editor.kind[0] == self.value_editor.kind[0]:
            editor.set_values(self.value_editor.values())
        old, self.value_editor = self.value_editor, editor
        self._grid.replaceWidget(old, editor)
        old.deleteLater()
        editor.edited.connect(self._changed)
        editor.submitted.connect(self.submitted)

    def _changed(self) -> None:
        if self._loading:
            return
        self._server_error = None  # the user is fixing it
        self._refresh()
        self.edited.emit()

    # -- state ---------------------------------------------------------------------------------------

    def _refresh(self) -> None:
        try:
            self.filter, self.problem, self._refused = build_filter(self.draft()), "", False
        except Incomplete as exc:
            self.filter, self.problem, self._refused = None, str(exc), False
        except ValidationError as exc:  # the client's own check: the server would refuse it too
            self.filter, self.problem, self._refused = None, problem_text(exc), True
        self._show_state()

    @property
    def state(self) -> str:
        """``complete``, ``incomplete`` or ``invalid`` (refused by the client's check or by the server)."""
        if self._server_error is not None or self._refused:
            return "invalid"
        return "complete" if self.filter is not None else "incomplete"

    @property
    def error_text(self) -> str:
        return self._server_error or (self.problem if self._refused else "")

    def _show_state(self) -> None:
        state = self.state
        self.status.setText(f"{LEFT_OUT}: {self.problem}" if state == "incomplete" else "")
        self.status.setVisible(state == "incomplete")
        self.error.show_message(self.error_text if state == "invalid" else None)
        self.setProperty("state", state)
        self.setAccessibleDescription(
            {"complete": "", "incomplete": self.status.text(), "invalid": self.error_text}[state]
        )
        if state == "invalid":
            border = f"1px solid {error_color(self.palette()).name()}"
        elif state == "incomplete":
            border = "1px dashed palette(placeholder-text)"
        else:
            border = "1px solid palette(mid)"
        self.setStyleSheet(f"QFrame#filterRow {{ border: {border}; border-radius: 4px; }}")
