"""The HTTP core of the client: auth, timeouts, bounded concurrency, retries with backoff."""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from .errors import (
    ApiConnectionError,
    ApiResponseError,
    ApiStatusError,
    ApiTimeoutError,
    error_from_response,
)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


class BearerAuth(httpx.Auth):
    """Adds the bearer token; its ``repr`` never shows it."""

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request):
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request

    def __repr__(self) -> str:
        return "BearerAuth(token=***)"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with full jitter, capped; ``Retry-After`` wins when the server sends it."""

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0

    def delay(
        self, attempt: int, retry_after: float | None, rand: Callable[[], float] = random.random
    ) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), 60.0)
        return min(self.max_delay, self.initial_delay * 2**attempt) * (0.5 + rand() / 2)


def is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower() in LOOPBACK_HOSTS


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(moment.timestamp() - time.time(), 0.0)


def ssl_verify(base_url: str, allow_invalid_certificates: bool) -> Any:
    """What httpx should verify with: the OS trust store for https (truststore), nothing for http."""
    if allow_invalid_certificates:
        return False
    if urlsplit(base_url).scheme != "https":
        return True  # no TLS: skip loading certificates (~35 ms)
    import ssl

    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class HttpCore:
    """Sends requests and turns failures into the client's exceptions.

    Requests that are safe to repeat (``retry=True``) are retried on connection errors, timeouts,
    429 and 5xx. A request that may have taken effect (a create whose answer was lost) is not.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        max_concurrency: int = 8,
        transport: httpx.AsyncBaseTransport | None = None,
        allow_invalid_certificates: bool = False,
        sleep: Callable[[float], Any] = asyncio.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        # Keep concurrency below the pool size: a request cancelled while waiting for a pool slot
        # can leak it (httpcore #1093), so requests queue here instead of in the pool.
        self._slots = asyncio.Semaphore(max_concurrency)
        limits = httpx.Limits(max_connections=max_concurrency + 2, max_keepalive_connections=max_concurrency)
        self._client = httpx.AsyncClient(
            base_url=self.base_url + "/",
            auth=BearerAuth(token),
            timeout=timeout,
            transport=transport,
            limits=limits,
            verify=ssl_verify(self.base_url, allow_invalid_certificates) if transport is None else True,
            headers={"Accept": "application/json", "User-Agent": "cuedesk-contacts"},
            trust_env=True,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        retry: bool | None = None,
    ) -> httpx.Response:
        """Send one request; returns a 2xx response or raises a ``CueDeskError``."""
        safe = method in ("GET", "HEAD", "PUT", "DELETE") if retry is None else retry
        params = {k: v for k, v in (params or {}).items() if v is not None}
        attempt = 0
        while True:
            try:
                async with self._slots:
                    response = await self._client.request(
                        method, path.lstrip("/"), params=params or None, json=json
                    )
                    await response.aread()
            except httpx.TransportError as exc:
                error: Exception = (
                    ApiTimeoutError()
                    if isinstance(exc, httpx.TimeoutException)
                    else ApiConnectionError(_connection_message(exc, self.base_url))
                )
                error.__cause__ = exc
                retry_after = None
                # A request that never reached the server may always be sent again.
                never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
                if never_sent and attempt < self.retry.max_retries:
                    await self._sleep(self.retry.delay(attempt, None))
                    attempt += 1
                    continue
            else:
                if response.is_success:
                    return response
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                error = error_from_response(response, retry_after)
                if response.status_code not in RETRY_STATUSES:
                    raise error
            if not safe or attempt >= self.retry.max_retries:
                raise error
            await self._sleep(self.retry.delay(attempt, retry_after))
            attempt += 1

    @staticmethod
    def json(response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise ApiResponseError(
                "The server's answer was not valid JSON. It may be behind a proxy or not a CueDesk server.",
                response.status_code,
            ) from None


def _connection_message(exc: httpx.TransportError, base_url: str) -> str:
    host = urlsplit(base_url).netloc or base_url
    if isinstance(exc, httpx.ConnectError):
        return f"Could not connect to {host}. Check the address and your network connection."
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return f"The connection to {host} broke before the answer was complete. Try again."
    return f"Network error while talking to {host}. Try again."


__all__ = ["ApiStatusError", "BearerAuth", "HttpCore", "RetryPolicy"]
