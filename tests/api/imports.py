"""Waiting for a bulk import of the real server to finish (its pipeline runs in the background)."""

from __future__ import annotations

import asyncio

from app.schema import ImportStatusResponse


async def wait_for_import(client, import_uuid, timeout: float = 10.0) -> ImportStatusResponse:
    deadline = asyncio.get_running_loop().time() + timeout
    status = await client.contacts.import_status(import_uuid)
    while not status.finished:
        assert asyncio.get_running_loop().time() < deadline, f"import still {status.status} after {timeout} s"
        await asyncio.sleep(0.01)
        status = await client.contacts.import_status(import_uuid)
    return status
