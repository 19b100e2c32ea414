"""Cells mapped to custom fields are converted to the field's type, as the server stores it, and values
a field cannot take are reported by the check with the reason."""

from __future__ import annotations

import pytest

from app.importing import ImportOptions, ProblemKind
from tests.importing.conftest import all_contacts, write_csv

pytestmark = pytest.mark.anyio

FIELDS = [
    ("Seats", "number:integer", None),
    ("Revenue", "number:decimal", None),
    ("Discount", "number:percentage", None),
    ("Verified", "checkbox", None),
    ("Birthday", "date", None),
    ("Last call", "date:date_time", None),
    ("Call time", "date:time", None),
    ("Follow up", "date:relative", None),
    ("Plan", "select", ["Free", "Pro", "Enterprise"]),
    ("Channels", "multiselect", ["Email", "Phone", "Chat"]),
    ("Owner", "user", None),
    ("Notes", "text", None),
]

#: (cells, the values the server must hold afterwards)
CASES = [
    (
        [
            "1,234",
            "1,234.50",
            "12.5 %",
            "yes",
            "2024-02-29",
            "2025-12-09 14:57:36",
            "9:05",
            "+3D",
            "pro",
            "email; CHAT",
            "ann@example.com",
            "  hi  ",
        ],
        {
            "seats": 1234,
            "revenue": 1234.5,
            "discount": 12.5,
            "verified": True,
            "birthday": "2024-02-29",
            "last_call": "2025-12-09T14:57:36Z",
            "call_time": "09:05",
            "follow_up": "+3d",
            "plan": "Pro",
            "channels": ["Email", "Chat"],
            "owner": "ann@example.com",
            "notes": "hi",
        },
    ),
    (
        [
            "42.0",
            "12,5",
            "7",
            "0",
            "31.12.2024",
            "2025-12-09T16:57:36+02:00",
            "23:59:59",
            "-2w",
            "Enterprise",
            "Phone, Email",
            "",
            "",
        ],
        {
            "seats": 42,
            "revenue": 12.5,
            "discount": 7,
            "verified": False,
            "birthday": "2024-12-31",
            "last_call": "2025-12-09T14:57:36Z",
            "call_time": "23:59:59",
            "follow_up": "-2w",
            "plan": "Enterprise",
            "channels": ["Phone", "Email"],
        },
    ),
]


async def create_fields(api) -> None:
    for name, field_type, options in FIELDS:
        await api.custom_fields.create(
            name=name, field_type=field_type, field_key=name.lower().replace(" ", "_"), select_options=options
        )


async def test_spreadsheet_spellings_are_stored_as_the_fields_type(wizard, api, tmp_path):
    await create_fields(api)
    header = ["Email", *(name for name, _, _ in FIELDS)]
    rows = [[f"row{i}@example.com", *cells] for i, (cells, _) in enumerate(CASES)]
    source = write_csv(tmp_path / "typed.csv", [header, *rows])

    run = await wizard.start(source, ImportOptions())
    assert run.prepared.problems == []
    journal = await run.run()
    assert journal.batches[0].failed == 0
    stored = {c.email: c.custom_fields for c in await all_contacts(api)}
    for i, (_, expected) in enumerate(CASES):
        assert stored[f"row{i}@example.com"] == expected


async def test_values_a_field_cannot_take_are_reported_with_the_reason(wizard, api, tmp_path):
    await create_fields(api)
    header = [
        "Email",
        "Seats",
        "Revenue",
        "Verified",
        "Birthday",
        "Plan",
        "Call time",
        "Follow up",
        "Last call",
    ]
    cells = [
        ("Seats", "12.5", "Seats: the value expects a whole number."),
        ("Revenue", "lots", "Revenue: the value expects a number."),
        ("Verified", "maybe", "Verified: the value expects yes or no (true/false, 1/0)."),
        ("Birthday", "01/02/2024", "Birthday: the value is ambiguous: write dates as YYYY-MM-DD"),
        ("Birthday", "2024-02-30", "Birthday: the value expects a date as YYYY-MM-DD."),
        ("Plan", "Gold", "Plan: the value has no option 'Gold' (options: Free, Pro, Enterprise)."),
        ("Call time", "25:00", "Call time: the value expects a time as HH:MM or HH:MM:SS."),
        ("Follow up", "soon", "Follow up: the value expects a relative date such as +3d"),
        ("Last call", "yesterday", "Last call: the value expects a date and time"),
    ]
    rows = []
    for i, (column, value, _) in enumerate(cells):
        row = [f"bad{i}@example.com"] + [""] * (len(header) - 1)
        row[header.index(column)] = value
        rows.append(row)
    source = write_csv(tmp_path / "bad.csv", [header, *rows])

    prepared = (await wizard.check(source, ImportOptions()))[0]
    assert prepared.contacts == []
    assert [p.kind for p in prepared.problems] == [ProblemKind.BAD_VALUE] * len(cells)
    for problem, (_, _, reason) in zip(prepared.problems, cells, strict=True):
        assert problem.reason.startswith(reason)


async def test_contact_fields_longer_than_the_server_takes_are_reported(wizard, tmp_path):
    source = write_csv(tmp_path / "long.csv", [["Email", "First name"], ["a@example.com", "x" * 251]])
    [problem] = (await wizard.check(source, ImportOptions()))[0].problems
    assert problem.kind is ProblemKind.BAD_VALUE
    assert problem.reason == "First name: String should have at most 250 characters."
