"""The server under uvicorn: the lightest configuration that serves this API."""

from __future__ import annotations

import sys
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


def without_pydantic_v1() -> None:
    """Keep this server process from loading pydantic's v1 compatibility package (~20 ms of CPU).

    FastAPI imports it only to ask whether each route's types are v1 models, and answers "no" when it
    cannot be imported (as on Python versions pydantic v1 does not support). None of ours are. Called
    by the commands that serve, before they build the app; never in a process that may need it.
    """
    sys.modules.setdefault("pydantic.v1", None)  # type: ignore[arg-type]
