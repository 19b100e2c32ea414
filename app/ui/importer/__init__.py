"""CSV import and export in the window: the wizard, the Imports screen, the export dialog.

``ImporterFeature`` wires them to the main window (File ▸ Import CSV…, File ▸ Export…, a CSV
file dropped on the window) and builds the Imports screen that the sidebar shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from app.importing import ImportJournal

from ..connection import Connection
from ..operations import Operations
from .context import ImporterContext
from .export_dialog import ExportDialog, ExportSource
from .imports_page import ImportsPage
from .storage import journal_store
from .wizard import ImportWizard

if TYPE_CHECKING:
    from ..main_window import MainWindow

__all__ = ["ExportSource", "ImportWizard", "ImporterFeature", "ImportsPage"]


class ImporterFeature(QObject):
    """Opens the importer's windows from the main window's actions and a file dropped on it."""

    def __init__(
        self,
        connection: Connection,
        window: MainWindow,
        operations: Operations,
        current_view: Callable[[], ExportSource],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.context = ImporterContext(connection, operations, journal_store(connection))
        #: What File ▸ Export… exports: the table's current view with its visible columns.
        self.current_view = current_view
        self._windows: set[QWidget] = set()
        window.importRequested.connect(lambda: self.open_wizard())
        window.exportRequested.connect(lambda: self.open_export())
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

    def _keep(self, widget: QWidget) -> None:
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._windows.add(widget)
        widget.destroyed.connect(lambda *_args: self._windows.discard(widget))
