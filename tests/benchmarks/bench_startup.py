"""Startup: process start → window painted → first rows painted, beside a bare PySide6 table.

Run: ``uv run python -m tests.benchmarks.bench_startup [--runs N] [--contacts N]``

Every program is a real child process started the same way (``python -m`` this module with a private
``--child`` flag); the child prints a line when its table paints (``window``) and when it paints rows
(``rows``), and the parent's clock, started just before ``Popen``, times each line. Measured, runs
interleaved so that the machine's load hits all alike (medians):

- **baseline**: a bare PySide6 window with a QTableView of the same first 100 rows (in memory);
- **(a)** the app (``app.main.run_gui``, as ``cuedesk-contacts`` runs) to its main window painted, the
  table still holding placeholders. Goal: at most 1.5x the baseline;
- **(b)** the app pointed at a running ``cuedesk-server`` holding 100,000 contacts (the hosted-API
  path; URL and token in ``CUEDESK_API_URL`` / ``CUEDESK_API_TOKEN``) to its first rows painted.
  Goal: at most 2x the baseline plus one request round trip (a page of 100 fetched by hand);
- **(c)** ``--sandbox`` on a sandbox whose data is already seeded but whose server is not running
  (the app starts it, overlapped with building the window) to its first rows painted. Goal: under
  1 second. The very first start, which seeds the demo workspace, is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.figures import Figure, publish

ROOT = Path(__file__).resolve().parents[2]
NAME = "startup"
WINDOW, ROWS = "window", "rows"
GOAL_WINDOW_RATIO = 1.5
GOAL_ROWS_RATIO = 2.0
GOAL_SANDBOX_S = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 15: the bare table alone varies by ±25% from one start to the next here; fewer runs let that decide.
    parser.add_argument("--runs", type=int, default=15, help="runs of each program (default 15)")
    parser.add_argument("--contacts", type=int, default=100_000, help="contacts on the running server")
    parser.add_argument("--child", choices=["app", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sandbox", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "app":
        return app_child(sandbox=args.sandbox)
    if args.child == "bare":
        return bare_child(args.rows)
    return benchmark(args.runs, args.contacts)


def benchmark(runs: int, contacts: int) -> int:
    import httpx

    from app.ui.connection import API_TOKEN_ENV, API_URL_ENV
    from app.ui.sandbox import SANDBOX_DIR_ENV
    from tests.benchmarks.bench_server import median_ms
    from tests.benchmarks.workspace import served_workspace

    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory(prefix="cuedesk-bench-") as folder, served_workspace(contacts) as served:
        rows_file = Path(folder) / "rows.json"
        rows_file.write_text(json.dumps(first_rows(served.base_url, served.token)))
        with httpx.Client(
            base_url=served.base_url, headers={"Authorization": f"Bearer {served.token}"}
        ) as raw:
            round_trip_ms = median_ms(
                lambda: raw.get("/contacts", params={"limit": 100}).raise_for_status(), 15
            )
        hosted = {**env, API_URL_ENV: served.base_url, API_TOKEN_ENV: served.token}
        sandbox = {**env, SANDBOX_DIR_ENV: str(Path(folder) / "sandbox")}
        print("First start on a new sandbox (creates and seeds the demo workspace)…", flush=True)
        first_start = time_to(["--child", "app", "--sandbox"], sandbox)[ROWS]
        bare, window, hosted_rows, sandbox_rows = [], [], [], []
        for run in range(runs):
            bare.append(time_to(["--child", "bare", "--rows", str(rows_file)], env)[ROWS])
            app = time_to(["--child", "app"], hosted)
            window.append(app[WINDOW])
            hosted_rows.append(app[ROWS])
            sandbox_rows.append(time_to(["--child", "app", "--sandbox"], sandbox)[ROWS])
            print(
                f"  run {run + 1}: bare {bare[-1]:.3f} s · window {window[-1]:.3f} s · rows (hosted)"
                f" {hosted_rows[-1]:.3f} s · rows (sandbox) {sandbox_rows[-1]:.3f} s",
                flush=True,
            )
    bare_ms = statistics.median(bare) * 1000
    window_ms = statistics.median(window) * 1000
    hosted_ms = statistics.median(hosted_rows) * 1000
    sandbox_ms = statistics.median(sandbox_rows) * 1000
    rows_goal_ms = GOAL_ROWS_RATIO * bare_ms + round_trip_ms
    # The same ratios paired by round (each program beside the bare table it ran next to): steadier when the
    # machine changes speed during the run, which moves the bare table's median between its two groups.
    window_paired = statistics.median(w / b for w, b in zip(window, bare, strict=True))
    hosted_paired = statistics.median(h / b for h, b in zip(hosted_rows, bare, strict=True))
    publish(
        [
            Figure(NAME, "bare QTableView, 100 rows painted", bare_ms, "ms", None, "", "(the baseline)"),
            Figure(NAME, "(a) main window painted", window_ms, "ms", bare_ms, "bare table",
                   f"<= {GOAL_WINDOW_RATIO}x", window_ms <= GOAL_WINDOW_RATIO * bare_ms),
            Figure(NAME, f"(b) first rows, running server ({contacts:,})", hosted_ms, "ms", bare_ms,
                   "bare table", f"<= {GOAL_ROWS_RATIO:.0f}x + {round_trip_ms:.0f} ms round trip",
                   hosted_ms <= rows_goal_ms),
            Figure(NAME, "(c) first rows, sandbox seeded, not running", sandbox_ms, "ms", bare_ms,
                   "bare table", f"< {GOAL_SANDBOX_S * 1000:.0f} ms", sandbox_ms < GOAL_SANDBOX_S * 1000),
            Figure(NAME, "very first start (seeds the sandbox)", first_start * 1000, "ms", bare_ms,
                   "bare table", "(information)"),
            Figure(NAME, "(a) paired by round: window / bare", window_paired, "x", None, "",
                   "(information: median of the runs' ratios)"),
            Figure(NAME, "(b) paired by round: hosted rows / bare", hosted_paired, "x", None, "",
                   "(information: median of the runs' ratios)"),
        ]
    )  # fmt: skip
    return 0


def first_rows(base_url: str, token: str) -> list[list[str]]:
    """The 100 rows the app shows first, as the table's cell texts."""
    import asyncio

    from app.api import CueDeskClient
    from app.ui.columns import DEFAULT_COLUMNS

    async def fetch() -> list[list[str]]:
        async with CueDeskClient(base_url, token=token) as client:
            page = await client.contacts.list(limit=100)
        return [[column.text(contact) for column in DEFAULT_COLUMNS] for contact in page.items]

    return asyncio.run(fetch())


def time_to(child_args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Start a child; the seconds from ``Popen`` to each line it prints (``window``, ``rows``)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.bench_startup", *child_args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,  # shown only if the child fails (Qt's offscreen plugin is chatty)
        text=True,
    )
    assert child.stdout is not None
    seen: dict[str, float] = {}
    for line in child.stdout:
        seen.setdefault(line.strip(), time.perf_counter() - started)
        if ROWS in seen:
            break
    _, errors = child.communicate(timeout=120)
    if child.returncode != 0 or ROWS not in seen:
        raise SystemExit(f"{' '.join(child_args)} did not report its first rows:\n{errors}")
    return seen


def report_paints(view, has_rows) -> None:
    """Print ``window`` once the view has first painted, ``rows`` once it has painted rows; then close
    its window. Printed right after the paint, not from the event loop: the app shows its first rows
    before its loop runs (app/ui/early_rows.py)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

    def say(word: str) -> None:
        print(word, flush=True)

    class PaintProbe(QObject):
        def __init__(self, parent) -> None:
            super().__init__(parent)
            self.window_seen = False
            self.painting = False

        def eventFilter(self, watched, event):
            if event.type() != QEvent.Type.Paint or self.painting:
                return False
            self.painting = True
            QCoreApplication.sendEvent(watched, event)  # the paint itself, then what it showed
            self.painting = False
            if not self.window_seen:
                self.window_seen = True
                say(WINDOW)
            if has_rows():
                watched.removeEventFilter(self)
                say(ROWS)
                QTimer.singleShot(0, view.window().close)
            return True

    view.viewport().installEventFilter(PaintProbe(view))


def app_child(*, sandbox: bool) -> int:
    """The app through its entry point (``run_gui``), with a probe on the table of its first window."""
    from app.main import run_gui

    def shown(window) -> None:
        report_paints(window.table, lambda: window.table.model().uuid_at(0) is not None)

    return run_gui(sandbox=sandbox, on_window=shown, remember=False)


def bare_child(rows_file: Path) -> int:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    rows = json.loads(rows_file.read_text())
    model = QStandardItemModel(len(rows), len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            model.setItem(r, c, QStandardItem(text))
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 760)
    report_paints(view, lambda: True)
    view.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
