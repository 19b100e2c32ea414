"""``client.contact_lists`` against the real server app: lists, their members, the lists of a contact."""

from __future__ import annotations

import uuid

import pytest

from app.api import ApiTimeoutError, NotFoundError, Page, ValidationError
from app.schema import ContactList, ListStatus, MembershipResult
from tests.api.faults import timeout_after_server

pytestmark = pytest.mark.anyio


async def make_contacts(client, n: int) -> list:
    return [await client.contacts.create(email=f"m{i}@example.com", first_name=f"M{i:02d}") for i in range(n)]


async def test_create_get_update_delete_a_list(client):
    created = await client.contact_lists.create(name="VIP Customers", emoji="⭐")
    assert isinstance(created, ContactList)
    assert (created.name, created.emoji, created.status, created.count) == (
        "VIP Customers",
        "⭐",
        "active",
        0,
    )
    assert await client.contact_lists.get(created.uuid) == created
    renamed = await client.contact_lists.update(created.uuid, name="Premium VIP Customers", emoji="💎")
    assert (renamed.name, renamed.emoji) == ("Premium VIP Customers", "💎")
    cleared = await client.contact_lists.update(created.uuid, emoji=None)
    assert (cleared.name, cleared.emoji) == ("Premium VIP Customers", None)
    await client.contact_lists.delete(created.uuid)
    with pytest.raises(NotFoundError) as caught:
        await client.contact_lists.get(created.uuid)
    assert "not found" in str(caught.value).lower()


async def test_list_pages_sorting_and_search(client):
    for name in ("Bravo", "alpha", "Charlie", "Alphabet soup"):
        await client.contact_lists.create(name=name)
    page = await client.contact_lists.list(limit=2)
    assert isinstance(page, Page) and (page.total, page.limit) == (4, 2)
    assert [lst.name for lst in page] == ["alpha", "Alphabet soup"]
    everything = [lst.name async for lst in client.contact_lists.list(sort_order="desc")]
    assert everything == ["Charlie", "Bravo", "Alphabet soup", "alpha"]
    found = await client.contact_lists.list(search="alpha")
    assert sorted(lst.name for lst in found) == ["Alphabet soup", "alpha"]
    assert (await client.contact_lists.list(status=ListStatus.ARCHIVED)).total == 0


async def test_members_are_added_listed_and_removed(client):
    contacts = await make_contacts(client, 3)
    vip = await client.contact_lists.create(name="VIP")
    result = await client.contact_lists.add_contacts(vip.uuid, [c.uuid for c in contacts[:2]])
    assert isinstance(result, MembershipResult)
    assert set(result.added) == {contacts[0].uuid, contacts[1].uuid} and result.warnings == []
    assert (await client.contact_lists.get(vip.uuid)).count == 2

    unknown = uuid.uuid4()
    again = await client.contact_lists.add_contacts(vip.uuid, [contacts[0].uuid, unknown])
    assert again.added == []
    assert {w.uuid for w in again.warnings} == {str(contacts[0].uuid), str(unknown)}

    members = await client.contact_lists.contacts(vip.uuid)
    assert {c.uuid for c in members} == {contacts[0].uuid, contacts[1].uuid}
    in_list = await client.contacts.list(contact_list_uuid=vip.uuid)
    assert {c.uuid for c in in_list} == {contacts[0].uuid, contacts[1].uuid}

    await client.contact_lists.remove_contacts(vip.uuid, [contacts[0].uuid])
    assert [c.uuid async for c in client.contact_lists.contacts(vip.uuid)] == [contacts[1].uuid]
    assert (await client.contacts.get(contacts[0].uuid)).uuid == contacts[0].uuid  # the contact stays


async def test_archived_members_show_only_when_asked(client, database):
    from app.server import models as m

    [kept, archived] = await make_contacts(client, 2)
    lst = await client.contact_lists.create(name="Mixed")
    await client.contact_lists.add_contacts(lst.uuid, [kept.uuid, archived.uuid])
    with database.write() as session, session.begin():
        session.query(m.Contact).filter_by(uuid=str(archived.uuid)).update({"archived": True})
    assert [c.uuid for c in await client.contact_lists.contacts(lst.uuid)] == [kept.uuid]
    everyone = await client.contact_lists.contacts(lst.uuid, include_archived=True)
    assert {c.uuid for c in everyone} == {kept.uuid, archived.uuid}
    assert any(c.archived for c in everyone)


async def test_the_lists_of_a_contact(client):
    [contact] = await make_contacts(client, 1)
    names = ["Newsletter", "Customers", "Leads"]
    for name in names:
        lst = await client.contact_lists.create(name=name)
        if name != "Leads":
            await client.contact_lists.add_contacts(lst.uuid, [contact.uuid])
    page = await client.contact_lists.of_contact(contact.uuid)
    assert sorted(lst.name for lst in page) == ["Customers", "Newsletter"]
    assert (await client.contact_lists.of_contact(contact.uuid, status="archived")).total == 0
    with pytest.raises(NotFoundError):
        await client.contact_lists.of_contact(uuid.uuid4())


async def test_errors_of_lists(client):
    with pytest.raises(NotFoundError):
        await client.contact_lists.update(uuid.uuid4(), name="Ghost")
    with pytest.raises(NotFoundError):
        await client.contact_lists.contacts("not-a-uuid")
    lst = await client.contact_lists.create(name="Named")
    with pytest.raises(ValidationError) as caught:
        await client.contact_lists.update(lst.uuid, name=None)
    assert caught.value.field_errors() == {"name": "A contact list needs a name."}


async def test_a_delete_whose_answer_was_lost_is_retried_and_succeeds(faulty_client, faulty, sleeps):
    lst = await faulty_client.contact_lists.create(name="Short-lived")
    faulty.inject(timeout_after_server)  # the list is deleted, but the answer never arrives
    await faulty_client.contact_lists.delete(lst.uuid)  # the retry's 404 means: already deleted
    assert len(sleeps) == 1
    with pytest.raises(NotFoundError):
        await faulty_client.contact_lists.delete(lst.uuid)  # without a lost answer, a 404 is an error


async def test_a_create_of_a_list_is_not_repeated_after_a_lost_answer(faulty_client, faulty, sleeps):
    faulty.inject(timeout_after_server)
    with pytest.raises(ApiTimeoutError):
        await faulty_client.contact_lists.create(name="Once")
    assert [lst.name async for lst in faulty_client.contact_lists.list()] == ["Once"]
    assert sleeps == []


async def test_membership_changes_are_retried_after_a_lost_answer(faulty_client, faulty, sleeps):
    [a, b] = await make_contacts(faulty_client, 2)
    lst = await faulty_client.contact_lists.create(name="Retried")
    faulty.inject(timeout_after_server)
    result = await faulty_client.contact_lists.add_contacts(lst.uuid, [a.uuid, b.uuid])
    # The lost first attempt added them; the retry reports them as already members.
    assert result.added == [] and len(result.warnings) == 2
    assert (await faulty_client.contact_lists.get(lst.uuid)).count == 2
    faulty.inject(timeout_after_server)
    await faulty_client.contact_lists.remove_contacts(lst.uuid, [a.uuid, b.uuid])
    assert (await faulty_client.contact_lists.get(lst.uuid)).count == 0
    assert len(sleeps) == 2
