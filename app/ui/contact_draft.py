"""What the contact editor changed, checked before sending, and how two versions of a contact differ.

No Qt here: the editor widgets produce a ``ContactDraft``; the controller sends it; when the contact
changed on the server meanwhile, ``compare`` lists both versions field by field and ``rebase``
builds the draft that the user's choice asks for.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from app.api import ValidationError
from app.schema import CONTACT_TEXT_FIELDS, Contact, ContactCreate

#: On-screen names of the contact's own text members, in form order.
TEXT_FIELD_LABELS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone_number": "Phone",
    "whatsapp_id": "WhatsApp",
    "fb_messenger_id": "Messenger",
    "external_contact_id": "External ID",
    "client_reference": "Client reference",
}

CUSTOM_PREFIX = "custom_fields."


def custom_path(key: str) -> str:
    """The request path of a custom field value, as a 422 names it: ``custom_fields.<key>``."""
    return CUSTOM_PREFIX + key


def text_values(contact: Contact | None) -> dict[str, str | None]:
    """The contact's text members (``None`` for blank ones); all ``None`` for a new contact."""
    return {name: (getattr(contact, name) or None) if contact else None for name in CONTACT_TEXT_FIELDS}


def same_value(a: Any, b: Any) -> bool:
    """Whether two wire values mean the same (a date-time in another offset is the same instant)."""
    if a == b:
        return True
    if isinstance(a, str) and isinstance(b, str):
        first, second = _instant(a), _instant(b)
        return first is not None and first == second
    return False


def _instant(text: str) -> datetime | None:
    if len(text) <= 10 or "T" not in text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


@dataclass(frozen=True, slots=True)
class ContactDraft:
    """An edit of one contact: the version it started from and what the user changed.

    ``text`` and ``custom`` hold only the changed members (``None`` clears one); ``base`` is
    ``None`` for a contact that does not exist yet.
    """

    base: Contact | None
    text: dict[str, str | None] = field(default_factory=dict)
    custom: dict[str, Any] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        return self.base is None

    @property
    def has_changes(self) -> bool:
        return bool(self.text or self.custom)

    def changed_paths(self) -> set[str]:
        """The changed members as request paths (``email``, ``custom_fields.num_seats``)."""
        return set(self.text) | {custom_path(key) for key in self.custom}

    def result_text(self) -> dict[str, str | None]:
        """The contact's text members once the draft is saved."""
        return {**text_values(self.base), **self.text}

    def local_problem(self) -> ValidationError | None:
        """What the server would refuse in the text members (the identifier rule, lengths), found here.

        The whole resulting contact is checked with the create body's model: an edit that removes
        the last identifier is refused exactly like a create without one.
        """
        try:
            ContactCreate.model_validate(self.result_text())
        except PydanticValidationError as exc:
            return ValidationError.from_pydantic(exc)
        return None

    def create_body(self) -> dict[str, Any]:
        """The body of Create a Contact: every member that has a value."""
        body: dict[str, Any] = {name: value for name, value in self.text.items() if value is not None}
        custom = {key: value for key, value in self.custom.items() if value is not None}
        if custom:
            body["custom_fields"] = custom
        return body

    def update_body(self) -> dict[str, Any]:
        """The body of Update a Contact: the changed members only (``None`` clears)."""
        body: dict[str, Any] = dict(self.text)
        if self.custom:
            body["custom_fields"] = dict(self.custom)
        return body


@dataclass(frozen=True, slots=True)
class FieldVersions:
    """One member of a contact in the version the edit started from, the user's and the server's."""

    path: str
    label: str
    base: Any
    mine: Any
    theirs: Any
    changed_by_me: bool

    @property
    def changed_by_them(self) -> bool:
        return not same_value(self.base, self.theirs)

    @property
    def differs(self) -> bool:
        """The user's and the server's versions disagree: the user has to choose."""
        return not same_value(self.mine, self.theirs)


def compare(draft: ContactDraft, theirs: Contact, labels: Mapping[str, str]) -> list[FieldVersions]:
    """Every member of the contact, in both versions, in form order (text members, then custom fields).

    ``labels`` names custom fields by key (their definitions' names); others are named by key.
    """
    base = draft.base
    base_text = text_values(base)
    their_text = text_values(theirs)
    rows = [
        FieldVersions(
            path=name,
            label=label,
            base=base_text[name],
            mine=draft.text.get(name, base_text[name]),
            theirs=their_text[name],
            changed_by_me=name in draft.text,
        )
        for name, label in TEXT_FIELD_LABELS.items()
    ]
    base_custom = base.custom_fields if base else {}
    keys = [
        *labels,
        *sorted((base_custom.keys() | theirs.custom_fields.keys() | draft.custom.keys()) - set(labels)),
    ]
    for key in keys:
        mine = draft.custom[key] if key in draft.custom else base_custom.get(key)
        if key not in draft.custom and key not in base_custom and key not in theirs.custom_fields:
            continue
        rows.append(
            FieldVersions(
                path=custom_path(key),
                label=labels.get(key, key),
                base=base_custom.get(key),
                mine=mine,
                theirs=theirs.custom_fields.get(key),
                changed_by_me=key in draft.custom,
            )
        )
    return rows


def rebase(draft: ContactDraft, theirs: Contact, keep_mine: Collection[str]) -> ContactDraft:
    """A draft on the server's version that keeps the user's value of each path in ``keep_mine``.

    Paths where the user's value already equals the server's drop out: nothing left to send.
    """
    rows = {row.path: row for row in compare(draft, theirs, {})}
    text: dict[str, str | None] = {}
    custom: dict[str, Any] = {}
    for path in keep_mine:
        row = rows.get(path)
        if row is None or not row.differs:
            continue
        if path.startswith(CUSTOM_PREFIX):
            custom[path.removeprefix(CUSTOM_PREFIX)] = row.mine
        else:
            text[path] = row.mine
    return replace(draft, base=theirs, text=text, custom=custom)
