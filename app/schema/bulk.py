"""Bulk Create Contacts and the import status."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import RequestModel, ResponseModel
from .common import ErrorItem
from .vocabulary import BULK_MAX_CONTACTS, ImportStatus, MatchField, MergeType


class BulkCreateRequest(RequestModel):
    """Body of Bulk Create Contacts.

    Each item is a JSON object with the members of Create a Contact. The gateway checks only the
    request's shape; every per-contact problem is the import's to report (a ``failed`` row).
    """

    contacts: list[dict[str, Any]] = Field(min_length=1, max_length=BULK_MAX_CONTACTS)
    contact_list_uuid: UUID | None = None
    match_on_field: MatchField | None = None
    merge_type: MergeType = MergeType.CREATE_OR_UPDATE

    @model_validator(mode="after")
    def _update_needs_a_match_field(self) -> BulkCreateRequest:
        if self.merge_type is MergeType.UPDATE and self.match_on_field is None:
            raise PydanticCustomError(
                "missing_match_field",
                "merge_type 'update' needs match_on_field: without it no row can match a contact.",
                {"field": "match_on_field"},
            )
        return self


class BulkCreateResponse(ResponseModel):
    contact_import_uuid: UUID


class ImportSummary(ResponseModel):
    total: int
    created: int
    failed: int
    #: Additive: rows skipped by the merge strategy (neither created nor failed).
    skipped: int = 0


class ImportFailure(ResponseModel):
    """Additive: why one row failed. ``index`` is its position in ``contacts`` (from 0); each error's
    ``field`` is a member of that row (``email``, ``custom_fields.num_seats``, ``identifier``)."""

    index: int
    errors: list[ErrorItem]


class ImportStatusResponse(ResponseModel):
    """Response of Get Contact Import Status."""

    contact_import_uuid: UUID
    status: ImportStatus
    summary: ImportSummary
    #: Additive: the failed rows so far, in row order.
    failures: list[ImportFailure] = Field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.COMPLETED, ImportStatus.FAILED)
