"""Kill the server (SIGKILL) in the middle of bulk imports, restart it on the same database, and check
that every import completes with each row created exactly once.

The imports use no ``match_on_field``, so every row creates a contact: a batch run twice would leave
two contacts with one email, and a lost batch would leave too few.

Suite: ``tests/server/test_concurrency_crash.py`` (one kill).
Release: ``uv run python -m tests.stress.crash --kills 10``.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.schema import BulkCreateRequest, ContactListCreate
from app.server.auth import principal_for_token
from app.server.db import Database
from app.server.services import contact_lists
from app.server.services import imports as import_service
from tests.stress.server import ServerProcess, new_database

ROWS = 1000
POLL_SECONDS = 0.005


@dataclass(frozen=True)
class CrashReport:
    imports: int
    rows: int
    kills: int
    killed_at: list[int]  # rows committed (over all imports) when each kill happened
    contacts: int
    duplicates: int
    list_count: int
    statuses: list[str]
    server_errors: list[str]

    @property
    def passed(self) -> bool:
        return (
            self.contacts == self.rows
            and self.duplicates == 0
            and self.list_count == self.rows
            and set(self.statuses) == {"completed"}
            and len(self.killed_at) == self.kills
            and all(0 < n < self.rows for n in self.killed_at)
            and not self.server_errors
        )

    def summary(self) -> str:
        return (
            f"{self.imports} imports of {ROWS} rows, server killed {len(self.killed_at)} times mid-import"
            f" (after {', '.join(map(str, self.killed_at))} rows); afterwards {self.contacts} contacts for"
            f" {self.rows} rows, {self.duplicates} duplicates, list count {self.list_count},"
            f" statuses {sorted(Counter(self.statuses).items())}"
        )


def _client(server: ServerProcess, token: str) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def _committed(db: Path) -> int:
    """Rows committed by every import, read from the database file (the server may not answer yet)."""
    with contextlib.closing(sqlite3.connect(db, timeout=30)) as conn:
        return conn.execute("SELECT coalesce(sum(created), 0) FROM contact_imports").fetchone()[0]


def kill_mid_import(workdir: Path, *, imports: int = 3, kills: int = 1) -> CrashReport:
    """Queue ``imports`` imports, SIGKILL the server ``kills`` times while rows are being committed
    (restarting it each time on the same database), then let them finish and count the contacts."""
    db = workdir / "crash.db"
    token = new_database(db)
    target, queued = _queue_imports(db, token, imports)
    server = ServerProcess(db)
    killed_at: list[int] = []
    total = imports * ROWS
    try:
        for _ in range(kills):
            server.start(wait=False)  # it resumes the queued imports as soon as it runs
            # kill as soon as one more batch is committed: the next one is then under way
            mark = killed_at[-1] if killed_at else 0
            while mark >= (done := _committed(db)) < total:
                server.check_alive()
                time.sleep(POLL_SECONDS)
            server.kill()
            if done >= total:
                break
            killed_at.append(done)
        server.start()
        with _client(server, token) as http:
            statuses = []
            for uuid in queued:
                while (status := http.get(f"/contacts/bulk/{uuid}").json())["status"] in (
                    "pending",
                    "processing",
                ):
                    time.sleep(0.05)
                statuses.append(status["status"])
            emails = Counter(c["email"] for c in _all_contacts(http))
            list_count = http.get(f"/contact-lists/{target}").json()["count"]
    finally:
        server.stop()
    return CrashReport(
        imports=imports,
        rows=total,
        kills=kills,
        killed_at=killed_at,
        contacts=sum(emails.values()),
        duplicates=sum(n - 1 for n in emails.values() if n > 1),
        list_count=list_count,
        statuses=statuses,
        server_errors=server.errors_logged(),
    )


def _queue_imports(db: Path, token: str, imports: int) -> tuple[str, list[str]]:
    """A list and ``imports`` pending imports into it, queued before the server starts (through the
    same service as Bulk Create Contacts), so that the server is watched from its first batch on."""
    database = Database(db)
    try:
        with database.write() as session, session.begin():
            principal = principal_for_token(session, token)
            assert principal is not None
            target = contact_lists.create(session, principal, ContactListCreate(name="Imported"))["uuid"]
            queued = []
            for n in range(imports):
                rows = [{"email": f"row{n}-{i}@example.com", "first_name": f"Row {i}"} for i in range(ROWS)]
                body = BulkCreateRequest(contacts=rows, contact_list_uuid=target)
                queued.append(import_service.submit(session, principal, body))
        return target, queued
    finally:
        database.dispose()


def _all_contacts(http: httpx.Client) -> list[dict]:
    contacts: list[dict] = []
    while True:
        page = http.get("/contacts", params={"limit": 100, "offset": len(contacts)}).json()
        contacts += page["contacts"]
        if not page["contacts"]:
            return contacts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10, help="how many times to kill the server")
    parser.add_argument("--imports", type=int, default=None, help="imports of 1,000 rows (default: enough)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cuedesk-crash-") as workdir:
        report = kill_mid_import(Path(workdir), imports=args.imports or args.kills + 2, kills=args.kills)
    print(report.summary())
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
