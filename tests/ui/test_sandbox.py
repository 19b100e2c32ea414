"""The embedded sandbox as real processes: start, attach, reuse, recover, and never outlive the app."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from PySide6.QtCore import Qt

from app.api import ApiConnectionError, CueDeskClient, never_applied
from app.server.db import Database
from app.server.seed import seed_demo
from app.ui import forked_server, sandbox_process
from app.ui import sandbox as sandbox_launcher
from app.ui.app import run_session
from app.ui.connect.settings import CONFIG_DIR_ENV
from app.ui.connection import ConnectionChoice, SandboxConnection
from app.ui.data_dir import DATA_DIR_ENV
from app.ui.sandbox import SANDBOX_DIR_ENV, SandboxLauncher, SandboxPaths, start_early
from tests.helpers import last_json_line, run_python
from tests.ui.test_early_rows import CLIENT_SIDE, NOTE_IMPORTS_OFF_MAIN

pytestmark = pytest.mark.slow

DEMO_CONTACTS = 200


@pytest.fixture(scope="session")
def seeded_sandbox(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sandbox folder whose database already holds a small demo workspace (copied per test)."""
    root = tmp_path_factory.mktemp("sandbox-template")
    paths = SandboxPaths(root)
    shutil.copyfile(template_db, paths.database)
    database = Database(paths.database)
    with database.write() as session, session.begin():
        seed_demo(session, DEMO_CONTACTS)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return root


@pytest.fixture
def sandbox_dir(seeded_sandbox: Path, tmp_path: Path) -> Path:
    root = tmp_path / "sandbox"
    shutil.copytree(seeded_sandbox, root)
    return root


def launcher(root: Path) -> SandboxLauncher:
    return SandboxLauncher(SandboxPaths(root), demo_contacts=DEMO_CONTACTS, startup_timeout=60)


def process_gone(pid: int) -> bool:
    """Whether a process has ended (a zombie waiting for an unrelated parent counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return status.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


async def list_contacts(endpoint, **params):
    async with CueDeskClient(endpoint.base_url, token=endpoint.token) as client:
        return await client.contacts.list(**params)


def test_the_sandbox_runs_as_a_child_and_a_second_launcher_attaches_to_it(sandbox_dir, run):
    first, second = launcher(sandbox_dir), launcher(sandbox_dir)
    endpoint = run(first.start())
    server = first.process
    try:
        assert endpoint.owned and server is not None and endpoint.pid == server.pid
        assert endpoint.base_url.startswith("http://127.0.0.1:")
        assert run(list_contacts(endpoint, limit=1)).total > DEMO_CONTACTS * 0.9
        # The token is handed over privately: not on a command line, state file for the owner only.
        if sys.platform.startswith("linux"):
            assert endpoint.token.encode() not in Path(f"/proc/{server.pid}/cmdline").read_bytes()
        assert stat.S_IMODE(first.paths.state.stat().st_mode) == 0o600

        attached = run(second.start())
        assert not attached.owned and second.process is None
        assert (attached.base_url, attached.pid) == (endpoint.base_url, endpoint.pid)
    finally:
        run(first.stop())
    assert server.poll() is not None, "the server outlived its stop()"
    assert "port" not in first.paths.read_state()
    assert run(second.find_running()) is None


def test_a_server_started_early_is_the_one_the_launcher_opens_and_none_starts_beside_a_running_one(
    sandbox_dir, run
):
    paths = SandboxPaths(sandbox_dir)
    start_early(paths)
    start_early(paths)  # once per folder
    early = sandbox_process._started_early[paths.root].process
    opener = launcher(sandbox_dir)
    try:
        endpoint = run(opener.start())
        assert opener.process is early and endpoint.owned and endpoint.pid == early.pid
        assert not sandbox_process.started_early(paths.root)
        assert run(list_contacts(endpoint, limit=1)).total > DEMO_CONTACTS * 0.9
        start_early(paths)  # the state file names the running server: nothing is started
        assert not sandbox_process.started_early(paths.root)
    finally:
        run(opener.stop())
    assert early.poll() is not None


def test_a_state_file_left_by_a_killed_server_does_not_delay_the_server_s_start(sandbox_dir, run):
    paths = SandboxPaths(sandbox_dir)
    with socket.socket() as gone:  # a port nothing listens on any more
        gone.bind(("127.0.0.1", 0))
        port = gone.getsockname()[1]
    paths.root.mkdir(parents=True, exist_ok=True)
    paths.state.write_text(json.dumps({"port": port, "pid": 999_999, "token": "cdk_left-behind"}))
    start_early(paths)
    assert sandbox_process.started_early(paths.root), "the stale state file held the server's start back"
    opener = launcher(sandbox_dir)
    try:
        endpoint = run(opener.start())
        assert endpoint.owned and opener.process is not None
        assert not endpoint.base_url.endswith(f":{port}/v1")
        assert run(list_contacts(endpoint, limit=1)).total > DEMO_CONTACTS * 0.9
    finally:
        run(opener.stop())


SANDBOX_EARLY_PAINT = (
    NOTE_IMPORTS_OFF_MAIN
    + """
from app.ui.sandbox_process import start_early
start_early()
from app.ui import early_rows
from app.ui.connect.settings import Settings
from app.ui.connect.tokens import TokenStore
early_rows.SANDBOX_EARLY_ROWS_WAIT_S = 60  # however slow the server's start on this machine
early = early_rows.EarlyRows.of_workspace(sandbox=True, environ=os.environ, settings=Settings(), tokens=TokenStore())
from app.ui.first_window import paint_first_window
first = paint_first_window(sandbox=True, environ=os.environ, settings=Settings(), early=early)
first.show_early_rows(wait_s=early.wait_s)  # as the app waits (app/ui/app.py)
model = first.model
print(json.dumps({
    "total": model.rowCount(),
    "emails": [model.index(row, 2).data() for row in range(5)],
    "loaded": sorted(name for name in sys.argv[1:] if name in sys.modules),
    "imported_off_main": imported_off_main,
}))
"""
)


def test_the_sandbox_first_rows_are_painted_from_the_server_started_early_before_the_client_side(
    sandbox_dir, run
):
    """The early rows of a sandbox: its server's handshake gives the port and token, then the first block
    is fetched and painted. The app waits for them before it loads its client side, which would slow
    the server's start beside it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", SANDBOX_DIR_ENV: str(sandbox_dir)}
    seen = last_json_line(run_python(SANDBOX_EARLY_PAINT, *CLIENT_SIDE, env=env))
    assert seen["loaded"] == []
    assert seen["imported_off_main"] == []  # two threads importing at once can fail the start (early_rows.py)
    wait_for(lambda: "port" not in SandboxPaths(sandbox_dir).read_state())  # that app's server has stopped
    opener = launcher(sandbox_dir)
    try:
        page = run(list_contacts(run(opener.start()), limit=5))
    finally:
        run(opener.stop())
    assert seen["total"] == page.total > DEMO_CONTACTS * 0.9
    assert seen["emails"] == [c.email or "" for c in page.items]


#: What the app must not load before it spawns its sandbox server: each is time before the server starts.
NOT_BEFORE_THE_SPAWN = (
    *("asyncio", "logging", "ssl", "PySide6", "httpx", "app.ui.sandbox", "app.ui.app"),
    *("argparse", "typing", "dataclasses"),  # ~40 ms together here
)

SPAWN = """
import json, os, subprocess, sys

def spawned(command, **options):
    server = command[command.index("--sandbox-server") :][:2]
    print(json.dumps({"server": server, "loaded": sorted(m for m in sys.argv[1:] if m in sys.modules)}))
    os._exit(0)

def forked(serve, argv, log):
    spawned(list(argv))

subprocess.Popen = spawned
from app.ui import sandbox_process
sandbox_process.fork_server = forked  # where the app forks its server (Linux)
from app.main import main
main(["--sandbox"])
"""


def test_the_app_spawns_its_sandbox_server_before_it_loads_anything_more(tmp_path):
    env = {**os.environ, SANDBOX_DIR_ENV: str(tmp_path / "sandbox"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SPAWN, *NOT_BEFORE_THE_SPAWN],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    spawn = json.loads(done.stdout)
    assert spawn["server"] == ["--sandbox-server", "sandbox"]
    assert spawn["loaded"] == []


FORKED = """
import json, os, sys, time
from pathlib import Path
import httpx
from app.main import main
from app.ui import sandbox_process
from app.ui.sandbox_process import SandboxPaths, start_early

paths = SandboxPaths(Path(sys.argv[1]))
start_early(paths, serve=main)
server = sandbox_process.take_started_early(paths.root)
base_url, token = server.handshake.endpoint(timeout=60)
page = httpx.get(base_url + "/contacts", params={"limit": 1}, headers={"Authorization": "Bearer " + token})
command_line = Path(f"/proc/{server.process.pid}/cmdline").read_bytes()
server.process.stdin.close()  # the lifeline: the server stops
deadline = time.monotonic() + 30
while server.process.poll() is None and time.monotonic() < deadline:
    time.sleep(0.05)
status = server.process.poll()
print(json.dumps({
    "forked": command_line == Path("/proc/self/cmdline").read_bytes(),
    "total": page.json()["pagination"]["total"],
    "status": status,
}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the server is forked on Linux only")
def test_on_linux_the_app_forks_its_server_which_serves_and_stops_with_its_lifeline(sandbox_dir):
    done = subprocess.run(
        [sys.executable, "-c", FORKED, str(sandbox_dir)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seen = last_json_line(done.stdout)
    assert seen["forked"], "a new process was started instead"
    assert seen["total"] > DEMO_CONTACTS * 0.9 and seen["status"] == 0


def test_the_server_is_not_forked_from_a_process_that_runs_threads():
    started, stop = threading.Event(), threading.Event()
    worker = threading.Thread(target=lambda: (started.set(), stop.wait()))
    worker.start()
    try:
        started.wait(5)
        assert not forked_server.may_fork()  # its locks would be copied as they are
    finally:
        stop.set()
        worker.join()


def test_asking_for_help_or_the_version_with_sandbox_starts_no_server(tmp_path):
    env = {**os.environ, SANDBOX_DIR_ENV: str(tmp_path / "sandbox"), "QT_QPA_PLATFORM": "offscreen"}
    for asked in ("--help", "--version"):
        done = subprocess.run(
            [sys.executable, "-c", SPAWN.replace('main(["--sandbox"])', f'main(["--sandbox", "{asked}"])')],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert done.returncode == 0 and "CueDesk Contacts" in done.stdout  # printed, and no server spawned
        assert "--sandbox-server" not in done.stdout


def test_while_its_server_starts_the_launcher_loads_what_the_clients_first_connection_needs(
    sandbox_dir, run, monkeypatch
):
    loading = threading.Event()
    monkeypatch.setattr(sandbox_launcher, "load_client_transport", loading.set)
    opener = launcher(sandbox_dir)
    try:
        run(opener.start())
        assert loading.wait(10)
    finally:
        run(opener.stop())


def test_launchers_started_at_the_same_moment_share_one_server(sandbox_dir, run):
    launchers = [launcher(sandbox_dir), launcher(sandbox_dir)]
    endpoints = run(asyncio.gather(*(one.start() for one in launchers)), timeout_ms=90_000)
    try:
        assert sorted(e.owned for e in endpoints) == [False, True]
        assert endpoints[0].base_url == endpoints[1].base_url
        assert sum(one.process is not None for one in launchers) == 1
    finally:
        for one in launchers:
            run(one.stop())


def test_the_first_start_seeds_the_demo_workspace_and_a_second_start_reuses_it(tmp_path, run):
    sandbox = launcher(tmp_path / "fresh")
    endpoint = run(sandbox.start(), timeout_ms=90_000)
    try:
        first = run(list_contacts(endpoint, limit=5))
    finally:
        run(sandbox.stop())
    assert first.total > DEMO_CONTACTS * 0.9
    assert stat.S_IMODE(sandbox.paths.root.stat().st_mode) == 0o700

    again = run(sandbox.start(), timeout_ms=90_000)
    try:
        second = run(list_contacts(again, limit=5))
    finally:
        run(sandbox.stop())
    assert [c.uuid for c in second.items] == [c.uuid for c in first.items]
    assert second.total == first.total
    assert again.token == endpoint.token, "the sandbox token is reused"
    assert sandbox.paths.log.read_text().count("Seeding") == 1


def test_a_copy_attached_to_the_sandbox_recovers_when_the_owner_quits(sandbox_dir, run):
    owner = SandboxConnection(launcher(sandbox_dir))
    notices: list[str] = []
    other = SandboxConnection(launcher(sandbox_dir), on_recovered=notices.append)
    run(owner.open())
    run(other.open())
    assert owner.endpoint.owned and not other.endpoint.owned
    old_server = owner.launcher.process
    run(owner.close())
    assert old_server.poll() is not None
    try:
        page = run(other.call(lambda client: client.contacts.list(limit=3)), timeout_ms=90_000)
        assert len(page.items) == 3
        assert other.endpoint.owned and other.launcher.process is not None
        assert other.launcher.process.pid != old_server.pid
        assert notices == ["The sandbox server had stopped; it was restarted."]
    finally:
        run(other.close())


def test_a_killed_sandbox_server_is_restarted_at_once_without_retrying_its_address(sandbox_dir, run, caplog):
    """A refused connection to the sandbox means its server is gone: no backoff before the restart."""
    notices: list[str] = []
    connection = SandboxConnection(launcher(sandbox_dir), on_recovered=notices.append)
    run(connection.open())
    try:
        before = run(connection.call(lambda client: client.contacts.list(limit=1)))  # a pooled connection
        old_server = connection.launcher.process
        old_server.kill()
        old_server.wait()
        with caplog.at_level(logging.INFO, logger="app.api"):
            created = run(
                connection.call(lambda client: client.contacts.create(email="after-the-crash@example.com")),
                timeout_ms=90_000,
            )
        assert created.email == "after-the-crash@example.com"
        assert connection.launcher.process.pid != old_server.pid
        assert notices == ["The sandbox server had stopped; it was restarted."]
        assert [r.getMessage() for r in caplog.records if r.name == "app.api"] == [], "no backoff retries"
        after = run(connection.call(lambda client: client.contacts.list(limit=1)))
        assert after.total == before.total + 1, "the create was sent once, to the new server"
    finally:
        run(connection.close())


def unread_bytes_at(port: int) -> int:
    """Bytes that reached a socket listening on ``port`` and were not read yet (Linux)."""
    unread = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port:
            unread += int(fields[4].split(":")[1], 16)
    return unread


def test_a_sandbox_whose_server_cannot_start_says_why_and_stops_saying_it_is_starting(
    sandbox_dir, qapp, qtbot, ui_loop
):
    for leftover in sandbox_dir.glob("sandbox.db*"):
        leftover.unlink()
    (sandbox_dir / "sandbox.db").write_bytes(b"not a database " * 1000)
    sandbox = launcher(sandbox_dir)
    sessions = []
    choice = ConnectionChoice(SandboxConnection(sandbox), None)
    app = ui_loop.create_task(run_session(qapp, choice, on_started=sessions.append))
    qtbot.waitUntil(lambda: bool(sessions) and sessions[0].window.banner.isVisible(), timeout=60_000)
    window = sessions[0].window
    said = window.banner.message.text()
    # The error itself, not the link SQLAlchemy puts after it, and where the whole story is.
    assert "file is not a database" in said and "Background on this error" not in said
    assert str(sandbox.paths.log) in said
    assert window.statusBar().currentMessage() == ""  # no longer "Starting the embedded sandbox…"
    assert window.total_label.text() == "Not loaded"  # the row count no longer says "Loading…"
    assert sandbox.process is None

    (sandbox_dir / "sandbox.db").unlink()  # what the banner's log line leads a person to do
    qtbot.mouseClick(window.banner.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.total_label.text().endswith(" contacts"), timeout=60_000
    )  # e.g. "197 contacts"
    assert not window.banner.isVisible()
    window.close()
    qtbot.waitUntil(app.done, timeout=20_000)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_create_in_flight_when_the_sandbox_server_dies_is_not_sent_again(sandbox_dir, run, qtbot, ui_loop):
    """It may have taken effect: after the restart the caller hears it, as after any lost answer."""
    notices: list[str] = []
    connection = SandboxConnection(launcher(sandbox_dir), on_recovered=notices.append)
    run(connection.open())
    try:
        before = run(connection.call(lambda client: client.contacts.list(limit=1)))
        server = connection.launcher.process
        port = urlsplit(connection.endpoint.base_url).port
        os.kill(server.pid, signal.SIGSTOP)  # the request arrives, and no answer leaves
        creating = asyncio.ensure_future(
            connection.call(lambda client: client.contacts.create(email="in-flight@example.com")),
            loop=ui_loop,
        )
        qtbot.waitUntil(lambda: unread_bytes_at(port) > 0, timeout=10_000)
        server.kill()
        server.wait()
        with pytest.raises(ApiConnectionError) as caught:
            run(creating, timeout_ms=90_000)
        assert not never_applied(caught.value)
        assert notices == ["The sandbox server had stopped; it was restarted."]
        after = run(connection.call(lambda client: client.contacts.list(limit=1)))
        assert after.total == before.total, "the create was not sent a second time"
    finally:
        run(connection.close())


def test_the_sandbox_stops_when_the_app_window_is_closed(sandbox_dir, qapp, qtbot, ui_loop):
    sandbox = launcher(sandbox_dir)
    sessions = []
    notice = "No server is configured, so the embedded sandbox (demo data) is shown."
    choice = ConnectionChoice(SandboxConnection(sandbox), notice)
    app = ui_loop.create_task(run_session(qapp, choice, on_started=sessions.append))
    qtbot.waitUntil(lambda: bool(sessions) and sessions[0].model.contact_at(0) is not None, timeout=60_000)
    window = sessions[0].window
    assert window.windowTitle() == "CueDesk Contacts — Sandbox"
    assert window.statusBar().currentMessage() == notice
    server = sandbox.process
    assert server is not None and server.poll() is None

    window.close()
    qtbot.waitUntil(app.done, timeout=20_000)
    assert app.result() == 0
    assert server.poll() is not None, "the sandbox server outlived the app"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_the_sandbox_never_outlives_the_app_process(sandbox_dir, how):
    """A real ``cuedesk-contacts --sandbox``: quit (SIGTERM) or crash (SIGKILL) leaves no server behind."""
    env = {
        **os.environ,
        SANDBOX_DIR_ENV: str(sandbox_dir),
        # the app's settings and log file: in the test's folder, not the user's
        CONFIG_DIR_ENV: str(sandbox_dir.parent / "config"),
        DATA_DIR_ENV: str(sandbox_dir.parent / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "app.main", "--sandbox"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    paths = SandboxPaths(sandbox_dir)
    try:

        def serving() -> bool:
            assert app.poll() is None, app.stderr.read().decode()
            state = paths.read_state()
            if "port" not in state:
                return False
            url = f"http://127.0.0.1:{state['port']}/v1/contacts"
            try:
                response = httpx.get(url, headers={"Authorization": f"Bearer {state['token']}"})
            except httpx.HTTPError:
                return False
            return response.status_code == 200

        wait_for(serving, timeout=90)
        server_pid = paths.read_state()["pid"]
        assert parent_of(server_pid) == app.pid

        os.kill(app.pid, getattr(signal, how))
        code = app.wait(timeout=20)
        assert code == (0 if how == "SIGTERM" else -signal.SIGKILL)
        wait_for(lambda: process_gone(server_pid), timeout=15)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        app.stderr.close()
