"""The sandbox server's start loads what its first page needs and nothing else.

Measured in tests/benchmarks/bench_sandbox.py: each of these cost every start tens of milliseconds
of CPU before the first answer.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.server.seed import seed_demo

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def modules_loaded_to_first_page(db: Path, state: Path, log: Path) -> list[str]:
    """Start the sandbox server as the desktop app does, get the first page, stop it: the modules it
    loaded (from ``python -X importtime``)."""
    listener = socket.create_server(("127.0.0.1", 0))
    sandbox = ["sandbox", "--db", str(db), "--state", str(state), "--fd", str(listener.fileno())]
    with listener, open(log, "w") as errors:
        server = subprocess.Popen(
            [sys.executable, "-X", "importtime", "-m", "app.main", "--sandbox-server", *sandbox],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            pass_fds=(listener.fileno(),),
        )
    try:
        ready = json.loads(server.stdout.readline())
        page = httpx.get(
            f"http://127.0.0.1:{ready['port']}/v1/contacts",
            params={"limit": 100},
            headers={"Authorization": f"Bearer {ready['token']}"},
        )
        assert page.status_code == 200 and len(page.json()["contacts"]) == 40
    finally:
        server.stdin.close()
        server.wait(timeout=30)
        server.stdout.close()
    lines = log.read_text().splitlines()
    return [line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:")]


def test_a_start_on_a_seeded_sqlite_sandbox_loads_what_its_first_page_needs_and_no_more(
    database, db_path, tmp_path
):
    with database.write() as session, session.begin():
        seed_demo(session, 40)
    database.dispose()
    loaded = modules_loaded_to_first_page(Path(db_path), tmp_path / "sandbox.json", tmp_path / "log")
    assert "app.server.app" in loaded and "sqlalchemy.dialects.sqlite" in loaded

    def loaded_of(*prefixes: str) -> list[str]:
        return [m for m in loaded if m.startswith(prefixes)]

    # A blocked import is listed too, with its name only: pydantic.v1's modules are what loading it takes.
    assert loaded_of("alembic", "pydantic.v1.") == [] and [m for m in loaded if "postgresql" in m] == []
    # uvicorn's server without its command line and worker supervisors (app/server/serving.py).
    assert "uvicorn.server" in loaded
    assert loaded_of("click", "multiprocessing", "uvicorn.main", "uvicorn.supervisors") == []
    # The routes the first page does not need come with the first request that needs one (app.py).
    assert loaded_of("app.server.routes.") == ["app.server.routes.contacts_page"]
    assert "app.schema.search" not in loaded  # search's models come with its route
    # The first page and the token check before it read with Core: the ORM, the mapped classes and the
    # sessions come with the first request that needs them (app/server/tables.py).
    assert loaded_of("sqlalchemy.orm", "app.server.models", "app.server.sessions") == []
    assert "app.server.tables" in loaded
    # No import to resume: what runs imports is not loaded (app/server/worker.py).
    assert "app.server.services.import_queue" in loaded and "app.server.services.imports" not in loaded
