"""Which server the app opens: ``--sandbox``, the environment (scripted runs), or (None) the saved workspaces."""

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


def test_half_a_server_in_the_environment_opens_the_sandbox_and_says_why():
    assert choose_connection(sandbox=False, environ={}) is None  # the saved workspaces decide
    half = choose_connection(sandbox=False, environ={API_URL_ENV: "https://x.example/v1"})
    assert isinstance(half.connection, SandboxConnection)
    assert API_TOKEN_ENV in half.notice


def test_the_sandbox_folder_is_the_user_data_folder_unless_the_environment_names_one(tmp_path):
    assert SandboxPaths.default({SANDBOX_DIR_ENV: str(tmp_path)}).root == tmp_path
    default = SandboxPaths.default({}).root
    assert default.name == "sandbox" and "CueDesk Contacts" in str(default)
