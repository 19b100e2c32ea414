"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI

import app as package

from .auth import BearerAuthMiddleware, authenticate
from .db import Database
from .errors import install_error_handlers
from .limits import RequestLimitsMiddleware
from .openapi import install_openapi
from .routes import bulk, contact_lists, contacts, custom_fields, notes
from .worker import ImportWorker


def create_app(db: str | Path | Database, *, migrate: bool = True) -> FastAPI:
    """The Contacts API on the database ``db`` (a path, a SQLAlchemy URL or a ``Database``).

    Every route under ``/v1`` requires a bearer token and sees only its workspace. The app's import
    worker resumes unfinished imports at once (in-process test transports run no lifespan); it stops
    at shutdown and when the database is disposed.
    """
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
    )
    api.state.db = database
    api.state.import_worker = worker
    install_error_handlers(api)
    install_openapi(api)
    # The last middleware added runs first: authentication, then the body limits, then routing.
    api.add_middleware(RequestLimitsMiddleware)
    api.add_middleware(BearerAuthMiddleware, database=database)
    v1 = APIRouter(prefix="/v1", dependencies=[Depends(authenticate)])
    v1.include_router(bulk.router)  # before contacts: /contacts/bulk/{uuid} is not a contact's path
    v1.include_router(contacts.router)
    v1.include_router(contact_lists.router)
    v1.include_router(custom_fields.router)
    v1.include_router(notes.router)
    api.include_router(v1)
    worker.resume()
    return api
