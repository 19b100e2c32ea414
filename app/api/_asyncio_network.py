"""httpcore's sockets on plain asyncio, without anyio's stream layer.

httpx (through httpcore) talks to sockets through anyio by default. anyio's stream adds a checkpoint
(``await sleep(0)``) to every send and every receive that finds data waiting, and pauses reading
between receives, so a response of several chunks waits for the loop once per chunk. On the app's
qasync loop each of those waits is a pass of the Qt event loop, and while the user scrolls a pass
can hold a paint of the table: a page of contacts took 6 passes on anyio, and ~10 ms longer when
the loop was idle. Here a write goes straight to the socket, everything the server sends is read
as it comes (up to ``PAUSE_ABOVE`` bytes not yet consumed), and a read that finds data returns it
without waiting for the loop.

``AsyncioTransport`` is httpx's transport with this backend; proxies (which httpx mounts separately)
keep anyio's.
"""

from __future__ import annotations

import asyncio
import select
import ssl
from collections.abc import Awaitable, Iterable
from typing import Any

import httpcore
import httpx

#: Reading pauses while more than this is received and not read yet (flow control)…
PAUSE_ABOVE = 256 * 1024
#: …and resumes once the reader has taken the rest down to this.
RESUME_BELOW = 64 * 1024

DEFAULT_LIMITS = httpx.Limits()
SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]


class _Received(asyncio.Protocol):
    """Buffers what a connection receives and wakes the one reader waiting for it."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.ended = False  # the server closed its side, or the connection is lost
        self.error: BaseException | None = None
        self.paused = False
        self._reader: asyncio.Future[None] | None = None
        self._drained: asyncio.Future[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > PAUSE_ABOVE and not self.paused and self.transport is not None:
            self.paused = True
            self.transport.pause_reading()
        self._wake_reader()

    def eof_received(self) -> bool:
        self.ended = True
        self._wake_reader()
        return False  # close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.ended = True
        self.error = exc
        self._wake_reader()
        self.resume_writing()

    def pause_writing(self) -> None:
        if self._drained is None:
            self._drained = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        drained, self._drained = self._drained, None
        if drained is not None and not drained.done():
            drained.set_result(None)

    async def wait_for_data(self) -> None:
        self._reader = asyncio.get_running_loop().create_future()
        try:
            await self._reader
        finally:
            self._reader = None

    async def wait_until_drained(self) -> None:
        if self._drained is not None:
            await asyncio.shield(self._drained)

    def take(self, max_bytes: int) -> bytes:
        if len(self.buffer) <= max_bytes:
            data = bytes(self.buffer)
            self.buffer.clear()
        else:
            data = bytes(self.buffer[:max_bytes])
            del self.buffer[:max_bytes]
        if self.paused and len(self.buffer) < RESUME_BELOW and self.transport is not None:
            self.paused = False
            self.transport.resume_reading()
        return data

    def _wake_reader(self) -> None:
        if self._reader is not None and not self._reader.done():
            self._reader.set_result(None)


def _readable(sock: Any) -> bool:
    """Whether the kernel holds something to read on ``sock`` (or it is closed) without waiting."""
    if sock is None or sock.fileno() < 0:
        return True
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock.fileno(), select.POLLIN)
        return bool(poller.poll(0))
    return bool(select.select([sock], [], [], 0)[0])  # Windows: no poll(), and no 1,024-descriptor limit


class AsyncioStream(httpcore.AsyncNetworkStream):
    """One connection (plain or TLS) as httpcore reads and writes it."""

    def __init__(self, transport: asyncio.Transport, received: _Received) -> None:
        self._transport = transport
        self._received = received

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        received = self._received
        if not received.buffer and not received.ended:
            try:
                async with asyncio.timeout(timeout):
                    await received.wait_for_data()
            except TimeoutError:
                raise httpcore.ReadTimeout("timed out while reading") from None
        if received.buffer:
            return received.take(max_bytes)
        if received.error is not None:
            raise httpcore.ReadError(received.error) from received.error
        return b""  # the server closed the connection

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        if self._transport.is_closing():
            raise httpcore.WriteError("the connection is closed")
        self._transport.write(buffer)
        try:
            async with asyncio.timeout(timeout):
                await self._received.wait_until_drained()
        except TimeoutError:
            raise httpcore.WriteTimeout("timed out while writing") from None
        if self._received.error is not None:
            raise httpcore.WriteError(self._received.error) from self._received.error

    async def aclose(self) -> None:
        self._transport.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport = await loop.start_tls(
                    self._transport, self._received, ssl_context, server_hostname=server_hostname
                )
        except TimeoutError:
            self._transport.close()
            raise httpcore.ConnectTimeout("timed out during the TLS handshake") from None
        except (OSError, ssl.SSLError, ConnectionError) as exc:
            self._transport.close()
            raise httpcore.ConnectError(exc) from exc
        if transport is None:  # the connection closed during the handshake
            raise httpcore.ConnectError("the connection closed during the TLS handshake")
        self._received.transport = transport
        return AsyncioStream(transport, self._received)

    def get_extra_info(self, info: str) -> Any:
        if info == "ssl_object":
            return self._transport.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._transport.get_extra_info("sockname")
        if info == "server_addr":
            return self._transport.get_extra_info("peername")
        if info == "socket":
            return self._transport.get_extra_info("socket")
        if info == "is_readable":
            # Asked of an idle connection kept alive: anything received (or the end) means the server
            # closed it or broke the protocol, and it must not be used again. The socket is asked too:
            # the loop may not have read what the kernel already holds (a server killed just now).
            received = self._received
            return (
                bool(received.buffer) or received.ended or _readable(self._transport.get_extra_info("socket"))
            )
        return None


class AsyncioNetworkBackend(httpcore.AsyncNetworkBackend):
    """Opens connections with asyncio's transports (see the module docstring)."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        local = (local_address, 0) if local_address else None
        loop = asyncio.get_running_loop()
        return await _connected(
            loop.create_connection(_Received, host, port, local_addr=local), timeout, socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        return await _connected(loop.create_unix_connection(_Received, path), timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


async def _connected(
    opening: Awaitable[tuple[asyncio.BaseTransport, _Received]],
    timeout: float | None,
    socket_options: Iterable[SocketOption] | None,
) -> AsyncioStream:
    """The stream of a connection being opened, httpcore's errors if it cannot be."""
    try:
        async with asyncio.timeout(timeout):
            transport, received = await opening
    except TimeoutError:
        raise httpcore.ConnectTimeout("timed out while connecting") from None
    except OSError as exc:
        raise httpcore.ConnectError(exc) from exc
    for option in socket_options or ():
        transport.get_extra_info("socket").setsockopt(*option)
    return AsyncioStream(transport, received)  # type: ignore[arg-type]


class AsyncioTransport(httpx.AsyncHTTPTransport):
    """httpx's HTTP/1.1 transport, its connection pool on ``AsyncioNetworkBackend``."""

    def __init__(
        self, *, verify: ssl.SSLContext | bool = True, limits: httpx.Limits = DEFAULT_LIMITS
    ) -> None:
        context = httpx.create_ssl_context(verify=verify)
        super().__init__(verify=context, limits=limits)
        # httpx builds its pool without a way to name the backend: the same pool, rebuilt with it
        # (httpx is pinned below 0.29; tests/api/test_asyncio_network.py fails if this stops applying).
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=AsyncioNetworkBackend(),
        )
