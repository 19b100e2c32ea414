"""Shortcuts meant for one widget stay there (Delete in the table must not delete a note)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QListWidget, QTableView, QVBoxLayout, QWidget

from app.ui.shortcuts import local_shortcut


def test_a_local_shortcut_fires_only_in_its_widget(qtbot):
    window = QWidget()
    notes, elsewhere = QListWidget(), QTableView()
    layout = QVBoxLayout(window)
    layout.addWidget(notes)
    layout.addWidget(elsewhere)
    qtbot.addWidget(window)
    pressed: list[str] = []
    local_shortcut(QKeySequence.StandardKey.Delete, notes, lambda: pressed.append("delete"))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    elsewhere.setFocus()
    qtbot.keyClick(elsewhere, Qt.Key.Key_Delete)
    assert pressed == []
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_Delete)
    assert pressed == ["delete"]
