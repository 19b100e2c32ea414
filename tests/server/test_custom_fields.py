"""Custom field definitions (all 12 types, keys, options) and the custom field values of a contact."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.anyio

DEFINITION_KEYS = {
    "uuid",
    "workspace_uuid",
    "name",
    "icon",
    "field_type",
    "field_key",
    "status",
    "created_at",
    "updated_at",
    "archived_at",
    "editable",
    "sensitive",
}
ALL_TYPES = [
    "text",
    "number:integer",
    "number:decimal",
    "number:percentage",
    "checkbox",
    "date",
    "date:date_time",
    "date:time",
    "date:relative",
    "select",
    "multiselect",
    "user",
]
# field type → (value sent, value returned), and values the type refuses
VALUES = {
    "text": (("Acme", "Acme"), [42, True, ["a"]]),
    "number:integer": (("42", 42), ["4.5", "many", True, 2**63]),
    "number:decimal": ((1234.5, 1234.5), ["lots", False, "nan"]),
    "number:percentage": ((12.5, 12.5), ["12%", True]),
    "checkbox": (("true", True), ["yes", 1]),
    "date": (("1985-02-19", "1985-02-19"), ["19/02/1985", "1985-02-30", 19850219]),
    "date:date_time": (("2025-12-09T15:57:36+01:00", "2025-12-09T14:57:36Z"), ["2025-12-09", "noon"]),
    "date:time": (("09:30", "09:30"), ["9.30", "25:00", "09:30+01:00"]),
    "date:relative": (("+3d", "+3d"), ["3 days", "+3x"]),
    "select": (("high", "High"), ["Urgent", ["High"]]),
    "multiselect": ((["low", "High", "low"], ["Low", "High"]), ["Low", ["Urgent"]]),
    "user": (("maria@cuedesk.example", "maria@cuedesk.example"), [7]),
}
OPTIONS = ["Low", "Medium", "High"]


async def define(http, name: str, field_type: str, **extra) -> dict:
    body = {"name": name, "field_type": field_type, **extra}
    if field_type in ("select", "multiselect") and "select_options" not in extra:
        body["select_options"] = OPTIONS
    response = await http.post("/custom-fields", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def new_contact(http, **custom) -> dict:
    response = await http.post("/contacts", json={"email": "c@example.com", "custom_fields": custom})
    assert response.status_code == 201, response.text
    return response.json()


def full_body(definition: dict, **changes) -> dict:
    body = {k: definition[k] for k in ("name", "field_type", "editable", "sensitive", "icon")}
    if "select_options" in definition:
        body["select_options"] = [
            o["display_label"] for o in definition["select_options"] if not o["archived"]
        ]
    return {**body, **changes}


@pytest.mark.parametrize("field_type", ALL_TYPES)
async def test_every_type_can_be_defined_and_options_appear_only_for_option_types(http, field_type):
    created = await define(http, "Some field", field_type, icon="star", sensitive=True)
    if field_type in ("select", "multiselect"):
        assert created.keys() == {*DEFINITION_KEYS, "select_options"}
        assert [o["display_label"] for o in created["select_options"]] == OPTIONS
        assert [o["field_key"] for o in created["select_options"]] == ["low", "medium", "high"]
        assert all(o["archived"] is False and uuid.UUID(o["uuid"]) for o in created["select_options"])
    else:
        assert created.keys() == DEFINITION_KEYS
    assert (created["field_type"], created["field_key"], created["icon"]) == (
        field_type,
        "some_field",
        "star",
    )
    assert (created["status"], created["archived_at"], created["editable"], created["sensitive"]) == (
        "active",
        None,
        True,
        True,
    )
    assert (await http.get(f"/custom-fields/{created['uuid']}")).json() == created


@pytest.mark.parametrize(("field_type", "case"), VALUES.items())
async def test_values_are_checked_against_the_type_and_returned_in_their_natural_json_type(
    http, field_type, case
):
    (sent, returned), refused = case
    definition = await define(http, "Typed value", field_type)
    key = definition["field_key"]
    contact = await new_contact(http, **{key: sent})
    assert contact["custom_fields"] == {key: returned}
    assert type(contact["custom_fields"][key]) is type(returned)
    for bad in refused:
        response = await http.patch(f"/contacts/{contact['uuid']}", json={"custom_fields": {key: bad}})
        assert response.status_code == 422, bad
        [item] = response.json()["error"]["details"]["errors"]
        assert (item["type"], item["field"]) == ("custom_field_value", f"custom_fields.{key}")
        assert key in item["msg"] and field_type in item["msg"]
    assert (await http.get(f"/contacts/{contact['uuid']}")).json()["custom_fields"] == {key: returned}


async def test_null_blank_and_empty_values_clear(http):
    company = await define(http, "Company", "text")
    tags = await define(http, "Tags", "multiselect")
    contact = await new_contact(http, company="Acme", tags=["Low"])
    url = f"/contacts/{contact['uuid']}"
    assert (await http.patch(url, json={"custom_fields": {"company": "  "}})).json()["custom_fields"] == {
        "tags": ["Low"]
    }
    assert (await http.patch(url, json={"custom_fields": {"tags": []}})).json()["custom_fields"] == {}
    assert company and tags


async def test_an_unknown_key_is_a_422_naming_it(http):
    response = await http.post("/contacts", json={"email": "x@example.com", "custom_fields": {"nope": 1}})
    assert response.status_code == 422
    [item] = response.json()["error"]["details"]["errors"]
    assert (item["type"], item["field"]) == ("unknown_custom_field", "custom_fields.nope")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            ["Date of birth", "Date of birth", "date-of-birth"],
            ["date_of_birth", "date_of_birth_2", "date_of_birth_3"],
        ),
        (["Email"], ["email_2"]),
        (["123 seats"], ["field_123_seats"]),
        (["Ünïcödé name"], ["unicode_name"]),
        (["!!!"], ["field"]),
    ],
)
async def test_field_key_is_generated_from_the_name_unique_and_never_reserved(http, names, expected):
    keys = [(await define(http, name, "text"))["field_key"] for name in names]
    assert keys == expected


async def test_an_explicit_key_already_used_is_a_400(http):
    await define(http, "Seats", "number:integer", field_key="num_seats")
    response = await http.post(
        "/custom-fields", json={"name": "Other seats", "field_type": "text", "field_key": "num_seats"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "message": "400 BAD REQUEST",
            "details": "A custom field with the key 'num_seats' already exists in this workspace.",
        }
    }


@pytest.mark.parametrize(
    ("body", "field", "kind"),
    [
        ({"name": "Email", "field_type": "text", "field_key": "email"}, "field_key", "reserved_field_key"),
        (
            {"name": "Bad key", "field_type": "text", "field_key": "Bad Key"},
            "field_key",
            "string_pattern_mismatch",
        ),
        ({"name": "ab", "field_type": "text"}, "name", "string_too_short"),
        ({"name": "x" * 251, "field_type": "text"}, "name", "string_too_long"),
        ({"name": "Kind", "field_type": "colour"}, "field_type", "enum"),
        ({"name": "Choice", "field_type": "select"}, "select_options", "missing_options"),
        (
            {"name": "Choice", "field_type": "select", "select_options": []},
            "select_options",
            "missing_options",
        ),
        (
            {"name": "Choice", "field_type": "multiselect", "select_options": ["A", "a"]},
            "select_options",
            "duplicate_option",
        ),
        (
            {"name": "Plain", "field_type": "text", "select_options": ["A"]},
            "select_options",
            "unexpected_options",
        ),
    ],
)
async def test_bad_definitions_are_422_naming_the_member(http, body, field, kind):
    response = await http.post("/custom-fields", json=body)
    assert response.status_code == 422
    [item] = response.json()["error"]["details"]["errors"]
    assert (item["field"], item["type"]) == (field, kind)


async def test_list_in_creation_order_with_pagination(http):
    for n in range(3):
        await define(http, f"Field {n}", "text")
    page = (await http.get("/custom-fields", params={"limit": 2, "offset": 1})).json()
    assert [f["name"] for f in page["custom_fields"]] == ["Field 1", "Field 2"]
    assert page["pagination"] == {"limit": 2, "offset": 1, "total": 3}


async def test_update_needs_the_full_object(http):
    created = await define(http, "Priority", "select")
    body = full_body(created)
    del body["icon"]
    response = await http.patch(f"/custom-fields/{created['uuid']}", json=body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["error"]["details"]["errors"]] == ["icon"]


async def test_update_keeps_unchanged_options_adds_new_ones_and_archives_removed_ones(http):
    created = await define(http, "Priority", "select", icon="star")
    by_label = {o["display_label"]: o for o in created["select_options"]}
    contact = await new_contact(http, priority="Medium")

    response = await http.patch(
        f"/custom-fields/{created['uuid']}",
        json=full_body(created, name="Updated Priority", select_options=["Low", "High", "Critical"]),
    )
    assert response.status_code == 200
    updated = response.json()
    assert updated["name"] == "Updated Priority" and updated["field_key"] == "priority"
    assert updated["updated_at"] > created["updated_at"]
    options = {o["display_label"]: o for o in updated["select_options"]}
    for label in ("Low", "High", "Medium"):
        assert (options[label]["uuid"], options[label]["field_key"]) == (
            by_label[label]["uuid"],
            by_label[label]["field_key"],
        )
    assert options["Medium"]["archived"] is True
    assert options["Critical"]["archived"] is False and options["Critical"]["field_key"] == "critical"
    assert [o["display_label"] for o in updated["select_options"]] == ["Low", "High", "Critical", "Medium"]

    # an existing value keeps resolving; the archived option cannot be chosen again
    assert (await http.get(f"/contacts/{contact['uuid']}")).json()["custom_fields"] == {"priority": "Medium"}
    refused = await http.patch(f"/contacts/{contact['uuid']}", json={"custom_fields": {"priority": "medium"}})
    assert refused.status_code == 422 and "archived" in refused.json()["error"]["details"]["errors"][0]["msg"]

    # bringing a label back revives its option
    revived = (
        await http.patch(
            f"/custom-fields/{created['uuid']}", json=full_body(updated, select_options=["Medium", "Low"])
        )
    ).json()
    medium = next(o for o in revived["select_options"] if o["display_label"] == "Medium")
    assert medium["uuid"] == by_label["Medium"]["uuid"] and medium["archived"] is False


async def test_the_key_never_changes(http):
    created = await define(http, "Seats", "number:integer")
    same = await http.patch(f"/custom-fields/{created['uuid']}", json=full_body(created, field_key="seats"))
    assert same.status_code == 200
    changed = await http.patch(
        f"/custom-fields/{created['uuid']}", json=full_body(created, field_key="other")
    )
    assert changed.status_code == 422
    [item] = changed.json()["error"]["details"]["errors"]
    assert (item["field"], item["type"]) == ("field_key", "field_key_immutable")


async def test_an_update_that_changes_nothing_keeps_updated_at(http):
    created = await define(http, "Stable", "select")
    again = (await http.patch(f"/custom-fields/{created['uuid']}", json=full_body(created))).json()
    assert again["updated_at"] == created["updated_at"]


async def test_a_type_change_converts_stored_values(http):
    seats = await define(http, "Seats", "number:integer")
    contact = await new_contact(http, seats=450)
    response = await http.patch(f"/custom-fields/{seats['uuid']}", json=full_body(seats, field_type="text"))
    assert response.status_code == 200
    after = (await http.get(f"/contacts/{contact['uuid']}")).json()
    assert after["custom_fields"] == {"seats": "450"} and after["updated_at"] > contact["updated_at"]
    back = await http.patch(
        f"/custom-fields/{seats['uuid']}", json=full_body(seats, field_type="number:decimal")
    )
    assert back.status_code == 200
    assert (await http.get(f"/contacts/{contact['uuid']}")).json()["custom_fields"] == {"seats": 450}


async def test_a_type_change_that_a_stored_value_does_not_fit_changes_nothing(http):
    code = await define(http, "Code", "text")
    contact = await new_contact(http, code="ABC")
    response = await http.patch(
        f"/custom-fields/{code['uuid']}", json=full_body(code, field_type="number:integer")
    )
    assert response.status_code == 400
    assert "1 contact(s) hold a value of 'code'" in response.json()["error"]["details"]
    assert (await http.get(f"/custom-fields/{code['uuid']}")).json()["field_type"] == "text"
    assert (await http.get(f"/contacts/{contact['uuid']}")).json()["custom_fields"] == {"code": "ABC"}


async def test_deleting_a_definition_removes_its_values_everywhere(http):
    seats = await define(http, "Seats", "number:integer")
    await define(http, "Company", "text")
    holder = await new_contact(http, seats=3, company="Acme")
    bystander = await new_contact(http, company="Globex")
    response = await http.delete(f"/custom-fields/{seats['uuid']}")
    assert response.status_code == 204 and response.content == b""
    assert (await http.get(f"/custom-fields/{seats['uuid']}")).status_code == 404
    after = (await http.get(f"/contacts/{holder['uuid']}")).json()
    assert after["custom_fields"] == {"company": "Acme"} and after["updated_at"] > holder["updated_at"]
    assert (await http.get(f"/contacts/{bystander['uuid']}")).json()["updated_at"] == bystander["updated_at"]
    # the key is free again, and old values do not come back
    again = await define(http, "Seats", "number:integer")
    assert again["field_key"] == "seats"
    assert (await http.get(f"/contacts/{holder['uuid']}")).json()["custom_fields"] == {"company": "Acme"}


async def test_contact_custom_field_endpoints(http):
    dob = await define(http, "Date of birth", "date")
    plan = await define(http, "Subscription", "select", select_options=["Startup", "Enterprise"])
    contact = await new_contact(http)
    url = f"/contacts/{contact['uuid']}/custom-fields"
    assert (await http.get(url)).json() == {"custom_fields": {}}

    added = await http.post(url, json={"custom_field_uuid": dob["uuid"], "value": "1985-02-19"})
    assert added.status_code == 201 and added.json() == {"custom_fields": {"date_of_birth": "1985-02-19"}}
    patched = await http.patch(
        url, json={"custom_fields": {"date_of_birth": "1990-01-15", "subscription": "Startup"}}
    )
    assert patched.status_code == 200
    assert patched.json() == {"custom_fields": {"date_of_birth": "1990-01-15", "subscription": "Startup"}}
    cleared = await http.post(url, json={"custom_field_uuid": plan["uuid"], "value": None})
    assert cleared.status_code == 201 and cleared.json() == {"custom_fields": {"date_of_birth": "1990-01-15"}}
    deleted = await http.delete(f"{url}/{dob['uuid']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert (await http.get(url)).json() == {"custom_fields": {}}
    assert (await http.delete(f"{url}/{dob['uuid']}")).status_code == 204  # nothing left to remove


async def test_contact_custom_field_errors(http):
    dob = await define(http, "Date of birth", "date")
    contact = await new_contact(http)
    url = f"/contacts/{contact['uuid']}/custom-fields"
    wrong = await http.post(url, json={"custom_field_uuid": dob["uuid"], "value": "yesterday"})
    assert wrong.status_code == 422
    [item] = wrong.json()["error"]["details"]["errors"]
    assert (item["field"], item["type"]) == ("value", "custom_field_value")
    missing_value = await http.post(url, json={"custom_field_uuid": dob["uuid"]})
    assert missing_value.status_code == 422
    assert missing_value.json()["error"]["details"]["errors"][0]["field"] == "value"
    unknown = await http.post(url, json={"custom_field_uuid": str(uuid.uuid4()), "value": "x"})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["details"] == "Custom field not found."
    assert (await http.delete(f"{url}/{uuid.uuid4()}")).status_code == 404
    bad_key = await http.patch(url, json={"custom_fields": {"dob": "1990-01-01"}})
    assert bad_key.status_code == 422
    assert bad_key.json()["error"]["details"]["errors"][0]["field"] == "custom_fields.dob"
    for method in ("GET", "POST", "PATCH"):
        response = await http.request(
            method, f"/contacts/{uuid.uuid4()}/custom-fields", json={"custom_fields": {}}
        )
        assert response.status_code in (404, 422) and (method == "POST" or response.status_code == 404)


async def test_editing_values_moves_updated_at_only_on_a_change(http):
    await define(http, "Company", "text")
    contact = await new_contact(http, company="Acme")
    url = f"/contacts/{contact['uuid']}/custom-fields"
    await http.patch(url, json={"custom_fields": {"company": "Acme"}})
    assert (await http.get(f"/contacts/{contact['uuid']}")).json()["updated_at"] == contact["updated_at"]
    await http.patch(url, json={"custom_fields": {"company": "Globex"}})
    assert (await http.get(f"/contacts/{contact['uuid']}")).json()["updated_at"] > contact["updated_at"]
