"""The contact changed on the server while the user edited it: both versions side by side, user chooses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.schema import FieldType

from .contact_draft import CUSTOM_PREFIX, FieldVersions
from .field_editors import display_text
from .formatting import format_datetime

FIELD, YOURS, THEIRS, CHANGED, KEEP = range(5)


class Choice(StrEnum):
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"
    MERGE = "merge"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The user's choice, and the paths whose value is to be the user's (the rest is the server's)."""

    choice: Choice
    keep_mine: frozenset[str]


def _who_changed(row: FieldVersions) -> str:
    if row.changed_by_me and row.changed_by_them:
        return "both"
    if row.changed_by_me:
        return "you"
    return "server" if row.changed_by_them else ""


class ConflictDialog(QDialog):
    """Both versions of every field; fields that differ are highlighted and can be chosen one by one.

    "Keep mine" saves the user's version of every field, "Take theirs" drops the user's edits,
    "Save merge" keeps the user's value where "Keep yours" is ticked. Closing the dialog decides
    nothing: the edits stay in the form, unsaved.
    """

    resolved = Signal(object)  # Resolution

    def __init__(
        self,
        parent: QWidget,
        rows: list[FieldVersions],
        *,
        contact_name: str,
        field_types: Mapping[str, FieldType],
        their_updated_at: datetime,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("The contact was changed meanwhile")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(720, 480)
        self.rows = [row for row in rows if row.differs or row.mine is not None or row.theirs is not None]
        self._types = field_types

        intro = QLabel(
            f"{contact_name} was changed on the server ({format_datetime(their_updated_at)}) after you opened"
            " it. Highlighted fields differ between your version and the server's. Choose what to keep;"
            " nothing is saved until you do."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), 5)
        self.table.setAccessibleName("Your version and the server's version")
        self.table.setHorizontalHeaderLabels(
            ["Field", "Your version", "On the server", "Changed by", "Keep yours"]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (YOURS, THEIRS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column, width in ((FIELD, 130), (CHANGED, 90), (KEEP, 100)):
            header.resizeSection(column, width)
        self._fill()

        self.buttons = QDialogButtonBox()
        self.keep_mine_button = self._add_button("Keep mine (overwrite)", Choice.KEEP_MINE)
        self.keep_mine_button.setToolTip("Save your version of every field over the server's")
        self.take_theirs_button = self._add_button("Take theirs (discard mine)", Choice.TAKE_THEIRS)
        self.take_theirs_button.setToolTip("Drop your changes and show the server's version")
        self.merge_button = self._add_button("Save merge", Choice.MERGE)
        self.merge_button.setToolTip("Save your value where “Keep yours” is ticked, the server's elsewhere")
        cancel = self.buttons.addButton("Decide later", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setToolTip("Close this and keep editing; nothing is saved or lost")
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.merge_button.setDefault(True)

    def _add_button(self, text: str, choice: Choice) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _text(self, row: FieldVersions, value: Any) -> str:
        if row.path.startswith(CUSTOM_PREFIX):
            return display_text(self._types.get(row.path.removeprefix(CUSTOM_PREFIX)), value)
        return display_text(None, value)

    def _fill(self) -> None:
        palette = self.palette()
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        highlight.setAlpha(60)
        for index, row in enumerate(self.rows):
            cells = [
                QTableWidgetItem(row.label),
                QTableWidgetItem(self._text(row, row.mine)),
                QTableWidgetItem(self._text(row, row.theirs)),
                QTableWidgetItem(_who_changed(row)),
            ]
            cells[0].setToolTip(row.path)
            for column, cell in enumerate(cells):
                cell.setToolTip(cell.text() if column in (YOURS, THEIRS) else cell.toolTip())
                if row.differs:
                    font = QFont(cell.font())
                    font.setBold(True)
                    cell.setFont(font)
                    cell.setBackground(QBrush(highlight))
                self.table.setItem(index, column, cell)
            keep = QTableWidgetItem()
            if row.differs:
                keep.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                keep.setCheckState(Qt.CheckState.Checked if row.changed_by_me else Qt.CheckState.Unchecked)
                keep.setText("yours")
                keep.setBackground(QBrush(highlight))
            else:
                keep.setFlags(Qt.ItemFlag.ItemIsEnabled)
                keep.setText("same")
            self.table.setItem(index, KEEP, keep)

    def differing_paths(self) -> list[str]:
        return [row.path for row in self.rows if row.differs]

    def set_keep_mine(self, path: str, keep: bool) -> None:
        """Tick or untick "Keep yours" for one field (as the user does with Space or a click)."""
        index = next(i for i, row in enumerate(self.rows) if row.path == path)
        self.table.item(index, KEEP).setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)

    def kept_paths(self) -> frozenset[str]:
        return frozenset(
            row.path
            for index, row in enumerate(self.rows)
            if row.differs and self.table.item(index, KEEP).checkState() == Qt.CheckState.Checked
        )

    def _choose(self, choice: Choice) -> None:
        if choice is Choice.KEEP_MINE:
            keep = frozenset(self.differing_paths())
        elif choice is Choice.TAKE_THEIRS:
            keep = frozenset()
        else:
            keep = self.kept_paths()
        self.resolved.emit(Resolution(choice, keep))
        self.accept()
