"""Where the import journals of a profile live.

``<data dir>/imports/<profile>/`` (``app/ui/data_dir.py``).
Until connection profiles exist, a profile is named after its connection: ``sandbox`` for the
embedded sandbox, the server's address otherwise.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping

from app.importing import JournalStore

from ..connection import Connection, SandboxConnection
from ..data_dir import data_dir


def profile_key(connection: Connection) -> str:
    """A folder name for the connection's profile: ``sandbox``, or e.g. ``api.cuedesk.com-1a2b3c4d``."""
    if isinstance(connection, SandboxConnection):
        return "sandbox"
    label = connection.label or "server"
    readable = re.sub(r"[^A-Za-z0-9.-]+", "_", label).strip("._") or "server"
    return f"{readable[:60]}-{hashlib.sha256(label.encode()).hexdigest()[:8]}"


def journal_store(connection: Connection, environ: Mapping[str, str] = os.environ) -> JournalStore:
    return JournalStore(data_dir(environ) / "imports" / profile_key(connection))
