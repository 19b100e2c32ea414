"""Tables of the server's database (SQLAlchemy 2 ORM). Migrations live in ``migrations/``."""

from __future__ import annotations

import uuid as uuid_module
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class CustomValues(TypeDecorator[dict[str, Any]]):
    """Custom field values: JSON text on SQLite, JSONB on PostgreSQL (parsed once on write, typed operators).

    The type is chosen when a statement is compiled for an engine, so that a server on SQLite never
    loads SQLAlchemy's PostgreSQL dialect (about 40 ms of CPU at every start).
    """

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return super().load_dialect_impl(dialect)


#: Case-folded copies compare by code point on every engine, as SQLite's default collation does
#: (PostgreSQL: the "C" collation instead of the database's locale, where "É" would sort beside "E").
FOLDED_TEXT = Text().with_variant(Text(collation="C"), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and read back as an aware UTC ``datetime``."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}  # noqa: RUF012


class Workspace(Base):
    """A workspace: every other row belongs to exactly one."""

    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(250), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """A bearer token, stored as its SHA-256 hash only."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(250))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()

    workspace: Mapped[Workspace] = relationship(lazy="joined")


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    first_name: Mapped[str | None] = mapped_column(String(250))
    last_name: Mapped[str | None] = mapped_column(String(250))
    external_contact_id: Mapped[str | None] = mapped_column(String(320))
    email: Mapped[str | None] = mapped_column(String(320))
    phone_number: Mapped[str | None] = mapped_column(String(320))
    whatsapp_id: Mapped[str | None] = mapped_column(String(320))
    fb_messenger_id: Mapped[str | None] = mapped_column(String(320))
    client_reference: Mapped[str | None] = mapped_column(String(320))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_engaged_at: Mapped[datetime | None] = mapped_column()
    #: Values by custom field key, in their wire form (see services/custom_values.py).
    custom_fields: Mapped[dict[str, Any]] = mapped_column(CustomValues, default=dict)
    #: Case-folded text of the fields ``search_term`` looks in, kept up to date on every write.
    search_text: Mapped[str] = mapped_column(Text, default="")
    #: Case-folded copies of the text members, for case-insensitive filters and sorts (``É`` = ``é``)
    #: that both engines do natively; kept up to date on every write with ``search_text``.
    first_name_folded: Mapped[str | None] = mapped_column(FOLDED_TEXT)
    last_name_folded: Mapped[str | None] = mapped_column(FOLDED_TEXT)
    external_contact_id_folded: Mapped[str | None] = mapped_column(FOLDED_TEXT)
    email_folded: Mapped[str | None] = mapped_column(FOLDED_TEXT)
    phone_number_folded: Mapped[str | None] = mapped_column(FOLDED_TEXT)
    whatsapp_id_folded: Mapped[str | None] = mapped_column(FOLDED_TEXT)
    fb_messenger_id_folded: Mapped[str | None] = mapped_column(FOLDED_TEXT)
    client_reference_folded: Mapped[str | None] = mapped_column(FOLDED_TEXT)

    __table_args__ = (
        Index("ix_contacts_ws_created", "workspace_id", "archived", "created_at", "uuid"),
        Index("ix_contacts_ws_updated", "workspace_id", "archived", "updated_at", "uuid"),
        Index("ix_contacts_ws_email", "workspace_id", "email"),
        Index("ix_contacts_ws_phone", "workspace_id", "phone_number"),
        Index("ix_contacts_ws_external", "workspace_id", "external_contact_id"),
    )


class CustomFieldDefinition(Base):
    __tablename__ = "custom_fields"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(250))
    field_key: Mapped[str] = mapped_column(String(100))
    field_type: Mapped[str] = mapped_column(String(32))
    icon: Mapped[str | None] = mapped_column(String(100))
    editable: Mapped[bool] = mapped_column(Boolean, default=True)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="active")
    archived_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    options: Mapped[list[SelectOption]] = relationship(
        order_by="SelectOption.position", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (UniqueConstraint("workspace_id", "field_key", name="uq_custom_fields_ws_key"),)


class SelectOption(Base):
    __tablename__ = "select_options"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    custom_field_id: Mapped[int] = mapped_column(
        ForeignKey("custom_fields.id", ondelete="CASCADE"), index=True
    )
    display_label: Mapped[str] = mapped_column(String(250))
    field_key: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class ContactList(Base):
    __tablename__ = "contact_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(250))
    emoji: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_by: Mapped[str | None] = mapped_column(String(36))
    updated_by: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ContactListMember(Base):
    __tablename__ = "contact_list_members"

    contact_list_id: Mapped[int] = mapped_column(
        ForeignKey("contact_lists.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_contact_list_members_contact", "contact_id"),)


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    title: Mapped[str | None] = mapped_column(String(250))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="active")
    archived_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ContactImport(Base):
    """A bulk import: its request, its progress (rows done) and its summary."""

    __tablename__ = "contact_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    #: The accepted request body (contacts, contact_list_uuid, match_on_field, merge_type).
    payload: Mapped[dict[str, Any]] = mapped_column()
    total: Mapped[int] = mapped_column(Integer, default=0)
    #: Rows handled so far; rows before this index are never handled again (restart-safe).
    processed: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    #: Failed rows so far: ``[{"index": n, "errors": [<422 items>]}]``.
    failures: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default="[]")
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()
