"""Where the import journals of a profile live.

``<data dir>/imports/<profile>/`` with the data dir from ``platformdirs`` (the sandbox's parent
folder: ``~/.local/share/CueDesk Contacts`` on Linux, ``%LOCALAPPDATA%\\CueDesk\\CueDesk Contacts``
on Windows, ``~/Library/Application Support/CueDesk Contacts`` on macOS), or ``$CUEDESK_DATA_DIR``.
Until connection profiles exist, a profile is named after its connection: ``sandbox`` for the
embedded sandbox, the server's address otherwise.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from app.importing import JournalStore

from ..connection import Connection, SandboxConnection
from ..sandbox import APP_AUTHOR, APP_NAME

DATA_DIR_ENV = "CUEDESK_DATA_DIR"


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    configured = environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR, roaming=False)


def profile_key(connection: Connection) -> str:
    """A folder name for the connection's profile: ``sandbox``, or e.g. ``api.cuedesk.com-1a2b3c4d``."""
    if isinstance(connection, SandboxConnection):
        return "sandbox"
    label = connection.label or "server"
    readable = re.sub(r"[^A-Za-z0-9.-]+", "_", label).strip("._") or "server"
    return f"{readable[:60]}-{hashlib.sha256(label.encode()).hexdigest()[:8]}"


def journal_store(connection: Connection, environ: Mapping[str, str] = os.environ) -> JournalStore:
    return JournalStore(data_dir(environ) / "imports" / profile_key(connection))
