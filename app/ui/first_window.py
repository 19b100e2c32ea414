"""The main window, painted before the client side of the app is imported.

Importing the client (httpx), the wire models (pydantic) and the controllers costs about half a
second of CPU; a person should not stare at nothing meanwhile. When the window to open is known
without asking (``--sandbox``, a server in the environment, or the workspace open last), it is built
and painted first, from modules that import none of those (``tests/ui/test_first_window.py`` keeps
it so), and the session that connects it is built around that same window afterwards. When the
connect dialog has to ask first, no window is shown before it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from concurrent import futures
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QWidget

from .connect.settings import Settings, workspace_known
from .contacts_model import ContactsTableModel
from .main_window import MainWindow
from .names import APP_AUTHOR, APP_NAME

if TYPE_CHECKING:
    from .early_rows import EarlyRows

#: How long the first paint may take before the app goes on anyway (a display that never exposes).
PAINT_WAIT_S = 2.0
STARTING_TEXT = "Starting…"
#: While it waits for its first rows, the window answers the window system this often.
WAIT_SLICE_S = 0.03


@dataclass(slots=True, weakref_slot=True)  # weakly referenced by the signal it listens to
class FirstWindow:
    """A main window already shown, for the workspace saved under ``key`` (its layout is applied).

    ``early``: its first rows, being fetched while the app loads (``early_rows.py``), if it opens a server.
    ``closed``: the person closed it before its session started (the app then quits).
    """

    model: ContactsTableModel
    window: MainWindow
    key: str
    early: EarlyRows | None = None
    closed: bool = False

    def __post_init__(self) -> None:
        self.window.closed.connect(self._note_closed)

    def _note_closed(self) -> None:
        self.closed = True

    def show_early_rows(self, wait_s: float = 0.0, stop: Callable[[], bool] = lambda: False) -> None:
        """Show the early rows if their answer is in (waiting up to ``wait_s`` for it), painted at once:
        the app's loop is not running yet.

        While it waits, the window goes on answering the window system (repaints, moves, resizes; a
        close or ``stop()`` ends the wait) without spinning: it sleeps until the answer or the next
        slice. Keys and clicks are kept, in order, for when the app is ready.
        """
        if self.early is None:
            return
        deadline = time.monotonic() + wait_s
        app = QApplication.instance()
        while not self.early.body.done() and not self.closed and not stop():
            left = deadline - time.monotonic()
            if left <= 0:
                break
            futures.wait([self.early.body], timeout=min(left, WAIT_SLICE_S))
            if app is not None:  # the person's keys and clicks wait for the app to be ready, kept in order
                app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if self.early.show(self.model):
            table = self.window.table
            table.updateGeometries()  # the scrollbar for the rows, which the loop would lay out later
            table.viewport().repaint()
            table.verticalScrollBar().repaint()


def application() -> QApplication:
    """The app's ``QApplication`` (made once)."""
    app = QApplication.instance() or QApplication(["cuedesk-contacts"])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    return app


def paint_first_window(
    *,
    sandbox: bool,
    environ: Mapping[str, str],
    settings: Settings,
    early: EarlyRows | None = None,
    on_window: Callable[[MainWindow], None] | None = None,
) -> FirstWindow | None:
    """Show the main window of the workspace about to open, and return once it is painted.

    ``None`` when the connect dialog must ask first. ``on_window`` gets the window before it is shown.
    ``early``: the first rows of that workspace (``early_rows.py``), asked for once the window is painted.
    """
    key = workspace_known(sandbox=sandbox, environ=environ, settings=settings)
    if key is None:
        return None
    app = application()
    model = ContactsTableModel()
    window = MainWindow(model)
    first = FirstWindow(model, window, key, early)
    window.restore_layout(settings.layout(key))
    window.show_message(STARTING_TEXT)
    if on_window is not None:
        on_window(window)
    painted = _PaintWatch(window.table.viewport())
    window.show()
    deadline = time.monotonic() + PAINT_WAIT_S
    while not painted.seen and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    app.processEvents()  # what the paint itself posted (e.g. the table's first block request)
    painted.deleteLater()
    if early is not None:
        early.begin()
    return first


class _PaintWatch(QObject):
    """Notes a widget's first paint."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.seen = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False
