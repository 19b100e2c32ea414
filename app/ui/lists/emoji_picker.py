"""An emoji picker: a search box over every emoji by name, and a grid to click in.

The catalogue (``emoji_catalog.py``, generated from the ``emoji`` package by
``tools/make_emoji_catalog.py``) holds Unicode's fully-qualified emoji with their CLDR names and
aliases; skin-tone variants are left out to keep the grid readable (they can still be typed or
pasted in the list dialog's free input). With no search, a few emoji that suit contact lists come
first, then every emoji by name.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from ..shortcuts import local_shortcut

AnyIndex = QModelIndex | QPersistentModelIndex
#: Shown first when nothing is searched: emoji people use to tell lists apart.
SUGGESTED = (
    "⭐", "🔥", "💎", "🚀", "🎯", "📣", "💼", "🏢", "🤝", "💰", "📈", "🛒", "📦", "🎁", "🎉", "🆕",
    "✅", "❗", "⚠️", "🔔", "📞", "✉️", "📅", "🗓️", "🧪", "🛠️", "🌍", "🏷️", "📌", "❤️", "👑", "🧡",
    "💙", "💚", "💜", "🟢", "🟡", "🔴", "🔵", "⚪",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Emoji:
    char: str
    name: str  # "grinning face"
    words: str  # the name and aliases, lower case, for searching


@functools.cache
def catalogue() -> tuple[Emoji, ...]:
    """Every emoji offered: the suggested ones first, then all others by name (read once)."""
    from .emoji_catalog import CATALOG  # read when the picker is first opened, not at start

    everything = {}
    for line in CATALOG.splitlines():
        char, name, aliases = line.split("|")
        everything[char] = Emoji(char, name, f"{name.lower()} {aliases}".strip())
    first = [everything[char] for char in SUGGESTED if char in everything]
    rest = sorted((e for c, e in everything.items() if c not in SUGGESTED), key=lambda e: e.name.lower())
    return (*first, *rest)


def search(emojis: tuple[Emoji, ...], text: str) -> list[Emoji]:
    """Emoji whose name or alias contains every word typed (in any order); the emoji itself matches too."""
    words = text.lower().split()
    if not words:
        return list(emojis)
    return [e for e in emojis if e.char == text.strip() or all(w in e.words for w in words)]


class EmojiModel(QAbstractListModel):
    """The emoji shown in the grid."""

    def __init__(self) -> None:
        super().__init__()
        self._all = catalogue()
        self._shown: list[Emoji] = list(self._all)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.char
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.name
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._shown = search(self._all, text)
        self.endResetModel()

    def emoji_at(self, row: int) -> Emoji:
        return self._shown[row]


class EmojiPicker(QDialog):
    """Search and pick an emoji; ``chosen(str)`` when one is clicked or Enter is pressed on it."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose an emoji")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search emoji by name, e.g. star, rocket, heart")
        self.search.setAccessibleName("Search emoji")
        self.search.setClearButtonEnabled(True)
        self.model = EmojiModel()
        self.grid = QListView()
        self.grid.setAccessibleName("Emoji")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setWordWrap(False)
        font = QFont(self.grid.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.grid.setFont(font)
        side = self.grid.fontMetrics().height() + 14
        self.grid.setGridSize(QSize(side, side))
        self.grid.setModel(self.model)
        self.grid.setMouseTracking(True)
        self.name = QLabel(" ")
        self.name.setAccessibleName("Emoji name")
        self.empty = QLabel("No emoji has that name. Type or paste it in the list's emoji field instead.")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.name)
        self.resize(12 * side + 40, 8 * side + 120)

        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._choose_first)
        self.grid.clicked.connect(self._choose)
        self.grid.activated.connect(self._choose)
        self.grid.entered.connect(self._describe)
        self.grid.selectionModel().currentChanged.connect(lambda index, _old: self._describe(index))
        local_shortcut(QKeySequence(Qt.Key.Key_Down), self.search, self._into_grid)

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)
        if not empty:
            self.grid.setCurrentIndex(self.model.index(0))

    def _into_grid(self) -> None:
        self.grid.setFocus(Qt.FocusReason.TabFocusReason)
        if self.model.rowCount():
            self.grid.setCurrentIndex(self.model.index(0))

    def _describe(self, index: QModelIndex) -> None:
        if index.isValid():
            item = self.model.emoji_at(index.row())
            self.name.setText(f"{item.char}  {item.name}")

    def _choose_first(self) -> None:
        if self.model.rowCount():
            self._choose(
                self.grid.currentIndex() if self.grid.currentIndex().isValid() else self.model.index(0)
            )

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(self.model.emoji_at(index.row()).char)
            self.accept()
