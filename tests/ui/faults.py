"""Fault injection in front of the real server, for the app's hardening tests (issue 12).

``FaultTransport`` is the client's own network transport to the real server (a ``RecordingTransport``)
that breaks the requests a rule picks, each the way it breaks on a real network:

- ``REFUSED``: the request goes to a loopback port nothing listens on; the OS refuses it.
- ``TIMEOUT``: the request reaches the server (its work is done), then goes to a loopback socket that
  reads it and never answers; the client's read timeout fires. Only for these requests the timeout is
  shortened to ``TIMEOUT_SECONDS`` (the client's own 30 s would only make the tests slow).
- ``SERVER_ERROR``: the request reaches the server (its work is done); its answer is replaced by a 500
  as a reverse proxy sends it (an HTML page, no envelope).
- ``RATE_LIMITED``: a 429 in the envelope with ``Retry-After``; the server never sees the request.
- ``MALFORMED_JSON``: the request reaches the server; its answer arrives whole, with the server's
  status, but its JSON is cut in the middle (``Content-Length`` matching: a broken proxy).
- ``CUT_SHORT``: the request reaches the server; its answer is replayed by a loopback socket that
  sends the head and half of the body, then closes the connection.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum

import httpx
from PySide6.QtCore import Qt

from app.api import CueDeskClient, RetryPolicy
from tests.ui.conftest import LoopbackServer, RecordingTransport, remote_session
from tests.ui.edit_support import EditHarness

TIMEOUT_SECONDS = 0.4
PROXY_500 = b"<html><body><h1>500 Internal Server Error</h1></body></html>"


class Fault(Enum):
    REFUSED = "connection refused"
    TIMEOUT = "timeout"
    SERVER_ERROR = "500"
    RATE_LIMITED = "429 with Retry-After"
    MALFORMED_JSON = "malformed JSON"
    CUT_SHORT = "body cut short"

    @property
    def reaches_server(self) -> bool:
        return self not in (Fault.REFUSED, Fault.RATE_LIMITED)


#: Faults the client retries for requests that are safe to repeat (docs/client.md); a broken answer
#: (malformed JSON) is not: the user decides with Retry.
RETRIED = frozenset(set(Fault) - {Fault.MALFORMED_JSON})


@dataclass
class Rule:
    """Break ``times`` requests with ``method`` whose path (after ``/v1``) matches ``path``, after
    letting the first ``after`` of them through."""

    fault: Fault
    method: str
    path: str
    times: int
    retry_after: str = "1"
    after: int = 0

    def applies(self, request: httpx.Request) -> bool:
        """Whether this rule breaks ``request`` (counts it)."""
        if self.times <= 0 or request.method != self.method:
            return False
        if re.fullmatch(self.path, request.url.path.removeprefix("/v1")) is None:
            return False
        if self.after > 0:
            self.after -= 1
            return False
        self.times -= 1
        return True


@dataclass(frozen=True, slots=True)
class Injected:
    fault: Fault
    method: str
    path: str


class FaultTransport(RecordingTransport):
    """The network transport to the real server, breaking what ``fail`` asks for.

    ``requests`` records every request the app sent (faulted or not) and ``sent_at`` when, ``injected``
    every fault, and ``reached`` the requests that reached the server.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rules: list[Rule] = []
        self.injected: list[Injected] = []
        self.reached: list[tuple[str, str]] = []
        self.sent_at: list[float] = []
        self._replay = ReplayServer()

    def fail(
        self, fault: Fault, method: str, path: str, *, times: int = 1, retry_after: str = "1", after: int = 0
    ) -> Rule:
        """Break the next ``times`` such requests (after ``after`` of them went through)."""
        rule = Rule(fault, method, path, times, retry_after, after)
        self.rules.append(rule)
        return rule

    def heal(self) -> None:
        """No more faults."""
        self.rules.clear()

    def count(self, method: str, path: str) -> int:
        """Requests with ``method`` and a path (after ``/v1``) matching ``path`` the app sent."""
        return len(self.times(method, path))

    def times(self, method: str, path: str) -> list[float]:
        """When the app sent each request with ``method`` and a path matching ``path`` (monotonic clock)."""
        return [
            at
            for r, at in zip(self.requests, self.sent_at, strict=True)
            if r.method == method and re.fullmatch(path, r.url.path.removeprefix("/v1"))
        ]

    def reached_server(self, method: str, path: str) -> int:
        return sum(1 for m, p in self.reached if m == method and re.fullmatch(path, p))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.sent_at.append(time.monotonic())
        rule = next((r for r in self.rules if r.applies(request)), None)
        if rule is None:
            return await self._forward(request)
        self.injected.append(Injected(rule.fault, request.method, request.url.path))
        fault = rule.fault
        if fault is Fault.REFUSED:
            return await self._network.handle_async_request(redirected(request, closed_port()))
        if fault is Fault.RATE_LIMITED:
            return envelope(429, "Too many requests.", {"Retry-After": rule.retry_after})
        response = await self._forward(request)
        body = await response.aread()
        await response.aclose()
        if fault is Fault.SERVER_ERROR:
            return httpx.Response(500, headers={"Content-Type": "text/html"}, content=PROXY_500)
        if fault is Fault.MALFORMED_JSON:
            return httpx.Response(
                response.status_code,
                headers={"Content-Type": "application/json"},
                content=body[: len(body) // 2],
            )
        if fault is Fault.CUT_SHORT:
            head = (
                f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode()
            path = self._replay.prepare(head + body[: len(body) // 2])
        else:
            path = self._replay.prepare(None)  # TIMEOUT: never answered
            request.extensions["timeout"] = {
                "connect": TIMEOUT_SECONDS,
                "read": TIMEOUT_SECONDS,
                "write": TIMEOUT_SECONDS,
                "pool": TIMEOUT_SECONDS,
            }
        return await self._network.handle_async_request(redirected(request, self._replay.port, path))

    async def _forward(self, request: httpx.Request) -> httpx.Response:
        response = await self._network.handle_async_request(request)
        self.reached.append((request.method, request.url.path.removeprefix("/v1")))
        return response

    async def aclose(self) -> None:
        await super().aclose()
        self._replay.close()


def envelope(status: int, details: str, headers: dict[str, str] | None = None) -> httpx.Response:
    reason = httpx.codes.get_reason_phrase(status).upper()
    body = {"error": {"message": f"{status} {reason}", "details": details}}
    return httpx.Response(status, headers=headers, content=json.dumps(body).encode())


def redirected(request: httpx.Request, port: int, path: str | None = None) -> httpx.Request:
    """``request`` (same method, headers, body) sent to another loopback port."""
    url = request.url.copy_with(host="127.0.0.1", port=port, path=path or request.url.path)
    copy = httpx.Request(request.method, url, headers=request.headers, content=request.content)
    copy.extensions = request.extensions
    return copy


def closed_port() -> int:
    """A loopback port nothing listens on (bound a moment ago, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request_length(data: bytes) -> int:
    """The length of the request whose start is ``data`` (head and body), once its head is complete."""
    head, _, _ = data.partition(b"\r\n\r\n")
    found = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return len(head) + 4 + (int(found.group(1)) if found else 0)


class ReplayServer:
    """A loopback socket server: reads each request, then sends the bytes prepared for its path and
    closes the connection, or (``None``) never answers."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._answers: dict[str, bytes | None] = {}
        self._held: list[socket.socket] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def prepare(self, answer: bytes | None) -> str:
        key = uuid.uuid4().hex
        with self._lock:
            self._answers[key] = answer
        return f"/replay/{key}"

    def _serve(self) -> None:
        self._listener.settimeout(0.1)
        while not self._closed.is_set():
            try:
                connection, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connection.settimeout(None)
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        data = b""
        while b"\r\n\r\n" not in data or len(data) < request_length(data):
            chunk = connection.recv(65536)
            if not chunk:
                connection.close()
                return
            data += chunk
        target = data.split(b" ", 2)[1].decode()
        key = target.partition("?")[0].rsplit("/", 1)[-1]
        with self._lock:
            answer = self._answers.pop(key, None)
        if answer is None:
            with self._lock:
                self._held.append(connection)  # read, never answered
            return
        connection.sendall(answer)
        connection.close()

    def close(self) -> None:
        self._closed.set()
        self._thread.join(5)
        self._listener.close()
        with self._lock:
            held, self._held = self._held, []
        for connection in held:
            connection.close()


@contextmanager
def faulty_session(qtbot, run, server: LoopbackServer, token: str) -> Iterator[FaultyHarness]:
    """The app's window on ``server`` through a ``FaultTransport``, first rows loaded; closed afterwards.

    Retries back off from 50 ms instead of 0.5 s (the policy's shape is the same, the tests faster).
    """
    transport = FaultTransport()
    session = remote_session(server.base_url, token, transport, retry=RetryPolicy(initial_delay=0.05))
    qtbot.addWidget(session.window)
    session.start()
    qtbot.waitUntil(lambda: session.model.contact_at(0) is not None, timeout=15_000)
    api = CueDeskClient(server.base_url, token=token)
    try:
        yield FaultyHarness(qtbot, run, session, transport, api)
    finally:
        session.window._discard_confirmed = True  # a test may end with edits open
        session.window.close()
        run(session.shutdown())
        run(api.aclose())


class FaultyHarness(EditHarness):
    transport: FaultTransport

    def reload(self) -> None:
        """F5, as the user presses it in the window."""
        self.press(Qt.Key.Key_F5)
