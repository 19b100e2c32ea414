"""The connect dialog against the real server: bad then good token, unreachable, not CueDesk, plain http."""

from __future__ import annotations

import json
import socket

import pytest
from PySide6.QtCore import Qt

from app.ui.connect.dialog import Mode
from app.ui.connect.settings import Settings
from app.ui.connect.tokens import SERVICE
from tests.api.live import ForwardProxy, serve
from tests.ui import connect_support
from tests.ui.connect_support import add_contacts, click_box_button, message_box, new_token

app_run, live_server, memory_keyring, settings_path = (
    connect_support.app_run,
    connect_support.live_server,
    connect_support.memory_keyring,
    connect_support.settings_path,
)
pytestmark = pytest.mark.usefixtures("memory_keyring")


def test_first_start_offers_the_sandbox_and_connects_after_a_wrong_token(
    app_run, live_server, database, run, settings_path, memory_keyring
):
    token = new_token(database, "Acme")
    run(add_contacts(live_server, token, "Ada", "Bob", "Cy"))
    app_run.start()
    dialog = app_run.dialog()
    assert dialog.mode is Mode.FIRST_START
    assert dialog.sandbox_button.isVisible() and dialog.sandbox_button.isDefault()
    assert dialog.cancel_button.text() == "Quit"  # no window behind it yet
    assert app_run.workspaces.session is None

    app_run.connect(dialog, name="Acme", url=live_server, token="cdk_not-a-valid-token")
    problem = app_run.problem_shown(dialog)
    assert "refused this token" in problem
    assert dialog.connect_button.isDefault(), "once the user types, Enter connects"
    assert dialog.isVisible(), "the dialog stays open"
    assert dialog.token_edit.property("invalid") and dialog.token_edit.hasFocus()
    assert (dialog.name_edit.text(), dialog.url_edit.text()) == ("Acme", live_server)
    assert dialog.token_edit.text() == "cdk_not-a-valid-token", "what was typed stays"
    assert app_run.workspaces.session is None and not settings_path.exists()

    app_run.connect(dialog, token=token)
    session = app_run.rows_shown(3)
    assert app_run.no_dialog()
    assert session.window.windowTitle() == "CueDesk Contacts — Acme"
    assert app_run.first_names() == {"Ada", "Bob", "Cy"}

    saved = json.loads(settings_path.read_text())
    [profile] = saved["profiles"]
    assert (profile["name"], profile["base_url"], saved["last"]) == ("Acme", live_server, profile["id"])
    assert profile["allow_invalid_certificates"] is False
    assert memory_keyring.entries == {(SERVICE, f"profile-{profile['id']}"): token}
    assert token not in settings_path.read_text()
    assert app_run.quit() == 0


def test_quitting_the_first_start_dialog_quits_the_app(app_run):
    app_run.start()
    dialog = app_run.dialog()
    app_run.qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    app_run.qtbot.waitUntil(app_run.task.done)
    assert app_run.task.result() == 0 and app_run.sessions == []


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_server_is_explained_at_the_address(app_run):
    app_run.start()
    dialog = app_run.dialog()
    url = f"http://127.0.0.1:{closed_port()}/v1"
    app_run.connect(dialog, url=url, token="cdk_whatever")
    problem = app_run.problem_shown(dialog)
    assert problem.startswith(f"Could not connect to 127.0.0.1:{url.split(':')[2].split('/')[0]}")
    assert "Check the address" in problem
    assert dialog.url_edit.property("invalid") and dialog.url_edit.hasFocus()
    assert dialog.url_edit.text() == url and dialog.token_edit.text() == "cdk_whatever"


def test_an_address_that_is_not_the_api_is_explained(app_run, live_server):
    app_run.start()
    dialog = app_run.dialog()
    app_run.connect(dialog, url="api.cuedesk.com/v1", token="cdk_whatever")
    assert "starting with https://" in app_run.problem_shown(dialog)

    site_root = live_server.removesuffix("/v1")  # the server, but not the API's address
    app_run.connect(dialog, url=site_root, token="cdk_whatever")
    assert "answered, but not as the CueDesk Contacts API" in app_run.problem_shown(dialog)


async def html_site(scope, receive, send) -> None:
    """A web server that is not an API: every page is HTML."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
    await send({"type": "http.response.body", "body": b"<html><body>Welcome</body></html>"})


def test_a_web_page_instead_of_the_api_is_explained(app_run):
    with serve(html_site) as url:
        app_run.start()
        dialog = app_run.dialog()
        app_run.connect(dialog, url=url, token="cdk_whatever")
        problem = app_run.problem_shown(dialog)
    assert "not as the CueDesk Contacts API" in problem and dialog.url_edit.property("invalid")


def test_plain_http_to_another_machine_asks_before_sending_the_token(
    app_run, server_app, database, monkeypatch, run
):
    token = new_token(database, "Remote")
    proxy = ForwardProxy(server_app)  # the only way to reach cuedesk.invalid: the real server behind a proxy
    with serve(proxy) as proxy_url:
        monkeypatch.setenv("HTTP_PROXY", proxy_url.removesuffix("/v1"))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        app_run.start()
        dialog = app_run.dialog()
        app_run.connect(dialog, url="http://cuedesk.invalid/v1", token=token)
        box = message_box(app_run.qtbot)
        assert "unencrypted" in box.text() and box.defaultButton().text() == "Cancel"
        click_box_button(app_run.qtbot, box, "Cancel")
        assert "https://" in app_run.problem_shown(dialog)
        assert proxy.proxied_hosts == [], "nothing was sent"

        app_run.connect(dialog)
        click_box_button(app_run.qtbot, message_box(app_run.qtbot), "Connect without encryption")
        app_run.qtbot.waitUntil(
            lambda: app_run.workspaces.session is not None and app_run.session.model.total == 0,
            timeout=15_000,
        )
        assert proxy.proxied_hosts[0] == "cuedesk.invalid"
        assert app_run.session.window.windowTitle() == "CueDesk Contacts — cuedesk.invalid"
        app_run.quit()


def test_plain_http_on_this_machine_does_not_ask(app_run, live_server, database):
    token = new_token(database, "Local")
    app_run.start()
    app_run.connect(app_run.dialog(), url=live_server, token=token)
    app_run.qtbot.waitUntil(lambda: app_run.workspaces.session is not None)
    assert app_run.no_dialog()


def test_a_second_profile_cannot_take_a_saved_name(app_run, live_server, database, settings_path):
    acme = new_token(database, "Acme")
    app_run.start()
    app_run.connect(app_run.dialog(), name="Acme", url=live_server, token=acme)
    app_run.qtbot.waitUntil(lambda: app_run.workspaces.session is not None)
    app_run.session.window.connectRequested.emit()
    dialog = app_run.dialog()
    assert dialog.mode is Mode.CONNECT and dialog.cancel_button.text() == "Cancel"
    dialog.select_profile(None)
    app_run.connect(dialog, name="acme", url=live_server, token=new_token(database, "Globex"))
    assert "already saved" in app_run.problem_shown(dialog) and dialog.name_edit.property("invalid")
    app_run.qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in Settings.read(settings_path).profiles] == ["Acme"]
