"""``CueDeskClient``: the async client of the Contacts API."""

from __future__ import annotations

from typing import Any

import httpx

from ._http import DEFAULT_TIMEOUT, HttpCore, RetryPolicy
from .resources.contact_custom_fields import ContactCustomFieldsResource
from .resources.contact_lists import ContactListsResource
from .resources.contacts import ContactsResource
from .resources.custom_fields import CustomFieldsResource
from .resources.notes import NotesResource

DEFAULT_BASE_URL = "https://api.cuedesk.com/v1"


class CueDeskClient:
    """An async client of one workspace of the Contacts API.

    >>> async with CueDeskClient(token=token) as client:
    ...     page = await client.contacts.list(limit=10)
    ...     async for contact in client.contacts.list():
    ...         ...

    Resources: ``contacts``, ``contact_custom_fields``, ``contact_lists``, ``custom_fields``, ``notes``.
    The token is given by the caller and never appears in ``repr()``, logs or exceptions.
    ``http_options`` go to the HTTP core (e.g. ``sleep=`` for tests, ``retry=RetryPolicy(...)``,
    which overrides ``max_retries``).
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
            retry=http_options.pop("retry", None) or RetryPolicy(max_retries=max_retries),
            max_concurrency=max_concurrency,
            transport=transport,
            allow_invalid_certificates=allow_invalid_certificates,
            **http_options,
        )
        self.contacts = ContactsResource(self._http)
        self.contact_custom_fields = ContactCustomFieldsResource(self._http)
        self.contact_lists = ContactListsResource(self._http)
        self.custom_fields = CustomFieldsResource(self._http)
        self.notes = NotesResource(self._http)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> CueDeskClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"CueDeskClient(base_url={self.base_url!r})"
