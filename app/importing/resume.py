"""Resuming a journalled import: the same file, checked again exactly as it was the first time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .csv_source import file_identity
from .journal import ImportJournal
from .prepare import PreparedImport, prepare


class FileChanged(Exception):
    """The import's file is gone or its contents changed since the import started."""


def check_file(journal: ImportJournal) -> None:
    """Raise ``FileChanged`` unless the file has the size and SHA-256 the journal recorded
    (a new modification time alone is fine: e.g. the file was copied back)."""
    recorded = journal.file
    path = Path(recorded.path)
    if not path.is_file():
        raise FileChanged(f"{path} is not there any more: put it back to resume this import.")
    current = file_identity(path)
    if (current.size, current.sha256) != (recorded.size, recorded.sha256):
        raise FileChanged(
            f"{path.name} has changed since this import started: resuming could send the wrong rows. "
            "Start a new import with the changed file instead."
        )


def prepare_again(
    journal: ImportJournal,
    *,
    on_progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> PreparedImport:
    """The check's result for a journalled import (blocking): the file is verified, then read
    with the recorded format, mapping, options and custom field definitions."""
    check_file(journal)
    return prepare(
        Path(journal.file.path),
        journal.format,
        journal.targets,
        journal.fields,
        journal.options,
        on_progress=on_progress,
        cancel=cancel,
    )
