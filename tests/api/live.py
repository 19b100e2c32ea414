"""The real server app on a real loopback socket (uvicorn in a thread), for tests that need sockets."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn


@contextlib.contextmanager
def serve(app, *, certfile: str | None = None, keyfile: str | None = None) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (https with ``certfile``); yields the API's base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", ssl_certfile=certfile, ssl_keyfile=keyfile
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.005)
    try:
        yield f"{'https' if certfile else 'http'}://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


class Gate:
    """ASGI middleware that holds HTTP requests while ``opened`` is clear (it starts open); counts those inside."""

    def __init__(self, app) -> None:
        self.app = app
        self.opened = threading.Event()
        self.opened.set()
        self.inside = 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.inside += 1
        try:
            while not self.opened.is_set():
                await asyncio.sleep(0.005)
            await self.app(scope, receive, send)
        finally:
            self.inside -= 1


class ForwardProxy:
    """ASGI middleware acting as a plain-http forward proxy: serves absolute-form requests itself.

    Records the host each proxied request was meant for.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.proxied_hosts: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("http://"):
            host, _, rest = scope["path"].removeprefix("http://").partition("/")
            self.proxied_hosts.append(host)
            scope = {**scope, "path": "/" + rest, "raw_path": ("/" + rest).encode()}
        await self.app(scope, receive, send)
