"""Sending a checked file: batches of at most 1,000 through Bulk Create, journalled, each import
followed with the client's ``BulkImporter`` until it has finished.

``ImportRun.run`` goes through the batches in order. Before a batch's request leaves, the journal
says ``sending``; when the 202 arrives, it holds the ``contact_import_uuid`` (written before
anything else happens); when the import finishes, its summary and the rows the server rejected.

While one batch is being imported, the next three (``AHEAD``) are already sent, so the server's
import pipeline never waits for the app, however late a poll notices that a batch has finished
(``overlapping``). That is safe only when no row can match a contact that another batch creates:
without a match field, or when the check left duplicates of the match field out. Otherwise each
batch is sent once its predecessor has finished (as ``BulkImporter.run`` does).

Resuming (a new ``ImportRun`` on the same journal and the same checked file) therefore:

- polls a batch whose 202 arrived, and never sends it again;
- sends again a batch the server refused (it answered an error: nothing was imported) or whose
  request never left this computer;
- for a batch whose request got no answer (``sending``), sends it again only when that is harmless
  (a ``match_on_field`` that every row of the batch has a value for: the second request updates or
  skips what the first one may have created); otherwise raises ``UnknownOutcome`` and the caller
  decides (``decisions={index: "resend" | "skip"}``).

``cancel()`` stops before another batch is sent; batches already sent finish (the journal says
``paused``; resume continues).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from app.api import BulkImporter, CueDeskClient, ImportProgress, never_applied
from app.schema import BULK_MAX_CONTACTS, ErrorItem, ImportStatus

from .journal import BatchRecord, BatchState, ImportJournal, JournalStatus
from .lookup import rows_not_found
from .prepare import PreparedImport

Decision = Literal["resend", "skip"]
GetClient = Callable[[], Awaitable[CueDeskClient]]

#: Batches sent ahead of the one being followed, so the server's pipeline never waits for the app.
AHEAD = 3
#: Bounds of the wait between two status polls of a running import.
POLL_MIN, POLL_MAX = 0.02, 0.5


class UnknownOutcome(Exception):
    """A batch was sent and no answer came back; sending it again could create its contacts twice."""

    def __init__(self, batch: BatchRecord) -> None:
        super().__init__(
            f"Rows {batch.first_row:,}–{batch.last_row:,} were sent but no answer arrived: they may have "
            "been imported. Sending them again could create those contacts twice."
        )
        self.batch = batch


class JournalMismatch(Exception):
    """The file, mapping or options no longer give the batches the journal recorded."""


@dataclass(frozen=True, slots=True)
class RunProgress:
    """Where the whole import stands (one progress bar): ``rows_total`` contacts to send."""

    rows_total: int
    rows_done: int
    created: int
    failed: int
    skipped: int
    not_sent: int
    seconds_left: float | None
    batch: int
    batches: int


def planned_batches(prepared: PreparedImport, batch_size: int) -> list[BatchRecord]:
    """The batches of a checked file: consecutive slices of its contacts."""
    if not 1 <= batch_size <= BULK_MAX_CONTACTS:
        raise ValueError(f"batch_size must be between 1 and {BULK_MAX_CONTACTS}")
    batches = []
    for index, first in enumerate(range(0, len(prepared.contacts), batch_size)):
        rows = min(batch_size, len(prepared.contacts) - first)
        batches.append(BatchRecord(index, first, rows, prepared.rows[first], prepared.rows[first + rows - 1]))
    return batches


def describe_errors(errors: list[ErrorItem]) -> str:
    return "; ".join(f"{e.field}: {e.msg}" if e.field else e.msg for e in errors) or "no reason given"


class _Pacer:
    """Decides when to look at the import being followed.

    The first look comes when the batch should be done (``expected``, learnt from earlier batches);
    later ones are judged by the rows done so far. A batch found finished at the first look means
    the app looked too late: the next expectation is shorter. So polls track the server's speed
    instead of the app's own waiting.
    """

    def __init__(self, sleep: Callable[[float], Awaitable[Any]], clock: Callable[[], float]) -> None:
        self._sleep = sleep
        self._clock = clock
        self.expected = POLL_MIN  # seconds from following a batch to its end
        self._started = 0.0
        self._rows = self._done = self._looks = 0

    def start(self, rows: int) -> None:
        self._started, self._rows, self._done, self._looks = self._clock(), rows, 0, 0

    def seen(self, progress: ImportProgress) -> None:
        self._looks += 1
        self._done = progress.rows_done
        if progress.finished:
            took = self._clock() - self._started
            self.expected = self.expected * 0.7 if self._looks == 1 else took

    async def first_look(self) -> None:
        await self._sleep(self._bounded(self.expected))

    async def sleep(self, _interval: float) -> None:
        elapsed = self._clock() - self._started
        if self._done:
            left = (self._rows - self._done) * elapsed / self._done
        else:
            left = max(self.expected - elapsed, POLL_MIN)
        await self._sleep(self._bounded(left))

    @staticmethod
    def _bounded(seconds: float) -> float:
        return min(POLL_MAX, max(POLL_MIN, seconds))


class ImportRun:
    """Sends (or resumes) one journalled import; see the module's docstring."""

    def __init__(
        self,
        journal: ImportJournal,
        prepared: PreparedImport,
        get_client: GetClient,
        *,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.journal = journal
        self.prepared = prepared
        self._get_client = get_client
        self._clock = clock
        self._pacer = _Pacer(sleep, clock)
        self._cancel = False
        self._planned = planned_batches(prepared, journal.batch_size)
        for recorded in journal.batches:
            if recorded.index >= len(self._planned) or not recorded.same_rows(self._planned[recorded.index]):
                raise JournalMismatch(
                    "The file, its mapping or the options do not give the rows this import sent: "
                    "it cannot be resumed safely."
                )

    def cancel(self) -> None:
        """Send no other batch; the ones already sent finish."""
        self._cancel = True

    def resend_is_harmless(self, batch: BatchRecord) -> bool:
        """Whether a batch of unknown outcome can be sent again without creating anything twice."""
        field = self.journal.options.match_on_field
        rows = self.prepared.contacts[batch.first : batch.first + batch.rows]
        return field is not None and all(row.get(field.value) for row in rows)

    @property
    def overlapping(self) -> bool:
        """Whether later batches may be sent while one is being imported: when no row can match a
        contact another batch creates (no match field, or duplicates left out)."""
        options = self.journal.options
        return options.match_on_field is None or options.skip_duplicates

    async def run(
        self,
        on_progress: Callable[[RunProgress], Any] | None = None,
        decisions: Mapping[int, Decision] | None = None,
    ) -> ImportJournal:
        """Send what is left; returns the journal (``completed``, or ``paused`` after ``cancel``).

        Raises ``UnknownOutcome`` for a batch that needs the user's decision, and the client's
        errors (the journal then says ``interrupted``, with the error's sentence).
        """
        journal, decisions = self.journal, decisions or {}
        self._progress = on_progress
        self._started = self._clock()
        self._done_at_start = self._rows_done()
        journal.set_status(JournalStatus.RUNNING)
        self._report(None)
        try:
            for planned in self._planned:
                record = self._record(planned.index)
                if record.state in (BatchState.FINISHED, BatchState.SKIPPED):
                    continue
                if record.state is not BatchState.ACCEPTED:
                    if self._cancel:
                        journal.set_status(
                            JournalStatus.PAUSED, "Cancelled: the rest of the file was not sent."
                        )
                        return journal
                    if record.state is BatchState.SENDING and not self._resend(record, decisions):
                        continue
                    await self._submit(record)
                if self.overlapping:
                    await self._send_ahead(record.index)
                await self._follow(record)
        except UnknownOutcome:
            raise
        except BaseException as exc:
            journal.set_status(JournalStatus.INTERRUPTED, _sentence(exc))
            raise
        journal.set_status(JournalStatus.COMPLETED)
        return journal

    def _record(self, index: int) -> BatchRecord:
        """The journal's record of a batch, added (``pending``) when the run first gets to it."""
        while len(self.journal.batches) <= index:
            self.journal.batches.append(self._planned[len(self.journal.batches)])
        return self.journal.batches[index]

    async def _send_ahead(self, index: int) -> None:
        """Send the batches after ``index`` that wait to be sent, up to ``AHEAD`` of them, in order;
        stop at one of unknown outcome (it needs a decision first) or after ``cancel``."""
        for following in range(index + 1, min(index + 1 + AHEAD, len(self._planned))):
            record = self._record(following)
            if record.state in (BatchState.ACCEPTED, BatchState.FINISHED, BatchState.SKIPPED):
                continue
            if self._cancel or record.state is BatchState.SENDING:
                return
            await self._submit(record)

    def _resend(self, record: BatchRecord, decisions: Mapping[int, Decision]) -> bool:
        """For a batch of unknown outcome: ``True`` to send it again, ``False`` when the user chose to
        skip it; raises ``UnknownOutcome`` when the user must decide."""
        decision = decisions.get(record.index) or ("resend" if self.resend_is_harmless(record) else None)
        if decision is None:
            error = UnknownOutcome(record)
            self.journal.set_status(JournalStatus.INTERRUPTED, str(error))
            raise error
        if decision == "skip":
            record.state = BatchState.SKIPPED
            self.journal.save()
            self._report(None)
            return False
        return True

    async def _save(self) -> None:
        """Write the journal in a worker thread (its ``fsync`` must not hold up the event loop)."""
        await asyncio.to_thread(self.journal.save)

    def _contacts(self, record: BatchRecord) -> list[dict[str, Any]]:
        return self.prepared.contacts[record.first : record.first + record.rows]

    async def _submit(self, record: BatchRecord) -> None:
        """Bulk Create one batch; the journal says ``sending`` before and ``accepted`` after."""
        options = self.journal.options
        client = await self._get_client()
        record.state, record.contact_import_uuid = BatchState.SENDING, None
        await self._save()
        try:
            response = await client.contacts.bulk_create(
                self._contacts(record),
                contact_list_uuid=options.contact_list_uuid,
                match_on_field=options.match_on_field,
                merge_type=options.merge_type,
            )
        except BaseException as exc:
            if never_applied(exc):
                record.state = BatchState.REFUSED
                self.journal.save()
            raise
        record.state, record.status = BatchState.ACCEPTED, ImportStatus.PENDING.value
        record.contact_import_uuid = str(response.contact_import_uuid)
        await self._save()

    async def _follow(self, record: BatchRecord) -> None:
        """Poll an accepted batch's import until it has finished, then journal its outcome."""
        assert record.contact_import_uuid is not None
        client = await self._get_client()

        def progress(current: ImportProgress) -> None:
            self._pacer.seen(current)
            self._report(current)

        self._pacer.start(record.rows)
        await self._pacer.first_look()  # it has just started (or is queued): look when it should be done
        result = await BulkImporter(client, sleep=self._pacer.sleep).poll(
            [record.contact_import_uuid], on_progress=progress
        )
        await self._finish(client, record, self._contacts(record), result)

    async def _finish(
        self,
        client: CueDeskClient,
        record: BatchRecord,
        contacts: list[dict[str, Any]],
        result: ImportProgress,
    ) -> None:
        [status] = result.imports
        rows = self.prepared.rows[record.first : record.first + record.rows]
        failures = {
            rows[failed.row]: f"Rejected by the server: {describe_errors(failed.errors)}"
            for failed in result.failed_rows
        }
        if status.summary.failed > len(failures) or status.status is ImportStatus.FAILED:
            unnamed = [i for i in range(len(contacts)) if rows[i] not in failures]
            missing = await rows_not_found(
                client, [contacts[i] for i in unnamed], self.journal.options.match_on_field
            )
            for position in missing:
                failures[rows[unnamed[position]]] = (
                    "Rejected by the server (not found in the workspace afterwards)."
                )
        record.state, record.status = BatchState.FINISHED, status.status.value
        record.created, record.failed, record.skipped = result.created, result.failed, result.skipped
        record.failures = [[row, reason] for row, reason in sorted(failures.items())]
        await self._save()
        self._report(None)

    def _rows_done(self) -> int:
        return sum(
            b.rows for b in self.journal.batches if b.state in (BatchState.FINISHED, BatchState.SKIPPED)
        )

    def _report(self, current: ImportProgress | None) -> None:
        if self._progress is None:
            return
        totals = self.journal.totals()
        # ``current``: the batch being followed, not yet counted in the journal's totals
        done = self._rows_done() + (current.rows_done if current else 0)
        created = totals["created"] + (current.created if current else 0)
        failed = totals["failed"] + (current.failed if current else 0)
        skipped = totals["skipped"] + (current.skipped if current else 0)
        total = len(self.prepared.contacts)
        elapsed = self._clock() - self._started
        moved = done - self._done_at_start
        seconds_left = (total - done) * elapsed / moved if moved > 0 and elapsed > 0 else None
        batch = next((b.index for b in self.journal.batches if b.state is not BatchState.FINISHED), 0)
        self._progress(
            RunProgress(
                rows_total=total,
                rows_done=done,
                created=created,
                failed=failed,
                skipped=skipped,
                not_sent=totals["not_sent"],
                seconds_left=seconds_left,
                batch=batch,
                batches=len(self._planned),
            )
        )


def _sentence(exc: BaseException) -> str:
    if isinstance(exc, asyncio.CancelledError):
        return "Stopped before the import finished."
    return str(exc) or type(exc).__name__
