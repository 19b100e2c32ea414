"""/v1/contacts/bulk: Bulk Create Contacts and Get Contact Import Status."""

from __future__ import annotations

from fastapi import Request

from app.schema import BulkCreateRequest, BulkCreateResponse, ImportStatusResponse

from ..auth import Auth
from ..routing import api_router
from ..services import imports
from ..sessions import ReadSession

router = api_router(prefix="/contacts/bulk", tags=["Contacts"])


@router.post(
    "",
    response_model=BulkCreateResponse,
    status_code=202,
    summary="Bulk Create Contacts",
    responses={404: {"description": "`contact_list_uuid` names no contact list of the workspace."}},
)
def bulk_create(principal: Auth, request: Request, body: BulkCreateRequest) -> dict:
    """Queue the import (committed before the worker is woken) and answer at once."""
    with request.app.state.db.write() as session, session.begin():
        import_uuid = imports.submit(session, principal, body)
    request.app.state.import_worker.wake()
    return {"contact_import_uuid": import_uuid}


@router.get(
    "/{contact_import_uuid}", response_model=ImportStatusResponse, summary="Get Contact Import Status"
)
def import_status(principal: Auth, session: ReadSession, contact_import_uuid: str) -> dict:
    return imports.status(session, principal, contact_import_uuid)
