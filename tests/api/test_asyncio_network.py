"""The client's own sockets (``app/api/_asyncio_network.py``) against real servers on loopback sockets.

Refused connections, timeouts, cancellation and TLS are tested in ``test_client_network.py`` and
``test_client_trust.py``, which go through the same sockets; here: what the backend does itself
(large answers under flow control, connections the server closes, answers cut short).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from app.api import ApiConnectionError, CueDeskClient
from app.api._asyncio_network import PAUSE_ABOVE, AsyncioNetworkBackend, AsyncioTransport
from app.api._http import HttpCore
from tests.api.live import serve

pytestmark = pytest.mark.anyio

SMALL_BUFFER = 64 * 1024  # the kernel's socket buffers, kept small so that they fill
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@contextlib.asynccontextmanager
async def raw_server(handler: Handler) -> AsyncIterator[int]:
    """A server on a loopback port (yielded) that answers each connection with ``handler``."""
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    async with server:
        yield server.sockets[0].getsockname()[1]


def api_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/v1"


async def read_request(reader: asyncio.StreamReader) -> bytes:
    """One request's head and body (by Content-Length)."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length")
        ),
        0,
    )
    return head + (await reader.readexactly(length) if length else b"")


def answer(body: bytes, *, length: int | None = None) -> bytes:
    return (
        b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body) if length is None else length}\r\n\r\n".encode()
        + body
    )


async def test_the_client_talks_to_a_server_through_its_own_asyncio_sockets(server_app, token):
    with serve(server_app) as base_url:
        async with CueDeskClient(base_url, token=token) as api:
            created = await api.contacts.create(email="ada@example.com", first_name="Ada")
            assert (await api.contacts.get(created.uuid)).first_name == "Ada"
            pool = api._http._client._transport._pool
    assert isinstance(pool._network_backend, AsyncioNetworkBackend)


@pytest.mark.parametrize(
    ("variables", "own_sockets"),
    [({}, True), ({"NO_PROXY": "example.com"}, True), ({"HTTPS_PROXY": "http://127.0.0.1:9"}, False)],
    ids=["no proxy", "NO_PROXY alone", "a proxy"],
)
async def test_the_client_keeps_its_own_sockets_unless_a_proxy_is_configured(
    token, monkeypatch, variables, own_sockets
):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    async with CueDeskClient("https://contacts.example.com/v1", token=token) as api:
        transport = api._http._client._transport
        assert isinstance(transport, AsyncioTransport) is own_sockets


async def test_a_large_answer_read_slowly_arrives_whole():
    """The reader lags far behind the server: reading pauses above PAUSE_ABOVE and must resume."""
    body = bytes(range(256)) * (16 * PAUSE_ABOVE // 256)
    sent = asyncio.Event()

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SMALL_BUFFER)
        writer.write(body)
        await writer.drain()
        sent.set()
        writer.close()

    async with raw_server(handler) as port:
        small = [(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_BUFFER)]
        stream = await AsyncioNetworkBackend().connect_tcp("127.0.0.1", port, timeout=5, socket_options=small)
        await asyncio.sleep(0.2)  # nothing read yet: the kernel's buffers fill, the server waits
        assert not sent.is_set(), "the backend kept reading without bound"
        received = bytearray()
        while chunk := await stream.read(65536, timeout=5):
            received += chunk
        await stream.aclose()
    assert received == body


async def test_a_connection_the_server_closed_after_answering_is_not_used_again(token):
    """A POST is never sent twice: were the closed connection reused, the second create would fail."""
    connections = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(writer)
        await read_request(reader)
        writer.write(answer(b'{"ok": true}'))  # no "Connection: close": the client may keep it
        await writer.drain()
        writer.close()

    async with raw_server(handler) as port:
        core = HttpCore(api_url(port), token)
        try:
            for _ in range(3):
                response = await core.request("POST", "contacts", json={"email": "a@example.com"})
                assert response.json() == {"ok": True}
                await asyncio.sleep(0.05)  # the server's close reaches the client
        finally:
            await core.aclose()
    assert len(connections) == 3


async def test_a_connection_whose_server_was_killed_while_idle_is_not_used_again(token):
    """The server goes away between two requests and the loop has not run since (the sandbox's server
    killed): the kernel knows, the loop does not yet. The create must reach the new server, once."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    may_close, closed = threading.Event(), threading.Event()

    def serve_then_close(count: int) -> None:
        for _ in range(count):
            connection, _address = listener.accept()
            with connection:
                request = b""
                while b"\r\n\r\n" not in request:
                    request += connection.recv(65536)
                head, _, body = request.partition(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                while len(body) < length:
                    body += connection.recv(65536)
                connection.sendall(answer(b'{"ok": true}'))
                may_close.wait(5)
            closed.set()

    server = threading.Thread(target=serve_then_close, args=(2,), daemon=True)
    server.start()
    core = HttpCore(api_url(port), token)
    try:
        for _ in range(2):
            may_close.clear()
            closed.clear()
            response = await core.request("POST", "contacts", json={"email": "a@example.com"})
            assert response.json() == {"ok": True}
            may_close.set()
            closed.wait(5)  # blocks the loop: it does not see the server's close
    finally:
        await core.aclose()
        server.join(5)
        listener.close()


async def test_an_answer_cut_short_by_the_server_is_a_broken_connection_error(token, sleeps):
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(answer(b'{"items": [', length=1000))
        await writer.drain()
        writer.close()

    async with raw_server(handler) as port:
        core = HttpCore(api_url(port), token, sleep=sleeps)
        try:
            with pytest.raises(ApiConnectionError) as caught:
                await core.request("GET", "contacts")
        finally:
            await core.aclose()
    assert "broke before the answer was complete" in str(caught.value)
    assert len(sleeps) == 2, "a GET is safe to send again"
