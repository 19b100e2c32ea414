"""Custom field values: checked and normalized against their definition's type on every write.

Values are stored in the contact's ``custom_fields`` JSON by field key, in their wire form
(decisions.md: integer → int, decimal/percentage → number, checkbox → bool, date → YYYY-MM-DD,
date_time → ISO 8601 in UTC, time → HH:MM[:SS], relative → ``[+-]N[dwmy]``, select → label,
multiselect → list of labels, user/text → string).
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.schema import ErrorItem, FieldType

from .. import models as m
from ..dialect import json_has_key

TEXT_MAX = 10_000
#: Whole numbers are 64-bit integers (SQLite's range; PostgreSQL's JSONB would hold more).
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
_RELATIVE = re.compile(r"^[+-]?\d{1,6}[dwmy]$")


@dataclass(frozen=True, slots=True)
class FieldDef:
    """What value checking needs to know of a definition."""

    uuid: str
    key: str
    field_type: FieldType
    #: option label → archived, and lower-cased option key/label → label
    option_labels: Mapping[str, bool]
    option_lookup: Mapping[str, str]

    @classmethod
    def from_row(cls, row: m.CustomFieldDefinition) -> FieldDef:
        labels = {o.display_label: o.archived for o in row.options}
        lookup: dict[str, str] = {}
        # Active options first: a label or key that an archived option shared resolves to the active one.
        for o in sorted(row.options, key=lambda o: o.archived):
            lookup.setdefault(o.display_label.casefold(), o.display_label)
            lookup.setdefault(o.field_key.casefold(), o.display_label)
        return cls(row.uuid, row.field_key, FieldType(row.field_type), labels, lookup)


def load_definitions(session: Session, workspace_id: int) -> dict[str, FieldDef]:
    """Every custom field definition of the workspace, by key."""
    rows = session.scalars(
        select(m.CustomFieldDefinition).where(m.CustomFieldDefinition.workspace_id == workspace_id)
    )
    return {row.field_key: FieldDef.from_row(row) for row in rows}


def is_empty(value: Any) -> bool:
    """``null``, a blank string and an empty list all mean "no value"."""
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def coerce(defn: FieldDef, value: Any) -> Any:
    """The stored form of ``value`` for ``defn`` (``None``: no value); raises ``ValueError`` with a reason."""
    if is_empty(value):
        return None
    kind = defn.field_type
    if kind in (FieldType.TEXT, FieldType.USER):
        if not isinstance(value, str):
            raise ValueError("expects a text value")
        if not value.isprintable() and not _encodable(value):
            raise ValueError("contains a character that is not valid Unicode")
        if len(value) > TEXT_MAX:
            raise ValueError(f"is longer than {TEXT_MAX} characters")
        return value
    if kind is FieldType.INTEGER:
        return _integer(value)
    if kind in (FieldType.DECIMAL, FieldType.PERCENTAGE):
        return _number(value)
    if kind is FieldType.CHECKBOX:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        raise ValueError("expects true or false")
    if kind is FieldType.DATE:
        text = value.strip() if isinstance(value, str) else ""
        try:
            if len(text) != 10:
                raise ValueError(text)
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError("expects a date as YYYY-MM-DD") from None
    if kind is FieldType.DATE_TIME:
        return _date_time(value)
    if kind is FieldType.TIME:
        if not isinstance(value, str):
            raise ValueError("expects a time as HH:MM or HH:MM:SS")
        text = value.strip()
        try:
            parsed = time.fromisoformat(text)
        except ValueError:
            raise ValueError("expects a time as HH:MM or HH:MM:SS") from None
        if len(text) not in (5, 8) or parsed.tzinfo is not None:
            raise ValueError("expects a time as HH:MM or HH:MM:SS")
        return text
    if kind is FieldType.RELATIVE_DATE:
        if not isinstance(value, str) or not _RELATIVE.match(value.strip()):
            raise ValueError("expects a relative date such as +3d, -2w, 1m or 1y")
        return value.strip()
    if kind is FieldType.SELECT:
        return _option(defn, value)
    if kind is FieldType.MULTISELECT:
        if not isinstance(value, list):
            raise ValueError("expects a list of option labels")
        labels: list[str] = []
        for item in value:
            label = _option(defn, item)
            if label not in labels:
                labels.append(label)
        return labels
    raise ValueError(f"has an unsupported type {kind}")  # pragma: no cover - FieldType is closed


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, e.g. from a JSON "\\ud800" escape
        return False
    return True


def _integer(value: Any) -> int:
    number: int | None = None
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            number = int(value.strip())
    if number is None:
        raise ValueError("expects a whole number")
    return _in_range(number)


def _in_range(number: int) -> int:
    if not INT_MIN <= number <= INT_MAX:
        raise ValueError(f"is out of range ({INT_MIN} to {INT_MAX})")
    return number


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise ValueError("expects a number")
    if isinstance(value, int):
        return _in_range(value)
    if isinstance(value, float):
        number = value
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise ValueError("expects a number") from None
    else:
        raise ValueError("expects a number")
    if math.isnan(number) or math.isinf(number):
        raise ValueError("expects a finite number")
    if isinstance(value, str) and number.is_integer() and abs(number) < 2**53 and "." not in value:
        return int(number)
    return number


def _date_time(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expects an ISO 8601 date-time such as 2025-12-09T14:57:36Z")
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError("expects an ISO 8601 date-time such as 2025-12-09T14:57:36Z") from None
    if len(text) <= 10:
        raise ValueError("expects an ISO 8601 date-time such as 2025-12-09T14:57:36Z")
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.isoformat().replace("+00:00", "Z")


def _option(defn: FieldDef, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expects an option label")
    label = defn.option_lookup.get(value.strip().casefold())
    if label is None:
        choices = ", ".join(lab for lab, archived in defn.option_labels.items() if not archived)
        raise ValueError(f"has no option '{value}' (options: {choices})")
    if defn.option_labels.get(label):
        raise ValueError(f"option '{label}' is archived and cannot be chosen")
    return label


def convertible(value: Any, field_type: FieldType) -> Any:
    """A stored value in the form a field of ``field_type`` can take when its definition changes type:
    anything becomes text, one label becomes a multiselect list, a one-label list a select label."""
    if field_type in (FieldType.TEXT, FieldType.USER):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, list):
            return ", ".join(map(str, value))
    if field_type is FieldType.MULTISELECT and isinstance(value, str):
        return [value]
    if field_type is FieldType.SELECT and isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


def value_problem(defn: FieldDef, field: str, reason: ValueError) -> ErrorItem:
    """The 422 item for a value ``defn`` does not accept, at the request member ``field``."""
    return ErrorItem(
        type="custom_field_value",
        in_="body",
        field=field,
        msg=f"The custom field '{defn.key}' ({defn.field_type.value}) {reason}.",
    )


def check_values(
    definitions: Mapping[str, FieldDef], values: Mapping[str, Any], prefix: str = "custom_fields"
) -> tuple[dict[str, Any], list[ErrorItem]]:
    """Normalize ``values`` (by key) against ``definitions``; returns the values and the problems found."""
    normalized: dict[str, Any] = {}
    problems: list[ErrorItem] = []
    for key, value in values.items():
        field = f"{prefix}.{key}" if prefix else key
        defn = definitions.get(key)
        if defn is None:
            problems.append(
                ErrorItem(
                    type="unknown_custom_field",
                    in_="body",
                    field=field,
                    msg=f"There is no custom field with the key '{key}' in this workspace.",
                )
            )
            continue
        try:
            normalized[key] = coerce(defn, value)
        except ValueError as exc:
            problems.append(value_problem(defn, field, exc))
    return normalized, problems


def merge(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """Apply normalized ``changes`` to ``current``: ``None`` removes a value."""
    merged = dict(current)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def rewrite_stored(session: Session, workspace_id: int, key: str, transform: Callable[[Any], Any]) -> int:
    """Replace every stored value of ``key`` in the workspace by ``transform(value)`` (``None`` removes it).

    Contacts whose values change get a new ``updated_at``; returns how many changed. ``transform``
    may raise to abort (the caller's transaction then rolls back).
    """
    rows = session.execute(
        select(m.Contact.id, m.Contact.custom_fields).where(
            m.Contact.workspace_id == workspace_id, json_has_key(m.Contact.custom_fields, key)
        )
    )
    now = m.utcnow()
    changes = []
    for contact_id, values in rows:
        after = merge(values, {key: transform(values[key])})
        if after != values:
            changes.append({"id": contact_id, "custom_fields": after, "updated_at": now})
    if changes:
        session.execute(update(m.Contact), changes)  # bulk UPDATE by primary key
    return len(changes)
