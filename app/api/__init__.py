"""An async, typed client of the CueDesk Contacts API (httpx + pydantic). Never imports Qt."""

from ._http import RetryPolicy
from .bulk_import import AcceptedBatch, BulkImporter, FailedRow, ImportProgress
from .client import DEFAULT_BASE_URL, CueDeskClient
from .errors import (
    ApiConnectionError,
    ApiResponseError,
    ApiStatusError,
    ApiTimeoutError,
    BadRequestError,
    CertificateError,
    CueDeskError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnauthorizedError,
    ValidationError,
    never_applied,
)
from .pagination import Page, PageRequest
from .search import order_by, where

__all__ = [
    "DEFAULT_BASE_URL",
    "AcceptedBatch",
    "ApiConnectionError",
    "ApiResponseError",
    "ApiStatusError",
    "ApiTimeoutError",
    "BadRequestError",
    "BulkImporter",
    "CertificateError",
    "CueDeskClient",
    "CueDeskError",
    "FailedRow",
    "ImportProgress",
    "NotFoundError",
    "Page",
    "PageRequest",
    "RateLimitError",
    "RetryPolicy",
    "ServerError",
    "UnauthorizedError",
    "ValidationError",
    "never_applied",
    "order_by",
    "where",
]
