"""Where a CSV column goes: a contact field, a custom field (by key), or nowhere; and the automatic
choice from the column's header.

Headers are compared case-, accent- and punctuation-insensitively ("E-mail 1 - Value" reads as
"email"), against the contact fields' names, their common synonyms (the exports of HubSpot,
Salesforce, Zoho, Pipedrive, Google Contacts and Outlook), and the workspace's custom fields (by
key or name). Each target takes at most one column: the best match wins, other columns stay
unmapped, and the caller lists every unmapped column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.schema import CustomField

#: Writable contact members → their label (the order of the mapping combo).
CONTACT_FIELDS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone_number": "Phone number",
    "whatsapp_id": "WhatsApp ID",
    "fb_messenger_id": "Messenger ID",
    "external_contact_id": "External ID",
    "client_reference": "Client reference",
}

#: Synonyms per contact field, best first (normalized: lower case letters and digits only).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "first_name": ("firstname", "givenname", "first", "forename", "fname", "prenom", "vorname"),
    "last_name": ("lastname", "surname", "familyname", "last", "lname", "nom", "nachname"),
    "email": (
        "email",
        "emailaddress",
        "mail",
        "primaryemail",
        "emailwork",
        "workemail",
        "businessemail",
        "emailhome",
        "personalemail",
        "homeemail",
        "emailother",
        "secondaryemail",
    ),
    "phone_number": (
        "phonenumber",
        "phone",
        "mobile",
        "mobilephone",
        "mobilenumber",
        "phonemobile",
        "mobilephonenumber",
        "cell",
        "cellphone",
        "primaryphone",
        "telephone",
        "tel",
        "phonework",
        "workphone",
        "businessphone",
        "phonehome",
        "homephone",
        "otherphone",
        "phoneother",
    ),
    "whatsapp_id": ("whatsappid", "whatsapp", "whatsappnumber", "whatsappphone", "wa", "waid"),
    "fb_messenger_id": (
        "messengerid",
        "fbmessengerid",
        "messenger",
        "facebookmessenger",
        "facebookmessengerid",
        "fbid",
        "facebookid",
        "psid",
    ),
    "external_contact_id": (
        "externalid",
        "externalcontactid",
        "contactid",
        "recordid",
        "id",
        "customerid",
        "leadid",
        "personid",
    ),
    "client_reference": ("clientreference", "clientref", "reference", "customerreference", "ref"),
}

#: Columns a contact export (ours or a CRM's) carries that the server sets itself: never imported.
READ_ONLY: frozenset[str] = frozenset(
    {
        "uuid",
        "workspaceuuid",
        "created",
        "createdat",
        "createddate",
        "createtime",
        "updated",
        "updatedat",
        "lastmodified",
        "lastmodifieddate",
        "modifiedtime",
        "lastengaged",
        "lastengagedat",
        "archived",
    }
)

#: Leading words naming the record ("Person - Email", "Contact ID"), dropped when nothing matches.
_ENTITY_WORDS = frozenset({"person", "contact", "lead", "customer", "client", "primary"})
#: Trailing words qualifying a value ("E-mail 1 - Value", "Email - Work"), dropped likewise.
_QUALIFIER_WORDS = frozenset({"value", "work", "home", "other", "main", "primary", "address", "1"})
_WORD = re.compile(r"[a-z0-9]+")


class TargetKind(StrEnum):
    CONTACT = "contact"
    CUSTOM = "custom"
    IGNORE = "ignore"


@dataclass(frozen=True, slots=True)
class Target:
    """One column's destination: a contact member, a custom field key, or ``IGNORE``."""

    kind: TargetKind
    key: str = ""

    def to_json(self) -> str:
        return self.kind.value if self.kind is TargetKind.IGNORE else f"{self.kind.value}:{self.key}"

    @classmethod
    def from_json(cls, text: str) -> Target:
        kind, _, key = text.partition(":")
        return cls(TargetKind(kind), key)

    @property
    def ignored(self) -> bool:
        return self.kind is TargetKind.IGNORE


IGNORE = Target(TargetKind.IGNORE)


def contact(key: str) -> Target:
    return Target(TargetKind.CONTACT, key)


def custom(key: str) -> Target:
    return Target(TargetKind.CUSTOM, key)


def target_label(target: Target, fields: Sequence[CustomField] = ()) -> str:
    """What the mapping shows for a target: "Email", "Seats (custom: num_seats)", "Ignore"."""
    if target.kind is TargetKind.CONTACT:
        return CONTACT_FIELDS.get(target.key, target.key)
    if target.kind is TargetKind.CUSTOM:
        name = next((f.name for f in fields if f.field_key == target.key), target.key)
        return f"{name} (custom: {target.key})"
    return "Ignore"


def words(header: str) -> list[str]:
    """The header's words, lower case, accents and punctuation removed (``"E-mail"`` → ``e, mail``)."""
    text = unicodedata.normalize("NFKD", header.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _WORD.findall(text)


def normalize(header: str) -> str:
    """``"E-Mail Address"`` → ``"emailaddress"``: what headers and names are compared as."""
    return "".join(words(header))


def _readings(header: str) -> list[str]:
    """The header normalized, then without entity words in front, then without qualifiers behind."""
    parts = words(header)
    readings = ["".join(parts)]
    while len(parts) > 1 and parts[0] in _ENTITY_WORDS:
        parts = parts[1:]
        readings.append("".join(parts))
    while len(parts) > 1 and (parts[-1] in _QUALIFIER_WORDS or parts[-1].isdigit()):
        parts = parts[:-1]
        readings.append("".join(parts))
    return readings


@dataclass(frozen=True, slots=True)
class _Candidate:
    target: Target
    rank: tuple[int, int, int]  # (kind of match, reading, synonym position): lower is better


def _candidates(header: str, fields: Sequence[CustomField]) -> list[_Candidate]:
    found: list[_Candidate] = []
    readings = _readings(header)
    exact = readings[0]
    for key, label in CONTACT_FIELDS.items():
        if exact in (normalize(key), normalize(label)):
            found.append(_Candidate(contact(key), (0, 0, 0)))
    for field in fields:
        if exact in (normalize(field.field_key), normalize(field.name)):
            found.append(_Candidate(custom(field.field_key), (1, 0, 0)))
    for reading_index, reading in enumerate(readings):
        for key, synonyms in SYNONYMS.items():
            if reading in synonyms:
                found.append(_Candidate(contact(key), (2, reading_index, synonyms.index(reading))))
    return found


def auto_map(headers: Sequence[str], fields: Sequence[CustomField] = ()) -> list[Target]:
    """A target per header: the best match for each target wins its column; the rest are ``IGNORE``.

    Read-only columns of contact exports (created, updated, uuid…) are never mapped.
    """
    result = [IGNORE] * len(headers)
    candidates = [
        (candidate.rank, column, candidate.target)
        for column, header in enumerate(headers)
        if normalize(header) not in READ_ONLY
        for candidate in _candidates(header, fields)
    ]
    taken: set[Target] = set()
    for _rank, column, target in sorted(candidates, key=lambda c: (c[0], c[1])):
        if target in taken or not result[column].ignored:
            continue
        result[column] = target
        taken.add(target)
    return result


def is_read_only(header: str) -> bool:
    """Whether the column holds a value the server sets itself (e.g. "Created", "UUID")."""
    return normalize(header) in READ_ONLY
