"""The ORM classes of the server's database (SQLAlchemy 2), mapped onto :mod:`app.server.tables`.

Loaded by the first request that needs the ORM, not by a server's first page (``tables``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from . import tables
from .tables import CustomValues, UTCDateTime, new_uuid, utcnow

__all__ = [
    "ApiToken",
    "Base",
    "Contact",
    "ContactImport",
    "ContactList",
    "ContactListMember",
    "CustomFieldDefinition",
    "CustomValues",
    "Note",
    "SelectOption",
    "UTCDateTime",
    "Workspace",
    "new_uuid",
    "utcnow",
]


class Base(DeclarativeBase):
    metadata = tables.metadata


class Workspace(Base):
    """A workspace: every other row belongs to exactly one."""

    __table__ = tables.workspaces

    id: Mapped[int]
    uuid: Mapped[str]
    name: Mapped[str]
    created_at: Mapped[datetime]


class ApiToken(Base):
    """A bearer token, stored as its SHA-256 hash only."""

    __table__ = tables.api_tokens

    id: Mapped[int]
    uuid: Mapped[str]
    workspace_id: Mapped[int]
    token_hash: Mapped[str]
    label: Mapped[str | None]
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    workspace: Mapped[Workspace] = relationship(lazy="joined")


class Contact(Base):
    __table__ = tables.contacts

    id: Mapped[int]
    uuid: Mapped[str]
    workspace_id: Mapped[int]
    first_name: Mapped[str | None]
    last_name: Mapped[str | None]
    external_contact_id: Mapped[str | None]
    email: Mapped[str | None]
    phone_number: Mapped[str | None]
    whatsapp_id: Mapped[str | None]
    fb_messenger_id: Mapped[str | None]
    client_reference: Mapped[str | None]
    archived: Mapped[bool]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    last_engaged_at: Mapped[datetime | None]
    custom_fields: Mapped[dict[str, Any]]
    search_text: Mapped[str]
    first_name_folded: Mapped[str | None]
    last_name_folded: Mapped[str | None]
    external_contact_id_folded: Mapped[str | None]
    email_folded: Mapped[str | None]
    phone_number_folded: Mapped[str | None]
    whatsapp_id_folded: Mapped[str | None]
    fb_messenger_id_folded: Mapped[str | None]
    client_reference_folded: Mapped[str | None]


class CustomFieldDefinition(Base):
    __table__ = tables.custom_fields

    id: Mapped[int]
    uuid: Mapped[str]
    workspace_id: Mapped[int]
    name: Mapped[str]
    field_key: Mapped[str]
    field_type: Mapped[str]
    icon: Mapped[str | None]
    editable: Mapped[bool]
    sensitive: Mapped[bool]
    status: Mapped[str]
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    options: Mapped[list[SelectOption]] = relationship(
        order_by="SelectOption.position", cascade="all, delete-orphan", lazy="selectin"
    )


class SelectOption(Base):
    __table__ = tables.select_options

    id: Mapped[int]
    uuid: Mapped[str]
    custom_field_id: Mapped[int]
    display_label: Mapped[str]
    field_key: Mapped[str]
    position: Mapped[int]
    archived: Mapped[bool]


class ContactList(Base):
    __table__ = tables.contact_lists

    id: Mapped[int]
    uuid: Mapped[str]
    workspace_id: Mapped[int]
    name: Mapped[str]
    emoji: Mapped[str | None]
    status: Mapped[str]
    created_by: Mapped[str | None]
    updated_by: Mapped[str | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ContactListMember(Base):
    __table__ = tables.contact_list_members

    contact_list_id: Mapped[int]
    contact_id: Mapped[int]
    added_at: Mapped[datetime]


class Note(Base):
    __table__ = tables.notes

    id: Mapped[int]
    uuid: Mapped[str]
    contact_id: Mapped[int]
    title: Mapped[str | None]
    text: Mapped[str]
    status: Mapped[str]
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ContactImport(Base):
    """A bulk import: its request, its progress (rows done) and its summary."""

    __table__ = tables.contact_imports

    id: Mapped[int]
    uuid: Mapped[str]
    workspace_id: Mapped[int]
    status: Mapped[str]
    payload: Mapped[dict[str, Any]]
    total: Mapped[int]
    processed: Mapped[int]
    created: Mapped[int]
    failed: Mapped[int]
    skipped: Mapped[int]
    failures: Mapped[list[dict[str, Any]]]
    error: Mapped[str | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
