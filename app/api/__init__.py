"""An async, typed client of the CueDesk Contacts API (httpx + pydantic). Never imports Qt."""

from .client import DEFAULT_BASE_URL, CueDeskClient
from .errors import (
    ApiConnectionError,
    ApiResponseError,
    ApiStatusError,
    ApiTimeoutError,
    BadRequestError,
    CueDeskError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnauthorizedError,
    ValidationError,
)
from .pagination import Page, PageRequest

__all__ = [
    "DEFAULT_BASE_URL",
    "ApiConnectionError",
    "ApiResponseError",
    "ApiStatusError",
    "ApiTimeoutError",
    "BadRequestError",
    "CueDeskClient",
    "CueDeskError",
    "NotFoundError",
    "Page",
    "PageRequest",
    "RateLimitError",
    "ServerError",
    "UnauthorizedError",
    "ValidationError",
]
