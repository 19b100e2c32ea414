"""CSV text → the JSON value a custom field takes, checked against the field's type.

The server checks every value again (its rules are the contract, decisions.md "Other value
types"); this module converts the spellings a spreadsheet produces into that form and says why a
value cannot be one, so the wizard can show problems before anything is sent:

- number:integer ← ``42``, ``+42``, ``1,234``, ``42.0``
- number:decimal / number:percentage ← ``12.5``, ``1,234.5``, ``12,5`` (a comma is a decimal comma
  unless it groups thousands, like ``1,234``), ``12.5 %``
- checkbox ← true/false, yes/no, y/n, 1/0, on/off, x (checked)
- date ← ``YYYY-MM-DD``, ``YYYY/MM/DD``, ``DD.MM.YYYY``; ``01/02/2024`` is refused (day and month
  order cannot be known)
- date:date_time ← ISO 8601 (``T`` or a space; no offset means UTC) → ``…Z``
- date:time ← ``H:MM`` or ``HH:MM:SS``; date:relative ← ``+3d``, ``-2w``, ``1m``, ``1y``
- select ← an option's label or key, any case; multiselect ← labels separated by ``;`` (or ``,``)
- text, user ← the text as it is (at most 10,000 characters)
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time
from typing import Any

from app.schema import CustomField, FieldType

#: Longest custom text value the server stores (docs/decisions.md, "Strings have limits").
TEXT_MAX = 10_000
#: Separator of a multiselect's labels in one cell (the export writes "; ").
MULTI_SEPARATOR = ";"

_INTEGER = re.compile(r"^[+-]?\d+$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_RELATIVE = re.compile(r"^[+-]?\d{1,6}[dwmy]$")
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED_ISO_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_SLASHED_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_TRUE = frozenset({"true", "yes", "y", "1", "on", "x", "checked", "✓"})
_FALSE = frozenset({"false", "no", "n", "0", "off", "unchecked"})
#: 64-bit integers: what the server stores.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


class ValueConverter:
    """Converts the cells of a column mapped to ``field`` (option lookups prepared once)."""

    def __init__(self, field: CustomField) -> None:
        self.field = field
        self.lookup: dict[str, str] = {}
        for option in sorted(field.select_options or [], key=lambda o: o.archived):
            self.lookup.setdefault(option.display_label.casefold(), option.display_label)
            self.lookup.setdefault(option.field_key.casefold(), option.display_label)
        self.archived = {o.display_label for o in field.select_options or [] if o.archived}

    def __call__(self, text: str) -> Any:
        """The value to send for ``text``; ``None`` for an empty cell.

        Raises ``ValueError`` whose message completes "The value …", e.g. "expects a whole number".
        """
        text = text.strip()
        if not text:
            return None
        kind = self.field.field_type
        if kind in (FieldType.TEXT, FieldType.USER):
            if len(text) > TEXT_MAX:
                raise ValueError(f"is longer than {TEXT_MAX:,} characters")
            return text
        if kind is FieldType.INTEGER:
            return _integer(text)
        if kind in (FieldType.DECIMAL, FieldType.PERCENTAGE):
            return _number(text.removesuffix("%").strip() if kind is FieldType.PERCENTAGE else text)
        if kind is FieldType.CHECKBOX:
            return _checkbox(text)
        if kind is FieldType.DATE:
            return _date(text)
        if kind is FieldType.DATE_TIME:
            return _date_time(text)
        if kind is FieldType.TIME:
            return _time(text)
        if kind is FieldType.RELATIVE_DATE:
            if not _RELATIVE.match(text.lower()):
                raise ValueError("expects a relative date such as +3d, -2w, 1m or 1y")
            return text.lower()
        if kind is FieldType.SELECT:
            return self._option(text)
        if kind is FieldType.MULTISELECT:
            return self._options(text)
        raise ValueError(f"has a type this app does not know ({kind})")  # pragma: no cover - closed enum

    def _option(self, text: str) -> str:
        label = self.lookup.get(text.strip().casefold())
        if label is None:
            choices = ", ".join(o.display_label for o in self.field.active_options)
            raise ValueError(f"has no option '{text.strip()}' (options: {choices})")
        if label in self.archived:
            raise ValueError(f"names the archived option '{label}'")
        return label

    def _options(self, text: str) -> list[str]:
        separator = (
            MULTI_SEPARATOR if MULTI_SEPARATOR in text or text.strip().casefold() in self.lookup else ","
        )
        labels: list[str] = []
        for part in text.split(separator):
            if part.strip():
                label = self._option(part)
                if label not in labels:
                    labels.append(label)
        return labels


def _integer(text: str) -> int:
    plain = text.replace(",", "") if _THOUSANDS.match(text) else text
    if not _INTEGER.match(plain):
        try:
            number = float(plain)
        except ValueError:
            raise ValueError("expects a whole number") from None
        if not number.is_integer():
            raise ValueError("expects a whole number")
        plain = str(int(number))
    value = int(plain)
    if not _INT_MIN <= value <= _INT_MAX:
        raise ValueError("is out of range for a whole number")
    return value


def _number(text: str) -> int | float:
    plain = text.replace(" ", "")
    if "," in plain and "." in plain:
        plain = plain.replace(",", "")  # 1,234.5
    elif _THOUSANDS.match(plain):
        plain = plain.replace(",", "")  # 1,234
    elif plain.count(",") == 1:
        plain = plain.replace(",", ".")  # 12,5
    try:
        number = float(plain)
    except ValueError:
        raise ValueError("expects a number") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError("expects a finite number")
    if _INTEGER.match(plain) and abs(number) < 2**53:
        return int(plain)
    return number


def _checkbox(text: str) -> bool:
    word = text.casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError("expects yes or no (true/false, 1/0)")


def _date(text: str) -> str:
    try:
        if match := _DOTTED_DATE.match(text):
            day, month, year = map(int, match.groups())
            return date(year, month, day).isoformat()
        if match := _SLASHED_ISO_DATE.match(text):
            year, month, day = map(int, match.groups())
            return date(year, month, day).isoformat()
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    if _SLASHED_DATE.match(text):
        raise ValueError("is ambiguous: write dates as YYYY-MM-DD (day and month order cannot be known)")
    raise ValueError("expects a date as YYYY-MM-DD")


def _date_time(text: str) -> str:
    if len(text) > 10:
        try:
            moment = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
            return moment.isoformat().replace("+00:00", "Z")
    raise ValueError("expects a date and time such as 2025-12-09T14:57:36Z")


def _time(text: str) -> str:
    match = _TIME.match(text)
    if match:
        hours, minutes, seconds = match.groups()
        try:
            moment = time(int(hours), int(minutes), int(seconds or 0))
        except ValueError:
            pass
        else:
            return moment.isoformat("seconds" if seconds else "minutes")
    raise ValueError("expects a time as HH:MM or HH:MM:SS")


def to_text(value: Any) -> str:
    """A stored custom field value as CSV text that ``ValueConverter`` reads back to the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return f"{MULTI_SEPARATOR} ".join(map(to_text, value))
    return str(value)
