"""The contacts table when the network or the server fails (issue 12): every load is a GET, so a
passing fault is retried without the user noticing; a lasting one is said in the banner in words the
user can act on, and its Retry loads the rows once the fault is gone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.server.db import Database
from app.ui.contacts_model import FAILED_TEXT
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import new_workspace
from tests.ui.faults import RETRIED, Fault, FaultyHarness, faulty_session

BLOCK = "/contacts"
SEARCH = "/contacts/search"

#: What the banner says for a fault that outlasts the retries (after "Loading contacts 1–100 failed: ").
SAID = {
    Fault.REFUSED: "Could not connect to {host}. Check the address and your network connection.",
    Fault.TIMEOUT: "{host} did not answer in time. Try again in a moment.",
    Fault.SERVER_ERROR: "The server failed (500). Try again later.",
    Fault.RATE_LIMITED: "Too many requests. Wait a moment and try again.",
    Fault.MALFORMED_JSON: "The server's answer was not valid JSON (it may be cut short, or come from a proxy"
    " rather than a CueDesk server). Try again; if it keeps happening, check the address and the proxy settings.",
    Fault.CUT_SHORT: "The connection to {host} broke before the answer was complete. Try again.",
}


@pytest.fixture(scope="module")
def token(workspace_db: Database) -> str:
    """One workspace for the module: these tests only read."""
    return new_workspace(workspace_db)


@pytest.fixture
def app(qtbot, run, api_server: LoopbackServer, token: str):
    with faulty_session(qtbot, run, api_server, token) as harness:
        yield harness


def first_row(app: FaultyHarness) -> str:
    return app.model.data(app.model.index(0, 0))


@pytest.mark.parametrize("fault", sorted(RETRIED, key=list(Fault).index))
def test_a_passing_fault_is_retried_and_the_user_sees_only_the_rows(app: FaultyHarness, qtbot, fault):
    app.transport.fail(fault, "GET", BLOCK, retry_after="0")
    before = app.transport.count("GET", BLOCK)
    app.reload()  # F5
    qtbot.waitUntil(lambda: app.model.contact_at(0) is not None, timeout=10_000)
    assert app.transport.count("GET", BLOCK) == before + 2  # the fault, then the retry
    assert not app.window.banner.isVisible()


@pytest.mark.parametrize("fault", list(Fault))
def test_a_lasting_fault_is_explained_and_retry_loads_the_rows(app: FaultyHarness, qtbot, fault):
    attempts = 3 if fault in RETRIED else 1  # a broken answer is not asked again by itself
    app.transport.fail(fault, "GET", BLOCK, times=attempts, retry_after="0")
    before = app.transport.count("GET", BLOCK)
    app.reload()
    banner = app.window.banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    host = app.session.connection.label
    assert banner.message.text() == "Loading contacts 1–100 failed: " + SAID[fault].format(host=host)
    assert banner.retry_button.isVisible() and banner.dismiss_button.isVisible()
    assert first_row(app) == FAILED_TEXT
    assert app.transport.count("GET", BLOCK) == before + attempts

    app.transport.heal()
    qtbot.mouseClick(banner.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.model.contact_at(0) is not None)
    assert not banner.isVisible()
    assert first_row(app) == (app.model.contact_at(0).first_name or "")
    app.select_row(1)  # still usable: the pane shows the contact
    assert app.pane.title.text()


def test_retry_after_is_waited_for_before_the_load_is_sent_again(app: FaultyHarness, qtbot):
    app.transport.fail(Fault.RATE_LIMITED, "GET", BLOCK, retry_after="1")
    app.reload()
    qtbot.waitUntil(lambda: app.model.contact_at(0) is not None, timeout=10_000)
    refused, retried = app.transport.times("GET", BLOCK)[-2:]
    assert retried - refused >= 0.9  # Qt's coarse timers, under qasync, may fire up to 5 % early
    assert not app.window.banner.isVisible()


def test_a_long_retry_after_is_not_waited_for_and_the_banner_says_when(app: FaultyHarness, qtbot):
    app.transport.fail(Fault.RATE_LIMITED, "GET", BLOCK, retry_after="120")
    before = app.transport.count("GET", BLOCK)
    app.reload()
    banner = app.window.banner
    qtbot.waitUntil(banner.isVisible, timeout=5_000)
    assert banner.message.text() == (
        "Loading contacts 1–100 failed: Too many requests. Try again in 2 minutes."
    )
    assert app.transport.count("GET", BLOCK) == before + 1


def test_a_search_that_meets_a_server_error_is_retried(app: FaultyHarness, qtbot):
    """Search Contacts is a POST that only reads: safe to send again."""
    app.transport.fail(Fault.SERVER_ERROR, "POST", SEARCH)
    app.press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(app.window.search_box, "example")
    qtbot.keyClick(app.window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "matches" in app.window.total_label.text(), timeout=10_000)
    assert app.transport.count("POST", SEARCH) == 2
    assert app.transport.reached_server("POST", SEARCH) == 2
    assert not app.window.banner.isVisible()
