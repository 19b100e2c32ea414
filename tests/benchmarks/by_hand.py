"""The API's List Contacts answer built by hand from database rows: the baselines' JSON.

Only the standard library, so that a bare ``python`` child can run it as a baseline:
``python -m tests.benchmarks.by_hand DATABASE WORKSPACE`` prints the workspace's first page of 100
contacts (the page the desktop app asks for first) from a SQLite file.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import datetime

COLUMNS = (
    "uuid, first_name, last_name, external_contact_id, email, phone_number, whatsapp_id, fb_messenger_id,"
    " client_reference, archived, created_at, updated_at, last_engaged_at, custom_fields"
)


def iso(value: str | datetime | None) -> str | None:
    """'2025-12-10 10:31:34.353000' (as SQLite stores it) or a datetime → '2025-12-10T10:31:34.353000Z'."""
    if isinstance(value, datetime):
        return value.isoformat() + "Z"
    return None if value is None else value.replace(" ", "T") + "Z"


def page_json(rows: list[tuple], total: int, limit: int, offset: int, workspace_uuid: str) -> str:
    contacts = [
        {
            "uuid": r[0],
            "workspace_uuid": workspace_uuid,
            "first_name": r[1],
            "last_name": r[2],
            "external_contact_id": r[3],
            "email": r[4],
            "phone_number": r[5],
            "whatsapp_id": r[6],
            "fb_messenger_id": r[7],
            "client_reference": r[8],
            "archived": bool(r[9]),
            "created_at": iso(r[10]),
            "updated_at": iso(r[11]),
            "last_engaged_at": iso(r[12]),
            "custom_fields": json.loads(r[13]) if isinstance(r[13], str) else r[13],
        }
        for r in rows
    ]
    return json.dumps(
        {"contacts": contacts, "pagination": {"limit": limit, "offset": offset, "total": total}}
    )


def first_page(database: str, workspace: str, limit: int = 100) -> str:
    """The first List Contacts page of ``workspace`` (newest first, with the total) read through ``sqlite3``."""
    conn = sqlite3.connect(database)
    try:
        workspace_id, workspace_uuid = conn.execute(
            "SELECT id, uuid FROM workspaces WHERE name = ?", (workspace,)
        ).fetchone()
        where = "workspace_id = ? AND archived = 0"
        total = conn.execute(f"SELECT count(*) FROM contacts WHERE {where}", (workspace_id,)).fetchone()[0]
        rows = conn.execute(
            f"SELECT {COLUMNS} FROM contacts WHERE {where} ORDER BY created_at DESC, uuid DESC LIMIT ?",
            (workspace_id, limit),
        ).fetchall()
    finally:
        conn.close()
    return page_json(rows, total, limit, 0, workspace_uuid)


if __name__ == "__main__":
    print(first_page(sys.argv[1], sys.argv[2]))
