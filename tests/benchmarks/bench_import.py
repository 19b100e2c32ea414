"""Benchmark: a 100,000-row CSV through the wizard's import pipeline vs the server's own import
pipeline fed the same rows directly.

Run: ``uv run python -m tests.benchmarks.bench_import [--rows N] [--runs N]``

Every measurement starts from an empty workspace with the same two custom fields:

- **wizard pipeline**: a sandbox server process (uvicorn on a loopback socket) and what the wizard
  does, from the file on disk to the last batch finished: detect encoding and delimiter, preview,
  load the custom fields, auto-map, check every row (in a worker thread), journal, then
  ``ImportRun``: batches of 1,000 through Bulk Create, each journalled, each import followed with
  ``BulkImporter`` until it has finished.
- **server pipeline, fed directly** (the baseline of the goal): the same kind of sandbox server
  process, fed the same checked rows, already in memory, by a minimal raw-httpx client: 1,000-row
  Bulk Create requests, the next one posted as soon as the previous one is accepted and the one
  before it has finished (one import always queued), polled every 20 ms. No CSV, no check, no
  journal, no typed client.
- **server pipeline in-process** (for reference): ``app.server.services.imports`` on a database in
  this process, every import submitted, then the import runner run until none is left: the
  pipeline's rate with no HTTP at all.

Prints contacts per second of each and the ratio wizard / server fed directly (goal ≥ 0.7).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from app.api import CueDeskClient
from app.importing import (
    ImportOptions,
    ImportRun,
    JournalStore,
    auto_map,
    detect_format,
    file_identity,
    prepare,
    read_preview,
)
from app.schema import BULK_MAX_CONTACTS, BulkCreateRequest, CustomFieldCreate
from app.server import models as m
from app.server.auth import create_token, principal_for_token
from app.server.db import Database
from app.server.services import custom_fields, imports
from tests.benchmarks.bench_client import server_command, start_server
from tests.benchmarks.figures import Figure, publish

GOAL = 0.7
FIELDS = (
    {"name": "Seats", "field_type": "number:integer", "field_key": "seats"},
    {"name": "Plan", "field_type": "select", "field_key": "plan", "select_options": ["Free", "Pro"]},
)


def write_rows(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["First Name", "Last Name", "E-mail", "Mobile", "Record ID", "Seats", "Plan"])
        for i in range(rows):
            writer.writerow(
                [
                    f"Zoë{i}",
                    f"Müller{i}",
                    f"person{i}@example.com",
                    f"+4930{i:07d}",
                    f"crm-{i}",
                    i % 500,
                    ("Free", "Pro")[i % 2],
                ]
            )


def new_workspace(folder: Path, name: str) -> tuple[subprocess.Popen, str, str]:
    db = folder / f"{name}.db"
    out = subprocess.run(
        server_command("create-token", "--db", str(db)), check=True, capture_output=True, text=True
    ).stdout
    process, base_url = start_server(db)
    token = out.split()[-1]
    with httpx.Client(base_url=base_url + "/", headers={"Authorization": f"Bearer {token}"}) as http:
        for body in FIELDS:
            http.post("custom-fields", json=body).raise_for_status()
    return process, base_url, token


async def through_wizard_pipeline(
    source: Path, base_url: str, token: str, journals: Path
) -> tuple[int, list[dict]]:
    """Contacts created through the wizard's pipeline, and the rows its check produced."""
    async with CueDeskClient(base_url, token=token) as client:
        fmt = await asyncio.to_thread(detect_format, source)
        preview = await asyncio.to_thread(read_preview, source, fmt)
        fields = await client.custom_fields.list().all()
        targets = auto_map(preview.headers, fields)
        options = ImportOptions()
        identity = await asyncio.to_thread(file_identity, source)
        prepared = await asyncio.to_thread(prepare, source, fmt, targets, fields, options)
        journal = JournalStore(journals).create(
            identity=identity,
            fmt=fmt,
            headers=prepared.headers,
            targets=targets,
            options=options,
            fields=fields,
            prepared=prepared,
            batch_size=BULK_MAX_CONTACTS,
        )

        async def current_client() -> CueDeskClient:
            return client

        journal = await ImportRun(journal, prepared, current_client).run()
        return sum(b.created for b in journal.batches), prepared.contacts


async def through_server_api(contacts: list[dict], base_url: str, token: str) -> int:
    """Contacts created by the sandbox's import pipeline fed ``contacts`` over its API (see the module)."""
    async with httpx.AsyncClient(
        base_url=base_url + "/", headers={"Authorization": f"Bearer {token}"}, timeout=120, trust_env=False
    ) as http:

        async def finished(uuid: str) -> int:
            while True:
                status = (await http.get(f"contacts/bulk/{uuid}")).json()
                if status["status"] in ("completed", "failed"):
                    return status["summary"]["created"]
                await asyncio.sleep(0.02)

        created, waiting = 0, None
        for first in range(0, len(contacts), BULK_MAX_CONTACTS):
            response = await http.post(
                "contacts/bulk", json={"contacts": contacts[first : first + BULK_MAX_CONTACTS]}
            )
            response.raise_for_status()
            if waiting is not None:
                created += await finished(waiting)
            waiting = response.json()["contact_import_uuid"]
        return created + (await finished(waiting) if waiting else 0)


def through_server_in_process(contacts: list[dict], folder: Path, name: str) -> tuple[float, int]:
    """Seconds and contacts created by the server's import pipeline in this process (no HTTP)."""
    database = Database(folder / f"{name}.db")
    database.migrate()
    with database.write() as session, session.begin():
        principal = principal_for_token(session, create_token(session))
        assert principal is not None
        for body in FIELDS:
            custom_fields.create(session, principal, CustomFieldCreate(**body))
    started = time.perf_counter()
    with database.write() as session, session.begin():
        for first in range(0, len(contacts), BULK_MAX_CONTACTS):
            batch = BulkCreateRequest(contacts=contacts[first : first + BULK_MAX_CONTACTS])
            imports.submit(session, principal, batch)
    runner = imports.ImportRunner(database)
    while runner.run_batch():
        pass
    seconds = time.perf_counter() - started
    with database.read() as session:
        created = session.scalar(select(func.sum(m.ContactImport.created)))
    database.dispose()
    return seconds, int(created or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    rates: dict[str, list[float]] = {"wizard": [], "server": [], "in-process": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "contacts.csv"
        write_rows(source, args.rows)
        for run in range(args.runs):
            process, base_url, token = new_workspace(folder, f"wizard-{run}")
            try:
                started = time.perf_counter()
                journals = folder / f"journals-{run}"
                created, contacts = asyncio.run(through_wizard_pipeline(source, base_url, token, journals))
                record(rates, run, "wizard", time.perf_counter() - started, created, args.rows)
            finally:
                stop(process)
            process, base_url, token = new_workspace(folder, f"server-{run}")
            try:
                started = time.perf_counter()
                created = asyncio.run(through_server_api(contacts, base_url, token))
                record(rates, run, "server", time.perf_counter() - started, created, args.rows)
            finally:
                stop(process)
            seconds, created = through_server_in_process(contacts, folder, f"in-process-{run}")
            record(rates, run, "in-process", seconds, created, args.rows)
    wizard, server, in_process = (
        statistics.median(rates[side]) for side in ("wizard", "server", "in-process")
    )
    ratio = wizard / server
    print(f"{args.rows:,} rows, median of {args.runs} run(s), contacts per second:")
    print(f"  wizard pipeline (file → check → journalled batches, sandbox) : {wizard:8.0f}")
    print(f"  server pipeline fed the same rows directly (sandbox, raw API) : {server:8.0f}")
    print(f"  server pipeline in-process, no HTTP (reference)               : {in_process:8.0f}")
    print(
        f"  ratio wizard / server fed directly: {ratio:.2f}x  (goal >= {GOAL}x: {'met' if ratio >= GOAL else 'NOT met'})"
    )
    print(f"  ratio wizard / in-process pipeline: {wizard / in_process:.2f}x")
    publish(
        [
            Figure("import", f"CSV wizard pipeline, {args.rows:,} rows (contacts/s)", wizard, "/s", server,
                   "raw API fed the same rows", f"rate >= {GOAL}x", ratio >= GOAL)
        ]
    )  # fmt: skip


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(10)


def record(
    rates: dict[str, list[float]], run: int, side: str, seconds: float, created: int, rows: int
) -> None:
    assert created == rows, f"{side} imported {created} of {rows} rows"
    rates[side].append(created / seconds)
    print(f"  run {run + 1}, {side:10}: {seconds:6.1f} s, {created / seconds:8.0f} contacts/s")


if __name__ == "__main__":
    main()
