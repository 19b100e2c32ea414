"""``--smoke-test``: open the main window on the sandbox, wait for the first page of contacts, report, exit.

Used to check an installed or frozen build end to end: one line on stdout with what was seen, exit
status 0 on success and 1 on any failure (a failed operation, or nothing shown in time).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer

from .operations import Failure
from .session import AppSession

SMOKE_TIMEOUT_MS = 90_000


class SmokeTest:
    """Watches one session until its first rows are painted, a failure is reported, or time runs out."""

    def __init__(
        self, started_at: float, timeout_ms: int = SMOKE_TIMEOUT_MS, out: Callable[[str], None] = print
    ):
        self.started_at = started_at
        self.timeout_ms = timeout_ms
        self.out = out
        self.status = 1
        self._session: AppSession | None = None

    def attach(self, session: AppSession) -> None:
        self._session = session
        session.model.dataChanged.connect(self._rows_changed)
        session.operations.failed.connect(self._failed)
        QTimer.singleShot(self.timeout_ms, self._timed_out)

    def _rows_changed(self, *_args: object) -> None:
        session = self._session
        if session is None or self.status == 0:
            return
        first = session.model.contact_at(0)
        if first is None:
            return
        session.window.table.viewport().repaint()  # the rows are painted before we say so
        elapsed = time.perf_counter() - self.started_at
        name = " ".join(filter(None, (first.first_name, first.last_name))) or first.email or str(first.uuid)
        self.out(
            f"smoke test passed: {session.model.total:,} contacts on {session.connection.label}, "
            f"first row {name!r}, {elapsed:.2f} s after start"
        )
        self._finish(0)

    def _failed(self, failure: Failure) -> None:
        print(f"smoke test failed: {failure.description}: {failure.message}", file=sys.stderr)
        self._finish(1)

    def _timed_out(self) -> None:
        if self._session is not None and self.status != 0:
            print(
                f"smoke test failed: no contacts shown within {self.timeout_ms / 1000:.0f} s", file=sys.stderr
            )
            self._finish(1)

    def _finish(self, status: int) -> None:
        self.status = status
        if self._session is not None:
            session, self._session = self._session, None
            QTimer.singleShot(0, session.window.close)
