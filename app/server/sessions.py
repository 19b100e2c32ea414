"""FastAPI dependencies giving ORM sessions (read or write) to the routes after the first page.

Apart from :mod:`app.server.deps`, whose Core connection serves the first page: importing this
module loads ``sqlalchemy.orm``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from .routing import COMMIT_WHEN_ROUTE_RETURNS


async def read_session(request: Request) -> AsyncIterator[Session]:
    """A session for reading; it connects on its first query (in the route's thread)."""
    with request.app.state.db.read() as session:
        yield session


async def write_session(request: Request) -> AsyncIterator[Session]:
    """A session whose transaction is committed when the route returns without error.

    Routes of :class:`~app.server.routing.CommittingRoute` commit it in their own thread as soon as
    they return, so that the write lock is not held while the request waits for the event loop; the
    teardown below commits otherwise. Either way ``scope="function"`` makes it happen before the
    response is sent: a client that has the answer can read what it wrote, and a failing commit is
    the request's error, not a silent loss. The dependencies are async (no thread hop of their own);
    opening a session does no I/O.
    """
    with request.app.state.db.write() as session, session.begin():
        session.info[COMMIT_WHEN_ROUTE_RETURNS] = True
        yield session


ReadSession = Annotated[Session, Depends(read_session, scope="function")]
WriteSession = Annotated[Session, Depends(write_session, scope="function")]
