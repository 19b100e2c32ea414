"""FastAPI dependencies of the first page: the database, to read with Core, and the paging parameters.

The ORM sessions of the other routes are in :mod:`app.server.sessions`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from app.schema import LIMIT_MAX

from .db import Database


async def app_database(request: Request) -> Database:
    """The app's database; a route reads it in its own thread (``with database.reading() as c:``),
    where connecting may wait on the network (async: no thread hop of its own)."""
    return request.app.state.db


AppDatabase = Annotated[Database, Depends(app_database)]

#: Offsets are bounded so that they fit any database's integers (no workspace holds this many items).
OFFSET_MAX = 2**31 - 1

Limit = Annotated[int, Query(ge=1, le=LIMIT_MAX, description="Page size (1-100)")]
Offset = Annotated[int, Query(ge=0, le=OFFSET_MAX, description="Number of items to skip")]
