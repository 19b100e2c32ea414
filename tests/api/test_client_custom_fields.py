"""``client.custom_fields`` (definitions) and ``client.contact_custom_fields`` (values on a contact)."""

from __future__ import annotations

import uuid

import pytest

from app.api import BadRequestError, NotFoundError, ValidationError
from app.schema import CustomField, FieldType

pytestmark = pytest.mark.anyio


async def test_definitions_are_created_read_replaced_and_deleted(client):
    revenue = await client.custom_fields.create(
        name="Revenue", field_type="number:integer", field_key="revenue"
    )
    assert isinstance(revenue, CustomField)
    assert (revenue.field_key, revenue.field_type, revenue.editable, revenue.sensitive) == (
        "revenue",
        FieldType.INTEGER,
        True,
        False,
    )
    assert revenue.select_options is None
    assert await client.custom_fields.get(revenue.uuid) == revenue

    replaced = await client.custom_fields.update(
        revenue.uuid,
        name="Yearly revenue",
        field_type="number:integer",
        editable=False,
        sensitive=True,
        icon="coins",
    )
    assert (replaced.name, replaced.editable, replaced.sensitive, replaced.icon) == (
        "Yearly revenue",
        False,
        True,
        "coins",
    )
    assert replaced.field_key == "revenue"  # keys never change

    await client.custom_fields.delete(revenue.uuid)
    with pytest.raises(NotFoundError):
        await client.custom_fields.get(revenue.uuid)


async def test_a_key_is_generated_from_the_name_and_a_used_key_is_a_bad_request(client):
    generated = await client.custom_fields.create(name="Date of birth", field_type="date")
    assert generated.field_key and generated.field_key.islower()
    with pytest.raises(BadRequestError) as caught:
        await client.custom_fields.create(name="Birthday", field_type="date", field_key=generated.field_key)
    assert caught.value.status_code == 400
    assert generated.field_key in str(caught.value)


async def test_select_options_survive_a_replacement_as_labels(client):
    priority = await client.custom_fields.create(
        name="Priority", field_type="select", icon="star", select_options=["Low", "Medium", "High"]
    )
    assert [o.display_label for o in priority.select_options] == ["Low", "Medium", "High"]
    updated = await client.custom_fields.update(
        priority.uuid,
        name="Priority",
        field_type="select",
        editable=True,
        sensitive=False,
        icon="star",
        select_options=["Medium", "High", "Critical"],
    )
    by_label = {o.display_label: o for o in updated.select_options}
    assert by_label["Low"].archived is True  # kept so that stored values still resolve
    assert [o.display_label for o in updated.active_options] == ["Medium", "High", "Critical"]
    assert by_label["Medium"].uuid == next(
        o.uuid for o in priority.select_options if o.display_label == "Medium"
    )


async def test_definitions_page_and_iterate(client):
    for n in range(3):
        await client.custom_fields.create(name=f"Field number {n}", field_type="text", field_key=f"field_{n}")
    page = await client.custom_fields.list(limit=2)
    assert (page.total, len(page.items), page.next_offset) == (3, 2, 2)
    assert sorted([f.field_key async for f in client.custom_fields.list()]) == [
        "field_0",
        "field_1",
        "field_2",
    ]


async def test_values_on_a_contact_by_uuid_and_by_key(client):
    seats = await client.custom_fields.create(
        name="Seats", field_type="number:integer", field_key="num_seats"
    )
    plan = await client.custom_fields.create(
        name="Subscription",
        field_type="select",
        field_key="subscription",
        select_options=["Startup", "Enterprise"],
    )
    contact = await client.contacts.create(email="values@example.com")
    assert await client.contact_custom_fields.list(contact.uuid) == {}

    after_set = await client.contact_custom_fields.set(contact.uuid, seats.uuid, 450)
    assert after_set == {"num_seats": 450}
    after_update = await client.contact_custom_fields.update(
        contact.uuid, subscription="enterprise", num_seats="12"
    )
    assert after_update == {"num_seats": 12, "subscription": "Enterprise"}
    assert (await client.contacts.get(contact.uuid)).custom_fields == after_update

    await client.contact_custom_fields.delete(contact.uuid, seats.uuid)
    assert await client.contact_custom_fields.list(contact.uuid) == {"subscription": "Enterprise"}
    cleared = await client.contact_custom_fields.set(contact.uuid, plan.uuid, None)
    assert cleared == {}


async def test_a_value_of_the_wrong_type_names_its_field(client):
    await client.custom_fields.create(name="Seats", field_type="number:integer", field_key="num_seats")
    contact = await client.contacts.create(email="wrong@example.com")
    with pytest.raises(ValidationError) as caught:
        await client.contact_custom_fields.update(contact.uuid, {"num_seats": "many"})
    assert caught.value.local is False
    assert list(caught.value.field_errors()) == ["custom_fields.num_seats"]


async def test_values_of_an_unknown_contact_or_definition_are_not_found(client):
    field = await client.custom_fields.create(
        name="Seats", field_type="number:integer", field_key="num_seats"
    )
    with pytest.raises(NotFoundError):
        await client.contact_custom_fields.list(uuid.uuid4())
    contact = await client.contacts.create(email="x@example.com")
    with pytest.raises(NotFoundError):
        await client.contact_custom_fields.set(contact.uuid, uuid.uuid4(), 1)
    await client.custom_fields.delete(field.uuid)
    with pytest.raises(NotFoundError):
        await client.custom_fields.delete(field.uuid)
