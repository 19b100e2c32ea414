"""The server under uvicorn: the lightest configuration that serves this API, and what a serving
process loads (or does not) before it serves.

uvicorn is imported where used: :func:`uvicorn_without_its_command_line` must come first.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    import uvicorn

    return uvicorn.Config(api, **LEAN_OPTIONS, **options)


def uvicorn_without_its_command_line() -> None:
    """Make ``uvicorn`` its server and its configuration alone, in a process that only serves.

    ``import uvicorn`` runs the package's ``__init__``, which imports uvicorn's own command line (click)
    and its worker supervisors (multiprocessing): ~1.8% of the sandbox server's CPU to its first page,
    for parts a server started by this program never uses. Here the package is created without running
    its ``__init__`` and given the two names the server uses, ``Config`` and ``Server`` (uvicorn's
    lifespan imports ``Config`` from it too); ``uvicorn.run`` and ``uvicorn.main`` are not there.

    Only for the desktop app's private ``--sandbox-server`` mode (``app/main.py``), a process that runs
    nothing but the server; ``tests/server/test_startup.py`` starts it as the app does. Does nothing
    once uvicorn is imported.
    """
    if "uvicorn" in sys.modules:
        return
    spec = importlib.util.find_spec("uvicorn")
    if spec is None:
        return  # let the usual import say that it is missing
    package = importlib.util.module_from_spec(spec)
    sys.modules["uvicorn"] = package
    try:
        from uvicorn.config import Config
        from uvicorn.server import Server
    except BaseException:
        del sys.modules["uvicorn"]
        raise
    package.Config, package.Server = Config, Server  # type: ignore[attr-defined]


def import_fastapi() -> None:
    """Import FastAPI with its own pydantic models built on first use instead of at import.

    Importing FastAPI makes pydantic build its ~40 OpenAPI models (``fastapi.openapi.models``) and two
    error models: ~6% of the sandbox server's CPU to its first page (about 0.06 s on the development
    machine), for models only ``/openapi.json`` uses. While FastAPI is imported here,
    ``BaseModel``'s configuration says ``defer_build``, which each model defined meanwhile inherits and
    keeps: pydantic builds it when it is first used (the three that FastAPI rebuilds explicitly are
    still built at import). ``BaseModel``'s configuration is restored right after, so models defined
    later, ours among them, are built as they say: our request models must be built at import
    (deferred, FastAPI's body parameters warned on every request). The document served is the same
    (``tests/server/test_serving.py``).

    Called by the command line before anything imports FastAPI; once FastAPI is imported, it does
    nothing.
    """
    if "fastapi" in sys.modules:
        return
    from pydantic import BaseModel

    config = BaseModel.model_config
    before = config.get("defer_build")
    config["defer_build"] = True
    try:
        import fastapi  # noqa: F401
    finally:
        if before is None:
            del config["defer_build"]
        else:
            config["defer_build"] = before


def without_pydantic_v1() -> None:
    """Keep this server process from loading pydantic's v1 compatibility package (~20 ms of CPU).

    FastAPI imports it only to ask whether each route's types are v1 models, and answers "no" when it
    cannot be imported (as on Python versions pydantic v1 does not support). None of ours are. Called
    by the commands that serve, before they build the app; never in a process that may need it.
    """
    sys.modules.setdefault("pydantic.v1", None)  # type: ignore[arg-type]


def without_pydantic_plugins() -> None:
    """No pydantic plugin in a server process, unless ``PYDANTIC_DISABLE_PLUGINS`` says otherwise.

    A pydantic plugin (installed as a package) sees every value validated: the server's requests,
    contacts included. Like FastAPI's telemetry (``create_app``), none runs in the server, which reports
    to no one. Looking for plugins also read the metadata of every installed package at the first
    model built (~0.8% of the sandbox's CPU to its first page). Called by the command line before any
    model is built; the environment variable is pydantic's own, which its child processes inherit.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
