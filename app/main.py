"""``cuedesk-contacts``: the desktop app's entry point.

It also carries a private mode, ``--sandbox-server``, in which the same executable runs the API
server instead of the GUI: a frozen (PyInstaller) app has no ``python -m`` to start its sandbox with.

Opening the sandbox, the app spawns its server before it imports anything more (``run_gui``): the
server's start is the longest part of that opening, and each millisecond before the spawn is one more
before the first rows.
"""

from __future__ import annotations

import gc
import sys
import time

TYPE_CHECKING = False  # typing's own, without importing typing before the sandbox server's spawn
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from app.ui.main_window import MainWindow
    from app.ui.session import AppSession

SANDBOX_SERVER_FLAG = "--sandbox-server"
SANDBOX_FLAG = "--sandbox"
#: Options that print and exit: no sandbox server is spawned for them.
ONLY_PRINTS = frozenset({"-h", "--help", "--version"})


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from app import __version__

    parser = argparse.ArgumentParser(
        prog="cuedesk-contacts",
        description="CueDesk Contacts desktop app. Opens the workspace used last (or asks which one),"
        " the server given by CUEDESK_API_URL and CUEDESK_API_TOKEN, or the embedded sandbox.",
    )
    parser.add_argument("--version", action="version", version=f"CueDesk Contacts {__version__}")
    parser.add_argument(
        SANDBOX_FLAG, action="store_true", help="open the embedded sandbox (offline, with demo data)"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window on the sandbox, wait for the first contacts, print what was seen and exit"
        " (status 0 on success)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == [SANDBOX_SERVER_FLAG]:
        from app.server.serving import uvicorn_without_its_command_line

        uvicorn_without_its_command_line()
        from app.server.cli import main as server_main

        return server_main(args[1:])
    if SANDBOX_FLAG in args and not ONLY_PRINTS.intersection(args):
        # Even before the command line is read (argparse: ~7 ms more before the server starts).
        from app.ui.sandbox_process import start_early

        start_early(serve=main)  # on Linux, forked from this process (app/ui/forked_server.py)
    options = build_parser().parse_args(args)
    if options.smoke_test:
        return run_smoke_test()
    return run_gui(sandbox=options.sandbox)


def run_gui(
    *,
    sandbox: bool,
    on_started: Callable[[AppSession], None] | None = None,
    remember: bool = True,
    on_window: Callable[[MainWindow], None] | None = None,
) -> int:
    """Run the desktop app; ``on_started`` gets each session once its window is shown, ``on_window``
    the first window before it is shown (painted before the client side is imported).

    ``remember=False``: no settings file is read or written.
    """
    if sandbox:
        from app.ui.sandbox_process import start_early

        start_early(serve=main)  # first of all: the server starts while the app loads, its window included
    import logging

    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)  # the log file (app/ui/diagnostics.py) keeps the INFO lines
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", handlers=[console]
    )
    # No garbage collection while the app loads: each full collection would visit everything
    # imported so far, for next to no garbage. app.ui.app freezes what it loaded, then collects again.
    gc.disable()
    try:
        return _run_gui(sandbox=sandbox, on_started=on_started, remember=remember, on_window=on_window)
    finally:
        gc.enable()


def _run_gui(
    *,
    sandbox: bool,
    on_started: Callable[[AppSession], None] | None,
    remember: bool,
    on_window: Callable[[MainWindow], None] | None,
) -> int:
    # httpx imports its command line tool (rich, click, pygments: ~0.4 s) whenever those are
    # installed; the app never uses it, and startup is measured (tests/benchmarks/bench_startup.py).
    sys.modules.setdefault("httpx._main", None)
    from app.ui.app import run

    return run(sandbox=sandbox, on_started=on_started, remember=remember, on_window=on_window)


def run_smoke_test() -> int:
    """``--smoke-test``: the window on the sandbox until its first rows are painted (app/ui/smoke.py)."""
    started_at = time.perf_counter()
    from app.ui.sandbox_process import start_early

    start_early(serve=main)  # before the smoke test's own imports (Qt, the session), as run_gui would
    from app.ui.smoke import SmokeTest

    smoke = SmokeTest(started_at)
    status = run_gui(sandbox=True, on_started=smoke.attach, remember=False)
    return smoke.status or status


if __name__ == "__main__":
    sys.exit(main())
