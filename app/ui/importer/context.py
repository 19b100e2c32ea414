"""What the importer's windows share: the connection, background operations, the journal store."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from app.api import CueDeskClient
from app.importing import JournalStore

from ..connection import Connection
from ..operations import Operations

T = TypeVar("T")


async def _itself(client: CueDeskClient) -> CueDeskClient:
    return client


class ImporterContext:
    """The connection, the ``Operations`` that run (and on quit cancel) background work, and the
    profile's journal store."""

    def __init__(self, connection: Connection, operations: Operations, store: JournalStore) -> None:
        self.connection = connection
        self.operations = operations
        self.store = store
        #: Ids of the journals whose batches are being sent by this app right now.
        self.active: set[str] = set()

    async def client(self) -> CueDeskClient:
        """The connection's current client (sends nothing: a sandbox may swap clients on recovery)."""
        return await self.connection.call(_itself)

    async def call(self, request: Callable[[CueDeskClient], Awaitable[T]]) -> T:
        return await self.connection.call(request)

    def run(
        self, work: Callable[[], Awaitable[Any]], description: str, *, retry: bool = False
    ) -> asyncio.Task[None]:
        """Run ``work()`` in the background; failures it does not handle go to the window's banner."""
        return self.operations.run(work, description=description, retry=retry)
