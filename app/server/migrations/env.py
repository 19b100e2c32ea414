"""Alembic environment: runs on the connection handed over by ``app.server.db.migrate``."""

from alembic import context

from app.server.tables import metadata as target_metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - migrations always run through db.migrate()
    raise RuntimeError("Run migrations through app.server.db.migrate() or `cuedesk-server migrate`.")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
