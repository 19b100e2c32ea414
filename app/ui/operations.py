"""One way to run background work: ``Operations.run``.

It keeps a reference to every task (so none is garbage-collected mid-flight), cancels them all on
quit, and turns every failure into a ``Failure`` (what was being done, why it failed, how to retry)
emitted on one signal, which the window shows in its banner. A failure never crashes the app.
Work refused with a 401 (token revoked or expired) first goes to ``on_unauthorized``, which asks for
a new token; when it succeeds, the work runs once more.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from app.api import CueDeskError, UnauthorizedError

from .sandbox import SandboxError

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Failures whose message is written for a person (the client's and the sandbox's exceptions).
EXPECTED_ERRORS: tuple[type[Exception], ...] = (CueDeskError, SandboxError)
SIGN_IN_AGAIN = (
    "The server refused the token (it may have been revoked or have expired). Retry to sign in again."
)


@dataclass(frozen=True, slots=True)
class Failure:
    """A background operation that failed: what it was doing, why, and how to try again."""

    description: str
    message: str
    retry: Callable[[], Any] | None = None


class Operations(QObject):
    """Runs coroutines on the qasync loop, keeps their tasks, and reports failures on ``failed``.

    ``on_unauthorized``: an async callback for work that failed with ``UnauthorizedError``; it
    returns ``True`` once the user has signed in again, and the work is then retried once. Work
    that started before someone else's sign-in is retried without asking again.
    """

    failed = Signal(object)  # Failure

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: set[asyncio.Task[Any]] = set()
        self.on_unauthorized: Callable[[], Awaitable[bool]] | None = None
        self._sign_ins = 0

    def run(
        self,
        work: Callable[[], Awaitable[T]],
        *,
        description: str,
        on_success: Callable[[T], Any] | None = None,
        retry: bool = True,
    ) -> asyncio.Task[None]:
        """Start ``work()`` in the background; ``on_success(result)`` runs when it succeeds.

        ``work`` is a factory (not a coroutine) so that the failure's ``retry`` can run it again.
        """

        async def attempt() -> None:
            try:
                result = await self._authorized(work)
                if on_success is not None:
                    on_success(result)
            except asyncio.CancelledError:
                raise
            except EXPECTED_ERRORS as exc:
                log.info("%s failed: %s", description, exc)
                self._report(description, self._message(exc), again if retry else None)
            except Exception as exc:
                log.exception("%s failed unexpectedly", description)
                self._report(description, f"Unexpected error: {exc}", again if retry else None)

        def again() -> asyncio.Task[None]:
            return self._start(attempt())

        return again()

    def run_reporting_to(
        self,
        on_failure: Callable[[Exception], Any],
        work: Callable[[], Awaitable[T]],
        *,
        description: str,
        on_success: Callable[[T], Any],
    ) -> asyncio.Task[None]:
        """Like ``run``, but an expected failure goes to ``on_failure`` (to be shown where it happened:
        a field, a dialog) instead of the banner; a 401 also goes to the sign-in, then runs once more."""

        async def guarded() -> tuple[T] | None:
            try:
                return (await work(),)
            except UnauthorizedError as exc:
                on_failure(exc)
                raise
            except EXPECTED_ERRORS as exc:
                on_failure(exc)
                return None

        return self.run(
            guarded,
            description=description,
            on_success=lambda answer: on_success(answer[0]) if answer is not None else None,
        )

    async def _authorized(self, work: Callable[[], Awaitable[T]]) -> T:
        """``work()``; after a 401, once more if the user signs in again (or did meanwhile)."""
        sign_ins = self._sign_ins
        try:
            return await work()
        except UnauthorizedError:
            if sign_ins == self._sign_ins:  # no sign-in since this work started: ask for one
                if self.on_unauthorized is None or not await self.on_unauthorized():
                    raise
                self._sign_ins += 1
        return await work()

    def _message(self, exc: Exception) -> str:
        if isinstance(exc, UnauthorizedError) and self.on_unauthorized is not None:
            return SIGN_IN_AGAIN  # the user declined to sign in again: say how to
        return str(exc)

    @property
    def pending(self) -> int:
        """How many operations are still running."""
        return len(self._tasks)

    async def cancel_all(self) -> None:
        """Cancel every running operation and wait until they have ended."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def _start(self, coroutine: Awaitable[None]) -> asyncio.Task[None]:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _report(self, description: str, message: str, retry: Callable[[], Any] | None) -> None:
        self.failed.emit(Failure(description, message, retry))
