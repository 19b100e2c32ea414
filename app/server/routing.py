"""Routes that commit their write transaction in the thread that ran them."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

#: ``Session.info`` key of a session whose transaction the route commits (see :mod:`app.server.deps`).
COMMIT_WHEN_ROUTE_RETURNS = "commit_when_route_returns"


class CommittingRoute(APIRoute):
    """An ``APIRoute`` whose write session is committed as soon as its (sync) endpoint returns, in the
    same worker thread, before FastAPI hands the result back to the event loop.

    A write transaction on SQLite holds the database's write lock from its first statement to its
    commit. Committed in the dependency's teardown, it would also be held while the request waits for
    the event loop to come back to it, which under load takes longer than the work itself: every other
    writer would queue behind that wait. A failing commit is still the request's error.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _committing(endpoint)
        super().__init__(path, endpoint, **kwargs)


def _committing(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(endpoint)
    def run(*args: Any, **kwargs: Any) -> Any:
        result = endpoint(*args, **kwargs)
        for value in kwargs.values():
            if (
                isinstance(value, Session)
                and value.info.get(COMMIT_WHEN_ROUTE_RETURNS)
                and value.in_transaction()
            ):
                value.commit()
        return result

    return run
