"""Columns are mapped by header name: the exports of common CRMs and address books, custom fields by
key or name, and every column the app does not map is left for the user to see."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from app.importing import IGNORE, auto_map, is_read_only, target_label
from app.importing.targets import contact, custom
from app.schema import CustomField, FieldType


def definition(key: str, name: str, field_type: FieldType = FieldType.TEXT) -> CustomField:
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    return CustomField(
        uuid=uuid4(),
        workspace_uuid=uuid4(),
        name=name,
        field_type=field_type,
        field_key=key,
        created_at=moment,
        updated_at=moment,
    )


def mapped(headers: list[str], fields=()) -> dict[str, str]:
    """header → target, for the mapped columns only."""
    return {h: t.to_json() for h, t in zip(headers, auto_map(headers, fields), strict=True) if not t.ignored}


CRM_EXPORTS = {
    "HubSpot": (
        [
            "Record ID",
            "First Name",
            "Last Name",
            "Email",
            "Phone Number",
            "Mobile Phone Number",
            "Company Name",
        ],
        {
            "Record ID": "contact:external_contact_id",
            "First Name": "contact:first_name",
            "Last Name": "contact:last_name",
            "Email": "contact:email",
            "Phone Number": "contact:phone_number",
        },
    ),
    "Salesforce": (
        [
            "Contact ID",
            "Salutation",
            "First Name",
            "Last Name",
            "Title",
            "Email",
            "Phone",
            "Mobile",
            "Account Name",
        ],
        {
            "Contact ID": "contact:external_contact_id",
            "First Name": "contact:first_name",
            "Last Name": "contact:last_name",
            "Email": "contact:email",
            "Phone": "contact:phone_number",
        },
    ),
    "Zoho": (
        ["Record Id", "Contact Owner", "First Name", "Last Name", "Email", "Secondary Email", "Mobile"],
        {
            "Record Id": "contact:external_contact_id",
            "First Name": "contact:first_name",
            "Last Name": "contact:last_name",
            "Email": "contact:email",
            "Mobile": "contact:phone_number",
        },
    ),
    "Pipedrive": (
        [
            "Person - ID",
            "Person - Name",
            "Person - First name",
            "Person - Last name",
            "Person - Email - Work",
            "Person - Phone - Mobile",
            "Person - Organization",
        ],
        {
            "Person - ID": "contact:external_contact_id",
            "Person - First name": "contact:first_name",
            "Person - Last name": "contact:last_name",
            "Person - Email - Work": "contact:email",
            "Person - Phone - Mobile": "contact:phone_number",
        },
    ),
    "Google Contacts": (
        [
            "First Name",
            "Middle Name",
            "Last Name",
            "E-mail 1 - Label",
            "E-mail 1 - Value",
            "E-mail 2 - Value",
            "Phone 1 - Label",
            "Phone 1 - Value",
        ],
        {
            "First Name": "contact:first_name",
            "Last Name": "contact:last_name",
            "E-mail 1 - Value": "contact:email",
            "Phone 1 - Value": "contact:phone_number",
        },
    ),
    "Google Contacts (older)": (
        ["Name", "Given Name", "Family Name", "E-mail 1 - Value", "Phone 1 - Value"],
        {
            "Given Name": "contact:first_name",
            "Family Name": "contact:last_name",
            "E-mail 1 - Value": "contact:email",
            "Phone 1 - Value": "contact:phone_number",
        },
    ),
    "Outlook": (
        ["First Name", "Last Name", "E-mail Address", "E-mail 2 Address", "Business Phone", "Mobile Phone"],
        {
            "First Name": "contact:first_name",
            "Last Name": "contact:last_name",
            "E-mail Address": "contact:email",
            "Mobile Phone": "contact:phone_number",
        },
    ),
    "a messaging export": (
        ["Given name", "Surname", "WhatsApp", "Messenger ID", "Reference"],
        {
            "Given name": "contact:first_name",
            "Surname": "contact:last_name",
            "WhatsApp": "contact:whatsapp_id",
            "Messenger ID": "contact:fb_messenger_id",
            "Reference": "contact:client_reference",
        },
    ),
}


@pytest.mark.parametrize("crm", list(CRM_EXPORTS))
def test_typical_headers_of_crm_exports_map_automatically(crm):
    headers, expected = CRM_EXPORTS[crm]
    assert mapped(headers) == expected


def test_headers_compare_without_case_punctuation_or_accents():
    headers = ["E-MAIL", "first_name", "  Last   Name ", "Prénom", "phone-number"]
    assert auto_map(headers) == [
        contact("email"),
        contact("first_name"),
        contact("last_name"),
        IGNORE,  # first_name is taken by a better match
        contact("phone_number"),
    ]


def test_each_field_takes_one_column_and_the_best_match_wins():
    # "Phone" beats "Mobile" wherever it stands; the other column stays unmapped, for the user to see
    assert auto_map(["Mobile", "Phone"]) == [IGNORE, contact("phone_number")]
    assert auto_map(["Email", "E-mail 2 Address"]) == [contact("email"), IGNORE]


def test_custom_fields_map_by_key_or_name_before_synonyms():
    fields = [definition("num_seats", "Seats", FieldType.INTEGER), definition("mobile", "Mobile")]
    assert auto_map(["Seats", "num_seats", "Mobile", "Phone"], fields) == [
        custom("num_seats"),
        IGNORE,
        custom("mobile"),  # the workspace's own "Mobile" field, not the phone synonym
        contact("phone_number"),
    ]
    assert target_label(custom("num_seats"), fields) == "Seats (custom: num_seats)"
    assert target_label(contact("fb_messenger_id")) == "Messenger ID"


def test_values_the_server_sets_are_never_mapped():
    headers = ["UUID", "Email", "Created", "Updated", "Last engaged", "Archived"]
    assert mapped(headers) == {"Email": "contact:email"}
    assert [is_read_only(h) for h in headers] == [True, False, True, True, True, True]
