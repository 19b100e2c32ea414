"""Which bulk imports are unfinished: what a server asks at start to know whether to resume any.

Apart from the rest of the imports (``imports.py``) so that a start with none to resume, the usual
one, does not load what running an import takes (its services and request models).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from app.schema.vocabulary import ImportStatus

from ..tables import contact_imports

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

UNFINISHED = (ImportStatus.PENDING.value, ImportStatus.PROCESSING.value)


def has_unfinished(connection: Connection | Session) -> bool:
    """Whether any import waits or runs (Core: a server's start loads no ORM for this)."""
    query = select(contact_imports.c.id).where(contact_imports.c.status.in_(UNFINISHED)).limit(1)
    return connection.scalar(query) is not None
