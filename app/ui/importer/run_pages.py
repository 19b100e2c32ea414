"""The wizard's import page (one progress bar, counts, time left, stop) and its report page."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.api import CueDeskError
from app.importing import (
    BatchState,
    CsvReadError,
    ImportRun,
    JournalMismatch,
    JournalStatus,
    RunProgress,
    UnknownOutcome,
    failure_reasons,
    summary_text,
    write_failure_file,
)
from app.importing.resume import FileChanged, prepare_again
from app.importing.runner import Decision

from .formatting import rows, time_left
from .models import compact_table, fit_header_widths

if TYPE_CHECKING:
    from .wizard import ImportWizard

#: Failures the import page shows itself (with "Try again"), rather than the window's banner.
RUN_ERRORS = (CueDeskError, OSError, CsvReadError, FileChanged, JournalMismatch)


class RunPage(QWizardPage):
    """Sends the checked rows batch by batch; shows one progress bar for the whole file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.run: ImportRun | None = None
        self.task: asyncio.Task[None] | None = None
        self._finished = False
        self._pending = 0  # the batch waiting for the user's decision
        self.setTitle("Import")
        self.setCommitPage(True)  # no way back to a page that would start the import again
        self.setButtonText(QWizard.WizardButton.CommitButton, "Show report")
        self.setSubTitle(
            "Rows are sent in batches of up to 1,000. You can stop after the current batch and resume later "
            "from the Imports screen."
        )
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("importCounts")
        self.time_label = QLabel()
        self.time_label.setObjectName("timeLeft")
        self.status_label = QLabel()
        self.status_label.setObjectName("importStatus")
        self.status_label.setWordWrap(True)
        self.stop_button = QPushButton("Stop after this batch")
        self.stop_button.clicked.connect(self.stop)
        self.retry_button = QPushButton("Try again")
        self.retry_button.clicked.connect(lambda: self._continue())
        self.retry_button.hide()

        self.decision = QFrame()
        self.decision.setObjectName("unknownOutcome")
        self.decision.setFrameShape(QFrame.Shape.StyledPanel)
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        self.resend_button = QPushButton("Send these rows again")
        self.skip_button = QPushButton("Don't send them (list them in the failure file)")
        self.resend_button.clicked.connect(lambda: self._decide("resend"))
        self.skip_button.clicked.connect(lambda: self._decide("skip"))
        decision_buttons = QHBoxLayout()
        decision_buttons.addWidget(self.resend_button)
        decision_buttons.addWidget(self.skip_button)
        decision_buttons.addStretch(1)
        decision_layout = QVBoxLayout(self.decision)
        decision_layout.addWidget(self.decision_label)
        decision_layout.addLayout(decision_buttons)
        self.decision.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.time_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.decision)
        layout.addStretch(1)

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def initializePage(self) -> None:
        self._finished = False
        self._begin_work("Starting…")
        self.task = self._wizard.start(self._start, "Importing contacts")

    async def _start(self) -> None:
        wizard, draft = self._wizard, self._wizard.draft
        try:
            if draft.journal is None:
                await self._create_journal()
            else:
                self.status_label.setText("Checking the file again before resuming…")
                draft.prepared = await asyncio.to_thread(prepare_again, draft.journal)
            assert draft.journal is not None and draft.prepared is not None
            self.run = ImportRun(draft.journal, draft.prepared, wizard.context.client)
        except RUN_ERRORS as exc:
            self._stopped_on(str(exc), can_retry=isinstance(exc, CueDeskError))
            return
        await self._send()

    async def _create_journal(self) -> None:
        draft = self._wizard.draft
        assert draft.prepared is not None and draft.identity is not None and draft.fmt is not None
        options = draft.options
        if draft.new_list_name and options.contact_list_uuid is None:
            self.status_label.setText(f"Creating the list “{draft.new_list_name}”…")
            created = await self._wizard.context.call(
                lambda client: client.contact_lists.create(name=draft.new_list_name)
            )
            draft.lists.append(created)
            options = draft.options = replace(options, contact_list_uuid=created.uuid)
        draft.journal = await asyncio.to_thread(
            self._wizard.context.store.create,
            identity=draft.identity,
            fmt=draft.fmt,
            headers=draft.prepared.headers,
            targets=draft.targets,
            options=options,
            fields=draft.fields,
            prepared=draft.prepared,
            batch_size=1000,
        )

    async def _send(self, decisions: dict[int, Decision] | None = None) -> None:
        assert self.run is not None
        self.status_label.setText("Sending…")
        active = self._wizard.context.active
        active.add(self.run.journal.id)
        try:
            journal = await self.run.run(on_progress=self.show_progress, decisions=decisions)
        except UnknownOutcome as exc:
            self._ask(exc)
            return
        except RUN_ERRORS as exc:
            self._stopped_on(
                f"The import stopped: {exc} You can try again now or resume it later.", can_retry=True
            )
            return
        finally:
            active.discard(self.run.journal.id)
        self._finished = True
        self.stop_button.hide()
        self.time_label.setText("")
        if journal.status is JournalStatus.PAUSED:
            self.status_label.setText(
                "Stopped after the current batch. Resume it any time from the Imports screen."
            )
        else:
            self.status_label.setText("Done.")
        self.completeChanged.emit()

    def show_progress(self, progress: RunProgress) -> None:
        self.progress.setRange(0, max(progress.rows_total, 1))
        self.progress.setValue(progress.rows_done)
        text = (
            f"{progress.rows_done:,} of {rows(progress.rows_total)} done · {progress.created:,} created or updated"
            f" · {progress.failed:,} failed · {progress.skipped:,} skipped"
        )
        if progress.not_sent:
            text += f" · {progress.not_sent:,} not sent"
        self.counts_label.setText(text)
        self.time_label.setText(time_left(progress.seconds_left))
        if progress.batches:
            self.status_label.setText(
                f"Batch {min(progress.batch + 1, progress.batches)} of {progress.batches}…"
            )

    def stop(self) -> None:
        """Stop before the next batch is sent (the batch in progress finishes)."""
        if self.run is not None and self.running:
            self.run.cancel()
            self.stop_button.setEnabled(False)
            self.status_label.setText("Stopping after the current batch…")

    def stop_requested_by_close(self) -> bool:
        """The wizard is being closed: stop a running import instead (``True``: stay open meanwhile)."""
        if not self.running:
            return False
        self.stop()
        return True

    def _ask(self, unknown: UnknownOutcome) -> None:
        self.decision_label.setText(
            f"{unknown} Look in the workspace if you are not sure, then choose. No other batch is sent until then."
        )
        self._pending = unknown.batch.index
        self.decision.show()
        self.stop_button.hide()
        self.status_label.setText("Waiting for your decision.")

    def _decide(self, decision: Decision) -> None:
        self.decision.hide()
        self._begin_work("Sending…")
        index = self._pending
        self.task = self._wizard.start(lambda: self._send({index: decision}), "Importing contacts")

    def _continue(self) -> None:
        self._begin_work("Trying again…")
        self.task = self._wizard.start(
            self._send if self.run is not None else self._start, "Importing contacts"
        )

    def _begin_work(self, text: str) -> None:
        self.retry_button.hide()
        self.stop_button.show()
        self.stop_button.setEnabled(True)
        self.status_label.setText(text)

    def _stopped_on(self, text: str, *, can_retry: bool) -> None:
        self.stop_button.hide()
        self.retry_button.setVisible(can_retry)
        self.status_label.setText(text)

    def isComplete(self) -> bool:
        return self._finished


class ReportPage(QWizardPage):
    """Totals per batch and overall; "Save failure file…" writes the rows that did not make it."""

    HEADERS = ("Batch", "Rows of the file", "Sent", "Created or updated", "Failed", "Skipped", "Status")

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.reasons: dict[int, str] = {}
        self.setTitle("Report")
        self.setSubTitle(
            "Totals per batch and overall. The failure file lists each row that was not imported, and why."
        )
        self.summary_label = QLabel()
        self.summary_label.setObjectName("reportSummary")
        self.summary_label.setWordWrap(True)
        self.batches = QTableWidget(0, len(self.HEADERS))
        self.batches.setObjectName("batchesTable")
        self.batches.setHorizontalHeaderLabels(self.HEADERS)
        compact_table(self.batches)
        fit_header_widths(self.batches)
        self.save_button = QPushButton("Save failure file…")
        self.save_button.clicked.connect(self.choose_failure_file)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("failureFileSaved")
        self.saved_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.batches, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        draft = self._wizard.draft
        journal, prepared = draft.journal, draft.prepared
        assert journal is not None and prepared is not None
        self.reasons = failure_reasons(prepared, journal)
        summary = summary_text(journal)
        if journal.status is JournalStatus.PAUSED:
            summary += " The import was stopped: the rest of the file was not sent (resume it from the Imports screen)."
        self.summary_label.setText(summary + ".")
        self.batches.setRowCount(len(journal.batches))
        for row, batch in enumerate(journal.batches):
            finished = batch.state is BatchState.FINISHED
            cells = (
                f"{batch.index + 1}",
                f"{batch.first_row:,}–{batch.last_row:,}",
                f"{batch.rows:,}" if finished else "—",
                f"{batch.created:,}" if finished else "—",
                f"{batch.failed:,}" if finished else "—",
                f"{batch.skipped:,}" if finished else "—",
                batch.status if finished and batch.status else batch.state.value,
            )
            for column, text in enumerate(cells):
                self.batches.setItem(row, column, QTableWidgetItem(text))
        self.save_button.setEnabled(bool(self.reasons))
        self.save_button.setText(
            f"Save failure file ({rows(len(self.reasons))})…" if self.reasons else "No failed rows"
        )

    def choose_failure_file(self) -> None:
        path = self._wizard.draft.path
        assert path is not None
        suggested = str(path.with_name(f"{path.stem}-failures.csv"))
        target, _filter = QFileDialog.getSaveFileName(
            self, "Save failure file", suggested, "CSV files (*.csv)"
        )
        if target:
            self.save_failure_file(Path(target))

    def save_failure_file(self, target: Path) -> asyncio.Task[None]:
        return self._wizard.start(lambda: self._write(target), "Saving the failure file")

    async def _write(self, target: Path) -> None:
        journal = self._wizard.draft.journal
        assert journal is not None
        try:
            written = await asyncio.to_thread(
                write_failure_file, Path(journal.file.path), journal.format, self.reasons, target
            )
        except (OSError, CsvReadError) as exc:
            self.saved_label.setText(f"The failure file could not be written: {exc}")
            return
        self.saved_label.setText(f"Saved {rows(written)} to {target}.")
