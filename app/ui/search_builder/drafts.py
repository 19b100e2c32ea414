"""The builder's rows as values: what a row holds, the filter it makes, and rows made from a request.

No widgets here. A row is *complete* when it makes a filter the client accepts; an incomplete or
refused row is left out of the request (``build_filter`` says why). Values are sent as strings,
as in the reference; a custom field's filter always carries its ``data_type``
(decisions.md, "Builder values").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.api import ValidationError, order_by, where
from app.schema import (
    DataType,
    ErrorItem,
    Operator,
    SearchFilter,
    SearchRequest,
    SortBy,
    SortOrder,
)
from app.schema.search import VALUELESS_OPERATORS, parse_value

from ..field_editors import number_text
from .fields import FieldInfo, unknown_field

#: The API takes at most this many filters in one search.
MAX_FILTERS = 50


class Incomplete(Exception):
    """A row that does not make a filter yet; the message says what is missing."""


def values_needed(operator: Operator | None) -> int:
    """How many value editors an operator takes: none, one, or two for ``range``."""
    if operator is None or operator in VALUELESS_OPERATORS:
        return 0
    return 2 if operator is Operator.RANGE else 1


@dataclass(frozen=True, slots=True)
class FilterDraft:
    """One filter row: field, data type (custom fields only), operator and the values typed (``""``: none)."""

    field: FieldInfo | None = None
    data_type: DataType | None = None
    operator: Operator | None = None
    values: tuple[str, ...] = ()

    @property
    def effective_type(self) -> DataType:
        if self.field is None:
            return DataType.TEXT
        if not self.field.custom:
            return self.field.preset_type
        return self.data_type or DataType.TEXT


def build_filter(draft: FilterDraft) -> SearchFilter:
    """The row's filter; ``Incomplete`` if something is missing, the client's ``ValidationError`` if refused."""
    field = draft.field
    if field is None:
        raise Incomplete("Choose a field.")
    if not field.known:
        raise Incomplete(f"“{field.name}” is not a field of this workspace (any more): choose another field.")
    if draft.operator is None:
        raise Incomplete("Choose an operator.")
    needed = values_needed(draft.operator)
    values = [*draft.values[:needed], *([""] * needed)][:needed]
    missing = [text for text in values if text == ""]
    if missing:
        raise Incomplete("Enter both values." if needed == 2 and len(missing) == 1 else "Enter a value.")
    value: str | list[str] | None = None if needed == 0 else values[0] if needed == 1 else values
    data_type = (draft.data_type or DataType.TEXT) if field.custom else None
    return where(field.name, draft.operator, value, data_type=data_type)


def problem_text(error: ValidationError) -> str:
    """The messages of a refused filter or sort, for the row (the member names are the row's own)."""
    return " ".join(item.msg for item in error.errors) or str(error)


@dataclass(frozen=True, slots=True)
class SortDraft:
    """The sort picker: a field (``None``: the server's order, newest first), data type, direction."""

    field: FieldInfo | None = None
    data_type: DataType | None = None
    order: SortOrder = SortOrder.ASC


def build_sort(draft: SortDraft) -> SortBy | None:
    """The ``sort_by`` of the picker; ``None`` for the default order or a field the workspace lacks."""
    field = draft.field
    if field is None or not field.known:
        return None
    data_type = (draft.data_type or DataType.TEXT) if field.custom else None
    return order_by(field.name, draft.order, data_type=data_type)


# -- a request back into rows ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BuilderForm:
    """What the builder shows for a request: text, rows and sort."""

    term: str
    filters: tuple[FilterDraft, ...]
    sort: SortDraft


def form_of(request: SearchRequest, fields: Mapping[str, FieldInfo]) -> BuilderForm:
    """The builder's rows for ``request``; fields the workspace lacks become rows marked as such.

    The request must be valid (a ``SearchRequest``), so that every value parses as its data type.
    """
    filters = tuple(draft_of(item, fields) for item in request.advanced_search or ())
    sort = SortDraft()
    if request.sort_by is not None:
        info = fields.get(request.sort_by.field) or unknown_field(request.sort_by.field)
        sort = SortDraft(info, _data_type(info, request.sort_by.data_type), request.sort_by.sort_order)
    return BuilderForm(request.search_term or "", filters, sort)


def draft_of(item: SearchFilter, fields: Mapping[str, FieldInfo]) -> FilterDraft:
    info = fields.get(item.field) or unknown_field(item.field)
    data_type = _data_type(info, item.data_type)
    kind = data_type or info.preset_type
    raw = (
        []
        if item.operator in VALUELESS_OPERATORS
        else item.value
        if isinstance(item.value, list)
        else [item.value]
    )
    values = tuple(_value_text(value, kind) for value in raw)
    return FilterDraft(info, data_type, item.operator, values)


def _data_type(info: FieldInfo, data_type: DataType | None) -> DataType | None:
    """Custom fields show their data type (the server's default, text, when none was sent)."""
    return (data_type or DataType.TEXT) if info.custom else None


def _value_text(value: object, data_type: DataType) -> str:
    """A filter value as its editor holds it (the request was checked already, so it parses)."""
    parsed = parse_value(value, data_type)  # type: ignore[arg-type]
    if data_type is DataType.BOOLEAN:
        return "true" if parsed else "false"
    if data_type is DataType.DOUBLE and float(parsed).is_integer():  # type: ignore[arg-type]
        return str(int(parsed))  # type: ignore[arg-type]
    if data_type in (DataType.LONG, DataType.DOUBLE):
        return number_text(parsed)  # type: ignore[arg-type]
    if data_type is DataType.DATE:
        return str(value).strip()  # as written: a date, or a date-time with its offset
    return str(parsed)


# -- a 422 back onto the rows ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoutedErrors:
    """A 422's items by what they concern: filter number → message, the sort, the text, the rest."""

    filters: dict[int, str]
    sort: str | None
    term: str | None
    other: tuple[str, ...]


_FILTERS = ("advanced_search", "advancedSearch")
_SORT = ("sort_by", "sortBy")
_TERM = ("search_term", "searchTerm")


def route_errors(errors: Sequence[ErrorItem]) -> RoutedErrors:
    """Map each item's ``field`` (``advanced_search.N.*``, ``sort_by.*``, ``search_term``) to its place."""
    filters: dict[int, str] = {}
    sort: list[str] = []
    term: list[str] = []
    other: list[str] = []
    for item in errors:
        parts = item.field.split(".")
        if parts[0] in _FILTERS and len(parts) > 1 and parts[1].isdigit():
            index = int(parts[1])
            filters[index] = f"{filters[index]} {item.msg}" if index in filters else item.msg
        elif parts[0] in _SORT:
            sort.append(item.msg)
        elif parts[0] in _TERM:
            term.append(item.msg)
        else:
            other.append(f"{item.field}: {item.msg}" if item.field else item.msg)
    return RoutedErrors(filters, " ".join(sort) or None, " ".join(term) or None, tuple(other))
