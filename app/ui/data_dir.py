"""The app's data folder (logs, crash reports, import journals), or ``$CUEDESK_DATA_DIR``.

From ``platformdirs`` (the sandbox's parent folder): ``~/.local/share/CueDesk Contacts`` on Linux,
``%LOCALAPPDATA%\\CueDesk\\CueDesk Contacts`` on Windows, ``~/Library/Application Support/CueDesk
Contacts`` on macOS.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .names import APP_AUTHOR, APP_NAME

DATA_DIR_ENV = "CUEDESK_DATA_DIR"


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    configured = environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs  # only when no folder is configured

    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR, roaming=False)
