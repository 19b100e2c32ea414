"""Starting the sandbox server's process: where a sandbox lives, and the command that serves it.

The app starts its sandbox server first thing (``start_early``, from ``app/main.py``), before it imports
anything else: the server's own start is the longest part of opening the sandbox, and it overlaps the
app's from the moment it is spawned. So this module needs only a few light standard modules (no
asyncio, no logging, not even ``typing`` or ``dataclasses``: ~40 ms more before the spawn here,
``tests/ui/test_sandbox.py`` keeps them out); the launcher that then waits for the server and talks
to it is ``sandbox.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import platformdirs

from .forked_server import ForkedServer, fork_server, may_fork
from .names import APP_AUTHOR, APP_NAME

TYPE_CHECKING = False  # typing's own, without importing typing (see the module docstring)
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any

    #: A sandbox server child: a new process, or one forked from the app (``forked_server``).
    ServerProcess = subprocess.Popen[bytes] | ForkedServer

#: Environment variable naming the sandbox folder (default: the user data folder, see ``SandboxPaths``).
SANDBOX_DIR_ENV = "CUEDESK_SANDBOX_DIR"
#: The app's private flag that runs the server CLI instead of the GUI (see ``app/main.py``).
SANDBOX_SERVER_FLAG = "--sandbox-server"
DEMO_CONTACTS = 5200  # about 5,080 of them not archived, so List Contacts shows over 5,000
MAX_LOG_BYTES = 1_000_000


class SandboxPaths:
    """Where a sandbox lives, in the folder ``root``: its database, its private state file (port, token)
    and its log. Equal when their folders are."""

    __slots__ = ("root",)

    def __init__(self, root: Path) -> None:
        self.root = root

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SandboxPaths) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def __repr__(self) -> str:
        return f"SandboxPaths({self.root!r})"

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


def server_command() -> list[str]:
    """How to run the server CLI from this app: ``python -m app.main`` or, frozen, the app itself."""
    if getattr(sys, "frozen", False):
        return [sys.executable, SANDBOX_SERVER_FLAG]
    return [sys.executable, "-m", "app.main", SANDBOX_SERVER_FLAG]


def start_server_process(
    paths: SandboxPaths,
    demo_contacts: int = DEMO_CONTACTS,
    *,
    serve: Callable[[Sequence[str]], int] | None = None,
) -> ServerProcess:
    """Start a sandbox server child for ``paths``; it reports ``ready`` (or ``busy``) on its stdout.

    Its stdin is its lifeline: the server stops when it closes (when this process ends, even on a crash).
    With ``serve`` (the app's ``main``), the child is forked from this process where that may be done
    (``forked_server``) and runs ``serve`` with the server's command line; else it is a new process.
    """
    paths.root.mkdir(parents=True, exist_ok=True, mode=0o700)
    _trim_log(paths.log)
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
    arguments = [
        "sandbox",
        "--db",
        str(paths.database),
        "--state",
        str(paths.state),
        *listen,
        "--contacts",
        str(demo_contacts),
        "--parent-pid",
        str(os.getpid()),
    ]
    try:
        if serve is not None and may_fork():
            return fork_server(serve, [SANDBOX_SERVER_FLAG, *arguments], str(paths.log))
        command = [*server_command(), *arguments]
        with open(paths.log, "ab") as log_file:
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


def _trim_log(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_suffix(".log.old"))


def sandbox_base_url(port: int) -> str:
    """The API's base URL of a sandbox server listening on ``port`` (loopback)."""
    return f"http://127.0.0.1:{port}/v1"


class Handshake:
    """The first line a server child writes on its stdout (``ready`` with its port and token, or
    ``busy``), read on a thread of its own as soon as it is spawned, so that more than one reader can
    wait for it: the launcher (``sandbox.py``) and the first rows fetched while the app loads
    (``early_rows.py``)."""

    def __init__(self, process: ServerProcess) -> None:
        self._line = b""
        self._read = threading.Event()
        reader = threading.Thread(
            target=self._read_line, args=(process,), name="sandbox-handshake", daemon=True
        )
        reader.start()

    def _read_line(self, process: ServerProcess) -> None:
        try:
            assert process.stdout is not None
            self._line = process.stdout.readline()
        except (OSError, ValueError):
            pass  # closed: no handshake (the launcher reports the server's failure from its log)
        finally:
            self._read.set()

    def wait(self, timeout: float | None = None) -> bytes | None:
        """The line (empty if the server ended without one); ``None`` if not read within ``timeout``."""
        return self._line if self._read.wait(timeout) else None

    def endpoint(self, timeout: float | None = None) -> tuple[str, str] | None:
        """The base URL and token of a server that said ``ready`` within ``timeout``; else ``None``."""
        line = self.wait(timeout)
        try:
            message = json.loads(line) if line else None
        except ValueError:
            return None
        if not isinstance(message, dict) or message.get("event") != "ready":
            return None
        port, token = message.get("port"), message.get("token")
        if not isinstance(port, int) or not isinstance(token, str):
            return None
        return sandbox_base_url(port), token


class StartedServer:
    """A server child and its handshake."""

    __slots__ = ("handshake", "process")

    def __init__(self, process: ServerProcess, handshake: Handshake) -> None:
        self.process = process
        self.handshake = handshake


#: Servers started by ``start_early`` before the launcher that uses them exists, by sandbox folder.
_started_early: dict[Path, StartedServer] = {}


def start_early(
    paths: SandboxPaths | None = None, *, serve: Callable[[Sequence[str]], int] | None = None
) -> None:
    """Start the sandbox's server now, so that its start overlaps the app's own (imports, window).

    Called first thing by ``cuedesk-contacts --sandbox``; the launcher that opens the sandbox later
    takes this process over (``take_started_early``) with its handshake. Nothing is started when the
    state file names a server that still listens (the launcher attaches to it). A server started here
    that is never taken over stops with the app: its lifeline pipe closes when the app exits. A failure here is
    left for the launcher to meet again and report. ``serve``: see ``start_server_process`` (the app
    gives its ``main``, so that its server is forked from it where that may be done).
    """
    paths = paths or SandboxPaths.default()
    if paths.root in _started_early or _listening(paths.read_state().get("port")):
        return
    with contextlib.suppress(OSError):
        process = start_server_process(paths, serve=serve)
        _started_early[paths.root] = StartedServer(process, Handshake(process))


def _listening(port: object) -> bool:
    """Whether something accepts connections on the loopback ``port`` a state file names.

    A server that was killed, or a computer turned off with the app open, leaves its port in the state
    file: nothing listens there any more (refused at once on loopback), and the server is started
    early as usual instead of after the app found that out (~1.4 s later here).
    """
    if not isinstance(port, int):
        return False
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def started_early(root: Path) -> bool:
    """Whether ``start_early`` started a server for the sandbox in ``root`` that no launcher took yet."""
    return root in _started_early


def early_handshake(root: Path) -> Handshake | None:
    """The handshake of the server ``start_early`` started for ``root`` (not taken over yet), if any."""
    started = _started_early.get(root)
    return started.handshake if started is not None else None


def take_started_early(root: Path) -> StartedServer | None:
    """The server ``start_early`` started for the sandbox in ``root``, now the caller's; else ``None``."""
    return _started_early.pop(root, None)
