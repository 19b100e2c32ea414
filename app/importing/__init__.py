"""CSV import and export, without Qt: reading and checking a file, sending it in journalled batches,
the report and failure file, and exporting any view. The wizard (``app.ui.importer``) drives it.

Blocking file work (``detect_format``, ``read_preview``, ``prepare``, ``write_failure_file``) is
meant for a worker thread; the rest is async on the caller's loop.
"""

from .csv_source import (
    DELIMITERS,
    ENCODINGS,
    CsvFormat,
    CsvReadError,
    FileIdentity,
    Preview,
    detect_format,
    file_identity,
    read_preview,
)
from .export import ExportCancelled, ExportColumn, all_columns, columns_for, export_csv
from .journal import BatchRecord, BatchState, ImportJournal, JournalStatus, JournalStore
from .prepare import (
    PROBLEM_LABELS,
    ImportOptions,
    PrepareCancelled,
    PreparedImport,
    ProblemKind,
    RowProblem,
    prepare,
)
from .report import ImportTotals, failure_reasons, summary_text, totals, write_failure_file
from .runner import ImportRun, JournalMismatch, RunProgress, UnknownOutcome
from .targets import CONTACT_FIELDS, IGNORE, Target, TargetKind, auto_map, is_read_only, target_label

__all__ = [
    "CONTACT_FIELDS",
    "DELIMITERS",
    "ENCODINGS",
    "IGNORE",
    "PROBLEM_LABELS",
    "BatchRecord",
    "BatchState",
    "CsvFormat",
    "CsvReadError",
    "ExportCancelled",
    "ExportColumn",
    "FileIdentity",
    "ImportJournal",
    "ImportOptions",
    "ImportRun",
    "ImportTotals",
    "JournalMismatch",
    "JournalStatus",
    "JournalStore",
    "PrepareCancelled",
    "PreparedImport",
    "Preview",
    "ProblemKind",
    "RowProblem",
    "RunProgress",
    "Target",
    "TargetKind",
    "UnknownOutcome",
    "all_columns",
    "auto_map",
    "columns_for",
    "detect_format",
    "export_csv",
    "failure_reasons",
    "file_identity",
    "is_read_only",
    "prepare",
    "read_preview",
    "summary_text",
    "target_label",
    "totals",
    "write_failure_file",
]
