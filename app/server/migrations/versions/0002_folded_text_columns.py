"""case-folded copies of the contact text members; index for ordering by updated_at

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT_FIELDS = (
    "first_name",
    "last_name",
    "external_contact_id",
    "email",
    "phone_number",
    "whatsapp_id",
    "fb_messenger_id",
    "client_reference",
)


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        for field in TEXT_FIELDS:
            batch_op.add_column(sa.Column(f"{field}_folded", sa.Text(), nullable=True))
        batch_op.create_index(
            "ix_contacts_ws_updated", ["workspace_id", "archived", "updated_at", "uuid"], unique=False
        )
    _backfill()


def _backfill() -> None:
    connection = op.get_bind()
    contacts = sa.table("contacts", sa.column("id"), *(sa.column(f) for f in TEXT_FIELDS))
    rows = connection.execute(sa.select(contacts)).all()
    if not rows:
        return
    folded = sa.table("contacts", sa.column("id"), *(sa.column(f"{f}_folded") for f in TEXT_FIELDS))
    connection.execute(
        folded.update().where(folded.c.id == sa.bindparam("row_id")),
        [{"row_id": row.id, **{f"{f}_folded": _fold(getattr(row, f)) for f in TEXT_FIELDS}} for row in rows],
    )


def _fold(value: str | None) -> str | None:
    return value.casefold() if value else value


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_ws_updated")
        for field in TEXT_FIELDS:
            batch_op.drop_column(f"{field}_folded")
