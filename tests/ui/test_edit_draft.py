"""The editor's draft: what is sent, what is refused before sending, how two versions are compared."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from app.schema import Contact
from app.ui.contact_draft import ContactDraft, compare, rebase, same_value

T0 = datetime(2025, 12, 10, 10, 0, tzinfo=UTC)


def contact(**members) -> Contact:
    values = {"uuid": uuid4(), "workspace_uuid": uuid4(), "created_at": T0, "updated_at": T0, **members}
    return Contact.model_validate(values)


def test_a_date_time_in_another_offset_is_the_same_value_other_values_compare_as_json():
    assert same_value("2025-06-01T14:30:00+02:00", "2025-06-01T12:30:00Z")
    assert not same_value("2025-06-01T14:30:00+02:00", "2025-06-01T14:30:00Z")
    assert same_value(12, 12.0) and not same_value("12", 12)
    assert not same_value("2025-06-01", "2025-06-01T00:00:00Z")


def test_bodies_carry_only_what_changed_and_a_create_leaves_empty_members_out():
    base = contact(email="a@example.com", first_name="Ann", custom_fields={"seats": 3})
    draft = ContactDraft(base, text={"first_name": None}, custom={"seats": None, "company": "Acme"})
    assert draft.update_body() == {"first_name": None, "custom_fields": {"seats": None, "company": "Acme"}}
    new = ContactDraft(
        None, text={"email": "b@example.com", "last_name": None}, custom={"seats": None, "plan": "Pro"}
    )
    assert new.create_body() == {"email": "b@example.com", "custom_fields": {"plan": "Pro"}}


def test_the_identifier_rule_and_lengths_are_checked_on_the_resulting_contact():
    base = contact(email="a@example.com", phone_number="123")
    assert ContactDraft(base, text={"email": None}).local_problem() is None  # the phone is left
    problem = ContactDraft(base, text={"email": None, "phone_number": None}).local_problem()
    assert problem is not None and problem.local and set(problem.field_errors()) == {"identifier"}
    too_long = ContactDraft(base, text={"first_name": "x" * 251}).local_problem()
    assert too_long is not None and set(too_long.field_errors()) == {"first_name"}
    assert ContactDraft(None, text={"first_name": "Ann"}).local_problem() is not None


def test_compare_and_rebase_follow_the_users_choice_field_by_field():
    base = contact(email="a@example.com", first_name="Ann", last_name="Lee", custom_fields={"seats": 3})
    theirs = base.model_copy(
        update={
            "last_name": "Li",
            "custom_fields": {"seats": 5, "plan": "Pro"},
            "updated_at": T0 + timedelta(1),
        }
    )
    draft = ContactDraft(base, text={"first_name": "Anna"}, custom={"seats": 4})
    rows = {row.path: row for row in compare(draft, theirs, {"seats": "Seats", "plan": "Plan"})}
    assert {path for path, row in rows.items() if row.differs} == {
        "first_name",
        "last_name",
        "custom_fields.seats",
        "custom_fields.plan",
    }
    assert rows["custom_fields.seats"].changed_by_me and rows["custom_fields.seats"].changed_by_them
    assert rows["last_name"].changed_by_them and not rows["last_name"].changed_by_me
    assert rows["custom_fields.seats"].label == "Seats" and not rows["email"].differs

    merged = rebase(draft, theirs, {"first_name", "email"})  # email: same on both sides, nothing to send
    assert merged.base == theirs and merged.update_body() == {"first_name": "Anna"}
    overwrite = rebase(draft, theirs, {row.path for row in rows.values() if row.differs})
    assert overwrite.update_body() == {
        "first_name": "Anna",
        "last_name": "Lee",
        "custom_fields": {"seats": 4, "plan": None},
    }
    assert not rebase(draft, theirs, ()).has_changes
