"""The window at 100,000 contacts: scrolling, quick search and a save, each beside its baseline.

Run: ``uv run python -m tests.benchmarks.bench_ui [--contacts N] [--searches N] [--edits N]``

A ``cuedesk-server serve`` child holds the contacts (see ``workspace.py``); the app's own window
(``AppSession``, as ``cuedesk-contacts`` builds it) runs in this process on the qasync loop, pointed
at that server the way a hosted workspace is, and is driven as a person drives it:

- **Scrolling**: Page Down from the top to the bottom, then jumps with the scrollbar (top to bottom
  in 50 steps). A 5 ms timer ticks on the loop throughout; its longest gap is the longest UI stall.
  After each step the benchmark waits until every visible row is filled, and times the steps that
  had to load (the scroll stopping → rows filled). It counts the requests the table made beside the
  blocks the user actually saw, and the process's memory before and after visiting every row.
  Baselines: a bare QTableView over an in-memory model of the same row count driven by the same
  steps (its longest stall), and a List Contacts page fetched by hand with httpx (one round trip).
- **Quick search**: terms typed into the search box key by key; time from the last keystroke to the
  table showing the first rows of the answer. Baseline: the same search by hand with httpx, plus the
  box's debounce.
- **Saving an edit**: a last name changed in the detail pane and saved with Ctrl+S; time to the
  table's row showing it. Baseline: the same two requests (the conflict check and the PATCH) by hand.

Goals (issue 11): no stall over 50 ms; rows filled within one round trip + 20 ms; requests only for
blocks seen (plus one prefetch block each side); memory growth under 60 MB; search under 250 ms
(debounce at most 150 ms); a save under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.modules.setdefault("httpx._main", None)  # as the app's entry point does

import httpx  # noqa: E402

from tests.benchmarks.figures import Figure, publish  # noqa: E402
from tests.benchmarks.workspace import Served, served_workspace  # noqa: E402

NAME = "ui"
TICK_MS = 5
GOAL_STALL_MS = 50.0
GOAL_FILL_EXTRA_MS = 20.0
GOAL_MEMORY_MB = 60.0
GOAL_SEARCH_MS = 250.0
GOAL_DEBOUNCE_MS = 150.0
GOAL_SAVE_MS = 100.0
SEARCH_TERMS = ("García", "user4242", "crm-7777", "Novák", "Okafor", "user100", "Tanaka", "crm-99999")


# --- measuring instruments ----------------------------------------------------------------------


class StallProbe:
    """A timer ticking every 5 ms on the UI loop; the longest gap between ticks is the longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self._last = now

    def start(self) -> None:
        self.longest_ms, self._last = 0.0, time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.longest_ms


class CountingTransport(httpx.AsyncBaseTransport):
    """The app's real transport, noting the offset of every page of contacts it asks for.

    Only the offsets are kept: holding every request (headers, URL, extensions …) would add
    thousands of objects to each garbage collection the benchmark measures.
    """

    def __init__(self) -> None:
        from app.api._asyncio_network import AsyncioTransport

        self._inner = AsyncioTransport(verify=False)  # as the client makes it, for plain http
        self.offsets: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.endswith("/contacts"):
            self.offsets.append(int(request.url.params.get("offset", 0)))
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


class CollectorProbe:
    """The longest pause of Python's cyclic garbage collector while installed (a cause of stalls)."""

    def __init__(self) -> None:
        self.longest_ms = 0.0
        self.collections = 0
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.collections += 1
            self.longest_ms = max(self.longest_ms, (time.perf_counter() - self._started) * 1000)

    def __enter__(self) -> CollectorProbe:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self)


def type_text(widget, text: str) -> None:
    """Type ``text`` key by key (QTest.keyClicks only knows ASCII; people type accents too)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def resident_mb() -> float:
    """The process's resident memory (Linux: /proc; elsewhere the peak, as the OS reports it)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


async def until(condition: Callable[[], bool], timeout: float = 30.0) -> float:
    """Wait (letting the loop run) until ``condition()``; the perf_counter time it first held."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.001)
    return time.perf_counter()


async def round_trips_ms(send: Callable[[int], object], runs: int = 15) -> float:
    """The median time of ``await send(n)`` for n in range(runs) (after two warm-ups)."""
    for n in range(2):
        await send(n)
    times = []
    for n in range(runs):
        started = time.perf_counter()
        await send(n)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


# --- the table ----------------------------------------------------------------------------------


@dataclass
class ScrollRun:
    """What one drive from top to bottom saw."""

    longest_stall_ms: float = 0.0
    fills_ms: list[float] = field(default_factory=list)
    blocks_seen: set[int] = field(default_factory=set)
    steps: int = 0
    slowest_step_ms: float = 0.0  # the step itself: the key press or drag handled synchronously


def visible_rows(table) -> range:
    viewport = table.viewport()
    first = table.rowAt(0)
    last = table.rowAt(viewport.height() - 1)
    if first < 0:
        return range(0)
    if last < 0:
        last = table.model().rowCount() - 1
    return range(first, last + 1)


def page_down_steps(table) -> list[Callable[[], None]]:
    """Page Down from the top until the last row is visible, as the keyboard does it."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    rows = table.model().rowCount()
    per_page = max(len(visible_rows(table)) - 1, 1)
    return [lambda: QTest.keyClick(table, Qt.Key.Key_PageDown) for _ in range(rows // per_page + 1)]


def scrollbar_jumps(table, jumps: int = 50) -> list[Callable[[], None]]:
    """Drags of the scrollbar to the top, then to ``jumps`` evenly spaced points down to the bottom."""
    bar = table.verticalScrollBar()
    points = [0] + [round(bar.maximum() * n / jumps) for n in range(1, jumps + 1)]
    return [lambda value=value: bar.setValue(value) for value in points]


async def drive(
    table, steps: list[Callable[[], None]], loaded: Callable[[int], bool], block: int
) -> ScrollRun:
    """Run ``steps``; after each, wait until every visible row is ``loaded`` (timing those that load)."""
    probe = StallProbe()
    result = ScrollRun()
    probe.start()
    try:
        for step in steps:
            pressed = time.perf_counter()
            step()
            started = time.perf_counter()
            result.slowest_step_ms = max(result.slowest_step_ms, (started - pressed) * 1000)
            await asyncio.sleep(0)  # the scroll's paint asks for the rows
            rows = visible_rows(table)
            result.blocks_seen.update(range(rows.start // block, (rows.stop - 1) // block + 1))
            if not all(loaded(r) for r in rows):
                filled = await until(lambda: all(loaded(r) for r in visible_rows(table)))
                result.fills_ms.append((filled - started) * 1000)
            result.steps += 1
    finally:
        result.longest_stall_ms = probe.stop()
    return result


async def bare_table_stall(rows: int, columns: int, steps_of: Callable[[object], list]) -> float:
    """The longest stall of a bare QTableView (an in-memory model) driven by the same kind of steps."""
    from PySide6.QtCore import QAbstractTableModel, Qt
    from PySide6.QtWidgets import QTableView

    class Plain(QAbstractTableModel):
        def rowCount(self, parent=None):
            return 0 if parent is not None and parent.isValid() else rows

        def columnCount(self, parent=None):
            return 0 if parent is not None and parent.isValid() else columns

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"Row {index.row()} · {index.column()}"
            return None

    view = QTableView()
    view.setModel(Plain())
    view.verticalHeader().setDefaultSectionSize(24)
    view.resize(1280, 760)
    view.show()
    view.setFocus()
    await asyncio.sleep(0.2)
    result = await drive(view, steps_of(view), lambda _row: True, 100)
    view.close()
    return result.longest_stall_ms


# --- the benchmark ------------------------------------------------------------------------------


async def measure(served: Served, args: argparse.Namespace) -> list[Figure]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.api import CueDeskClient
    from app.ui.app import keep_collector_pauses_short
    from app.ui.connection import RemoteConnection
    from app.ui.quick_search import DEBOUNCE_MS
    from app.ui.session import AppSession
    from app.ui.views import SearchView

    keep_collector_pauses_short()  # as app.ui.app.run does
    transport = CountingTransport()
    session = AppSession(
        RemoteConnection(CueDeskClient(served.base_url, token=served.token, transport=transport))
    )
    window, model = session.window, session.model
    window.resize(1280, 800)
    session.start()
    table = window.table
    await until(lambda: model.contact_at(0) is not None)
    window.activateWindow()
    table.setFocus()
    figures: list[Figure] = []
    raw = httpx.AsyncClient(base_url=served.base_url, headers={"Authorization": f"Bearer {served.token}"})
    try:
        # One List Contacts page by hand: the round trip every fill is compared with.
        step = max(served.contacts // 20, 1)
        page_ms = await round_trips_ms(
            lambda n: raw.get("/contacts", params={"limit": model.block_size, "offset": n * step})
        )

        def loaded(row: int) -> bool:
            return model.uuid_at(row) is not None  # builds no Contact: the probe stays cheap

        memory_before = resident_mb()
        transport.offsets.clear()
        print(f"Scrolling {model.rowCount():,} rows with Page Down…", flush=True)
        with CollectorProbe() as collector:
            paging = await drive(table, page_down_steps(table), loaded, model.block_size)
            print("Jumping with the scrollbar…", flush=True)
            jumping = await drive(table, scrollbar_jumps(table), loaded, model.block_size)
        await asyncio.sleep(0.5)  # prefetches still on their way
        memory_growth = resident_mb() - memory_before
        seen = paging.blocks_seen | jumping.blocks_seen
        allowed = seen | {b + 1 for b in seen} | {b - 1 for b in seen}
        offsets = list(transport.offsets)
        needless = [o for o in offsets if o // model.block_size not in allowed]
        fills = paging.fills_ms + jumping.fills_ms
        stall = max(paging.longest_stall_ms, jumping.longest_stall_ms)
        print("The same steps on a bare QTableView…", flush=True)
        bare_stall = max(
            await bare_table_stall(model.rowCount(), model.columnCount(), page_down_steps),
            await bare_table_stall(model.rowCount(), model.columnCount(), scrollbar_jumps),
        )
        fill_goal = page_ms + GOAL_FILL_EXTRA_MS
        figures += [
            Figure(
                NAME,
                "scroll: longest UI stall",
                stall,
                "ms",
                bare_stall,
                "bare QTableView",
                f"<= {GOAL_STALL_MS:.0f} ms",
                stall <= GOAL_STALL_MS,
            ),
            Figure(
                NAME,
                "scroll stopped → rows filled (median)",
                statistics.median(fills),
                "ms",
                page_ms,
                "one page by hand",
                f"<= round trip + {GOAL_FILL_EXTRA_MS:.0f} ms",
                statistics.median(fills) <= fill_goal,
            ),
            Figure(
                NAME,
                "scroll stopped → rows filled (90th pct)",
                quantile(fills, 0.9),
                "ms",
                page_ms,
                "one page by hand",
                "(information)",
                None,
            ),
            Figure(
                NAME,
                "scroll: pages requested",
                len(offsets),
                "count",
                len(seen),
                "distinct blocks seen",
                "(information)",
                None,
            ),
            Figure(
                NAME,
                "scroll: pages requested for blocks not seen ±1",
                len(needless),
                "count",
                len(offsets),
                "all pages requested",
                "0",
                not needless,
            ),
            Figure(
                NAME,
                "scroll: longest garbage collection",
                collector.longest_ms,
                "ms",
                None,
                "",
                f"(information; {collector.collections:,} collections)",
                None,
            ),
            Figure(
                NAME,
                "scroll: memory growth, every row visited",
                memory_growth,
                "MB",
                memory_before,
                "RSS before",
                f"< {GOAL_MEMORY_MB:.0f} MB",
                memory_growth < GOAL_MEMORY_MB,
            ),
        ]
        print(
            f"  {paging.steps + jumping.steps} steps, {len(fills)} of them loaded rows; slowest step handled in"
            f" {paging.slowest_step_ms:.0f} ms (Page Down), {jumping.slowest_step_ms:.0f} ms (scrollbar)",
            flush=True,
        )
        for name, run in (("Page Down", paging), ("scrollbar", jumping)):
            if run.fills_ms:
                print(
                    f"  {name}: {len(run.fills_ms)} of {run.steps} steps waited for rows, median"
                    f" {statistics.median(run.fills_ms):.0f} ms",
                    flush=True,
                )

        # Quick search: typed key by key; the answer's first rows on screen.
        box = window.search_box
        search_ms, by_hand_ms = [], []
        for term in SEARCH_TERMS[: args.searches]:
            box.setFocus()
            box.clear()
            await until(lambda: not isinstance(model.view, SearchView) and loaded(0))
            type_text(box, term)
            typed = time.perf_counter()

            def answered(term: str = term) -> bool:
                view = model.view
                return (
                    isinstance(view, SearchView)
                    and view.request.search_term == term
                    and model.total is not None
                    and (model.total == 0 or loaded(0))
                )

            search_ms.append((await until(answered) - typed) * 1000)
            body = {"search_term": term}
            by_hand_ms.append(
                await round_trips_ms(
                    lambda _n, body=body: raw.post("/contacts/search", json=body, params={"limit": 100}), 3
                )
            )
        box.clear()
        await until(lambda: not isinstance(model.view, SearchView) and loaded(0))
        search = statistics.median(search_ms)
        baseline = statistics.median(by_hand_ms) + DEBOUNCE_MS
        figures += [
            Figure(
                NAME,
                "quick search: last key → answer shown",
                search,
                "ms",
                baseline,
                f"by hand + {DEBOUNCE_MS} ms debounce",
                f"< {GOAL_SEARCH_MS:.0f} ms",
                search < GOAL_SEARCH_MS,
            ),
            Figure(
                NAME,
                "quick search: debounce",
                DEBOUNCE_MS,
                "ms",
                None,
                "",
                f"<= {GOAL_DEBOUNCE_MS:.0f} ms",
                DEBOUNCE_MS <= GOAL_DEBOUNCE_MS,
            ),
        ]

        # Saving an edit: Ctrl+S to the row showing the new value.
        from app.ui.columns import DEFAULT_COLUMNS

        last_name_column = next(i for i, c in enumerate(DEFAULT_COLUMNS) if c.key == "last_name")
        table.scrollToTop()
        window.activateWindow()  # shortcuts reach the active window only
        await until(lambda: QApplication.activeWindow() is window)
        save_ms, patch_ms = [], []
        pane = window.detail
        for n in range(args.edits):
            row = 2 + n
            await until(lambda row=row: loaded(row))
            rect = table.visualRect(model.index(row, 0))
            QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            contact = model.contact_at(row)
            await until(
                lambda contact=contact: pane.contact is not None and pane.contact.uuid == contact.uuid
            )
            edit = pane.form.edits["last_name"]
            new_name = f"Benchmark {n} {time.monotonic_ns() % 10_000}"
            edit.setFocus()
            edit.selectAll()
            QTest.keyClick(edit, Qt.Key.Key_Delete)
            type_text(edit, new_name)
            pressed = time.perf_counter()
            QTest.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            shown = await until(
                lambda row=row, new_name=new_name: model.data(model.index(row, last_name_column)) == new_name
            )
            save_ms.append((shown - pressed) * 1000)
            await until(lambda: not pane.is_saving)
            path = f"/contacts/{contact.uuid}"

            async def by_hand(_n: int, path: str = path) -> None:
                (await raw.get(path)).raise_for_status()
                (await raw.patch(path, json={"last_name": "Benchmark by hand"})).raise_for_status()

            patch_ms.append(await round_trips_ms(by_hand, 3))
        save = statistics.median(save_ms)
        figures.append(
            Figure(
                NAME,
                "save of an edit → row updated",
                save,
                "ms",
                statistics.median(patch_ms),
                "GET + PATCH by hand",
                f"< {GOAL_SAVE_MS:.0f} ms",
                save < GOAL_SAVE_MS,
            )
        )
    finally:
        await raw.aclose()
        window.close()
        await session.shutdown()
    return figures


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=len(SEARCH_TERMS), help="terms typed (at most 8)")
    parser.add_argument("--edits", type=int, default=5, help="edits saved")
    args = parser.parse_args(argv)

    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["cuedesk-bench"])
    with served_workspace(args.contacts) as served:
        print(f"Server: {served.contacts:,} contacts at {served.base_url}", flush=True)
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
            figures = runner.run(measure(served, args))
    publish(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
