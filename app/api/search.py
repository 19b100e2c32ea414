"""Short builders for a ``SearchRequest`` (the typed body of Search Contacts).

>>> SearchRequest(
...     search_term="john",
...     advanced_search=[where("email", "contains", "@example.com"), where("num_seats", "gte", "100", data_type="long")],
...     sort_by=order_by("created_at", "desc"),
... ).to_wire()

Each builder checks its part as the server would and raises the client's ``ValidationError``.
"""

from __future__ import annotations

from typing import Any

from app.schema import DataType, Operator, SearchFilter, SearchRequest, SortBy, SortOrder

from .resources._base import build_request


def where(
    field: str,
    operator: Operator | str,
    value: Any = None,
    *,
    data_type: DataType | str | None = None,
) -> SearchFilter:
    """One ``advanced_search`` filter; ``value`` is ``[min, max]`` for ``range``, nothing for ``exists``."""
    members = {"field": field, "operator": operator, "value": value, "data_type": data_type}
    return build_request(SearchFilter, {k: v for k, v in members.items() if v is not None}, {})


def order_by(
    field: str, sort_order: SortOrder | str = SortOrder.ASC, *, data_type: DataType | str | None = None
) -> SortBy:
    """The ``sort_by`` of a search (``data_type`` matters for custom fields only)."""
    members = {"field": field, "sort_order": sort_order, "data_type": data_type}
    return build_request(SortBy, {k: v for k, v in members.items() if v is not None}, {})


__all__ = ["SearchRequest", "order_by", "where"]
