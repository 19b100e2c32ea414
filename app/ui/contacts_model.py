"""A sparse table model of a server-side list: every row exists at once, rows load in blocks on demand.

``rowCount()`` is the list's ``total``. ``data()`` answers from memory in O(1): a row whose block is
not loaded yet shows a placeholder, and the block is asked for (``blockWanted``) once the view's
paint is over. The controller fetches it and hands the page back with ``apply_block``; the model
then emits ``dataChanged`` for those rows. Loaded blocks live in an LRU cache.

Every change of order starts a new *generation*: answers to requests of an older generation are
dropped, so no row of the old order can come back.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

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

from app.schema import Contact

from .columns import CONTACT_COLUMNS, DEFAULT_ORDER, DEFAULT_ORDER_FIELD, Column

BLOCK_SIZE = 100
MAX_CACHED_BLOCKS = 100
LOADING_TEXT = "Loading…"
FAILED_TEXT = "Not loaded"

AnyIndex = QModelIndex | QPersistentModelIndex
# Looked up once: data() runs for every role of every visible cell on every paint.
DISPLAY = Qt.ItemDataRole.DisplayRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole


@dataclass(frozen=True, slots=True)
class BlockRequest:
    """One block to fetch: a List Contacts page in a given order, for a given generation."""

    generation: int
    block: int
    offset: int
    limit: int
    order_field: str
    order: str


@dataclass(frozen=True, slots=True)
class _Block:
    contacts: list[Contact]
    cells: list[tuple[str, ...]]  # display text, computed once when the block arrives


class ContactsTableModel(QAbstractTableModel):
    """All contacts of a list endpoint, loaded lazily in blocks (see the module docstring)."""

    blockWanted = Signal(object)  # BlockRequest
    totalChanged = Signal(int)

    def __init__(
        self,
        columns: tuple[Column, ...] = CONTACT_COLUMNS,
        *,
        block_size: int = BLOCK_SIZE,
        max_cached_blocks: int = MAX_CACHED_BLOCKS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = columns
        self._block_size = block_size
        self._max_cached = max(max_cached_blocks, 2)
        self._generation = 0
        self._total: int | None = None
        self._order_field = DEFAULT_ORDER_FIELD
        self._order = DEFAULT_ORDER
        self._blocks: OrderedDict[int, _Block] = OrderedDict()
        self._requested: set[int] = set()
        self._failed: set[int] = set()
        self._wanted: set[int] = set()
        self._placeholder_brush = QBrush(QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        # Blocks asked for during a paint are requested together once the paint is over.
        self._flush = QTimer(self, singleShot=True, interval=0)
        self._flush.timeout.connect(self._request_wanted)

    # -- state ---------------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def total(self) -> int | None:
        """The list's total as the server last said it; ``None`` before the first answer."""
        return self._total

    @property
    def block_size(self) -> int:
        return self._block_size

    @property
    def order_field(self) -> str:
        return self._order_field

    @property
    def order(self) -> str:
        return self._order

    @property
    def cached_blocks(self) -> tuple[int, ...]:
        """Numbers of the blocks held in memory, least recently used first."""
        return tuple(self._blocks)

    def column(self, section: int) -> Column:
        return self._columns[section]

    def sort_section(self) -> int:
        """The column of the current order."""
        return next(i for i, c in enumerate(self._columns) if c.order_field == self._order_field)

    def contact_at(self, row: int) -> Contact | None:
        """The contact on ``row`` if its block is loaded."""
        block = self._blocks.get(row // self._block_size)
        position = row % self._block_size
        return block.contacts[position] if block is not None and position < len(block.contacts) else None

    def is_current(self, request: BlockRequest) -> bool:
        return request.generation == self._generation

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total or 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> object:
        if role != DISPLAY and role != FOREGROUND:
            return None
        row = index.row()
        number = row // self._block_size
        block = self._blocks.get(number)
        if block is None:
            self._want(number)
            if role == FOREGROUND:
                return self._placeholder_brush
            if index.column() == 0:
                return FAILED_TEXT if number in self._failed else LOADING_TEXT
            return None
        self._blocks.move_to_end(number)
        if role != DISPLAY:
            return None
        cells = block.cells
        position = row - number * self._block_size
        return cells[position][index.column()] if position < len(cells) else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Click to sort" if column.sortable else "This list cannot be sorted by this column"
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return Qt.SortOrder.DescendingOrder if column.newest_first else Qt.SortOrder.AscendingOrder
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the server by the column's ``order_field``; other columns are ignored."""
        order_field = self._columns[column].order_field
        if order_field is None:
            return
        self._order_field = order_field
        self._order = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
        self.reload()

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
                # The list changed on the server: rows loaded before may have moved.
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
                    order_field=self._order_field,
                    order=self._order,
                )
            )

    def _store(self, number: int, contacts: list[Contact]) -> None:
        columns = self._columns
        cells = [tuple(column.text(contact) for column in columns) for contact in contacts]
        self._blocks[number] = _Block(contacts, cells)
        self._blocks.move_to_end(number)
        while len(self._blocks) > self._max_cached:
            self._blocks.popitem(last=False)

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
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))
