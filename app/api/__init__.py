"""An async, typed client of the CueDesk Contacts API (httpx + pydantic). Never imports Qt.

Names are loaded on first use (PEP 562), like ``app.schema``'s: a module of this package that needs
only the standard library (``network``, ``first_page``) can be imported without httpx and pydantic,
while a desktop app still paints its window (docs/performance.md).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_HOME)

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


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # looked up once: later uses do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
