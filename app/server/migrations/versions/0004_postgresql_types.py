"""PostgreSQL: custom values as JSONB, case-folded copies in the "C" collation, case folding and
instant reading functions

A no-op on SQLite, whose JSON functions, default collation and strftime already do this.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FOLDED_COLUMNS = tuple(
    f"{field}_folded"
    for field in (
        "first_name",
        "last_name",
        "external_contact_id",
        "email",
        "phone_number",
        "whatsapp_id",
        "fb_messenger_id",
        "client_reference",
    )
)

# Unicode case folding as near Python's str.casefold (which SQLite uses) as SQL gets: lower() under the
# database's character type, then the full foldings of Latin and Greek letters that lower() leaves alone.
CASEFOLD_FUNCTION = """
CREATE OR REPLACE FUNCTION cuedesk_casefold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT replace(replace(replace(replace(replace(replace(replace(replace(
    translate(lower(value COLLATE "default"), 'µſςϐϑϕϖϰϱϵẛ', 'μsσβθφπκρεṡ'),
    'ß', 'ss'), 'ﬀ', 'ff'), 'ﬁ', 'fi'), 'ﬂ', 'fl'), 'ﬃ', 'ffi'), 'ﬄ', 'ffl'), 'ﬅ', 'st'), 'ﬆ', 'st')
$$
"""

# Text that starts with an ISO 8601 date (optionally a time and an offset; no offset = UTC) as the
# instant text custom date filters compare (app/server/dialect.py), NULL for anything else: the
# counterpart of SQLite's strftime('%Y-%m-%dT%H:%M:%f', ...).
INSTANT_FUNCTION = r"""
CREATE OR REPLACE FUNCTION cuedesk_instant(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET timezone = 'UTC'
AS $$
BEGIN
    IF value !~ '^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|z|[+-]\d\d:\d\d)?$' THEN
        RETURN NULL;
    END IF;
    RETURN to_char(value::timestamptz, 'YYYY-MM-DD"T"HH24:MI:SS.MS');
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
    RETURN NULL;
END
$$
"""


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _postgresql():
        return
    op.alter_column(
        "contacts",
        "custom_fields",
        type_=postgresql.JSONB(),
        existing_type=sa.JSON(),
        existing_nullable=False,
        postgresql_using="custom_fields::jsonb",
    )
    for column in FOLDED_COLUMNS:
        op.alter_column("contacts", column, type_=sa.Text(collation="C"), existing_type=sa.Text())
    op.execute(CASEFOLD_FUNCTION)
    op.execute(INSTANT_FUNCTION)


def downgrade() -> None:
    if not _postgresql():
        return
    op.execute("DROP FUNCTION IF EXISTS cuedesk_instant(text)")
    op.execute("DROP FUNCTION IF EXISTS cuedesk_casefold(text)")
    for column in FOLDED_COLUMNS:
        op.alter_column("contacts", column, type_=sa.Text(), existing_type=sa.Text(collation="C"))
    op.alter_column(
        "contacts",
        "custom_fields",
        type_=sa.JSON(),
        existing_type=postgresql.JSONB(),
        existing_nullable=False,
        postgresql_using="custom_fields::json",
    )
