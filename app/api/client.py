"""``CueDeskClient``: the async client of the Contacts API."""

from __future__ import annotations

from typing import Any

import httpx

from ._http import DEFAULT_TIMEOUT, HttpCore, RetryPolicy
from .resources.contacts import ContactsResource

DEFAULT_BASE_URL = "https://api.cuedesk.com/v1"


class CueDeskClient:
    """An async client of one workspace of the Contacts API.

    >>> async with CueDeskClient(token=token) as client:
    ...     page = await client.contacts.list(limit=10)
    ...     async for contact in client.contacts.list():
    ...         ...

    The token is given by the caller and never appears in ``repr()``, logs or exceptions.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        token: str,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        max_concurrency: int = 8,
        transport: httpx.AsyncBaseTransport | None = None,
        allow_invalid_certificates: bool = False,
        **http_options: Any,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = HttpCore(
            self.base_url,
            token,
            timeout=timeout,
            retry=RetryPolicy(max_retries=max_retries),
            max_concurrency=max_concurrency,
            transport=transport,
            allow_invalid_certificates=allow_invalid_certificates,
            **http_options,
        )
        self.contacts = ContactsResource(self._http)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> CueDeskClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"CueDeskClient(base_url={self.base_url!r})"
