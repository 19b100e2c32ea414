"""The embedded sandbox, seen from the app: attach to the running sandbox server or start one.

The server runs as a child process (``cuedesk-server sandbox``, see ``app/server/sandbox.py``) on a
loopback socket this process binds and hands over. One server serves a sandbox folder at a time:
a second copy of the app finds it through the folder's private state file and attaches to it.
Port and token travel through a pipe and that file (mode 0600), never on a command line.

No Qt here: the launcher only needs asyncio, so it can be used and tested on its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from .names import APP_AUTHOR, APP_NAME

log = logging.getLogger(__name__)

#: Environment variable naming the sandbox folder (default: the user data folder, see ``SandboxPaths``).
SANDBOX_DIR_ENV = "CUEDESK_SANDBOX_DIR"
#: The app's private flag that runs the server CLI instead of the GUI (see ``app/main.py``).
SANDBOX_SERVER_FLAG = "--sandbox-server"
DEMO_CONTACTS = 5200  # about 5,080 of them not archived, so List Contacts shows over 5,000
MAX_LOG_BYTES = 1_000_000


class SandboxError(Exception):
    """The sandbox could not be started or reached; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class SandboxPaths:
    """Where a sandbox lives: its database, its private state file (port, token) and its log."""

    root: Path

    @classmethod
    def default(cls, environ: Mapping[str, str] = os.environ) -> SandboxPaths:
        configured = environ.get(SANDBOX_DIR_ENV)
        if configured:
            return cls(Path(configured).expanduser())
        return cls(platformdirs.user_data_path(APP_NAME, APP_AUTHOR, roaming=False) / "sandbox")

    @property
    def database(self) -> Path:
        return self.root / "sandbox.db"

    @property
    def state(self) -> Path:
        return self.root / "sandbox.json"

    @property
    def log(self) -> Path:
        return self.root / "sandbox.log"

    def read_state(self) -> dict[str, Any]:
        try:
            data = json.loads(self.state.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


@dataclass(frozen=True, slots=True)
class SandboxEndpoint:
    """A running sandbox server: where it answers, its token, and whether this process started it."""

    base_url: str
    token: str = field(repr=False)
    pid: int | None
    owned: bool


def server_command() -> list[str]:
    """How to run the server CLI from this app: ``python -m app.main`` or, frozen, the app itself."""
    if getattr(sys, "frozen", False):
        return [sys.executable, SANDBOX_SERVER_FLAG]
    return [sys.executable, "-m", "app.main", SANDBOX_SERVER_FLAG]


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
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
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
            endpoint = None if self.paths.root in _started_early else await self.find_running()
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
        process = _started_early.pop(self.paths.root, None) or self._start_process()
        try:
            message = await self._handshake(process, deadline)
        except BaseException:
            process.kill()
            process.wait()
            raise
        if message.get("event") == "busy":
            await _exited(process, 5.0)
            return None
        self._process = process
        return SandboxEndpoint(
            f"http://127.0.0.1:{message['port']}/v1", message["token"], message.get("pid"), owned=True
        )

    def _start_process(self) -> subprocess.Popen[bytes]:
        self.paths.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        _trim_log(self.paths.log)
        listener: socket.socket | None = None
        options: dict[str, Any] = {}
        if os.name == "posix":
            # Bind here and hand the listening socket over: no port race, and clients that connect
            # before the server is up wait in the backlog instead of being refused.
            listener = socket.create_server(("127.0.0.1", 0))
            listen = ["--fd", str(listener.fileno())]
            # Own session: Ctrl+C in a terminal stops the app, which then stops its server.
            options.update(pass_fds=(listener.fileno(),), start_new_session=True)
        else:
            listen = ["--port", "0"]
            options.update(creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        command = [
            *server_command(),
            "sandbox",
            "--db",
            str(self.paths.database),
            "--state",
            str(self.paths.state),
            *listen,
            "--contacts",
            str(self.demo_contacts),
            "--parent-pid",
            str(os.getpid()),
        ]
        try:
            with open(self.paths.log, "ab") as log_file:
                # Started from the calling (main) thread: on Linux the server's parent-death signal
                # fires when the thread that started it ends, not only the process.
                return subprocess.Popen(
                    command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=log_file,
                    **options,
                )
        finally:
            if listener is not None:
                listener.close()

    async def _handshake(self, process: subprocess.Popen[bytes], deadline: float) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        try:
            line = await asyncio.wait_for(
                loop.run_in_executor(None, process.stdout.readline), max(deadline - time.monotonic(), 1.0)
            )
        except TimeoutError:
            raise SandboxError(
                f"The sandbox did not start in {self.startup_timeout:.0f} s. See {self.paths.log}."
            ) from None
        try:
            message = json.loads(line)
        except ValueError:
            message = None
        if not isinstance(message, dict) or message.get("event") not in ("ready", "busy"):
            await _exited(process, 5.0)
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
        try:
            lines = self.paths.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            lines = []
        detail = lines[-1] if lines else "no details"
        return f"{detail} (log: {self.paths.log})"


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


async def _exited(process: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0.02)
    return True


def _trim_log(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_suffix(".log.old"))


#: Servers started by ``start_early`` before the launcher that uses them exists, by sandbox folder.
_started_early: dict[Path, subprocess.Popen[bytes]] = {}


def start_early(paths: SandboxPaths | None = None) -> None:
    """Start the sandbox's server now, so that its start overlaps the app's own (imports, window).

    Called first thing by ``cuedesk-contacts --sandbox``; the launcher that opens the sandbox later
    takes this process over and waits for its handshake. Nothing is started when the state file
    names a running server (the launcher attaches to it). A server started here that is never taken
    over stops with the app: its lifeline pipe closes when the app exits. A failure here is left
    for the launcher to meet and report.
    """
    paths = paths or SandboxPaths.default()
    if paths.root in _started_early or "port" in paths.read_state():
        return
    try:
        _started_early[paths.root] = SandboxLauncher(paths)._start_process()
    except OSError as error:  # the launcher meets it again and reports it to the user
        log.info("The sandbox server could not be started early: %s", error)
