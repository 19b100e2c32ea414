"""The app's settings file: saved workspace profiles, which one was open last, window layouts, saved searches.

One JSON file in the platform's config folder (``platformdirs.user_config_path``, or
``$CUEDESK_CONFIG_DIR``). It never holds a token: a ``Profile`` has no field for one, and layouts
are what the window reports. Tokens live in the OS keyring (``tokens.py``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..names import API_TOKEN_ENV, API_URL_ENV, APP_AUTHOR, APP_NAME

log = logging.getLogger(__name__)

#: Environment variable naming the folder of the settings file (tests, portable installs).
CONFIG_DIR_ENV = "CUEDESK_CONFIG_DIR"
SETTINGS_FILE = "settings.json"
FORMAT_VERSION = 1
#: Keys of the workspaces that are not saved profiles (their layouts are kept too).
SANDBOX_KEY = "sandbox"
ENVIRONMENT_KEY = "environment"


def config_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the settings file lives."""
    configured = environ.get(CONFIG_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs  # only when the settings are read (not with remember=False)

    return platformdirs.user_config_path(APP_NAME, APP_AUTHOR, roaming=True)


@dataclass(frozen=True, slots=True)
class Profile:
    """A saved workspace: a name, the API's base URL and whether invalid certificates are allowed.

    ``id`` is stable (it names the profile's keyring entry and layout); it never changes when the
    profile is renamed or moved to another URL.
    """

    id: str
    name: str
    base_url: str
    allow_invalid_certificates: bool = False
    remember_token: bool = True

    @staticmethod
    def new_id() -> str:
        import uuid  # here: it loads `platform`, ~5 ms before the window otherwise

        return uuid.uuid4().hex

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            base_url=str(data["base_url"]),
            allow_invalid_certificates=bool(data.get("allow_invalid_certificates", False)),
            remember_token=bool(data.get("remember_token", True)),
        )


class Settings:
    """The settings, kept in memory and written to ``path`` on every change (``path=None``: memory only)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._profiles: dict[str, Profile] = {}
        self._last: str | None = None
        self._layouts: dict[str, dict[str, Any]] = {}
        self._saved_searches: dict[str, list[dict[str, Any]]] = {}

    @classmethod
    def load(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """The settings of this user."""
        return cls.read(config_dir(environ) / SETTINGS_FILE)

    @classmethod
    def read(cls, path: Path) -> Settings:
        """The settings kept in ``path`` (none yet if it does not exist; if unreadable, it is set aside)."""
        settings = cls(path)
        settings._read()
        return settings

    # -- profiles ------------------------------------------------------------------------------

    @property
    def profiles(self) -> list[Profile]:
        """Saved profiles, by name."""
        return sorted(self._profiles.values(), key=lambda p: (p.name.casefold(), p.id))

    def profile(self, profile_id: str) -> Profile | None:
        return self._profiles.get(profile_id)

    def profile_named(self, name: str) -> Profile | None:
        folded = name.strip().casefold()
        return next((p for p in self._profiles.values() if p.name.casefold() == folded), None)

    def save_profile(self, profile: Profile) -> None:
        """Add ``profile`` or replace the one with its id."""
        self._profiles[profile.id] = profile
        self._write()

    def remove_profile(self, profile_id: str) -> None:
        """Forget a profile, its layout, and that it was open last."""
        self._profiles.pop(profile_id, None)
        self._layouts.pop(profile_id, None)
        self._saved_searches.pop(profile_id, None)
        if self._last == profile_id:
            self._last = None
        self._write()

    # -- what opens at start -------------------------------------------------------------------

    @property
    def last(self) -> str | None:
        """The key of the workspace open last: a profile id or ``SANDBOX_KEY``."""
        if self._last == SANDBOX_KEY or self._last in self._profiles:
            return self._last
        return None

    def set_last(self, key: str) -> None:
        if key != self._last:
            self._last = key
            self._write()

    # -- layouts -------------------------------------------------------------------------------

    def layout(self, key: str) -> dict[str, Any]:
        """The window layout saved for a workspace (a profile id, ``SANDBOX_KEY``, ...); ``{}`` if none."""
        return dict(self._layouts.get(key, {}))

    def save_layout(self, key: str, layout: Mapping[str, Any]) -> None:
        """Keep a workspace's window layout (JSON values: what ``MainWindow.save_layout`` returns)."""
        self._layouts[key] = dict(layout)
        self._write()

    # -- saved searches ------------------------------------------------------------------------

    def saved_searches(self, key: str) -> list[dict[str, Any]]:
        """A workspace's saved searches (JSON values, as the search builder writes them); ``[]`` if none."""
        return [dict(item) for item in self._saved_searches.get(key, [])]

    def save_saved_searches(self, key: str, searches: Sequence[Mapping[str, Any]]) -> None:
        """Keep a workspace's saved searches (all of them, replacing those kept before)."""
        self._saved_searches[key] = [dict(item) for item in searches]
        self._write()

    # -- the file ------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "last": self._last,
            "profiles": [asdict(p) for p in self.profiles],
            "layouts": self._layouts,
            "saved_searches": self._saved_searches,
        }

    def _read(self) -> None:
        if self.path is None or not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            profiles = [Profile.from_json(item) for item in data.get("profiles", [])]
            layouts = {str(k): dict(v) for k, v in dict(data.get("layouts", {})).items()}
            saved_searches = {
                str(k): [dict(item) for item in v] for k, v in dict(data.get("saved_searches", {})).items()
            }
            last = data.get("last")
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            broken = self.path.with_name(self.path.name + ".broken")
            log.warning(
                "The settings file %s could not be read (%s); it was moved to %s.", self.path, exc, broken
            )
            with contextlib.suppress(OSError):
                os.replace(self.path, broken)
            return
        self._profiles = {p.id: p for p in profiles}
        self._layouts = layouts
        self._saved_searches = saved_searches
        self._last = str(last) if last else None

    def _write(self) -> None:
        """Replace the file atomically (a crash leaves the old or the new one, never half of one)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def workspace_known(*, sandbox: bool, environ: Mapping[str, str], settings: Settings) -> str | None:
    """The settings key of the workspace that will open without asking, if any (a remembered profile
    whose token turns out to be missing still asks: that window is then closed)."""
    if sandbox:
        return SANDBOX_KEY
    url, token = environ.get(API_URL_ENV, "").strip(), environ.get(API_TOKEN_ENV, "").strip()
    if url and token:
        return ENVIRONMENT_KEY
    if url or token:
        return SANDBOX_KEY  # the sandbox, with a notice saying what is missing
    return settings.last
