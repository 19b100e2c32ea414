"""The embedded sandbox, seen from the app: attach to the running sandbox server or start one.

The server runs as a child process (``cuedesk-server sandbox``, see ``app/server/sandbox.py``) on a
loopback socket this process binds and hands over. One server serves a sandbox folder at a time:
a second copy of the app finds it through the folder's private state file and attaches to it.
Port and token travel through a pipe and that file (mode 0600), never on a command line.

No Qt here: the launcher only needs asyncio, so it can be used and tested on its own. Where a sandbox
lives and how its server is spawned (first thing, before the app imports anything else) are in
``sandbox_process.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import importlib
import json
import ssl
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .sandbox_process import (
    DEMO_CONTACTS,
    SANDBOX_DIR_ENV,
    Handshake,
    SandboxPaths,
    StartedServer,
    sandbox_base_url,
    start_early,
    start_server_process,
    started_early,
    take_started_early,
)

if TYPE_CHECKING:
    from .sandbox_process import ServerProcess

__all__ = [
    "SANDBOX_DIR_ENV",
    "SandboxEndpoint",
    "SandboxError",
    "SandboxLauncher",
    "SandboxPaths",
    "start_early",
]


class SandboxError(Exception):
    """The sandbox could not be started or reached; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class SandboxEndpoint:
    """A running sandbox server: where it answers, its token, and whether this process started it."""

    base_url: str
    token: str = field(repr=False)
    pid: int | None
    owned: bool


class SandboxLauncher:
    """Finds the sandbox server of a folder, or starts it as a child process, and stops what it started.

    ``start()`` attaches to a live server named in the state file; otherwise it starts one. If
    another copy of the app started a server at the same moment, the new child says ``busy`` and
    this launcher attaches to the other one as soon as it answers.
    """

    def __init__(
        self,
        paths: SandboxPaths | None = None,
        *,
        demo_contacts: int = DEMO_CONTACTS,
        startup_timeout: float = 180.0,
        attach_wait: float = 5.0,
    ) -> None:
        self.paths = paths or SandboxPaths.default()
        self.demo_contacts = demo_contacts
        self.startup_timeout = startup_timeout
        self.attach_wait = attach_wait
        self._process: ServerProcess | None = None

    @property
    def process(self) -> ServerProcess | None:
        """The server process this launcher started and still owns, if any."""
        return self._process

    async def start(self) -> SandboxEndpoint:
        """A live sandbox server for this folder: the running one, or a new child process."""
        if self._process is not None:
            endpoint = await self.find_running()
            if endpoint is not None and endpoint.pid == self._process.pid:
                return dataclasses.replace(endpoint, owned=True)
            await self.stop()  # a server of ours that stopped answering is replaced, not leaked
        deadline = time.monotonic() + self.startup_timeout
        while True:
            endpoint = None if started_early(self.paths.root) else await self.find_running()
            if endpoint is not None:
                return endpoint
            endpoint = await self._spawn(deadline)
            if endpoint is not None:
                return endpoint
            # Another server holds the folder (another copy of the app is starting it): wait for it.
            endpoint = await self._wait_for_running(min(deadline, time.monotonic() + self.attach_wait))
            if endpoint is not None:
                return endpoint
            if time.monotonic() >= deadline:
                raise SandboxError(
                    f"The sandbox in {self.paths.root} is held by another program that does not answer."
                    " Quit the other copies of CueDesk Contacts and try again."
                )

    async def find_running(self) -> SandboxEndpoint | None:
        """The server named in the state file, if it answers with the sandbox's token."""
        state = self.paths.read_state()
        port, token = state.get("port"), state.get("token")
        if not isinstance(port, int) or not isinstance(token, str):
            return None
        base_url = f"http://127.0.0.1:{port}/v1"
        if not await _answers(base_url, token):
            return None
        pid = state.get("pid") if isinstance(state.get("pid"), int) else None
        return SandboxEndpoint(base_url, token, pid, owned=False)

    async def stop(self, timeout: float = 5.0) -> None:
        """Stop the server this launcher started (if any): close its lifeline, then insist."""
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            process.stdin.close()  # EOF: the server shuts down gracefully
        if not await _exited(process, timeout):
            process.terminate()
            if not await _exited(process, 2.0):
                process.kill()
                await _exited(process, 2.0)
        with contextlib.suppress(OSError):
            process.stdout.close()

    async def _spawn(self, deadline: float) -> SandboxEndpoint | None:
        """Start a server child (or take the one ``start_early`` started); its endpoint, or ``None``
        if another server holds the folder."""
        started = take_started_early(self.paths.root) or self._start_process()
        process = started.process
        try:
            message = await self._handshake(started, deadline)
        except BaseException:
            process.kill()
            with contextlib.suppress(asyncio.CancelledError):  # reaped on the loop, never blocking it
                await _exited(process, 2.0)
            raise
        if message.get("event") == "busy":
            await _exited(process, 5.0)
            return None
        self._process = process
        return SandboxEndpoint(
            sandbox_base_url(message["port"]), message["token"], message.get("pid"), owned=True
        )

    def _start_process(self) -> StartedServer:
        process = start_server_process(self.paths, self.demo_contacts)
        return StartedServer(process, Handshake(process))

    async def _handshake(self, started: StartedServer, deadline: float) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        reading = loop.run_in_executor(None, started.handshake.wait, max(deadline - time.monotonic(), 1.0))
        # Meanwhile (the server usually takes longer), what the client's first connection will load.
        preloading = loop.run_in_executor(None, load_client_transport)
        line = await reading
        # The app goes on (and imports) only once that is loaded: two threads importing at once can
        # fail an import (early_rows.py, EarlyRows.begin).
        await preloading
        if line is None:
            raise SandboxError(
                f"The sandbox did not start in {self.startup_timeout:.0f} s. See {self.paths.log}."
            )
        try:
            message = json.loads(line)
        except ValueError:
            message = None
        if not isinstance(message, dict) or message.get("event") not in ("ready", "busy"):
            await _exited(started.process, 5.0)
            raise SandboxError(f"The sandbox server failed to start: {self._last_log_line()}")
        return message

    async def _wait_for_running(self, until: float) -> SandboxEndpoint | None:
        while time.monotonic() < until:
            endpoint = await self.find_running()
            if endpoint is not None:
                return endpoint
            await asyncio.sleep(0.2)
        return None

    def _last_log_line(self) -> str:
        """The log's last line that says something (SQLAlchemy ends its errors with a link to its docs)."""
        try:
            lines = self.paths.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            lines = []
        said = [line.strip() for line in lines if line.strip() and not line.startswith(DOCS_LINK_LINE)]
        detail = said[-1] if said else "no details"
        return f"{detail} (log: {self.paths.log})"


#: How SQLAlchemy ends an error's message: a link to its documentation, after the error itself.
DOCS_LINK_LINE = "(Background on this error at:"


def load_client_transport() -> None:
    """Load what the client's first connection would: anyio's asyncio backend, on which httpx (httpcore)
    runs its connections, loads on first use (~40 ms of CPU here). Done on a worker thread while the
    app waits for its sandbox server, it is off the way to the first rows."""
    with contextlib.suppress(ImportError):
        importlib.import_module("anyio._backends._asyncio")


async def _answers(base_url: str, token: str) -> bool:
    """Whether a sandbox server answers there and accepts the token (a quick, proxy-free probe)."""
    import httpx  # here, so that start_early() runs before the app's heavy imports

    try:
        # Plain http on loopback: a context that trusts nothing spares loading certificates.
        plain = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        async with httpx.AsyncClient(timeout=3.0, trust_env=False, verify=plain) as http:
            response = await http.get(
                f"{base_url}/contacts", params={"limit": 1}, headers={"Authorization": f"Bearer {token}"}
            )
    except httpx.HTTPError:
        return False
    return response.status_code == 200


async def _exited(process: ServerProcess, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0.02)
    return True
