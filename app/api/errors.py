"""The client's exceptions: one hierarchy, built from the API's error envelope.

``str(error)`` is the sentence a person should read (from the envelope's ``details``); it never
contains the token.
"""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import ValidationError as PydanticValidationError

from app.schema import ErrorEnvelope, ErrorItem, error_items, status_message

#: httpx failures that happen before the request leaves this computer.
NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class CueDeskError(Exception):
    """Base of every error the client raises."""


class ApiConnectionError(CueDeskError):
    """The server could not be reached, or the connection broke before an answer arrived."""

    def __init__(
        self, message: str = "Could not connect to the server. Check the address and your network."
    ) -> None:
        super().__init__(message)


class ApiTimeoutError(ApiConnectionError):
    """The server did not answer in time."""

    def __init__(self, message: str = "The server did not answer in time. Try again in a moment.") -> None:
        super().__init__(message)


class CertificateError(ApiConnectionError):
    """The server's TLS certificate is not trusted by the operating system (and was not allowed)."""


class ApiResponseError(CueDeskError):
    """The server answered with something that is not the documented response (e.g. broken JSON)."""

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class ApiStatusError(CueDeskError):
    """The server answered with an error status and (usually) the envelope."""

    status_code: int = 0

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        details: str | list[ErrorItem] | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        if status_code is not None:
            self.status_code = status_code
        self.details = details
        self.response = response

    @property
    def envelope_message(self) -> str:
        """The envelope's ``error.message``, e.g. ``"404 NOT FOUND"``."""
        return status_message(self.status_code)


class BadRequestError(ApiStatusError):
    status_code = 400


class UnauthorizedError(ApiStatusError):
    status_code = 401


class NotFoundError(ApiStatusError):
    status_code = 404


class ValidationError(ApiStatusError):
    """422: the request was refused; ``errors`` says which field and why.

    ``local`` is true when the client found the problem before sending (same items the server gives).
    """

    status_code = 422

    def __init__(self, message: str, *, errors: list[ErrorItem], local: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("details", errors)
        super().__init__(message, **kwargs)
        self.errors = errors
        self.local = local

    def field_errors(self) -> dict[str, str]:
        """``{field: msg}``; several messages for one field are joined."""
        result: dict[str, str] = {}
        for item in self.errors:
            result[item.field] = f"{result[item.field]} {item.msg}" if item.field in result else item.msg
        return result

    @classmethod
    def from_pydantic(cls, exc: PydanticValidationError, location: str = "body") -> ValidationError:
        items = error_items(exc, location)
        return cls(_join(items), errors=items, local=True)


class RateLimitError(ApiStatusError):
    status_code = 429

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(ApiStatusError):
    """5xx: the server failed. Safe requests are retried before this is raised."""

    status_code = 500


_BY_STATUS: dict[int, type[ApiStatusError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    404: NotFoundError,
    422: ValidationError,
    429: RateLimitError,
}

_FALLBACK_MESSAGES = {
    400: "The server refused the request.",
    401: "The token was refused. Check it or create a new one.",
    403: "This token may not do that.",
    404: "Not found. It may have been deleted.",
    405: "The server does not support this request.",
    429: "Too many requests.",
}


def when_to_retry(seconds: float | None) -> str:
    """The sentence that says when a refused request (429) is worth sending again."""
    if seconds is None or seconds < 1.5:
        return "Wait a moment and try again."
    if seconds < 90:
        return f"Try again in {round(seconds)} seconds."
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"Try again in {minutes} minutes."
    return f"Try again in {round(minutes / 60)} hours."


def _join(items: list[ErrorItem]) -> str:
    return "; ".join(f"{i.field}: {i.msg}" if i.field else i.msg for i in items) or "The request was refused."


def error_from_response(response: httpx.Response, retry_after: float | None = None) -> ApiStatusError:
    """The typed exception for an error response, with the envelope's details."""
    status = response.status_code
    details: str | list[ErrorItem] | None = None
    try:
        envelope = ErrorEnvelope.model_validate_json(response.content)
        raw = envelope.error.details
        details = raw.errors if raw is not None and not isinstance(raw, str) else raw
    except (PydanticValidationError, ValueError):
        details = None
    if isinstance(details, list):
        message = _join(details)
    elif details:
        message = details
    elif status >= 500:
        message = f"The server failed ({status}). Try again later."
    else:
        message = _FALLBACK_MESSAGES.get(status, f"The server answered {status}.")
    if status == 422:
        return ValidationError(
            message, errors=details if isinstance(details, list) else [], details=details, response=response
        )
    if status == 429:
        return RateLimitError(
            f"{message} {when_to_retry(retry_after)}",
            retry_after=retry_after,
            status_code=status,
            details=details,
            response=response,
        )
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiStatusError)
    return cls(message, status_code=status, details=details, response=response)


def never_applied(exc: BaseException) -> bool:
    """Whether the request that failed with ``exc`` certainly changed nothing on the server.

    True when the server answered an error other than a 5xx, or the request never left this
    computer (connection refused, connect timeout). A timeout, a broken connection, a 5xx or an
    unreadable answer may come after the server did the work (a create may exist).
    """
    if isinstance(exc, ApiStatusError):
        return not isinstance(exc, ServerError)
    return isinstance(exc, ApiConnectionError) and isinstance(exc.__cause__, NEVER_SENT)
