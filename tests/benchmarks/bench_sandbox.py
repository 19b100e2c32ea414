"""The sandbox server's start: process start → ready → first page answered, beside a bare start.

Run: ``uv run python -m tests.benchmarks.bench_sandbox [--runs N]``

The server is started exactly as ``cuedesk-contacts --sandbox`` starts it (the app's own launcher:
``python -m app.main --sandbox-server sandbox …`` on a socket bound here and handed over), on a
sandbox already seeded but not running (startup (c) of ``bench_startup``, without the UI). From just
before ``Popen``, the parent times the ``ready`` report on the pipe, then asks for the page the app
asks for first (``GET /contacts?limit=100``) and times its answer; the server's CPU time (all its
threads) is read at that moment. Runs are interleaved with the baseline, medians:

- **baseline**: a bare ``python`` that reads the same page through ``sqlite3`` and builds the same
  kind of JSON (the least any server in Python needs);
- **bare python**: ``python -c pass``, the interpreter's own start.

No goal of its own: (c) wants the first rows painted within a second, and the UI needs most of that
second of CPU to paint its window, in parallel with this. The first start (which seeds the demo
workspace) is printed for information.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.figures import Figure, publish

ROOT = Path(__file__).resolve().parents[2]
NAME = "sandbox"
PAGE = 100
#: The sandbox's workspace.
WORKSPACE = "Sandbox"


@dataclass(frozen=True)
class Start:
    """One start of the sandbox server: seconds from ``Popen`` to each step, and its CPU seconds."""

    ready: float
    first_page: float
    cpu: float | None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="starts of each program (default 9)")
    return benchmark(parser.parse_args(argv).runs)


def benchmark(runs: int) -> int:
    from app.ui.sandbox import SandboxPaths

    # Children compile their modules once and reuse the bytecode, as an installed app does.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="cuedesk-bench-") as folder:
        paths = SandboxPaths(Path(folder) / "sandbox")
        print("First start on a new sandbox (creates and seeds the demo workspace)…", flush=True)
        first = start_server(paths)
        servers, raws, bares = [], [], []
        for run in range(runs):
            bares.append(timed([sys.executable, "-c", "pass"]))
            raws.append(
                timed([sys.executable, "-m", "tests.benchmarks.by_hand", str(paths.database), WORKSPACE])
            )
            servers.append(start_server(paths))
            s = servers[-1]
            print(
                f"  run {run + 1}: python -c pass {bares[-1][0]:.3f} s · sqlite3 page {raws[-1][0]:.3f} s"
                f" · server ready {s.ready:.3f} s, first page {s.first_page:.3f} s"
                f" (cpu {_seconds(s.cpu)}; bare cpu {_seconds(bares[-1][1])}, sqlite3 cpu {_seconds(raws[-1][1])})",
                flush=True,
            )
    bare_ms, bare_cpu_ms = _median_ms(b[0] for b in bares), _median_ms(b[1] for b in bares)
    raw_ms, raw_cpu_ms = _median_ms(r[0] for r in raws), _median_ms(r[1] for r in raws)
    ready_ms = _median_ms(s.ready for s in servers)
    page_ms = _median_ms(s.first_page for s in servers)
    cpu_ms = _median_ms(s.cpu for s in servers if s.cpu is not None) if servers[0].cpu is not None else None
    figures = [
        Figure(NAME, "python -c pass", bare_ms, "ms", None, "", "(information)"),
        Figure(NAME, "sandbox server: start → ready", ready_ms, "ms", raw_ms, "sqlite3 page by hand",
               "(information)"),
        Figure(NAME, "sandbox server: start → first page answered", page_ms, "ms", raw_ms,
               "sqlite3 page by hand", "(information: (c) needs it before the window paints)"),
    ]  # fmt: skip
    if cpu_ms is not None:
        figures.append(
            Figure(NAME, "sandbox server: CPU to first page", cpu_ms, "ms", raw_cpu_ms,
                   "sqlite3 page by hand", f"(information; python -c pass: {bare_cpu_ms:.0f} ms)")
        )  # fmt: skip
    figures.append(
        Figure(NAME, "sandbox server: first start (seeds)", first.first_page * 1000, "ms", raw_ms,
               "sqlite3 page by hand", "(information)")
    )  # fmt: skip
    publish(figures)
    return 0


def start_server(paths) -> Start:
    """Start the sandbox server as the app does, time it to its first page answered, then stop it."""
    from app.ui.sandbox import SandboxLauncher

    launcher = SandboxLauncher(paths)
    started = time.perf_counter()
    server = launcher._start_process()  # the very command and socket hand-over of the app
    process = server.process
    try:
        message = json.loads(server.handshake.wait() or "{}")
        ready = time.perf_counter() - started
        if message.get("event") != "ready":
            raise SystemExit(f"the sandbox server did not start: {message} (log: {paths.log})")
        connection = http.client.HTTPConnection("127.0.0.1", message["port"], timeout=120)
        connection.request(
            "GET", f"/v1/contacts?limit={PAGE}", headers={"Authorization": f"Bearer {message['token']}"}
        )
        response = connection.getresponse()
        body = response.read()
        first_page = time.perf_counter() - started
        cpu = cpu_seconds(process.pid)
        connection.close()
        if response.status != 200 or len(json.loads(body)["contacts"]) != PAGE:
            raise SystemExit(f"the first page failed: {response.status} {body[:200]!r}")
    finally:
        assert process.stdin is not None
        process.stdin.close()  # the server's lifeline: it shuts down
        process.wait(timeout=30)
        process.stdout.close()
    return Start(ready, first_page, cpu)


def timed(command: list[str]) -> tuple[float, float]:
    """Seconds from ``Popen`` to the end of ``command``, and the CPU seconds it used."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode})")
    return elapsed, usage.ru_utime + usage.ru_stime


def cpu_seconds(pid: int) -> float | None:
    """The CPU time used so far by every thread of ``pid`` (Linux; ``None`` elsewhere)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        total_ns = 0
        for task in tasks:
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                total_ns += int(stat.read().split()[0])
    except OSError:
        return None
    return total_ns / 1e9


def _median_ms(values) -> float:
    return statistics.median(values) * 1000


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f} s"


if __name__ == "__main__":
    sys.exit(main())
