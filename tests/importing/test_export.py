"""Export of a view to CSV: complete or not written at all, and it imports back without changing anything."""

from __future__ import annotations

import asyncio
import csv

import pytest

from app.api import where
from app.importing import ExportCancelled, ImportOptions, all_columns, columns_for, export_csv
from app.schema import MatchField, SearchRequest
from tests.importing.conftest import all_contacts

pytestmark = pytest.mark.anyio

IN_VIEW = 130  # more than one page of 100


async def seed(api) -> list:
    await api.custom_fields.create(name="Seats", field_type="number:integer", field_key="seats")
    await api.custom_fields.create(name="Score", field_type="number:decimal", field_key="score")
    await api.custom_fields.create(name="Verified", field_type="checkbox", field_key="verified")
    await api.custom_fields.create(name="Birthday", field_type="date", field_key="birthday")
    await api.custom_fields.create(name="Last call", field_type="date:date_time", field_key="last_call")
    await api.custom_fields.create(
        name="Channels",
        field_type="multiselect",
        field_key="channels",
        select_options=["Email", "Chat", "Phone"],
    )
    await api.custom_fields.create(
        name="Plan", field_type="select", field_key="plan", select_options=["Free", "Pro"]
    )
    rows = []
    for i in range(IN_VIEW):
        row = {
            "first_name": f"Zoë {i}",
            "last_name": 'Müller, "the" second' if i % 7 == 0 else f"Last{i}",
            "email": f"p{i}@round.example",
            "custom_fields": {
                "seats": i,
                "score": i + 0.25,
                "verified": i % 2 == 0,
                "birthday": f"1990-01-{i % 28 + 1:02d}",
                "last_call": "2025-12-09T14:57:36.123456Z",
                "channels": ["Email", "Chat"] if i % 3 else [],
                "plan": "Pro" if i % 5 else None,
            },
        }
        if i % 4:
            row["phone_number"] = f"+4930{i:06d}"
        rows.append(row)
    rows.append({"email": "outside@elsewhere.example", "first_name": "Not in the view"})
    await api.contacts.bulk_create(rows)
    return rows


async def wait_for_seed(api, count: int) -> None:
    for _ in range(500):
        if (await api.contacts.list(limit=1)).total == count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the seed import did not finish")


def view(api):
    request = SearchRequest(advanced_search=[where("email", "ends_with", "@round.example")])
    return lambda: api.contacts.search(request)


async def test_an_exported_search_imports_back_with_match_on_email_and_changes_nothing(wizard, api, tmp_path):
    await seed(api)
    await wait_for_seed(api, IN_VIEW + 1)
    fields = await api.custom_fields.list().all()
    path = tmp_path / "view.csv"
    progress = []
    written = await export_csv(
        view(api), all_columns(fields), path, on_progress=lambda *p: progress.append(p)
    )
    assert written == IN_VIEW and progress == [(100, IN_VIEW), (IN_VIEW, IN_VIEW)]

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for spreadsheets
    with path.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.DictReader(file))
    assert len(lines) == IN_VIEW
    assert list(lines[0])[:4] == ["UUID", "First name", "Last name", "Email"]
    first = next(line for line in lines if line["Email"] == "p5@round.example")
    assert (
        first["Channels"] == "Email; Chat"
        and first["Verified"] == "false"
        and first["Last call"].endswith("Z")
    )
    assert first["Created"].endswith("Z") and "T" in first["Created"]  # ISO 8601, UTC

    before = [c.model_dump() for c in await all_contacts(api)]
    run = await wizard.start(path, ImportOptions(match_on_field=MatchField.EMAIL))
    assert run.prepared.problems == [] and len(run.prepared.contacts) == IN_VIEW
    journal = await run.run()
    assert (journal.batches[0].created, journal.batches[0].failed) == (IN_VIEW, 0)  # matched: "updated"
    after = [c.model_dump() for c in await all_contacts(api)]
    assert after == before  # every value, and updated_at too: nothing was rewritten


async def test_chosen_columns_of_a_lists_members(api, tmp_path):
    members = [await api.contacts.create(email=f"m{i}@example.com", first_name=f"M{i}") for i in range(3)]
    await api.contacts.create(email="other@example.com")
    group = await api.contact_lists.create(name="Members")
    await api.contact_lists.add_contacts(group.uuid, [m.uuid for m in members])
    path = tmp_path / "members.csv"
    await export_csv(
        lambda: api.contact_lists.contacts(group.uuid),
        columns_for(["email", "first_name", "created_at"]),
        path,
    )
    with path.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    assert lines[0] == ["Email", "First name", "Created"]
    assert sorted(line[:2] for line in lines[1:]) == [[f"m{i}@example.com", f"M{i}"] for i in range(3)]


async def test_a_cancelled_export_writes_nothing_and_keeps_an_older_file(api, tmp_path):
    await api.contacts.bulk_create([{"email": f"c{i}@example.com"} for i in range(150)])
    await wait_for_seed(api, 150)
    (folder := tmp_path / "out").mkdir()
    path = folder / "export.csv"
    path.write_text("the previous export\n")
    pages_seen = []
    with pytest.raises(ExportCancelled):
        await export_csv(
            lambda: api.contacts.list(),
            columns_for(["email"]),
            path,
            on_progress=lambda written, total: pages_seen.append(written),
            cancelled=lambda: len(pages_seen) == 1,
        )
    assert path.read_text() == "the previous export\n"
    assert list(folder.iterdir()) == [path]  # no temporary file left behind


async def test_a_failed_export_leaves_no_file(api, link, tmp_path):
    await api.contacts.create(email="a@example.com")
    (folder := tmp_path / "out").mkdir()
    path = folder / "export.csv"
    link.offline = True
    with pytest.raises(Exception, match="Could not"):
        await export_csv(lambda: api.contacts.list(), columns_for(["email"]), path)
    assert list(folder.iterdir()) == []
