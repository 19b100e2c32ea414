"""The sandbox server forked from the app as it starts (Linux), instead of a new interpreter.

A new interpreter first starts Python again and loads what the app has already loaded by then (the
folders, JSON, sockets, processes): ~70 ms more before the first rows here (docs/performance.md). A
fork copies the app as it is at that moment, before Qt, logging or any thread exists, and the child
runs the server's command line in it. Anywhere else, or once the app runs threads (a fork would copy
their locks as they are), the server is a new process as before (``sandbox_process``).

Like everything ``start_early`` needs, this module loads only light standard modules.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading

TYPE_CHECKING = False  # typing's own, without importing typing (see sandbox_process)
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import BinaryIO


def may_fork() -> bool:
    """Whether this process may fork its server: Linux, and no thread but this one."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class ForkedServer:
    """A server child forked from this process, with the parts of ``subprocess.Popen`` the launcher
    uses: ``pid``, ``stdin`` (its lifeline), ``stdout`` (its handshake), ``poll``, ``terminate``,
    ``kill`` and ``returncode``. No blocking ``wait``: the launcher polls on its loop (``_exited``)."""

    def __init__(self, pid: int, stdin: BinaryIO, stdout: BinaryIO) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: it has ended
                self.returncode = -1
            else:
                if pid == self.pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def _signal(self, number: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, number)


def fork_server(serve: Callable[[Sequence[str]], int], argv: Sequence[str], log_path: str) -> ForkedServer:
    """Fork a child that runs ``serve(argv)`` (the app's own ``main``, with ``--sandbox-server``) and
    exits with its status; the child is set up as ``start_server_process`` sets up a new process: stdin
    and stdout pipes to this process, stderr appended to ``log_path``, a session of its own."""
    lifeline_read, lifeline_write = os.pipe()
    report_read, report_write = os.pipe()
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()  # nothing of this process's output is written twice
    pid = os.fork()
    if pid == 0:
        _run_child(serve, argv, (lifeline_read, report_write, log), (lifeline_write, report_read))
    os.close(lifeline_read)
    os.close(report_write)
    os.close(log)
    return ForkedServer(pid, os.fdopen(lifeline_write, "wb"), os.fdopen(report_read, "rb"))


def _run_child(
    serve: Callable[[Sequence[str]], int],
    argv: Sequence[str],
    standard: tuple[int, int, int],
    others: tuple[int, int],
) -> None:
    """In the child: the standard streams, a session of its own, the server; never returns."""
    status = 1
    try:
        os.setsid()  # Ctrl+C in a terminal reaches the app, which then stops its server
        import fcntl

        # Above the standard numbers first: one of the pipes may be 0, 1 or 2 if the app began without them.
        moved = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3) for fd in standard]
        for fd in (*standard, *others):
            os.close(fd)
        for target, fd in enumerate(moved):
            os.dup2(fd, target)  # inheritable, as a new process's standard streams are
            os.close(fd)
        status = serve(argv)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()
        os._exit(status or 0)
