"""CSV import and export in the window: the wizard, the Imports screen, the export dialog.

``ImporterFeature`` wires them to the main window (File ▸ Import CSV…, File ▸ Export…,
View ▸ Imports, a CSV file dropped on the window). ``make_imports_page(session)`` builds the
Imports screen for the sidebar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from app.importing import ImportJournal

from ..connection import Connection
from ..contacts_model import ContactsTableModel
from ..operations import Operations
from .context import ImporterContext
from .export_dialog import ExportDialog, ExportSource
from .imports_page import ImportsPage
from .storage import journal_store
from .wizard import ImportWizard

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from ..session import AppSession

__all__ = ["ExportSource", "ImportWizard", "ImporterFeature", "ImportsPage", "make_imports_page"]


class ImporterFeature(QObject):
    """Opens the importer's windows from the main window's actions and a file dropped on it."""

    def __init__(
        self, connection: Connection, window: MainWindow, operations: Operations, model: ContactsTableModel
    ) -> None:
        super().__init__(window)
        self.window = window
        self.context = ImporterContext(connection, operations, journal_store(connection))
        #: What File ▸ Export… exports: the table's view (all contacts, in the table's order).
        self.current_view: Callable[[], ExportSource] = lambda: ExportSource.all_contacts(
            model.order_field, model.order
        )
        self._windows: set[QWidget] = set()
        self.imports_window: ImportsPage | None = None
        window.importRequested.connect(lambda: self.open_wizard())
        window.exportRequested.connect(lambda: self.open_export())
        window.importsRequested.connect(self.show_imports)
        window.fileDropped.connect(self.open_wizard)

    def open_wizard(
        self, path: str | Path | None = None, journal: ImportJournal | None = None
    ) -> ImportWizard:
        """Show a new import wizard (on ``path`` if given; resuming ``journal`` if given)."""
        wizard = ImportWizard(self.context, self.window, journal=journal)
        self._keep(wizard)
        wizard.show()
        if path:
            wizard.open_file(path)
        return wizard

    def open_export(self, source: ExportSource | None = None) -> ExportDialog:
        """Show the export dialog for ``source`` (default: the current view)."""
        dialog = ExportDialog(self.context, source or self.current_view(), self.window)
        self._keep(dialog)
        dialog.show()
        return dialog

    def make_imports_page(self, parent: QWidget | None = None) -> ImportsPage:
        return ImportsPage(self.context, lambda journal: self.open_wizard(journal=journal), parent)

    def show_imports(self) -> ImportsPage:
        """The Imports screen in a window of its own (until the sidebar shows it)."""
        if self.imports_window is None:
            self.imports_window = self.make_imports_page()
            self.imports_window.setWindowFlag(Qt.WindowType.Window)
            self.imports_window.setParent(self.window, Qt.WindowType.Window)
            self.imports_window.resize(900, 420)
        self.imports_window.show()
        self.imports_window.raise_()
        return self.imports_window

    def _keep(self, widget: QWidget) -> None:
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._windows.add(widget)
        widget.destroyed.connect(lambda *_args: self._windows.discard(widget))


def make_imports_page(session: AppSession, parent: QWidget | None = None) -> QWidget:
    """The Imports screen of a session, for the sidebar's page registry."""
    feature: Any = session.importer
    return feature.make_imports_page(parent)
