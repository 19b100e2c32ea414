"""Faults injected in front of the real server app: the network and gateway failures a client meets.

``FaultyTransport`` forwards every request to the real app over ``httpx.ASGITransport`` unless a
fault is queued for it. Faults model where a request got to: refused before sending, timed out
after the server did the work, an answer cut short, a gateway's 5xx or 429.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx

from app.schema import ErrorEnvelope

Forward = Callable[[httpx.Request], Awaitable[httpx.Response]]
Fault = Callable[[httpx.Request, Forward], Awaitable[httpx.Response]]


class FaultyTransport(httpx.AsyncBaseTransport):
    """The real app behind a queue of faults; records every attempt as ``(method, path)``."""

    def __init__(self, app) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._faults: deque[Fault | None] = deque()
        self.attempts: list[tuple[str, str]] = []
        self.reached_app = 0

    def inject(self, *faults: Fault | None) -> None:
        """Queue faults for the next requests, in order (``None`` lets one request through)."""
        self._faults.extend(faults)

    async def _forward(self, request: httpx.Request) -> httpx.Response:
        self.reached_app += 1
        response = await self._inner.handle_async_request(request)
        await response.aread()
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts.append((request.method, request.url.path))
        fault = self._faults.popleft() if self._faults else None
        if fault is None:
            return await self._forward(request)
        return await fault(request, self._forward)


class Sleeps(list):
    """An injected ``sleep``: records each delay instead of waiting."""

    async def __call__(self, delay: float) -> None:
        self.append(delay)


async def refuse_connection(request: httpx.Request, forward: Forward) -> httpx.Response:
    raise httpx.ConnectError("[Errno 111] Connection refused", request=request)


async def connect_timeout(request: httpx.Request, forward: Forward) -> httpx.Response:
    raise httpx.ConnectTimeout("timed out", request=request)


async def timeout_after_server(request: httpx.Request, forward: Forward) -> httpx.Response:
    """The server did the work, but its answer never arrived in time."""
    await forward(request)
    raise httpx.ReadTimeout("timed out", request=request)


def gateway_status(status: int, retry_after: str | None = None, details: str | None = None) -> Fault:
    """A proxy or the server answering ``status`` with the envelope, before doing any work."""

    async def fault(request: httpx.Request, forward: Forward) -> httpx.Response:
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        body = ErrorEnvelope.build(status, details or "Try again later.").to_wire()
        return httpx.Response(status, json=body, headers=headers, request=request)

    return fault


def html_status(status: int) -> Fault:
    """A proxy's error page: not the envelope, not even JSON."""

    async def fault(request: httpx.Request, forward: Forward) -> httpx.Response:
        return httpx.Response(status, text="<html><body>Bad Gateway</body></html>", request=request)

    return fault


async def malformed_json(request: httpx.Request, forward: Forward) -> httpx.Response:
    """The real answer's status and headers with a body that is not JSON."""
    response = await forward(request)
    return httpx.Response(response.status_code, content=b"{not json", request=request)


async def wrong_shape(request: httpx.Request, forward: Forward) -> httpx.Response:
    response = await forward(request)
    return httpx.Response(response.status_code, json={"unexpected": True}, request=request)


class _CutStream(httpx.AsyncByteStream):
    def __init__(self, content: bytes) -> None:
        self._content = content

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self._content[: len(self._content) // 2]
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


async def cut_short(request: httpx.Request, forward: Forward) -> httpx.Response:
    """The real answer, but the connection drops halfway through the body."""
    response = await forward(request)
    return httpx.Response(
        response.status_code, headers=response.headers, stream=_CutStream(response.content), request=request
    )


def envelope(response: httpx.Response) -> dict:
    return json.loads(response.content)["error"]
