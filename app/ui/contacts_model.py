"""A sparse table model of a server-side view: every row exists at once, rows load in blocks on demand.

What it shows is a *view* (``views.py``): the endpoint, its parameters and how it can be sorted.
``rowCount()`` is the view's ``total``. ``data()`` answers from memory in O(1): a row whose block is
not loaded yet shows a placeholder, and the block is asked for (``blockWanted``) once the view's
paint is over. The controller fetches it and hands the page back with ``apply_block``; the model
then emits ``dataChanged`` for those rows. Rows on screen that straddle two blocks are fetched as one
page (one round trip), and while the user scrolls the table asks for the rows ahead (``prefetch``,
at most one block beyond those shown). Loaded blocks live in an LRU cache, with the display
text of every cell computed once when the block arrives, in a compact form the garbage collector
need not visit (``loaded_rows.py``): a ``Contact`` is built only when one is asked for.

Every change of view or order starts a new *generation*: answers to requests of an older
generation are dropped, so no row of another view or order can come back.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
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

from .columns import DEFAULT_COLUMNS, LEFT, Column
from .formatting import MASK
from .loaded_rows import BLOCK_SIZE, CellText, LoadedBlock, LoadedContacts
from .views import AllContactsView, ContactsView

if TYPE_CHECKING:
    from app.schema import Contact

MAX_CACHED_BLOCKS = 100
LOADING_TEXT = "Loading…"
FAILED_TEXT = "Not loaded"
ARCHIVED_TIP = "Archived contact"

AnyIndex = QModelIndex | QPersistentModelIndex
# Plain ints, looked up once: data() runs for seven roles of every visible cell on every paint, and
# Qt passes the role as an int.
DISPLAY = Qt.ItemDataRole.DisplayRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
ROW_ROLES = frozenset({DISPLAY, FOREGROUND, TOOLTIP})  # the roles whose answer depends on the row


@dataclass(frozen=True, slots=True, eq=False)
class BlockRequest:
    """Rows to fetch: a page of ``view`` for a given generation, usually one block (``block``).

    Rows on screen that straddle two blocks none of which is loaded are fetched as one page from
    the first of them (one round trip instead of two): ``block`` is then the first block it covers.
    """

    generation: int
    block: int
    offset: int
    limit: int
    view: ContactsView


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
        self._use_columns(columns)
        self._view: ContactsView = view or AllContactsView()
        self._block_size = block_size
        self._max_cached = max(max_cached_blocks, 2)
        self._generation = 0
        self._total: int | None = None
        self._blocks: OrderedDict[int, LoadedBlock] = OrderedDict()
        self._requested: set[int] = set()
        self._failed: set[int] = set()
        self._wanted: set[int] = set()
        self._missing: tuple[int, int] | None = None  # first and last row painted not loaded
        self._ahead: tuple[int, int, bool] | None = None  # a prefetch waiting for the rows on screen
        self._early = False  # rows shown before the client was ready (show_early_rows)
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
        """The contact on ``row`` if its block is loaded (built anew from the cache on every call)."""
        block, position = self._loaded(row)
        return block.contact(position) if block is not None else None

    def uuid_at(self, row: int) -> str | None:
        """The uuid of the contact on ``row`` if its block is loaded (nothing built: cheap)."""
        block, position = self._loaded(row)
        return block.uuids[position] if block is not None else None

    def loaded_contacts(self, rows: Iterable[int]) -> LoadedContacts:
        """The contacts of those ``rows`` that are loaded, by row; each built when it is looked up."""
        wire = {}
        for row in rows:
            block, position = self._loaded(row)
            if block is not None:
                wire[row] = block.wire[position]
        return LoadedContacts(wire)

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
        # Runs for every role of every visible cell on every paint: the roles the table has nothing
        # for cost two int lookups, and no role asks the index more than it needs (an invalid
        # index's row and column are -1).
        if role in ROW_ROLES:
            row = index.row()
            if row < 0:
                return None
            number = row // self._block_size
            block = self._blocks.get(number)
            at = row - number * self._block_size - (block.start if block is not None else 0)
            if block is None or not 0 <= at < len(block.cells):
                if block is not None and block.complete:
                    return None  # beyond the rows the server had
                self._want_row(number, row)
                if role == FOREGROUND:
                    return self._placeholder_brush
                if role == DISPLAY and index.column() == 0:
                    return FAILED_TEXT if number in self._failed else LOADING_TEXT
                return None
            self._blocks.move_to_end(number)
            if role == DISPLAY:
                return block.cells[at][index.column()]
            archived = block.archived[at]
            if role == FOREGROUND:
                return self._archived_brush if archived else None
            if archived:
                return ARCHIVED_TIP
            column = index.column()
            tip = self._columns[column].cell_tooltip
            return tip if tip is not None and block.cells[at][column] == MASK else None
        if role == ALIGNMENT:
            column = index.column()
            return self._alignments[column] if column >= 0 else None
        return None

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
            self._use_columns(columns)
            self._recompute_cells()
            if columns:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(columns) - 1)
                self._rows_changed(0, (self._total or 0) - 1)
            return
        self.beginResetModel()
        self._use_columns(columns)
        self._recompute_cells()
        self.endResetModel()

    def insert_column(self, column: Column, section: int | None = None) -> None:
        """Show one more column (at the end by default)."""
        section = len(self._columns) if section is None else section
        self.beginInsertColumns(QModelIndex(), section, section)
        self._use_columns((*self._columns[:section], column, *self._columns[section:]))
        self._recompute_cells()
        self.endInsertColumns()

    def remove_column(self, section: int) -> None:
        """Stop showing a column."""
        self.beginRemoveColumns(QModelIndex(), section, section)
        self._use_columns((*self._columns[:section], *self._columns[section + 1 :]))
        for number, block in list(self._blocks.items()):
            self._blocks[number] = block.without_column(section)
        self.endRemoveColumns()

    # -- loading ---------------------------------------------------------------------------------

    def show_early_rows(self, view: ContactsView, block: LoadedBlock, total: int) -> bool:
        """Show the first rows of ``view`` fetched while the app was still loading (``early_rows.py``).

        Only into a model that has shown nothing yet, for the view it shows. They stay on screen until
        the first ``reload()`` asks for them through the client, and its answer replaces them.
        """
        if self._total is not None or view != self._view or self._blocks:
            return False
        self._resize(total)
        if len(block):
            self._blocks[0] = block
        self._early = True
        self._rows_changed(0, len(block) - 1)
        return True

    def reload(self) -> None:
        """Forget every loaded row and start a new generation (the rows load again as they are shown).

        Rows shown early (``show_early_rows``) stay on screen meanwhile: their block is asked for again.
        """
        self._generation += 1
        if self._early:
            early = self._blocks.get(0)
            self._forget_blocks()
            if early is not None:
                self._blocks[0] = early
            self._request(0, 0, self._block_size)
            return
        if self._total:
            self.beginResetModel()
            self._forget_blocks()
            self.endResetModel()
        else:
            self._forget_blocks()
            self._want(0)

    def want_rows(self, first: int, last: int) -> None:
        """Rows ``first``…``last`` are about to be painted (a scroll): the missing ones are asked for now,
        so that their request is on its way while the placeholders paint, not after that paint."""
        if self._total is None:
            return
        for row in range(max(first, 0), min(last + 1, self._total)):
            if self._loaded(row)[0] is None:
                self._want_row(row // self._block_size, row)
        if self._wanted:
            self._flush.stop()
            self._request_wanted()

    def prefetch(self, first: int, last: int, *, downward: bool | None) -> None:
        """Rows ``first``…``last`` are on screen after a scroll (``downward`` or not; ``None``: a jump).

        While the user scrolls, once the rows on screen are loaded, the next rows the scroll will show
        are asked for too, up to one block beyond them, at once rather than after the next paint. A
        jump asks for nothing more.
        """
        self._ahead = None if downward is None else (first, last, downward)
        total, size = self._total, self._block_size
        if self._ahead is None or total is None:
            return
        if any(self._loaded(row)[0] is None for row in range(first, min(last + 1, total))):
            return  # the rows on screen come first: asked for again when rows arrive
        self._ahead = None
        ahead = (
            range(last + 1, min(last + 1 + size, total)) if downward else range(max(first - size, 0), first)
        )
        if not ahead:
            return
        for number in range(ahead.start // size, (ahead.stop - 1) // size + 1):
            if not (self._is_complete(number) or number in self._requested or number in self._failed):
                self._request(number, number * size, size)

    def apply_block(self, request: BlockRequest, contacts: list[Contact], total: int) -> bool:
        """Store fetched rows; ``False`` (and nothing changes) if they answer an outdated request."""
        if not self.is_current(request):
            return False
        for number in self._covered(request):
            self._requested.discard(number)
            self._failed.discard(number)
        known = self._total is not None
        if total != self._total:
            self._resize(total)
            if known:
                # The view changed on the server: rows loaded before may have moved.
                self._generation += 1
                self._forget_blocks()
        if contacts:
            self._store(request, contacts, total)
        if known and request.generation != self._generation:
            self._rows_changed(0, total - 1)
        else:
            self._rows_changed(request.offset, min(request.offset + request.limit, total) - 1)
        if self._ahead is not None:
            first, last, downward = self._ahead
            self.prefetch(first, last, downward=downward)
        return True

    def replace_contact(self, contact: Contact) -> int:
        """Show a contact's new version in its row (if loaded) without reloading; returns the row or −1."""
        uuid = str(contact.uuid)
        for number, block in self._blocks.items():
            at = block.index_of(uuid)
            if at >= 0:
                self._blocks[number] = block.with_contact(at, contact, self._texts())
                row = number * self._block_size + block.start + at
                self._rows_changed(row, row)
                return row
        return -1

    def block_loading(self, request: BlockRequest) -> None:
        """Rows are being fetched (again, after a failure): show them as loading."""
        if not self.is_current(request):
            return
        for number in self._covered(request):
            if not self._is_complete(number):
                self._requested.add(number)
                if number in self._failed:
                    self._failed.discard(number)
                    self._block_changed(number)

    def block_failed(self, request: BlockRequest) -> None:
        """Rows could not be fetched: show them as not loaded, and don't ask again until retried."""
        if not self.is_current(request):
            return
        for number in self._covered(request):
            if not self._is_complete(number):
                self._requested.discard(number)
                self._failed.add(number)
                self._block_changed(number)

    def _want_row(self, number: int, row: int) -> None:
        """A row painted that is not loaded: its block is wanted (and the rows missing noted)."""
        if number in self._requested or number in self._failed:
            return
        missing = self._missing
        self._missing = (row, row) if missing is None else (min(missing[0], row), max(missing[1], row))
        self._want(number)

    def _want(self, number: int) -> None:
        if number in self._requested or number in self._failed or number in self._wanted:
            return
        self._wanted.add(number)
        if not self._flush.isActive():
            self._flush.start()

    def _request_wanted(self) -> None:
        wanted, self._wanted = sorted(self._wanted), set()
        missing, self._missing = self._missing, None
        size, total = self._block_size, self._total
        wanted = [n for n in wanted if not self._is_complete(n) and n not in self._requested]
        if total is not None:
            wanted = [n for n in wanted if n * size < max(total, 1)]
        first = self._straddle(wanted, missing)
        if first is not None and total is not None:
            self._request(wanted[0], first, min(size, total - first))
            return
        for number in wanted:
            self._request(number, number * size, size)

    def _straddle(self, wanted: list[int], missing: tuple[int, int] | None) -> int | None:
        """The first row missing on screen if those rows straddle two blocks of which nothing is
        loaded, and fit in one page: that page is fetched, one round trip instead of two."""
        if missing is None or len(wanted) != 2 or any(n in self._blocks for n in wanted):
            return None
        first, last = missing
        size = self._block_size
        straddles = (first // size, last // size) == (wanted[0], wanted[0] + 1) == tuple(wanted)
        return first if straddles and last - first < size else None

    def _request(self, block: int, offset: int, limit: int) -> None:
        request = BlockRequest(self._generation, block, offset, limit, self._view)
        self._requested.update(self._covered(request))
        self.blockWanted.emit(request)

    def _covered(self, request: BlockRequest) -> range:
        """The numbers of the blocks ``request`` fetches rows of."""
        size = self._block_size
        return range(request.offset // size, (request.offset + max(request.limit, 1) - 1) // size + 1)

    def _is_complete(self, number: int) -> bool:
        block = self._blocks.get(number)
        return block is not None and block.complete

    def _loaded(self, row: int) -> tuple[LoadedBlock | None, int]:
        """The loaded block holding ``row`` and the row's index in it; ``(None, -1)`` if not loaded."""
        number, position = divmod(row, self._block_size)
        block = self._blocks.get(number)
        if block is not None and 0 <= position - block.start < len(block):
            return block, position - block.start
        return None, -1

    def _use_columns(self, columns: Iterable[Column]) -> None:
        self._columns = tuple(columns)
        # As data() answers the alignment of every cell on every paint: none for the delegate's own
        # default (left), a plain int otherwise (no enum to convert per cell).
        self._alignments = tuple(None if c.align == LEFT else int(c.align.value) for c in self._columns)

    def _texts(self) -> list[CellText]:
        return [column.text for column in self._columns]

    def _store(self, request: BlockRequest, contacts: list[Contact], total: int) -> None:
        """Keep the rows a request fetched, block by block (a block it fetched only part of is not complete)."""
        size, offset, texts = self._block_size, request.offset, self._texts()
        for number in self._covered(request):
            begin, end = max(offset, number * size), min(offset + len(contacts), (number + 1) * size)
            if end <= begin:
                continue
            asked_all = offset <= number * size and offset + request.limit >= (number + 1) * size
            start = begin - number * size
            complete = asked_all or (start == 0 and end >= min((number + 1) * size, total))
            if complete or not self._is_complete(number):
                rows = contacts[begin - offset : end - offset]
                self._blocks[number] = LoadedBlock.of(rows, texts, start=start, complete=complete)
            self._blocks.move_to_end(number)
        while len(self._blocks) > self._max_cached:
            self._blocks.popitem(last=False)

    def _recompute_cells(self) -> None:
        texts = self._texts()
        for number, block in list(self._blocks.items()):
            self._blocks[number] = block.with_texts(texts)

    def _forget_blocks(self) -> None:
        self._early = False
        self._blocks.clear()
        self._requested.clear()
        self._failed.clear()
        self._wanted.clear()
        self._missing = None
        self._ahead = None

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
