"""Benchmark: 100 pages of 100 contacts through ``CueDeskClient`` vs raw httpx, same connection settings.

Run: ``uv run python -m tests.benchmarks.bench_client [--runs N]``

The real server runs as its own process (uvicorn on a loopback socket, demo data), so this process
measures only what the client costs: the HTTP core, retries bookkeeping, validation of every
contact into typed models. The baseline is an ``httpx.AsyncClient`` with the client's limits,
timeout and headers that decodes each page with ``response.json()``. Goal: ratio ≤ 1.15.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from app.api import CueDeskClient
from app.api._http import DEFAULT_TIMEOUT
from tests.benchmarks.figures import Figure, publish

PAGES = 100
PAGE_SIZE = 100
CONTACTS = 10_500  # the demo data archives a few; at least 100 full pages stay listed
CONCURRENCY = 8  # the client's default max_concurrency
QUERY = {"order_field": "created_at", "order": "desc"}  # what the client sends by default


def server_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "app.server", *args]


def prepare(db: Path) -> str:
    subprocess.run(server_command("seed-demo", "--db", str(db), "--contacts", str(CONTACTS)), check=True)
    out = subprocess.run(
        server_command("create-token", "--db", str(db)), check=True, capture_output=True, text=True
    ).stdout
    return out.split()[-1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    process = subprocess.Popen(
        server_command("serve", "--db", str(db), "--fd", str(sock.fileno())), pass_fds=[sock.fileno()]
    )
    sock.close()
    base_url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base_url}/contacts", timeout=1)
            return process, base_url
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the server did not start")


async def through_client(client: CueDeskClient) -> int:
    count = 0
    async for page in client.contacts.list().pages(PAGE_SIZE):
        count += len(page.items)
        if count >= PAGES * PAGE_SIZE:
            break
    return count


async def through_httpx(raw: httpx.AsyncClient) -> int:
    count = 0
    for offset in range(0, PAGES * PAGE_SIZE, PAGE_SIZE):
        response = await raw.get("contacts", params={"limit": PAGE_SIZE, "offset": offset, **QUERY})
        response.raise_for_status()
        count += len(response.json()["contacts"])
    return count


async def measure(base_url: str, token: str, runs: int) -> tuple[list[float], list[float]]:
    limits = httpx.Limits(max_connections=CONCURRENCY + 2, max_keepalive_connections=CONCURRENCY)
    raw = httpx.AsyncClient(
        base_url=base_url + "/",
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json", "User-Agent": "bench"},
        timeout=DEFAULT_TIMEOUT,
        limits=limits,
        trust_env=False,
    )
    client = CueDeskClient(base_url, token=token)
    timings: dict[str, list[float]] = {"client": [], "httpx": []}
    jobs = {"client": lambda: through_client(client), "httpx": lambda: through_httpx(raw)}
    async with raw, client:
        for name in jobs:  # warm up connections, caches and the server
            await jobs[name]()
        for run in range(runs):
            order = ("client", "httpx") if run % 2 == 0 else ("httpx", "client")
            for name in order:
                started = time.perf_counter()
                count = await jobs[name]()
                timings[name].append(time.perf_counter() - started)
                assert count == PAGES * PAGE_SIZE, f"{name} fetched {count} contacts"
    return timings["client"], timings["httpx"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        token = prepare(db)
        process, base_url = start_server(db)
        try:
            client_times, httpx_times = asyncio.run(measure(base_url, token, args.runs))
        finally:
            process.terminate()
            process.wait(10)
    client_median, httpx_median = statistics.median(client_times), statistics.median(httpx_times)
    ratio = client_median / httpx_median
    print(f"{PAGES} pages of {PAGE_SIZE} contacts, median of {args.runs} runs:")
    print(f"  CueDeskClient : {client_median * 1000:8.1f} ms")
    print(f"  raw httpx     : {httpx_median * 1000:8.1f} ms")
    print(f"  ratio         : {ratio:8.3f}x  (goal <= 1.15x: {'met' if ratio <= 1.15 else 'NOT met'})")
    publish(
        [
            Figure("client", f"{PAGES} pages of {PAGE_SIZE} contacts", client_median * 1000, "ms",
                   httpx_median * 1000, "raw httpx", "<= 1.15x", ratio <= 1.15)
        ]
    )  # fmt: skip


if __name__ == "__main__":
    main()
