"""Startup benchmark: process start → first rows painted, the app against a bare PySide6 table.

Run it with ``uv run python -m tests.benchmarks.bench_startup [--runs N]``. In one run it:

1. starts a sandbox (5,200 demo contacts) in a temporary folder and keeps it running;
2. starts ``cuedesk-contacts --sandbox`` on that folder N times (it attaches to the running sandbox)
   and times each from ``Popen`` to the first paint of the table showing loaded rows;
3. does the same for a bare PySide6 window with a QTableView of the same 100 rows (the baseline);
4. prints the medians and the ratio app / baseline.

Both children are real processes started the same way; each reports the moment its table was
painted with rows on stdout, and the parent's clock measures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAINTED = "painted"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each program (default 7)")
    parser.add_argument("--child", choices=["app", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "app":
        return app_child()
    if args.child == "bare":
        return bare_child(args.rows)
    return benchmark(args.runs)


def benchmark(runs: int) -> int:
    from app.ui.sandbox import SANDBOX_DIR_ENV, SandboxLauncher, SandboxPaths

    with tempfile.TemporaryDirectory(prefix="cuedesk-bench-") as folder:
        launcher = SandboxLauncher(SandboxPaths(Path(folder) / "sandbox"))
        print(f"Starting a sandbox with {launcher.demo_contacts:,} demo contacts…", flush=True)
        loop = asyncio.new_event_loop()
        try:
            endpoint = loop.run_until_complete(launcher.start())
            rows_file = Path(folder) / "rows.json"
            rows_file.write_text(json.dumps(loop.run_until_complete(first_rows(endpoint))))
            env = {**os.environ, SANDBOX_DIR_ENV: str(launcher.paths.root)}
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            app_times, bare_times = [], []
            for run in range(runs):  # interleaved, so that machine load hits both alike
                app_times.append(time_to_paint(["--child", "app"], env))
                bare_times.append(time_to_paint(["--child", "bare", "--rows", str(rows_file)], env))
                print(
                    f"  run {run + 1}: app {app_times[-1]:.3f} s, bare table {bare_times[-1]:.3f} s",
                    flush=True,
                )
        finally:
            loop.run_until_complete(launcher.stop())
            loop.close()
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(f"process start → first rows painted (median of {runs}, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']})")
    print(f"  app on a running sandbox:       {app_median * 1000:8.0f} ms")
    print(f"  bare PySide6 QTableView (100):  {bare_median * 1000:8.0f} ms")
    print(f"  ratio app / bare:               {app_median / bare_median:8.2f}")
    return 0


async def first_rows(endpoint) -> list[list[str]]:
    """The 100 rows the app shows first, as the table's cell texts."""
    from app.api import CueDeskClient
    from app.ui.columns import DEFAULT_COLUMNS

    async with CueDeskClient(endpoint.base_url, token=endpoint.token) as client:
        page = await client.contacts.list(limit=100)
    return [[column.text(contact) for column in DEFAULT_COLUMNS] for contact in page.items]


def time_to_paint(child_args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.bench_startup", *child_args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,  # shown only if the child fails (Qt's offscreen plugin is chatty)
        text=True,
    )
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    _, errors = child.communicate(timeout=60)
    if child.returncode != 0 or line.strip() != PAINTED:
        raise SystemExit(f"{' '.join(child_args)} did not report its first paint:\n{errors}")
    return elapsed


def report_first_paint(view, has_rows) -> None:
    """Print ``painted`` once the view has finished a paint that showed rows, then close its window."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintProbe(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and has_rows():
                view.viewport().removeEventFilter(self)
                QTimer.singleShot(0, done)  # after this paint has completed
            return False

    def done() -> None:
        print(PAINTED, flush=True)
        view.window().close()

    probe = PaintProbe(view)
    view.viewport().installEventFilter(probe)


def app_child() -> int:
    """``cuedesk-contacts --sandbox``, through its entry point, with a probe on the table."""
    from app.main import run_gui

    def started(session) -> None:
        report_first_paint(session.window.table, lambda: session.model.contact_at(0) is not None)

    return run_gui(sandbox=True, on_started=started)


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
    report_first_paint(view, lambda: True)
    view.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
