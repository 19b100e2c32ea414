"""Keyboard shortcuts that act only where they belong."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def local_shortcut(
    keys: QKeySequence | QKeySequence.StandardKey,
    widget: QWidget,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetShortcut,
) -> QShortcut:
    """A shortcut active only while ``widget`` has focus (or one of its children, with WidgetWithChildrenShortcut).

    PySide6's ``QShortcut(key, parent, slot, context)`` constructor drops the context without a word and makes a
    window-wide shortcut (Delete in the contacts table would delete a note), so the context is set afterwards.
    """
    shortcut = QShortcut(QKeySequence(keys), widget)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
    return shortcut
