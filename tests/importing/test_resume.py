"""Resuming an interrupted import from its journal: no accepted batch is ever sent twice."""

from __future__ import annotations

import asyncio

import pytest

from app.api import ApiConnectionError, ApiTimeoutError
from app.importing import (
    BatchState,
    ImportOptions,
    ImportRun,
    JournalMismatch,
    JournalStatus,
    UnknownOutcome,
    failure_reasons,
)
from app.importing.report import NOT_SENT_REASON
from app.importing.resume import FileChanged, prepare_again
from app.importing.runner import AHEAD
from app.schema import MatchField
from tests.importing.conftest import all_contacts, no_wait, write_csv

pytestmark = pytest.mark.anyio

BATCH = 10
ROWS = 30  # three batches


def source_file(tmp_path, rows: int = ROWS, with_email=lambda i: True):
    body = [[f"Name {i}", f"p{i}@example.com" if with_email(i) else "", f"ext-{i}"] for i in range(rows)]
    return write_csv(tmp_path / "people.csv", [["First name", "Email", "External ID"], *body])


async def resumed(wizard, store) -> ImportRun:
    """What the app does after a restart: read the journal from disk, check the file again."""
    [journal] = store.list()
    prepared = await asyncio.to_thread(prepare_again, journal)
    return ImportRun(journal, prepared, wizard.get_client, sleep=no_wait)


async def test_an_import_interrupted_after_a_202_polls_that_batch_and_sends_only_the_rest(
    wizard, store, link, api, tmp_path
):
    run = await wizard.start(source_file(tmp_path), ImportOptions(), batch_size=BATCH)
    link.offline_after_bulk_post = 2  # the network goes away right after the second 202
    with pytest.raises(ApiConnectionError):
        await run.run()
    [journal] = store.list()
    assert journal.status is JournalStatus.INTERRUPTED and "Could not" in journal.message
    first, second, *rest = journal.batches  # the second was sent while the first was being imported
    assert first.state in (BatchState.FINISHED, BatchState.ACCEPTED) and first.contact_import_uuid
    assert second.state is BatchState.ACCEPTED and second.contact_import_uuid
    assert all(b.state in (BatchState.PENDING, BatchState.REFUSED) for b in rest)  # never reached the server

    link.offline = False
    journal = await (await resumed(wizard, store)).run()

    assert link.bulk_posts == 3  # batch 2 was polled, not sent again
    assert journal.status is JournalStatus.COMPLETED
    assert [b.state for b in journal.batches] == [BatchState.FINISHED] * 3
    assert sum(b.created for b in journal.batches) == ROWS
    assert len(await all_contacts(api)) == ROWS


async def test_a_lost_answer_without_a_match_field_is_the_users_decision(wizard, store, link, api, tmp_path):
    run = await wizard.start(source_file(tmp_path), ImportOptions(), batch_size=BATCH)
    link.lose_answer_of_bulk_post = 2  # the server imported batch 2, its answer never came
    with pytest.raises(ApiTimeoutError):
        await run.run()
    first, second = store.list()[0].batches
    assert first.state in (BatchState.ACCEPTED, BatchState.FINISHED) and second.state is BatchState.SENDING

    with pytest.raises(UnknownOutcome) as unknown:
        await (await resumed(wizard, store)).run()
    assert unknown.value.batch.index == 1 and "rows 12–21" in str(unknown.value).lower()
    assert link.bulk_posts == 2  # nothing sent while the decision is open

    journal = await (await resumed(wizard, store)).run(decisions={1: "skip"})
    assert link.bulk_posts == 3
    assert [b.state for b in journal.batches] == [
        BatchState.FINISHED,
        BatchState.SKIPPED,
        BatchState.FINISHED,
    ]
    assert len(await all_contacts(api)) == ROWS  # the lost request had imported its rows: no twins
    reasons = failure_reasons(await asyncio.to_thread(prepare_again, journal), journal)
    assert sorted(reasons) == list(range(12, 22)) and set(reasons.values()) == {NOT_SENT_REASON}


async def test_a_lost_answer_is_sent_again_when_the_match_field_makes_it_harmless(
    wizard, store, link, api, tmp_path
):
    options = ImportOptions(match_on_field=MatchField.EMAIL)
    run = await wizard.start(source_file(tmp_path), options, batch_size=BATCH)
    link.lose_answer_of_bulk_post = 2
    with pytest.raises(ApiTimeoutError):
        await run.run()

    resumed_run = await resumed(wizard, store)
    assert resumed_run.resend_is_harmless(resumed_run.journal.batches[1])
    journal = await resumed_run.run()
    assert link.bulk_posts == 4  # the unknown batch once more; no accepted batch again
    assert journal.batches[1].skipped == 0 and journal.batches[1].created == BATCH  # updated, not twins
    contacts = await all_contacts(api)
    assert len(contacts) == ROWS and len({c.email for c in contacts}) == ROWS


async def test_a_row_without_the_match_value_makes_resending_a_decision_again(wizard, store, link, tmp_path):
    options = ImportOptions(match_on_field=MatchField.EMAIL)
    source = source_file(tmp_path, with_email=lambda i: i != 15)  # row 15 has only an external ID
    run = await wizard.start(source, options, batch_size=BATCH)
    link.lose_answer_of_bulk_post = 2
    with pytest.raises(ApiTimeoutError):
        await run.run()
    with pytest.raises(UnknownOutcome):
        await (await resumed(wizard, store)).run()
    assert link.bulk_posts == 2


async def test_a_request_that_never_left_is_sent_on_resume(wizard, store, link, api, tmp_path):
    run = await wizard.start(source_file(tmp_path), ImportOptions(), batch_size=BATCH)
    link.refuse_bulk_post = 2  # connection refused: nothing reached the server
    with pytest.raises(ApiConnectionError):
        await run.run()
    assert store.list()[0].batches[1].state is BatchState.REFUSED

    journal = await (await resumed(wizard, store)).run()
    assert link.bulk_posts == 3 and journal.status is JournalStatus.COMPLETED
    assert len(await all_contacts(api)) == ROWS


async def test_cancel_stops_between_batches_and_resume_finishes(wizard, store, link, api, tmp_path):
    rows = 6 * BATCH
    run = await wizard.start(source_file(tmp_path, rows=rows), ImportOptions(), batch_size=BATCH)

    def cancel_after_first_batch(progress) -> None:
        if progress.rows_done >= BATCH:
            run.cancel()

    journal = await run.run(on_progress=cancel_after_first_batch)
    assert journal.status is JournalStatus.PAUSED
    # three batches were sent ahead while the first was imported: they finish, no other is sent
    assert link.bulk_posts == 1 + AHEAD and len(await all_contacts(api)) == (1 + AHEAD) * BATCH
    assert [b.state for b in journal.batches] == [BatchState.FINISHED] * (1 + AHEAD) + [BatchState.PENDING]

    journal = await (await resumed(wizard, store)).run()
    assert link.bulk_posts == 6 and journal.status is JournalStatus.COMPLETED
    assert len(await all_contacts(api)) == rows


async def test_a_changed_file_is_not_resumed(wizard, store, link, tmp_path):
    source = source_file(tmp_path)
    run = await wizard.start(source, ImportOptions(), batch_size=BATCH)
    link.offline_after_bulk_post = 1
    with pytest.raises(ApiConnectionError):
        await run.run()
    source_file(tmp_path, rows=ROWS + 1)  # the user edited the file meanwhile
    with pytest.raises(FileChanged, match="has changed"):
        await resumed(wizard, store)


async def test_each_batch_is_journalled_on_disk_before_the_next_request_leaves(wizard, store, link, tmp_path):
    run = await wizard.start(source_file(tmp_path), ImportOptions(), batch_size=BATCH)
    seen_on_disk = []
    forward = link.handle_async_request

    async def look_at_the_journal_first(request):
        if request.method == "POST" and request.url.path.endswith("/contacts/bulk"):
            [journal] = store.list()
            seen_on_disk.append([(b.state, b.contact_import_uuid is not None) for b in journal.batches])
        return await forward(request)

    link.handle_async_request = look_at_the_journal_first
    await run.run()
    assert seen_on_disk == [  # the next batches go out before the first is followed
        [(BatchState.SENDING, False)],
        [(BatchState.ACCEPTED, True), (BatchState.SENDING, False)],
        [(BatchState.ACCEPTED, True), (BatchState.ACCEPTED, True), (BatchState.SENDING, False)],
    ]
    [journal] = store.list()
    assert journal.file.path == str(tmp_path / "people.csv") and len(journal.file.sha256) == 64
    assert [b.to_json()["first_row"] for b in journal.batches] == [2, 12, 22]
    assert journal.headers == ["First name", "Email", "External ID"]
    assert journal.options == ImportOptions()


async def test_a_check_that_no_longer_gives_the_journalled_batches_refuses_to_resume(
    wizard, store, link, tmp_path
):
    run = await wizard.start(source_file(tmp_path), ImportOptions(), batch_size=BATCH)
    link.offline_after_bulk_post = 1
    with pytest.raises(ApiConnectionError):
        await run.run()
    [journal] = store.list()
    link.offline = False
    rows = [
        ["Email", "Name"],
        ["a@example.com", "A"],
        ["", "Nobody"],
        *([f"p{i}@example.com", ""] for i in range(20)),
    ]
    shifted = write_csv(tmp_path / "other.csv", rows)  # row 3 has no identifier: batches start elsewhere
    other = (await wizard.check(shifted, ImportOptions()))[0]
    with pytest.raises(JournalMismatch):
        ImportRun(journal, other, wizard.get_client)
