"""The Imports screen: the imports this app started for the current profile (from their journals,
since the API cannot list imports), with status and summary; unfinished ones can be resumed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.importing import (
    CsvReadError,
    ImportJournal,
    JournalStatus,
    failure_reasons,
    summary_text,
    write_failure_file,
)
from app.importing.resume import FileChanged, prepare_again

from .context import ImporterContext
from .formatting import rows
from .models import compact_table


def status_text(journal: ImportJournal, active: bool) -> str:
    """What the Imports screen says about where an import stands."""
    status = journal.status
    if active:
        return "Importing…"
    if status is JournalStatus.COMPLETED:
        return "Completed"
    if status is JournalStatus.PAUSED:
        return "Stopped — can be resumed"
    if status is JournalStatus.RUNNING:
        return "Interrupted (the app closed) — can be resumed"
    return (
        f"Interrupted — can be resumed: {journal.message}"
        if journal.message
        else "Interrupted — can be resumed"
    )


def started_text(journal: ImportJournal) -> str:
    moment = datetime.fromisoformat(journal.created_at.replace("Z", "+00:00"))
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class ImportsPage(QWidget):
    """Lists the profile's journals, newest first; Resume, Save failure file…, Refresh."""

    HEADERS = ("Started", "File", "Status", "Summary")

    def __init__(
        self,
        context: ImporterContext,
        resume: Callable[[ImportJournal], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importsPage")
        self.setWindowTitle("Imports")
        self._context = context
        self._resume = resume
        self.journals: list[ImportJournal] = []
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("importsTable")
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        compact_table(self.table)
        for column, width in enumerate((130, 220, 260)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.resume_button = QPushButton("Resume")
        self.resume_button.clicked.connect(self.resume_selected)
        self.failures_button = QPushButton("Save failure file…")
        self.failures_button.clicked.connect(self.choose_failure_file)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.message_label = QLabel()
        self.message_label.setObjectName("importsMessage")
        self.message_label.setWordWrap(True)
        self.empty_label = QLabel(
            "No imports yet for this connection. File ▸ Import CSV… (or dropping a file on the window) starts one."
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.failures_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        self.refresh()

    def refresh(self) -> None:
        """Read the journals again (small files, one per import)."""
        self.journals = self._context.store.list()
        self.table.setRowCount(len(self.journals))
        for row, journal in enumerate(self.journals):
            active = journal.id in self._context.active
            cells = (
                started_text(journal),
                Path(journal.file.path).name,
                status_text(journal, active),
                summary_text(journal),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(journal.file.path if column == 1 else text)
                self.table.setItem(row, column, item)
        self.empty_label.setVisible(not self.journals)
        if self.journals and not self.table.selectedItems():
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> ImportJournal | None:
        rows_selected = self.table.selectionModel().selectedRows()
        return self.journals[rows_selected[0].row()] if rows_selected else None

    def _selection_changed(self) -> None:
        journal = self.selected()
        self.resume_button.setEnabled(
            journal is not None and journal.unfinished and journal.id not in self._context.active
        )
        self.failures_button.setEnabled(journal is not None)

    def resume_selected(self) -> None:
        journal = self.selected()
        if journal is not None:
            self._resume(journal)
            self.refresh()

    def choose_failure_file(self) -> None:
        journal = self.selected()
        if journal is None:
            return
        source = Path(journal.file.path)
        suggested = str(source.with_name(f"{source.stem}-failures.csv"))
        target, _filter = QFileDialog.getSaveFileName(
            self, "Save failure file", suggested, "CSV files (*.csv)"
        )
        if target:
            self.save_failure_file(journal, Path(target))

    def save_failure_file(self, journal: ImportJournal, target: Path) -> asyncio.Task[None]:
        self.message_label.setText("Reading the file again…")
        return self._context.run(lambda: self._write(journal, target), "Saving the failure file")

    async def _write(self, journal: ImportJournal, target: Path) -> None:
        try:
            prepared = await asyncio.to_thread(prepare_again, journal)
            reasons = failure_reasons(prepared, journal)
            written = await asyncio.to_thread(
                write_failure_file, Path(journal.file.path), journal.format, reasons, target
            )
        except (OSError, CsvReadError, FileChanged) as exc:
            self.message_label.setText(f"The failure file could not be written: {exc}")
            return
        self.message_label.setText(f"Saved {rows(written)} to {target}.")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
