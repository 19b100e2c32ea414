"""``cuedesk-server``: serve, create-token, seed-demo, run as real processes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.server import models as m
from app.server.db import Database

pytestmark = pytest.mark.slow


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.server", *args], capture_output=True, text=True, check=check, timeout=120
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_create_token_prints_the_token_last_and_creates_the_workspace(tmp_path: Path):
    db = tmp_path / "cli.db"
    out = cli("create-token", "--db", str(db), "--workspace", "Acme").stdout
    token = out.split()[-1]
    assert token.startswith("cdk_") and len(token) > 30
    default = cli("create-token", "--db", str(db)).stdout.split()[-1]
    assert default != token
    database = Database(db)
    with database.read() as session:
        names = {w.name for w in session.query(m.Workspace)}
        hashes = {t.token_hash for t in session.query(m.ApiToken)}
    database.dispose()
    assert names == {"Acme", "Sandbox"}
    assert token not in hashes and len(hashes) == 2


def test_seed_demo_fills_a_realistic_workspace(tmp_path: Path):
    db = tmp_path / "seed.db"
    result = cli("seed-demo", "--db", str(db), "--contacts", "400")
    assert "400" in result.stdout
    database = Database(db)
    with database.read() as session:
        contacts = session.query(m.Contact).all()
        definitions = session.query(m.CustomFieldDefinition).all()
        lists = session.query(m.ContactList).all()
        members = session.query(m.ContactListMember).count()
        notes = session.query(m.Note).count()
    database.dispose()
    assert len(contacts) == 400
    names = {c.first_name for c in contacts} | {c.last_name for c in contacts}
    assert any(ch in "".join(filter(None, names)) for ch in "éüøłçñ")
    assert sum(c.archived for c in contacts) >= 1
    assert sum(c.email is not None for c in contacts) > 300
    assert sum(c.phone_number is not None for c in contacts) > 200
    assert sum(c.last_engaged_at is not None for c in contacts) > 200
    kinds = {d.field_type for d in definitions}
    assert {"text", "number:integer", "checkbox", "date", "select", "multiselect"} <= kinds
    assert all(d.options for d in definitions if d.field_type in ("select", "multiselect"))
    used_keys = {k for c in contacts for k in c.custom_fields}
    assert {d.field_key for d in definitions} == used_keys
    assert len(lists) >= 4 and members > 0 and notes > 0
    assert all(c.search_text for c in contacts)


def test_serve_answers_with_a_created_token(tmp_path: Path):
    db = tmp_path / "serve.db"
    token = cli("create-token", "--db", str(db)).stdout.split()[-1]
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.server",
            "serve",
            "--db",
            str(db),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"{base}/contacts", headers={"Authorization": f"Bearer {token}"})
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert response.status_code == 200
        assert response.json()["pagination"]["total"] == 0
        assert httpx.get(f"{base}/contacts").status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=10)
