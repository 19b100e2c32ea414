"""The HTTP core of the client: auth, timeouts, bounded concurrency, retries with backoff."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import re
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from ._asyncio_network import AsyncioTransport
from .errors import (
    NEVER_SENT,
    ApiConnectionError,
    ApiTimeoutError,
    CertificateError,
    CueDeskError,
    error_from_response,
)
from .network import HEADERS, proxy_configured, ssl_verify, uses_proxy_variables

log = logging.getLogger("app.api")

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
#: Statuses worth another attempt of a request that is safe to repeat.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: Methods that are safe to repeat unless an endpoint says otherwise.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE"})
REDACTED = "Bearer [redacted]"
#: What a bearer token can be made of: visible ASCII characters, nothing else.
SENDABLE_TOKEN = re.compile(r"[\x21-\x7e]+")


class BearerAuth(httpx.Auth):
    """Adds the bearer token; its ``repr`` never shows it."""

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request):
        if not SENDABLE_TOKEN.fullmatch(self._token):
            # Refused here: httpx would refuse the header with a message (and a DEBUG log) quoting it.
            raise ApiConnectionError(
                "The request was not sent: the token holds spaces, line breaks or other characters a"
                " token cannot hold. Copy it again, without anything around it."
            )
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request

    def __repr__(self) -> str:
        return "BearerAuth(token=***)"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with jitter, capped; ``Retry-After`` wins when the server sends it.

    A server that asks to wait longer than ``max_retry_after`` seconds is not waited for: the
    error (e.g. ``RateLimitError`` with its ``retry_after``) goes to the caller at once.
    ``retry_refused=False`` raises a connection that could not be made (refused) at once, for a
    caller that knows such a server is gone and replaces it itself; a connect timeout is still retried.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    retry_refused: bool = True

    def delay(
        self, attempt: int, retry_after: float | None, rand: Callable[[], float] = random.random
    ) -> float:
        if retry_after is not None:
            return max(retry_after, 0.0)
        return min(self.max_delay, self.initial_delay * 2**attempt) * (0.5 + rand() / 2)


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


class HttpCore:
    """Sends requests and turns failures into the client's exceptions.

    Every request may be retried when it never reached the server (connection refused, unless the
    policy says not; connect timeout) or was refused unprocessed (429). Requests that are safe to
    repeat (``retry=True``, by default GET/HEAD/PUT/DELETE) are also retried on read timeouts, broken
    connections and 5xx.
    A request that may have taken effect (a create whose answer was lost) is never sent twice.
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
        verify = ssl_verify(self.base_url, allow_invalid_certificates) if transport is None else True
        if transport is None and not proxy_configured(self.base_url):
            # Proxies go through the transports httpx makes for them (from the environment).
            transport = AsyncioTransport(verify=verify, limits=limits)
        self._client = httpx.AsyncClient(
            base_url=self.base_url + "/",
            auth=BearerAuth(token),
            timeout=timeout,
            transport=transport,
            limits=limits,
            verify=verify,  # for httpx's own transports (proxies)
            headers=HEADERS,
            # Proxy variables are honoured, except for a server on this machine (the sandbox).
            trust_env=uses_proxy_variables(self.base_url),
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
        """Send one request; returns a 2xx response or raises a ``CueDeskError``.

        ``retry`` says whether the request is safe to repeat after it may have reached the server
        (default: by method). A DELETE retried after such a failure that then finds nothing
        (404) has succeeded: the earlier attempt deleted it.
        """
        safe = method in IDEMPOTENT_METHODS if retry is None else retry
        params = {k: v for k, v in (params or {}).items() if v is not None}
        attempt = 0
        maybe_applied = False
        while True:
            retry_after: float | None = None
            try:
                async with self._slots:
                    response = await self._client.request(
                        method, path.lstrip("/"), params=params or None, json=json
                    )
            except httpx.RequestError as exc:
                error: CueDeskError = transport_error(exc, self.base_url)
                never_sent = isinstance(exc, NEVER_SENT)
                maybe_applied = maybe_applied or not never_sent
                permanent = isinstance(error, CertificateError) or isinstance(exc, httpx.UnsupportedProtocol)
                refused = isinstance(exc, httpx.ConnectError)
                retryable = (
                    not permanent and (self.retry.retry_refused or not refused) and (never_sent or safe)
                )
                reason = type(exc).__name__
            else:
                status = response.status_code
                if response.is_success or (status == 404 and method == "DELETE" and maybe_applied):
                    return response
                _redact(response.request)
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                error = error_from_response(response, retry_after)
                maybe_applied = maybe_applied or status >= 500
                # A 429 is refused before any work is done: even a create may be sent again.
                retryable = status == 429 or (safe and status in RETRY_STATUSES)
                if retry_after is not None and retry_after > self.retry.max_retry_after:
                    retryable = False
                reason = f"status {status}"
            if not retryable or attempt >= self.retry.max_retries:
                raise error
            delay = self.retry.delay(attempt, retry_after)
            log.info("Retrying %s /%s in %.2f s after %s.", method, path.lstrip("/"), delay, reason)
            await self._sleep(delay)
            attempt += 1


def _redact(request: httpx.Request) -> None:
    """Hide the token of a request that an exception keeps (it has been sent already)."""
    if "Authorization" in request.headers:
        request.headers["Authorization"] = REDACTED


def transport_error(exc: httpx.RequestError, base_url: str) -> ApiConnectionError:
    """The client's exception for a network failure, chained to a copy of ``exc`` without the request.

    The copy keeps the message and the low-level cause but not the request, whose headers hold the
    token.
    """
    host = urlsplit(base_url).netloc or base_url
    error: ApiConnectionError
    reason = _certificate_problem(exc)
    if reason is not None:
        error = CertificateError(
            f"The certificate of {host} is not trusted ({reason}). If you trust this server,"
            " allow invalid certificates for this profile.",
        )
    elif isinstance(exc, httpx.TimeoutException):
        error = ApiTimeoutError(f"{host} did not answer in time. Try again in a moment.")
    elif isinstance(exc, httpx.ProxyError):
        error = ApiConnectionError(f"Could not reach {host} through the proxy. Check the proxy settings.")
    elif isinstance(exc, httpx.ConnectError):
        error = ApiConnectionError(
            f"Could not connect to {host}. Check the address and your network connection."
        )
    elif isinstance(exc, httpx.UnsupportedProtocol):
        error = ApiConnectionError(f"{base_url} is not an http:// or https:// address.")
    elif isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        error = ApiConnectionError(
            f"The connection to {host} broke before the answer was complete. Try again."
        )
    else:
        error = ApiConnectionError(f"Network error while talking to {host}. Try again.")
    clean = type(exc)(str(exc))
    clean.__cause__ = exc.__cause__
    error.__cause__ = clean
    return error


def _certificate_problem(exc: BaseException) -> str | None:
    """Why the server's certificate was refused, when that is what ``exc`` is about."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen.verify_message or "verification failed"
        seen = seen.__cause__ or seen.__context__
    return "verification failed" if "CERTIFICATE_VERIFY_FAILED" in str(exc) else None


__all__ = ["BearerAuth", "HttpCore", "RetryPolicy"]
