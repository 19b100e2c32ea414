"""The client's contacts methods against the real server app, in-process."""

from __future__ import annotations

import uuid

import httpx
import pytest

from app.api import (
    CueDeskClient,
    NotFoundError,
    Page,
    UnauthorizedError,
    ValidationError,
    order_by,
    where,
)
from app.schema import Contact, ContactCreate, SearchRequest
from tests.helpers import BASE

pytestmark = pytest.mark.anyio


async def test_create_get_update_round_trip(client):
    created = await client.contacts.create(first_name="Bruce", email="batman@example.com")
    assert isinstance(created, Contact)
    assert created.first_name == "Bruce" and created.email == "batman@example.com"
    fetched = await client.contacts.get(created.uuid)
    assert fetched == created
    updated = await client.contacts.update(created.uuid, last_name="Wayne", phone_number=None)
    assert updated.last_name == "Wayne" and updated.first_name == "Bruce"
    assert updated.updated_at > created.updated_at


async def test_create_accepts_a_model_or_a_dict(client):
    from_model = await client.contacts.create(ContactCreate(email="a@example.com"))
    from_dict = await client.contacts.create({"externalContactId": "ext-1"})
    assert from_model.email == "a@example.com" and from_dict.external_contact_id == "ext-1"


async def test_list_awaited_is_one_page(client):
    for n in range(5):
        await client.contacts.create(email=f"c{n}@example.com")
    page = await client.contacts.list(limit=2, offset=1, order_field="created_at", order="asc")
    assert isinstance(page, Page)
    assert (page.limit, page.offset, page.total) == (2, 1, 5)
    assert [c.email for c in page.items] == ["c1@example.com", "c2@example.com"]
    assert page.next_offset == 3


async def test_list_iterated_yields_every_contact_across_pages(client, database):
    from sqlalchemy import insert

    from app.server import models as m

    workspace_contact = await client.contacts.create(email="first@example.com")
    with database.write() as session, session.begin():
        ws = session.query(m.Contact).filter_by(uuid=str(workspace_contact.uuid)).one().workspace_id
        session.execute(
            insert(m.Contact),
            [
                {
                    "uuid": str(uuid.uuid4()),
                    "workspace_id": ws,
                    "email": f"bulk{n}@example.com",
                    "custom_fields": {},
                }
                for n in range(249)
            ],
        )
    seen = [c.uuid async for c in client.contacts.list(order_field="first_name", order="asc")]
    assert len(seen) == len(set(seen)) == 250
    pages = [p async for p in client.contacts.list().pages()]
    assert [len(p.items) for p in pages] == [100, 100, 50]


async def test_missing_identifier_fails_before_sending_with_the_servers_error(client, http):
    with pytest.raises(ValidationError) as local:
        await client.contacts.create(first_name="Nobody")
    assert local.value.local is True
    server = (await http.post("/contacts", json={"first_name": "Nobody"})).json()
    expected = server["error"]["details"]["errors"]
    assert [e.model_dump(by_alias=True) for e in local.value.errors] == expected
    assert local.value.field_errors() == {"identifier": expected[0]["msg"]}
    assert (await client.contacts.list()).total == 0


async def test_server_validation_errors_arrive_as_validation_error_with_items(client):
    contact = await client.contacts.create(email="only@example.com")
    with pytest.raises(ValidationError) as caught:
        await client.contacts.update(contact.uuid, email=None)
    assert caught.value.local is False
    assert caught.value.status_code == 422
    assert [e.field for e in caught.value.errors] == ["identifier"]
    assert "At least one identifier" in str(caught.value)


async def test_unknown_contact_is_not_found_error_with_the_envelope_details(client):
    with pytest.raises(NotFoundError) as caught:
        await client.contacts.get(uuid.uuid4())
    assert caught.value.status_code == 404
    assert str(caught.value) == "Contact not found."
    assert caught.value.envelope_message == "404 NOT FOUND"


async def test_wrong_token_is_unauthorized_error_and_never_shows_the_token(server_app):
    secret = "cdk_this-token-is-wrong-and-secret"
    async with CueDeskClient(BASE, token=secret, transport=httpx.ASGITransport(app=server_app)) as api:
        with pytest.raises(UnauthorizedError) as caught:
            await api.contacts.list()
        assert caught.value.status_code == 401
        assert str(caught.value) == "Unauthorized access."
        assert secret not in repr(api) and secret not in repr(api._http._client.auth)
        assert secret not in str(caught.value) and secret not in repr(caught.value)


async def test_bad_limit_is_a_validation_error_naming_the_query_parameter(client):
    with pytest.raises(ValidationError) as caught:
        await client.contacts.list(limit=500)
    [item] = caught.value.errors
    assert (item.in_, item.field) == ("query", "limit")


async def test_search_by_term_filters_and_sort(client):
    await client.custom_fields.create(name="Seats", field_type="number:integer", field_key="num_seats")
    people = [
        ("John", "Smith", "john@example.com", 450),
        ("Johanna", "Berg", "jo@other.org", 120),
        ("Ann", "Johnson", "ann@example.com", 20),
        ("Bob", "Stone", "bob@example.com", None),
    ]
    for first, last, email, seats in people:
        custom = {"num_seats": seats} if seats is not None else {}
        await client.contacts.create(first_name=first, last_name=last, email=email, custom_fields=custom)

    by_term = await client.contacts.search(search_term="JOH", sort_by=order_by("first_name"))
    assert [c.first_name for c in by_term] == ["Ann", "Johanna", "John"]
    assert by_term.limit == 10  # Search's own default page size

    request = SearchRequest(
        advanced_search=[
            where("email", "contains", "@example.com"),
            where("num_seats", "gte", "100", data_type="long"),
        ],
        sort_by=order_by("created_at", "desc"),
    )
    assert [c.first_name for c in await client.contacts.search(request)] == ["John"]

    with_seats = client.contacts.search(
        advanced_search=[where("num_seats", "exists", data_type="long")],
        sort_by=order_by("num_seats", "desc", data_type="long"),
    )
    assert [c.first_name async for c in with_seats] == ["John", "Johanna", "Ann"]
    assert (await client.contacts.search()).total == 4


async def test_search_iterates_past_one_page(client):
    await client.contacts.create(email="other@example.com")
    for n in range(150):
        await client.contacts.create(email=f"p{n:03d}@example.com")
    search = client.contacts.search(
        advanced_search=[where("email", "starts_with", "p")], sort_by=order_by("email")
    )
    emails = [c.email async for c in search]
    assert emails == [f"p{n:03d}@example.com" for n in range(150)]
    assert [len(p) async for p in search.pages()] == [100, 50]
