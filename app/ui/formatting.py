"""How values read on screen: dates in local time, booleans as Yes/No, empty values as a dash.

The contacts table has its own, denser forms (``format_cell``): dates as ISO ``YYYY-MM-DD``
(locale-independent, sorts the way it reads), date-times in local time, booleans as check marks,
numbers without grouping, percentages with ``%``, sensitive values masked.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from app.schema import FieldType

EMPTY = "—"
CHECK = "✓"
CROSS = "✗"
MASK = "••••"


def format_datetime(moment: datetime | None) -> str:
    """``2025-12-10 11:31`` in the computer's time zone; empty when there is no value."""
    if moment is None:
        return ""
    return _minutes(moment.astimezone())


def _minutes(moment: datetime) -> str:
    """``2025-12-10 11:31``. Not ``strftime``: it imports ``time`` on every call, and with PySide6's
    import hook installed that made it a third of the table's cost of formatting a block."""
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} {moment.hour:02d}:{moment.minute:02d}"


def format_value(value: Any) -> str:
    """A custom field value (any JSON value) as one line of text."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(format_value(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, datetime):
        return format_datetime(value)
    return str(value)


def humanize_key(key: str) -> str:
    """``date_of_birth`` → ``Date of birth`` (custom field labels until definitions are loaded)."""
    words = key.replace("-", " ").replace("_", " ").split()
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else key


def format_number(value: Any) -> str:
    """``450``, ``12.5``, ``10`` (a whole float loses its ``.0``); no digit grouping."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def format_cell(value: Any, field_type: FieldType | None, *, sensitive: bool = False) -> str:
    """A custom field value as a table cell of its type; empty when there is no value.

    A value that does not fit its type (e.g. text in a number field) is shown as it is.
    """
    if value is None or value == "" or value == []:
        return ""
    if sensitive:
        return MASK
    if isinstance(value, bool):
        return CHECK if value else CROSS
    if isinstance(value, list):
        return ", ".join(format_cell(item, None) for item in value)
    if isinstance(value, int | float):
        text = format_number(value)
        return f"{text}%" if field_type is FieldType.PERCENTAGE else text
    if isinstance(value, str):
        if field_type is FieldType.DATE:
            return _iso_date(value)
        if field_type is FieldType.DATE_TIME:
            return _local_datetime(value)
        return value
    return format_value(value)


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return text


def _local_datetime(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return format_datetime(moment) if moment.tzinfo is not None else _minutes(moment)
