"""Helpers every service uses: uuid parsing for paths, pagination, ordering, change tracking."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement

from ..errors import NotFound


def path_uuid(value: str, what: str) -> str:
    """The canonical form of a uuid taken from a path; a malformed one is a 404 like an unknown one."""
    try:
        return str(UUID(value))
    except (ValueError, TypeError, AttributeError):
        raise NotFound(what) from None


def pagination(limit: int, offset: int, total: int) -> dict[str, int]:
    return {"limit": limit, "offset": offset, "total": total}


def ordering(
    key: ColumnElement, tie_breaker: ColumnElement, direction: str, *, nullable: bool = True
) -> list[ColumnElement]:
    """ORDER BY terms: missing values last in both directions, then ``tie_breaker`` so pages never overlap."""
    descending = direction == "desc"
    terms: list[ColumnElement] = [key.is_(None)] if nullable else []
    terms.append(key.desc() if descending else key.asc())
    terms.append(tie_breaker.desc() if descending else tie_breaker.asc())
    return terms


def apply_changes(row: Any, changes: dict[str, Any]) -> bool:
    """Set the attributes of ``row`` that differ from ``changes``; whether anything changed."""
    changed = False
    for name, value in changes.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed
