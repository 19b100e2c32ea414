"""Contacts: the contact object, create/update bodies and list responses."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .base import RequestModel, ResponseModel
from .common import CustomValues, Pagination
from .vocabulary import IDENTIFIER_FIELDS

Name = Annotated[str, StringConstraints(max_length=250)]
Identifier = Annotated[str, StringConstraints(max_length=320)]


def has_identifier(values: dict[str, Any]) -> bool:
    """Whether a contact (as a dict of its members) holds at least one non-blank identifier."""
    return any(isinstance(values.get(f), str) and values[f].strip() for f in IDENTIFIER_FIELDS)


def missing_identifier_error() -> PydanticCustomError:
    return PydanticCustomError(
        "missing_identifier",
        "At least one identifier is required: external_contact_id, email, phone_number, whatsapp_id"
        " or fb_messenger_id.",
        {"field": "identifier"},
    )


class ContactWrite(RequestModel):
    """Members a contact body may carry (create, update, bulk item)."""

    first_name: Name | None = None
    last_name: Name | None = None
    external_contact_id: Identifier | None = None
    email: Identifier | None = None
    phone_number: Identifier | None = None
    whatsapp_id: Identifier | None = None
    fb_messenger_id: Identifier | None = None
    client_reference: Identifier | None = None
    custom_fields: CustomValues | None = None


class ContactCreate(ContactWrite):
    """Body of Create a Contact: at least one identifier is required."""

    @model_validator(mode="after")
    def _needs_identifier(self) -> ContactCreate:
        if not has_identifier(self.__dict__):
            raise missing_identifier_error()
        return self


class ContactUpdate(ContactWrite):
    """Body of Update a Contact: only the members sent change; ``null`` clears a member."""


class Contact(ResponseModel):
    """A contact as every endpoint returns it."""

    uuid: UUID
    workspace_uuid: UUID
    first_name: str | None = None
    last_name: str | None = None
    external_contact_id: str | None = None
    email: str | None = None
    phone_number: str | None = None
    whatsapp_id: str | None = None
    fb_messenger_id: str | None = None
    client_reference: str | None = None
    archived: bool = False
    created_at: datetime
    updated_at: datetime
    last_engaged_at: datetime | None = None
    custom_fields: dict[str, Any] = Field(default_factory=dict)


class ContactsPage(ResponseModel):
    """Response of List Contacts, Search Contacts and List Contacts in a Contact List."""

    contacts: list[Contact]
    pagination: Pagination
