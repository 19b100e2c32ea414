"""The background worker that runs bulk imports."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .db import Database
from .services.import_queue import has_unfinished

if TYPE_CHECKING:
    from .services.imports import ImportRunner


class ImportWorker:
    """Runs the database's unfinished imports in a thread that lives only while there is work.

    :meth:`wake` after accepting an import (and :meth:`resume` at start, for imports accepted before
    a restart) starts the thread if it is not running; it exits once no import is left. :meth:`stop`
    lets the current batch finish and ends the thread; the import resumes on the next start. What runs
    imports is loaded with the first one to run: a start with none to resume never needs it.
    """

    def __init__(self, database: Database, batch_size: int | None = None) -> None:
        self._batch_size = batch_size
        self._runner: ImportRunner | None = None
        self._database = database
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._more = False
        self._stopping = threading.Event()

    @property
    def running(self) -> bool:
        with self._lock:
            return self._thread is not None

    def wake(self) -> None:
        """There may be new work: make sure the thread runs (and looks again when it is done)."""
        with self._lock:
            if self._stopping.is_set():
                return
            self._more = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="contact-imports", daemon=True)
                self._thread.start()

    def resume(self) -> None:
        """Finish imports left unfinished by an earlier run of the server."""
        with self._database.reading() as connection:
            unfinished = has_unfinished(connection)
        if unfinished:
            self.wake()

    def stop(self, timeout: float = 30) -> None:
        """Stop after the current batch and wait for the thread to end. Idempotent."""
        self._stopping.set()
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._stopping.is_set() or not self._more:
                    self._thread = None
                    return
                self._more = False
            runner = self._import_runner()
            while not self._stopping.is_set() and runner.run_batch():
                pass

    def _import_runner(self) -> ImportRunner:
        """The runner of imports, made in the worker's thread the first time there is work."""
        if self._runner is None:
            from .services.imports import BATCH_SIZE, ImportRunner

            self._runner = ImportRunner(self._database, self._batch_size or BATCH_SIZE)
        return self._runner
