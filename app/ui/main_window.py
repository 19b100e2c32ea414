"""The main window: the contacts table, the detail pane, the error banner and the status bar.

It only shows what it is given and says what the user did (signals); ``AppSession`` wires it up.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
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

APP_TITLE = "CueDesk Contacts"
ROW_PADDING = 8


def dropped_file(data: QMimeData) -> str | None:
    """The path of the one local file being dragged, if there is exactly one."""
    urls = data.urls() if data.hasUrls() else []
    return urls[0].toLocalFile() if len(urls) == 1 and urls[0].isLocalFile() else None


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
    importRequested = Signal()
    exportRequested = Signal()
    importsRequested = Signal()
    fileDropped = Signal(str)  # the path of one local file dropped on the window

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

        self.setAcceptDrops(True)
        self._build_menus()
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        model.modelReset.connect(lambda: self.contactRowChanged.emit(-1))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        import_action = QAction("&Import CSV…", self)
        import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        import_action.triggered.connect(self.importRequested)
        file_menu.addAction(import_action)
        export_action = QAction("&Export…", self)
        export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        export_action.triggered.connect(self.exportRequested)
        file_menu.addAction(export_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        reload_action = QAction("&Reload", self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.reloadRequested)
        view_menu.addAction(reload_action)
        imports_action = QAction("I&mports", self)
        imports_action.triggered.connect(self.importsRequested)
        view_menu.addAction(imports_action)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.contactRowChanged.emit(current.row() if current.isValid() else -1)

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

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.fileDropped.emit(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
