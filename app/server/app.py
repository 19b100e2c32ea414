"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.telemetry import TelemetryConfig
from starlette.routing import BaseRoute

import app as package

from .auth import BearerAuthMiddleware
from .db import Database
from .errors import install_error_handlers
from .limits import RequestLimitsMiddleware
from .openapi import install_openapi
from .routes import contacts_page
from .routing import DeferredRoutes, endpoint_context_from_code
from .worker import ImportWorker

#: FastAPI's OpenTelemetry off: the server reports to no one, whatever the environment says
#: (``FASTAPI_OTEL_AUTO_CONFIGURE`` would make the sandbox export every request it answers).
NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False, "auto_configure": False}


def create_app(db: str | Path | Database, *, migrate: bool = True) -> FastAPI:
    """The Contacts API on the database ``db`` (a path, a SQLAlchemy URL or a ``Database``).

    Every route under ``/v1`` requires a bearer token and sees only its workspace. The app's import
    worker resumes unfinished imports at once (in-process test transports run no lifespan); it stops
    at shutdown and when the database is disposed.
    """
    endpoint_context_from_code()
    database = db if isinstance(db, Database) else Database(db)
    if migrate:
        database.migrate()
    worker = ImportWorker(database)
    database.on_dispose(worker.stop)

    @asynccontextmanager
    async def lifespan(_api: FastAPI) -> AsyncIterator[None]:
        yield
        worker.stop()

    api = FastAPI(
        lifespan=lifespan,
        title="CueDesk Contacts API",
        version=package.__version__,
        telemetry=NO_TELEMETRY,
    )
    api.state.db = database
    api.state.import_worker = worker
    install_error_handlers(api)
    install_openapi(api)
    # The last middleware added runs first: authentication, then the body limits, then routing.
    api.add_middleware(RequestLimitsMiddleware)
    api.add_middleware(BearerAuthMiddleware, database=database)
    # The routes as their routers built them (routing.api_router): List Contacts, the first page's, and
    # the others imported when a request first needs one, in the order the OpenAPI document lists them.
    api.router.routes.extend(contacts_page.router.routes)
    api.router.routes.append(DeferredRoutes(_routes_after_the_first_page))
    worker.resume()
    return api


def _routes_after_the_first_page() -> list[BaseRoute]:
    from .routes import bulk, contact_lists, contacts, custom_fields, notes

    routers = (contacts, bulk, contact_lists, custom_fields, notes)
    return [route for routes in routers for route in routes.router.routes]
