"""How the importer words numbers and durations."""

from __future__ import annotations


def rows(count: int) -> str:
    return "1 row" if count == 1 else f"{count:,} rows"


def time_left(seconds: float | None) -> str:
    """``None`` → "Estimating time left…"; else "About 3 minutes left", "Less than a minute left"."""
    if seconds is None:
        return "Estimating time left…"
    if seconds < 1:
        return ""
    if seconds < 60:
        return "Less than a minute left"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"About {minutes} minute{'s' if minutes != 1 else ''} left"
    hours, minutes = divmod(minutes, 60)
    return f"About {hours} h {minutes:02d} min left"
