"""Start the app on the qasync loop, and quit cleanly (client closed, sandbox stopped)."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QApplication

from .connection import ConnectionChoice, choose_connection
from .sandbox import APP_AUTHOR, APP_NAME
from .session import AppSession


def run(
    *,
    sandbox: bool,
    environ: Mapping[str, str] = os.environ,
    on_started: Callable[[AppSession], None] | None = None,
) -> int:
    """Run the app until its window is closed; ``on_started`` gets the session once it is shown."""
    import qasync  # imported after PySide6, so that qasync picks that binding

    app = QApplication.instance() or QApplication(["cuedesk-contacts"])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    choice = choose_connection(sandbox=sandbox, environ=environ)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(run_session(app, choice, on_started))


async def run_session(
    app: QApplication, choice: ConnectionChoice, on_started: Callable[[AppSession], None] | None = None
) -> int:
    """Show a session's window and wait until it is closed; then shut the session down."""
    closed = asyncio.Event()
    app.setQuitOnLastWindowClosed(False)  # quitting is ours: after the sandbox has stopped
    session = AppSession(choice.connection, notice=choice.notice)
    session.window.closed.connect(closed.set)
    handled = _close_on_termination_signals(session)
    try:
        session.start()
        if on_started is not None:
            on_started(session)
        await closed.wait()
    finally:
        loop = asyncio.get_running_loop()
        for number in handled:
            loop.remove_signal_handler(number)
        await session.shutdown()
    return 0


def _close_on_termination_signals(session: AppSession) -> list[int]:
    """Ctrl+C and SIGTERM (e.g. at logout) close the window, so the app quits the normal way."""
    loop = asyncio.get_running_loop()
    handled: list[int] = []
    for number in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(number, session.window.close)
        except (NotImplementedError, RuntimeError, ValueError):
            break  # not on this platform or thread: the default handling stays
        handled.append(number)
    return handled
