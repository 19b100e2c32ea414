"""Saved searches in the sidebar: open one (loaded into the builder and run), save, rename, delete, export, import.

Dialogs are window-modal and opened with ``open()`` (never ``exec()``, which would stall the
asyncio loop); the one showing is ``dialog``. A name that cannot be used reopens the name dialog
with the reason and the name as typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QToolButton, QWidget

from app.schema import SearchRequest

from ..feedback import confirm
from ..main_window import MainWindow
from ..search_state import SearchState
from ..shortcuts import local_shortcut
from ..sidebar import SidebarListView
from .controller import SearchBuilderController
from .saved_searches import SavedSearch, SavedSearchProblem, SavedSearchStore, check_name

SAVED_SEARCHES = "saved_searches"
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_TIMEOUT_MS = 10_000
JSON_FILES = "Saved searches (*.json);;All files (*)"
NOTHING_TO_SAVE = "Nothing to save yet: add text, a complete filter or a sort."


class SavedSearchesController(QObject):
    """The "Saved searches" sidebar section and the builder's "Save search…", over a ``SavedSearchStore``."""

    def __init__(
        self,
        store: SavedSearchStore,
        window: MainWindow,
        builder: SearchBuilderController,
        state: SearchState,
    ) -> None:
        super().__init__(window)
        self.store = store
        self._window = window
        self._builder = builder
        self._state = state
        self.current_name: str | None = None  # the saved search the builder was loaded from
        self.dialog: QWidget | None = None

        self.model = QStandardItemModel(self)
        self.view = SidebarListView(self.model, fit_to_rows=True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.section = window.sidebar.add_section(SAVED_SEARCHES, "Saved searches", self.view)
        self.tools = QToolButton()
        self.tools.setText("⋯")
        self.tools.setAutoRaise(True)
        self.tools.setAccessibleName("Saved searches: import and export")
        self.tools.setToolTip("Import or export saved searches")
        self.tools_menu = QMenu(self.tools)
        self.import_action = self.tools_menu.addAction("Import saved searches…", self.ask_import)
        self.export_action = self.tools_menu.addAction("Export saved searches…", self.ask_export)
        self.tools.clicked.connect(  # popup(), not a menu button's exec(): no nested event loop
            lambda: self.tools_menu.popup(self.tools.mapToGlobal(self.tools.rect().bottomLeft()))
        )
        self.section.add_tool(self.tools)
        local_shortcut(QKeySequence(Qt.Key.Key_F2), self.view, lambda: self._on_current(self.ask_rename))
        local_shortcut(QKeySequence.StandardKey.Delete, self.view, lambda: self._on_current(self.ask_delete))

        window.sidebar.entryActivated.connect(self._entry_activated)
        window.search_builder.saveRequested.connect(self.ask_save)
        store.changed.connect(self._fill)
        state.changed.connect(self._state_changed)
        self._fill()

    # -- opening -----------------------------------------------------------------------------------

    def open(self, name: str) -> None:
        """Load the saved search into the builder (shown) and run it, for the whole workspace."""
        search = self.store.find(name)
        if search is None:
            return
        self.current_name = search.name
        self._window.show_search_builder()
        self._builder.load(search.request, leave_list=True)
        self._select(search.name)

    def _entry_activated(self, section: str, index: QModelIndex) -> None:
        if section == SAVED_SEARCHES:
            self.open(index.data(NAME_ROLE))

    def _state_changed(self) -> None:
        if not self._state.is_active:
            self.current_name = None
            if self.view.selectionModel().hasSelection():  # the saved search's results are gone
                self._window.sidebar.show_all_contacts()

    # -- saving ------------------------------------------------------------------------------------

    def ask_save(self) -> None:
        request = self._builder.current_request()
        if not request.to_wire():
            self._window.search_builder.show_message(NOTHING_TO_SAVE)
            return
        self._ask_name(
            "Save search", "Name of this search:", self.current_name or "", lambda n: self._save(n, request)
        )

    def _save(self, name: str, request: SearchRequest) -> None:
        try:
            name = check_name(name)
        except SavedSearchProblem as exc:
            self._ask_name(
                "Save search", f"{exc}\nName of this search:", name, lambda n: self._save(n, request)
            )
            return
        existing = self.store.find(name)
        if existing is not None and not (
            self.current_name and existing.name.casefold() == self.current_name.casefold()
        ):
            self.dialog = confirm(
                self._window,
                "Replace saved search",
                f"A saved search is already called “{existing.name}”. Replace it with this search?",
                "Replace",
                lambda: self._store(SavedSearch(existing.name, request)),
            )
            return
        self._store(SavedSearch(name, request))

    def _store(self, search: SavedSearch) -> None:
        self.store.save(search)
        self.current_name = search.name
        self._select(search.name)
        self._window.show_message(f"Saved the search “{search.name}”.", STATUS_TIMEOUT_MS)

    # -- renaming and deleting ---------------------------------------------------------------------

    def ask_rename(self, name: str, label: str = "New name:") -> None:
        self._ask_name("Rename saved search", label, name, lambda new: self._rename(name, new))

    def _rename(self, name: str, new_name: str) -> None:
        try:
            renamed = self.store.rename(name, new_name)
        except SavedSearchProblem as exc:
            self._ask_name(
                "Rename saved search", f"{exc}\nNew name:", new_name, lambda n: self._rename(name, n)
            )
            return
        if self.current_name is not None and self.current_name.casefold() == name.casefold():
            self.current_name = renamed.name
        self._select(renamed.name)

    def ask_delete(self, name: str) -> None:
        self.dialog = confirm(
            self._window,
            "Delete saved search",
            f"Delete the saved search “{name}”? The contacts are not touched.",
            "Delete",
            lambda: self._delete(name),
        )

    def _delete(self, name: str) -> None:
        self.store.delete(name)
        if self.current_name is not None and self.current_name.casefold() == name.casefold():
            self.current_name = None
        self._window.show_message(f"Deleted the saved search “{name}”.", STATUS_TIMEOUT_MS)

    # -- files -------------------------------------------------------------------------------------

    def ask_export(self) -> None:
        if not self.store.searches:
            self._warn("Export saved searches", "There are no saved searches to export yet.")
            return
        dialog = QFileDialog(
            self._window, "Export saved searches", str(Path.home() / "saved-searches.json"), JSON_FILES
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("json")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        self._open(dialog)

    def export_to(self, path: Path) -> None:
        try:
            count = self.store.export_to(path)
        except OSError as exc:
            self._warn("Export saved searches", f"Could not write {path}: {exc.strerror or exc}.")
            return
        self._window.show_message(
            f"Exported {count} saved search{'es' if count != 1 else ''} to {path}.", STATUS_TIMEOUT_MS
        )

    def ask_import(self) -> None:
        dialog = QFileDialog(self._window, "Import saved searches", str(Path.home()), JSON_FILES)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.import_from(Path(path)))
        self._open(dialog)

    def import_from(self, path: Path) -> None:
        try:
            names = self.store.import_from(path)
        except SavedSearchProblem as exc:
            self._warn("Import saved searches", f"Nothing was imported from {path.name}.\n\n{exc}")
            return
        listed = ", ".join(f"“{name}”" for name in names) or "none"
        self._window.show_message(f"Imported {len(names)} saved searches: {listed}.", STATUS_TIMEOUT_MS)

    # -- the sidebar section -------------------------------------------------------------------------

    def _fill(self) -> None:
        selected = self._selected_name()
        self.model.clear()
        for search in self.store.searches:
            item = QStandardItem(search.name)
            item.setData(search.name, NAME_ROLE)
            item.setToolTip(_describe(search.request))
            item.setData(f"Saved search {search.name}", Qt.ItemDataRole.AccessibleTextRole)
            self.model.appendRow(item)
        self.export_action.setEnabled(bool(self.store.searches))
        if selected is not None:
            self._select(selected)

    def _select(self, name: str) -> None:
        """Mark a saved search as the sidebar's current entry, without opening it again."""
        row = next(
            (
                r
                for r in range(self.model.rowCount())
                if self.model.item(r).data(NAME_ROLE).casefold() == name.casefold()
            ),
            -1,
        )
        if row >= 0:
            self._window.sidebar.blockSignals(True)
            try:
                self.view.setCurrentIndex(self.model.index(row, 0))
            finally:
                self._window.sidebar.blockSignals(False)

    def _selected_name(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(NAME_ROLE) if rows else None

    def _on_current(self, action) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            action(index.data(NAME_ROLE))

    def _context_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        name = index.data(NAME_ROLE)
        menu = QMenu(self.view)
        menu.addAction("Open", lambda: self.open(name))
        menu.addAction("Rename…", lambda: self.ask_rename(name))
        menu.addAction("Delete…", lambda: self.ask_delete(name))
        menu.popup(self.view.viewport().mapToGlobal(position))
        self.dialog = menu

    # -- dialogs -----------------------------------------------------------------------------------

    def _ask_name(self, title: str, label: str, text: str, then) -> None:
        dialog = QInputDialog(self._window)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        dialog.textValueSelected.connect(then)
        self._open(dialog)

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self._window)
        self._open(box)

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]


def _describe(request: SearchRequest) -> str:
    """The tooltip of a saved search: its text, how many filters, its sort."""
    parts = []
    if request.search_term:
        parts.append(f"Text “{request.search_term}”")
    filters = len(request.advanced_search or ())
    if filters:
        parts.append(f"{filters} filter{'s' if filters != 1 else ''}")
    if request.sort_by is not None:
        parts.append(f"sorted by {request.sort_by.field} ({request.sort_by.sort_order.value})")
    return ", ".join(parts) or "Every contact"
