"""Concurrent clients against one real server while bulk imports run; then everything is checked.

Twenty clients (each its own HTTP connection) create contacts, update them, add them to and remove
them from shared lists and read them back, as fast as the server answers, while another client keeps
bulk imports (1,000 rows each, into a list of their own) running. Every answer must be the expected
success: no 5xx, no "database is locked". Afterwards every acknowledged write must be readable
(each contact with its last acknowledged name), every list must hold exactly the contacts whose
addition was acknowledged last (and its ``count`` must say so), every import must have completed with
each of its rows created once, and the server must have logged no error.

Suite: ``tests/server/test_concurrency.py`` (5 seconds).
Release: ``uv run python -m tests.stress.concurrency --seconds 60``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.stress.server import new_database, running_server

LISTS = 5
IMPORT_ROWS = 1000
MEMBERSHIP_BATCH = 5


@dataclass
class Ledger:
    """What the server acknowledged, and everything that went wrong."""

    names: dict[str, str] = field(default_factory=dict)  # contact uuid → last acknowledged first_name
    members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # list uuid → contacts
    imports: list[str] = field(default_factory=list)
    operations: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def record(self, kind: str, response: httpx.Response, expected: int, started: float) -> bool:
        self.latencies.append(time.perf_counter() - started)
        self.operations[kind] += 1
        if response.status_code == expected and "database is locked" not in response.text:
            return True
        self.problems.append(f"{kind}: {response.status_code} {response.text[:300]}")
        return False


@dataclass(frozen=True)
class ConcurrencyReport:
    seconds: float
    clients: int
    operations: dict[str, int]
    imported_rows: int
    contacts_checked: int
    memberships_checked: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    problems: list[str]

    def summary(self) -> str:
        total = sum(self.operations.values())
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.operations.items()))
        return (
            f"{self.clients} clients for {self.seconds:.0f} s: {total} acknowledged operations ({kinds});"
            f" {self.imported_rows} rows imported meanwhile; checked afterwards: {self.contacts_checked} contacts,"
            f" {self.memberships_checked} memberships; latency p50 {self.p50_ms:.0f} ms, p99 {self.p99_ms:.0f} ms,"
            f" max {self.max_ms:.0f} ms; {len(self.problems)} problems"
        )


async def _client(
    base_url: str, token: str, n: int, lists: list[str], deadline: float, ledger: Ledger
) -> None:
    """One client: creates, updates, lists and reads its own contacts until ``deadline``."""
    rng = random.Random(n)
    mine: list[str] = []
    async with httpx.AsyncClient(
        base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60
    ) as http:
        counter = 0
        while time.perf_counter() < deadline:
            counter += 1
            choice = rng.random() if mine else 0.0
            started = time.perf_counter()
            if choice < 0.3:
                body = {"email": f"c{n}-{counter}@example.com", "first_name": f"v{counter}"}
                response = await http.post("/contacts", json=body)
                if ledger.record("create", response, 201, started):
                    contact = response.json()["uuid"]
                    mine.append(contact)
                    ledger.names[contact] = body["first_name"]
            elif choice < 0.55:
                contact, name = rng.choice(mine), f"v{counter}"
                response = await http.patch(f"/contacts/{contact}", json={"firstName": name})
                if ledger.record("update", response, 200, started):
                    ledger.names[contact] = name
            elif choice < 0.75:
                target, chosen = rng.choice(lists), rng.sample(mine, min(len(mine), MEMBERSHIP_BATCH))
                response = await http.post(
                    f"/contact-lists/{target}/contacts", json={"contact_uuids": chosen}
                )
                if ledger.record("add to list", response, 201, started):
                    ledger.members[target].update(chosen)
            elif choice < 0.85:
                target, chosen = rng.choice(lists), rng.sample(mine, min(len(mine), MEMBERSHIP_BATCH))
                response = await http.request(
                    "DELETE", f"/contact-lists/{target}/contacts", json={"contact_uuids": chosen}
                )
                if ledger.record("remove from list", response, 204, started):
                    ledger.members[target].difference_update(chosen)
            else:
                contact = rng.choice(mine)
                response = await http.get(f"/contacts/{contact}")
                if (
                    ledger.record("read", response, 200, started)
                    and response.json()["first_name"] != ledger.names[contact]
                ):
                    ledger.problems.append(
                        f"read {contact}: stale first_name {response.json()['first_name']}"
                    )


async def _importer(base_url: str, token: str, target: str, deadline: float, ledger: Ledger) -> None:
    """Keeps an import running until ``deadline``: one after the other, each of 1,000 new rows."""
    async with httpx.AsyncClient(
        base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60
    ) as http:
        while time.perf_counter() < deadline:
            number = len(ledger.imports)
            rows = [
                {"email": f"import{number}-{i}@example.com", "first_name": "Imported"}
                for i in range(IMPORT_ROWS)
            ]
            started = time.perf_counter()
            response = await http.post("/contacts/bulk", json={"contacts": rows, "contact_list_uuid": target})
            if not ledger.record("bulk import", response, 202, started):
                return
            ledger.imports.append(response.json()["contact_import_uuid"])
            while time.perf_counter() < deadline:  # the next one when this one is done
                status = (await http.get(f"/contacts/bulk/{ledger.imports[-1]}")).json()["status"]
                if status in ("completed", "failed"):
                    break
                await asyncio.sleep(0.05)


async def _pages(http: httpx.AsyncClient, url: str, key: str) -> list[dict]:
    items: list[dict] = []
    while True:
        page = (await http.get(url, params={"limit": 100, "offset": len(items)})).json()
        items += page[key]
        if len(items) >= page["pagination"]["total"] or not page[key]:
            return items


async def _verify(
    http: httpx.AsyncClient, ledger: Ledger, lists: list[str], import_list: str
) -> tuple[int, int, int]:
    """Check every acknowledged write; returns (contacts, memberships, imported rows) checked."""
    for import_uuid in ledger.imports:
        while (status := (await http.get(f"/contacts/bulk/{import_uuid}")).json())["status"] in (
            "pending",
            "processing",
        ):
            await asyncio.sleep(0.1)
        if status["status"] != "completed" or status["summary"]["created"] != IMPORT_ROWS:
            ledger.problems.append(f"import {import_uuid}: {status['status']} {status['summary']}")
    contacts = {c["uuid"]: c for c in await _pages(http, "/contacts", "contacts")}
    for contact, name in ledger.names.items():
        found = contacts.get(contact)
        if found is None or found["first_name"] != name:
            ledger.problems.append(
                f"contact {contact}: expected first_name {name}, found {found and found['first_name']}"
            )
    imported = Counter(c["email"] for c in contacts.values() if c["email"].startswith("import"))
    duplicates = [email for email, n in imported.items() if n > 1]
    if duplicates:
        ledger.problems.append(
            f"{len(duplicates)} imported rows were created more than once, e.g. {duplicates[0]}"
        )
    if len(imported) != IMPORT_ROWS * len(ledger.imports):
        ledger.problems.append(f"{len(imported)} imported contacts for {len(ledger.imports)} imports")
    expected = {target: ledger.members[target] for target in lists}
    expected[import_list] = {c["uuid"] for c in contacts.values() if c["email"].startswith("import")}
    memberships = 0
    for target, members in expected.items():
        found = {c["uuid"] for c in await _pages(http, f"/contact-lists/{target}/contacts", "contacts")}
        count = (await http.get(f"/contact-lists/{target}")).json()["count"]
        memberships += len(found)
        if found != members or count != len(members):
            ledger.problems.append(
                f"list {target}: {len(found)} members and count {count}, expected {len(members)}"
                f" ({len(found - members)} unexpected, {len(members - found)} missing)"
            )
    return len(ledger.names), memberships, sum(imported.values())


async def hammer(base_url: str, token: str, *, seconds: float, clients: int = 20) -> ConcurrencyReport:
    """Run the clients and the importer against ``base_url`` for ``seconds``, then check everything."""
    ledger = Ledger()
    async with httpx.AsyncClient(
        base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=120
    ) as http:
        lists = [
            (await http.post("/contact-lists", json={"name": f"List {i}"})).json()["uuid"]
            for i in range(LISTS)
        ]
        import_list = (await http.post("/contact-lists", json={"name": "Imported"})).json()["uuid"]
        deadline = time.perf_counter() + seconds
        await asyncio.gather(
            _importer(base_url, token, import_list, deadline, ledger),
            *(_client(base_url, token, n, lists, deadline, ledger) for n in range(clients)),
        )
        contacts, memberships, imported = await _verify(http, ledger, lists, import_list)
    latencies = sorted(ledger.latencies) or [0.0]
    return ConcurrencyReport(
        seconds=seconds,
        clients=clients,
        operations=dict(ledger.operations),
        imported_rows=imported,
        contacts_checked=contacts,
        memberships_checked=memberships,
        p50_ms=statistics.median(latencies) * 1000,
        p99_ms=latencies[int(len(latencies) * 0.99)] * 1000,
        max_ms=latencies[-1] * 1000,
        problems=ledger.problems,
    )


def run(workdir: Path, *, seconds: float, clients: int = 20) -> ConcurrencyReport:
    """A new database in ``workdir``, a real server on it, and :func:`hammer`; server errors count as problems."""
    db = workdir / "concurrency.db"
    token = new_database(db)
    with running_server(db) as server:
        report = asyncio.run(hammer(server.base_url, token, seconds=seconds, clients=clients))
        logged = server.errors_logged()
    report.problems.extend(f"server log: {line}" for line in logged)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cuedesk-concurrency-") as workdir:
        report = run(Path(workdir), seconds=args.seconds, clients=args.clients)
    for problem in report.problems[:50]:
        print("problem:", problem)
    print(report.summary())
    return 0 if not report.problems else 1


if __name__ == "__main__":
    sys.exit(main())
