"""How values read on screen: dates in local time, booleans as Yes/No, empty values as a dash."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

EMPTY = "—"


def format_datetime(moment: datetime | None) -> str:
    """``2025-12-10 11:31`` in the computer's time zone; empty when there is no value."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


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
