"""An async, typed client of the CueDesk Contacts API (httpx + pydantic). Never imports Qt.

Names are loaded on first use (PEP 562), like ``app.schema``'s: a module of this package that needs
only the standard library (``network``, ``first_page``) can be imported without httpx and pydantic,
while a desktop app still paints its window (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.lazy_names import lazy_exports

#: Where each exported name lives, by submodule.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "_http": ("RetryPolicy",),
    "bulk_import": ("AcceptedBatch", "BulkImporter", "FailedRow", "ImportProgress"),
    "client": ("DEFAULT_BASE_URL", "CueDeskClient"),
    "errors": (
        "ApiConnectionError",
        "ApiResponseError",
        "ApiStatusError",
        "ApiTimeoutError",
        "BadRequestError",
        "CertificateError",
        "CueDeskError",
        "NotFoundError",
        "RateLimitError",
        "ServerError",
        "UnauthorizedError",
        "ValidationError",
        "never_applied",
    ),
    "pagination": ("Page", "PageRequest"),
    "search": ("order_by", "where"),
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())

if TYPE_CHECKING:  # the same names, for type checkers (tests/test_lazy_exports.py keeps them equal)
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
