"""Bulk Create Contacts: the gateway's checks, each merge strategy with and without matches, mixed
valid and invalid rows, list membership, and imports that survive a restart without duplicates."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

import anyio
import pytest

from app.server import models as m
from app.server.app import create_app
from app.server.db import Database
from app.server.services import contacts as contact_service
from app.server.services import imports
from tests.helpers import asgi_http

pytestmark = pytest.mark.anyio


async def wait_for(http, import_uuid: str, timeout: float = 20) -> dict:
    with anyio.fail_after(timeout):
        while True:
            body = (await http.get(f"/contacts/bulk/{import_uuid}")).json()
            if body["status"] in ("completed", "failed"):
                return body
            await anyio.sleep(0.02)


async def run_import(http, **body) -> dict:
    response = await http.post("/contacts/bulk", json=body)
    assert response.status_code == 202, response.text
    return await wait_for(http, response.json()["contact_import_uuid"])


async def all_contacts(http) -> list[dict]:
    body = {
        "advanced_search": [{"field": "archived", "operator": "exists"}],
        "sort_by": {"field": "created_at"},
    }
    return (await http.post("/contacts/search", json=body, params={"limit": 100})).json()["contacts"]


async def test_accepted_at_once_then_completed(http):
    response = await http.post("/contacts/bulk", json={"contacts": [{"email": "one@example.com"}]})
    assert response.status_code == 202
    assert response.json().keys() == {"contact_import_uuid"}
    import_uuid = response.json()["contact_import_uuid"]
    first = (await http.get(f"/contacts/bulk/{import_uuid}")).json()
    assert first["status"] in ("pending", "processing", "completed")
    done = await wait_for(http, import_uuid)
    assert done == {
        "contact_import_uuid": import_uuid,
        "status": "completed",
        "summary": {"total": 1, "created": 1, "failed": 0, "skipped": 0},
        "failures": [],
    }
    [contact] = await all_contacts(http)
    assert contact["email"] == "one@example.com"


MERGE_CASES = [
    # (merge_type, match_on_field, summary (created, failed, skipped), existing's new name, emails after)
    ("create_or_update", "email", (2, 0, 0), "Updated", ["old@example.com", "new@example.com"]),
    ("create", "email", (1, 0, 1), "Original", ["old@example.com", "new@example.com"]),
    ("update", "email", (1, 0, 1), "Updated", ["old@example.com"]),
    (
        "create_or_update",
        None,
        (2, 0, 0),
        "Original",
        ["old@example.com", "old@example.com", "new@example.com"],
    ),
    ("create", None, (2, 0, 0), "Original", ["old@example.com", "old@example.com", "new@example.com"]),
]


@pytest.mark.parametrize(("merge_type", "match", "summary", "name", "emails"), MERGE_CASES)
async def test_merge_strategies_with_and_without_matches(http, merge_type, match, summary, name, emails):
    existing = (
        await http.post("/contacts", json={"email": "old@example.com", "first_name": "Original"})
    ).json()
    body = {
        "contacts": [
            {"email": "old@example.com", "first_name": "Updated"},
            {"email": "new@example.com", "first_name": "New"},
        ],
        "merge_type": merge_type,
    }
    if match:
        body["match_on_field"] = match
    result = await run_import(http, **body)
    assert result["status"] == "completed"
    assert result["summary"] == dict(
        zip(("total", "created", "failed", "skipped"), (2, *summary), strict=True)
    )
    after = (await http.get(f"/contacts/{existing['uuid']}")).json()
    assert after["first_name"] == name
    assert (after["updated_at"] > existing["updated_at"]) == (name == "Updated")
    assert [c["email"] for c in await all_contacts(http)] == emails


@pytest.mark.parametrize("field", ["email", "phone_number", "external_contact_id"])
async def test_each_match_field(http, field):
    existing = (await http.post("/contacts", json={field: "ID-1"})).json()
    result = await run_import(http, contacts=[{field: "ID-1", "last_name": "Matched"}], match_on_field=field)
    assert result["summary"]["created"] == 1
    assert (await http.get(f"/contacts/{existing['uuid']}")).json()["last_name"] == "Matched"
    assert len(await all_contacts(http)) == 1


async def test_the_oldest_contact_holding_the_value_is_matched(http, database):
    newer = (await http.post("/contacts", json={"email": "dup@example.com", "first_name": "Newer"})).json()
    older = (await http.post("/contacts", json={"email": "dup@example.com", "first_name": "Older"})).json()
    with database.write() as session, session.begin():
        session.query(m.Contact).filter_by(uuid=older["uuid"]).update(
            {"created_at": datetime(2020, 1, 1, tzinfo=UTC)}
        )
    await run_import(
        http, contacts=[{"email": "dup@example.com", "last_name": "Hit"}], match_on_field="email"
    )
    assert (await http.get(f"/contacts/{older['uuid']}")).json()["last_name"] == "Hit"
    assert (await http.get(f"/contacts/{newer['uuid']}")).json()["last_name"] is None


async def test_on_equal_created_at_the_smaller_uuid_is_matched(http, database):
    a = (await http.post("/contacts", json={"email": "tie@example.com"})).json()
    b = (await http.post("/contacts", json={"email": "tie@example.com"})).json()
    with database.write() as session, session.begin():
        session.query(m.Contact).filter(m.Contact.uuid.in_([a["uuid"], b["uuid"]])).update(
            {"created_at": datetime(2020, 1, 1, tzinfo=UTC)}
        )
    await run_import(
        http, contacts=[{"email": "tie@example.com", "last_name": "Hit"}], match_on_field="email"
    )
    first = min(a["uuid"], b["uuid"])
    hit = [c["uuid"] for c in await all_contacts(http) if c["last_name"] == "Hit"]
    assert hit == [first]


async def test_an_empty_value_never_matches(http):
    await http.post("/contacts", json={"email": "", "phone_number": "111"})
    result = await run_import(
        http,
        contacts=[{"email": "", "phone_number": "222"}, {"email": "  ", "phone_number": "333"}],
        match_on_field="email",
    )
    assert result["summary"] == {"total": 2, "created": 2, "failed": 0, "skipped": 0}
    assert sorted(c["phone_number"] for c in await all_contacts(http)) == ["111", "222", "333"]


async def test_rows_of_one_import_match_each_other(http):
    rows = [
        {"email": "same@example.com", "first_name": "First"},
        {"email": "same@example.com", "last_name": "Second"},
    ]
    merged = await run_import(http, contacts=rows, match_on_field="email")
    assert merged["summary"] == {"total": 2, "created": 2, "failed": 0, "skipped": 0}
    [contact] = await all_contacts(http)
    assert (contact["first_name"], contact["last_name"]) == ("First", "Second")
    skipped = await run_import(
        http, contacts=[*rows, {"email": "other@example.com"}], match_on_field="email", merge_type="create"
    )
    assert skipped["summary"] == {"total": 3, "created": 1, "failed": 0, "skipped": 2}


async def test_mixed_valid_and_invalid_rows(http):
    seats = {"name": "Seats", "field_type": "number:integer", "field_key": "num_seats"}
    assert (await http.post("/custom-fields", json=seats)).status_code == 201
    rows = [
        {"email": "ok@example.com", "custom_fields": {"num_seats": "12"}},
        {"first_name": "No identifier"},
        {"email": "bad-seats@example.com", "custom_fields": {"num_seats": "many"}},
        {"email": "unknown@example.com", "custom_fields": {"nope": 1}},
        {"email": 42},
        {"email": "extra@example.com", "archived": True},
        {"phoneNumber": "555"},
    ]
    result = await run_import(http, contacts=rows)
    assert result["status"] == "completed"
    assert result["summary"] == {"total": 7, "created": 2, "failed": 5, "skipped": 0}
    failures = {f["index"]: [(e["type"], e["field"]) for e in f["errors"]] for f in result["failures"]}
    assert failures == {
        1: [("missing_identifier", "identifier")],
        2: [("custom_field_value", "custom_fields.num_seats")],
        3: [("unknown_custom_field", "custom_fields.nope")],
        4: [("string_type", "email")],
        5: [("extra_forbidden", "archived")],
    }
    stored = await all_contacts(http)
    assert [(c["email"], c["phone_number"], c["custom_fields"]) for c in stored] == [
        ("ok@example.com", None, {"num_seats": 12}),
        (None, "555", {}),
    ]


async def test_imported_contacts_join_the_list(http):
    target = (await http.post("/contact-lists", json={"name": "Imported"})).json()
    existing = (await http.post("/contacts", json={"email": "old@example.com"})).json()
    result = await run_import(
        http,
        contact_list_uuid=target["uuid"],
        match_on_field="email",
        merge_type="create_or_update",
        contacts=[{"email": "old@example.com"}, {"email": "new@example.com"}, {"first_name": "fails"}],
    )
    assert result["summary"] == {"total": 3, "created": 2, "failed": 1, "skipped": 0}
    members = (await http.get(f"/contact-lists/{target['uuid']}/contacts")).json()
    assert {c["email"] for c in members["contacts"]} == {"old@example.com", "new@example.com"}
    assert existing["uuid"] in {c["uuid"] for c in members["contacts"]}
    after = (await http.get(f"/contact-lists/{target['uuid']}")).json()
    assert after["count"] == 2 and after["updated_at"] > target["updated_at"]
    # skipped rows do not join
    again = await run_import(
        http,
        contact_list_uuid=target["uuid"],
        match_on_field="email",
        merge_type="update",
        contacts=[{"email": "x@example.com"}],
    )
    assert again["summary"]["skipped"] == 1
    assert (await http.get(f"/contact-lists/{target['uuid']}")).json()["count"] == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"contacts": []}, "contacts"),
        ({"contacts": [{"email": f"{n}@example.com"} for n in range(1001)]}, "contacts"),
        ({}, "contacts"),
        ({"contacts": ["not an object"]}, "contacts.0"),
        ({"contacts": [{"email": "a@example.com"}], "merge_type": "replace"}, "merge_type"),
        ({"contacts": [{"email": "a@example.com"}], "match_on_field": "first_name"}, "match_on_field"),
        ({"contacts": [{"email": "a@example.com"}], "merge_type": "update"}, "match_on_field"),
        ({"contacts": [{"email": "a@example.com"}], "contact_list_uuid": "not-a-uuid"}, "contact_list_uuid"),
    ],
)
async def test_the_gateway_checks_the_request_shape(http, body, field):
    response = await http.post("/contacts/bulk", json=body)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["error"]["details"]["errors"]]
    assert await all_contacts(http) == []


async def test_a_thousand_contacts_are_accepted(http):
    result = await run_import(http, contacts=[{"email": f"{n}@example.com"} for n in range(1000)])
    assert result["summary"] == {"total": 1000, "created": 1000, "failed": 0, "skipped": 0}
    count = await http.post("/contacts/search", json={"search_term": "@example.com"})
    assert count.json()["pagination"]["total"] == 1000


async def test_an_unknown_list_or_import_is_404(http):
    response = await http.post(
        "/contacts/bulk",
        json={"contacts": [{"email": "a@example.com"}], "contact_list_uuid": str(uuid.uuid4())},
    )
    assert response.status_code == 404
    assert response.json()["error"]["details"] == "Contact list not found."
    for path in (str(uuid.uuid4()), "not-a-uuid"):
        missing = await http.get(f"/contacts/bulk/{path}")
        assert missing.status_code == 404
        assert missing.json()["error"]["details"] == "Contact import not found."


# --- the worker: restart safety, failures, no leaked threads -----------------------------------------


def stopped(server_app) -> None:
    """Stop the app's worker: imports then stay where they are until something runs them."""
    server_app.state.import_worker.stop()


async def submit(http, n: int, **extra) -> str:
    contacts = [{"email": f"row{i}@example.com", "first_name": f"Row {i}"} for i in range(n)]
    response = await http.post("/contacts/bulk", json={"contacts": contacts, **extra})
    assert response.status_code == 202
    return response.json()["contact_import_uuid"]


async def test_an_import_interrupted_between_batches_resumes_after_a_restart(
    server_app, database, db_path, http, token
):
    stopped(server_app)
    import_uuid = await submit(http, 25, match_on_field="email")
    assert (await http.get(f"/contacts/bulk/{import_uuid}")).json()["status"] == "pending"
    runner = imports.ImportRunner(database, batch_size=10)
    assert runner.run_batch() and runner.run_batch()  # 20 rows committed, then the server "stops"
    middle = (await http.get(f"/contacts/bulk/{import_uuid}")).json()
    assert middle["status"] == "processing"
    assert middle["summary"] == {"total": 25, "created": 20, "failed": 0, "skipped": 0}

    restarted_db = Database(db_path)
    try:
        restarted = create_app(restarted_db, migrate=False)  # resumes at start
        async with asgi_http(restarted, token) as again:
            done = await wait_for(again, import_uuid)
            assert done["summary"] == {"total": 25, "created": 25, "failed": 0, "skipped": 0}
            emails = [c["email"] for c in await all_contacts(again)]
            assert sorted(emails) == sorted(f"row{i}@example.com" for i in range(25))
    finally:
        restarted_db.dispose()


class Crash(BaseException):
    """Stands for the process dying: nothing catches it."""


async def test_a_crash_inside_a_batch_leaves_nothing_half_done(server_app, database, http, monkeypatch):
    stopped(server_app)
    import_uuid = await submit(http, 6)
    runner = imports.ImportRunner(database, batch_size=4)
    calls = 0
    real = contact_service.new_row_values

    def dies_on_the_third_row(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 3:
            raise Crash
        return real(*args, **kwargs)

    monkeypatch.setattr(contact_service, "new_row_values", dies_on_the_third_row)
    with pytest.raises(Crash):
        runner.run_batch()
    assert await all_contacts(http) == []
    assert (await http.get(f"/contacts/bulk/{import_uuid}")).json()["summary"]["created"] == 0

    monkeypatch.setattr(contact_service, "new_row_values", real)
    while imports.ImportRunner(database, batch_size=4).run_batch():
        pass
    done = (await http.get(f"/contacts/bulk/{import_uuid}")).json()
    assert done["status"] == "completed" and done["summary"]["created"] == 6
    assert len(await all_contacts(http)) == 6


async def test_stopping_the_worker_mid_import_and_restarting_completes_without_duplicates(
    server_app, database, db_path, http, token
):
    worker = server_app.state.import_worker
    first = await submit(http, 1000, match_on_field="email")
    second = await submit(http, 300)
    worker.stop()  # wherever it is: between or after batches
    assert not worker.running

    restarted_db = Database(db_path)
    try:
        async with asgi_http(create_app(restarted_db, migrate=False), token) as again:
            assert (await wait_for(again, first))["summary"]["created"] == 1000
            assert (await wait_for(again, second))["summary"]["created"] == 300
            total = await again.post("/contacts/search", json={"search_term": "@example.com"})
            assert total.json()["pagination"]["total"] == 1300
    finally:
        restarted_db.dispose()


async def test_an_unexpected_error_fails_the_import_and_the_next_one_still_runs(
    server_app, database, http, monkeypatch
):
    stopped(server_app)
    broken = await submit(http, 3)
    fine = await submit(http, 2)

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(contact_service, "new_row_values", boom)
    runner = imports.ImportRunner(database)
    assert runner.run_batch()
    monkeypatch.undo()
    while runner.run_batch():
        pass
    assert (await http.get(f"/contacts/bulk/{broken}")).json()["status"] == "failed"
    assert (await http.get(f"/contacts/bulk/{fine}")).json()["status"] == "completed"


async def test_a_list_deleted_before_processing_does_not_stop_the_import(server_app, database, http):
    stopped(server_app)
    target = (await http.post("/contact-lists", json={"name": "Short-lived"})).json()
    import_uuid = await submit(http, 2, contact_list_uuid=target["uuid"])
    assert (await http.delete(f"/contact-lists/{target['uuid']}")).status_code == 204
    while imports.ImportRunner(database).run_batch():
        pass
    done = (await http.get(f"/contacts/bulk/{import_uuid}")).json()
    assert done["status"] == "completed" and done["summary"]["created"] == 2


async def test_the_worker_thread_ends_when_there_is_no_work(server_app, http):
    worker = server_app.state.import_worker
    result = await run_import(http, contacts=[{"email": "a@example.com"}])
    assert result["status"] == "completed"
    with anyio.fail_after(5):
        while worker.running:
            await anyio.sleep(0.01)
    assert not [t for t in threading.enumerate() if t.name == "contact-imports"]


async def test_a_list_changed_by_an_import_names_the_importing_token(server_app, database, http):
    from app.server.auth import create_token

    target = (await http.post("/contact-lists", json={"name": "Shared"})).json()
    with database.write() as session, session.begin():
        second_token = create_token(session, "Sandbox", label="the importer")
    async with asgi_http(server_app, second_token) as importer:
        await run_import(importer, contacts=[{"email": "a@example.com"}], contact_list_uuid=target["uuid"])
    after = (await http.get(f"/contact-lists/{target['uuid']}")).json()
    assert after["created_by"] == target["created_by"]
    assert after["updated_by"] not in (None, target["created_by"])
