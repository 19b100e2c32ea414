"""Bearer tokens: creation (stored hashed) and the authentication every route depends on."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from sqlalchemy import Connection, insert, select
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from .db import Database
from .errors import Unauthorized
from .tables import api_tokens, utcnow, workspaces

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


TOKEN_PREFIX = "cdk_"
DEFAULT_WORKSPACE = "Sandbox"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the token's workspace (every query is scoped to it) and the token itself."""

    workspace_id: int
    workspace_uuid: str
    token_uuid: str


def workspace_named(connection: Connection | Session, name: str) -> tuple[int, str]:
    """The id and uuid of the workspace named ``name``, created if needed; Core, in the caller's
    transaction (a connection or a session)."""
    query = select(workspaces.c.id, workspaces.c.uuid).where(workspaces.c.name == name)
    found = connection.execute(query).first()
    if found is None:
        connection.execute(insert(workspaces).values(name=name))
        found = connection.execute(query).one()
    return found.id, found.uuid


def create_token(
    connection: Connection | Session, workspace_name: str = DEFAULT_WORKSPACE, label: str | None = None
) -> str:
    """Create a bearer token for the named workspace (created if needed). Only its hash is stored.

    Core only, in the caller's write transaction (a connection or a session): the sandbox makes its
    token before its first page, which loads no ORM.
    """
    workspace_id, _uuid = workspace_named(connection, workspace_name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    connection.execute(
        insert(api_tokens).values(workspace_id=workspace_id, token_hash=hash_token(token), label=label)
    )
    return token


def principal_for_token(connection: Connection | Session, token: str) -> Principal | None:
    """Who ``token`` opens (``None``: no such token, or revoked); Core only, on a connection or a session."""
    row = connection.execute(
        select(api_tokens.c.uuid, api_tokens.c.revoked_at, workspaces.c.id, workspaces.c.uuid)
        .join(workspaces, workspaces.c.id == api_tokens.c.workspace_id)
        .where(api_tokens.c.token_hash == hash_token(token))
    ).first()
    if row is None or row.revoked_at is not None:
        return None
    return Principal(workspace_id=row[2], workspace_uuid=row[3], token_uuid=row[0])


def revoke_token(session: Session, token: str) -> bool:
    from . import models as m

    row = session.scalar(select(m.ApiToken).where(m.ApiToken.token_hash == hash_token(token)))
    if row is None:
        return False
    row.revoked_at = utcnow()
    return True


def bearer_token(headers: Headers) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if well-formed."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 512:
        return None
    return token


class BearerAuthMiddleware:
    """Authenticates every request under ``prefix`` before routing and body parsing, so a caller
    without a valid token learns nothing (401 comes before 404, 405 and 422)."""

    def __init__(self, app: ASGIApp, database: Database, prefix: str = "/v1") -> None:
        self.app = app
        self.database = database
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == self.prefix or path.startswith(self.prefix + "/")):
            await self.app(scope, receive, send)
            return
        token = bearer_token(Headers(scope=scope))
        # One indexed lookup by primary key hash: cheaper inline than a hop to a worker thread.
        principal = self._principal(token) if token else None
        if principal is None:
            await Unauthorized().response()(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    def _principal(self, token: str) -> Principal | None:
        with self.database.reading() as connection:
            return principal_for_token(connection, token)


async def authenticate(request: Request) -> Principal:
    """FastAPI dependency: the caller's principal, set by :class:`BearerAuthMiddleware`."""
    principal = getattr(request.state, "principal", None)
    if principal is None:
        raise Unauthorized()
    return principal


Auth = Annotated[Principal, Depends(authenticate)]
