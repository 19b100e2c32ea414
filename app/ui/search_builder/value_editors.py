"""The value editor of a filter row, fitting its data type and operator.

text → a line (for a select or multiselect field, an editable combo of its options); long → a
64-bit whole-number spin box; double → a decimal spin box; date → a ``YYYY-MM-DD`` line with a
calendar; boolean → true/false; ``range`` → two of them; ``exists``/``not_exists`` → none. Every
editor reads and writes its values as the strings the request carries (``""``: nothing entered).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.schema import DataType, Operator

from ..field_editors import NumberSpinBox, number_text
from .drafts import values_needed
from .fields import FieldInfo

DATE_FORMAT_HINT = "YYYY-MM-DD"
#: What may be typed: a date, or an ISO 8601 date-time (as a pasted request may hold).
_DATE_TYPING = QRegularExpression(r"\d{0,4}(-\d{0,2}(-\d{0,2}([Tt ][0-9:.+\-Zz]*)?)?)?")


class TextInput(QLineEdit):
    """A text value."""

    edited = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Text")
        self.setClearButtonEnabled(True)
        self.textChanged.connect(lambda _text: self.edited.emit())
        self.returnPressed.connect(self.submitted)

    def value(self) -> str:
        return self.text()

    def set_value(self, text: str) -> None:
        self.setText(text)


class OptionInput(QComboBox):
    """A text value for a select or multiselect field: one of its options, or any text typed."""

    edited = Signal()
    submitted = Signal()

    def __init__(self, field: FieldInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for label in field.options:
            self.addItem(label)
            if label in field.archived_options:
                self.setItemData(self.count() - 1, "Archived option", Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(-1)
        self.lineEdit().setPlaceholderText("Choose or type an option")
        self.lineEdit().setClearButtonEnabled(True)
        self.editTextChanged.connect(lambda _text: self.edited.emit())
        self.lineEdit().returnPressed.connect(self.submitted)

    def value(self) -> str:
        return self.currentText()

    def set_value(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        self.setCurrentIndex(index)
        self.setEditText(text)


class NumberInput(NumberSpinBox):
    """A whole number (``long``: 64 bits) or a decimal number (``double``)."""

    submitted = Signal()

    def __init__(self, whole: bool, parent: QWidget | None = None) -> None:
        super().__init__(whole, parent)
        self.lineEdit().setPlaceholderText("Whole number" if whole else "Number")
        self.lineEdit().returnPressed.connect(self.submitted)

    def value(self) -> str:
        number = self.number()
        if number is None:
            return ""
        return number if isinstance(number, str) else number_text(number)

    def set_value(self, text: str) -> None:
        self.lineEdit().setText(text)


class DateInput(QWidget):
    """A date typed as ``YYYY-MM-DD`` or picked from a calendar."""

    edited = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setPlaceholderText(DATE_FORMAT_HINT)
        self.line.setValidator(QRegularExpressionValidator(_DATE_TYPING, self.line))
        self.line.setAccessibleName("Date")
        self.line.setToolTip("A date (YYYY-MM-DD: 00:00 UTC that day) or an ISO 8601 date-time")
        self.line.textChanged.connect(lambda _text: self.edited.emit())
        self.line.returnPressed.connect(self.submitted)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self._menu = QMenu(self)
        action = QWidgetAction(self._menu)
        action.setDefaultWidget(self.calendar)
        self._menu.addAction(action)
        self._menu.aboutToShow.connect(self._sync_calendar)
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.clicked.connect(self.show_calendar)
        self.button.setAccessibleName("Pick a date")
        self.button.setToolTip("Pick a date from a calendar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    def value(self) -> str:
        return self.line.text()

    def set_value(self, text: str) -> None:
        self.line.setText(text)

    def show_calendar(self) -> None:
        """Pop the calendar up under the field (``popup``, not ``exec``: no nested event loop)."""
        self._menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _sync_calendar(self) -> None:
        try:
            shown = date.fromisoformat(self.line.text()[:10])
        except ValueError:
            shown = date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _picked(self, day: QDate) -> None:
        self.line.setText(day.toString("yyyy-MM-dd"))
        self._menu.close()
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)


class BooleanInput(QComboBox):
    """``true`` or ``false`` (nothing chosen at first)."""

    edited = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItems(["true", "false"])
        self.setPlaceholderText("true or false")
        self.setCurrentIndex(-1)
        self.currentIndexChanged.connect(lambda _index: self.edited.emit())

    def value(self) -> str:
        return self.currentText() if self.currentIndex() >= 0 else ""

    def set_value(self, text: str) -> None:
        self.setCurrentIndex(self.findText(text))


Input = TextInput | OptionInput | NumberInput | DateInput | BooleanInput


def make_input(data_type: DataType, field: FieldInfo | None) -> Input:
    """One value input for ``data_type`` (the options of a select field under ``text``)."""
    if data_type is DataType.LONG:
        return NumberInput(whole=True)
    if data_type is DataType.DOUBLE:
        return NumberInput(whole=False)
    if data_type is DataType.DATE:
        return DateInput()
    if data_type is DataType.BOOLEAN:
        return BooleanInput()
    if field is not None and field.options:
        return OptionInput(field)
    return TextInput()


class ValueEditor(QWidget):
    """None, one or two inputs (``range``: "from … and …"); ``values()`` are their strings."""

    edited = Signal()
    submitted = Signal()

    def __init__(self, data_type: DataType, operator: Operator | None, field: FieldInfo | None) -> None:
        super().__init__()
        self.kind = (data_type, values_needed(operator), bool(field and field.options))
        self.inputs: list[Input] = [make_input(data_type, field) for _ in range(self.kind[1])]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for number, widget in enumerate(self.inputs):
            if number:
                layout.addWidget(QLabel("and"))
            widget.setAccessibleName("Value" if len(self.inputs) == 1 else ("From value", "To value")[number])
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            widget.edited.connect(self.edited)
            widget.submitted.connect(self.submitted)
            layout.addWidget(widget, 1)
        if self.inputs:
            self.setFocusProxy(self.inputs[0])
        else:
            self.setHidden(True)  # exists / not_exists take no value

    def values(self) -> tuple[str, ...]:
        return tuple(widget.value() for widget in self.inputs)

    def set_values(self, values: Sequence[str]) -> None:
        for widget, text in zip(self.inputs, values, strict=False):
            widget.set_value(text)
