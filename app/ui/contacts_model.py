"""A sparse table model of a server-side view: every row exists at once, rows load in blocks on demand.

What it shows is a *view* (``views.py``): the endpoint, its parameters and how it can be sorted.
``rowCount()`` is the view's ``total``. ``data()`` answers from memory in O(1): a row whose block is
not loaded yet shows a placeholder, and the block is asked for (``blockWanted``) once the view's
paint is over. The controller fetches it and hands the page back with ``apply_block``; the model
then emits ``dataChanged`` for those rows. Loaded blocks live in an LRU cache, with the display
text of every cell computed once when the block arrives.

Every change of view or order starts a new *generation*: answers to requests of an older
generation are dropped, so no row of another view or order can come back.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QGuiApplication, QPalette

if TYPE_CHECKING:
    from app.schema import Contact


from .columns import DEFAULT_COLUMNS, Column
from .formatting import MASK
from .views import AllContactsView, ContactsView

BLOCK_SIZE = 100
MAX_CACHED_BLOCKS = 100
LOADING_TEXT = "Loading…"
FAILED_TEXT = "Not loaded"
ARCHIVED_TIP = "Archived contact"

AnyIndex = QModelIndex | QPersistentModelIndex
# Looked up once: data() runs for every role of every visible cell on every paint.
DISPLAY = Qt.ItemDataRole.DisplayRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


@dataclass(frozen=True, slots=True, eq=False)
class BlockRequest:
    """One block to fetch: a page of ``view`` for a given generation."""

    generation: int
    block: int
    offset: int
    limit: int
    view: ContactsView


@dataclass(frozen=True, slots=True)
class _Block:
    contacts: list[Contact]
    cells: list[tuple[str, ...]]  # display text, computed once when the block arrives


class ContactsTableModel(QAbstractTableModel):
    """The rows of a view, loaded lazily in blocks (see the module docstring).

    ``viewChanged(view)`` is emitted when the view changes: a new view, or a sort by a header click.
    """

    blockWanted = Signal(object)  # BlockRequest
    totalChanged = Signal(int)
    viewChanged = Signal(object)  # ContactsView

    def __init__(
        self,
        columns: Sequence[Column] = DEFAULT_COLUMNS,
        view: ContactsView | None = None,
        *,
        block_size: int = BLOCK_SIZE,
        max_cached_blocks: int = MAX_CACHED_BLOCKS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._view: ContactsView = view or AllContactsView()
        self._block_size = block_size
        self._max_cached = max(max_cached_blocks, 2)
        self._generation = 0
        self._total: int | None = None
        self._blocks: OrderedDict[int, _Block] = OrderedDict()
        self._requested: set[int] = set()
        self._failed: set[int] = set()
        self._wanted: set[int] = set()
        self.set_palette(QGuiApplication.palette())
        # Blocks asked for during a paint are requested together once the paint is over.
        self._flush = QTimer(self, singleShot=True, interval=0)
        self._flush.timeout.connect(self._request_wanted)

    # -- state ---------------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def view(self) -> ContactsView:
        return self._view

    @property
    def total(self) -> int | None:
        """The view's total as the server last said it; ``None`` before the first answer."""
        return self._total

    @property
    def block_size(self) -> int:
        return self._block_size

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def cached_blocks(self) -> tuple[int, ...]:
        """Numbers of the blocks held in memory, least recently used first."""
        return tuple(self._blocks)

    def column(self, section: int) -> Column:
        return self._columns[section]

    def section_of(self, key: str) -> int:
        """The section of the column with this key, or −1."""
        return next((i for i, c in enumerate(self._columns) if c.key == key), -1)

    def sort_indicator(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and direction of the view's sort, if it is sorted by a column shown."""
        sort = self._view.sort_key
        if sort is None:
            return None
        field, order = sort
        section = next((i for i, c in enumerate(self._columns) if c.field == field), -1)
        if section < 0:
            return None
        return section, Qt.SortOrder.AscendingOrder if order == "asc" else Qt.SortOrder.DescendingOrder

    def contact_at(self, row: int) -> Contact | None:
        """The contact on ``row`` if its block is loaded."""
        block = self._blocks.get(row // self._block_size)
        position = row % self._block_size
        return block.contacts[position] if block is not None and position < len(block.contacts) else None

    def is_current(self, request: BlockRequest) -> bool:
        return request.generation == self._generation

    def set_palette(self, palette: QPalette) -> None:
        """Colours of placeholders and archived rows, from the system palette (light or dark)."""
        self._placeholder_brush = QBrush(palette.color(QPalette.ColorRole.PlaceholderText))
        self._archived_brush = QBrush(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total or 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> object:
        if role != DISPLAY and role != FOREGROUND and role != ALIGNMENT and role != TOOLTIP:
            return None
        if not index.isValid():
            return None
        if role == ALIGNMENT:
            return self._columns[index.column()].align
        row = index.row()
        number = row // self._block_size
        block = self._blocks.get(number)
        if block is None:
            self._want(number)
            if role == FOREGROUND:
                return self._placeholder_brush
            if role == DISPLAY and index.column() == 0:
                return FAILED_TEXT if number in self._failed else LOADING_TEXT
            return None
        self._blocks.move_to_end(number)
        position = row - number * self._block_size
        if position >= len(block.cells):
            return None
        if role == DISPLAY:
            return block.cells[position][index.column()]
        archived = block.contacts[position].archived
        if role == FOREGROUND:
            return self._archived_brush if archived else None
        if archived:
            return ARCHIVED_TIP
        tip = self._columns[index.column()].cell_tooltip
        return tip if tip is not None and block.cells[position][index.column()] == MASK else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            hint = self._view.sort_hint(column)
            return f"{column.description}\n{hint}" if column.description else hint
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return Qt.SortOrder.DescendingOrder if column.newest_first else Qt.SortOrder.AscendingOrder
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the server by ``column`` if the view can; otherwise nothing changes."""
        sorted_view = self._view.sorted_by(
            self._columns[column], "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
        )
        if sorted_view is None or sorted_view == self._view:
            return
        self._view = sorted_view
        self.reload()  # the same rows in another order: the total stays
        self.viewChanged.emit(sorted_view)

    # -- views and columns -----------------------------------------------------------------------

    def set_view(self, view: ContactsView) -> None:
        """Show another view: a new generation with no rows until its first block answers."""
        self._view = view
        self._generation += 1
        self.beginResetModel()
        self._forget_blocks()
        self._total = None
        self.endResetModel()
        self._want(0)
        self.viewChanged.emit(view)

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show these columns; cells of loaded rows are computed again (no reload)."""
        columns = tuple(columns)
        if [c.key for c in columns] == [c.key for c in self._columns]:
            self._columns = columns
            self._recompute_cells()
            if columns:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(columns) - 1)
                self._rows_changed(0, (self._total or 0) - 1)
            return
        self.beginResetModel()
        self._columns = columns
        self._recompute_cells()
        self.endResetModel()

    def insert_column(self, column: Column, section: int | None = None) -> None:
        """Show one more column (at the end by default)."""
        section = len(self._columns) if section is None else section
        self.beginInsertColumns(QModelIndex(), section, section)
        self._columns = (*self._columns[:section], column, *self._columns[section:])
        self._recompute_cells()
        self.endInsertColumns()

    def remove_column(self, section: int) -> None:
        """Stop showing a column."""
        self.beginRemoveColumns(QModelIndex(), section, section)
        self._columns = (*self._columns[:section], *self._columns[section + 1 :])
        self._recompute_cells()
        self.endRemoveColumns()

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget every loaded row and start a new generation (the rows load again as they are shown)."""
        self._generation += 1
        if self._total:
            self.beginResetModel()
            self._forget_blocks()
            self.endResetModel()
        else:
            self._forget_blocks()
            self._want(0)

    def apply_block(self, request: BlockRequest, contacts: list[Contact], total: int) -> bool:
        """Store a fetched block; ``False`` (and nothing changes) if it answers an outdated request."""
        if not self.is_current(request):
            return False
        self._requested.discard(request.block)
        self._failed.discard(request.block)
        known = self._total is not None
        if total != self._total:
            self._resize(total)
            if known:
                # The view changed on the server: rows loaded before may have moved.
                self._generation += 1
                self._forget_blocks()
        if contacts:
            self._store(request.block, contacts)
        if known and request.generation != self._generation:
            self._rows_changed(0, total - 1)
        else:
            self._block_changed(request.block)
        return True

    def replace_contact(self, contact: Contact) -> int:
        """Show a contact's new version in its row (if loaded) without reloading; returns the row or −1."""
        for number, block in self._blocks.items():
            for position, loaded in enumerate(block.contacts):
                if loaded.uuid == contact.uuid:
                    block.contacts[position] = contact
                    block.cells[position] = tuple(column.text(contact) for column in self._columns)
                    row = number * self._block_size + position
                    self._rows_changed(row, row)
                    return row
        return -1

    def block_loading(self, request: BlockRequest) -> None:
        """A block is being fetched (again, after a failure): show it as loading."""
        if self.is_current(request) and request.block not in self._blocks:
            self._requested.add(request.block)
            if request.block in self._failed:
                self._failed.discard(request.block)
                self._block_changed(request.block)

    def block_failed(self, request: BlockRequest) -> None:
        """A block could not be fetched: show it as not loaded, and don't ask again until retried."""
        if self.is_current(request) and request.block not in self._blocks:
            self._requested.discard(request.block)
            self._failed.add(request.block)
            self._block_changed(request.block)

    def _want(self, number: int) -> None:
        if number in self._requested or number in self._failed or number in self._wanted:
            return
        self._wanted.add(number)
        if not self._flush.isActive():
            self._flush.start()

    def _request_wanted(self) -> None:
        wanted, self._wanted = sorted(self._wanted), set()
        for number in wanted:
            if number in self._blocks or number in self._requested:
                continue
            if self._total is not None and number * self._block_size >= max(self._total, 1):
                continue
            self._requested.add(number)
            self.blockWanted.emit(
                BlockRequest(
                    generation=self._generation,
                    block=number,
                    offset=number * self._block_size,
                    limit=self._block_size,
                    view=self._view,
                )
            )

    def _cells(self, contacts: list[Contact]) -> list[tuple[str, ...]]:
        texts = [column.text for column in self._columns]
        return [tuple(text(contact) for text in texts) for contact in contacts]

    def _store(self, number: int, contacts: list[Contact]) -> None:
        self._blocks[number] = _Block(contacts, self._cells(contacts))
        self._blocks.move_to_end(number)
        while len(self._blocks) > self._max_cached:
            self._blocks.popitem(last=False)

    def _recompute_cells(self) -> None:
        for number, block in list(self._blocks.items()):
            self._blocks[number] = _Block(block.contacts, self._cells(block.contacts))

    def _forget_blocks(self) -> None:
        self._blocks.clear()
        self._requested.clear()
        self._failed.clear()
        self._wanted.clear()

    def _resize(self, total: int) -> None:
        old = self._total or 0
        if total > old:
            self.beginInsertRows(QModelIndex(), old, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < old:
            self.beginRemoveRows(QModelIndex(), total, old - 1)
            self._total = total
            self.endRemoveRows()
        else:
            self._total = total
        self.totalChanged.emit(total)

    def _block_changed(self, number: int) -> None:
        first = number * self._block_size
        self._rows_changed(first, min(first + self._block_size, self._total or 0) - 1)

    def _rows_changed(self, first: int, last: int) -> None:
        if last >= first and self._columns:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))
