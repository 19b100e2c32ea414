"""The search the table shows: one object shared by the toolbar's quick search box and the search builder.

decisions.md ("One search state"): the quick search box and the builder's free-text field are the
same ``search_term``. The builder's filter rows and sort picker edit ``filters`` and ``sort`` of the
same object, and a header click in search results sets ``sort`` too. ``changed`` is emitted once
per actual change; listeners read the state back (``request()``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from app.schema import SearchFilter, SearchRequest, SortBy

_UNSET = object()


class SearchState(QObject):
    """``search_term`` + ``filters`` + ``sort``; active when it has a term or a filter."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._term = ""
        self._filters: tuple[SearchFilter, ...] = ()
        self._sort: SortBy | None = None

    @property
    def term(self) -> str:
        return self._term

    @property
    def filters(self) -> tuple[SearchFilter, ...]:
        return self._filters

    @property
    def sort(self) -> SortBy | None:
        return self._sort

    @property
    def is_active(self) -> bool:
        """Whether there is anything to search for (a sort alone is not a search)."""
        return bool(self._term.strip() or self._filters)

    def update(
        self,
        *,
        term: str | None = None,
        filters: Sequence[SearchFilter] | None = None,
        sort: SortBy | object | None = _UNSET,
    ) -> None:
        """Change any of the three members at once; ``changed`` is emitted if something changed."""
        new_term = self._term if term is None else term
        new_filters = self._filters if filters is None else tuple(filters)
        new_sort = self._sort if sort is _UNSET else sort
        if (new_term, new_filters, new_sort) == (self._term, self._filters, self._sort):
            return
        self._term, self._filters, self._sort = new_term, new_filters, new_sort  # type: ignore[assignment]
        self.changed.emit()

    def set_term(self, term: str) -> None:
        self.update(term=term)

    def set_filters(self, filters: Sequence[SearchFilter]) -> None:
        self.update(filters=filters)

    def set_sort(self, sort: SortBy | None) -> None:
        self.update(sort=sort)

    def clear(self) -> None:
        """End the search: no term, no filters, no sort."""
        self.update(term="", filters=(), sort=None)

    def request(self) -> SearchRequest:
        """The Search Contacts body of this state (members not set are left out)."""
        return SearchRequest(
            search_term=self._term if self._term.strip() else None,
            advanced_search=list(self._filters) or None,
            sort_by=self._sort,
        )
