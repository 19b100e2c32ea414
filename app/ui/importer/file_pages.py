"""The wizard's first pages: the file (format detected and changeable, a preview) and the mapping."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.importing import (
    CONTACT_FIELDS,
    DELIMITERS,
    ENCODINGS,
    IGNORE,
    CsvFormat,
    CsvReadError,
    Target,
    TargetKind,
    auto_map,
    detect_format,
    is_read_only,
    read_preview,
    target_label,
)
from app.schema import FIELD_TYPE_DESCRIPTIONS, IDENTIFIER_FIELDS

from .models import compact_table

if TYPE_CHECKING:
    from .wizard import ImportWizard

FILE_FILTER = "CSV files (*.csv *.tsv *.txt);;All files (*)"
SAMPLE_VALUES = 3


def select_data(combo: QComboBox, value: object) -> None:
    """Select the item holding ``value`` without emitting a change."""
    combo.blockSignals(True)
    combo.setCurrentIndex(max(combo.findData(value), 0))
    combo.blockSignals(False)


class FilePage(QWizardPage):
    """Pick a file; its encoding and delimiter are detected, shown and changeable; a preview."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._loading = False
        self.setTitle("Choose a file")
        self.setSubTitle(
            "A CSV file with any common delimiter and encoding. You can also drop a file on the main window."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText("Path of a .csv file")
        self.path_edit.returnPressed.connect(lambda: self.open_file(Path(self.path_edit.text().strip())))
        self.browse_button = QPushButton("Browse…")
        self.browse_button.clicked.connect(self.choose_file)
        self.encoding_combo = QComboBox()
        for codec, label in ENCODINGS.items():
            self.encoding_combo.addItem(label, codec)
        self.delimiter_combo = QComboBox()
        for delimiter, label in DELIMITERS.items():
            self.delimiter_combo.addItem(label, delimiter)
        self.encoding_combo.currentIndexChanged.connect(self._format_chosen)
        self.delimiter_combo.currentIndexChanged.connect(self._format_chosen)
        self.detected_label = QLabel()
        self.detected_label.setObjectName("detectedFormat")
        self.message_label = QLabel()
        self.message_label.setObjectName("fileMessage")
        self.message_label.setWordWrap(True)
        self.preview_table = QTableWidget()
        self.preview_table.setObjectName("previewTable")
        compact_table(self.preview_table, row_numbers=True)

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("File:", path_row)
        form.addRow("Encoding:", self.encoding_combo)
        form.addRow("Delimiter:", self.delimiter_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.detected_label)
        layout.addWidget(self.message_label)
        layout.addWidget(QLabel("First rows:"))
        layout.addWidget(self.preview_table, 1)
        self._set_format_enabled(False)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Import contacts from CSV", "", FILE_FILTER)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        draft = self._wizard.draft
        draft.path, draft.fmt, draft.preview = path, None, None
        self.path_edit.setText(str(path))
        self._begin(f"Reading {path.name}…")
        self._wizard.start(lambda: self._detect(path), f"Reading {path.name}")

    async def _detect(self, path: Path) -> None:
        try:
            fmt = await asyncio.to_thread(detect_format, path)
        except OSError as exc:
            self._fail(f"{path.name} cannot be opened: {exc.strerror or exc}.")
            return
        select_data(self.encoding_combo, fmt.encoding)
        select_data(self.delimiter_combo, fmt.delimiter)
        self.detected_label.setText(f"Detected: {fmt.encoding_label}, {fmt.delimiter_label.lower()}.")
        await self._read(path, fmt)

    def _format_chosen(self) -> None:
        path = self._wizard.draft.path
        if path is None:
            return
        fmt = CsvFormat(self.encoding_combo.currentData(), self.delimiter_combo.currentData())
        self._begin("Reading the file again…")
        self._wizard.start(lambda: self._read(path, fmt), f"Reading {path.name}")

    async def _read(self, path: Path, fmt: CsvFormat) -> None:
        try:
            preview = await asyncio.to_thread(read_preview, path, fmt)
        except (OSError, CsvReadError) as exc:
            self._fail(str(exc))
            return
        draft = self._wizard.draft
        if draft.path != path:
            return  # another file was chosen meanwhile
        draft.fmt, draft.preview = fmt, preview
        self._show_preview()
        self._loading = False
        self.message_label.setText(f"{len(preview.headers)} columns.")
        self._set_format_enabled(True)
        self.completeChanged.emit()

    def _begin(self, text: str) -> None:
        self._loading = True
        self.message_label.setText(text)
        self.completeChanged.emit()

    def _fail(self, text: str) -> None:
        self._loading = False
        self._wizard.draft.preview = None
        self.preview_table.clear()
        self.preview_table.setRowCount(0)
        self.preview_table.setColumnCount(0)
        self.message_label.setText(text)
        self._set_format_enabled(self._wizard.draft.path is not None)
        self.completeChanged.emit()

    def _set_format_enabled(self, enabled: bool) -> None:
        self.encoding_combo.setEnabled(enabled)
        self.delimiter_combo.setEnabled(enabled)

    def _show_preview(self) -> None:
        preview = self._wizard.draft.preview
        assert preview is not None
        table = self.preview_table
        table.clear()
        table.setColumnCount(len(preview.headers))
        table.setRowCount(len(preview.rows))
        table.setHorizontalHeaderLabels(preview.headers)
        table.setVerticalHeaderLabels([f"{number}" for number in preview.row_numbers])
        for row, record in enumerate(preview.rows):
            for column, value in enumerate(record[: len(preview.headers)]):
                table.setItem(row, column, QTableWidgetItem(value))
        for column in range(len(preview.headers)):
            table.setColumnWidth(column, 140)

    def isComplete(self) -> bool:
        return not self._loading and self._wizard.draft.preview is not None


class MappingPage(QWizardPage):
    """A row per column of the file: its first values and a combo to choose where it goes."""

    HEADERS = ("Column in the file", "First values", "Import as")

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._mapped_for: tuple[object, ...] | None = None
        self.setTitle("Map columns")
        self.setSubTitle(
            "Choose where each column goes: a contact field, a custom field, or Ignore. "
            "Columns were matched by their names; every column not imported is listed below."
        )
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        compact_table(self.table, row_height=QComboBox().sizeHint().height() + 4)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 330)
        self.unmapped_label = QLabel()
        self.unmapped_label.setObjectName("unmappedColumns")
        self.unmapped_label.setWordWrap(True)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("mappingProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #a12622;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.unmapped_label)
        layout.addWidget(self.problem_label)
        wizard.workspaceLoaded.connect(self._workspace_loaded)

    def initializePage(self) -> None:
        if not self._wizard.workspace_loaded:
            self.problem_label.setText("Loading the workspace's custom fields…")
            return
        draft = self._wizard.draft
        assert draft.preview is not None
        key = (draft.path, draft.fmt, tuple(draft.preview.headers))
        if key != self._mapped_for:  # a new file or format: map again; else keep the user's choices
            draft.targets = auto_map(draft.preview.headers, draft.fields)
            self._mapped_for = key
        self._build()

    def _workspace_loaded(self) -> None:
        if self._wizard.currentPage() is self:
            self.initializePage()

    def combo(self, column: int) -> QComboBox:
        widget = self.table.cellWidget(column, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def _build(self) -> None:
        draft = self._wizard.draft
        assert draft.preview is not None
        headers, rows = draft.preview.headers, draft.preview.rows
        self.table.setRowCount(len(headers))
        for column, header in enumerate(headers):
            samples = [r[column].strip() for r in rows if column < len(r) and r[column].strip()][
                :SAMPLE_VALUES
            ]
            self.table.setItem(column, 0, QTableWidgetItem(header))
            self.table.setItem(column, 1, QTableWidgetItem(" · ".join(samples)))
            combo = self._target_combo(draft.targets[column])
            if is_read_only(header):
                combo.setToolTip("The server sets this value itself: it is not imported.")
            combo.currentIndexChanged.connect(lambda _i, c=column: self._target_chosen(c))
            self.table.setCellWidget(column, 2, combo)
        self._update()

    def _target_combo(self, selected: Target) -> QComboBox:
        combo = QComboBox()
        combo.addItem("Ignore", IGNORE.to_json())
        combo.insertSeparator(combo.count())
        for key, label in CONTACT_FIELDS.items():
            combo.addItem(label, Target(TargetKind.CONTACT, key).to_json())
        if self._wizard.draft.fields:
            combo.insertSeparator(combo.count())
        for definition in self._wizard.draft.fields:
            target = Target(TargetKind.CUSTOM, definition.field_key)
            kind = FIELD_TYPE_DESCRIPTIONS.get(definition.field_type, definition.field_type)
            combo.addItem(f"{definition.name} (custom: {definition.field_key})", target.to_json())
            combo.setItemData(combo.count() - 1, f"Custom field: {kind.lower()}", Qt.ItemDataRole.ToolTipRole)
        select_data(combo, selected.to_json())
        return combo

    def _target_chosen(self, column: int) -> None:
        self._wizard.draft.targets[column] = Target.from_json(self.combo(column).currentData())
        self._update()

    def _update(self) -> None:
        draft = self._wizard.draft
        assert draft.preview is not None
        unmapped = [h for h, t in zip(draft.preview.headers, draft.targets, strict=True) if t.ignored]
        self.unmapped_label.setText(
            f"Not imported ({len(unmapped)}): " + ", ".join(unmapped)
            if unmapped
            else "Every column is imported."
        )
        self.problem_label.setText(self.problem() or "")
        self.completeChanged.emit()

    def problem(self) -> str | None:
        """Why the mapping cannot be used as it is, or ``None``."""
        if not self._wizard.workspace_loaded:
            return "Loading the workspace's custom fields…"
        targets = [t for t in self._wizard.draft.targets if not t.ignored]
        twice = [t for t, n in Counter(targets).items() if n > 1]
        if twice:
            names = ", ".join(target_label(t, self._wizard.draft.fields) for t in twice)
            return f"Each field can take one column: {names} is chosen more than once."
        if not any(t.kind is TargetKind.CONTACT and t.key in IDENTIFIER_FIELDS for t in targets):
            return (
                "Map at least one identifier (email, phone number, WhatsApp ID, Messenger ID or external ID): "
                "a contact needs one."
            )
        return None

    def isComplete(self) -> bool:
        return self._mapped_for is not None and self.problem() is None
