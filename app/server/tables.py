"""Tables of the server's database, in SQLAlchemy Core. Migrations live in ``migrations/``.

The ORM classes (:mod:`app.server.models`) are mapped onto these tables. Core alone serves a
server's first page (List Contacts and the token lookup before it): ``sqlalchemy.orm`` and the
mapped classes are loaded with the first request that needs them, after that page (~14% of the
sandbox server's CPU to its first page; docs/performance.md).
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

from app.schema.vocabulary import CONTACT_TEXT_FIELDS

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


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


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _uuid() -> Column[str]:
    return Column("uuid", String(36), unique=True, nullable=False, default=new_uuid)


def _at(name: str, *, required: bool = True) -> Column[datetime]:
    """A timestamp column; a required one defaults to the time of the insert."""
    if required:
        return Column(name, UTCDateTime(), nullable=False, default=utcnow)
    return Column(name, UTCDateTime(), nullable=True)


def _workspace_id(*, index: bool = False) -> Column[int]:
    return Column(
        "workspace_id",
        Integer,
        ForeignKey("workspaces.id", ondelete="CASCADE"),
        nullable=False,
        index=index or None,
    )


def _text(name: str, length: int) -> Column[str]:
    """An optional text column of at most ``length`` characters."""
    return Column(name, String(length), nullable=True)


workspaces = Table(
    "workspaces",
    metadata,
    _id(),
    _uuid(),
    Column("name", String(250), unique=True, nullable=False),
    _at("created_at"),
)

#: Bearer tokens, stored as their SHA-256 hash only.
api_tokens = Table(
    "api_tokens",
    metadata,
    _id(),
    _uuid(),
    _workspace_id(index=True),
    Column("token_hash", String(64), unique=True, nullable=False),
    _text("label", 250),
    _at("created_at"),
    _at("revoked_at", required=False),
)

contacts = Table(
    "contacts",
    metadata,
    _id(),
    _uuid(),
    _workspace_id(),
    _text("first_name", 250),
    _text("last_name", 250),
    _text("external_contact_id", 320),
    _text("email", 320),
    _text("phone_number", 320),
    _text("whatsapp_id", 320),
    _text("fb_messenger_id", 320),
    _text("client_reference", 320),
    Column("archived", Boolean, nullable=False, default=False),
    _at("created_at"),
    _at("updated_at"),
    _at("last_engaged_at", required=False),
    # Values by custom field key, in their wire form (see services/custom_values.py).
    Column("custom_fields", CustomValues(), nullable=False, default=dict),
    # Case-folded text of the fields ``search_term`` looks in, kept up to date on every write.
    Column("search_text", Text, nullable=False, default=""),
    # Case-folded copies of the text members, for case-insensitive filters and sorts (``É`` = ``é``)
    # that both engines do natively; kept up to date on every write with ``search_text``.
    *(Column(f"{name}_folded", FOLDED_TEXT, nullable=True) for name in CONTACT_TEXT_FIELDS),
    Index("ix_contacts_ws_created", "workspace_id", "archived", "created_at", "uuid"),
    Index("ix_contacts_ws_updated", "workspace_id", "archived", "updated_at", "uuid"),
    Index("ix_contacts_ws_email", "workspace_id", "email"),
    Index("ix_contacts_ws_phone", "workspace_id", "phone_number"),
    Index("ix_contacts_ws_external", "workspace_id", "external_contact_id"),
)

custom_fields = Table(
    "custom_fields",
    metadata,
    _id(),
    _uuid(),
    _workspace_id(),
    Column("name", String(250), nullable=False),
    Column("field_key", String(100), nullable=False),
    Column("field_type", String(32), nullable=False),
    _text("icon", 100),
    Column("editable", Boolean, nullable=False, default=True),
    Column("sensitive", Boolean, nullable=False, default=False),
    Column("status", String(16), nullable=False, default="active"),
    _at("archived_at", required=False),
    _at("created_at"),
    _at("updated_at"),
    UniqueConstraint("workspace_id", "field_key", name="uq_custom_fields_ws_key"),
)

select_options = Table(
    "select_options",
    metadata,
    _id(),
    _uuid(),
    Column(
        "custom_field_id",
        Integer,
        ForeignKey("custom_fields.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("display_label", String(250), nullable=False),
    Column("field_key", String(100), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("archived", Boolean, nullable=False, default=False),
)

contact_lists = Table(
    "contact_lists",
    metadata,
    _id(),
    _uuid(),
    _workspace_id(index=True),
    Column("name", String(250), nullable=False),
    _text("emoji", 32),
    Column("status", String(16), nullable=False, default="active"),
    _text("created_by", 36),
    _text("updated_by", 36),
    _at("created_at"),
    _at("updated_at"),
)

contact_list_members = Table(
    "contact_list_members",
    metadata,
    Column("contact_list_id", Integer, ForeignKey("contact_lists.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    _at("added_at"),
    Index("ix_contact_list_members_contact", "contact_id"),
)

notes = Table(
    "notes",
    metadata,
    _id(),
    _uuid(),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False, index=True),
    _text("title", 250),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False, default="active"),
    _at("archived_at", required=False),
    _at("created_at"),
    _at("updated_at"),
)

#: Bulk imports: their request, their progress (rows done) and their summary.
contact_imports = Table(
    "contact_imports",
    metadata,
    _id(),
    _uuid(),
    _workspace_id(index=True),
    Column("status", String(16), nullable=False, default="pending", index=True),
    # The accepted request body (contacts, contact_list_uuid, match_on_field, merge_type).
    Column("payload", JSON(), nullable=False),
    Column("total", Integer, nullable=False, default=0),
    # Rows handled so far; rows before this index are never handled again (restart-safe).
    Column("processed", Integer, nullable=False, default=0),
    Column("created", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    # Failed rows so far: ``[{"index": n, "errors": [<422 items>]}]``.
    Column("failures", JSON, nullable=False, default=list, server_default="[]"),
    Column("error", Text, nullable=True),
    _at("created_at"),
    _at("updated_at"),
    _at("finished_at", required=False),
)
