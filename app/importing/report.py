"""The report of an import: totals per batch and overall, and the failure file.

The failure file is a CSV of the original rows that did not make it, as they are in the source
file (same columns and delimiter, UTF-8 with BOM), with two columns added: ``Row`` (its row in the
source, the header being row 1) and ``Reason``. It holds the rows the check left out, the rows the
server rejected, and the rows of batches not sent because their first attempt got no answer.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .csv_source import CsvFormat, iter_records
from .files import atomic_text_file
from .journal import BatchRecord, BatchState, ImportJournal
from .prepare import PreparedImport

ROW_COLUMN, REASON_COLUMN = "Row", "Reason"
NOT_SENT_REASON = (
    "Not sent: an earlier attempt got no answer and may have imported it; you chose not to send it again."
)


@dataclass(frozen=True, slots=True)
class ImportTotals:
    """Overall counts: rows read, left out by the check, sent, and the server's counts."""

    rows_read: int
    rejected_by_check: int
    sent: int
    created: int
    failed: int
    skipped: int
    not_sent: int


def totals(journal: ImportJournal) -> ImportTotals:
    check, sums = journal.check, journal.totals()
    return ImportTotals(
        rows_read=check["rows_read"],
        rejected_by_check=sum(check["problems"].values()),
        sent=sums["sent"],
        created=sums["created"],
        failed=sums["failed"],
        skipped=sums["skipped"],
        not_sent=sums["not_sent"],
    )


def summary_text(journal: ImportJournal) -> str:
    """One line: "2,500 rows: 2,480 created or updated, 12 failed, 8 left out by the check"."""
    t = totals(journal)
    parts = [f"{t.created:,} created or updated"]
    if t.failed:
        parts.append(f"{t.failed:,} rejected by the server")
    if t.skipped:
        parts.append(f"{t.skipped:,} skipped by the merge rule")
    if t.rejected_by_check:
        parts.append(f"{t.rejected_by_check:,} left out by the check")
    if t.not_sent:
        parts.append(f"{t.not_sent:,} not sent")
    return f"{t.rows_read:,} rows: " + ", ".join(parts)


def failure_reasons(prepared: PreparedImport, journal: ImportJournal) -> dict[int, str]:
    """Row number → reason, for every row that was not imported and is known to the app."""
    reasons = {problem.row: problem.reason for problem in prepared.problems}
    for batch in journal.batches:
        reasons.update({row: reason for row, reason in batch.failures})
        if batch.state is BatchState.SKIPPED:
            reasons.update(dict.fromkeys(_rows_of(prepared, batch), NOT_SENT_REASON))
    return dict(sorted(reasons.items()))


def _rows_of(prepared: PreparedImport, batch: BatchRecord) -> list[int]:
    return prepared.rows[batch.first : batch.first + batch.rows]


def write_failure_file(source: Path, fmt: CsvFormat, reasons: Mapping[int, str], target: Path) -> int:
    """Write the failure file (blocking; whole or not at all); returns how many rows it holds."""
    written = 0
    records = iter_records(source, fmt)
    try:
        with atomic_text_file(target, encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file, delimiter=fmt.delimiter)
            for _number, header in records:
                writer.writerow([*header, ROW_COLUMN, REASON_COLUMN])
                break
            for number, record in records:
                if number in reasons:
                    writer.writerow([*record, number, reasons[number]])
                    written += 1
    finally:
        records.close()
    return written
