"""The API's routers: routes under ``/v1`` that need the bearer token and commit their write
transaction in the thread that ran them."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from .auth import authenticate

#: Where the API's routes are.
API_PREFIX = "/v1"

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


def api_router(prefix: str = "", **options: Any) -> APIRouter:
    """A router of the API's routes, at ``/v1`` + ``prefix``: each needs the bearer token (on top of
    :class:`~app.server.auth.BearerAuthMiddleware`) and is a :class:`CommittingRoute`.

    ``create_app`` takes the routes as built here, without ``include_router``: FastAPI (0.165) builds
    each route when it is declared, then builds an included router's routes again for the app when a
    request first reaches it (~3 ms a route here), which every first request to a router paid, the
    app's first page included. Shared by every app made in a process (the tests make many): a route
    holds nothing of an app's, which it finds in the request.
    """
    return APIRouter(
        prefix=API_PREFIX + prefix,
        dependencies=[Depends(authenticate)],
        route_class=CommittingRoute,
        **options,
    )
