"""Benchmark: a 100,000-row CSV through the wizard's import pipeline vs the server's own import
pipeline fed the same rows directly.

Run: ``uv run python -m tests.benchmarks.bench_import [--rows N] [--runs N]``

- **wizard pipeline**: a fresh sandbox server process (uvicorn on a loopback socket, empty
  workspace with two custom fields) and what the wizard does, from the file on disk to the last
  batch finished: detect encoding and delimiter, preview, load the custom fields, auto-map, check
  every row (in a worker thread), journal, then ``ImportRun``: batches of 1,000 through Bulk Create,
  each journalled, each import followed with ``BulkImporter`` until it has finished.
- **server pipeline**: the server's own import pipeline (``app.server.services.imports``) on a
  fresh database with the same fields, fed the same checked rows directly: every 1,000-row import
  submitted, then the import runner run until none is left. No HTTP, no client, no CSV.

Prints contacts per second of both and their ratio (goal: wizard ≥ 0.7 × server).
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


def through_server_pipeline(contacts: list[dict], folder: Path, name: str) -> tuple[float, int]:
    """Seconds and contacts created by the server's import pipeline fed ``contacts`` directly."""
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
    wizard_rates, server_rates = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "contacts.csv"
        write_rows(source, args.rows)
        for run in range(args.runs):
            process, base_url, token = new_workspace(folder, f"wizard-{run}")
            try:
                started = time.perf_counter()
                created, contacts = asyncio.run(
                    through_wizard_pipeline(source, base_url, token, folder / f"journals-{run}")
                )
                seconds = time.perf_counter() - started
            finally:
                process.terminate()
                process.wait(10)
            report(run, "wizard", seconds, created, args.rows)
            wizard_rates.append(created / seconds)
            seconds, created = through_server_pipeline(
                contacts, folder, f"server-{run}"
            )  # the same checked rows
            report(run, "server", seconds, created, args.rows)
            server_rates.append(created / seconds)
    wizard, server = statistics.median(wizard_rates), statistics.median(server_rates)
    ratio = wizard / server
    print(f"{args.rows:,} rows, median of {args.runs} run(s):")
    print(f"  wizard pipeline (file → check → journalled batches): {wizard:8.0f} contacts/s")
    print(f"  server pipeline fed the same rows directly         : {server:8.0f} contacts/s")
    print(f"  ratio: {ratio:.2f}x  (goal >= {GOAL}x: {'met' if ratio >= GOAL else 'NOT met'})")


def report(run: int, side: str, seconds: float, created: int, rows: int) -> None:
    assert created == rows, f"{side} imported {created} of {rows} rows"
    print(f"  run {run + 1}, {side:6}: {seconds:6.1f} s, {created / seconds:8.0f} contacts/s")


if __name__ == "__main__":
    main()
