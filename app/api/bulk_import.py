"""Import any number of contacts: batches of at most 1,000, each import polled until it finishes.

Batches are sent one after the other, and each is sent only once its predecessor's import has
finished, so that a contact of a later batch can match (``match_on_field``) one of an earlier batch.

For a wizard that must survive a crash: ``on_batch_accepted`` is awaited with each accepted batch
(its index and ``contact_import_uuid``) before anything else is sent, so the caller can journal it;
a later ``run(..., accepted={index: uuid, ...})`` with the same contacts and batch size polls those
imports instead of sending their batches again. ``poll(uuids)`` follows known imports alone.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from itertools import islice
from typing import Any
from uuid import UUID

from app.schema import (
    BULK_MAX_CONTACTS,
    ContactWrite,
    ErrorItem,
    ImportStatus,
    ImportStatusResponse,
    MatchField,
    MergeType,
)

from .client import CueDeskClient

ProgressCallback = Callable[["ImportProgress"], Awaitable[None] | None]


@dataclass(frozen=True, slots=True)
class AcceptedBatch:
    """A batch the server accepted: rows ``first_row`` … ``first_row + rows - 1`` of the input."""

    index: int
    first_row: int
    rows: int
    contact_import_uuid: UUID


@dataclass(frozen=True, slots=True)
class FailedRow:
    """A row the import refused: ``row`` is its position in the input (from 0), ``errors`` say why."""

    row: int
    errors: list[ErrorItem]


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where an import stands; the last one is also the result of ``run`` and ``poll``.

    ``rows_total`` is ``None`` while an iterator of unknown length is still being read.
    ``imports`` holds the latest status of every import, in the order they were sent;
    ``failed_rows`` the rows refused so far, when the server names them.
    """

    rows_total: int | None
    rows_done: int
    created: int
    failed: int
    skipped: int
    imports: tuple[ImportStatusResponse, ...]
    failed_rows: tuple[FailedRow, ...] = ()

    @property
    def finished(self) -> bool:
        return self.rows_total is not None and all(status.finished for status in self.imports)

    @property
    def failed_imports(self) -> tuple[ImportStatusResponse, ...]:
        """Imports that failed entirely (status ``failed``)."""
        return tuple(s for s in self.imports if s.status is ImportStatus.FAILED)


@dataclass
class _Tracker:
    rows_total: int | None
    statuses: dict[UUID, ImportStatusResponse] = field(default_factory=dict)
    first_rows: dict[UUID, int] = field(default_factory=dict)

    def update(self, status: ImportStatusResponse, first_row: int) -> None:
        self.statuses[status.contact_import_uuid] = status
        self.first_rows[status.contact_import_uuid] = first_row

    def snapshot(self) -> ImportProgress:
        statuses = tuple(self.statuses.values())
        return ImportProgress(
            rows_total=self.rows_total,
            rows_done=sum(_rows_done(s) for s in statuses),
            created=sum(s.summary.created for s in statuses),
            failed=sum(s.summary.failed for s in statuses),
            skipped=sum(s.summary.skipped for s in statuses),
            imports=statuses,
            failed_rows=tuple(
                FailedRow(self.first_rows[s.contact_import_uuid] + f.index, f.errors)
                for s in statuses
                for f in s.failures
            ),
        )


def _rows_done(status: ImportStatusResponse) -> int:
    if status.finished:
        return status.summary.total
    summary = status.summary
    return min(summary.created + summary.failed + summary.skipped, summary.total)


class BulkImporter:
    """Sends contacts in batches through Bulk Create Contacts and follows each import.

    >>> importer = BulkImporter(client)
    >>> result = await importer.run(rows, match_on_field="email", on_progress=print)
    """

    def __init__(
        self,
        client: CueDeskClient,
        *,
        batch_size: int = BULK_MAX_CONTACTS,
        poll_interval: float = 0.5,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        if not 1 <= batch_size <= BULK_MAX_CONTACTS:
            raise ValueError(f"batch_size must be between 1 and {BULK_MAX_CONTACTS}")
        self._contacts = client.contacts
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self._sleep = sleep

    async def run(
        self,
        contacts: Iterable[Mapping[str, Any] | ContactWrite],
        *,
        contact_list_uuid: UUID | str | None = None,
        match_on_field: MatchField | str | None = None,
        merge_type: MergeType | str | None = None,
        accepted: Mapping[int, UUID | str] | None = None,
        on_batch_accepted: Callable[[AcceptedBatch], Awaitable[None] | None] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> ImportProgress:
        """Import ``contacts``; returns the final progress (every import finished).

        ``accepted`` maps batch indexes to imports already started (see the module's docstring).
        An error (e.g. a ``ValidationError`` for a batch, or a lost connection) stops the run;
        the batches accepted before it were reported through ``on_batch_accepted``.
        """
        known = {index: UUID(str(uuid)) for index, uuid in (accepted or {}).items()}
        tracker = _Tracker(len(contacts) if isinstance(contacts, Sized) else None)
        first_row = 0
        for index, batch in enumerate(_batches(contacts, self.batch_size)):
            import_uuid = known.get(index)
            if import_uuid is None:
                response = await self._contacts.bulk_create(
                    batch,
                    contact_list_uuid=contact_list_uuid,
                    match_on_field=match_on_field,
                    merge_type=merge_type,
                )
                import_uuid = response.contact_import_uuid
                await _notify(on_batch_accepted, AcceptedBatch(index, first_row, len(batch), import_uuid))
            await self._follow(import_uuid, first_row, tracker, on_progress)
            first_row += len(batch)
        if tracker.rows_total is None:
            tracker.rows_total = first_row
            await _notify(on_progress, tracker.snapshot())
        return tracker.snapshot()

    async def poll(
        self,
        import_uuids: Iterable[UUID | str],
        *,
        on_progress: ProgressCallback | None = None,
    ) -> ImportProgress:
        """Follow imports already started until each has finished; returns the final progress.

        Rows are numbered across the imports in the order given (as ``run`` numbers its batches).
        """
        tracker = _Tracker(None)
        first_row = 0
        for import_uuid in import_uuids:
            status = await self._contacts.import_status(UUID(str(import_uuid)))
            tracker.update(status, first_row)
            first_row += status.summary.total
        tracker.rows_total = first_row
        for uuid, status in list(tracker.statuses.items()):
            await self._follow(uuid, tracker.first_rows[uuid], tracker, on_progress, status)
        return tracker.snapshot()

    async def _follow(
        self,
        import_uuid: UUID,
        first_row: int,
        tracker: _Tracker,
        on_progress: ProgressCallback | None,
        status: ImportStatusResponse | None = None,
    ) -> None:
        """Poll one import until it has finished, reporting progress after every answer."""
        while True:
            if status is None:
                status = await self._contacts.import_status(import_uuid)
            tracker.update(status, first_row)
            await _notify(on_progress, tracker.snapshot())
            if status.finished:
                return
            await self._sleep(self.poll_interval)
            status = None


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


async def _notify(callback: Callable[[Any], Awaitable[None] | None] | None, value: Any) -> None:
    if callback is not None:
        result = callback(value)
        if inspect.isawaitable(result):
            await result
