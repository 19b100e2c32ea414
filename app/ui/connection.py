"""Where the app's data comes from: a CueDesk server given by the environment, or the embedded sandbox.

Every request goes through ``Connection.call``, which hands it the current client. A sandbox
connection survives its server going away (e.g. the copy of the app that started it quit): the
request that noticed restarts or re-attaches to the sandbox and is sent again once, unless it may
already have taken effect.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from app.api import ApiConnectionError, ApiTimeoutError, CueDeskClient, RetryPolicy, never_applied

from .names import API_TOKEN_ENV, API_URL_ENV
from .sandbox import SandboxEndpoint, SandboxError, SandboxLauncher

log = logging.getLogger(__name__)

T = TypeVar("T")
Request = Callable[[CueDeskClient], Awaitable[T]]

#: The sandbox client's retries: the client's own, except that a refused connection is raised at once.
GONE_AT_ONCE = RetryPolicy(retry_refused=False)


class Connection:
    """The client the app talks through, opened once and closed on quit."""

    #: A short name for the status bar and the window title.
    label: str = ""

    async def open(self) -> None:
        """Make the connection usable (e.g. start the sandbox)."""

    async def call(self, request: Request[T]) -> T:
        """Send ``request`` with the current client."""
        raise NotImplementedError

    async def close(self) -> None:
        """Close the client and stop anything started for it."""


class RemoteConnection(Connection):
    """A CueDesk server given by address and token.

    ``replace_client`` swaps in a client with a new token (after a 401); the old client is closed
    once the requests it is still sending have ended.
    """

    def __init__(self, client: CueDeskClient) -> None:
        self._client = client
        self._in_flight: dict[CueDeskClient, int] = {}
        self._retired: set[CueDeskClient] = set()
        self.label = urlsplit(client.base_url).netloc or client.base_url

    @property
    def base_url(self) -> str:
        return self._client.base_url

    async def call(self, request: Request[T]) -> T:
        client = self._client
        self._in_flight[client] = self._in_flight.get(client, 0) + 1
        try:
            return await request(client)
        finally:
            self._in_flight[client] -= 1
            if not self._in_flight[client]:
                del self._in_flight[client]
                if client in self._retired:
                    self._retired.discard(client)
                    await client.aclose()

    async def replace_client(self, client: CueDeskClient) -> None:
        """Send every later request with ``client``."""
        old, self._client = self._client, client
        if old in self._in_flight:
            self._retired.add(old)  # closed by the last of its requests
        else:
            await old.aclose()

    async def close(self) -> None:
        retired, self._retired = self._retired, set()
        for client in (self._client, *retired):
            await client.aclose()

    def __repr__(self) -> str:
        return f"RemoteConnection({self._client!r})"


class SandboxConnection(Connection):
    """The embedded sandbox, started or attached to by ``launcher``; recovers when its server goes away.

    ``on_recovered`` is called with a sentence for the user after a recovery.
    """

    label = "Sandbox"

    def __init__(self, launcher: SandboxLauncher, on_recovered: Callable[[str], None] | None = None) -> None:
        self.launcher = launcher
        self.on_recovered = on_recovered
        self.endpoint: SandboxEndpoint | None = None
        self._client: CueDeskClient | None = None
        self._starting = asyncio.Lock()  # one start or recovery at a time, however many requests wait
        self._closed = False

    async def open(self) -> None:
        async with self._starting:
            if self._closed:
                raise SandboxError("The sandbox connection is closed.")
            if self._client is None:
                self._use(await self.launcher.start())

    async def call(self, request: Request[T]) -> T:
        await self.open()
        client = self._current_client()
        try:
            return await request(client)
        except ApiTimeoutError:
            raise  # slow is not gone: no restart
        except ApiConnectionError as exc:
            log.warning("The sandbox server stopped answering; restarting or re-attaching.")
            await self._recover(client)
            if not never_applied(exc):
                raise  # it may have taken effect (a create whose answer was lost): never sent twice
        return await request(self._current_client())

    def _current_client(self) -> CueDeskClient:
        if self._client is None:
            raise SandboxError("The sandbox connection is closed.")
        return self._client

    async def close(self) -> None:
        self._closed = True
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()
        await self.launcher.stop()

    async def _recover(self, failed: CueDeskClient) -> None:
        async with self._starting:
            if self._client is not failed:
                return  # another request already recovered, or the connection was closed
            endpoint = await self.launcher.start()
            self._use(endpoint)
            await failed.aclose()
        if self.on_recovered is not None:
            self.on_recovered(
                "The sandbox server had stopped; it was restarted."
                if endpoint.owned
                else "The sandbox server had stopped; reconnected to the running one."
            )

    def _use(self, endpoint: SandboxEndpoint) -> None:
        self.endpoint = endpoint
        # Refused on loopback means the server is gone: recover at once instead of backing off.
        self._client = CueDeskClient(endpoint.base_url, token=endpoint.token, retry=GONE_AT_ONCE)

    def __repr__(self) -> str:
        return f"SandboxConnection({self.launcher.paths.root!s})"


@dataclass(frozen=True, slots=True)
class ConnectionChoice:
    """The connection to open, and a notice for the user when the choice needs explaining."""

    connection: Connection
    notice: str | None = None


def choose_connection(*, sandbox: bool, environ: Mapping[str, str]) -> ConnectionChoice | None:
    """``--sandbox`` wins; else a server from the environment; ``None`` when neither is asked for
    (the saved workspaces decide then, see ``app/ui/connect/workspaces.py``)."""
    if sandbox:
        return ConnectionChoice(SandboxConnection(SandboxLauncher()))
    url, token = environ.get(API_URL_ENV, "").strip(), environ.get(API_TOKEN_ENV, "").strip()
    if url and token:
        return ConnectionChoice(RemoteConnection(CueDeskClient(url, token=token)))
    if url or token:
        missing = API_TOKEN_ENV if url else API_URL_ENV
        return ConnectionChoice(
            SandboxConnection(SandboxLauncher()),
            f"{missing} is not set, so the embedded sandbox is shown instead.",
        )
    return None
