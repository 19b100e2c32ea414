"""The server under uvicorn: the lightest configuration that serves this API."""

from __future__ import annotations

from typing import Any

import uvicorn

#: The API has no WebSocket and needs neither uvloop nor httptools. Naming each part spares uvicorn
#: probing for those optional packages at every start, and keeps the server the same whatever else
#: happens to be installed beside it.
LEAN_OPTIONS: dict[str, Any] = {
    "loop": "asyncio",
    "http": "h11",
    "ws": "none",
    "lifespan": "on",
    "interface": "asgi3",
}


def server_config(api: Any, **options: Any) -> uvicorn.Config:
    """uvicorn's configuration for ``api`` (an ASGI app) with :data:`LEAN_OPTIONS` and ``options``."""
    return uvicorn.Config(api, **LEAN_OPTIONS, **options)
