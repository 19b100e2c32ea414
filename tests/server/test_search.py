"""Search Contacts: every operator on every data type, on predefined fields and on custom fields of each
type, with their boundaries; sorting; free text; and the 422s for filters the server cannot apply.

The dataset is built once per module (the tests only read it); contacts are named by ``first_name``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import anyio
import pytest

from app.server import models as m
from tests.helpers import asgi_http

pytestmark = pytest.mark.anyio

DEFINITIONS = [
    ("Seats", "seats", "number:integer", None),
    ("Value", "value", "number:decimal", None),
    ("Discount", "discount", "number:percentage", None),
    ("Verified", "verified", "checkbox", None),
    ("Birthday", "birthday", "date", None),
    ("Seen at", "seen_at", "date:date_time", None),
    ("Call at", "call_at", "date:time", None),
    ("Follow up", "follow_up", "date:relative", None),
    ("Company", "company", "text", None),
    ("Plan", "plan", "select", ["Free", "Pro", "Enterprise"]),
    ("Tags", "tags", "multiselect", ["Alpha", "Beta", "Gamma"]),
    ("Manager", "manager", "user", None),
]
CONTACTS = {
    "a": {
        "last_name": "Émile",
        "email": "a@Example.com",
        "phone_number": "+33 1 23",
        "custom_fields": {
            "seats": 10,
            "value": 10.5,
            "discount": 12.5,
            "verified": True,
            "birthday": "1985-01-31",
            "seen_at": "2025-01-31T23:59:59Z",
            "call_at": "08:30",
            "follow_up": "+3d",
            "company": "Acme",
            "plan": "Pro",
            "tags": ["Alpha", "Beta"],
            "manager": "maria@cuedesk.example",
        },
    },
    "b": {
        "last_name": "emily",
        "email": "b@example.com",
        "whatsapp_id": "wa-4477",
        "custom_fields": {
            "seats": 100,
            "value": 100.0,
            "discount": 50,
            "verified": False,
            "birthday": "1985-02-01",
            "seen_at": "2025-02-01T00:00:00Z",
            "call_at": "17:00",
            "company": "Écla",
            "plan": "Free",
            "tags": ["Gamma"],
        },
    },
    "c": {
        "last_name": "Zoë",
        "email": "c@globex.net",
        "fb_messenger_id": "fb_777",
        "custom_fields": {
            "seats": 1000,
            "value": 0.25,
            "birthday": "1990-12-31",
            "seen_at": "2025-02-01T00:00:01Z",
            "company": "globex",
            "plan": "Enterprise",
        },
    },
    "d": {"external_contact_id": "crm-42", "client_reference": "REF-9"},
}
ARCHIVED = {"email": "old@example.com", "custom_fields": {"seats": 100}}
CREATED = {
    "a": datetime(2025, 1, 31, 10, tzinfo=UTC),
    "b": datetime(2025, 2, 1, tzinfo=UTC),
    "c": datetime(2025, 3, 1, tzinfo=UTC),
    "d": datetime(2025, 3, 2, tzinfo=UTC),
    "z": datetime(2025, 3, 3, tzinfo=UTC),
}
ENGAGED = {"a": datetime(2025, 6, 1, 12, tzinfo=UTC)}
EVERYONE = {"a", "b", "c", "d"}


async def _build(app, database, token) -> None:
    async with asgi_http(app, token) as http:
        for name, key, kind, options in DEFINITIONS:
            body = {"name": name, "field_type": kind, "field_key": key}
            if options:
                body["select_options"] = options
            assert (await http.post("/custom-fields", json=body)).status_code == 201
        for first_name, body in [*CONTACTS.items(), ("z", ARCHIVED)]:
            response = await http.post("/contacts", json={"first_name": first_name, **body})
            assert response.status_code == 201, response.text
    with database.write() as session, session.begin():
        for first_name, created in CREATED.items():
            session.query(m.Contact).filter_by(first_name=first_name).update(
                {
                    "created_at": created,
                    "updated_at": created,
                    "last_engaged_at": ENGAGED.get(first_name),
                    "archived": first_name == "z",
                }
            )


@pytest.fixture(scope="module")
def dataset(module_server):
    app, database, token = module_server
    anyio.run(_build, app, database, token)
    return app, token


@pytest.fixture
async def http(dataset):
    app, token = dataset
    async with asgi_http(app, token) as client:
        yield client


async def names(http, body: dict, **params) -> list[str]:
    response = await http.post("/contacts/search", json=body, params={"limit": 100, **params})
    assert response.status_code == 200, response.text
    return [c["first_name"] for c in response.json()["contacts"]]


def f(field: str, operator: str, value=None, data_type: str | None = None) -> dict:
    item = {"field": field, "operator": operator}
    if value is not None:
        item["value"] = value
    if data_type:
        item["data_type"] = data_type
    return item


# (filter, the contacts it matches)
CASES = [
    # --- custom number:integer as long
    (f("seats", "equals", "100", "long"), {"b"}),
    (f("seats", "equals", 100, "long"), {"b"}),
    (f("seats", "not_equals", "100", "long"), {"a", "c", "d"}),
    (f("seats", "gt", "100", "long"), {"c"}),
    (f("seats", "gte", "100", "long"), {"b", "c"}),
    (f("seats", "lt", "100", "long"), {"a"}),
    (f("seats", "lte", "100", "long"), {"a", "b"}),
    (f("seats", "range", ["10", "100"], "long"), {"a", "b"}),
    (f("seats", "range", ["11", "99"], "long"), set()),
    (f("seats", "range", ["100", "100"], "long"), {"b"}),
    (f("seats", "exists", data_type="long"), {"a", "b", "c"}),
    (f("seats", "not_exists", data_type="long"), {"d"}),
    (f("seats", "gte", "100.0", "double"), {"b", "c"}),
    # a number field compared as text compares the digits
    (f("seats", "starts_with", "10"), {"a", "b", "c"}),
    (f("seats", "gt", "5"), set()),
    # --- custom number:decimal and number:percentage as double
    (f("value", "equals", "100", "double"), {"b"}),
    (f("value", "gt", "10.5", "double"), {"b"}),
    (f("value", "gte", "10.5", "double"), {"a", "b"}),
    (f("value", "lt", 0.3, "double"), {"c"}),
    (f("value", "range", ["0.25", "10.5"], "double"), {"a", "c"}),
    (f("value", "gte", "10", "long"), {"a", "b"}),
    (f("discount", "gte", "12.5", "double"), {"a", "b"}),
    (f("discount", "lt", "50", "double"), {"a"}),
    (f("discount", "not_exists", data_type="double"), {"c", "d"}),
    # --- custom checkbox as boolean
    (f("verified", "equals", "true", "boolean"), {"a"}),
    (f("verified", "equals", False, "boolean"), {"b"}),
    (f("verified", "not_equals", "true", "boolean"), {"b", "c", "d"}),
    (f("verified", "exists", data_type="boolean"), {"a", "b"}),
    (f("verified", "not_exists", data_type="boolean"), {"c", "d"}),
    (f("verified", "equals", "true"), {"a"}),  # as text: "true"/"false"
    # --- custom date as date (across months, inclusive ranges)
    (f("birthday", "equals", "1985-02-01", "date"), {"b"}),
    (f("birthday", "not_equals", "1985-02-01", "date"), {"a", "c", "d"}),
    (f("birthday", "gt", "1985-01-31", "date"), {"b", "c"}),
    (f("birthday", "gte", "1985-01-31", "date"), {"a", "b", "c"}),
    (f("birthday", "lt", "1985-02-01", "date"), {"a"}),
    (f("birthday", "lte", "1985-01-31T12:00:00Z", "date"), {"a"}),
    (f("birthday", "range", ["1985-01-31", "1985-02-01"], "date"), {"a", "b"}),
    (f("birthday", "range", ["1985-02-01", "1990-12-31"], "date"), {"b", "c"}),
    (f("birthday", "exists", data_type="date"), {"a", "b", "c"}),
    (f("birthday", "exists"), {"a", "b", "c"}),  # the reference's example, without data_type
    (f("birthday", "starts_with", "1985-0"), {"a", "b"}),
    # --- custom date:date_time as date
    (f("seen_at", "gt", "2025-01-31", "date"), {"a", "b", "c"}),
    (f("seen_at", "gte", "2025-02-01", "date"), {"b", "c"}),
    (f("seen_at", "gt", "2025-02-01", "date"), {"c"}),
    (f("seen_at", "lt", "2025-02-01T00:00:00Z", "date"), {"a"}),
    (f("seen_at", "equals", "2025-02-01T01:00:00+01:00", "date"), {"b"}),
    (f("seen_at", "range", ["2025-01-31T23:59:59Z", "2025-02-01T00:00:00Z"], "date"), {"a", "b"}),
    (f("seen_at", "lte", "2025-01-31T23:59:59", "date"), {"a"}),
    # --- custom text (case-insensitive, also for non-ASCII letters)
    (f("company", "equals", "acme"), {"a"}),
    (f("company", "equals", "ÉCLA", "text"), {"b"}),
    (f("company", "not_equals", "ACME"), {"b", "c", "d"}),
    (f("company", "contains", "CL"), {"b"}),
    (f("company", "contains", "é"), {"b"}),
    (f("company", "not_contains", "a"), {"c", "d"}),
    (f("company", "starts_with", "GLO"), {"c"}),
    (f("company", "ends_with", "ME"), {"a"}),
    (f("company", "gt", "b"), {"b", "c"}),
    (f("company", "gte", "globex"), {"b", "c"}),
    (f("company", "lt", "b"), {"a"}),
    (f("company", "lte", "acme"), {"a"}),
    (f("company", "range", ["a", "f"]), {"a"}),
    (f("company", "exists"), {"a", "b", "c"}),
    (f("company", "not_exists"), {"d"}),
    (f("company", "gte", "5", "long"), set()),  # text values are not numbers
    # --- select, multiselect (any label), time, relative date, user
    (f("plan", "equals", "pro"), {"a"}),
    (f("plan", "contains", "PR"), {"a", "c"}),
    (f("plan", "not_equals", "Free"), {"a", "c", "d"}),
    (f("tags", "equals", "beta"), {"a"}),
    (f("tags", "contains", "a"), {"a", "b"}),
    (f("tags", "not_contains", "ALPHA"), {"b", "c", "d"}),
    (f("tags", "not_equals", "gamma"), {"a", "c", "d"}),
    (f("tags", "starts_with", "gam"), {"b"}),
    (f("tags", "ends_with", "TA"), {"a"}),
    (f("tags", "lt", "b"), {"a"}),
    (f("tags", "exists"), {"a", "b"}),
    (f("tags", "not_exists"), {"c", "d"}),
    (f("call_at", "gt", "09:00"), {"b"}),
    (f("call_at", "range", ["08:30", "17:00"]), {"a", "b"}),
    (f("follow_up", "equals", "+3D"), {"a"}),
    (f("manager", "equals", "MARIA@cuedesk.example"), {"a"}),
    # --- predefined text fields (data_type is ignored for them)
    (f("last_name", "equals", "émile"), {"a"}),
    (f("last_name", "equals", "ÉMILE", "long"), {"a"}),
    (f("last_name", "contains", "EMI"), {"b"}),
    (f("last_name", "contains", "ÉMI"), {"a"}),
    (f("last_name", "starts_with", "z"), {"c"}),
    (f("last_name", "ends_with", "Ë"), {"c"}),
    (f("last_name", "not_equals", "EMILY"), {"a", "c", "d"}),
    (f("last_name", "not_contains", "mil"), {"c", "d"}),
    (f("last_name", "gt", "f"), {"a", "c"}),
    (f("last_name", "range", ["a", "f"]), {"b"}),
    (f("last_name", "exists"), {"a", "b", "c"}),
    (f("last_name", "not_exists"), {"d"}),
    (f("email", "contains", "@EXAMPLE.com"), {"a", "b"}),
    (f("email", "ends_with", ".net"), {"c"}),
    (f("phone_number", "starts_with", "+33"), {"a"}),
    (f("whatsapp_id", "equals", "WA-4477"), {"b"}),
    (f("fb_messenger_id", "exists"), {"c"}),
    (f("external_contact_id", "equals", "CRM-42"), {"d"}),
    (f("client_reference", "contains", "ref"), {"d"}),
    # --- predefined date-times (a date alone means 00:00 UTC)
    (f("created_at", "equals", "2025-02-01"), {"b"}),
    (f("created_at", "not_equals", "2025-02-01"), {"a", "c", "d"}),
    (f("created_at", "gt", "2025-02-01"), {"c", "d"}),
    (f("created_at", "gte", "2025-02-01"), {"b", "c", "d"}),
    (f("created_at", "lt", "2025-02-01T00:00:00Z"), {"a"}),
    (f("created_at", "lte", "2025-01-31T10:00:00+00:00"), {"a"}),
    (f("created_at", "range", ["2025-01-31", "2025-02-01"], "text"), {"a", "b"}),
    (f("updated_at", "gte", "2025-03-01T00:00:00Z"), {"c", "d"}),
    (f("last_engaged_at", "exists"), {"a"}),
    (f("last_engaged_at", "not_exists"), {"b", "c", "d"}),
    (f("last_engaged_at", "gt", "2025-06-01T11:59:59Z"), {"a"}),
    (f("created_at", "exists"), EVERYONE),
    # --- archived: filtering on it is the only way to see archived contacts
    (f("archived", "equals", "true"), {"z"}),
    (f("archived", "equals", False), EVERYONE),
    (f("archived", "not_equals", "false"), {"z"}),
    (f("archived", "exists"), {*EVERYONE, "z"}),
]


@pytest.mark.parametrize(
    ("item", "expected"),
    CASES,
    ids=[f"{c[0]['field']}-{c[0]['operator']}-{c[0].get('value')}" for c in CASES],
)
async def test_filter(http, item, expected):
    assert set(await names(http, {"advanced_search": [item]})) == expected


async def test_filters_are_anded_and_a_field_may_appear_twice(http):
    body = {
        "advanced_search": [
            f("seats", "gte", "10", "long"),
            f("seats", "lte", "100", "long"),
            f("email", "contains", "example.com"),
            f("tags", "exists"),
        ]
    }
    assert set(await names(http, body)) == {"a", "b"}
    body["advanced_search"].append(f("plan", "equals", "free"))
    assert await names(http, body) == ["b"]


async def test_the_reference_example_with_sort(http):
    body = {
        "advanced_search": [
            f("email", "contains", "@example.com"),
            f("seats", "gte", "100", "long"),
        ],
        "sort_by": {"field": "created_at", "sort_order": "desc"},
    }
    assert await names(http, body) == ["b"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("EXAMPLE", {"a", "b"}),
        ("émi", {"a"}),
        ("ZOË", {"c"}),
        ("  emily  ", {"b"}),
        ("+33 1", {"a"}),
        ("wa-44", {"b"}),
        ("FB_7", {"c"}),
        ("crm-4", {"d"}),
        ("acme", set()),  # custom values are not part of the free text
        ("ref-9", set()),  # nor is client_reference
        ("old@", set()),  # archived contacts stay out
        ("", EVERYONE),
    ],
)
async def test_search_term(http, term, expected):
    assert set(await names(http, {"search_term": term})) == expected


async def test_search_term_and_filters_combine(http):
    body = {"search_term": "example", "advanced_search": [f("verified", "equals", "false", "boolean")]}
    assert await names(http, body) == ["b"]


@pytest.mark.parametrize(
    ("sort_by", "expected"),
    [
        ({"field": "seats", "data_type": "long"}, ["a", "b", "c", "d"]),
        ({"field": "seats", "sort_order": "desc", "data_type": "long"}, ["c", "b", "a", "d"]),
        ({"field": "value", "sort_order": "desc", "data_type": "double"}, ["b", "a", "c", "d"]),
        ({"field": "birthday", "data_type": "date"}, ["a", "b", "c", "d"]),
        ({"field": "birthday", "sort_order": "desc", "data_type": "date"}, ["c", "b", "a", "d"]),
        ({"field": "seen_at", "sort_order": "desc", "data_type": "date"}, ["c", "b", "a", "d"]),
        ({"field": "company"}, ["a", "c", "b", "d"]),
        ({"field": "company", "sort_order": "desc"}, ["b", "c", "a", "d"]),
        ({"field": "discount", "data_type": "double"}, ["a", "b"]),
        ({"field": "last_name"}, ["b", "c", "a", "d"]),
        ({"field": "last_name", "sort_order": "desc"}, ["a", "c", "b", "d"]),
        ({"field": "last_engaged_at"}, ["a"]),
        ({"field": "created_at"}, ["a", "b", "c", "d"]),
        ({"field": "external_contact_id", "sort_order": "desc"}, ["d"]),
    ],
)
async def test_sort_by_predefined_and_custom_fields_with_missing_values_last(http, sort_by, expected):
    assert (await names(http, {"sort_by": sort_by}))[: len(expected)] == expected


async def test_boolean_sort_puts_missing_values_last_in_both_directions(http):
    asc = await names(http, {"sort_by": {"field": "verified", "data_type": "boolean"}})
    desc = await names(http, {"sort_by": {"field": "verified", "sort_order": "desc", "data_type": "boolean"}})
    assert asc[:2] == ["b", "a"] and desc[:2] == ["a", "b"]
    assert set(asc[2:]) == set(desc[2:]) == {"c", "d"}


async def test_the_default_order_is_newest_first_and_limit_defaults_to_10(http):
    response = await http.post("/contacts/search", json={})
    body = response.json()
    assert body["pagination"] == {"limit": 10, "offset": 0, "total": 4}
    assert [c["first_name"] for c in body["contacts"]] == ["d", "c", "b", "a"]


async def test_pages_of_a_filtered_search(http):
    body = {"advanced_search": [f("email", "exists")], "sort_by": {"field": "plan"}}
    first = (await http.post("/contacts/search", json=body, params={"limit": 2})).json()
    second = (await http.post("/contacts/search", json=body, params={"limit": 2, "offset": 2})).json()
    beyond = (await http.post("/contacts/search", json=body, params={"limit": 2, "offset": 10})).json()
    assert first["pagination"] == {"limit": 2, "offset": 0, "total": 3}
    assert [c["first_name"] for c in first["contacts"] + second["contacts"]] == ["c", "b", "a"]
    assert beyond == {"contacts": [], "pagination": {"limit": 2, "offset": 10, "total": 3}}


@pytest.mark.parametrize(
    ("body", "field", "kind"),
    [
        (
            {"advanced_search": [{"field": "seats", "operator": "between", "value": "1"}]},
            "advanced_search.0.operator",
            "enum",
        ),
        (
            {"advanced_search": [{"field": "seats", "operator": "gt"}]},
            "advanced_search.0.value",
            "filter_missing",
        ),
        (
            {"advanced_search": [f("seats", "range", ["1"], "long")]},
            "advanced_search.0.value",
            "filter_range",
        ),
        ({"advanced_search": [f("seats", "range", "1", "long")]}, "advanced_search.0.value", "filter_range"),
        (
            {"advanced_search": [f("seats", "range", ["9", "1"], "long")]},
            "advanced_search.0.value",
            "filter_range_order",
        ),
        (
            {"advanced_search": [f("seats", "equals", ["1", "2"], "long")]},
            "advanced_search.0.value",
            "filter_value_shape",
        ),
        (
            {"advanced_search": [f("seats", "gte", "many", "long")]},
            "advanced_search.0.value",
            "filter_value_type",
        ),
        (
            {"advanced_search": [f("seats", "gte", "1" + "0" * 20, "long")]},
            "advanced_search.0.value",
            "filter_value_type",
        ),
        (
            {"advanced_search": [f("value", "gte", "nan", "double")]},
            "advanced_search.0.value",
            "filter_value_type",
        ),
        (
            {"advanced_search": [f("birthday", "gte", "31/01/1985", "date")]},
            "advanced_search.0.value",
            "filter_value_type",
        ),
        (
            {"advanced_search": [f("verified", "equals", "maybe", "boolean")]},
            "advanced_search.0.value",
            "filter_value_type",
        ),
        (
            {"advanced_search": [f("created_at", "gt", "yesterday")]},
            "advanced_search.0.value",
            "filter_value_type",
        ),
        (
            {"advanced_search": [f("seats", "contains", "1", "long")]},
            "advanced_search.0.operator",
            "filter_operator",
        ),
        ({"advanced_search": [f("archived", "gt", "true")]}, "advanced_search.0.operator", "filter_operator"),
        ({"advanced_search": [f("seats", "gt", "1", "number")]}, "advanced_search.0.data_type", "enum"),
        ({"advanced_search": [f("nickname", "exists")]}, "advanced_search.0.field", "unknown_field"),
        ({"sort_by": {"field": "nickname"}}, "sort_by.field", "unknown_field"),
        ({"sort_by": {"field": "seats", "sort_order": "up"}}, "sort_by.sort_order", "enum"),
        ({"advanced_search": [{"operator": "exists"}]}, "advanced_search.0.field", "missing"),
        ({"search_term": 5}, "search_term", "string_type"),
        ({"advanced_search": {"field": "seats"}}, "advanced_search", "list_type"),
    ],
)
async def test_a_filter_the_server_cannot_apply_is_a_422_naming_it(http, body, field, kind):
    response = await http.post("/contacts/search", json=body)
    assert response.status_code == 422, response.text
    errors = response.json()["error"]["details"]["errors"]
    assert (field, kind) in [(e["field"], e["type"]) for e in errors]
    assert all(e["msg"] and e["in"] == "body" for e in errors)


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}])
async def test_search_pagination_bounds(http, params):
    response = await http.post("/contacts/search", json={}, params=params)
    assert response.status_code == 422
    assert response.json()["error"]["details"]["errors"][0]["in"] == "query"


async def test_a_second_workspace_finds_nothing(dataset, other_workspace_http):
    assert (await other_workspace_http.post("/contacts/search", json={})).json()["pagination"]["total"] == 0
    unknown = await other_workspace_http.post(
        "/contacts/search", json={"advanced_search": [f("seats", "exists")]}
    )
    assert unknown.status_code == 422  # its workspace has no such custom field


@pytest.fixture
async def other_workspace_http(module_server):
    app, database, _token = module_server
    from app.server.auth import create_token

    with database.write() as session, session.begin():
        token = create_token(session, "Another workspace")
    async with asgi_http(app, token) as client:
        yield client


async def test_pages_of_a_search_never_overlap_when_sort_keys_tie(server_app, token):
    async with asgi_http(server_app, token) as fresh:
        await fresh.post(
            "/custom-fields", json={"name": "Tier", "field_type": "number:integer", "field_key": "tier"}
        )
        for n in range(9):
            tier = {"tier": n % 2} if n < 7 else {}
            await fresh.post("/contacts", json={"email": f"t{n}@example.com", "custom_fields": tier})
        body = {
            "search_term": "@example",
            "sort_by": {"field": "tier", "sort_order": "desc", "data_type": "long"},
        }
        seen = []
        for offset in range(0, 9, 2):
            page = await fresh.post("/contacts/search", json=body, params={"limit": 2, "offset": offset})
            seen += page.json()["contacts"]
    assert len({c["uuid"] for c in seen}) == 9
    tiers = [c["custom_fields"].get("tier") for c in seen]
    assert tiers == [1, 1, 1, 0, 0, 0, 0, None, None]
    tied = [c["uuid"] for c in seen if c["custom_fields"].get("tier") == 0]
    assert tied == sorted(tied, reverse=True)  # ties broken by uuid, in the sort's direction
