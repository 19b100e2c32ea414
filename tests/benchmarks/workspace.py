"""A workspace of 100,000 contacts served by ``cuedesk-server`` in a child process, for the UI benchmarks.

Seeding 100,000 contacts takes a while on a small machine, so the seeded database is kept in the
temporary folder, keyed by the server's schema (its models and migrations): each benchmark works on
a fresh copy of it.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.benchmarks.bench_server import Server, seed

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(tempfile.gettempdir()) / "cuedesk-bench"


@dataclass(frozen=True)
class Served:
    """A running server: its API base URL (ending in ``/v1``) and a token of the seeded workspace."""

    base_url: str
    token: str
    contacts: int


def schema_key() -> str:
    digest = hashlib.sha256()
    server = ROOT / "app" / "server"
    for path in sorted([server / "models.py", *server.glob("migrations/**/*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def seeded_database(contacts: int, into: Path) -> str:
    """Copy a database of ``contacts`` contacts to ``into`` (seeding it once per schema); its token."""
    CACHE.mkdir(exist_ok=True)
    template = CACHE / f"contacts-{contacts}-{schema_key()}.db"
    token_file = template.with_suffix(".token")
    if not template.exists() or not token_file.exists():
        started = time.perf_counter()
        print(f"Seeding {contacts:,} contacts (kept for later runs in {CACHE})…", flush=True)
        scratch = template.with_suffix(".partial")
        scratch.unlink(missing_ok=True)
        token, _workspace = seed(scratch, contacts)
        scratch.replace(template)
        token_file.write_text(token)
        print(f"  seeded in {time.perf_counter() - started:.0f} s", flush=True)
    shutil.copyfile(template, into)
    return token_file.read_text()


@contextmanager
def served_workspace(contacts: int = 100_000) -> Iterator[Served]:
    """``cuedesk-server serve`` on a fresh copy of the seeded database, until the block ends."""
    with tempfile.TemporaryDirectory(prefix="cuedesk-bench-") as folder:
        path = Path(folder) / "contacts.db"
        token = seeded_database(contacts, path)
        server = Server(path)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=60) as probe:
                server.wait_ready(probe)
            yield Served(f"http://127.0.0.1:{server.port}/v1", token, contacts)
        finally:
            server.stop()
