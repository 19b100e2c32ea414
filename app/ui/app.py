"""Start the app on the qasync loop, and quit cleanly (settings saved, client closed, sandbox stopped)."""

from __future__ import annotations

import gc
import importlib
import os
import signal
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .connect.settings import Settings
from .connect.tokens import TokenStore
from .diagnostics import Diagnostics
from .early_rows import EarlyRows

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .connect.workspaces import Workspaces
    from .connection import ConnectionChoice
    from .first_window import FirstWindow
    from .main_window import MainWindow
    from .session import AppSession


def run(
    *,
    sandbox: bool,
    environ: Mapping[str, str] = os.environ,
    on_started: Callable[[AppSession], None] | None = None,
    remember: bool = True,
    on_window: Callable[[MainWindow], None] | None = None,
) -> int:
    """Run the app until its window is closed; ``on_started`` gets each session once it is shown.

    The window is painted before the client side of the app is imported (``first_window.py``);
    ``on_window`` gets it before it is shown. ``remember=False``: read and write no settings file,
    no log file (e.g. the smoke test).
    """
    asked_to_quit = EarlyTermination()  # until the loop's own handlers take over (until_closed)
    settings = Settings.load(environ) if remember else Settings()
    tokens = TokenStore()
    early = EarlyRows.of_workspace(sandbox=sandbox, environ=environ, settings=settings, tokens=tokens)
    from .first_window import application, paint_first_window

    app = application()
    diagnostics = Diagnostics.for_app(environ) if remember else None
    if diagnostics is not None:
        diagnostics.install()
    try:
        first = paint_first_window(
            sandbox=sandbox, environ=environ, settings=settings, early=early, on_window=on_window
        )
        if first is not None:
            wait_s = early.wait_s if early is not None else 0.0
            first.show_early_rows(wait_s, stop=lambda: asked_to_quit.asked)  # Ctrl+C, SIGTERM: no wait
        import_client_side(first)
        import qasync

        from .connect.workspaces import Workspaces

        workspaces = Workspaces(settings, tokens, first_window=first)
        import asyncio

        keep_collector_pauses_short()
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
            return runner.run(
                until_closed(
                    app,
                    workspaces,
                    workspaces.run(sandbox=sandbox, environ=environ, on_started=on_started),
                    asked_to_quit,
                )
            )
    finally:
        asked_to_quit.restore()
        if diagnostics is not None:
            diagnostics.uninstall()


#: The client side of the app, imported once the window is on screen, in this order. qasync comes after
#: PySide6, so that it picks that binding.
CLIENT_SIDE = (
    "pydantic",
    "app.schema.contacts",
    "httpx",
    "app.api.client",
    "qasync",
    "app.ui.session",
    "app.ui.connect.workspaces",
)


def import_client_side(first: FirstWindow | None) -> None:
    """Import the client side step by step; the first rows are shown between two steps if their early
    answer is in by then (``early_rows.py``): the app's loop is not running yet to show them."""
    for module in CLIENT_SIDE:
        importlib.import_module(module)
        if first is not None:
            first.show_early_rows()


def keep_collector_pauses_short() -> None:
    """Keep Python's cyclic garbage collector from stalling the window (measured: tests/benchmarks/bench_ui.py).

    A full collection visits every object the process holds; after start that is mostly the modules,
    classes and validators loaded once and kept for good. Freezing them takes them out of every later
    collection, which then only visits what the app made since (the cached contact blocks). No
    collection first: it would cost the first paint more than the little garbage it could free.
    The collector may have been paused while the app loaded (``app.main.run_gui``): it runs again.
    """
    gc.freeze()
    gc.enable()


async def run_session(
    app: QApplication, choice: ConnectionChoice, on_started: Callable[[AppSession], None] | None = None
) -> int:
    """Show the window of one connection (nothing remembered) and wait until it is closed; then shut down."""
    from .connect.workspaces import Workspace, Workspaces

    workspaces = Workspaces(Settings(), TokenStore())
    return await until_closed(
        app, workspaces, workspaces.run_workspace(Workspace.from_choice(choice), on_started)
    )


class EarlyTermination:
    """Ctrl+C or SIGTERM while the app still loads (before its loop runs): remembered, not fatal.

    Without it, a SIGTERM at logout during a start killed the app before it could quit the normal way.
    """

    def __init__(self) -> None:
        self.asked = False
        self._previous: dict[int, Any] = {}
        for number in (signal.SIGINT, signal.SIGTERM):
            try:
                self._previous[number] = signal.signal(number, self._ask)
            except (ValueError, OSError):
                break  # not the main thread: the default handling stays

    def _ask(self, _number: int, _frame: object) -> None:
        self.asked = True

    def restore(self, keep: Iterable[int] = ()) -> None:
        """Put back the handlers found at start, except for ``keep`` (handled by the loop now)."""
        for number, handler in self._previous.items():
            if number not in keep:
                signal.signal(number, handler)
        self._previous = {}


async def until_closed(
    app: QApplication,
    workspaces: Workspaces,
    running: Awaitable[int],
    asked_to_quit: EarlyTermination | None = None,
) -> int:
    """Await ``running`` (the workspaces' sessions); Ctrl+C and SIGTERM close the window meanwhile,
    and right away if they came while the app was loading (``asked_to_quit``)."""
    import asyncio

    app.setQuitOnLastWindowClosed(False)  # quitting is ours: after the sandbox has stopped
    handled = _close_on_termination_signals(workspaces.close)
    if asked_to_quit is not None:
        asked_to_quit.restore(keep=handled)
        if asked_to_quit.asked:
            asyncio.get_running_loop().call_soon(workspaces.close)  # once the first window is up
    try:
        return await running
    finally:
        loop = asyncio.get_running_loop()
        for number in handled:
            loop.remove_signal_handler(number)


def _close_on_termination_signals(close: Callable[[], None]) -> list[int]:
    """Ctrl+C and SIGTERM (e.g. at logout) close the window, so the app quits the normal way."""
    import asyncio

    loop = asyncio.get_running_loop()
    handled: list[int] = []
    for number in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(number, close)
        except (NotImplementedError, RuntimeError, ValueError):
            break  # not on this platform or thread: the default handling stays
        handled.append(number)
    return handled
