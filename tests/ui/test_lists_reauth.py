"""A token revoked while contacts are being added to a list: the app asks to sign in again and the job goes on."""

from __future__ import annotations

from uuid import uuid4

import pytest

from app.api import CueDeskClient
from app.ui.connect.dialog import Mode
from tests.ui import connect_support
from tests.ui.connect_support import new_token, revoke
from tests.ui.edit_support import new_workspace

app_run, memory_keyring, settings_path = (
    connect_support.app_run,
    connect_support.memory_keyring,
    connect_support.settings_path,
)

pytestmark = pytest.mark.usefixtures("memory_keyring")


def test_a_token_revoked_during_a_membership_job_asks_to_sign_in_and_the_job_goes_on(
    app_run, api_server, workspace_db, run
):
    name = f"Lists sign-in {uuid4()}"
    token = new_workspace(workspace_db, contacts=250, name=name)
    checker = CueDeskClient(api_server.base_url, token=new_token(workspace_db, name))
    qtbot = app_run.qtbot
    app_run.start()
    app_run.connect(app_run.dialog(), name="Support", url=api_server.base_url, token=token)
    qtbot.waitUntil(lambda: app_run.workspaces.session is not None)
    session = app_run.session
    qtbot.waitUntil(lambda: session.model.contact_at(0) is not None, timeout=15_000)
    qtbot.waitUntil(lambda: session.operations.pending == 0, timeout=15_000)  # lists, fields: loaded
    total = session.model.total
    target = run(checker.contact_lists.create(name="Everyone"))
    session.window.table.selectAll()  # rows never shown are fetched by the job
    selection = session.window.table.selected_rows()
    assert selection.count == total > 200

    revoke(workspace_db, token)
    job = session.lists.add_contacts(target, selection, total=total)
    dialog = app_run.dialog()
    assert dialog.mode is Mode.SIGN_IN_AGAIN
    assert not job.report.finished  # it waits for the sign-in
    app_run.connect(dialog, token=new_token(workspace_db, name))
    qtbot.waitUntil(lambda: job.report.finished, timeout=20_000)

    report = job.report
    assert report.error is None and not report.cancelled
    assert report.changed == report.sent == total and not report.warnings  # nothing sent twice, nothing lost
    assert run(checker.contact_lists.get(target.uuid)).count == total
    assert not session.window.banner.isVisible()
    run(checker.aclose())
    app_run.quit()
