"""Which bulk imports are unfinished: what a server asks at start to know whether to resume any.

Apart from the rest of the imports (``imports.py``) so that a start with none to resume, the usual
one, does not load what running an import takes (its services and request models).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.schema.vocabulary import ImportStatus

from .. import models as m

UNFINISHED = (ImportStatus.PENDING.value, ImportStatus.PROCESSING.value)


def has_unfinished(session: Session) -> bool:
    return (
        session.scalar(select(m.ContactImport.id).where(m.ContactImport.status.in_(UNFINISHED)).limit(1))
        is not None
    )
