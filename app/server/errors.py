"""Errors the API answers with, and the handlers that put every one of them in the envelope."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.schema import ErrorEnvelope, ErrorItem

log = logging.getLogger("app.server")


class ApiError(Exception):
    """An error answered with ``status`` and the envelope; ``details`` is a sentence or 422 items."""

    status = 500

    def __init__(self, details: str | list[ErrorItem], *, status: int | None = None) -> None:
        super().__init__(details if isinstance(details, str) else f"{len(details)} validation error(s)")
        self.details = details
        if status is not None:
            self.status = status

    def response(self) -> JSONResponse:
        return envelope_response(self.status, self.details)


class BadRequest(ApiError):
    """400: a well-formed request that conflicts with what is stored."""

    status = 400


class Unauthorized(ApiError):
    status = 401

    def __init__(self, details: str = "Unauthorized access.") -> None:
        super().__init__(details)

    def response(self) -> JSONResponse:
        return envelope_response(self.status, self.details, headers={"WWW-Authenticate": "Bearer"})


class NotFound(ApiError):
    status = 404

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found.")


class Unprocessable(ApiError):
    """422 with one or more ``errors`` items."""

    status = 422

    @classmethod
    def single(cls, type_: str, field: str, msg: str, location: str = "body") -> Unprocessable:
        return cls([ErrorItem(type=type_, in_=location, field=field, msg=msg)])


def envelope_response(status: int, details: str | list[ErrorItem], headers=None) -> JSONResponse:
    return JSONResponse(ErrorEnvelope.build(status, details).to_wire(), status_code=status, headers=headers)


def request_validation_items(exc: RequestValidationError) -> list[ErrorItem]:
    """FastAPI's validation errors as the API's items: ``in`` is body/query/path, ``field`` a dotted path."""
    items = []
    for err in exc.errors():
        loc = list(err.get("loc") or ())
        location = str(loc.pop(0)) if loc else "body"
        if err.get("type") == "json_invalid":
            loc = []  # the position of the syntax error, not a field
        member = (err.get("ctx") or {}).get("field")
        if isinstance(member, str):
            loc.append(member)
        msg = str(err.get("msg", "Invalid value")).removeprefix("Value error, ")
        if err.get("type") == "json_invalid":
            msg = f"The request body is not valid JSON: {(err.get('ctx') or {}).get('error', msg)}."
        items.append(
            ErrorItem(type=str(err.get("type")), in_=location, field=".".join(map(str, loc)), msg=msg)
        )
    return items


#: Methods a route of this API may have (``Allow`` lists those the path has).
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at the request's path, found by asking the router.

    Starlette's 405 names only the methods of the first route matching the path, but one path often has
    a route per method (GET and POST ``/v1/contacts``): ``Allow`` must list them all.
    """
    routes = request.app.router.routes
    return [
        method
        for method in HTTP_METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]


_HTTP_DETAILS = {
    401: "Unauthorized access.",
    404: "The requested resource does not exist.",
    405: "This method is not allowed on this resource.",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return envelope_response(422, request_validation_items(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail else None
        if detail is None or detail in ("Not Found", "Method Not Allowed"):
            detail = _HTTP_DETAILS.get(exc.status_code, "The request could not be processed.")
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": ", ".join(allowed_methods(request))}
        return envelope_response(exc.status_code, detail, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("Unexpected error on %s %s", request.method, request.url.path)
        return envelope_response(500, "An unexpected error occurred. Please try again later.")
