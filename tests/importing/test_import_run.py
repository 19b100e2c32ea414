"""Importing a checked file against the real server: batches, summary, failure report, merge rules."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.importing import (
    BatchState,
    ImportOptions,
    JournalStatus,
    ProblemKind,
    failure_reasons,
    summary_text,
    totals,
    write_failure_file,
)
from app.schema import MatchField, MergeType
from tests.importing.conftest import all_contacts, write_csv

pytestmark = pytest.mark.anyio

HEADER = ["First Name", "Last Name", "E-mail", "Mobile", "Seats", "Tier"]


def mixed_file(path: Path) -> dict[str, list[int]]:
    """2,500 data rows (spreadsheet rows 2–2501): most fine, some with problems the check finds
    and some (a Tier value) the server will reject once that field is gone. Returns the problem
    rows by kind."""
    rows: list[list[object]] = [HEADER]
    kinds: dict[str, list[int]] = {
        "no_identifier": [],
        "bad_value": [],
        "duplicate": [],
        "extra": [],
        "tier": [],
    }
    for i in range(2500):
        row_number = i + 2
        email, seats, tier = f"person{i}@example.com", str(i % 50), ""
        extra: list[str] = []
        if i % 125 == 7:
            email = ""
            kinds["no_identifier"].append(row_number)
        elif i % 125 == 19:
            seats = "a few"
            kinds["bad_value"].append(row_number)
        elif i % 250 == 33:
            email = "PERSON0@example.com"  # row 2's email, in another case
            kinds["duplicate"].append(row_number)
        elif i % 500 == 41:
            extra = ["spilled"]
            kinds["extra"].append(row_number)
        elif i % 250 == 99:
            tier = "gold"
            kinds["tier"].append(row_number)
        rows.append([f"First{i}", f"Last{i}", email, "", seats, tier, *extra])
    write_csv(path, rows)
    return kinds


async def test_a_2500_row_file_with_mixed_problems_imports_in_three_batches_with_a_failure_report(
    wizard, api, link, tmp_path
):
    seats = await api.custom_fields.create(name="Seats", field_type="number:integer", field_key="seats")
    tier = await api.custom_fields.create(name="Tier", field_type="text", field_key="tier")
    kinds = mixed_file(source := tmp_path / "contacts.csv")

    run = await wizard.start(source, ImportOptions())
    prepared = run.prepared
    assert prepared.headers == HEADER
    counts = prepared.problem_counts
    assert counts[ProblemKind.NO_IDENTIFIER] == len(kinds["no_identifier"]) == 20
    assert counts[ProblemKind.BAD_VALUE] == len(kinds["bad_value"]) == 20
    assert counts[ProblemKind.DUPLICATE] == len(kinds["duplicate"]) == 10
    assert counts[ProblemKind.EXTRA_VALUES] == len(kinds["extra"]) == 5
    to_send = 2500 - 55
    assert len(prepared.contacts) == to_send

    await api.custom_fields.delete(tier.uuid)  # the server now rejects rows that carry a Tier value
    progress = []
    journal = await run.run(on_progress=progress.append)

    assert journal.status is JournalStatus.COMPLETED
    assert link.bulk_posts == 3
    assert [(b.rows, b.state, b.status) for b in journal.batches] == [
        (1000, BatchState.FINISHED, "completed"),
        (1000, BatchState.FINISHED, "completed"),
        (to_send - 2000, BatchState.FINISHED, "completed"),
    ]
    rejected = len(kinds["tier"])
    assert sum(b.failed for b in journal.batches) == rejected == 10
    overall = totals(journal)
    assert (overall.rows_read, overall.rejected_by_check, overall.sent) == (2500, 55, to_send)
    assert (overall.created, overall.failed, overall.skipped) == (to_send - rejected, rejected, 0)
    assert summary_text(journal) == (
        f"2,500 rows: {to_send - rejected:,} created or updated, 10 rejected by the server, "
        "55 left out by the check"
    )
    assert progress[-1].rows_done == progress[-1].rows_total == to_send
    assert [p.rows_done for p in progress] == sorted(p.rows_done for p in progress)
    contacts = await all_contacts(api)
    assert len(contacts) == to_send - rejected
    assert contacts[0].custom_fields == {"seats": 0} and contacts[0].first_name == "First0"

    reasons = failure_reasons(prepared, journal)
    report = tmp_path / "failures.csv"
    assert write_failure_file(source, run.journal.format, reasons, report) == 55 + rejected
    with report.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    assert lines[0] == [*HEADER, "Row", "Reason"]
    by_row = {int(line[-2]): line for line in lines[1:]}
    assert sorted(by_row) == sorted(row for rows in kinds.values() for row in rows)
    assert by_row[kinds["no_identifier"][0]][-1].startswith("No identifier")
    assert by_row[kinds["bad_value"][0]][-1] == "Seats: the value expects a whole number."
    assert by_row[kinds["duplicate"][0]][-1] == "Duplicate: row 2 has the same email."
    assert by_row[kinds["extra"][0]][-3] == "spilled"  # the row as it is in the file
    assert by_row[kinds["tier"][0]][-1].startswith("Rejected by the server: custom_fields.tier:")
    assert seats.field_key == "seats"


def merge_file(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "merge.csv",
        [
            ["Email", "First name", "Last name"],
            ["ada@example.com", "Ada", "Byron"],
            ["new@example.com", "Neo", "New"],
        ],
    )


@pytest.mark.parametrize(
    ("merge_type", "ada_last_name", "new_created", "summary"),
    [
        (MergeType.CREATE_OR_UPDATE, "Byron", True, (2, 0, 0)),
        (MergeType.CREATE, "Lovelace", True, (1, 0, 1)),
        (MergeType.UPDATE, "Byron", False, (1, 0, 1)),
    ],
)
async def test_the_three_merge_strategies_with_a_match_field(
    wizard, api, tmp_path, merge_type, ada_last_name, new_created, summary
):
    ada = await api.contacts.create(email="ada@example.com", first_name="Ada", last_name="Lovelace")
    source = merge_file(tmp_path)
    options = ImportOptions(match_on_field=MatchField.EMAIL, merge_type=merge_type)
    journal = await (await wizard.start(source, options)).run()

    [batch] = journal.batches
    assert (batch.created, batch.failed, batch.skipped) == summary
    after = {c.email: c for c in await all_contacts(api)}
    assert after["ada@example.com"].uuid == ada.uuid and after["ada@example.com"].last_name == ada_last_name
    assert ("new@example.com" in after) is new_created
    assert len(after) == 1 + new_created
    if summary[2]:
        assert "skipped by the merge rule" in summary_text(journal)


async def test_a_target_list_receives_the_imported_contacts(wizard, api, tmp_path):
    target = await api.contact_lists.create(name="Imported")
    source = merge_file(tmp_path)
    await (await wizard.start(source, ImportOptions(contact_list_uuid=target.uuid))).run()
    members = await api.contact_lists.contacts(target.uuid).all()
    assert sorted(c.email for c in members) == ["ada@example.com", "new@example.com"]


async def test_empty_cells_never_clear_stored_values(wizard, api, tmp_path):
    stored = await api.contacts.create(email="kim@example.com", first_name="Kim", phone_number="+100")
    source = write_csv(
        tmp_path / "sparse.csv", [["Email", "Phone", "Last name"], ["kim@example.com", "", "Lee"]]
    )
    options = ImportOptions(match_on_field=MatchField.EMAIL)
    await (await wizard.start(source, options)).run()
    after = await api.contacts.get(stored.uuid)
    assert (after.first_name, after.last_name, after.phone_number) == ("Kim", "Lee", "+100")


async def test_duplicates_can_be_kept_on_purpose(wizard, tmp_path):
    source = write_csv(tmp_path / "dups.csv", [["Email"], ["a@example.com"], ["A@example.com"]])
    kept = (await wizard.check(source, ImportOptions(skip_duplicates=False)))[0]
    skipped = (await wizard.check(source, ImportOptions()))[0]
    assert len(kept.contacts) == 2
    assert len(skipped.contacts) == 1 and skipped.problems[0].row == 3


async def test_progress_estimates_the_time_left(wizard, tmp_path):
    rows = [["Email"], *([f"p{i}@example.com"] for i in range(30))]
    source = write_csv(tmp_path / "small.csv", rows)
    run = await wizard.start(source, ImportOptions(), batch_size=10)
    seen = []
    await run.run(on_progress=seen.append)
    assert seen[0].seconds_left is None  # nothing done yet: no estimate
    middle = [p for p in seen if 0 < p.rows_done < 30]
    assert middle and all(p.seconds_left is not None and p.seconds_left > 0 for p in middle)
    assert seen[-1].seconds_left == 0 and seen[-1].batches == 3


async def test_rows_rejected_by_a_server_that_names_no_rows_are_found_by_their_identifiers(
    wizard, api, link, tmp_path
):
    tier = await api.custom_fields.create(name="Tier", field_type="text", field_key="tier")
    rows = [
        ["Email", "Tier"],
        *([f"p{i}@example.com", "gold" if i in (3, 11, 17) else ""] for i in range(20)),
    ]
    source = write_csv(tmp_path / "tiers.csv", rows)
    run = await wizard.start(source, ImportOptions())
    await api.custom_fields.delete(tier.uuid)
    link.counts_only = True  # statuses carry counts only, as in the reference

    journal = await run.run()
    assert journal.batches[0].failed == 3
    reasons = failure_reasons(run.prepared, journal)
    assert sorted(reasons) == [5, 13, 19]  # spreadsheet rows of p3, p11, p17
    assert set(reasons.values()) == {"Rejected by the server (not found in the workspace afterwards)."}
