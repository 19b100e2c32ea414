"""The app's log file and crash reports: what happened, for support, never a secret.

A windowed app has no console (a frozen Windows or macOS build has no stderr at all), so what the app
logs at INFO and above also goes to ``<data dir>/logs/cuedesk-contacts.log`` (1 MB, three older files
kept). An exception nothing handled (a bug: a Qt slot or callback that raised) is logged and written
to ``<data dir>/crash-reports/crash-<UTC time>.txt`` with the app's version, the platform and the
traceback; the app keeps running. The token never reaches either: the client keeps it out of every
exception and log record (docs/client.md), and, as a second line of defence, any ``Bearer …`` value
is masked before a line is written.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from app import __version__

from .data_dir import data_dir

log = logging.getLogger(__name__)

LOG_FILE = "cuedesk-contacts.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
BEARER = re.compile(r"(?i)(bearer\s+)[^\s'\"\\]+")


def mask_secrets(text: str) -> str:
    """``text`` with every bearer token replaced by ``[redacted]``."""
    return BEARER.sub(r"\1[redacted]", text)


class MaskingFormatter(logging.Formatter):
    """Formats a record (message and traceback) with bearer tokens masked."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))


def _worth_keeping(record: logging.LogRecord) -> bool:
    """httpx logs a line per request at INFO: the file keeps only its warnings (the app logs what matters)."""
    return record.levelno >= logging.WARNING or not record.name.startswith(("httpx", "httpcore"))


class LogFileHandler(logging.Handler):
    """Writes records to a log file rotated by size (``RotatingFileHandler``), opened with the first record.

    ``logging.handlers`` imports the socket, pickle and queue modules (~20 ms here): nothing is logged
    before the window paints, so the handler is made once something is.
    """

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__()
        self.path = path
        self._max_bytes, self._backups = max_bytes, backups
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            self._file = RotatingFileHandler(
                self.path, maxBytes=self._max_bytes, backupCount=self._backups, encoding="utf-8"
            )
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


class Diagnostics:
    """The log file and the crash reports of one run of the app: ``install()``, then ``uninstall()``."""

    def __init__(self, root: Path) -> None:
        self.log_dir = root / "logs"
        self.crash_dir = root / "crash-reports"
        self._handler: logging.Handler | None = None
        self._previous_hook = sys.excepthook

    @classmethod
    def for_app(cls, environ: Mapping[str, str] = os.environ) -> Diagnostics:
        return cls(data_dir(environ))

    @property
    def log_file(self) -> Path:
        return self.log_dir / LOG_FILE

    def install(self) -> None:
        """Log to the file (INFO and above) and report unhandled exceptions."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        handler = LogFileHandler(self.log_file, max_bytes=LOG_BYTES, backups=LOG_BACKUPS)
        handler.setLevel(logging.INFO)
        handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(_worth_keeping)
        root = logging.getLogger()
        root.addHandler(handler)
        if root.getEffectiveLevel() > logging.INFO:
            root.setLevel(logging.INFO)
        self._handler = handler
        self._previous_hook = sys.excepthook
        sys.excepthook = self._unhandled

    def uninstall(self) -> None:
        if sys.excepthook == self._unhandled:
            sys.excepthook = self._previous_hook
        if self._handler is not None:
            logging.getLogger().removeHandler(self._handler)
            self._handler.close()
            self._handler = None

    def report_crash(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> Path:
        """Write a crash report for ``error``; returns its path."""
        import platform  # here, not before the window: a report is rare, the window is every start
        import traceback

        now = datetime.now(UTC)
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        path = self.crash_dir / f"crash-{now:%Y%m%d-%H%M%S-%f}.txt"
        lines = [
            f"CueDesk Contacts {__version__}",
            f"{platform.platform()}, Python {platform.python_version()}",
            f"{now:%Y-%m-%d %H:%M:%S} UTC",
            "",
            *traceback.format_exception(kind, error, trace),
        ]
        path.write_text(mask_secrets("\n".join(line.rstrip("\n") for line in lines)) + "\n", encoding="utf-8")
        return path

    def _unhandled(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        try:
            path = self.report_crash(kind, error, trace)
            log.critical("Unexpected error (crash report: %s)", path, exc_info=(kind, error, trace))
        finally:
            if self._previous_hook is not sys.__excepthook__:  # that one would print it all again
                self._previous_hook(kind, error, trace)
