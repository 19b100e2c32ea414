"""Pagination: await a list call for one page, or ``async for`` over every item."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine, Generator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: Page size used when iterating over all items.
ITER_PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list endpoint."""

    items: list[T]
    limit: int
    offset: int
    total: int

    @property
    def next_offset(self) -> int | None:
        """Offset of the next page, or ``None`` when this one is the last."""
        following = self.offset + len(self.items)
        return following if self.items and following < self.total else None

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


FetchPage = Callable[[int, int], Coroutine[Any, Any, Page[T]]]


class PageRequest(Coroutine[Any, Any, Page[T]], Generic[T]):
    """A list call not yet made: ``await`` it for one page, or iterate it for all items.

    ``async for`` starts at the requested offset and fetches pages of 100 until ``total`` is reached.
    It is also a coroutine, so ``asyncio.create_task(client.contacts.list())`` works; each ``await``
    fetches the page anew.
    """

    def __init__(self, fetch: FetchPage[T], limit: int, offset: int) -> None:
        self._fetch = fetch
        self.limit = limit
        self.offset = offset
        self._running: Coroutine[Any, Any, Page[T]] | None = None

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self._fetch(self.limit, self.offset).__await__()

    # The coroutine protocol, for a task that drives this request directly.
    def _coroutine(self) -> Coroutine[Any, Any, Page[T]]:
        if self._running is None:
            self._running = self._fetch(self.limit, self.offset)
        return self._running

    def send(self, value: Any) -> Any:
        return self._coroutine().send(value)

    def throw(self, *exc_info: Any) -> Any:
        return self._coroutine().throw(*exc_info)

    def close(self) -> None:
        if self._running is not None:
            self._running.close()

    async def pages(self, page_size: int = ITER_PAGE_SIZE) -> AsyncIterator[Page[T]]:
        offset: int | None = self.offset
        while offset is not None:
            page = await self._fetch(page_size, offset)
            yield page
            offset = page.next_offset

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def all(self) -> list[T]:
        """Every item, as a list."""
        return [item async for item in self]
