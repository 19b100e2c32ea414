"""Server speed: the API over a real loopback socket next to hand-written ``sqlite3`` on the same file.

Run: ``uv run python -m tests.benchmarks.bench_server [--contacts N] [--runs N] [--postgres | --db URL]``

Seeds 100,000 contacts with five custom fields, starts ``cuedesk-server serve`` (uvicorn) as a child
process on a loopback socket, and prints the median latency of a List Contacts page at offset 0 and
at offset 90,000 and of a search (text ``contains`` + numeric custom-field ``gte`` + custom-field
sort), each beside the same work done by hand (page query + total count + the same JSON built with
the ``json`` module) and the ratio; then the bulk import rate over 100 batches of 1,000 contacts
beside a plain ``executemany`` of the same rows. Goals: every API figure within 2x of its baseline,
the search under 100 ms.

With ``--postgres`` (a throwaway cluster, as the tests start one) or ``--db URL`` (an empty
PostgreSQL database), the same runs on PostgreSQL, the baselines by hand through psycopg.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from app.server import models as m
from app.server.auth import create_token
from app.server.db import Database, database_url
from app.server.services.contacts import derived_columns
from tests.benchmarks.by_hand import COLUMNS, page_json
from tests.benchmarks.figures import Figure, publish

CUSTOM_FIELDS = (
    ("Seats", "num_seats", "number:integer"),
    ("Lifetime value", "lifetime_value", "number:decimal"),
    ("Company", "company", "text"),
    ("Date of birth", "date_of_birth", "date"),
    ("Verified", "is_verified", "checkbox"),
)
FIRST = (
    "Amélie",
    "Bruce",
    "Clark",
    "Diana",
    "Élodie",
    "Zoë",
    "Jürgen",
    "Ana",
    "Kenji",
    "Priya",
    "Søren",
    "Wei",
)
LAST = ("Wayne", "Kent", "Prince", "Müller", "García", "Dubois", "Novák", "Tanaka", "Okafor", "Singh")
DOMAINS = ("example.com", "acme.io", "globex.net")
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli")
SEARCH = {
    "advanced_search": [
        {"field": "email", "operator": "contains", "value": "@example.com"},
        {"field": "num_seats", "operator": "gte", "value": "100", "data_type": "long"},
    ],
    "sort_by": {"field": "lifetime_value", "sort_order": "desc", "data_type": "double"},
}
GOAL_RATIO = 2.0
GOAL_SEARCH_MS = 100.0


def contact_values(rng: random.Random, n: int) -> dict[str, Any]:
    """One contact as a bulk row / create body: text members and five custom values."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return {
        "first_name": first,
        "last_name": last,
        "email": f"user{n}@{rng.choice(DOMAINS)}",
        "phone_number": f"+{rng.randint(10**9, 10**10)}",
        "external_contact_id": f"crm-{n}",
        "custom_fields": {
            "num_seats": rng.choice((1, 2, 5, 10, 25, 50, 100, 250, 450, 1000)),
            "lifetime_value": round(rng.uniform(0, 50_000), 2),
            "company": rng.choice(COMPANIES),
            "date_of_birth": f"{rng.randint(1950, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "is_verified": rng.random() < 0.7,
        },
    }


def stored_row(values: dict[str, Any], workspace_id: int, created: datetime) -> dict[str, Any]:
    """The contacts row the server stores for ``values`` (what a plain insert writes)."""
    text = {k: v for k, v in values.items() if k != "custom_fields"}
    return {
        "uuid": m.new_uuid(),
        "workspace_id": workspace_id,
        **{f: text.get(f) for f in ("whatsapp_id", "fb_messenger_id", "client_reference")},
        **text,
        "archived": False,
        "created_at": created,
        "updated_at": created,
        "last_engaged_at": None,
        "custom_fields": values["custom_fields"],
        **derived_columns(text),
    }


def seed(db: str | Path, contacts: int) -> tuple[str, int]:
    """A migrated database with ``contacts`` contacts and five custom fields; (token, workspace id)."""
    database = Database(db)
    database.migrate()
    rng = random.Random(7)
    now = datetime.now(UTC)
    with database.write() as session, session.begin():
        token = create_token(session, "Bench")
        workspace_id = session.query(m.Workspace.id).filter_by(name="Bench").scalar()
        for name, key, kind in CUSTOM_FIELDS:
            session.add(
                m.CustomFieldDefinition(
                    workspace_id=workspace_id,
                    name=name,
                    field_key=key,
                    field_type=kind,
                    created_at=now,
                    updated_at=now,
                )
            )
        rows = [
            stored_row(contact_values(rng, n), workspace_id, now - timedelta(minutes=contacts - n))
            for n in range(contacts)
        ]
        for start in range(0, len(rows), 10_000):
            session.execute(m.Contact.__table__.insert(), rows[start : start + 10_000])
    if database.dialect == "postgresql":
        # A database in use has been vacuumed: the visibility map lets counts read the index alone.
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    database.dispose()
    return token, workspace_id


class Server:
    """``cuedesk-server serve`` in a child process, on a loopback socket bound here (no port race)."""

    def __init__(self, db: str | Path) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.server", "serve", "--db", str(db), "--fd", str(self.sock.fileno())],
            pass_fds=[self.sock.fileno()],
        )

    def wait_ready(self, client: httpx.Client) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                client.get("/openapi.json")
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)
        self.sock.close()


def median_ms(work: Callable[[], Any], runs: int) -> float:
    for _ in range(3):
        work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


# --- the baselines: the same work by hand ------------------------------------------------------------


class SqliteBaseline:
    """The API's work by hand through ``sqlite3`` on the same file."""

    #: The SQL that differs between the engines: placeholders, booleans, one custom value as a number.
    param, false = "?", "0"

    @staticmethod
    def number(key: str) -> str:
        return f"json_extract(custom_fields, '$.{key}')"

    def __init__(self, path: Path, workspace_id: int) -> None:
        self.conn = sqlite3.connect(path)
        self.workspace_id = workspace_id
        self.workspace_uuid = self.one(f"SELECT uuid FROM workspaces WHERE id = {self.param}", workspace_id)

    def one(self, sql: str, *params: Any) -> Any:
        return self.conn.execute(sql, params).fetchone()[0]

    def all(self, sql: str, *params: Any) -> list[tuple]:
        return self.conn.execute(sql, params).fetchall()

    def list_page(self, offset: int) -> str:
        where = f"workspace_id = {self.param} AND archived = {self.false}"
        total = self.one(f"SELECT count(*) FROM contacts WHERE {where}", self.workspace_id)
        rows = self.all(
            f"SELECT {COLUMNS} FROM contacts WHERE {where} ORDER BY created_at DESC, uuid DESC"
            f" LIMIT 50 OFFSET {self.param}",
            self.workspace_id,
            offset,
        )
        return page_json(rows, total, 50, offset, self.workspace_uuid)

    def search(self) -> str:
        where = (
            f"workspace_id = {self.param} AND archived = {self.false} AND email LIKE {self.param}"
            f" AND {self.number('num_seats')} >= 100"
        )
        key = self.number("lifetime_value")
        total = self.one(f"SELECT count(*) FROM contacts WHERE {where}", self.workspace_id, "%@example.com%")
        rows = self.all(
            f"SELECT {COLUMNS} FROM contacts WHERE {where} ORDER BY {key} IS NULL, {key} DESC, uuid DESC LIMIT 10",
            self.workspace_id,
            "%@example.com%",
        )
        return page_json(rows, total, 10, 0, self.workspace_uuid)

    def insert_many(self, names: list[str], rows: list[tuple]) -> None:
        with self.conn:
            self.conn.executemany(
                f"INSERT INTO contacts ({', '.join(names)}) VALUES ({', '.join([self.param] * len(names))})",
                rows,
            )

    def close(self) -> None:
        self.conn.close()


class PostgresBaseline(SqliteBaseline):
    """The same by hand through psycopg (custom values parsed from JSONB by the driver, as the API's are)."""

    param, false = "%s", "false"

    @staticmethod
    def number(key: str) -> str:
        return f"(custom_fields ->> '{key}')::numeric"

    def __init__(self, url: str, workspace_id: int) -> None:
        import psycopg

        plain = database_url(url).set(drivername="postgresql")
        self.conn = psycopg.connect(plain.render_as_string(hide_password=False), autocommit=True)
        self.workspace_id = workspace_id
        self.workspace_uuid = self.one(f"SELECT uuid FROM workspaces WHERE id = {self.param}", workspace_id)

    def insert_many(self, names: list[str], rows: list[tuple]) -> None:
        with self.conn.transaction(), self.conn.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO contacts ({', '.join(names)}) VALUES ({', '.join([self.param] * len(names))})",
                rows,
            )


# --- bulk import ---------------------------------------------------------------------------------


def bulk_batches(count: int, size: int) -> list[list[dict[str, Any]]]:
    rng = random.Random(11)
    return [[contact_values(rng, 10_000_000 + b * size + i) for i in range(size)] for b in range(count)]


def api_import_rate(client: httpx.Client, batches: list[list[dict[str, Any]]]) -> float:
    started = time.perf_counter()
    uuids = []
    for batch in batches:
        response = client.post("/contacts/bulk", json={"contacts": batch})
        response.raise_for_status()
        uuids.append(response.json()["contact_import_uuid"])
    for import_uuid in uuids:
        while (status := client.get(f"/contacts/bulk/{import_uuid}").json())["status"] not in (
            "completed",
            "failed",
        ):
            time.sleep(0.01)
        assert status["summary"]["created"] == len(batches[0]), status
    return sum(map(len, batches)) / (time.perf_counter() - started)


def executemany_rate(
    baseline: SqliteBaseline, workspace_id: int, batches: list[list[dict[str, Any]]]
) -> float:
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    rows = [stored_row(values, workspace_id, datetime.now(UTC)) for batch in batches for values in batch]
    names = list(rows[0])
    tuples = [
        tuple(
            json.dumps(r[n]) if n == "custom_fields" else now if n in ("created_at", "updated_at") else r[n]
            for n in names
        )
        for r in rows
    ]
    started = time.perf_counter()
    baseline.insert_many(names, tuples)
    return len(tuples) / (time.perf_counter() - started)


# --- report --------------------------------------------------------------------------------------


def machine_speed() -> str:
    """Two figures that place this machine: a pure-Python loop and a plain SQLite scan of 1M rows."""
    started = time.perf_counter()
    total = 0
    for n in range(3_000_000):
        total += n
    python_s = time.perf_counter() - started
    conn = sqlite3.connect(":memory:")
    started = time.perf_counter()
    conn.execute(
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 1000000) SELECT sum(n) FROM r"
    )
    sqlite_s = time.perf_counter() - started
    conn.close()
    return f"machine: 3M-step Python loop {python_s * 1000:.0f} ms; 1M-row SQLite recursive count {sqlite_s * 1000:.0f} ms"


def report(rows: list[tuple[str, float, float]], search_ms: float, bulk: tuple[float, float]) -> list[str]:
    lines = [
        f"{'measure':<34}{'API':>12}{'baseline':>12}{'ratio':>8}  goal",
        f"{'-' * 34}{'-' * 12}{'-' * 12}{'-' * 8}  ----",
    ]
    missed = []
    for name, api, base in rows:
        ratio = api / base
        ok = ratio <= GOAL_RATIO
        lines.append(f"{name:<34}{api:>9.1f} ms{base:>9.1f} ms{ratio:>7.2f}x  {'ok' if ok else 'MISSED'}")
        if not ok:
            missed.append(f"{name}: {ratio:.2f}x its baseline (goal: at most {GOAL_RATIO}x)")
    if search_ms >= GOAL_SEARCH_MS:
        missed.append(f"search: {search_ms:.1f} ms median (goal: under {GOAL_SEARCH_MS:.0f} ms)")
    api_rate, plain_rate = bulk
    ratio = plain_rate / api_rate
    lines.append(
        f"{'bulk import (contacts/s)':<34}{api_rate:>12,.0f}{plain_rate:>12,.0f}{ratio:>7.2f}x  "
        f"{'ok' if ratio <= GOAL_RATIO else 'MISSED'}"
    )
    if ratio > GOAL_RATIO:
        missed.append(
            f"bulk import: the plain executemany is {ratio:.1f}x faster (goal: at most {GOAL_RATIO}x)"
        )
    lines.append("")
    lines += [f"GOAL MISSED: {m}" for m in missed] or ["Every goal is met."]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30, help="timed runs per measure")
    parser.add_argument("--batches", type=int, default=100, help="bulk batches of 1,000 contacts")
    engine = parser.add_mutually_exclusive_group()
    engine.add_argument("--db", help="an empty PostgreSQL database's URL (default: a new SQLite file)")
    engine.add_argument("--postgres", action="store_true", help="on a throwaway PostgreSQL cluster")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-server-") as scratch:
        if args.postgres:
            from tests.pg_cluster import PostgresCluster, find_binaries

            binaries = find_binaries()
            if binaries is None:
                parser.error("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
            cluster = PostgresCluster(binaries)
            cluster.start()
            try:
                return run(cluster.new_database("bench"), args)
            finally:
                cluster.stop()
        return run(args.db or Path(scratch) / "bench.db", args)


def run(db: str | Path, args: argparse.Namespace) -> int:
    on_postgres = isinstance(db, str)
    print(f"Engine: {'PostgreSQL' if on_postgres else 'SQLite'}")
    started = time.perf_counter()
    token, workspace_id = seed(db, args.contacts)
    print(
        f"Seeded {args.contacts:,} contacts with {len(CUSTOM_FIELDS)} custom fields in {time.perf_counter() - started:.1f} s"
    )
    baseline = PostgresBaseline(db, workspace_id) if on_postgres else SqliteBaseline(db, workspace_id)
    server = Server(db)
    headers = {"Authorization": f"Bearer {token}"}
    deep = max(args.contacts - 10_000, 0)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=120) as probe:
            server.wait_ready(probe)
        with httpx.Client(
            base_url=f"http://127.0.0.1:{server.port}/v1", headers=headers, timeout=120
        ) as client:
            found = client.post("/contacts/search", json=SEARCH).json()
            assert (
                found["pagination"]["total"] > 0
                and json.loads(baseline.search())["pagination"]["total"] == found["pagination"]["total"]
            ), "the API and the baseline must find the same contacts"
            measures = [
                (
                    "list page, offset 0",
                    median_ms(lambda: client.get("/contacts").raise_for_status(), args.runs),
                    median_ms(lambda: baseline.list_page(0), args.runs),
                ),
                (
                    f"list page, offset {deep:,}",
                    median_ms(
                        lambda: client.get("/contacts", params={"offset": deep}).raise_for_status(),
                        args.runs,
                    ),
                    median_ms(lambda: baseline.list_page(deep), args.runs),
                ),
                (
                    "search (contains + gte + sort)",
                    median_ms(
                        lambda: client.post("/contacts/search", json=SEARCH).raise_for_status(), args.runs
                    ),
                    median_ms(baseline.search, args.runs),
                ),
            ]
            batches = bulk_batches(args.batches, 1000)
            api_rate = api_import_rate(client, batches)
    finally:
        server.stop()
    plain_rate = executemany_rate(baseline, workspace_id, batches)
    baseline.close()
    print()
    print(machine_speed())
    print("\n".join(report(measures, measures[2][1], (api_rate, plain_rate))))
    engine = "PostgreSQL" if on_postgres else "SQLite"
    figures = [
        Figure(
            "server",
            name,
            api,
            "ms",
            base,
            f"by hand ({engine})",
            f"<= {GOAL_RATIO}x",
            api <= GOAL_RATIO * base,
        )
        for name, api, base in measures
    ]
    search_ms = measures[2][1]
    figures.append(
        Figure("server", "search, absolute", search_ms, "ms", None, "", f"< {GOAL_SEARCH_MS:.0f} ms",
               search_ms < GOAL_SEARCH_MS)
    )  # fmt: skip
    figures.append(
        Figure("server", "bulk import (contacts/s)", api_rate, "/s", plain_rate, "executemany",
               f"rate >= 1/{GOAL_RATIO}x", plain_rate <= GOAL_RATIO * api_rate)
    )  # fmt: skip
    publish(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
