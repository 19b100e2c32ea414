"""The main window: the contacts table, the detail pane, the error banner and the status bar.

It only shows what it is given and says what the user did (signals); ``AppSession`` wires it up.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .banner import ErrorBanner
from .contacts_model import ContactsTableModel
from .detail_pane import ContactDetailPane
from .feedback import confirm

APP_TITLE = "CueDesk Contacts"
ROW_PADDING = 8


class ContactsTableView(QTableView):
    """A table tuned for very many rows: fixed row height, preset column widths, no content sizing."""

    def __init__(self, model: ContactsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        rows.hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for section in range(model.columnCount()):
            header.resizeSection(section, model.column(section).width)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(model.sort_section(), Qt.SortOrder.DescendingOrder)
        self._sorted_by = (model.sort_section(), Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_requested)

    def _sort_requested(self, section: int, order: Qt.SortOrder) -> None:
        model = self.model()
        assert isinstance(model, ContactsTableModel)
        header = self.horizontalHeader()
        if not model.column(section).sortable:
            header.blockSignals(True)
            header.setSortIndicator(*self._sorted_by)
            header.blockSignals(False)
            return
        self._sorted_by = (section, order)
        model.sort(section, order)
        self.scrollToTop()


class MainWindow(QMainWindow):
    """The contacts window; emits ``contactRowChanged(row)`` (−1: none), ``reloadRequested``, ``closed``."""

    contactRowChanged = Signal(int)
    reloadRequested = Signal()
    closed = Signal()

    def __init__(self, model: ContactsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 760)
        self.banner = ErrorBanner()
        self.table = ContactsTableView(model)
        self.detail = ContactDetailPane()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([960, 320])
        splitter.setChildrenCollapsible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.total_label = QLabel()
        self.total_label.setObjectName("totalLabel")
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionLabel")
        self.statusBar().addPermanentWidget(self.total_label)
        self.statusBar().addPermanentWidget(self.connection_label)

        self._discard_confirmed = False  # the user agreed to quit without saving the open edit
        self._build_menus()
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        model.modelReset.connect(lambda: self.contactRowChanged.emit(-1))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        reload_action = QAction("&Reload", self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.reloadRequested)
        view_menu.addAction(reload_action)
        self._build_contact_menu()

    def _build_contact_menu(self) -> None:
        menu = self.menuBar().addMenu("&Contact")
        for text, shortcut, slot in (
            ("&New contact", QKeySequence.StandardKey.New, self.detail.new_contact),
            ("&Save contact", QKeySequence.StandardKey.Save, self.detail.save),
            ("&Revert changes", None, self.detail.revert),
        ):
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.contactRowChanged.emit(current.row() if current.isValid() else -1)

    def _close_discarding(self) -> None:
        self._discard_confirmed = True
        self.close()

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def set_connection(self, label: str) -> None:
        self.setWindowTitle(f"{APP_TITLE} — {label}")
        self.connection_label.setText(label)

    def show_total(self, total: int) -> None:
        self.total_label.setText("1 contact" if total == 1 else f"{total:,} contacts")

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.detail.is_dirty() and not self._discard_confirmed:
            event.ignore()  # ask first: unsaved edits are never dropped silently
            self.detail.confirmation = confirm(
                self,
                "Unsaved changes",
                "The contact you are editing has unsaved changes. Quit and discard them?",
                "Discard and quit",
                self._close_discarding,
                reject_label="Keep editing",
            )
            return
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
