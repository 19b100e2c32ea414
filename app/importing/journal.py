"""The journal of an import: one JSON file per import, written before the import moves on.

It holds everything needed to resume an import after the app closed or the network went away, and
to show it on the Imports screen (the API has no endpoint listing imports): the file (path, size,
modification time, SHA-256), how it was read and mapped, the options, the custom field definitions
the values were checked against, the check's counts, and every batch: its rows and its state.

Batch states:

- ``pending``: not sent yet;
- ``sending``: its request went out and no answer has arrived (yet): the outcome is unknown;
- ``accepted``: the server answered 202 with a ``contact_import_uuid``: never sent again, polled;
- ``finished``: its import finished; the summary and the rows the server rejected are kept;
- ``refused``: the server answered with an error (nothing was imported): sent again on resume;
- ``skipped``: its outcome was unknown and the user chose not to send it again.

Every change is written to a temporary file and renamed into place, so a crash leaves the last
complete journal.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.schema import CustomField

from .csv_source import CsvFormat, FileIdentity
from .files import atomic_text_file
from .prepare import ImportOptions, PreparedImport
from .targets import Target

VERSION = 1
SUFFIX = ".json"


class JournalStatus(StrEnum):
    RUNNING = "running"  # being sent (or the app stopped while it was: see ``ImportJournal.unfinished``)
    PAUSED = "paused"  # cancelled by the user between batches
    INTERRUPTED = "interrupted"  # stopped on an error (network, server)
    COMPLETED = "completed"


class BatchState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    ACCEPTED = "accepted"
    FINISHED = "finished"
    REFUSED = "refused"
    SKIPPED = "skipped"


@dataclass
class BatchRecord:
    """One batch: contacts ``first`` … ``first + rows - 1`` of the checked file (spreadsheet rows
    ``first_row`` … ``last_row``)."""

    index: int
    first: int
    rows: int
    first_row: int
    last_row: int
    state: BatchState = BatchState.PENDING
    contact_import_uuid: str | None = None
    status: str | None = None
    created: int = 0
    failed: int = 0
    skipped: int = 0
    #: Rows the server rejected: ``[spreadsheet row, reason]``.
    failures: list[list[Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "state": self.state.value}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BatchRecord:
        return cls(**{**data, "state": BatchState(data["state"])})

    def same_rows(self, other: BatchRecord) -> bool:
        return (self.first, self.rows, self.first_row, self.last_row) == (
            other.first,
            other.rows,
            other.first_row,
            other.last_row,
        )


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class ImportJournal:
    """One import's journal file; change ``data``/``batches`` then call :meth:`save`."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.batches = [BatchRecord.from_json(b) for b in data.get("batches", [])]

    # What was imported, and how
    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def file(self) -> FileIdentity:
        return FileIdentity(**self.data["file"])

    @property
    def format(self) -> CsvFormat:
        return CsvFormat(**self.data["format"])

    @property
    def headers(self) -> list[str]:
        return [column["header"] for column in self.data["mapping"]]

    @property
    def targets(self) -> list[Target]:
        return [Target.from_json(column["target"]) for column in self.data["mapping"]]

    @property
    def options(self) -> ImportOptions:
        return ImportOptions.from_json(self.data["options"])

    @property
    def fields(self) -> list[CustomField]:
        return [CustomField.model_validate(f) for f in self.data["fields"]]

    @property
    def batch_size(self) -> int:
        return self.data["batch_size"]

    @property
    def created_at(self) -> str:
        return self.data["created_at"]

    # Where it stands
    @property
    def status(self) -> JournalStatus:
        return JournalStatus(self.data["status"])

    @property
    def message(self) -> str:
        return self.data.get("message") or ""

    @property
    def unfinished(self) -> bool:
        return self.status is not JournalStatus.COMPLETED

    @property
    def check(self) -> dict[str, Any]:
        """``rows_read``, ``to_send`` and ``problems`` (count by kind) of the check."""
        return self.data["check"]

    def totals(self) -> dict[str, int]:
        """Rows sent so far and the server's counts, over every finished batch."""
        finished = [b for b in self.batches if b.state is BatchState.FINISHED]
        return {
            "sent": sum(b.rows for b in finished),
            "created": sum(b.created for b in finished),
            "failed": sum(b.failed for b in finished),
            "skipped": sum(b.skipped for b in finished),
            "not_sent": sum(b.rows for b in self.batches if b.state is BatchState.SKIPPED),
        }

    def set_status(self, status: JournalStatus, message: str = "") -> None:
        self.data["status"] = status.value
        self.data["message"] = message
        self.save()

    def save(self) -> None:
        self.data["batches"] = [b.to_json() for b in self.batches]
        self.data["updated_at"] = now_text()
        with atomic_text_file(self.path) as file:
            json.dump(self.data, file, ensure_ascii=False, indent=1)

    def __repr__(self) -> str:
        return f"ImportJournal({self.path!s}, status={self.data.get('status')})"


class JournalStore:
    """The journals of one profile: ``<root>/<id>.json``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def create(
        self,
        *,
        identity: FileIdentity,
        fmt: CsvFormat,
        headers: list[str],
        targets: list[Target],
        options: ImportOptions,
        fields: list[CustomField],
        prepared: PreparedImport,
        batch_size: int,
    ) -> ImportJournal:
        """A new journal (status ``running``, no batch yet), written at once."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        import_id = f"{stamp}-{secrets.token_hex(3)}"
        data = {
            "version": VERSION,
            "id": import_id,
            "created_at": now_text(),
            "status": JournalStatus.RUNNING.value,
            "message": "",
            "file": asdict(identity),
            "format": {"encoding": fmt.encoding, "delimiter": fmt.delimiter},
            "mapping": [{"header": h, "target": t.to_json()} for h, t in zip(headers, targets, strict=True)],
            "options": options.to_json(),
            "fields": [f.model_dump(mode="json") for f in fields],
            "check": {
                "rows_read": prepared.rows_read,
                "to_send": len(prepared.contacts),
                "problems": {kind.value: count for kind, count in prepared.problem_counts.items()},
            },
            "batch_size": batch_size,
            "batches": [],
        }
        journal = ImportJournal(self.root / f"{import_id}{SUFFIX}", data)
        journal.save()
        return journal

    def load(self, path: Path) -> ImportJournal:
        return ImportJournal(path, json.loads(path.read_text(encoding="utf-8")))

    def list(self) -> list[ImportJournal]:
        """Every readable journal, newest first (unreadable files are left alone)."""
        journals = []
        if self.root.is_dir():
            for path in self.root.glob(f"*{SUFFIX}"):
                try:
                    journals.append(self.load(path))
                except (OSError, ValueError, KeyError, TypeError):
                    continue
        return sorted(journals, key=lambda j: j.created_at, reverse=True)
