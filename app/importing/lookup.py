"""Which rows of a batch the server rejected, when its status gives only counts.

The reference's import status has counts only. For a batch that reports failures without naming
its rows, a row counts as "rejected by the server" when no contact of the workspace holds its
identifier afterwards (the match field's value, else its first identifier). A rejected row whose
identifier an older contact also holds cannot be told apart this way: the report then lists fewer
rows than the count, and says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from app.api import CueDeskClient, where
from app.schema import IDENTIFIER_FIELDS, MatchField

#: Searches in flight at once (the client allows 8).
CONCURRENCY = 8


def identifier_of(row: dict[str, Any], match_on_field: MatchField | None) -> tuple[str, str] | None:
    """The field and value a row is looked up by."""
    if match_on_field is not None and row.get(match_on_field.value):
        return match_on_field.value, row[match_on_field.value]
    return next(((f, row[f]) for f in IDENTIFIER_FIELDS if row.get(f)), None)


async def rows_not_found(
    client: CueDeskClient, rows: Sequence[dict[str, Any]], match_on_field: MatchField | None
) -> list[int]:
    """Positions in ``rows`` of the rows whose identifier no contact holds."""
    slots = asyncio.Semaphore(CONCURRENCY)

    async def missing(row: dict[str, Any]) -> bool:
        identifier = identifier_of(row, match_on_field)
        if identifier is None:
            return True
        async with slots:
            field, value = identifier
            page = await client.contacts.search(advanced_search=[where(field, "equals", value)], limit=1)
        return page.total == 0

    found = await asyncio.gather(*(missing(row) for row in rows))
    return [position for position, is_missing in enumerate(found) if is_missing]
