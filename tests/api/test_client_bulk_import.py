"""Bulk import: ``bulk_create`` and ``import_status``, and ``BulkImporter`` (any number of contacts in
batches of ≤ 1,000, progress, journalling, resuming)."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from app.api import AcceptedBatch, BulkImporter, ImportProgress, NotFoundError, ValidationError
from app.schema import BulkCreateResponse, ContactCreate, ImportStatus
from tests.api.imports import wait_for_import

pytestmark = pytest.mark.anyio


def rows(n: int, start: int = 0) -> list[dict]:
    return [{"first_name": f"Person {i}", "email": f"p{i}@example.com"} for i in range(start, start + n)]


async def pause(_delay: float) -> None:
    await asyncio.sleep(0.005)  # the server's import pipeline runs meanwhile; no real poll interval


async def count(client) -> int:
    return (await client.contacts.list(limit=1)).total


async def test_any_number_of_contacts_go_in_batches_of_at_most_1000_with_progress(client):
    contacts = [*rows(2499), {"first_name": "No identifier"}]
    accepted: list[AcceptedBatch] = []
    progress: list[ImportProgress] = []
    result = await BulkImporter(client, sleep=pause).run(
        contacts, on_batch_accepted=accepted.append, on_progress=progress.append
    )
    assert [(b.index, b.first_row, b.rows) for b in accepted] == [
        (0, 0, 1000),
        (1, 1000, 1000),
        (2, 2000, 500),
    ]
    assert [s.contact_import_uuid for s in result.imports] == [b.contact_import_uuid for b in accepted]
    assert (result.rows_total, result.rows_done, result.created, result.failed, result.skipped) == (
        2500,
        2500,
        2499,
        1,
        0,
    )
    assert result.finished and result.failed_imports == ()
    [failed_row] = result.failed_rows  # numbered in the whole input, not in its batch
    assert failed_row.row == 2499 and [e.field for e in failed_row.errors] == ["identifier"]
    assert progress[-1] == result
    done = [p.rows_done for p in progress]
    assert done == sorted(done) and all(p.rows_total == 2500 for p in progress)
    assert await count(client) == 2499


async def test_a_resumed_run_polls_journalled_batches_and_sends_only_the_rest(client):
    contacts = rows(250)
    journal: dict[int, str] = {}

    class Crash(Exception):
        pass

    async def record_then_crash(batch: AcceptedBatch) -> None:
        journal[batch.index] = str(batch.contact_import_uuid)
        if batch.index == 1:
            raise Crash  # the app dies right after journalling the second batch

    importer = BulkImporter(client, batch_size=100, sleep=pause)
    with pytest.raises(Crash):
        await importer.run(contacts, on_batch_accepted=record_then_crash)
    assert sorted(journal) == [0, 1]

    resent: list[AcceptedBatch] = []
    result = await importer.run(contacts, accepted=journal, on_batch_accepted=resent.append)
    assert [b.index for b in resent] == [2]
    assert (result.rows_done, result.created) == (250, 250)
    assert await count(client) == 250  # no batch was imported twice


async def test_known_imports_can_be_followed_alone(client):
    first = await client.contacts.bulk_create(rows(3))
    second = await client.contacts.bulk_create(
        [ContactCreate(email="x@example.com"), {"first_name": "no id"}]
    )
    seen: list[ImportProgress] = []

    async def on_progress(progress: ImportProgress) -> None:
        seen.append(progress)

    result = await BulkImporter(client, sleep=pause).poll(
        [first.contact_import_uuid, str(second.contact_import_uuid)], on_progress=on_progress
    )
    assert (result.rows_total, result.rows_done, result.created, result.failed) == (5, 5, 4, 1)
    assert [f.row for f in result.failed_rows] == [4]
    assert all(s.status is ImportStatus.COMPLETED for s in result.imports)
    assert seen[-1] == result


async def test_contacts_from_an_iterator_and_merge_options(client):
    await client.contacts.create(email="p0@example.com", first_name="Old")
    generator = (row for row in rows(3))
    progress: list[ImportProgress] = []
    result = await BulkImporter(client, batch_size=2, sleep=pause).run(
        generator, match_on_field="email", merge_type="create", on_progress=progress.append
    )
    assert progress[0].rows_total is None and result.rows_total == 3
    assert (result.created, result.skipped, result.failed) == (2, 1, 0)
    assert await count(client) == 3


async def test_a_batch_the_gateway_refuses_stops_the_run_with_its_error(client):
    accepted: list[AcceptedBatch] = []
    with pytest.raises(ValidationError) as caught:
        await BulkImporter(client, batch_size=2, sleep=pause).run(
            [*rows(2), {"email": "ok@example.com"}, "not an object"], on_batch_accepted=accepted.append
        )
    assert [e.field for e in caught.value.errors] == ["contacts.1"]
    assert [b.index for b in accepted] == [0]
    assert await count(client) == 2


def test_batch_size_is_bounded_by_the_api():
    with pytest.raises(ValueError):
        BulkImporter(object(), batch_size=1001)  # type: ignore[arg-type]


async def test_bulk_create_reports_per_row_results_through_the_import_status(client):
    accepted = await client.contacts.bulk_create(
        [
            {"first_name": "Bruce", "email": "batman@example.com"},
            ContactCreate(first_name="Clark", email="clark@example.com"),
            {"firstName": "Nobody"},  # no identifier: this row fails, not the request
        ],
        match_on_field="email",
    )
    assert isinstance(accepted, BulkCreateResponse)
    status = await wait_for_import(client, accepted.contact_import_uuid)
    assert status.status == ImportStatus.COMPLETED
    assert (status.summary.total, status.summary.created, status.summary.failed) == (3, 2, 1)
    assert sorted([c.email async for c in client.contacts.list()]) == [
        "batman@example.com",
        "clark@example.com",
    ]


async def test_bulk_create_into_an_unknown_list_and_an_unknown_import_are_not_found(client):
    with pytest.raises(NotFoundError) as caught:
        await client.contacts.bulk_create([{"email": "a@example.com"}], contact_list_uuid=uuid.uuid4())
    assert str(caught.value) == "Contact list not found."
    with pytest.raises(NotFoundError):
        await client.contacts.import_status(uuid.uuid4())
