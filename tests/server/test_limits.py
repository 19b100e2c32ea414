"""Limits on what a request may carry: each beyond-limit request is a 4xx in the envelope, and nothing
is stored (every data table is compared before and after)."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from sqlalchemy import select

from app.server import models as m
from app.server.limits import MAX_BODY_BYTES, MAX_CONTAINER_ITEMS, MAX_JSON_DEPTH, MAX_STRING_LENGTH
from tests.helpers import asgi_http
from tests.server.test_bulk_import import wait_for

pytestmark = pytest.mark.anyio

JSON = {"Content-Type": "application/json"}
DATA_TABLES = (
    m.Contact,
    m.CustomFieldDefinition,
    m.SelectOption,
    m.ContactList,
    m.ContactListMember,
    m.Note,
    m.ContactImport,
)


def stored(database) -> dict[str, list[tuple]]:
    """Every row of every data table."""
    with database.read() as session:
        return {
            model.__table__.name: [tuple(row) for row in session.execute(select(*model.__table__.c))]
            for model in DATA_TABLES
        }


@pytest.fixture(scope="module")
def shared(module_server) -> tuple[object, object, str, dict[str, str]]:
    """One app and database for the refusals of this module (a refusal changes nothing, which each
    test checks): (app, database, token, uuids of a text and a multiselect field's contact, note, list)."""
    app, database, token = module_server

    async def build() -> dict[str, str]:
        async with asgi_http(app, token) as http:
            await http.post("/custom-fields", json={"name": "Company", "field_type": "text"})
            tags = {"name": "Tags", "field_type": "multiselect", "select_options": ["A", "B"]}
            await http.post("/custom-fields", json=tags)
            contact = (await http.post("/contacts", json={"email": "a@example.com"})).json()
            note = (
                await http.post(f"/contacts/{contact['uuid']}/notes", json={"content": {"text": "n"}})
            ).json()
            target = (await http.post("/contact-lists", json={"name": "L"})).json()
        return {"contact": contact["uuid"], "note": note["uuid"], "list": target["uuid"]}

    return app, database, token, asyncio.run(build())


@pytest.fixture
def world(shared) -> dict[str, str]:
    return shared[3]


@pytest.fixture
def database(shared):
    return shared[1]


@pytest.fixture
async def http(shared):
    async with asgi_http(shared[0], shared[2]) as client:
        yield client


def errors(response) -> list[tuple[str, str]]:
    return [(e["field"], e["type"]) for e in response.json()["error"]["details"]["errors"]]


def nested(depth: int, leaf: object = "x") -> object:
    """``leaf`` inside ``depth`` nested arrays."""
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


async def refused(http, database, method: str, url: str, status: int, **kwargs):
    """Send a request that must be refused with ``status``; check the envelope and that nothing changed."""
    before = stored(database)
    response = await http.request(method, url, **kwargs)
    assert response.status_code == status, response.text[:500]
    assert response.json()["error"]["message"].startswith(f"{status} ")
    assert stored(database) == before
    return response


# --- body size ------------------------------------------------------------------------------------


def full_contact(n: int) -> dict:
    """A contact with every member at its maximum length in 4-byte characters, and ten custom values."""
    wide = "😀"

    def text(length: int) -> str:
        return f"{n}-" + wide * (length - len(f"{n}-"))

    contact = {name: text(250) for name in ("first_name", "last_name")}
    contact |= {
        name: text(320)
        for name in ("external_contact_id", "email", "phone_number", "whatsapp_id", "fb_messenger_id")
    }
    contact["client_reference"] = text(320)
    contact["custom_fields"] = {f"field_{i}": "v" * 100 for i in range(10)}
    return contact


async def test_a_bulk_of_1000_contacts_at_every_maximum_length_fits_and_is_imported(server_app, token):
    async with asgi_http(server_app, token) as http:
        await _import_1000_full_contacts(http)


async def _import_1000_full_contacts(http) -> None:
    for i in range(10):
        await http.post(
            "/custom-fields", json={"name": f"Field {i}", "field_type": "text", "field_key": f"field_{i}"}
        )
    body = {"contacts": [full_contact(n) for n in range(1000)]}
    size = len(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
    assert 9_000_000 < size < MAX_BODY_BYTES  # the figure in docs/reliability.md
    response = await http.post("/contacts/bulk", json=body)
    assert response.status_code == 202, response.text
    status = await wait_for(http, response.json()["contact_import_uuid"], timeout=120)
    assert status["summary"] == {"total": 1000, "created": 1000, "failed": 0, "skipped": 0}


def over_the_cap() -> bytes:
    padding = MAX_BODY_BYTES - len(b'{"email":"a@example.com","first_name":""}') + 1
    return b'{"email":"a@example.com","first_name":"' + b"x" * padding + b'"}'


async def test_a_body_over_the_cap_is_413_and_nothing_is_stored(http, database):
    response = await refused(http, database, "POST", "/contacts", 413, content=over_the_cap(), headers=JSON)
    assert response.json()["error"]["details"] == "The request body is larger than the limit of 16 MiB."


async def test_a_streamed_body_is_cut_off_at_the_cap(http, database):
    async def chunks():
        body = over_the_cap()
        for start in range(0, len(body), 1 << 20):
            yield body[start : start + (1 << 20)]

    await refused(http, database, "POST", "/contacts", 413, content=chunks(), headers=JSON)


async def test_a_declared_length_over_the_cap_is_refused_before_the_body_is_read(server_app, token):
    sent: list[dict] = []

    async def receive():
        raise AssertionError("the body was read")

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/contacts",
        "raw_path": b"/v1/contacts",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"authorization", f"Bearer {token}".encode()),
            (b"content-type", b"application/json"),
            (b"content-length", str(MAX_BODY_BYTES + 1).encode()),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    await server_app(scope, receive, send)
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["error"]["message"] == "413 REQUEST ENTITY TOO LARGE"


# --- content type and encoding --------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Content-Type": "text/plain"},
        {"Content-Type": "application/x-www-form-urlencoded"},
        {"Content-Type": "application/xml"},
        {"Content-Type": "application/json; charset=latin-1"},
        {},
    ],
)
async def test_a_body_that_is_not_sent_as_json_is_415(http, database, headers):
    response = await refused(
        http, database, "POST", "/contacts", 415, content=b'{"email": "a@example.com"}', headers=headers
    )
    assert "application/json" in response.json()["error"]["details"]


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "application/merge-patch+json"])
async def test_json_media_types_are_accepted(http, content_type):
    response = await http.post(
        "/contacts", content=b'{"email": "a@example.com"}', headers={"Content-Type": content_type}
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "body", [b'{"email": "\xff\xfe@example.com"}', b'\xef\xbb\xbf{"email": "a@example.com"}']
)
async def test_a_body_that_is_not_utf8_json_is_422_json_invalid(http, database, body):
    response = await refused(http, database, "POST", "/contacts", 422, content=body, headers=JSON)
    assert errors(response) == [("", "json_invalid")]


# --- nesting, numbers, generic caps ---------------------------------------------------------------


async def test_nesting_deeper_than_the_cap_is_422_at_the_member(http, database, world):
    # {"custom_fields": {"company": [[...]]}}: the body and custom_fields are two levels
    body = {"email": "b@example.com", "custom_fields": {"company": nested(MAX_JSON_DEPTH - 1)}}
    response = await refused(http, database, "POST", "/contacts", 422, json=body)
    [(field, kind)] = errors(response)
    assert kind == "json_too_deep"
    assert field == "custom_fields.company" + ".0" * (MAX_JSON_DEPTH - 2)


async def test_nesting_up_to_the_cap_reaches_the_field_type_check(http, database, world):
    body = {"email": "b@example.com", "custom_fields": {"company": nested(MAX_JSON_DEPTH - 2)}}
    response = await refused(http, database, "POST", "/contacts", 422, json=body)
    assert errors(response) == [("custom_fields.company", "custom_field_value")]


async def test_extreme_nesting_is_422_not_a_crash(http, database, world):
    depth = 200_000
    body = (
        b'{"contacts": [{"email": "b@example.com", "custom_fields": {"company": '
        + b"[" * depth
        + b"]" * depth
        + b"}}]}"
    )
    response = await refused(http, database, "POST", "/contacts/bulk", 422, content=body, headers=JSON)
    assert errors(response) == [("", "json_too_deep")]


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e999"])
@pytest.mark.parametrize(
    ("url", "template", "field"),
    [
        ("/contacts", b'{"email": "b@example.com", "first_name": %s}', "first_name"),
        (
            "/contacts/bulk",
            b'{"contacts": [{"email": "b@example.com", "custom_fields": {"n": %s}}]}',
            "contacts.0.custom_fields.n",
        ),
        (
            "/contacts/search",
            b'{"advanced_search": [{"field": "x", "operator": "gt", "value": %s, "data_type": "double"}]}',
            "advanced_search.0.value",
        ),
    ],
)
async def test_non_finite_numbers_are_422_at_the_member(http, database, url, template, field, literal):
    response = await refused(http, database, "POST", url, 422, content=template % literal, headers=JSON)
    assert errors(response) == [(field, "finite_number")]


async def test_a_number_with_thousands_of_digits_is_422(http, database):
    body = b'{"contacts": [{"email": "b@example.com", "custom_fields": {"n": ' + b"9" * 5000 + b"}}]}"
    response = await refused(http, database, "POST", "/contacts/bulk", 422, content=body, headers=JSON)
    assert errors(response) == [("", "json_invalid")]


async def test_containers_and_strings_beyond_the_generic_caps_are_422(http, database, world):
    long_list = {"email": "b@example.com", "custom_fields": {"tags": ["A"] * (MAX_CONTAINER_ITEMS + 1)}}
    response = await refused(http, database, "POST", "/contacts", 422, json=long_list)
    assert errors(response) == [("custom_fields.tags", "too_long")]
    long_text = {"custom_field_uuid": str(uuid.uuid4()), "value": "x" * (MAX_STRING_LENGTH + 1)}
    response = await refused(
        http, database, "POST", f"/contacts/{world['contact']}/custom-fields", 422, json=long_text
    )
    assert errors(response) == [("value", "string_too_long")]


# --- members: arrays and strings ------------------------------------------------------------------

SOME = "00000000-0000-4000-8000-000000000000"


def f(value: object, operator: str = "equals") -> dict:
    return {"advanced_search": [{"field": "company", "operator": operator, "value": value}]}


MEMBER_LIMITS = [
    # arrays
    ("POST", "/contacts/bulk", {"contacts": [{"email": "b@example.com"}] * 1001}, "contacts", "too_long"),
    ("POST", "/contact-lists/{list}/contacts", {"contact_uuids": [SOME] * 101}, "contact_uuids", "too_long"),
    (
        "DELETE",
        "/contact-lists/{list}/contacts",
        {"contact_uuids": [SOME] * 101},
        "contact_uuids",
        "too_long",
    ),
    (
        "POST",
        "/custom-fields",
        {"name": "Many", "field_type": "select", "select_options": [f"o{i}" for i in range(501)]},
        "select_options",
        "too_long",
    ),
    (
        "POST",
        "/contacts/search",
        {"advanced_search": [f("x")["advanced_search"][0]] * 51},
        "advanced_search",
        "too_long",
    ),
    ("POST", "/contacts/search", f(["a", "b", "c"], "range"), "advanced_search.0.value", "filter_range"),
    # strings
    (
        "POST",
        "/contacts",
        {"email": "b@example.com", "first_name": "x" * 251},
        "first_name",
        "string_too_long",
    ),
    ("POST", "/contacts", {"email": "x" * 321}, "email", "string_too_long"),
    ("PATCH", "/contacts/{contact}", {"clientReference": "x" * 321}, "client_reference", "string_too_long"),
    (
        "PATCH",
        "/contacts/{contact}",
        {"custom_fields": {"company": "x" * 10_001}},
        "custom_fields.company",
        "custom_field_value",
    ),
    (
        "PATCH",
        "/contacts/{contact}/custom-fields",
        {"custom_fields": {"k" * 101: 1}},
        "custom_fields." + "k" * 101 + ".[key]",
        "string_too_long",
    ),
    ("POST", "/contact-lists", {"name": "x" * 251}, "name", "string_too_long"),
    ("PATCH", "/contact-lists/{list}", {"emoji": "x" * 33}, "emoji", "string_too_long"),
    (
        "POST",
        "/contacts/{contact}/notes",
        {"title": "x" * 251, "content": {"text": "t"}},
        "title",
        "string_too_long",
    ),
    (
        "PUT",
        "/contacts/{contact}/notes/{note}",
        {"title": None, "content": {"text": "x" * 100_001}},
        "content.text",
        "string_too_long",
    ),
    ("POST", "/custom-fields", {"name": "x" * 251, "field_type": "text"}, "name", "string_too_long"),
    (
        "POST",
        "/custom-fields",
        {"name": "Icon", "field_type": "text", "icon": "x" * 101},
        "icon",
        "string_too_long",
    ),
    (
        "POST",
        "/custom-fields",
        {"name": "Opt", "field_type": "select", "select_options": ["x" * 251]},
        "select_options.0",
        "string_too_long",
    ),
    ("POST", "/contacts/search", {"search_term": "x" * 251}, "search_term", "string_too_long"),
    ("POST", "/contacts/search", f("x" * 10_001), "advanced_search.0.value", "string_too_long"),
    ("POST", "/contacts/search", {"sort_by": {"field": "x" * 251}}, "sort_by.field", "string_too_long"),
]


@pytest.mark.parametrize(("method", "path", "body", "field", "kind"), MEMBER_LIMITS)
async def test_each_member_limit_is_422_on_the_member(http, database, world, method, path, body, field, kind):
    response = await refused(http, database, method, path.format(**world), 422, json=body)
    assert (field, kind) in errors(response)


async def test_a_query_string_beyond_its_limit_is_422(http, database):
    response = await refused(http, database, "GET", "/contact-lists", 422, params={"search": "x" * 251})
    assert errors(response) == [("search", "string_too_long")]


def request_string_members(document: dict) -> list[tuple[str, dict]]:
    """Every string-typed member of every request body schema of the document, with its schema."""
    schemas = document["components"]["schemas"]
    found: list[tuple[str, dict]] = []

    def walk(schema: dict, where: str, seen: frozenset[str]) -> None:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                walk(schemas[name], name, seen | {name})
            return
        if schema.get("type") == "string" or (
            isinstance(schema.get("type"), list) and "string" in schema["type"]
        ):
            found.append((where, schema))
        for key in ("anyOf", "oneOf", "allOf"):
            for variant in schema.get(key, []):
                walk(variant, where, seen)
        for name, member in schema.get("properties", {}).items():
            walk(member, f"{where}.{name}", seen)
        for key in ("items", "additionalProperties", "propertyNames"):
            if isinstance(schema.get(key), dict):
                walk(schema[key], f"{where}.{key}", seen)

    for operations in document["paths"].values():
        for operation in operations.values():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                walk(body["schema"], operation["operationId"], frozenset())
    return found


def test_every_string_member_of_a_request_has_a_length_cap(server_app):
    members = request_string_members(server_app.openapi())
    assert len(members) > 30
    uncapped = [
        where for where, schema in members if not ({"maxLength", "enum", "const", "format"} & set(schema))
    ]
    assert uncapped == []
