"""Search Contacts: filters, sort and the request body, with the checks both ends apply."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .base import RequestModel
from .vocabulary import (
    FILTER_TEXT_MAX_LENGTH,
    OPERATORS_BY_TYPE,
    PREDEFINED_FIELD_TYPES,
    VALUELESS_OPERATORS,
    DataType,
    Operator,
    SortOrder,
)

FieldName = Annotated[str, StringConstraints(min_length=1, max_length=250)]
Scalar = str | bool | int | float
#: Whole numbers compare as 64-bit integers.
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1


def effective_type(field: str, data_type: DataType | None) -> DataType:
    """The type a filter or sort on ``field`` is compared as."""
    return PREDEFINED_FIELD_TYPES.get(field) or data_type or DataType.TEXT


def parse_value(raw: Scalar, data_type: DataType) -> str | int | float | bool | datetime:
    """Parse one filter value as ``data_type``; raises ``ValueError`` with a readable message."""
    if data_type is DataType.TEXT:
        if isinstance(raw, bool):
            return "true" if raw else "false"
        return str(raw)
    if data_type is DataType.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise ValueError(f"{raw!r} is not a boolean; use true or false")
    if data_type is DataType.LONG:
        return _parse_long(raw)
    if data_type is DataType.DOUBLE:
        if isinstance(raw, bool):
            raise ValueError(f"{raw!r} is not a number")
        try:
            value = float(str(raw).strip()) if not isinstance(raw, int | float) else float(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{raw!r} is not a finite number")
        return value
    # DataType.DATE: a date (midnight UTC) or a date-time with or without offset (UTC assumed).
    return parse_datetime_value(raw)


def _parse_long(raw: Scalar) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not a whole number")
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, float) and raw.is_integer():
        number = int(raw)
    else:
        try:
            number = int(str(raw).strip())
        except ValueError:
            raise ValueError(f"{raw!r} is not a whole number") from None
    if not LONG_MIN <= number <= LONG_MAX:
        raise ValueError(f"{raw!r} is out of range for a whole number")
    return number


def parse_datetime_value(raw: Scalar) -> datetime:
    """A date (00:00 UTC that day) or an ISO 8601 date-time (UTC when it has no offset), in UTC."""
    problem = f"{raw!r} is not a date; use YYYY-MM-DD or an ISO 8601 date-time"
    if isinstance(raw, bool) or not isinstance(raw, str):
        raise ValueError(problem)
    text = raw.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: an offset that moves it out of years 1-9999
        raise ValueError(problem) from None


class SearchFilter(RequestModel):
    """One ``advanced_search`` item. The checks below are the server's; the client runs them too."""

    field: FieldName
    operator: Operator
    value: Scalar | list[Scalar] | None = None
    data_type: DataType | None = None

    @property
    def effective_type(self) -> DataType:
        return effective_type(self.field, self.data_type)

    def parsed_values(self) -> list[Any]:
        """The filter's value(s) parsed as its effective type (empty for exists/not_exists)."""
        if self.operator in VALUELESS_OPERATORS:
            return []
        values = self.value if isinstance(self.value, list) else [self.value]
        return [parse_value(v, self.effective_type) for v in values]

    @model_validator(mode="after")
    def _check_shape(self) -> SearchFilter:
        op, kind = self.operator, self.effective_type
        if op not in OPERATORS_BY_TYPE[kind]:
            raise _filter_error(
                "operator",
                f"Operator '{op.value}' cannot be used with data type '{kind.value}' (field '{self.field}').",
                "operator",
            )
        if op in VALUELESS_OPERATORS:
            return self
        if self.value is None:
            raise _filter_error("missing", f"Operator '{op.value}' needs a value.", "value")
        values = self.value if isinstance(self.value, list) else [self.value]
        if any(isinstance(v, str) and len(v) > FILTER_TEXT_MAX_LENGTH for v in values):
            raise PydanticCustomError(
                "string_too_long",
                f"A filter value may have at most {FILTER_TEXT_MAX_LENGTH} characters.",
                {"field": "value"},
            )
        if op is Operator.RANGE:
            if not isinstance(self.value, list) or len(self.value) != 2:
                raise _filter_error(
                    "range", "Operator 'range' needs a value of the form [min, max].", "value"
                )
        elif isinstance(self.value, list):
            raise _filter_error(
                "value_shape", f"Operator '{op.value}' takes a single value, not a list.", "value"
            )
        try:
            values = self.parsed_values()
        except ValueError as exc:
            raise _filter_error("value_type", f"{exc} (data type '{kind.value}').", "value") from None
        if op is Operator.RANGE and _sort_key(values[0]) > _sort_key(values[1]):
            raise _filter_error(
                "range_order", "The range's first value must not be greater than its second.", "value"
            )
        return self


def _sort_key(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _filter_error(kind: str, message: str, member: str) -> PydanticCustomError:
    return PydanticCustomError(f"filter_{kind}", message, {"field": member})


class SortBy(RequestModel):
    """``sort_by`` of a search."""

    field: FieldName
    sort_order: SortOrder = SortOrder.ASC
    data_type: DataType | None = None

    @property
    def effective_type(self) -> DataType:
        return effective_type(self.field, self.data_type)


class SearchRequest(RequestModel):
    """Body of Search Contacts. Every member is optional; ``{}`` returns every contact."""

    search_term: Annotated[str, StringConstraints(max_length=250)] | None = None
    advanced_search: list[SearchFilter] | None = Field(default=None, max_length=50)
    sort_by: SortBy | None = None

    def to_wire(self, *, exclude_unset: bool = False) -> dict:
        """The documented body: members that are not set (``None``) are left out."""
        return self.model_dump(mode="json", exclude_none=True, by_alias=False)
