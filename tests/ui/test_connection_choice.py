"""Which server the app opens: ``--sandbox``, the environment (scripted runs), or the sandbox with a notice."""

from __future__ import annotations

from app.ui.connection import (
    API_TOKEN_ENV,
    API_URL_ENV,
    RemoteConnection,
    SandboxConnection,
    choose_connection,
)
from app.ui.sandbox import SANDBOX_DIR_ENV, SandboxPaths

TOKEN = "cdk_secret-token-value"


def test_the_environment_names_the_server_and_the_token_never_shows():
    choice = choose_connection(
        sandbox=False, environ={API_URL_ENV: "https://api.cuedesk.com/v1", API_TOKEN_ENV: TOKEN}
    )
    assert isinstance(choice.connection, RemoteConnection) and choice.notice is None
    assert choice.connection.label == "api.cuedesk.com"
    assert TOKEN not in repr(choice.connection)


def test_the_sandbox_flag_wins_over_the_environment():
    choice = choose_connection(
        sandbox=True, environ={API_URL_ENV: "https://x.example/v1", API_TOKEN_ENV: TOKEN}
    )
    assert isinstance(choice.connection, SandboxConnection) and choice.notice is None


def test_without_a_server_the_sandbox_opens_and_the_user_is_told_why():
    choice = choose_connection(sandbox=False, environ={})
    assert isinstance(choice.connection, SandboxConnection)
    assert "No server is configured" in choice.notice

    half = choose_connection(sandbox=False, environ={API_URL_ENV: "https://x.example/v1"})
    assert isinstance(half.connection, SandboxConnection)
    assert API_TOKEN_ENV in half.notice


def test_the_sandbox_folder_is_the_user_data_folder_unless_the_environment_names_one(tmp_path):
    assert SandboxPaths.default({SANDBOX_DIR_ENV: str(tmp_path)}).root == tmp_path
    default = SandboxPaths.default({}).root
    assert default.name == "sandbox" and "CueDesk Contacts" in str(default)
