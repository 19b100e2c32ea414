"""Helpers every service uses: uuid parsing for paths, pagination."""

from __future__ import annotations

from uuid import UUID

from ..errors import NotFound


def path_uuid(value: str, what: str) -> str:
    """The canonical form of a uuid taken from a path; a malformed one is a 404 like an unknown one."""
    try:
        return str(UUID(value))
    except (ValueError, TypeError, AttributeError):
        raise NotFound(what) from None


def pagination(limit: int, offset: int, total: int) -> dict[str, int]:
    return {"limit": limit, "offset": offset, "total": total}
