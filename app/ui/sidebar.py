"""The left sidebar: All contacts, the workspace's contact lists, and entries for other screens.

It is made of *sections* (a title, a row of tools, a list view), one selection across all of them:
selecting an entry in one section clears the others and emits ``entryActivated(section, index)``,
plus the specific ``allContactsSelected``, ``listSelected(ContactList)`` and ``pageSelected(key)``.
Programmatic selection (``show_*``) is silent.

Extension points for later screens:

- ``add_page_entry(key, title, widget_factory)``: an entry under "Workspace" that switches the
  central area to the factory's widget (re-registering a key replaces its factory);
- ``add_section(key, title, view)``: a whole section (e.g. saved searches), part of the one
  selection and of the keyboard flow;
- ``lists_section.add_tool(widget)``: controls in the section's header (a sort menu, a "new list"
  button); ``lists_section.add_row(widget)``: a full-width row above the lists (a filter box);
- ``set_list_drop_handler(mime_types, handler)``: rows dropped on a list are handed to ``handler``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from uuid import UUID  # for type hints only: uuid loads `platform`, ~5 ms before the window

    from app.schema import ContactList


from .views import ListRef, count_of

AnyIndex = QModelIndex | QPersistentModelIndex
LIST_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 3

PLACES, LISTS, WORKSPACE = "places", "lists", "workspace"
ROW_PADDING = 6
INDENT = 8
ALL_CONTACTS = "All contacts"
CUSTOM_FIELDS_PAGE, IMPORTS_PAGE = "custom_fields", "imports"

#: Called with the list rows were dropped on and the drop's data; returns whether it took them.
DropHandler = Callable[["ContactList", QMimeData], bool]
PageFactory = Callable[[], QWidget]


class ContactListsModel(QAbstractListModel):
    """The contact lists shown in the sidebar: emoji and name, with the count on the right."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lists: list[ContactList] = []
        self._drop_handler: DropHandler | None = None
        self._drop_types: list[str] = []

    @property
    def lists(self) -> tuple[ContactList, ...]:
        return tuple(self._lists)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lists)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        contact_list = self._lists[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return ListRef.of(contact_list).label
        if role == COUNT_ROLE:
            return contact_list.count
        if role == LIST_ROLE:
            return contact_list
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{contact_list.name}, {count_of(contact_list.count, 'contact', 'contacts')}"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._drop_handler is not None:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def set_lists(self, lists: Sequence[ContactList]) -> None:
        self.beginResetModel()
        self._lists = list(lists)
        self.endResetModel()

    def row_of(self, uuid: UUID) -> int:
        return next((row for row, item in enumerate(self._lists) if item.uuid == uuid), -1)

    def update_count(self, uuid: UUID, count: int) -> None:
        """A list's count as a fresher answer says it (e.g. the members view's total)."""
        row = self.row_of(uuid)
        if row >= 0 and self._lists[row].count != count:
            self._lists[row] = self._lists[row].model_copy(update={"count": count})
            index = self.index(row)
            self.dataChanged.emit(index, index)

    # Drops (rows dragged onto a list): handed to the handler set by whoever implements them.
    def set_drop_handler(self, mime_types: Sequence[str], handler: DropHandler | None) -> None:
        self._drop_types, self._drop_handler = list(mime_types), handler

    def mimeTypes(self) -> list[str]:
        return self._drop_types

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: AnyIndex) -> bool:
        return (
            self._drop_handler is not None
            and parent.isValid()
            and any(data.hasFormat(kind) for kind in self._drop_types)
        )

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: AnyIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        assert self._drop_handler is not None
        return self._drop_handler(self._lists[parent.row()], data)


class EntryDelegate(QStyledItemDelegate):
    """Sidebar rows with some air; an entry with a count (``COUNT_ROLE``) shows it right-aligned and muted."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height()) + ROW_PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        count = index.data(COUNT_ROLE)
        count_text = "" if count is None else f"{count:,}"
        metrics = item.fontMetrics
        room = metrics.horizontalAdvance(count_text) + 2 * INDENT if count_text else INDENT
        text, item.text = item.text, ""
        style = item.widget.style() if item.widget is not None else None
        if style is not None:  # the row's background, selection and focus, as the style draws them
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        palette = item.palette
        text_rect = item.rect.adjusted(INDENT, 0, -room, 0)
        painter.save()
        painter.setFont(item.font)
        painter.setPen(
            palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        )
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        if count_text:
            if not selected:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                item.rect.adjusted(0, 0, -INDENT, 0),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                count_text,
            )
        painter.restore()


class SidebarListView(QListView):
    """A frameless list; Up on its first row and Down on its last move to the neighbouring section."""

    leaveUp = Signal()
    leaveDown = Signal()

    def __init__(self, model, *, fit_to_rows: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setItemDelegate(EntryDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fits_rows = fit_to_rows
        if fit_to_rows:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            model.rowsInserted.connect(self.updateGeometry)
            model.rowsRemoved.connect(self.updateGeometry)
            model.modelReset.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        if not self.fits_rows:
            return super().sizeHint()
        rows = self.model().rowCount()
        height = rows * self.sizeHintForRow(0) if rows else 0
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() if self.fits_rows else super().minimumSizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row, rows = self.currentIndex().row(), self.model().rowCount()
        if event.key() == Qt.Key.Key_Down and (rows == 0 or row == rows - 1):
            self.leaveDown.emit()
            return
        if event.key() == Qt.Key.Key_Up and row <= 0:
            self.leaveUp.emit()
            return
        super().keyPressEvent(event)

    def enter_at(self, row: int) -> None:
        """Take the focus with ``row`` current (and selected)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if 0 <= row < self.model().rowCount():
            self.setCurrentIndex(self.model().index(row, 0))


class SidebarSection(QWidget):
    """A titled part of the sidebar: a header row (title and tools) over a list view."""

    def __init__(self, key: str, title: str, view: SidebarListView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.view = view
        self.title = QLabel(title.upper())
        self.title.setObjectName(f"sidebar-{key}-title")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.title.setFont(font)
        self.title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        view.setAccessibleName(title)
        self._header = QHBoxLayout()
        self._header.setContentsMargins(8, 8, 4, 2)
        self._header.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self._header)
        layout.addWidget(view, 1)
        self._layout = layout

    def add_tool(self, widget: QWidget) -> None:
        """Put a control in the section's header row, after the title."""
        self._header.addWidget(widget)

    def add_row(self, widget: QWidget) -> None:
        """Put a widget (e.g. a filter box) between the header row and the list, full width."""
        self._layout.insertWidget(self._layout.count() - 1, widget)


class Sidebar(QWidget):
    """All contacts, the contact lists and the workspace screens, with one selection (module docstring)."""

    entryActivated = Signal(str, QModelIndex)
    allContactsSelected = Signal()
    listSelected = Signal(object)  # ContactList
    pageSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAccessibleName("Sidebar")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setMinimumWidth(170)
        self._sections: list[SidebarSection] = []
        self._quiet = False
        self._active: tuple[str, int] | None = None
        self._factories: dict[str, PageFactory] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 6)
        self._layout.setSpacing(0)

        self._places = QStandardItemModel(self)
        all_contacts = QStandardItem(ALL_CONTACTS)
        all_contacts.setData(ALL_CONTACTS, KEY_ROLE)
        self._places.appendRow(all_contacts)
        self.places_section = self.add_section(
            PLACES, "Contacts", SidebarListView(self._places, fit_to_rows=True)
        )

        self.lists_model = ContactListsModel(self)
        lists_view = SidebarListView(self.lists_model, fit_to_rows=False)
        self.lists_section = self.add_section(LISTS, "Lists", lists_view)

        self._pages = QStandardItemModel(self)
        self.workspace_section = self.add_section(
            WORKSPACE, "Workspace", SidebarListView(self._pages, fit_to_rows=True)
        )

    # -- sections and selection -----------------------------------------------------------------

    def add_section(
        self, key: str, title: str, view: SidebarListView, *, position: int | None = None
    ) -> SidebarSection:
        """Add a section (before the "Workspace" one unless ``position`` says otherwise)."""
        section = SidebarSection(key, title, view)
        if position is None:
            position = len(self._sections)
            if self._sections and self._sections[-1].key == WORKSPACE:
                position -= 1
        self._sections.insert(position, section)
        self._layout.insertWidget(position, section, 0 if view.fits_rows else 1)
        view.selectionModel().currentChanged.connect(lambda index, _previous: self._activated(section, index))
        view.clicked.connect(lambda index: self._activated(section, index))
        view.activated.connect(lambda index: self._activated(section, index))
        view.leaveUp.connect(lambda: self._move_focus(section, -1))
        view.leaveDown.connect(lambda: self._move_focus(section, +1))
        return section

    def section(self, key: str) -> SidebarSection:
        return next(s for s in self._sections if s.key == key)

    def _activated(self, section: SidebarSection, index: QModelIndex) -> None:
        if not index.isValid() or self._active == (section.key, index.row()):
            return
        self._active = (section.key, index.row())
        for other in self._sections:
            if other is not section:
                other.view.selectionModel().clear()
        section.view.selectionModel().select(
            index, section.view.selectionModel().SelectionFlag.ClearAndSelect
        )
        if self._quiet:
            return
        self.entryActivated.emit(section.key, index)
        if section.key == PLACES:
            self.allContactsSelected.emit()
        elif section.key == LISTS:
            self.listSelected.emit(index.data(LIST_ROLE))
        elif section.key == WORKSPACE:
            self.pageSelected.emit(index.data(KEY_ROLE))

    def _move_focus(self, section: SidebarSection, step: int) -> None:
        position = self._sections.index(section) + step
        while 0 <= position < len(self._sections):
            target = self._sections[position].view
            rows = target.model().rowCount()
            if rows:
                row = 0 if step > 0 else rows - 1
                target.enter_at(row)
                self._activated(self._sections[position], target.model().index(row, 0))
                return
            position += step

    def _select_quietly(self, section: SidebarSection, row: int) -> None:
        self._quiet = True
        try:
            index = section.view.model().index(row, 0)
            self._active = None
            section.view.setCurrentIndex(index)
            self._activated(section, index)
        finally:
            self._quiet = False

    def show_all_contacts(self) -> None:
        """Mark "All contacts" as the current entry (no signal)."""
        self._select_quietly(self.places_section, 0)

    def show_list(self, uuid: UUID) -> bool:
        """Mark a list as the current entry (no signal); ``False`` if it is not shown."""
        row = self.lists_model.row_of(uuid)
        if row >= 0:
            self._select_quietly(self.lists_section, row)
        return row >= 0

    def show_page(self, key: str) -> None:
        self._select_quietly(self.workspace_section, self._page_row(key))

    # -- lists -----------------------------------------------------------------------------------

    def set_lists(self, lists: Sequence[ContactList]) -> None:
        """Show these lists; the selected one stays selected if it is among them."""
        current = self.current_list()
        self.lists_model.set_lists(lists)
        if current is not None:
            self._active = None
            self.show_list(current.uuid)

    def current_list(self) -> ContactList | None:
        index = self.lists_section.view.currentIndex()
        selected = self.lists_section.view.selectionModel().isSelected(index) if index.isValid() else False
        return index.data(LIST_ROLE) if selected else None

    def set_list_drop_handler(self, mime_types: Sequence[str], handler: DropHandler | None) -> None:
        """Accept drops of ``mime_types`` on the lists; ``handler`` gets the list and the data."""
        self.lists_model.set_drop_handler(mime_types, handler)
        view = self.lists_section.view
        view.setAcceptDrops(handler is not None)
        view.setDropIndicatorShown(handler is not None)
        view.setDragDropMode(
            QAbstractItemView.DragDropMode.DropOnly if handler else QAbstractItemView.DragDropMode.NoDragDrop
        )

    # -- pages -------------------------------------------------------------------------------------

    def add_page_entry(self, key: str, title: str, widget_factory: PageFactory) -> None:
        """An entry that shows ``widget_factory()``'s widget in the central area (replaces ``key``'s)."""
        self._factories[key] = widget_factory
        row = self._page_row(key)
        if row >= 0:
            self._pages.item(row).setText(title)
            return
        item = QStandardItem(title)
        item.setData(key, KEY_ROLE)
        self._pages.appendRow(item)

    def page_factory(self, key: str) -> PageFactory:
        return self._factories[key]

    def page_title(self, key: str) -> str:
        return self._pages.item(self._page_row(key)).text()

    def _page_row(self, key: str) -> int:
        return next(
            (r for r in range(self._pages.rowCount()) if self._pages.item(r).data(KEY_ROLE) == key), -1
        )
