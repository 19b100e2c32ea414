"""The export dialog: a view (any ``PageRequest`` factory) to CSV, with its visible columns or all
fields, progress and cancel. The file is complete or not written (``app.importing.export``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.api import CueDeskClient, CueDeskError, PageRequest
from app.importing import ExportCancelled, all_columns, columns_for, export_csv
from app.schema import Contact, SearchRequest

from ..columns import DEFAULT_COLUMN_KEYS
from ..views import ContactsView
from .context import ImporterContext


@dataclass(frozen=True, slots=True)
class ExportSource:
    """A view to export: what to call it, how to page through it, and its visible column keys."""

    title: str
    pages: Callable[[CueDeskClient], PageRequest[Contact]]
    visible: Sequence[str] = DEFAULT_COLUMN_KEYS

    @classmethod
    def of_view(cls, view: ContactsView, visible: Sequence[str]) -> ExportSource:
        """The table's current view (all contacts, a list, its members or a search) with its visible columns."""

        def pages(client: CueDeskClient) -> PageRequest[Contact]:
            return PageRequest(lambda limit, offset: view.fetch(client, offset=offset, limit=limit), 100, 0)

        # The table names a custom field's column ``cf:<key>``; the export, ``custom:<key>``.
        keys = tuple(f"custom:{key[3:]}" if key.startswith("cf:") else key for key in visible)
        return cls(view.title or "Contacts", pages, keys)

    @classmethod
    def all_contacts(cls, order_field: str = "created_at", order: str = "desc") -> ExportSource:
        return cls("All contacts", lambda client: client.contacts.list(order_field=order_field, order=order))

    @classmethod
    def search(cls, request: SearchRequest, title: str = "Search results") -> ExportSource:
        return cls(title, lambda client: client.contacts.search(request))

    @classmethod
    def contact_list(cls, list_uuid: str, name: str) -> ExportSource:
        return cls(f"List “{name}”", lambda client: client.contacts.list(contact_list_uuid=list_uuid))


class ExportDialog(QDialog):
    """Choose columns and a file; Export shows progress; Cancel stops and writes nothing."""

    def __init__(self, context: ImporterContext, source: ExportSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(f"Export {source.title.lower()}")
        self._context = context
        self.source = source
        self.task: asyncio.Task[None] | None = None
        self._busy = False
        self._cancelled = False
        self.visible_radio = QRadioButton(f"The visible columns ({len(source.visible)})")
        self.all_radio = QRadioButton("All fields, custom fields included")
        self.visible_radio.setChecked(True)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setPlaceholderText("Where to save the .csv file")
        self.path_edit.textChanged.connect(self._update)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.choose_path)
        self.progress = QProgressBar()
        self.progress.hide()
        self.status_label = QLabel("UTF-8 with BOM (opens in spreadsheets as written), dates in ISO 8601.")
        self.status_label.setObjectName("exportStatus")
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Export:", QLabel(source.title))
        form.addRow("Columns:", self.visible_radio)
        form.addRow("", self.all_radio)
        form.addRow("File:", path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.resize(560, 240)
        self._update()

    @property
    def running(self) -> bool:
        return self._busy

    def choose_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export contacts", "contacts.csv", "CSV files (*.csv)"
        )
        if path:
            self.path_edit.setText(path if path.lower().endswith(".csv") else f"{path}.csv")

    def _update(self) -> None:
        self.export_button.setEnabled(bool(self.path_edit.text().strip()) and not self.running)
        self.close_button.setText("Cancel" if self.running else "Close")

    def start_export(self) -> None:
        path = Path(self.path_edit.text().strip()).expanduser()
        self._cancelled = False
        self._busy = True
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status_label.setText("Exporting…")
        self.task = self._context.run(lambda: self._export(path), f"Exporting to {path.name}")
        self._update()

    async def _export(self, path: Path) -> None:
        try:
            fields = await self._context.call(lambda client: client.custom_fields.list().all())
            columns = (
                all_columns(fields)
                if self.all_radio.isChecked()
                else columns_for(self.source.visible, fields)
            )
            client = await self._context.client()
            written = await export_csv(
                lambda: self.source.pages(client),
                columns,
                path,
                on_progress=self._progress,
                cancelled=lambda: self._cancelled,
            )
        except ExportCancelled:
            self.status_label.setText("Cancelled: no file was written.")
        except (CueDeskError, OSError) as exc:
            self.status_label.setText(f"The export failed and no file was written: {exc}")
        else:
            self.status_label.setText(f"Exported {written:,} contact{'s' if written != 1 else ''} to {path}.")
        finally:
            self._busy = False
            self.progress.hide()
            self._update()

    def _progress(self, written: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(written)
        self.status_label.setText(f"Exporting… {written:,} of {total:,}")

    def reject(self) -> None:
        """Cancel stops a running export (nothing is written); otherwise closes."""
        if self.running:
            self._cancelled = True
            self.status_label.setText("Cancelling…")
            return
        super().reject()
