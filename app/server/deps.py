"""FastAPI dependencies: database sessions (read or write) and common query parameters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from app.schema import LIMIT_MAX


def read_session(request: Request) -> Iterator[Session]:
    with request.app.state.db.read() as session:
        yield session


def write_session(request: Request) -> Iterator[Session]:
    """A session whose transaction is committed when the route returns without error."""
    with request.app.state.db.write() as session, session.begin():
        yield session


ReadSession = Annotated[Session, Depends(read_session)]
WriteSession = Annotated[Session, Depends(write_session)]

#: Offsets are bounded so that they fit any database's integers (no workspace holds this many items).
OFFSET_MAX = 2**31 - 1

Limit = Annotated[int, Query(ge=1, le=LIMIT_MAX, description="Page size (1-100)")]
Offset = Annotated[int, Query(ge=0, le=OFFSET_MAX, description="Number of items to skip")]
