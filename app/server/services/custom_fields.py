"""Custom field definitions: CRUD, generated keys, select options, and what a change does to stored values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.schema import OPTION_TYPES, RESERVED_FIELD_KEYS, CustomFieldCreate, CustomFieldUpdate, FieldType

from .. import models as m
from ..auth import Principal
from ..errors import BadRequest, NotFound, Unprocessable
from . import custom_values
from .common import apply_changes, path_uuid

KEY_STEM_MAX = 90  # leaves room for a "_<n>" suffix within the 100 characters a key may have


def slug(text: str) -> str:
    """``"Date of birth"`` → ``"date_of_birth"``; accents dropped, anything else non-alphanumeric → ``_``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:KEY_STEM_MAX].strip("_")


def unique_key(stem: str, taken: Collection[str]) -> str:
    """``stem``, or ``stem_2``, ``stem_3``… whichever is not taken."""
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}_{n}", n + 1
    return candidate


def field_key_from_name(name: str, taken: Collection[str]) -> str:
    """A key for a new field: its name as a slug that starts with a letter, not reserved, not taken."""
    stem = slug(name)
    if not stem[:1].isalpha():
        stem = f"field_{stem}".rstrip("_")
    return unique_key(stem, {*taken, *RESERVED_FIELD_KEYS})


def to_wire(row: m.CustomFieldDefinition, workspace_uuid: str) -> dict[str, Any]:
    """The custom field object; ``select_options`` only for select and multiselect fields."""
    wire: dict[str, Any] = {
        "uuid": row.uuid,
        "workspace_uuid": workspace_uuid,
        "name": row.name,
        "icon": row.icon,
        "field_type": row.field_type,
        "field_key": row.field_key,
        "status": row.status,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "archived_at": row.archived_at,
        "editable": row.editable,
        "sensitive": row.sensitive,
    }
    if row.field_type in OPTION_TYPES:
        wire["select_options"] = [
            {
                "uuid": o.uuid,
                "display_label": o.display_label,
                "field_key": o.field_key,
                "archived": o.archived,
            }
            for o in row.options
        ]
    return wire


def get_row(session: Session, principal: Principal, field_uuid: str) -> m.CustomFieldDefinition:
    """The definition with this uuid in the caller's workspace, or 404."""
    uuid = path_uuid(field_uuid, "Custom field")
    row = session.scalar(
        select(m.CustomFieldDefinition).where(
            m.CustomFieldDefinition.uuid == uuid,
            m.CustomFieldDefinition.workspace_id == principal.workspace_id,
        )
    )
    if row is None:
        raise NotFound("Custom field")
    return row


def list_page(
    session: Session, principal: Principal, *, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of definitions in the order they were created."""
    in_workspace = m.CustomFieldDefinition.workspace_id == principal.workspace_id
    total = session.scalar(select(func.count()).select_from(m.CustomFieldDefinition).where(in_workspace)) or 0
    rows = session.scalars(
        select(m.CustomFieldDefinition)
        .where(in_workspace)
        .order_by(m.CustomFieldDefinition.created_at, m.CustomFieldDefinition.id)
        .limit(limit)
        .offset(offset)
    )
    return [to_wire(r, principal.workspace_uuid) for r in rows], total


def get(session: Session, principal: Principal, field_uuid: str) -> dict[str, Any]:
    return to_wire(get_row(session, principal, field_uuid), principal.workspace_uuid)


def _taken_keys(session: Session, principal: Principal) -> set[str]:
    return set(
        session.scalars(
            select(m.CustomFieldDefinition.field_key).where(
                m.CustomFieldDefinition.workspace_id == principal.workspace_id
            )
        )
    )


def create(session: Session, principal: Principal, body: CustomFieldCreate) -> dict[str, Any]:
    """A new definition; an explicit ``field_key`` already used in the workspace is a 400."""
    taken = _taken_keys(session, principal)
    if body.field_key is not None and body.field_key in taken:
        raise BadRequest(f"A custom field with the key '{body.field_key}' already exists in this workspace.")
    now = m.utcnow()
    row = m.CustomFieldDefinition(
        workspace_id=principal.workspace_id,
        name=body.name,
        field_key=body.field_key or field_key_from_name(body.name, taken),
        field_type=body.field_type.value,
        icon=body.icon,
        editable=body.editable,
        sensitive=body.sensitive,
        status="active",
        created_at=now,
        updated_at=now,
    )
    _set_options(row, body.select_options or [])
    session.add(row)
    session.flush()
    return to_wire(row, principal.workspace_uuid)


def _set_options(row: m.CustomFieldDefinition, labels: list[str]) -> bool:
    """Make ``labels`` the active options: unchanged labels keep their option (uuid, key), new ones are
    added, options whose label is gone are archived (kept, so stored values still resolve). Whether
    anything changed."""
    existing = {o.display_label: o for o in row.options}
    keys = {o.field_key for o in row.options}
    before = [(o.display_label, o.archived, o.position) for o in row.options]
    ordered: list[m.SelectOption] = []
    for position, label in enumerate(labels):
        option = existing.pop(label, None)
        if option is None:
            option = m.SelectOption(display_label=label, field_key=unique_key(slug(label) or "option", keys))
            keys.add(option.field_key)
        option.archived = False
        option.position = position
        ordered.append(option)
    for position, option in enumerate(existing.values(), start=len(labels)):
        option.archived = True
        option.position = position
        ordered.append(option)
    row.options = ordered
    return before != [(o.display_label, o.archived, o.position) for o in ordered]


def update(
    session: Session, principal: Principal, field_uuid: str, body: CustomFieldUpdate
) -> dict[str, Any]:
    """Replace the definition (the key never changes). A new type converts the stored values; when one
    does not fit the new type, nothing changes (400)."""
    row = get_row(session, principal, field_uuid)
    if body.field_key is not None and body.field_key != row.field_key:
        raise Unprocessable.single(
            "field_key_immutable",
            "field_key",
            f"The key of a custom field cannot change (it is '{row.field_key}').",
        )
    old_type = FieldType(row.field_type)
    changed = apply_changes(
        row,
        {
            "name": body.name,
            "field_type": body.field_type.value,
            "icon": body.icon,
            "editable": body.editable,
            "sensitive": body.sensitive,
        },
    )
    if body.field_type in OPTION_TYPES:
        changed = _set_options(row, body.select_options or []) or changed
    elif row.options:
        row.options = []
    if changed:
        row.updated_at = m.utcnow()
    session.flush()
    if body.field_type != old_type:
        _convert_stored_values(session, principal, row)
    return to_wire(row, principal.workspace_uuid)


def _convert_stored_values(session: Session, principal: Principal, row: m.CustomFieldDefinition) -> None:
    definition = custom_values.FieldDef.from_row(row)
    misfits: list[Any] = []

    def convert(value: Any) -> Any:
        try:
            return custom_values.coerce(definition, custom_values.convertible(value, definition.field_type))
        except ValueError:
            misfits.append(value)
            return value

    custom_values.rewrite_stored(session, principal.workspace_id, row.field_key, convert)
    if misfits:
        raise BadRequest(
            f"{len(misfits)} contact(s) hold a value of '{row.field_key}' that is not valid for"
            f" {row.field_type} (for example {misfits[0]!r}); change or clear those values first."
        )


def delete(session: Session, principal: Principal, field_uuid: str) -> None:
    """Delete the definition and its value on every contact."""
    row = get_row(session, principal, field_uuid)
    custom_values.rewrite_stored(session, principal.workspace_id, row.field_key, lambda _value: None)
    session.delete(row)
    session.flush()
