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
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QWidget

from .connect.settings import ENVIRONMENT_KEY, SANDBOX_KEY, Settings
from .contacts_model import ContactsTableModel
from .main_window import MainWindow
from .names import API_TOKEN_ENV, API_URL_ENV, APP_AUTHOR, APP_NAME

#: How long the first paint may take before the app goes on anyway (a display that never exposes).
PAINT_WAIT_S = 2.0
STARTING_TEXT = "Starting…"


@dataclass(frozen=True, slots=True)
class FirstWindow:
    """A main window already shown, for the workspace saved under ``key`` (its layout is applied)."""

    model: ContactsTableModel
    window: MainWindow
    key: str


def application() -> QApplication:
    """The app's ``QApplication`` (made once)."""
    app = QApplication.instance() or QApplication(["cuedesk-contacts"])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    return app


def workspace_known(*, sandbox: bool, environ: Mapping[str, str], settings: Settings) -> str | None:
    """The settings key of the workspace that will open without asking, if any (a remembered profile
    whose token turns out to be missing still asks: that window is then closed)."""
    if sandbox:
        return SANDBOX_KEY
    url, token = environ.get(API_URL_ENV, "").strip(), environ.get(API_TOKEN_ENV, "").strip()
    if url and token:
        return ENVIRONMENT_KEY
    if url or token:
        return SANDBOX_KEY  # the sandbox, with a notice saying what is missing
    return settings.last


def paint_first_window(
    *,
    sandbox: bool,
    environ: Mapping[str, str],
    settings: Settings,
    on_window: Callable[[MainWindow], None] | None = None,
) -> FirstWindow | None:
    """Show the main window of the workspace about to open, and return once it is painted.

    ``None`` when the connect dialog must ask first. ``on_window`` gets the window before it is shown.
    """
    key = workspace_known(sandbox=sandbox, environ=environ, settings=settings)
    if key is None:
        return None
    app = application()
    model = ContactsTableModel()
    window = MainWindow(model)
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
    return FirstWindow(model, window, key)


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
