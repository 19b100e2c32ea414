"""Shapes shared by every endpoint: pagination and the error envelope."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .base import ResponseModel
from .vocabulary import FIELD_KEY_MAX_LENGTH

#: Reason phrases the API uses in ``error.message`` ("404 NOT FOUND").
STATUS_PHRASES: dict[int, str] = {
    400: "BAD REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT FOUND",
    405: "METHOD NOT ALLOWED",
    409: "CONFLICT",
    413: "REQUEST ENTITY TOO LARGE",
    415: "UNSUPPORTED MEDIA TYPE",
    422: "UNPROCESSABLE ENTITY",
    429: "TOO MANY REQUESTS",
    500: "INTERNAL SERVER ERROR",
    502: "BAD GATEWAY",
    503: "SERVICE UNAVAILABLE",
    504: "GATEWAY TIMEOUT",
}

#: The custom values of a request body, by field key: any JSON value, checked against the key's definition.
CustomValues = dict[Annotated[str, StringConstraints(max_length=FIELD_KEY_MAX_LENGTH)], Any]


def status_message(status: int) -> str:
    """The ``error.message`` of an envelope for an HTTP status, e.g. ``"422 UNPROCESSABLE ENTITY"``."""
    return f"{status} {STATUS_PHRASES.get(status, 'ERROR')}"


class Pagination(ResponseModel):
    """The ``pagination`` object of every list response."""

    limit: int
    offset: int
    total: int


class ErrorItem(BaseModel):
    """One problem of a 422 response: what is wrong (``type``), where (``in``, ``field``) and why (``msg``)."""

    model_config = ConfigDict(extra="ignore", validate_by_name=True, serialize_by_alias=True)

    type: str
    in_: str = Field(alias="in")
    field: str
    msg: str


class ValidationDetails(BaseModel):
    """``details`` of a 422 envelope."""

    model_config = ConfigDict(extra="ignore")

    errors: list[ErrorItem]


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="ignore")

    message: str
    details: ValidationDetails | str | None = None


class ErrorEnvelope(BaseModel):
    """``{"error": {"message": ..., "details": ...}}``: every error response has this shape."""

    model_config = ConfigDict(extra="ignore")

    error: ErrorBody

    @classmethod
    def build(cls, status: int, details: str | list[ErrorItem]) -> ErrorEnvelope:
        body = ValidationDetails(errors=details) if isinstance(details, list) else details
        return cls(error=ErrorBody(message=status_message(status), details=body))

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


def error_items(
    exc: ValidationError, location: str = "body", prefix: tuple[str | int, ...] = ()
) -> list[ErrorItem]:
    """Turn a pydantic ``ValidationError`` into the API's ``errors`` items.

    Client and server both use this, so an error found before sending reads exactly like
    the one the server would have returned.
    """
    items: list[ErrorItem] = []
    for err in exc.errors(include_url=False):
        loc = [*prefix, *err["loc"]]
        member = (err.get("ctx") or {}).get("field")
        if isinstance(member, str):  # custom errors name the member they concern
            loc.append(member)
        items.append(
            ErrorItem(
                type=str(err["type"]),
                in_=location,
                field=".".join(str(part) for part in loc),
                msg=_clean_msg(err["msg"]),
            )
        )
    return items


def _clean_msg(msg: str) -> str:
    # pydantic prefixes messages of custom errors raised in validators with "Value error, ".
    return msg.removeprefix("Value error, ")
