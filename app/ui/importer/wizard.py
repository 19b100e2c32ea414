"""The import wizard: file → mapping → options → check → import → report.

The pages only show and collect; the work (reading, checking, sending, journalling) is
``app.importing``'s, run in worker threads or on the qasync loop through the session's
``Operations``. A wizard opened on a journal (Imports screen ▸ Resume) starts at the import page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from app.importing import (
    CsvFormat,
    FileIdentity,
    ImportJournal,
    ImportOptions,
    PreparedImport,
    Preview,
    Target,
)
from app.schema import ContactList, CustomField

from .context import ImporterContext
from .file_pages import FilePage, MappingPage
from .option_pages import CheckPage, OptionsPage
from .run_pages import ReportPage, RunPage


@dataclass
class ImportDraft:
    """What the pages have decided so far, in page order."""

    path: Path | None = None
    fmt: CsvFormat | None = None
    preview: Preview | None = None
    fields: list[CustomField] = field(default_factory=list)
    lists: list[ContactList] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    options: ImportOptions = field(default_factory=ImportOptions)
    new_list_name: str = ""
    prepared: PreparedImport | None = None
    identity: FileIdentity | None = None
    journal: ImportJournal | None = None


class ImportWizard(QWizard):
    """Imports one CSV file (or resumes one journalled import)."""

    FILE, MAPPING, OPTIONS, CHECK, RUN, REPORT = range(6)

    #: The workspace's custom fields and lists have arrived (``draft.fields``, ``draft.lists``).
    workspaceLoaded = Signal()

    def __init__(
        self, context: ImporterContext, parent: QWidget | None = None, *, journal: ImportJournal | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.context = context
        self.draft = ImportDraft()
        self.workspace_loaded = False
        self._tasks: set[asyncio.Task[Any]] = set()
        self.setWindowTitle("Import contacts from CSV")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        self.resize(920, 660)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.options_page = OptionsPage(self)
        self.check_page = CheckPage(self)
        self.run_page = RunPage(self)
        self.report_page = ReportPage(self)
        for page_id, page in enumerate(
            (
                self.file_page,
                self.mapping_page,
                self.options_page,
                self.check_page,
                self.run_page,
                self.report_page,
            )
        ):
            self.setPage(page_id, page)
        if journal is not None:
            self.draft.journal = journal
            self.draft.path = Path(journal.file.path)
            self.setWindowTitle(f"Resume import of {self.draft.path.name}")
            self.setStartId(self.RUN)
        else:
            self.context.operations.run(
                self._load_workspace, description="Loading the custom fields and lists for the import"
            )

    async def _load_workspace(self) -> None:
        fields, lists = await asyncio.gather(
            self.context.call(lambda client: client.custom_fields.list().all()),
            self.context.call(lambda client: client.contact_lists.list().all()),
        )
        self.draft.fields, self.draft.lists = fields, lists
        self.workspace_loaded = True
        self.workspaceLoaded.emit()

    def open_file(self, path: str | Path) -> None:
        """Start with this file (chosen, dropped, or given by a test)."""
        self.file_page.open_file(Path(path))

    def start(self, work: Callable[[], Awaitable[Any]], description: str) -> asyncio.Task[Any]:
        """Run page work in the background; it is cancelled when the wizard closes (but an import
        only stops between batches: see ``reject``)."""
        task = self.context.run(work, description)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def reject(self) -> None:
        """Closing while batches are being sent stops after the current batch (resume later)."""
        if self.run_page.stop_requested_by_close():
            return
        for task in list(self._tasks):
            if task is not self.run_page.task:
                task.cancel()
        self.check_page.cancel_check()
        super().reject()  # also what closing the window does (QDialog.closeEvent calls reject)
