"""A token revoked in the middle of a session: the app asks for a new one, retries, and the window keeps its state."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.api import CueDeskClient
from app.ui.connect.dialog import Mode
from app.ui.connect.settings import Profile, Settings
from app.ui.connect.tokens import SERVICE
from app.ui.connection import RemoteConnection
from app.ui.operations import SIGN_IN_AGAIN, Failure, Operations
from tests.api.live import Gate, serve
from tests.ui import connect_support
from tests.ui.connect_support import add_contacts, new_token, revoke

app_run, live_server, memory_keyring, settings_path = (
    connect_support.app_run,
    connect_support.live_server,
    connect_support.memory_keyring,
    connect_support.settings_path,
)

pytestmark = pytest.mark.usefixtures("memory_keyring")


@pytest.fixture
def signed_in(app_run, api_server, workspace_db):
    """The app connected to the shared 3,000-contact workspace with a token of its own (revoked by the tests)."""
    token = new_token(workspace_db, "Sandbox")
    app_run.start()
    app_run.connect(app_run.dialog(), name="Support", url=api_server.base_url, token=token)
    app_run.qtbot.waitUntil(lambda: app_run.workspaces.session is not None)
    session = app_run.session
    app_run.qtbot.waitUntil(lambda: session.model.contact_at(0) is not None, timeout=15_000)
    # The start's other loads (lists, custom fields) follow the first rows: let them end before
    # the tests revoke the token, so that only what each test does is refused.
    app_run.qtbot.waitUntil(lambda: session.operations.pending == 0, timeout=15_000)
    return app_run, token


def test_a_revoked_token_asks_for_a_new_one_and_nothing_on_screen_is_lost(
    signed_in, workspace_db, settings_path, memory_keyring
):
    app, token = signed_in
    session, qtbot = app.session, app.qtbot
    window, model = session.window, session.model
    window.table.selectRow(2)
    selected = model.contact_at(2)
    unsaved = QLineEdit()
    window.centralWidget().layout().addWidget(unsaved)
    qtbot.keyClicks(unsaved, "half-typed note")
    resets: list[None] = []
    model.modelReset.connect(lambda: resets.append(None))

    revoke(workspace_db, token)
    last_row = model.rowCount() - 1
    window.table.scrollToBottom()  # loads the last block: refused with 401
    dialog = app.dialog()
    assert dialog.mode is Mode.SIGN_IN_AGAIN and dialog.windowTitle() == "Sign in again"
    assert "refused the token of “Support”" in dialog.note.text()
    assert dialog.url_edit.isReadOnly() and not dialog.profile_list.isVisible()
    assert model.contact_at(last_row) is None

    app.connect(dialog, token=token)  # still revoked
    assert "refused this token" in app.problem_shown(dialog)
    fresh = new_token(workspace_db, "Sandbox")
    app.connect(dialog, token=fresh)
    qtbot.waitUntil(lambda: model.contact_at(last_row) is not None, timeout=15_000)

    assert app.no_dialog() and app.session is session, "the same window, not a new one"
    assert resets == [], "the table was not reloaded"
    assert unsaved.text() == "half-typed note" and unsaved.parent() is not None
    assert window.current_row() == 2 and model.contact_at(2) == selected
    assert not window.banner.isVisible()
    profile = Settings.read(settings_path).profile_named("Support")
    assert memory_keyring.entries[(SERVICE, f"profile-{profile.id}")] == fresh
    app.quit()


def test_several_refused_operations_ask_once(signed_in, workspace_db):
    app, token = signed_in
    session, qtbot = app.session, app.qtbot
    model, table = session.model, session.window.table
    revoke(workspace_db, token)
    middle, last = model.rowCount() // 2, model.rowCount() - 1
    table.scrollTo(model.index(middle, 0))
    qtbot.wait(50)
    table.scrollToBottom()
    dialog = app.dialog()
    qtbot.waitUntil(lambda: cell(model, middle) == cell(model, last) == "Not loaded")  # both refused
    qtbot.wait(100)
    assert connect_support.visible_dialogs() == [dialog]
    app.connect(dialog, token=new_token(workspace_db, "Sandbox"))
    qtbot.waitUntil(lambda: None not in (model.contact_at(middle), model.contact_at(last)), timeout=15_000)
    assert app.no_dialog() and not session.window.banner.isVisible()
    app.quit()


def cell(model, row: int) -> str:
    return model.data(model.index(row, 0))


def test_cancelling_the_sign_in_leaves_a_retry_in_the_banner(signed_in, workspace_db):
    app, token = signed_in
    session, qtbot = app.session, app.qtbot
    model, window = session.model, session.window
    revoke(workspace_db, token)
    last_row = model.rowCount() - 1
    window.table.scrollToBottom()
    qtbot.mouseClick(app.dialog().cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.banner.isVisible)
    assert window.banner.message.text().endswith(f"failed: {SIGN_IN_AGAIN}")
    assert model.contact_at(last_row) is None

    qtbot.mouseClick(window.banner.retry_button, Qt.MouseButton.LeftButton)
    dialog = app.dialog()
    app.connect(dialog, token=new_token(workspace_db, "Sandbox"))
    qtbot.waitUntil(lambda: model.contact_at(last_row) is not None, timeout=15_000)
    app.quit()


def test_work_is_retried_once_after_a_sign_in(api_server, run, qtbot):
    """If the new credentials are refused as well, the failure is reported: no endless loop."""
    operations = Operations()
    asked: list[None] = []
    failures: list[Failure] = []
    operations.failed.connect(failures.append)

    async def signed_in() -> bool:
        asked.append(None)
        return True

    operations.on_unauthorized = signed_in
    client = CueDeskClient(api_server.base_url, token="cdk_never-issued")
    calls: list[None] = []

    async def work() -> None:
        calls.append(None)
        await client.contacts.list(limit=1)

    try:
        task = operations.run(work, description="Loading contacts")
        qtbot.waitUntil(task.done)
    finally:
        run(client.aclose())
    assert (len(asked), len(calls), len(failures)) == (1, 2, 1)
    assert failures[0].retry is not None


async def itself(client: CueDeskClient) -> CueDeskClient:
    return client


def test_replacing_the_client_waits_for_its_requests_then_closes_it(server_app, database, run, qtbot):
    gate = Gate(server_app)
    token = new_token(database, "Acme")
    with serve(gate) as base_url:
        connection = RemoteConnection(CueDeskClient(base_url, token=token))
        old_client = run(connection.call(itself))
        gate.opened.clear()
        task = asyncio.ensure_future(connection.call(lambda client: client.contacts.list(limit=1)))
        qtbot.waitUntil(lambda: gate.inside == 1)
        run(connection.replace_client(CueDeskClient(base_url, token=token)))
        gate.opened.set()
        qtbot.waitUntil(task.done)
        assert task.result().total == 0, "the request in flight finished on the old client"
        with pytest.raises(RuntimeError, match="closed"):
            run(old_client.contacts.list(limit=1))
        assert run(connection.call(lambda client: client.contacts.list(limit=1))).total == 0
        run(connection.close())


def test_a_token_revoked_since_the_last_run_asks_for_a_new_one_at_start(
    app_run, live_server, database, run, settings_path, memory_keyring
):
    stale = new_token(database, "Acme")
    run(add_contacts(live_server, stale, "Ada"))
    settings = Settings(settings_path)
    acme = Profile(Profile.new_id(), "Acme", live_server)
    settings.save_profile(acme)
    settings.set_last(acme.id)
    memory_keyring.set_password(SERVICE, f"profile-{acme.id}", stale)
    revoke(database, stale)
    app_run.workspaces.settings = Settings.read(settings_path)

    app_run.start()
    dialog = app_run.dialog()  # the window is open behind it
    assert dialog.mode is Mode.SIGN_IN_AGAIN and app_run.session.window.isVisible()
    fresh = new_token(database, "Acme")
    app_run.connect(dialog, token=fresh)
    app_run.rows_shown(1)
    assert memory_keyring.entries[(SERVICE, f"profile-{acme.id}")] == fresh
    app_run.quit()
