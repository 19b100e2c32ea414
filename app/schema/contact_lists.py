"""Contact lists and list membership."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .base import RequestModel, ResponseModel
from .common import Pagination
from .vocabulary import MEMBERSHIP_MAX_UUIDS, ListStatus

ListName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=250)]
Emoji = Annotated[str, StringConstraints(max_length=32)]


class ContactList(ResponseModel):
    uuid: UUID
    name: str
    status: ListStatus = ListStatus.ACTIVE
    emoji: str | None = None
    workspace_uuid: UUID
    count: int = 0
    created_by: UUID | None = None
    updated_by: UUID | None = None
    created_at: datetime
    updated_at: datetime


class ContactListsPage(ResponseModel):
    contact_lists: list[ContactList]
    pagination: Pagination


class ContactListCreate(RequestModel):
    name: ListName
    emoji: Emoji | None = None


class ContactListUpdate(RequestModel):
    """Only the members sent change; ``"emoji": null`` removes the emoji."""

    name: ListName | None = None
    emoji: Emoji | None = None

    @model_validator(mode="after")
    def _name_cannot_be_removed(self) -> ContactListUpdate:
        if "name" in self.model_fields_set and self.name is None:
            raise PydanticCustomError("null_name", "A contact list needs a name.", {"field": "name"})
        return self


class MembershipChange(RequestModel):
    """Body of Add and Remove Contacts (1–100 uuids)."""

    contact_uuids: list[UUID] = Field(min_length=1, max_length=MEMBERSHIP_MAX_UUIDS)


class MembershipWarning(ResponseModel):
    uuid: str
    message: str


class MembershipResult(ResponseModel):
    """Response of Add Contacts to a Contact List."""

    message: str
    added: list[UUID]
    warnings: list[MembershipWarning] = Field(default_factory=list)
