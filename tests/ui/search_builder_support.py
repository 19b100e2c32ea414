"""Driving the search builder the way a person does: the shortcut, clicks, typing, picking in combo boxes."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLineEdit, QWidget

from app.ui.search_builder.filter_row import FilterRow
from app.ui.search_builder.panel import SearchBuilderPanel
from app.ui.search_builder.value_editors import BooleanInput, DateInput, NumberInput, OptionInput, TextInput
from app.ui.views import SearchView


def open_builder(qtbot, window) -> SearchBuilderPanel:
    """Ctrl+Shift+F: the builder appears beside the table with its text field focused."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    panel = window.search_builder
    qtbot.waitUntil(panel.isVisible)
    assert panel.term_box.hasFocus()
    return panel


#: How long the user pauses before typing into a list: a list's type-ahead starts afresh after
#: ``keyboardInputInterval`` (400 ms by default; ``quick_type_ahead`` shortens it for the tests).
TYPE_AHEAD_MS = 40


@pytest.fixture(autouse=True)
def quick_type_ahead(qapp):
    interval = qapp.keyboardInputInterval()
    qapp.setKeyboardInputInterval(TYPE_AHEAD_MS)
    yield
    qapp.setKeyboardInputInterval(interval)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Click the combo box (its arrow), pause, type the start of an entry in its list, press Enter."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton, pos=QPoint(combo.width() - 8, combo.height() // 2))
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    qtbot.wait(TYPE_AHEAD_MS + 10)
    qtbot.keyClicks(view, text)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert combo.currentText().startswith(text), f"{text!r} not chosen: {combo.currentText()!r}"


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Click the input, select what it holds and type ``text``."""
    target = widget.line if isinstance(widget, DateInput) else widget
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(target, text)


def enter_value(qtbot, widget: QWidget, text: str) -> None:
    """Enter a value in whichever input the row shows for it."""
    if isinstance(widget, BooleanInput | OptionInput):
        choose(qtbot, widget, text)
    else:
        assert isinstance(widget, TextInput | NumberInput | DateInput), type(widget)
        type_into(qtbot, widget, text)


def add_filter(
    qtbot,
    panel: SearchBuilderPanel,
    field: str,
    operator: str | None = None,
    values: Sequence[str] = (),
    data_type: str | None = None,
) -> FilterRow:
    """Add filter, then pick the field (by the start of its label), data type, operator, and enter values."""
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    row = panel.rows[-1]
    choose(qtbot, row.field_picker, field)
    if data_type is not None:
        choose(qtbot, row.type_picker, data_type)
    if operator is not None:
        choose(qtbot, row.operator_picker, operator)
    assert len(values) <= len(row.value_editor.inputs)
    for widget, text in zip(row.value_editor.inputs, values, strict=False):
        enter_value(qtbot, widget, text)
    return row


def searched(qtbot, browser, body: dict, timeout: int = 5_000) -> None:
    """Wait until the table shows the answer to a search with exactly ``body``."""
    model = browser.model

    def done() -> bool:
        view = model.view
        return isinstance(view, SearchView) and view.request.to_wire() == body and model.total is not None

    qtbot.waitUntil(done, timeout=timeout)
    assert browser.transport.searches()[-1] == body


def request_shown(qtbot, session) -> dict:
    """Show request: the JSON body in the dialog, read back."""
    qtbot.mouseClick(session.window.search_builder.show_request_button, Qt.MouseButton.LeftButton)
    dialog = session.search_builder.dialog
    qtbot.waitUntil(dialog.isVisible)
    body = json.loads(dialog.text.toPlainText())
    dialog.reject()
    return body


def name_dialog(qtbot) -> QInputDialog:
    found: list[QInputDialog] = []

    def shown() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def answer_name(qtbot, name: str) -> QInputDialog:
    """Type a name into the name dialog shown and press Enter."""
    dialog = name_dialog(qtbot)
    line = dialog.findChild(QLineEdit)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, name)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    return dialog
