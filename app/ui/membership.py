"""The membership engine: add contacts to a list, or remove them, in batches of 100.

``MembershipEngine.add(list, source)`` / ``.remove(list, source)`` start a ``MembershipJob``. The
source is any number of contacts, given as

- an iterable of contacts or uuids (``Contact``, ``UUID`` or their text),
- an async iterable of them,
- or a function of ``call`` (the connection's way of sending a request) returning an async
  iterable: e.g. ``pages_of(view.fetch)``, every page of a view, fetched as it goes, or
  ``search_results(request)``, every contact a search finds.

``MembershipEngine.add_search_results(list, request, total=)`` is "add all N results of a search
to a list" in one call.

The job sends batches of ``MEMBERSHIP_MAX_UUIDS`` (100) one after the other, emitting ``progress``
after each; ``cancel()`` stops it after the batch in flight (whose outcome is then known). Every
warning the API gives is kept per contact in the ``MembershipReport`` (never swallowed), with the
contact's name when the source gave ``Contact`` objects. After each batch the list is read again
and ``MembershipEngine.listChanged(ContactList)`` says its new count. A failure stops the job with
what was done so far; ``resume()`` sends the rest, starting with the batch that failed.

No widgets here: ``app/ui/lists/membership_dialog.py`` shows a job's progress and report.
"""

from __future__ import annotations

import asyncio
import enum
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar, Union
from uuid import UUID

from PySide6.QtCore import QObject, Signal

from app.api import CueDeskClient, Page, UnauthorizedError, order_by
from app.schema import MEMBERSHIP_MAX_UUIDS, Contact, SearchRequest

from .connection import Connection
from .operations import EXPECTED_ERRORS, Operations

T = TypeVar("T")
Call = Callable[[Callable[[CueDeskClient], Awaitable[T]]], Awaitable[T]]
Item = Union[Contact, UUID, str]  # noqa: UP007 - a runtime alias
Source = Union[Iterable[Item], AsyncIterable[Item], Callable[[Call], AsyncIterable[Item]]]  # noqa: UP007
PageFetch = Callable[..., Awaitable[Page[Contact]]]
PAGE = 100


class NamedList(Protocol):
    """A contact list as far as the engine needs it (``ContactList`` or the views' ``ListRef``)."""

    @property
    def uuid(self) -> UUID: ...

    @property
    def name(self) -> str: ...


class Action(enum.Enum):
    ADD = "add"
    REMOVE = "remove"


def pages_of(
    fetch: PageFetch, *, start: int = 0, stop: int | None = None
) -> Callable[[Call], AsyncIterator[Contact]]:
    """A source of every contact ``fetch(client, offset=, limit=)`` pages through (rows ``start``…``stop``).

    E.g. ``pages_of(SearchView(request).fetch)`` for "add all results of a search to a list". A page
    that fails is asked for again when the job resumes.
    """
    return lambda call: _Pages(fetch, call, start, stop)


def search_results(request: SearchRequest) -> Callable[[Call], AsyncIterator[Contact]]:
    """A source of every contact a search (term and filters) finds, walked page by page.

    The pages are read oldest contact first (``created_at``, then ``uuid``), not in the search's own
    order: adding to a list changes no contact, and contacts created meanwhile land after the last
    page, so an edit elsewhere (e.g. of a name the search is sorted by) cannot make the walk skip
    or repeat a contact. Contacts deleted meanwhile can still shift a page; a contact seen twice is
    sent once.
    """
    stable = request.model_copy(update={"sort_by": order_by("created_at")})

    def fetch(client: CueDeskClient, *, offset: int, limit: int) -> Awaitable[Page[Contact]]:
        return client.contacts.search(stable, limit=limit, offset=offset)

    return pages_of(fetch)


class _Pages:
    """The contacts of a paged endpoint, one page of 100 at a time (an iterator that survives a failure).

    A contact met again (the pages shifted under a concurrent change) is not given twice.
    """

    def __init__(self, fetch: PageFetch, call: Call, start: int, stop: int | None) -> None:
        self._fetch, self._call = fetch, call
        self._offset, self._stop = start, stop
        self._buffer: deque[Contact] = deque()
        self._seen: set[UUID] = set()
        self._done = False

    def __aiter__(self) -> _Pages:
        return self

    async def __anext__(self) -> Contact:
        if not self._buffer and not self._done:
            offset, stop = self._offset, self._stop
            limit = PAGE if stop is None else min(PAGE, stop - offset)
            if limit <= 0:
                raise StopAsyncIteration
            fetch = self._fetch
            page = await self._call(lambda client: fetch(client, offset=offset, limit=limit))
            fresh = [contact for contact in page.items if contact.uuid not in self._seen]
            self._seen.update(contact.uuid for contact in fresh)
            self._buffer.extend(fresh)
            self._offset += len(page.items)
            self._done = len(page.items) < limit or self._offset >= page.total
        if not self._buffer:
            raise StopAsyncIteration
        return self._buffer.popleft()


@dataclass(frozen=True, slots=True)
class SelectedRows:
    """Rows chosen in a table of a paged view, as a source: loaded rows are known, others are fetched.

    ``ranges`` are ``(first, last)`` rows, inclusive, in order; ``known`` the loaded contacts by row.
    """

    fetch: PageFetch
    ranges: tuple[tuple[int, int], ...]
    known: Mapping[int, Contact]

    @property
    def count(self) -> int:
        return sum(last - first + 1 for first, last in self.ranges)

    def rows(self) -> Iterator[int]:
        for first, last in self.ranges:
            yield from range(first, last + 1)

    def __call__(self, call: Call) -> AsyncIterator[Contact]:
        return _Rows(self, call)


class _Rows:
    """The contacts of ``SelectedRows``, fetching a page for rows that were not loaded."""

    def __init__(self, selection: SelectedRows, call: Call) -> None:
        self._selection, self._call = selection, call
        self._rows = selection.rows()
        self._row: int | None = None
        self._fetched: dict[int, Contact] = {}

    def __aiter__(self) -> _Rows:
        return self

    async def __anext__(self) -> Contact:
        if self._row is None:
            self._row = next(self._rows, None)
            if self._row is None:
                raise StopAsyncIteration
        row = self._row
        contact = self._selection.known.get(row) or self._fetched.get(row)
        if contact is None:
            self._fetched.clear()
            last = next(last for first, last in self._selection.ranges if first <= row <= last)
            fetch, limit = self._selection.fetch, min(PAGE, last - row + 1)
            page = await self._call(lambda client: fetch(client, offset=row, limit=limit))
            self._fetched = {row + i: c for i, c in enumerate(page.items)}
            contact = self._fetched.get(row)
            if contact is None:  # the view is shorter now: the rest of this range is gone
                self._rows = (r for r in self._selection.rows() if r > last)
                self._row = None
                return await self.__anext__()
        self._row = None
        return contact


class _Items:
    """A plain iterable as an async iterator."""

    def __init__(self, items: Iterable[Item]) -> None:
        self._items = iter(items)

    def __aiter__(self) -> _Items:
        return self

    async def __anext__(self) -> Item:
        try:
            return next(self._items)
        except StopIteration:
            raise StopAsyncIteration from None


@dataclass(frozen=True, slots=True)
class ContactOutcome:
    """What happened to one contact that the API warned about."""

    uuid: str
    message: str
    name: str = ""
    email: str = ""


@dataclass
class MembershipReport:
    """What a job did: how many were sent and changed, every warning, and how it ended."""

    action: Action
    contact_list: NamedList
    total: int | None = None  # how many the source holds, when known in advance
    sent: int = 0
    changed: int = 0  # added (or removed: the API does not say which were members)
    batches: int = 0
    warnings: list[ContactOutcome] = field(default_factory=list)
    error: str | None = None
    cancelled: bool = False
    finished: bool = False

    @property
    def summary(self) -> str:
        """One sentence for the status bar or the dialog's heading."""
        name = self.contact_list.name
        if self.action is Action.ADD:
            text = f"{_count(self.changed)} added to “{name}”"
            if self.warnings:
                text += f", {_count(len(self.warnings))} not added"
        else:
            text = f"{_count(self.sent)} removed from “{name}”"
        if self.error is not None:
            return f"Stopped after {_count(self.sent)}: {text}."
        if self.cancelled:
            return f"Cancelled: {text}."
        return f"{text}."

    @property
    def message(self) -> str:
        """The summary and, if the job failed, why."""
        return self.summary if self.error is None else f"{self.summary} {self.error}"


def _count(n: int) -> str:
    return "1 contact" if n == 1 else f"{n:,} contacts"


class MembershipJob(QObject):
    """One add or remove running in the background (see the module docstring).

    ``progress(sent, total)``: ``total`` is −1 when unknown. ``finished(MembershipReport)`` once,
    when the job ends (done, cancelled or failed); after ``resume()`` it is emitted again.
    """

    progress = Signal(int, int)
    finished = Signal(object)  # MembershipReport

    def __init__(self, engine: MembershipEngine, report: MembershipReport, source: Source) -> None:
        super().__init__(engine)
        self.report = report
        self._engine = engine
        self._source = source
        self._items: AsyncIterator[Item] | None = None
        self._batch: list[Item] = []  # the batch being sent (kept when it fails, to resume with it)
        self._known: dict[str, Contact] = {}
        self._cancel = False
        self._sending = False
        self._exhausted = False
        self._collected = False  # a removal's source has been read whole
        self._gathered: list[Item] = []
        self.task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def cancel(self) -> None:
        """Stop after the batch in flight (its outcome is then known)."""
        self._cancel = True
        if self.running and not self._sending:  # waiting for the source: nothing is half-sent
            assert self.task is not None
            self.task.cancel()

    @property
    def can_resume(self) -> bool:
        """A failed job has contacts left to send."""
        return not self.running and self.report.error is not None and not self._complete

    def resume(self) -> None:
        """After a failure: send the rest, starting with the batch that failed."""
        if not self.can_resume:
            return
        self.report.error = None
        self.report.finished = False
        self._cancel = False
        self._start()

    def _start(self) -> None:
        self.task = self._engine.operations.run(
            self._work, description=self._describe(), retry=False, on_success=lambda _: self._finish()
        )
        self.task.add_done_callback(self._ended)

    def _describe(self) -> str:
        verb = "Adding contacts to" if self.report.action is Action.ADD else "Removing contacts from"
        return f"{verb} “{self.report.contact_list.name}”"

    @property
    def _complete(self) -> bool:
        return self._exhausted and not self._batch

    async def _work(self) -> None:
        """Send the batches; resumable (after a sign-in again, or ``resume()``, it goes on where it stopped)."""
        self.report.error = None
        try:
            if self._items is None:
                self._items = self._iterate()
            if self.report.action is Action.REMOVE and not self._collected:
                await self._collect()
            while not self._cancel and not self._complete:
                while len(self._batch) < MEMBERSHIP_MAX_UUIDS and not self._exhausted:
                    try:
                        self._batch.append(await anext(self._items))
                    except StopAsyncIteration:
                        self._exhausted = True
                if self._batch:
                    self._sending = True
                    try:
                        await self._send(self._batch)
                    finally:
                        self._sending = False
                    self._batch = []
        except asyncio.CancelledError:
            if not self._cancel:
                raise
        except UnauthorizedError as exc:
            self.report.error = str(exc)  # kept if the user does not sign in again
            raise  # Operations asks for a new token and runs this again: it goes on where it stopped
        except EXPECTED_ERRORS as exc:
            self.report.error = str(exc)

    async def _collect(self) -> None:
        """Removing changes the offsets of the list's pages: learn every contact before the first batch."""
        assert self._items is not None
        while True:
            try:
                self._gathered.append(await anext(self._items))
            except StopAsyncIteration:
                break
        self._items, self._collected = _Items(self._gathered), True

    def _iterate(self) -> AsyncIterator[Item]:
        source = self._source
        if callable(source):
            source = source(self._engine.call)
        if isinstance(source, AsyncIterable):
            return aiter(source)
        return _Items(source)

    async def _send(self, batch: list[Item]) -> None:
        for item in batch:
            if isinstance(item, Contact):
                self._known[str(item.uuid)] = item
        uuids = [str(item.uuid) if isinstance(item, Contact) else str(item) for item in batch]
        list_uuid = self.report.contact_list.uuid
        call = self._engine.call
        report = self.report
        if report.action is Action.ADD:
            result = await call(lambda client: client.contact_lists.add_contacts(list_uuid, uuids))
            report.changed += len(result.added)
            report.warnings += [self._outcome(w.uuid, w.message) for w in result.warnings]
        else:
            await call(lambda client: client.contact_lists.remove_contacts(list_uuid, uuids))
            report.changed += len(uuids)
        report.sent += len(uuids)
        report.batches += 1
        self.progress.emit(report.sent, -1 if report.total is None else report.total)
        await self._engine.reread(report.contact_list)

    def _outcome(self, uuid: str, message: str) -> ContactOutcome:
        contact = self._known.get(uuid)
        if contact is None:
            return ContactOutcome(uuid, message)
        name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
        return ContactOutcome(uuid, message, name, contact.email or "")

    def _finish(self) -> None:
        report = self.report
        report.cancelled = self._cancel and not self._complete
        report.finished = True
        self.finished.emit(report)
        self._engine.jobFinished.emit(report)

    def _ended(self, task: asyncio.Task[None]) -> None:
        """A job that ended without ``_finish`` (cancelled on quit, or a failure Operations reported)."""
        if self.report.finished:
            return
        if task.cancelled() and self._cancel:
            self._finish()
            return
        if not task.cancelled():
            self.report.error = self.report.error or "The operation failed (see the message above the table)."
            self._finish()


class MembershipEngine(QObject):
    """Starts membership jobs on a connection (see the module docstring).

    ``listChanged(ContactList)``: a list as read after a batch changed it (its new ``count``).
    ``jobFinished(MembershipReport)``: any job ended.
    """

    listChanged = Signal(object)
    jobFinished = Signal(object)

    def __init__(self, connection: Connection, operations: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connection = connection
        self.operations = operations

    @property
    def call(self) -> Call:
        return self.connection.call

    def add(self, contact_list: NamedList, source: Source, *, total: int | None = None) -> MembershipJob:
        """Add the source's contacts to ``contact_list``."""
        return self._job(Action.ADD, contact_list, source, total)

    def add_search_results(
        self, contact_list: NamedList, request: SearchRequest, *, total: int | None = None
    ) -> MembershipJob:
        """Add every contact ``request`` finds (all its pages, see ``search_results``) to ``contact_list``.

        ``total``: the search's total as the user saw it (for the progress bar), if known.
        """
        return self.add(contact_list, search_results(request), total=total)

    def remove(self, contact_list: NamedList, source: Source, *, total: int | None = None) -> MembershipJob:
        """Remove the source's contacts from ``contact_list`` (the contacts themselves stay)."""
        return self._job(Action.REMOVE, contact_list, source, total)

    def _job(
        self, action: Action, contact_list: NamedList, source: Source, total: int | None
    ) -> MembershipJob:
        job = MembershipJob(self, MembershipReport(action, contact_list, total), source)
        job._start()
        return job

    async def reread(self, contact_list: NamedList) -> None:
        """Read the list again and announce its new count (a failure here is not the job's)."""
        try:
            fresh = await self.call(lambda client: client.contact_lists.get(contact_list.uuid))
        except EXPECTED_ERRORS:
            return
        self.listChanged.emit(fresh)
