"""Where profiles and tokens are kept: the settings file and the keyring (an in-memory backend here)."""

from __future__ import annotations

import json

import keyring.backend
import pytest
from keyring.errors import KeyringError

from app.ui.connect.settings import CONFIG_DIR_ENV, SANDBOX_KEY, SETTINGS_FILE, Profile, Settings, config_dir
from app.ui.connect.tokens import (
    NO_KEYRING,
    PARTS_MARKER,
    SERVICE,
    WINDOWS_SECRET_LIMIT,
    TokenStore,
    secret_size,
)
from tests.ui import connect_support

memory_keyring, no_keyring = connect_support.memory_keyring, connect_support.no_keyring

TOKEN = "cdk_" + "x" * 43


def test_profiles_never_share_a_keyring_entry(memory_keyring):
    store = TokenStore()
    store.save("one", "cdk_first", remember=True)
    store.save("two", "cdk_second", remember=True)
    assert memory_keyring.entries == {
        (SERVICE, "profile-one"): "cdk_first",
        (SERVICE, "profile-two"): "cdk_second",
    }
    later = TokenStore()  # the next start: nothing in memory
    assert (later.load("one"), later.load("two"), later.load("three")) == ("cdk_first", "cdk_second", None)


def test_a_token_not_remembered_is_kept_for_the_session_and_removed_from_the_keyring(memory_keyring):
    store = TokenStore()
    store.save("one", "cdk_first", remember=True)
    assert store.save("one", "cdk_other", remember=False) is None
    assert memory_keyring.entries == {}
    assert store.load("one") == "cdk_other" and TokenStore().load("one") is None
    store.forget("one")
    assert store.load("one") is None


def test_a_token_too_long_for_the_keyring_is_split_and_read_back_whole(memory_keyring):
    long_token = "cdk_" + "é" * 150 + "x" * 200  # 354 characters
    store = TokenStore(max_secret_bytes=64)
    assert store.save("big", long_token, remember=True) is None
    head = memory_keyring.entries[(SERVICE, "profile-big")]
    parts = {k: v for k, v in memory_keyring.entries.items() if k[1].startswith("profile-big#")}
    assert head == f"{PARTS_MARKER}{len(parts)}" and len(parts) > 1
    assert all(secret_size(part) <= 64 for part in parts.values())
    assert TokenStore(max_secret_bytes=64).load("big") == long_token

    store.save("big", "cdk_short", remember=True)  # no part of the old token is left behind
    assert memory_keyring.entries == {(SERVICE, "profile-big"): "cdk_short"}
    store.save("big", long_token, remember=True)
    store.forget("big")
    assert memory_keyring.entries == {}


def test_on_windows_the_credential_managers_limit_applies(monkeypatch):
    monkeypatch.setattr("sys.platform", "win32")
    assert TokenStore().max_secret_bytes == WINDOWS_SECRET_LIMIT == 2560
    monkeypatch.setattr("sys.platform", "linux")
    assert TokenStore().max_secret_bytes is None


class LockedKeyring(keyring.backend.KeyringBackend):
    """A keyring that exists but refuses to store anything (e.g. a locked collection)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        raise KeyringError("the collection is locked")

    def delete_password(self, service, username):
        raise keyring.errors.PasswordDeleteError("nothing there")


def test_a_keyring_that_refuses_keeps_the_token_in_memory_and_says_why():
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    try:
        store = TokenStore()
        warning = store.save("one", TOKEN, remember=True)
        assert (
            warning is not None and "the collection is locked" in warning and "this session only" in warning
        )
        assert TOKEN not in warning
        assert store.load("one") == TOKEN and store.unsaved_reason("one") == warning
        assert store.keyring_problem() is None
    finally:
        keyring.set_keyring(previous)


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_the_token_lives_in_memory_only():
    store = TokenStore()
    assert store.keyring_problem() == NO_KEYRING
    assert store.save("one", TOKEN, remember=True) == NO_KEYRING
    assert store.save("two", TOKEN, remember=False) == NO_KEYRING, "said even when not asked to remember"
    assert store.load("one") == TOKEN and store.unsaved_reason("one") == NO_KEYRING
    assert TokenStore().load("one") is None
    store.forget("one")


def test_the_settings_file_lives_in_the_config_folder_or_where_the_environment_says(tmp_path):
    assert config_dir({CONFIG_DIR_ENV: str(tmp_path)}) == tmp_path
    assert "CueDesk Contacts" in str(config_dir({}))
    settings = Settings.load({CONFIG_DIR_ENV: str(tmp_path / "conf")})
    settings.save_profile(Profile("p1", "Acme", "https://acme.example/v1"))
    assert (tmp_path / "conf" / SETTINGS_FILE).exists()


def test_profiles_last_and_layouts_survive_a_restart(tmp_path):
    path = tmp_path / SETTINGS_FILE
    settings = Settings(path)
    acme = Profile("p1", "Acme", "https://acme.example/v1", allow_invalid_certificates=True)
    settings.save_profile(acme)
    settings.save_profile(Profile("p2", "beta", "https://beta.example/v1", remember_token=False))
    settings.set_last("p1")
    settings.save_layout("p1", {"geometry": "AAA=", "columns": [1, 2]})
    settings.save_layout(SANDBOX_KEY, {"splitter": "BBB="})

    again = Settings.read(path)
    assert [p.name for p in again.profiles] == ["Acme", "beta"]
    assert again.profile("p1") == acme and again.profile_named("ACME") == acme
    assert again.last == "p1"
    assert again.layout("p1") == {"geometry": "AAA=", "columns": [1, 2]}
    assert again.layout(SANDBOX_KEY) == {"splitter": "BBB="} and again.layout("p2") == {}

    again.remove_profile("p1")
    assert again.last is None and again.layout("p1") == {}
    assert [p.id for p in Settings.read(path).profiles] == ["p2"]
    assert "token" not in json.loads(path.read_text())["profiles"][0].keys() - {"remember_token"}


def test_an_unreadable_settings_file_is_set_aside_not_lost(tmp_path, caplog):
    path = tmp_path / SETTINGS_FILE
    path.write_text("{ not json")
    settings = Settings.read(path)
    assert settings.profiles == [] and settings.last is None
    assert (tmp_path / (SETTINGS_FILE + ".broken")).read_text() == "{ not json"
    assert "could not be read" in caplog.text
