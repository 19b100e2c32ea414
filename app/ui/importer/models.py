"""Item models of the importer: the check's problems (any number of rows, read in O(1))."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.importing import PROBLEM_LABELS, RowProblem

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
ROW_PADDING = 8


def compact_table(view: QTableView, *, row_numbers: bool = False, row_height: int | None = None) -> None:
    """Read-only, one line per row, fixed row height (no content sizing), last column stretched."""
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(row_height or view.fontMetrics().height() + ROW_PADDING)
    rows.setVisible(row_numbers)
    view.setWordWrap(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)


def fit_header_widths(view: QTableView, minimum: int = 60) -> None:
    """Columns as wide as their titles (cheap: no content is measured)."""
    metrics = view.horizontalHeader().fontMetrics()
    model = view.model()
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal, DISPLAY) or "")
        view.setColumnWidth(column, max(minimum, metrics.horizontalAdvance(title) + 24))


class ProblemsModel(QAbstractTableModel):
    """One row per problem row of the file: its row number, the kind of problem and the reason."""

    HEADERS = ("Row", "Problem", "Reason")

    def __init__(self) -> None:
        super().__init__()
        self._problems: Sequence[RowProblem] = ()

    def set_problems(self, problems: Sequence[RowProblem]) -> None:
        self.beginResetModel()
        self._problems = problems
        self.endResetModel()

    def problem(self, row: int) -> RowProblem:
        return self._problems[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> object:
        if role not in (DISPLAY, Qt.ItemDataRole.ToolTipRole) or not index.isValid():
            return None
        problem = self._problems[index.row()]
        column = index.column()
        if column == 0:
            return f"{problem.row:,}"
        if column == 1:
            return PROBLEM_LABELS[problem.kind]
        return problem.reason

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None
