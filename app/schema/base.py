"""Base classes of the wire format: snake_case out, snake_case or camelCase in."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


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

    def to_wire(self, *, exclude_unset: bool = False) -> dict:
        """The JSON-ready snake_case body of this request."""
        return self.model_dump(mode="json", exclude_unset=exclude_unset, by_alias=False)


class ResponseModel(BaseModel):
    """A response body: snake_case members; members added by newer servers are ignored."""

    model_config = ConfigDict(extra="ignore", loc_by_alias=False)
