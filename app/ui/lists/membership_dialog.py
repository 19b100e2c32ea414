"""A membership job's progress (with Cancel) and, when it ends, what happened to each contact.

The report lists every contact the API warned about ("Contact is already in this contact list.",
"Contact not found.") with its name and email when known; Copy puts the whole report on the
clipboard as tab-separated text (Ctrl+C copies the selected rows).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..contacts_table import ROW_PADDING
from ..feedback import ErrorLabel
from ..membership import Action, MembershipJob, MembershipReport
from ..shortcuts import local_shortcut

HEADERS = ("Contact", "Email", "What happened", "Contact uuid")


def report_text(report: MembershipReport, rows: list[int] | None = None) -> str:
    """The report as tab-separated lines (a header, then one line per warning), for the clipboard."""
    warnings = report.warnings if rows is None else [report.warnings[r] for r in rows]
    lines = [report.summary, "\t".join(HEADERS)] if rows is None else []
    lines += ["\t".join((w.name, w.email, w.message, w.uuid)) for w in warnings]
    return "\n".join(lines)


class MembershipDialog(QDialog):
    """Follows one ``MembershipJob``: progress and Cancel while it runs, then its report."""

    def __init__(self, job: MembershipJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        report = job.report
        adding = report.action is Action.ADD
        self.setWindowTitle(f"{'Adding to' if adding else 'Removing from'} “{report.contact_list.name}”")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setAccessibleName("Progress")
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Contacts sent")
        self.error = ErrorLabel()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName("Contacts not changed")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)  # one line per contact; long texts are elided (Copy has them whole)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + ROW_PADDING)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        for column, width in enumerate((160, 210, 250)):
            self.table.setColumnWidth(column, width)
        self.table.hide()
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.resume_button = QPushButton("Try the rest again")
        self.buttons.addButton(self.resume_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button = QPushButton("Copy report")
        self.copy_button.setToolTip("Copy the report as tab-separated text (paste it into a spreadsheet)")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 100)
        layout.addStretch(1)  # keeps the lines together while the table is hidden
        layout.addWidget(self.buttons)
        self.resize(900, self.minimumSizeHint().height())

        self.cancel_button.clicked.connect(self._cancel)
        self.resume_button.clicked.connect(self._resume)
        self.copy_button.clicked.connect(self.copy_report)
        self.close_button.clicked.connect(self.accept)
        local_shortcut(QKeySequence.StandardKey.Copy, self.table, self.copy_selected)
        job.progress.connect(self._progress)
        job.finished.connect(self.show_report)
        self._running()

    # -- while it runs -------------------------------------------------------------------------------

    def _running(self) -> None:
        report = self.job.report
        self.error.show_message(None)
        self.bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        for button in (self.resume_button, self.copy_button, self.close_button):
            button.hide()
        self._progress(report.sent, -1 if report.total is None else report.total)

    def _progress(self, sent: int, total: int) -> None:
        if total >= 0:
            total = max(total, sent)  # a search that grew since its total was read
        self.bar.setRange(0, max(total, 0))  # an unknown total: a busy bar
        if total >= 0:
            self.bar.setValue(sent)
        verb = "Adding" if self.job.report.action is Action.ADD else "Removing"
        of = f" of {total:,}" if total >= 0 else ""
        self.heading.setText(f"{verb} contacts… {sent:,}{of} sent, in batches of 100.")

    def _cancel(self) -> None:
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.heading.setText(self.heading.text() + " Stopping after the batch on its way…")

    def _resume(self) -> None:
        self._running()
        self.job.resume()

    def reject(self) -> None:  # Esc or the window's close button: cancel a running job first
        if self.job.running:
            self._cancel()
            return
        super().reject()

    # -- when it has ended ------------------------------------------------------------------------------

    def show_report(self, report: MembershipReport) -> None:
        self.heading.setText(report.summary)
        self.error.show_message(report.error)
        self.bar.setVisible(report.total is not None and report.error is None and not report.cancelled)
        if report.total is not None:
            self.bar.setRange(0, max(report.total, report.sent))
            self.bar.setValue(report.sent)
        self.cancel_button.hide()
        self.resume_button.setVisible(self.job.can_resume)
        self.copy_button.show()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.table.setRowCount(len(report.warnings))
        for row, warning in enumerate(report.warnings):
            for column, text in enumerate(
                (warning.name or "—", warning.email, warning.message, warning.uuid)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # whole, where the column elides it
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(report.warnings))
        if report.warnings:
            self.resize(self.width(), 420)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(report_text(self.job.report))

    def copy_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if rows:
            QGuiApplication.clipboard().setText(report_text(self.job.report, rows))
