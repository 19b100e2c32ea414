"""The wizard's options (match field, merge strategy, target list, duplicates) and its check page."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from app.importing import PROBLEM_LABELS, CsvReadError, ImportOptions, PrepareCancelled, TargetKind, prepare
from app.importing.csv_source import file_identity
from app.schema import MatchField, MergeType

from .formatting import rows
from .models import ProblemsModel, compact_table

if TYPE_CHECKING:
    from .wizard import ImportWizard

MATCH_CHOICES: list[tuple[str, MatchField | None]] = [
    ("Don't match: every row creates a new contact", None),
    ("Email", MatchField.EMAIL),
    ("Phone number", MatchField.PHONE_NUMBER),
    ("External ID", MatchField.EXTERNAL_CONTACT_ID),
]
MERGE_CHOICES: list[tuple[str, MergeType]] = [
    ("Create or update", MergeType.CREATE_OR_UPDATE),
    ("Create only", MergeType.CREATE),
    ("Update only", MergeType.UPDATE),
]
NEW_LIST = "new"


def merge_explanation(match: MatchField | None, merge: MergeType) -> str:
    """What the reference's merge strategy means for this import, in words."""
    if match is None:
        return (
            "Without a match field every row creates a new contact, even if one with the same details exists."
        )
    name = {MatchField.EMAIL: "email", MatchField.PHONE_NUMBER: "phone number"}.get(match, "external ID")
    matched = (
        f"A row matches the contact with the same {name} (the oldest one when several share it; "
        "a row without one matches nothing)."
    )
    if merge is MergeType.CREATE:
        return (
            f"{matched} Matched rows are skipped and leave the contact unchanged; the others create contacts."
        )
    if merge is MergeType.UPDATE:
        return f"{matched} Matched rows update the contact; rows that match nothing are skipped."
    return f"{matched} Matched rows update the contact; the others create new contacts."


class OptionsPage(QWizardPage):
    """``match_on_field``, ``merge_type`` (explained), a target list, and duplicates in the file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._initialized = False
        self.setTitle("Options")
        self.setSubTitle("How rows meet the contacts already in the workspace, and where they go.")
        self.match_combo = QComboBox()
        self.match_combo.setObjectName("matchField")
        for label, value in MATCH_CHOICES:
            self.match_combo.addItem(label, value.value if value else "")
        self.merge_combo = QComboBox()
        self.merge_combo.setObjectName("mergeType")
        for label, value in MERGE_CHOICES:
            self.merge_combo.addItem(label, value.value)
        self.merge_help = QLabel()
        self.merge_help.setObjectName("mergeHelp")
        self.merge_help.setWordWrap(True)
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("targetList")
        self.new_list_edit = QLineEdit()
        self.new_list_edit.setObjectName("newListName")
        self.new_list_edit.setPlaceholderText("Name of the new list")
        self.skip_duplicates = QCheckBox("Leave out rows whose identifier already appeared on an earlier row")
        self.skip_duplicates.setChecked(True)
        form = QFormLayout(self)
        form.addRow("Match existing contacts on:", self.match_combo)
        form.addRow("When a row matches:", self.merge_combo)
        form.addRow(self.merge_help)
        form.addRow("Add the contacts to a list:", self.list_combo)
        form.addRow("New list:", self.new_list_edit)
        form.addRow("Duplicates in the file:", self.skip_duplicates)
        self.match_combo.currentIndexChanged.connect(self._update)
        self.merge_combo.currentIndexChanged.connect(self._update)
        self.list_combo.currentIndexChanged.connect(self._update)
        self.new_list_edit.textChanged.connect(self._update)

    def initializePage(self) -> None:
        draft = self._wizard.draft
        mapped = {t.key for t in draft.targets if t.kind is TargetKind.CONTACT}
        items = self.match_combo.model()
        assert isinstance(items, QStandardItemModel)
        for index, (_label, value) in enumerate(MATCH_CHOICES):
            item = items.item(index)
            item.setEnabled(value is None or value.value in mapped)
            item.setToolTip("" if item.isEnabled() else "No column is mapped to this field.")
        current = self.match()
        if not self._initialized or (current is not None and current.value not in mapped):
            default = next((v for _l, v in MATCH_CHOICES[1:] if v is not None and v.value in mapped), None)
            self.match_combo.setCurrentIndex(self.match_combo.findData(default.value) if default else 0)
        if not self._initialized:
            self.list_combo.addItem("No list", "")
            for contact_list in draft.lists:
                self.list_combo.addItem(contact_list.name, str(contact_list.uuid))
            self.list_combo.addItem("New list…", NEW_LIST)
        self._initialized = True
        self._update()

    def match(self) -> MatchField | None:
        value = self.match_combo.currentData()
        return MatchField(value) if value else None

    def merge(self) -> MergeType:
        return MergeType(self.merge_combo.currentData())

    def _update(self) -> None:
        match = self.match()
        items = self.merge_combo.model()
        assert isinstance(items, QStandardItemModel)
        items.item(self.merge_combo.findData(MergeType.UPDATE.value)).setEnabled(match is not None)
        if match is None and self.merge() is MergeType.UPDATE:
            self.merge_combo.setCurrentIndex(0)
        self.merge_combo.setEnabled(match is not None)
        self.merge_help.setText(merge_explanation(match, self.merge()))
        new_list = self.list_combo.currentData() == NEW_LIST
        form = self.layout()
        assert isinstance(form, QFormLayout)
        form.setRowVisible(self.new_list_edit, new_list)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.list_combo.currentData() != NEW_LIST or bool(self.new_list_edit.text().strip())

    def validatePage(self) -> bool:
        draft = self._wizard.draft
        chosen_list = self.list_combo.currentData()
        existing = next((lst for lst in draft.lists if str(lst.uuid) == chosen_list), None)
        draft.new_list_name = self.new_list_edit.text().strip() if chosen_list == NEW_LIST else ""
        draft.options = ImportOptions(
            match_on_field=self.match(),
            merge_type=self.merge(),
            contact_list_uuid=existing.uuid if existing else None,
            contact_list_name=existing.name if existing else (draft.new_list_name or None),
            skip_duplicates=self.skip_duplicates.isChecked(),
        )
        return True


class CheckPage(QWizardPage):
    """Reads the whole file (in a worker thread) and shows what will fail, before anything is sent."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._cancel = threading.Event()
        self.setTitle("Check")
        self.setSubTitle(
            "Rows the app can tell will fail are listed here and left out. Go back to change the mapping or "
            "the options; Import sends the other rows."
        )
        self.setCommitPage(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("checkSummary")
        self.summary_label.setWordWrap(True)
        self.problems = ProblemsModel()
        self.problems_view = QTableView()
        self.problems_view.setObjectName("problemsTable")
        self.problems_view.setModel(self.problems)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        compact_table(self.problems_view)
        self.problems_view.setColumnWidth(0, 70)
        self.problems_view.setColumnWidth(1, 170)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems_view, 1)

    def initializePage(self) -> None:
        self._cancel = threading.Event()
        draft = self._wizard.draft
        draft.prepared = None
        self.problems.set_problems([])
        self.progress.show()
        self.summary_label.setText("Reading the whole file…")
        self._wizard.start(lambda: self._check(self._cancel), "Checking the file")

    def cleanupPage(self) -> None:
        self.cancel_check()

    def cancel_check(self) -> None:
        self._cancel.set()

    async def _check(self, cancel: threading.Event) -> None:
        draft = self._wizard.draft
        assert draft.path is not None and draft.fmt is not None
        loop = asyncio.get_running_loop()

        def read(count: int) -> None:
            loop.call_soon_threadsafe(
                self.summary_label.setText, f"Reading the whole file… {rows(count)} so far"
            )

        try:
            identity = await asyncio.to_thread(file_identity, draft.path)
            prepared = await asyncio.to_thread(
                prepare,
                draft.path,
                draft.fmt,
                draft.targets,
                draft.fields,
                draft.options,
                on_progress=read,
                cancel=cancel,
            )
        except PrepareCancelled:
            return
        except (OSError, CsvReadError, ValueError) as exc:
            self.progress.hide()
            self.summary_label.setText(f"The file could not be checked: {exc}")
            return
        if cancel.is_set():
            return
        draft.identity, draft.prepared = identity, prepared
        self.progress.hide()
        self.problems.set_problems(prepared.problems)
        self.summary_label.setText(self.summary())
        self.completeChanged.emit()

    def summary(self) -> str:
        prepared = self._wizard.draft.prepared
        assert prepared is not None
        text = f"{rows(prepared.rows_read)} read: {rows(len(prepared.contacts))} will be sent"
        if prepared.problems:
            found = prepared.problem_counts
            counts = ", ".join(
                f"{label.lower()}: {found[kind]:,}" for kind, label in PROBLEM_LABELS.items() if found[kind]
            )
            text += f"; {rows(len(prepared.problems))} will not be imported ({counts}), listed below"
        if not prepared.contacts:
            text += ". There is nothing to import: go back and change the mapping"
        return text + "."

    def isComplete(self) -> bool:
        prepared = self._wizard.draft.prepared
        return prepared is not None and bool(prepared.contacts)
