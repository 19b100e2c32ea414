"""One editor widget per custom field type; each reads and writes the value's wire form.

``editor_for(definition)`` picks the widget: text → line edit, numbers → spin boxes, checkbox →
check box, dates and times → pickers, select → combo, multiselect → checkable list, user and
relative date → line edit with the expected format. Every editor has a "Clear" button (the value
becomes ``null``), read-only definitions (``editable: false``) get no editor, and sensitive values
stay masked until the user clicks "Show".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QRegularExpression, QSize, Qt, QTime, Signal
from PySide6.QtGui import QRegularExpressionValidator, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.schema import CustomField, FieldType

from .contact_draft import same_value
from .feedback import ErrorLabel
from .formatting import EMPTY, format_datetime, format_value

MASK = "••••••••"
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
#: The relative date format the API accepts (decisions.md): optional sign, up to 6 digits, a unit.
RELATIVE_DATE_PATTERN = r"[+-]?\d{1,6}[dwmy]"
READ_ONLY_TIP = "Read-only: this field is filled by integrations, not edited in the app."
#: The expected format of line-edited types, shown in the empty field.
PLACEHOLDERS = {
    FieldType.USER: "User uuid or email",
    FieldType.RELATIVE_DATE: "e.g. +3d, -2w, 1m or 1y",
}
_WHOLE = re.compile(r"[+-]?\d*")
_DECIMAL = re.compile(r"[+-]?\d*([.,]\d*)?")


def display_text(field_type: FieldType | None, value: Any) -> str:
    """A value as one line of text; date-times in the computer's time zone."""
    if field_type is FieldType.DATE_TIME and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            return format_datetime(moment)
    if field_type is FieldType.PERCENTAGE and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{number_text(value)} %"
    return format_value(value)


def parse_datetime(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=None).astimezone()


def number_text(value: int | float) -> str:
    """A number as typed: ``12``, ``12.5``, ``0.1`` (no exponent, no float noise)."""
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")


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


class NumberSpinBox(QAbstractSpinBox):
    """A spin box for whole (64-bit) or decimal numbers; empty means no value.

    Text that is not a number yet (``-``) is kept as typed, so the server's message explains it.
    """

    edited = Signal()

    def __init__(self, whole: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole = whole
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        self.lineEdit().setPlaceholderText("Not set")
        self.lineEdit().textEdited.connect(lambda _text: self.edited.emit())

    def number(self) -> int | float | str | None:
        text = self.text().strip()
        if not text:
            return None
        parsed = self._parse(text)
        return text if parsed is None else parsed

    def set_number(self, value: int | float | None) -> None:
        self.lineEdit().setText("" if value is None else number_text(value))

    def _parse(self, text: str) -> int | float | None:
        if self._whole:
            if not _WHOLE.fullmatch(text):
                return None
            try:
                number = int(text)
            except ValueError:
                return None
            return number if INT64_MIN <= number <= INT64_MAX else None
        if not _DECIMAL.fullmatch(text):
            return None
        try:
            exact = Decimal(text.replace(",", "."))
        except InvalidOperation:
            return None
        if "." not in text and "," not in text:
            return int(exact)
        return float(exact)

    def validate(self, text: str, pos: int) -> QValidator.State:
        stripped = text.strip()
        if not stripped or self._parse(stripped) is not None:
            return QValidator.State.Acceptable
        pattern = _WHOLE if self._whole else _DECIMAL
        return QValidator.State.Intermediate if pattern.fullmatch(stripped) else QValidator.State.Invalid

    def stepBy(self, steps: int) -> None:
        current = self.number()
        base = current if isinstance(current, int | float) else 0
        stepped = base + steps
        if self._whole and not INT64_MIN <= stepped <= INT64_MAX:
            return
        self.set_number(stepped)
        self.edited.emit()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self.isReadOnly():
            return QAbstractSpinBox.StepEnabledFlag.StepNone
        return (
            QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        )


class Pages(QWidget):
    """Shows one of its pages; unlike a stacked widget it takes the size of the page shown only."""

    def __init__(self, *pages: QWidget) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._pages = pages
        for page in pages:
            layout.addWidget(page)
        self.show_page(0)

    def current(self) -> int:
        return next(i for i, page in enumerate(self._pages) if not page.isHidden())

    def show_page(self, index: int) -> None:
        for i, page in enumerate(self._pages):
            page.setHidden(i != index)


class FieldEditor(QWidget):
    """Edits one custom field's value: ``value()`` is its wire form (``None``: no value).

    ``set_value(v)`` shows a stored value and remembers it as the unmodified one; ``is_modified()``
    says whether the user changed it since. ``changed`` is emitted on every user edit.
    """

    changed = Signal()

    def __init__(self, definition: CustomField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self._writing = False
        self._initial: Any = None
        name = definition.name

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.input = self._build_input()
        masked = QWidget()
        masked_row = QHBoxLayout(masked)
        masked_row.setContentsMargins(0, 0, 0, 0)
        masked_label = QLabel(MASK)
        masked_label.setAccessibleName(f"{name}: hidden")
        masked_row.addWidget(masked_label, 1)
        self.show_button = QPushButton("Show")
        self.show_button.setAccessibleName(f"Show {name}")
        self.show_button.setToolTip("This field is sensitive: show its value")
        self.show_button.clicked.connect(self.reveal)
        masked_row.addWidget(self.show_button)
        self._stack = Pages(self.input, masked)
        row.addWidget(self._stack, 1)

        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setAccessibleName(f"Clear {name}")
        self.clear_button.setToolTip(f"Remove the value of {name}")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setVisible(definition.editable)
        row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.setFocusProxy(self.focus_target())

    # -- for subclasses ------------------------------------------------------------------------

    def _build_input(self) -> QWidget:
        raise NotImplementedError

    def _write(self, value: Any) -> None:
        raise NotImplementedError

    def _read(self) -> Any:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        """The widget that takes the keyboard focus for this field."""
        return self.input

    def _user_changed(self, *_args: Any) -> None:
        if not self._writing:
            self.error.show_message(None)
            self.changed.emit()

    # -- public ----------------------------------------------------------------------------------

    @property
    def masked(self) -> bool:
        return self._stack.current() == 1

    def set_value(self, value: Any, *, initial: bool = True) -> None:
        """Show ``value``; with ``initial`` it becomes the unmodified value (and a sensitive one is masked)."""
        self._writing = True
        try:
            self._write(value)
        finally:
            self._writing = False
        if initial:
            self._initial = self._read()
            hide = self.definition.sensitive and value is not None
            self._stack.show_page(1 if hide else 0)
            self.clear_button.setVisible(self.definition.editable and not hide)
            self.error.show_message(None)
        else:
            self._user_changed()

    def value(self) -> Any:
        return self._read()

    def is_modified(self) -> bool:
        return not same_value(self._read(), self._initial)

    def clear(self) -> None:
        """Remove the value (``null`` is sent on save)."""
        self.reveal()
        self.set_value(None, initial=False)

    def reveal(self) -> None:
        """Show a masked (sensitive) value."""
        if self.masked:
            self._stack.show_page(0)
            self.clear_button.setVisible(self.definition.editable)
            self.focus_target().setFocus()

    def set_error(self, message: str | None) -> None:
        self.error.show_message(message)
        self.focus_target().setAccessibleDescription(message or "")


class TextEditor(FieldEditor):
    """text, user and relative date values: a line edit (user and relative date show their format)."""

    def _build_input(self) -> QWidget:
        edit = QLineEdit()
        edit.setAccessibleName(self.definition.name)
        kind = self.definition.field_type
        edit.setPlaceholderText(PLACEHOLDERS.get(kind, ""))
        if kind is FieldType.RELATIVE_DATE:
            edit.setToolTip("A signed number and a unit: d (days), w (weeks), m (months) or y (years)")
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(RELATIVE_DATE_PATTERN), edit))
        elif kind is FieldType.USER:
            edit.setToolTip("The user's uuid or email address")
        edit.textEdited.connect(self._user_changed)
        return edit

    def _write(self, value: Any) -> None:
        assert isinstance(self.input, QLineEdit)
        self.input.setText("" if value is None else str(value))
        self.input.setCursorPosition(0)

    def _read(self) -> Any:
        assert isinstance(self.input, QLineEdit)
        return self.input.text() or None


class NumberEditor(FieldEditor):
    """Whole, decimal and percentage numbers: a spin box (percent values as given, e.g. 12.5 %)."""

    def _build_input(self) -> QWidget:
        self.spin = NumberSpinBox(whole=self.definition.field_type is FieldType.INTEGER)
        self.spin.setAccessibleName(self.definition.name)
        self.spin.edited.connect(self._user_changed)
        if self.definition.field_type is not FieldType.PERCENTAGE:
            return self.spin
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.spin, 1)
        row.addWidget(QLabel("%"))
        return box

    def focus_target(self) -> QWidget:
        return self.spin

    def _write(self, value: Any) -> None:
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        if value is not None and number is None:
            self.spin.lineEdit().setText(str(value))
        else:
            self.spin.set_number(number)

    def _read(self) -> Any:
        return self.spin.number()


class CheckboxEditor(FieldEditor):
    """A check box; a partly checked box means "no value" (one click checks it)."""

    def _build_input(self) -> QWidget:
        box = QCheckBox()
        box.setAccessibleName(self.definition.name)
        box.stateChanged.connect(self._state_changed)
        return box

    def _state_changed(self, state: int) -> None:
        assert isinstance(self.input, QCheckBox)
        if Qt.CheckState(state) != Qt.CheckState.PartiallyChecked and self.input.isTristate():
            self.input.setTristate(False)
        self.input.setToolTip("No value" if self._read() is None else "")
        self._user_changed()

    def _write(self, value: Any) -> None:
        assert isinstance(self.input, QCheckBox)
        if value is None:
            self.input.setTristate(True)
            self.input.setCheckState(Qt.CheckState.PartiallyChecked)
        else:
            self.input.setTristate(False)
            self.input.setChecked(bool(value))

    def _read(self) -> Any:
        assert isinstance(self.input, QCheckBox)
        state = self.input.checkState()
        return None if state == Qt.CheckState.PartiallyChecked else state == Qt.CheckState.Checked


class PickerEditor(FieldEditor):
    """Date and time values: "Not set" with a Set button, or a picker once there is a value."""

    def _build_input(self) -> QWidget:
        unset = QWidget()
        row = QHBoxLayout(unset)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Not set")
        label.setEnabled(False)
        row.addWidget(label, 1)
        self.set_button = QPushButton("Set")
        self.set_button.setAccessibleName(f"Set {self.definition.name}")
        self.set_button.setToolTip(f"Give {self.definition.name} a value")
        self.set_button.clicked.connect(self._start_value)
        row.addWidget(self.set_button)
        self.picker = self._build_picker()
        self.picker.setAccessibleName(self.definition.name)
        self._pages = Pages(unset, self.picker)
        return self._pages

    def focus_target(self) -> QWidget:
        return self.picker if self._pages.current() == 1 else self.set_button

    def _build_picker(self) -> QDateTimeEdit:
        raise NotImplementedError

    def _default(self) -> Any:
        raise NotImplementedError

    def _start_value(self) -> None:
        self._write(self._default())
        self.setFocusProxy(self.picker)
        self.picker.setFocus()
        self._user_changed()

    def _write(self, value: Any) -> None:
        if value is None or not self._show(value):
            self._pages.show_page(0)
        else:
            self._pages.show_page(1)
        self.setFocusProxy(self.focus_target())

    def _show(self, value: Any) -> bool:
        """Put ``value`` in the picker; ``False`` if it cannot be read."""
        raise NotImplementedError

    def _read(self) -> Any:
        return None if self._pages.current() == 0 else self._picked()

    def _picked(self) -> Any:
        raise NotImplementedError


class DateEditor(PickerEditor):
    def _build_picker(self) -> QDateTimeEdit:
        picker = QDateEdit()
        picker.setCalendarPopup(True)
        picker.setDisplayFormat("yyyy-MM-dd")
        picker.dateChanged.connect(self._user_changed)
        return picker

    def _default(self) -> Any:
        return date.today().isoformat()

    def _show(self, value: Any) -> bool:
        parsed = QDate.fromString(str(value), "yyyy-MM-dd")
        if parsed.isValid():
            self.picker.setDate(parsed)
        return parsed.isValid()

    def _picked(self) -> Any:
        return self.picker.date().toString("yyyy-MM-dd")


class DateTimeEditor(PickerEditor):
    """Shown in the computer's time zone; sent as ISO 8601 with that zone's offset."""

    def _build_picker(self) -> QDateTimeEdit:
        picker = QDateTimeEdit()
        picker.setCalendarPopup(True)
        picker.setDisplayFormat("yyyy-MM-dd HH:mm")
        picker.setToolTip("Local time")
        picker.dateTimeChanged.connect(self._user_changed)
        return picker

    def _default(self) -> Any:
        return datetime.now().astimezone().replace(second=0, microsecond=0).isoformat()

    def _show(self, value: Any) -> bool:
        moment = parse_datetime(str(value))
        if moment is None:
            return False
        local = moment.astimezone()
        self.picker.setDateTime(
            QDateTime(
                QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
            )
        )
        return True

    def _picked(self) -> Any:
        d, t = self.picker.date(), self.picker.time()
        local = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second()).astimezone()
        return local.isoformat(timespec="seconds")


class TimeEditor(PickerEditor):
    def _build_picker(self) -> QDateTimeEdit:
        picker = QTimeEdit()
        picker.setDisplayFormat("HH:mm")
        picker.timeChanged.connect(self._user_changed)
        return picker

    def _default(self) -> Any:
        return datetime.now().strftime("%H:%M")

    def _show(self, value: Any) -> bool:
        try:
            parsed = time.fromisoformat(str(value))
        except ValueError:
            return False
        self.picker.setTime(QTime(parsed.hour, parsed.minute, parsed.second))
        return True

    def _picked(self) -> Any:
        t = self.picker.time()
        return f"{t.hour():02}:{t.minute():02}" + (f":{t.second():02}" if t.second() else "")


class SelectEditor(FieldEditor):
    """A combo of the active options; an archived option the contact still holds is listed, marked."""

    def _build_input(self) -> QWidget:
        combo = QComboBox()
        combo.setAccessibleName(self.definition.name)
        combo.currentIndexChanged.connect(self._user_changed)
        return combo

    def _write(self, value: Any) -> None:
        combo = self.input
        assert isinstance(combo, QComboBox)
        combo.clear()
        combo.addItem(EMPTY, None)
        for option in self.definition.active_options:
            combo.addItem(option.display_label, option.display_label)
        if value is not None and combo.findData(value) < 0:
            combo.addItem(_held_label(self.definition, value), value)
        combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)

    def _read(self) -> Any:
        assert isinstance(self.input, QComboBox)
        return self.input.currentData()


class _OptionList(QListWidget):
    """A list as tall as its options (up to ``VISIBLE_ROWS``; it scrolls beyond)."""

    VISIBLE_ROWS = 6

    def sizeHint(self) -> QSize:
        rows = min(max(self.count(), 1), self.VISIBLE_ROWS)
        row_height = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        return QSize(super().sizeHint().width(), rows * row_height + 2 * self.frameWidth() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.sizeHint().height())


class MultiSelectEditor(FieldEditor):
    """A checkable list of the active options (and archived ones the contact still holds, marked)."""

    def _build_input(self) -> QWidget:
        options = _OptionList()
        options.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        options.setAccessibleName(self.definition.name)
        options.itemChanged.connect(self._user_changed)
        return options

    def _write(self, value: Any) -> None:
        options = self.input
        assert isinstance(options, QListWidget)
        chosen = list(value) if isinstance(value, list) else []
        options.clear()
        labels = [o.display_label for o in self.definition.active_options]
        labels += [label for label in chosen if label not in labels]
        for label in labels:
            item = QListWidgetItem(
                label if _is_active(self.definition, label) else _held_label(self.definition, label)
            )
            item.setData(Qt.ItemDataRole.UserRole, label)
            if not _is_active(self.definition, label):
                item.setToolTip(
                    "No longer an option: while it is ticked, the server refuses changes to this field."
                )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if label in chosen else Qt.CheckState.Unchecked)
            options.addItem(item)
        options.updateGeometry()

    def _read(self) -> Any:
        options = self.input
        assert isinstance(options, QListWidget)
        chosen = [
            options.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(options.count())
            if options.item(row).checkState() == Qt.CheckState.Checked
        ]
        return chosen or None

    def set_checked(self, label: str, checked: bool) -> None:
        """Check or uncheck an option as the user would (tests, keyboard helpers)."""
        options = self.input
        assert isinstance(options, QListWidget)
        for row in range(options.count()):
            item = options.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == label:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class ReadOnlyEditor(FieldEditor):
    """A definition with ``editable: false``: its value is shown, never changed by the app."""

    _value: Any = None

    def _build_input(self) -> QWidget:
        field = ValueField()
        field.setAccessibleName(self.definition.name)
        field.setToolTip(READ_ONLY_TIP)
        return field

    def _write(self, value: Any) -> None:
        assert isinstance(self.input, ValueField)
        self._value = value
        self.input.set_value(display_text(self.definition.field_type, value))

    def _read(self) -> Any:
        return self._value

    def clear(self) -> None:
        """Read-only: nothing to clear."""


def _is_active(definition: CustomField, label: str) -> bool:
    return any(o.display_label == label for o in definition.active_options)


def _held_label(definition: CustomField, label: str) -> str:
    archived = any(o.display_label == label and o.archived for o in definition.select_options or [])
    return f"{label} (archived)" if archived else f"{label} (not an option)"


EDITORS: dict[FieldType, type[FieldEditor]] = {
    FieldType.TEXT: TextEditor,
    FieldType.USER: TextEditor,
    FieldType.RELATIVE_DATE: TextEditor,
    FieldType.INTEGER: NumberEditor,
    FieldType.DECIMAL: NumberEditor,
    FieldType.PERCENTAGE: NumberEditor,
    FieldType.CHECKBOX: CheckboxEditor,
    FieldType.DATE: DateEditor,
    FieldType.DATE_TIME: DateTimeEditor,
    FieldType.TIME: TimeEditor,
    FieldType.SELECT: SelectEditor,
    FieldType.MULTISELECT: MultiSelectEditor,
}


def editor_for(definition: CustomField) -> FieldEditor:
    """The editor for a definition's type; read-only when the definition is not editable."""
    if not definition.editable:
        return ReadOnlyEditor(definition)
    return EDITORS[definition.field_type](definition)
