"""The API's routers: routes under ``/v1`` that need the bearer token and commit their write
transaction in the thread that ran them; and routes imported when a request first needs them."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match, NoMatchFound, Router
from starlette.types import Receive, Scope, Send

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
        orm = sys.modules.get("sqlalchemy.orm")
        if orm is None:  # no session can be among the arguments (the first page's route reads with Core)
            return result
        for value in kwargs.values():
            if (
                isinstance(value, orm.Session)
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


#: The scope key of the route a request was matched to among :class:`DeferredRoutes`, until it handles it.
_CHOSEN = "cuedesk.deferred_route"


class DeferredRoutes(BaseRoute):
    """Routes that ``load`` imports when a request first needs one, standing in their place in the app.

    The sandbox server's first page needs List Contacts alone; importing the others (building their routes,
    and the services and models they use) was ~7% of the server's CPU before that page. A request
    is matched against these routes in their order as if they stood in the app's list themselves, and
    the one chosen handles it; a request matched by an earlier route never loads them. The OpenAPI
    document lists the app's routes: :func:`expand_deferred` puts these in the list for good first.
    """

    def __init__(self, load: Callable[[], list[BaseRoute]]) -> None:
        self._load = load
        self._routes: list[BaseRoute] | None = None

    @property
    def routes(self) -> list[BaseRoute]:
        if self._routes is None:
            self._routes = self._load()
        return self._routes

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        partial: tuple[Match, Scope] | None = None
        for route in self.routes:
            match, child_scope = route.matches(scope)
            if match is Match.FULL:
                return match, {**child_scope, _CHOSEN: route}
            if match is Match.PARTIAL and partial is None:
                partial = (match, {**child_scope, _CHOSEN: route})
        return partial or (Match.NONE, {})

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        await scope.pop(_CHOSEN).handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> Any:
        for route in self.routes:
            try:
                return route.url_path_for(name, **path_params)
            except NoMatchFound:
                pass
        raise NoMatchFound(name, path_params)


def expand_deferred(router: Router) -> None:
    """Load ``router``'s deferred routes and put them in its list in their place. Never while a request
    is being matched (the list is being walked); routing needs it not, only what lists the routes."""
    router.routes[:] = [
        route
        for entry in router.routes
        for route in (entry.routes if isinstance(entry, DeferredRoutes) else (entry,))
    ]


def endpoint_context_from_code() -> None:
    """Let FastAPI take an endpoint's context (file, first line, name: for its validation errors) from the
    function's code object instead of reading and tokenizing its source file.

    FastAPI (0.165) works it out with ``inspect.getsourcelines`` on each endpoint's first request; the
    first of them also compiles ``tokenize``'s patterns: ~10 ms of the sandbox's first page, measured with
    yappi. For a function defined in a source file that exists, its code object (and that of the function
    it wraps) names the same file and line (``tests/server/test_serving.py`` compares the two for every
    route); anything else (a frozen app without sources, a callable object) is left to FastAPI's own.
    Does nothing if FastAPI no longer has that function. Called by ``create_app``; once per process is
    enough.
    """
    from fastapi import routing

    original = getattr(routing, "_extract_endpoint_context", None)
    if original is None or getattr(original, "from_code", False):
        return

    def from_code(func: Any) -> Any:
        # As inspect does: the file of the function itself, the first line of what it wraps (an endpoint
        # wrapped by CommittingRoute: the file of the wrapper, the line of the endpoint).
        inner = inspect.unwrap(func) if inspect.isfunction(func) else None
        if not inspect.isfunction(inner):
            return original(func)
        file, inner_file = func.__code__.co_filename, inner.__code__.co_filename
        if not all(f.endswith(".py") and os.path.exists(f) for f in (file, inner_file)):
            return original(func)
        return {"file": file, "line": inner.__code__.co_firstlineno, "function": func.__name__}

    from_code.from_code = True  # type: ignore[attr-defined]
    from_code.original = original  # type: ignore[attr-defined]
    routing._extract_endpoint_context = from_code
