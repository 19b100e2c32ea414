"""Saved workspaces: switching from the menu, the last one reopening, layouts per profile, no keyring, TLS opt-in."""

from __future__ import annotations

import json

import pytest
import shiboken6
import trustme
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.ui.connect.dialog import Mode
from app.ui.connect.settings import SANDBOX_KEY, Profile, Settings
from app.ui.connect.tokens import NO_KEYRING, SERVICE, TokenStore
from app.ui.connect.workspaces import Workspaces
from app.ui.connection import API_TOKEN_ENV, API_URL_ENV, RemoteConnection, SandboxConnection
from app.ui.sandbox import SandboxLauncher, SandboxPaths
from tests.api.live import serve
from tests.ui import connect_support
from tests.ui.connect_support import AppRun, click_box_button, message_box, new_token

app_run, live_server, memory_keyring, no_keyring, settings_path, two_workspaces = (
    connect_support.app_run,
    connect_support.live_server,
    connect_support.memory_keyring,
    connect_support.no_keyring,
    connect_support.settings_path,
    connect_support.two_workspaces,
)


def connect_new(app_run, name: str, url: str, token: str) -> None:
    """File ▸ Connect…, a new workspace."""
    app_run.session.window.connectRequested.emit()
    dialog = app_run.dialog()
    dialog.select_profile(None)
    app_run.connect(dialog, name=name, url=url, token=token)


def workspace_action(window, name: str):
    return next(a for a in window.workspaces_menu.actions() if a.text() == name)


@pytest.mark.usefixtures("memory_keyring")
def test_profiles_switch_from_the_workspaces_menu(app_run, live_server, two_workspaces, run, settings_path):
    app_run.start()
    app_run.connect(app_run.dialog(), name="Acme", url=live_server, token=two_workspaces["Acme"])
    acme_session = app_run.rows_shown(3)
    connect_new(app_run, "Globex", live_server, two_workspaces["Globex"])
    globex_session = app_run.rows_shown(2)
    assert app_run.first_names() == {"Gus", "Hal"}
    assert globex_session.window.windowTitle() == "CueDesk Contacts — Globex"

    menu = [(a.text(), a.isChecked()) for a in globex_session.window.workspaces_menu.actions()]
    assert menu == [("Acme", False), ("Globex", True), ("Sandbox (demo data)", False)]

    # The session left behind is shut down: window deleted, nothing running, its client closed.
    assert not shiboken6.isValid(acme_session.window) and acme_session.operations.pending == 0
    with pytest.raises(RuntimeError, match="closed"):
        run(acme_session.connection.call(lambda client: client.contacts.list(limit=1)))

    workspace_action(globex_session.window, "Acme").trigger()  # the keyring has its token: no dialog
    acme_again = app_run.rows_shown(3)
    assert app_run.no_dialog() and acme_again is not acme_session
    assert app_run.first_names() == {"Ada", "Bob", "Cy"}
    app_run.qtbot.waitUntil(lambda: not shiboken6.isValid(globex_session.window))
    assert globex_session.operations.pending == 0
    saved = Settings.read(settings_path)
    assert saved.profile(saved.last).name == "Acme"
    app_run.quit()


@pytest.mark.usefixtures("memory_keyring")
def test_the_last_workspace_reopens_at_start_with_its_layout(
    app_run, live_server, two_workspaces, settings_path, memory_keyring
):
    settings = Settings(settings_path)
    globex = Profile(Profile.new_id(), "Globex", live_server)
    settings.save_profile(Profile(Profile.new_id(), "Acme", live_server))
    settings.save_profile(globex)
    settings.set_last(globex.id)
    memory_keyring.set_password(SERVICE, f"profile-{globex.id}", two_workspaces["Globex"])
    app_run.workspaces.settings = Settings.read(settings_path)

    app_run.start()
    session = app_run.rows_shown(2)
    assert app_run.no_dialog() and app_run.first_names() == {"Gus", "Hal"}
    assert session.window.windowTitle() == "CueDesk Contacts — Globex"
    session.window.resize(760, 560)  # the offscreen screen is 800 x 600
    session.window.splitter.setSizes([400, 340])
    sizes = session.window.splitter.sizes()
    app_run.quit()

    layout = Settings.read(settings_path).layout(globex.id)
    assert set(layout) >= {"geometry", "splitter"}
    reopened = AppRun(app_run.qtbot, Workspaces(Settings.read(settings_path), TokenStore()))
    reopened.start()
    session = reopened.rows_shown(2)
    assert (session.window.width(), session.window.height()) == (760, 560)
    assert session.window.splitter.sizes() == sizes
    reopened.quit()


@pytest.mark.usefixtures("memory_keyring")
def test_a_saved_profile_without_a_token_asks_for_it_at_start(
    app_run, live_server, two_workspaces, settings_path
):
    settings = Settings(settings_path)
    acme = Profile(Profile.new_id(), "Acme", live_server, remember_token=False)
    settings.save_profile(acme)
    settings.set_last(acme.id)
    app_run.workspaces.settings = Settings.read(settings_path)
    app_run.start()
    dialog = app_run.dialog()
    assert dialog.selected_profile_id() == acme.id and dialog.url_edit.text() == live_server
    assert "not saved on this computer" in dialog.note.text()
    app_run.connect(dialog, token=two_workspaces["Acme"])
    app_run.rows_shown(3)
    app_run.quit()


@pytest.mark.usefixtures("memory_keyring")
def test_removing_a_profile_forgets_its_token(
    app_run, live_server, two_workspaces, settings_path, memory_keyring
):
    app_run.start()
    app_run.connect(app_run.dialog(), name="Acme", url=live_server, token=two_workspaces["Acme"])
    app_run.rows_shown(3)
    connect_new(app_run, "Globex", live_server, two_workspaces["Globex"])
    app_run.rows_shown(2)
    acme = Settings.read(settings_path).profile_named("Acme")
    assert (SERVICE, f"profile-{acme.id}") in memory_keyring.entries

    app_run.session.window.connectRequested.emit()
    dialog = app_run.dialog()
    dialog.select_profile(acme.id)
    app_run.qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    click_box_button(app_run.qtbot, message_box(app_run.qtbot), "Remove")
    listed = dialog.profile_list
    app_run.qtbot.waitUntil(lambda: [listed.item(i).text() for i in range(listed.count())][1:] == ["Globex"])
    assert Settings.read(settings_path).profile(acme.id) is None
    assert (SERVICE, f"profile-{acme.id}") not in memory_keyring.entries
    app_run.qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    menu = app_run.session.window.workspaces_menu
    app_run.qtbot.waitUntil(lambda: [a.text() for a in menu.actions()] == ["Globex", "Sandbox (demo data)"])
    app_run.quit()


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_the_app_says_so_and_keeps_the_token_for_the_session(
    app_run, live_server, two_workspaces, settings_path
):
    app_run.start()
    dialog = app_run.dialog()
    assert dialog.keyring_warning.isVisible() and dialog.keyring_warning.text() == NO_KEYRING
    assert not dialog.remember_check.isEnabled() and not dialog.remember_check.isChecked()
    app_run.connect(dialog, name="Acme", url=live_server, token=two_workspaces["Acme"])
    session = app_run.rows_shown(3)
    warning = session.window.statusBar().findChild(QLabel, "tokenWarning")
    assert warning is not None and warning.isVisible() and warning.toolTip() == NO_KEYRING

    connect_new(app_run, "Globex", live_server, two_workspaces["Globex"])
    app_run.rows_shown(2)
    workspace_action(app_run.session.window, "Acme").trigger()  # the token is still in memory
    session = app_run.rows_shown(3)
    assert app_run.no_dialog()
    assert session.window.statusBar().findChild(QLabel, "tokenWarning").isVisible()
    text = settings_path.read_text()
    assert all(token not in text for token in two_workspaces.values())
    app_run.quit()


@pytest.fixture
def tls_server(server_app, tmp_path):
    """The real server over https, with a certificate from a CA nobody trusts."""
    cert = trustme.CA().issue_cert("127.0.0.1", "localhost")
    certfile, keyfile = tmp_path / "server.pem", tmp_path / "server.key"
    cert.cert_chain_pems[0].write_to_path(str(certfile))
    cert.private_key_pem.write_to_path(str(keyfile))
    with serve(server_app, certfile=str(certfile), keyfile=str(keyfile)) as base_url:
        yield base_url


@pytest.mark.usefixtures("memory_keyring")
def test_an_invalid_certificate_is_refused_unless_the_profile_allows_it(
    app_run, tls_server, database, settings_path
):
    token = new_token(database, "Self-signed")
    app_run.start()
    dialog = app_run.dialog()
    assert not dialog.certificates_check.isChecked() and not dialog.certificates_warning.isVisible()
    app_run.connect(dialog, name="Lab", url=tls_server, token=token)
    problem = app_run.problem_shown(dialog)
    assert "is not trusted" in problem and "allow invalid certificates for this profile" in problem
    assert dialog.certificates_check.property("invalid")

    dialog.certificates_check.setChecked(True)
    assert dialog.certificates_warning.isVisible()
    app_run.connect(dialog)
    app_run.qtbot.waitUntil(lambda: app_run.workspaces.session is not None, timeout=15_000)
    session = app_run.session
    app_run.qtbot.waitUntil(lambda: session.model.total == 0)  # the session's own client also accepts it
    assert json.loads(settings_path.read_text())["profiles"][0]["allow_invalid_certificates"] is True
    app_run.quit()


@pytest.mark.usefixtures("memory_keyring")
def test_the_environment_opens_its_server_and_nothing_is_saved(
    app_run, live_server, two_workspaces, settings_path
):
    token = two_workspaces["Acme"]
    app_run.start(environ={API_URL_ENV: live_server, API_TOKEN_ENV: token})
    session = app_run.rows_shown(3)
    assert isinstance(session.connection, RemoteConnection) and app_run.no_dialog()
    app_run.quit()
    saved = Settings.read(settings_path)
    assert saved.profiles == [] and saved.last is None
    assert token not in settings_path.read_text()


@pytest.mark.slow
@pytest.mark.usefixtures("memory_keyring")
def test_the_sandbox_is_offered_first_and_opens(app_run, tmp_path, settings_path):
    opened: list[SandboxConnection] = []

    def open_sandbox() -> SandboxConnection:
        opened.append(
            SandboxConnection(SandboxLauncher(SandboxPaths(tmp_path / "sandbox"), demo_contacts=30))
        )
        return opened[-1]

    app_run.workspaces = Workspaces(Settings(settings_path), TokenStore(), open_sandbox=open_sandbox)
    app_run.start()
    dialog = app_run.dialog()
    assert dialog.mode is Mode.FIRST_START
    app_run.qtbot.mouseClick(dialog.sandbox_button, Qt.MouseButton.LeftButton)
    app_run.qtbot.waitUntil(
        lambda: app_run.workspaces.session is not None and (app_run.session.model.total or 0) > 0,
        timeout=90_000,
    )
    assert app_run.session.window.windowTitle() == "CueDesk Contacts — Sandbox"
    assert Settings.read(settings_path).last == SANDBOX_KEY
    server = opened[0].launcher.process
    assert server is not None and server.poll() is None
    app_run.quit()
    assert server.poll() is not None, "the sandbox stopped with the app"
