"""A realistic demo workspace: varied international names, identifiers, custom fields, lists, notes."""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from . import models as m
from .auth import workspace_named
from .services.contacts import derived_columns

FIRST_NAMES = (
    "Amélie",
    "Björn",
    "Chloé",
    "Dmitri",
    "Élodie",
    "François",
    "Gülşen",
    "Håkon",
    "Inès",
    "José",
    "Jürgen",
    "Kateřina",
    "Łukasz",
    "Maëlle",
    "Nuño",
    "Oğuz",
    "Paweł",
    "Renée",
    "Søren",
    "Thérèse",
    "Zoë",
    "Ana",
    "Ben",
    "Carla",
    "David",
    "Emma",
    "Fatima",
    "George",
    "Hannah",
    "Ibrahim",
    "Julia",
    "Kenji",
    "Laura",
    "Mohammed",
    "Nadia",
    "Oliver",
    "Priya",
    "Quentin",
    "Rosa",
    "Samuel",
    "Tomás",
    "Uma",
    "Victor",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zanele",
    "Aoife",
    "Siobhán",
    "Mateus",
    "João",
    "Ștefan",
    "Dóra",
    "Ádám",
    "Mía",
    "Noémie",
    "Raphaël",
    "Léa",
    "Sébastien",
    "Iñaki",
    "Çağla",
)
LAST_NAMES = (
    "Müller",
    "García",
    "Dubois",
    "Kowalski",
    "Nguyễn",
    "O'Brien",
    "Rossi",
    "Søndergaard",
    "Yılmaz",
    "Novák",
    "Szabó",
    "Fernández",
    "Lefèvre",
    "Schröder",
    "Andersson",
    "Papadopoulos",
    "Ivanova",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Tanaka",
    "Suzuki",
    "Kim",
    "Park",
    "Chen",
    "Wang",
    "Singh",
    "Patel",
    "Okafor",
    "Mensah",
    "Haddad",
    "Cohen",
    "da Silva",
    "van der Berg",
    "Østergaard",
    "Čapek",
    "Đorđević",
)
DOMAINS = ("example.com", "acme.io", "globex.net", "initech.org", "umbrella.co", "mail.example.org")
COMPANIES = (
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay Industries",
    "Stark Industries",
    "Wayne Enterprises",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
    "Wonka",
    "Gringotts",
    None,
)
INTERESTS = ("Product news", "Webinars", "Case studies", "Partnerships", "Events", "Beta features")
SUBSCRIPTIONS = ("Free", "Startup", "Business", "Enterprise")

# (name, key, type, options, sensitive, icon)
CUSTOM_FIELDS: tuple[tuple[str, str, str, tuple[str, ...], bool, str | None], ...] = (
    ("Date of birth", "date_of_birth", "date", (), False, "cake"),
    ("Subscription", "subscription", "select", SUBSCRIPTIONS, False, "star"),
    ("Verified", "is_verified", "checkbox", (), False, "check"),
    ("Seats", "num_seats", "number:integer", (), False, "users"),
    ("Lifetime value", "lifetime_value", "number:decimal", (), False, "money"),
    ("Discount", "discount", "number:percentage", (), False, "percent"),
    ("Interests", "interests", "multiselect", INTERESTS, False, "tag"),
    ("Last purchase", "last_purchase_at", "date:date_time", (), False, "cart"),
    ("Best time to call", "best_call_time", "date:time", (), False, "clock"),
    ("Follow-up", "follow_up", "date:relative", (), False, "calendar"),
    ("Account manager", "account_manager", "user", (), False, "person"),
    ("Company", "company", "text", (), False, "building"),
    ("Tax ID", "tax_id", "text", (), True, "lock"),
)
LISTS = (
    ("VIP Customers", "⭐", "active"),
    ("Newsletter", "📰", "active"),
    ("Trial users", "🧪", "active"),
    ("Churn risk", "⚠️", "active"),
    ("Partners", "🤝", "active"),
    ("Spring campaign 2025", "🌷", "archived"),
)
NOTE_TEXTS = (
    ("Call notes", "Asked about pricing for the Business plan; follow up next week."),
    ("Meeting Notes", "Discussed project timeline and deliverables."),
    ("Support", "Could not log in after the password reset; fixed by clearing the SSO session."),
    ("Renewal", "Renewal due next quarter. Wants a discount for 3-year commitment."),
    (None, "Prefers WhatsApp over e-mail."),
)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def seed_demo(session: Session, contacts: int, workspace_name: str = "Sandbox", seed: int = 42) -> str:
    """Fill ``workspace_name`` (created if needed) with demo data; returns the workspace uuid.

    Runs in the caller's transaction. Deterministic for a given ``seed``.
    """
    rng = random.Random(seed)
    ws, workspace_uuid = workspace_named(session, workspace_name)
    now = datetime.now(UTC).replace(microsecond=0)

    _seed_custom_fields(session, ws, now)
    first_new_id = (session.scalar(select(m.Contact.id).order_by(m.Contact.id.desc()).limit(1)) or 0) + 1
    rows = [_contact(rng, ws, now, n, contacts) for n in range(contacts)]
    for offset in range(0, len(rows), 5000):
        session.execute(insert(m.Contact), rows[offset : offset + 5000])
    contact_ids = list(
        session.scalars(
            select(m.Contact.id).where(m.Contact.workspace_id == ws, m.Contact.id >= first_new_id)
        )
    )
    _seed_lists(session, rng, ws, now, contact_ids)
    _seed_notes(session, rng, now, contact_ids)
    return workspace_uuid


def _seed_custom_fields(session: Session, ws: int, now: datetime) -> None:
    existing = set(
        session.scalars(
            select(m.CustomFieldDefinition.field_key).where(m.CustomFieldDefinition.workspace_id == ws)
        )
    )
    for name, key, kind, options, sensitive, icon in CUSTOM_FIELDS:
        if key in existing:
            continue
        definition = m.CustomFieldDefinition(
            workspace_id=ws,
            name=name,
            field_key=key,
            field_type=kind,
            icon=icon,
            sensitive=sensitive,
            created_at=now,
            updated_at=now,
        )
        definition.options = [
            m.SelectOption(display_label=label, field_key=_ascii(label) or f"option_{i}", position=i)
            for i, label in enumerate(options)
        ]
        session.add(definition)
    session.flush()


def _contact(rng: random.Random, ws: int, now: datetime, n: int, count: int) -> dict[str, Any]:
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    # Spread creation over the last three years; later rows are newer.
    created = now - timedelta(days=3 * 365 * (count - n) / max(count, 1), seconds=rng.randint(0, 3600))
    updated = created + timedelta(days=rng.randint(0, 60)) if rng.random() < 0.4 else created
    updated = min(updated, now)
    email = f"{_ascii(first)}.{_ascii(last)}{n}@{rng.choice(DOMAINS)}" if rng.random() < 0.92 else None
    phone = f"+{rng.choice((1, 33, 34, 44, 49, 351, 48, 81))}{rng.randint(100000000, 999999999)}"
    phone = phone if rng.random() < 0.75 or email is None else None
    values: dict[str, Any] = {
        "first_name": first if rng.random() < 0.97 else None,
        "last_name": last if rng.random() < 0.95 else None,
        "external_contact_id": f"crm-{100000 + n}" if rng.random() < 0.6 else None,
        "email": email,
        "phone_number": phone,
        "whatsapp_id": phone.lstrip("+") if phone and rng.random() < 0.3 else None,
        "fb_messenger_id": f"fb_{rng.randint(10**7, 10**8)}" if rng.random() < 0.1 else None,
        "client_reference": f"REF-{rng.randint(1000, 9999)}" if rng.random() < 0.2 else None,
    }
    custom: dict[str, Any] = {}
    if rng.random() < 0.6:
        custom["date_of_birth"] = (
            f"{rng.randint(1950, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        )
    if rng.random() < 0.8:
        custom["subscription"] = rng.choice(SUBSCRIPTIONS)
    if rng.random() < 0.9:
        custom["is_verified"] = rng.random() < 0.7
    if rng.random() < 0.7:
        custom["num_seats"] = rng.choice((1, 2, 5, 10, 25, 50, 100, 250, 450, 1000))
    if rng.random() < 0.5:
        custom["lifetime_value"] = round(rng.uniform(0, 50000), 2)
    if rng.random() < 0.3:
        custom["discount"] = rng.choice((5, 10, 12.5, 15, 20, 25))
    if rng.random() < 0.5:
        custom["interests"] = sorted(rng.sample(INTERESTS, rng.randint(1, 3)), key=INTERESTS.index)
    if rng.random() < 0.4:
        moment = now - timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
        custom["last_purchase_at"] = moment.isoformat().replace("+00:00", "Z")
    if rng.random() < 0.3:
        custom["best_call_time"] = f"{rng.randint(8, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}"
    if rng.random() < 0.2:
        custom["follow_up"] = rng.choice(("+3d", "+1w", "+2w", "1m", "-2d"))
    if rng.random() < 0.5:
        custom["account_manager"] = rng.choice(
            ("maria@cuedesk.example", "tom@cuedesk.example", "li@cuedesk.example")
        )
    company = rng.choice(COMPANIES)
    if company:
        custom["company"] = company
    if rng.random() < 0.2:
        custom["tax_id"] = f"{rng.choice(('DE', 'FR', 'ES', 'PT'))}{rng.randint(10**8, 10**9)}"
    engaged = (
        now - timedelta(days=rng.randint(0, 400), minutes=rng.randint(0, 1440))
        if rng.random() < 0.7
        else None
    )
    return {
        "uuid": m.new_uuid(),
        "workspace_id": ws,
        **values,
        "archived": rng.random() < 0.02,
        "created_at": created,
        "updated_at": updated,
        "last_engaged_at": engaged,
        "custom_fields": custom,
        **derived_columns(values),
    }


def _seed_lists(session: Session, rng: random.Random, ws: int, now: datetime, contact_ids: list[int]) -> None:
    for name, emoji, status in LISTS:
        created = now - timedelta(days=rng.randint(30, 600))
        contact_list = m.ContactList(
            workspace_id=ws, name=name, emoji=emoji, status=status, created_at=created, updated_at=created
        )
        session.add(contact_list)
        session.flush()
        share = rng.uniform(0.02, 0.15)
        members = [cid for cid in contact_ids if rng.random() < share]
        if members:
            session.execute(
                insert(m.ContactListMember),
                [{"contact_list_id": contact_list.id, "contact_id": cid, "added_at": now} for cid in members],
            )


def _seed_notes(session: Session, rng: random.Random, now: datetime, contact_ids: list[int]) -> None:
    rows = []
    for cid in contact_ids:
        if rng.random() < 0.08:
            for _ in range(rng.randint(1, 3)):
                title, text = rng.choice(NOTE_TEXTS)
                created = now - timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 1440))
                rows.append(
                    {
                        "uuid": m.new_uuid(),
                        "contact_id": cid,
                        "title": title,
                        "text": text,
                        "status": "active",
                        "created_at": created,
                        "updated_at": created,
                    }
                )
    if rows:
        session.execute(insert(m.Note), rows)
