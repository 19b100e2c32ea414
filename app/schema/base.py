"""Base classes of the wire format: snake_case out, snake_case or camelCase in."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

NUL = "\x00"
NUL_MESSAGE = "Text must not contain the NUL character (U+0000)."


def holds_nul(value: Any) -> bool:
    """Whether a member's value holds U+0000 in its text: a string, the strings of a list, or those of an
    object's values (custom field values). Objects inside a list (bulk import rows) are checked row by
    row when they are imported."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, list):
        return any(isinstance(item, str) and NUL in item for item in value)
    if isinstance(value, dict):
        return any(holds_nul(item) for item in value.values() if not isinstance(item, dict))
    return False


class RequestModel(BaseModel):
    """A request body: accepts snake_case and camelCase members, rejects unknown ones.

    Serialize with :meth:`to_wire` to get the snake_case body the reference documents.
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=False,
        loc_by_alias=False,
        extra="forbid",
        str_strip_whitespace=False,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_character(cls, value: Any) -> Any:
        """Text never holds U+0000: PostgreSQL cannot store it, and no name or note needs it."""
        if holds_nul(value):
            raise PydanticCustomError("nul_character", NUL_MESSAGE)
        return value

    def to_wire(self, *, exclude_unset: bool = False) -> dict:
        """The JSON-ready snake_case body of this request."""
        return self.model_dump(mode="json", exclude_unset=exclude_unset, by_alias=False)


class ResponseModel(BaseModel):
    """A response body: snake_case members; members added by newer servers are ignored."""

    model_config = ConfigDict(extra="ignore", loc_by_alias=False, defer_build=True)
