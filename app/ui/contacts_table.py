"""``ContactsTableView``: the contacts table, with server-side sorting and a chosen, saved set of columns.

Tuned for very many rows: fixed row height, preset column widths, no content sizing. The columns
(which, in what order, how wide) come from a ``ColumnCatalog`` and can be saved and restored as
plain data; a layout that names custom fields not loaded yet waits for their definitions.

Rows are selected several at a time (Ctrl/Shift-click, Shift+arrows, Ctrl+A); the detail pane
shows the *current* row. ``selected_rows()`` is the selection as a membership source (rows not
loaded are fetched when it is used). With ``set_row_drag_enabled(True)`` the selection can be
dragged (as ``CONTACTS_MIME``, e.g. onto a list in the sidebar); ``add_row_menu(fill)`` adds to
the rows' context menu; Delete emits ``deleteRequested``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QTableView, QWidget

from .column_chooser import fill_column_menu
from .columns import DEFAULT_COLUMN_KEYS, ColumnCatalog
from .contacts_model import ContactsTableModel
from .shortcuts import local_shortcut
from .views import count_of

if TYPE_CHECKING:
    from .membership import SelectedRows

ROW_PADDING = 8
MIN_WIDTH, MAX_WIDTH = 30, 2000
#: Contacts dragged out of the table: JSON ``{"count": n, "uuids": [...loaded ones...]}``.
CONTACTS_MIME = "application/x-cuedesk-contacts"

ColumnLayout = list[dict[str, Any]]
RowMenuFiller = Callable[[QMenu, "SelectedRows"], None]


class ContactsMimeData(QMimeData):
    """Dragged rows; within the app ``selection`` holds every row (also those not loaded yet)."""

    def __init__(self, selection: SelectedRows) -> None:
        super().__init__()
        self.selection = selection
        uuids = [str(contact.uuid) for contact in selection.known.values()]
        self.setData(CONTACTS_MIME, json.dumps({"count": selection.count, "uuids": uuids}).encode())


class ContactsTableView(QTableView):
    """The contacts table; header clicks sort on the server as far as the model's view allows."""

    deleteRequested = Signal()

    def __init__(self, model: ContactsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsTable")
        self.setAccessibleName("Contacts")
        self.setModel(model)
        self._model = model
        self._catalog = ColumnCatalog()
        self._pending: ColumnLayout | None = None  # a restored layout waiting for custom fields
        self._row_menus: list[RowMenuFiller] = []
        self._drag_enabled = False
        self._press: QPoint | None = None  # where a press that may start a drag happened
        self._click_selects: int | None = None  # a click (no drag) on a selected row selects it alone
        self._first_shown = 0  # the first row on screen after the last scroll
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._row_menu)
        local_shortcut(QKeySequence.StandardKey.Delete, self, self.deleteRequested.emit)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        rows.hide()
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sortIndicatorChanged.connect(self._sort_requested)
        model.totalChanged.connect(self._total_changed)
        model.viewChanged.connect(self._sync_sort_indicator)
        model.modelReset.connect(self._sync_sort_indicator)
        model.columnsInserted.connect(self._columns_inserted)
        model.columnsRemoved.connect(self._sync_sort_indicator)
        for section in range(model.columnCount()):
            header.resizeSection(section, model.column(section).width)
        self._sync_sort_indicator()

    @property
    def contacts_model(self) -> ContactsTableModel:
        return self._model

    # -- sorting ---------------------------------------------------------------------------------

    def sort_by(self, key: str, order: Qt.SortOrder) -> None:
        """Sort by a column as a header click would (if the view can)."""
        section = self._model.section_of(key)
        if section >= 0:
            self._sort_requested(section, order)

    def _sort_requested(self, section: int, order: Qt.SortOrder) -> None:
        view = self._model.view
        self._model.sort(section, order)
        self._sync_sort_indicator()
        if self._model.view is not view:
            self.scrollToTop()

    def _sync_sort_indicator(self) -> None:
        """Show the model's actual sort (none when the view keeps the server's order)."""
        indicator = self._model.sort_indicator()
        header = self.horizontalHeader()
        header.blockSignals(True)
        if indicator is None:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        else:
            header.setSortIndicator(*indicator)
        header.blockSignals(False)

    # -- columns ---------------------------------------------------------------------------------

    @property
    def catalog(self) -> ColumnCatalog:
        return self._catalog

    def set_catalog(self, catalog: ColumnCatalog) -> None:
        """Every column that can be shown (custom fields change): visible ones follow their definitions."""
        self._catalog = catalog
        layout = self._pending if self._pending is not None and catalog.loaded else self.save_columns()
        if catalog.loaded:
            self._pending = None
        self._apply(layout)

    def visible_keys(self) -> list[str]:
        """Keys of the columns shown, left to right."""
        header = self.horizontalHeader()
        return [self._model.column(header.logicalIndex(v)).key for v in range(header.count())]

    def show_column(self, key: str) -> None:
        column = self._catalog.get(key)
        if column is not None and self._model.section_of(key) < 0:
            self._pending = None
            self._model.insert_column(column)

    def hide_column(self, key: str) -> None:
        section = self._model.section_of(key)
        if section >= 0 and self._model.columnCount() > 1:
            self._pending = None
            self._model.remove_column(section)

    def move_column(self, key: str, step: int) -> None:
        """Move a column ``step`` places to the right (left if negative)."""
        header = self.horizontalHeader()
        section = self._model.section_of(key)
        if section < 0:
            return
        visual = header.visualIndex(section)
        target = max(0, min(header.count() - 1, visual + step))
        if target != visual:
            self._pending = None
            header.moveSection(visual, target)

    def reset_columns(self) -> None:
        self._pending = None
        self._apply([{"key": key} for key in DEFAULT_COLUMN_KEYS])

    def save_columns(self) -> ColumnLayout:
        """The columns shown, left to right, as ``[{"key": ..., "width": ...}, ...]``."""
        if self._pending is not None:
            return [dict(entry) for entry in self._pending]
        header = self.horizontalHeader()
        return [
            {
                "key": self._model.column(header.logicalIndex(v)).key,
                "width": header.sectionSize(header.logicalIndex(v)),
            }
            for v in range(header.count())
        ]

    def restore_columns(self, layout: Iterable[Any]) -> None:
        """Show the columns of a saved layout; unknown keys and malformed entries are skipped.

        Custom field columns appear once the definitions are loaded (``set_catalog``).
        """
        entries = [
            {
                "key": entry["key"],
                **({"width": entry["width"]} if isinstance(entry.get("width"), int) else {}),
            }
            for entry in layout
            if isinstance(entry, Mapping) and isinstance(entry.get("key"), str)
        ]
        if not self._catalog.loaded:
            self._pending = entries
        self._apply(entries)

    def _apply(self, layout: ColumnLayout) -> None:
        columns = self._catalog.resolve([entry["key"] for entry in layout])
        if not columns:
            columns = self._catalog.resolve(DEFAULT_COLUMN_KEYS)
        widths = {entry["key"]: entry["width"] for entry in layout if "width" in entry}
        self._model.set_columns(columns)
        header = self.horizontalHeader()
        for logical in range(header.count()):  # the model's order is the layout's: no moved sections
            visual = header.visualIndex(logical)
            if visual != logical:
                header.moveSection(visual, logical)
        for section, column in enumerate(columns):
            width = widths.get(column.key, column.width)
            header.resizeSection(section, max(MIN_WIDTH, min(MAX_WIDTH, width)))
        self._sync_sort_indicator()

    def _columns_inserted(self, _parent, first: int, last: int) -> None:
        header = self.horizontalHeader()
        for section in range(first, last + 1):
            header.resizeSection(section, self._model.column(section).width)
        self._sync_sort_indicator()

    def column_menu(self, section: int | None = None) -> QMenu:
        """The column chooser, for the column at ``section`` (a logical index) if given."""
        menu = QMenu(self)
        fill_column_menu(menu, self, section)
        return menu

    def _header_menu(self, position: QPoint) -> None:
        header = self.horizontalHeader()
        section = header.logicalIndexAt(position)
        menu = self.column_menu(section if section >= 0 else None)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(header.mapToGlobal(position))

    # -- selection, drag and the rows' menu ------------------------------------------------------

    def selected_rows(self) -> SelectedRows:
        """The selected rows of the current view (the contacts loaded among them are known)."""
        from .membership import SelectedRows  # the client's side of the app: not needed to paint

        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        ranges: list[tuple[int, int]] = []
        for row in rows:
            if ranges and ranges[-1][1] == row - 1:
                ranges[-1] = (ranges[-1][0], row)
            else:
                ranges.append((row, row))
        model = self._model
        return SelectedRows(model.view.fetch, tuple(ranges), model.loaded_contacts(rows))

    def add_row_menu(self, fill: RowMenuFiller) -> None:
        """``fill(menu, selection)`` adds actions to the rows' context menu."""
        self._row_menus.append(fill)

    def row_menu(self) -> QMenu:
        """The context menu of the selected rows."""
        menu = QMenu(self)
        selection = self.selected_rows()
        for fill in self._row_menus:
            fill(menu, selection)
        return menu

    def _row_menu(self, position: QPoint) -> None:
        if not self._row_menus or not self.indexAt(position).isValid():
            return
        menu = self.row_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.viewport().mapToGlobal(position))

    def set_row_drag_enabled(self, enabled: bool) -> None:
        """Let the selected rows be dragged out (``CONTACTS_MIME``)."""
        self._drag_enabled = enabled

    def selection_mime_data(self) -> ContactsMimeData:
        """What a drag of the selected rows carries."""
        return ContactsMimeData(self.selected_rows())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press, self._click_selects = None, None
        index = self.indexAt(event.position().toPoint())
        if self._drag_enabled and event.button() == Qt.MouseButton.LeftButton and index.isValid():
            self._press = event.position().toPoint()
            selection = self.selectionModel()
            several = len(selection.selectedRows()) > 1
            if (
                event.modifiers() == Qt.KeyboardModifier.NoModifier
                and several
                and selection.isRowSelected(index.row())
            ):
                # The press may start a drag of the whole selection: keep it until the release.
                self._click_selects = index.row()
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            moved = (event.position().toPoint() - self._press).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._press, self._click_selects = None, None
                self.startDrag(Qt.DropAction.CopyAction)
            return  # a press on a row drags rows; it does not sweep a selection
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        row, self._press, self._click_selects = self._click_selects, None, None
        if row is None:
            super().mouseReleaseEvent(event)
            return
        selection = self.selectionModel()
        flags = selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
        selection.select(self._model.index(row, 0), flags)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        mime = self.selection_mime_data()
        count = mime.selection.count
        if not count:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(self._drag_pixmap(count_of(count, "contact", "contacts")))
        drag.exec(Qt.DropAction.CopyAction)

    def _drag_pixmap(self, text: str) -> QPixmap:
        metrics = self.fontMetrics()
        pixmap = QPixmap(metrics.horizontalAdvance(text) + 16, metrics.height() + 8)
        pixmap.fill(self.palette().color(QPalette.ColorRole.Highlight))
        painter = QPainter(pixmap)
        painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        return pixmap

    # -- scrolling and painting --------------------------------------------------------------------

    def rows_on_screen(self) -> range:
        first = self.rowAt(0)
        if first < 0:
            return range(0)
        last = self.rowAt(self.viewport().height() - 1)
        return range(first, (last if last >= 0 else self._model.rowCount() - 1) + 1)

    def _scrolled(self) -> None:
        """The rows a scroll brings are asked for before they paint; while the user scrolls through the
        rows (not on a jump), the rows the scroll shows next load too."""
        rows, previous = self.rows_on_screen(), self._first_shown
        self._first_shown = rows.start
        if rows:
            self._model.want_rows(rows.start, rows.stop - 1)
            scrolling = abs(rows.start - previous) <= len(rows)
            self._model.prefetch(
                rows.start, rows.stop - 1, downward=rows.start > previous if scrolling else None
            )

    def dataChanged(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        """Qt repaints the whole table when more than one cell changes: not for rows off screen (a block
        loaded ahead of the scroll)."""
        rows = self.rows_on_screen()
        if top_left.row() < rows.stop and bottom_right.row() >= rows.start:
            super().dataChanged(top_left, bottom_right, list(roles))

    def _total_changed(self, total: int) -> None:
        if total == 0:  # no rows inserted or removed to repaint for: the empty view says so (paintEvent)
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._model.total == 0:  # loaded, and nothing to show: say so
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(12, 24, -12, 0),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                self._model.view.empty_text,
            )
            painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._model.set_palette(self.palette())
