"""The main window: sidebar, quick search, the contacts table, the detail pane, the error banner and the status bar.

It only shows what it is given and says what the user did (signals); ``AppSession`` wires it up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .banner import ErrorBanner
from .column_chooser import fill_column_menu
from .contacts_model import ContactsTableModel
from .contacts_table import ContactsTableView
from .detail_hint import hint_label
from .feedback import confirm
from .pages import CONTACTS_PAGE, PageStack
from .quick_search import QuickSearchBox
from .sidebar import Sidebar
from .view_header import ViewHeader

if TYPE_CHECKING:
    from .detail_pane import ContactDetailPane
    from .search_builder.panel import SearchBuilderPanel

APP_TITLE = "CueDesk Contacts"
SEARCH_BUILDER_WIDTH = 340


def dropped_file(data: QMimeData) -> str | None:
    """The path of the one local file being dragged, if there is exactly one."""
    urls = data.urls() if data.hasUrls() else []
    return urls[0].toLocalFile() if len(urls) == 1 and urls[0].isLocalFile() else None


class MainWindow(QMainWindow):
    """The contacts window; emits ``contactRowChanged(row)`` (−1: none), ``reloadRequested``, ``closed``,
    ``connectRequested`` (File ▸ Connect…). File ▸ Workspaces (``workspaces_menu``) is filled by its owner.
    """

    contactRowChanged = Signal(int)
    reloadRequested = Signal()
    closed = Signal()
    connectRequested = Signal()
    importRequested = Signal()
    exportRequested = Signal()
    importsRequested = Signal()
    customFieldsRequested = Signal()
    fileDropped = Signal(str)  # the path of one local file dropped on the window

    def __init__(self, model: ContactsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 760)
        self.banner = ErrorBanner()
        self.search_box = QuickSearchBox()
        self.sidebar = Sidebar()
        self.view_header = ViewHeader()
        self.table = ContactsTableView(model)
        self.pages = PageStack()
        self._detail: ContactDetailPane | None = None
        self._search_builder: SearchBuilderPanel | None = None

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(hint_label())  # the detail pane's place, until it is built (``detail``)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([760, 280])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        contacts_page = QWidget()
        contacts_layout = QVBoxLayout(contacts_page)
        contacts_layout.setContentsMargins(0, 0, 0, 0)
        contacts_layout.addWidget(self.view_header)
        contacts_layout.addWidget(splitter, 1)
        self.pages.add_page(CONTACTS_PAGE, contacts_page)

        browser = QSplitter(Qt.Orientation.Horizontal)
        browser.addWidget(self.sidebar)
        browser.addWidget(self.pages)
        browser.setStretchFactor(0, 0)
        browser.setStretchFactor(1, 1)
        browser.setSizes([210, 1070])
        browser.setChildrenCollapsible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(browser, 1)
        self.setCentralWidget(central)

        self.search_dock = QDockWidget("Search builder", self)
        self.search_dock.setObjectName("searchBuilderDock")
        self.search_dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search_dock)
        self.resizeDocks([self.search_dock], [SEARCH_BUILDER_WIDTH], Qt.Orientation.Horizontal)
        self.search_dock.hide()

        toolbar = self.addToolBar("Search")
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search_box)

        self.total_label = QLabel()
        self.total_label.setObjectName("totalLabel")
        self.total_label.setAccessibleName("Row count")
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionLabel")
        self.statusBar().addPermanentWidget(self.total_label)
        self.statusBar().addPermanentWidget(self.connection_label)

        self._discard_confirmed = False  # the user agreed to quit without saving the open edit
        self.setAcceptDrops(True)
        self._build_menus()
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        model.modelReset.connect(lambda: self.contactRowChanged.emit(-1))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        connect_action = QAction("&Connect…", self)
        connect_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        connect_action.triggered.connect(self.connectRequested)
        file_menu.addAction(connect_action)
        self.workspaces_menu = file_menu.addMenu("&Workspaces")
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
        find_action = QAction("&Find…", self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.focus_search)
        view_menu.addAction(find_action)
        builder_action = self.search_dock.toggleViewAction()
        builder_action.setText("Search &builder")
        builder_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        builder_action.triggered.connect(self._search_builder_toggled)
        self.search_dock.addAction(builder_action)  # the shortcut also works in a floating builder
        view_menu.addAction(builder_action)
        self.search_builder_action = builder_action
        columns_menu = view_menu.addMenu("&Columns")
        columns_menu.aboutToShow.connect(
            lambda: fill_column_menu(columns_menu, self.table, self.table.currentIndex().column())
        )
        imports_action = QAction("I&mports", self)
        imports_action.triggered.connect(self.importsRequested)
        view_menu.addAction(imports_action)
        custom_fields_action = QAction("Custom &fields", self)
        custom_fields_action.triggered.connect(self.customFieldsRequested)
        view_menu.addAction(custom_fields_action)
        self._build_contact_menu()

    def _build_contact_menu(self) -> None:
        menu = self.menuBar().addMenu("&Contact")
        for text, shortcut, slot in (
            ("&New contact", QKeySequence.StandardKey.New, lambda: self.detail.new_contact()),
            ("&Save contact", QKeySequence.StandardKey.Save, lambda: self.detail.save()),
            ("&Revert changes", None, lambda: self.detail.revert()),
        ):
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)

    # The detail pane and the search builder are built on first use: the window is painted before
    # the modules they need are imported (first_window.py); the session asks for both right after.

    @property
    def detail(self) -> ContactDetailPane:
        """The contact's detail pane, beside the table."""
        if self._detail is None:
            from .detail_pane import ContactDetailPane

            self._detail = ContactDetailPane()
            self.splitter.replaceWidget(1, self._detail).deleteLater()  # in the hint's place and size
        return self._detail

    @property
    def search_builder(self) -> SearchBuilderPanel:
        """The search builder, in its dock (hidden until asked for)."""
        if self._search_builder is None:
            from .search_builder.panel import SearchBuilderPanel

            self._search_builder = SearchBuilderPanel()
            self.search_dock.setWidget(self._search_builder)
        return self._search_builder

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

    def show_count(self, text: str) -> None:
        """The row count of the current view, e.g. "57 contacts in VIP Customers"."""
        self.total_label.setText(text)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def show_search_builder(self) -> None:
        """Show the search builder beside the table (the focus stays where it is)."""
        self.search_dock.show()
        self.search_dock.raise_()

    def _search_builder_toggled(self, shown: bool) -> None:
        if shown:
            self.search_builder.focus_term()
        else:
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def save_layout(self) -> dict[str, Any]:
        """The window's layout as JSON values, kept per workspace profile: geometry, splitter, table columns,
        docks (whether the search builder is shown, and where)."""
        return {
            "geometry": _encoded(self.saveGeometry()),
            "splitter": _encoded(self.splitter.saveState()),
            "columns": self.table.save_columns(),
            "docks": _encoded(self.saveState()),
        }

    def restore_layout(self, layout: Mapping[str, Any]) -> None:
        """Restore what ``save_layout`` returned; missing or unreadable parts keep their defaults."""
        if not isinstance(layout, Mapping):
            return
        geometry, splitter = _decoded(layout.get("geometry")), _decoded(layout.get("splitter"))
        if geometry is not None:
            self.restoreGeometry(geometry)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        docks = _decoded(layout.get("docks"))
        if docks is not None:
            self.restoreState(docks)
        columns = layout.get("columns")
        if isinstance(columns, list):
            self.table.restore_columns(columns)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.fileDropped.emit(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._detail is not None and self._detail.is_dirty() and not self._discard_confirmed:
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


def _encoded(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _decoded(text: object) -> QByteArray | None:
    if not isinstance(text, str) or not text:
        return None
    return QByteArray.fromBase64(text.encode("ascii", "ignore"))
