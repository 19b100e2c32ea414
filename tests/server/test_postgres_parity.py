"""SQLite and PostgreSQL answer alike: one dataset of accented, German, Greek and ligature text, numbers
and dates on both engines, the same requests, the same contacts in the same order.

Each answer is also checked against what decisions.md promises (Unicode case folding, code point order,
missing values last), so that both engines cannot be wrong the same way.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import pytest

from app.server.app import create_app
from app.server.auth import create_token
from app.server.db import Database
from tests.helpers import asgi_http
from tests.pg_cluster import PostgresCluster

pytestmark = pytest.mark.anyio

DEFINITIONS = [
    {"name": "Company", "field_key": "company", "field_type": "text"},
    {"name": "Note", "field_key": "note", "field_type": "text"},
    {"name": "Seats", "field_key": "seats", "field_type": "number:integer"},
    {"name": "Since", "field_key": "since", "field_type": "date"},
    {"name": "Seen", "field_key": "seen", "field_type": "date:date_time"},
    {
        "name": "Tags",
        "field_key": "tags",
        "field_type": "multiselect",
        "select_options": ["Öl", "alpha", "Beta"],
    },
]
#: first_name identifies a contact; last_name and company hold the same kinds of text.
PEOPLE = [
    ("p01", "Émile", "Straße AG", "2025-01-31", 10, "1985-01-31", "2025-01-31T23:59:59+01:00", ["Öl"]),
    ("p02", "emile", "STRASSE GmbH", "12", 9, "1985-02-01", "2025-01-31T22:00:00Z", ["alpha", "Beta"]),
    ("p03", "EMILY", "Ørsted", "abc", 2**62, "2024-12-31", "2025-02-01T00:00:00.5Z", ["Beta"]),
    ("p04", "Zoë", "zeta", "2025-02-30", -3, "1999-01-01", "1999-01-01T00:00:00Z", ["alpha"]),
    ("p05", "zed", "éclair", "10:30", 100, "2000-02-29", "2000-02-29T12:00:00-05:00", []),
    ("p06", "Straße", "ﬁnn", "2025-01-31T10:00:00+02:00", 0, None, None, ["Öl", "alpha"]),
    ("p07", "STRASSE", "Σίσυφος", "", 7, "2025-01-31", "2025-01-31T10:00:00Z", None),
    ("p08", "Ångström", "ΣΊΣΥΦΟΣ", "2025", None, "2025-01-30", None, ["Beta", "Öl"]),
    ("p09", "ﬁnn", None, "2025-01-31", 55, None, "2025-01-31T09:59:59.999Z", None),
    ("p10", None, "Acme", None, 1, "1970-01-01", None, None),
    ("p11", "", "acme", "x", 10, None, None, None),
]
LISTS = ["Écoles", "ecoles du nord", "Straße", "strasse 2", "Zebra", "ångström", "ﬁnance"]


def _contact(first, last, company, note, seats, since, seen, tags) -> dict:
    values = {"company": company, "note": note, "seats": seats, "since": since, "seen": seen, "tags": tags}
    body = {"first_name": first, "email": f"{first}@example.com", "custom_fields": values}
    if last is not None:
        body["last_name"] = last
    return body


async def _build(app, token: str) -> None:
    async with asgi_http(app, token) as http:
        for definition in DEFINITIONS:
            assert (await http.post("/custom-fields", json=definition)).status_code == 201
        for person in PEOPLE:
            response = await http.post("/contacts", json=_contact(*person))
            assert response.status_code == 201, response.text
        for name in LISTS:
            assert (await http.post("/contact-lists", json={"name": name})).status_code == 201


def _serve(database: Database) -> Iterator[tuple]:
    with database.write() as session, session.begin():
        token = create_token(session)
    app = create_app(database, migrate=False)
    anyio.run(_build, app, token)
    yield app, token
    database.dispose()


@pytest.fixture(scope="module")
def sqlite_server(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    path = tmp_path_factory.mktemp("parity") / "contacts.db"
    shutil.copyfile(template_db, path)
    yield from _serve(Database(path))


@pytest.fixture(scope="module")
def postgres_server(postgres: PostgresCluster) -> Iterator[tuple]:
    with postgres.scratch_database() as url:
        yield from _serve(Database(url))


async def _names(server: tuple, method: str, path: str, **kwargs) -> list[str | None]:
    app, token = server
    async with asgi_http(app, token) as http:
        response = await http.request(method, path, **kwargs)
    assert response.status_code == 200, response.text
    body = response.json()
    if "contacts" in body:
        return [c["first_name"] for c in body["contacts"]]
    return [item["name"] for item in body["contact_lists"]]


async def _alike(
    sqlite_server, postgres_server, method: str, path: str, key: Callable[[str], Any] | None = None, **kwargs
) -> list[str | None]:
    """The names both engines answer, in the same order. With ``key``, the same keys in the same order:
    contacts whose sort keys tie are ordered by uuid, and the uuids differ between the two databases."""
    on_sqlite = await _names(sqlite_server, method, path, **kwargs)
    on_postgres = await _names(postgres_server, method, path, **kwargs)
    if key is None:
        assert on_sqlite == on_postgres
    else:
        assert [key(n) for n in on_sqlite] == [key(n) for n in on_postgres]
    return on_sqlite


def _search(*filters: tuple, term: str | None = None, sort: tuple | None = None) -> dict:
    body: dict = {
        "advanced_search": [
            dict(zip(("field", "operator", "value", "data_type"), f, strict=False)) for f in filters
        ]
    }
    if term is not None:
        body["search_term"] = term
    if sort is not None:
        body["sort_by"] = dict(zip(("field", "sort_order", "data_type"), sort, strict=False))
    return {"json": body, "params": {"limit": 100}}


BY_NAME = ("first_name", "asc")
SEARCHES = [
    # search_term: Unicode case folding over the identifiers and names
    (_search(term="É", sort=BY_NAME), {"p01"}),
    (_search(term="strasse", sort=BY_NAME), {"p06", "p07"}),
    (_search(term="STRAßE", sort=BY_NAME), {"p06", "p07"}),
    (_search(term="FI", sort=BY_NAME), {"p09"}),
    # predefined text (stored case-folded copies)
    (_search(("last_name", "equals", "straße"), sort=BY_NAME), {"p06", "p07"}),
    (_search(("last_name", "starts_with", "é"), sort=BY_NAME), {"p01"}),
    (_search(("last_name", "ends_with", "SSE"), sort=BY_NAME), {"p06", "p07"}),
    (_search(("last_name", "gt", "zed"), sort=BY_NAME), {"p01", "p04", "p08"}),
    (_search(("last_name", "range", ["a", "f"]), sort=BY_NAME), {"p02", "p03"}),
    (_search(("last_name", "not_exists"), sort=BY_NAME), {"p10", "p11"}),
    # custom text (folded in SQL on both sides)
    (_search(("company", "equals", "STRASSE AG"), sort=BY_NAME), {"p01"}),
    (_search(("company", "contains", "strasse"), sort=BY_NAME), {"p01", "p02"}),
    (_search(("company", "contains", "ß"), sort=BY_NAME), {"p01", "p02"}),
    (_search(("company", "equals", "σίσυφος"), sort=BY_NAME), {"p07", "p08"}),
    (_search(("company", "starts_with", "FI"), sort=BY_NAME), {"p06"}),
    (_search(("company", "not_contains", "a"), sort=BY_NAME), {"p03", "p06", "p07", "p08", "p09"}),
    (_search(("company", "lt", "b"), sort=BY_NAME), {"p10", "p11"}),
    (_search(("seats", "contains", "0"), sort=BY_NAME), {"p01", "p03", "p05", "p06", "p11"}),
    # multiselect labels
    (_search(("tags", "equals", "öl"), sort=BY_NAME), {"p01", "p06", "p08"}),
    (
        _search(("tags", "not_equals", "ALPHA"), sort=BY_NAME),
        {"p01", "p03", "p05", "p07", "p08", "p09", "p10", "p11"},
    ),
    # numbers, dates, and text read as another type
    (_search(("seats", "gte", "10", "long"), sort=BY_NAME), {"p01", "p03", "p05", "p09", "p11"}),
    (_search(("seats", "range", ["-5", "9.5"], "double"), sort=BY_NAME), {"p02", "p04", "p06", "p07", "p10"}),
    (_search(("since", "lt", "2000-02-29", "date"), sort=BY_NAME), {"p01", "p02", "p04", "p10"}),
    (
        _search(("seen", "range", ["2025-01-31", "2025-01-31T22:59:59.999Z"], "date"), sort=BY_NAME),
        {"p01", "p02", "p07", "p09"},
    ),
    (_search(("note", "gte", "2025-01-31", "date"), sort=BY_NAME), {"p01", "p06", "p09"}),
    (_search(("note", "exists", None, "date"), sort=BY_NAME), {"p01", "p06", "p09"}),
    (_search(("note", "equals", "12", "long"), sort=BY_NAME), set()),
]


@pytest.mark.parametrize(("request_kwargs", "expected"), SEARCHES, ids=lambda v: None)
async def test_searches_find_the_same_contacts_on_both_engines(
    sqlite_server, postgres_server, request_kwargs, expected
):
    found = await _alike(sqlite_server, postgres_server, "POST", "/contacts/search", **request_kwargs)
    assert set(found) == expected


#: Each contact's values as sent, by member.
VALUES = {
    p[0]: dict(zip(("last_name", "company", "note", "seats", "since", "seen", "tags"), p[1:], strict=True))
    for p in PEOPLE
}


def _folded(name: str, field: str) -> str | None:
    """A contact's text sort key: case-folded, blank as missing."""
    value = VALUES[name][field]
    return value.casefold() if value else None


def _expected_keys(field: str, descending: bool) -> list[str | None]:
    """decisions.md's order: case-folded code points, missing (or blank) values last both ways."""
    keys = [_folded(name, field) for name in VALUES]
    return sorted(filter(None, keys), reverse=descending) + [None] * keys.count(None)


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize("field", ["last_name", "company"])
async def test_text_sorts_alike_by_folded_code_points_with_missing_values_last(
    sqlite_server, postgres_server, field, order
):
    key = lambda name: _folded(name, field)  # noqa: E731
    request = _search(sort=(field, order))
    found = await _alike(sqlite_server, postgres_server, "POST", "/contacts/search", key=key, **request)
    assert [key(name) for name in found] == _expected_keys(field, order == "desc")


def _typed(value: Any, data_type: str) -> Any:
    """A stored value as a sort of ``data_type`` sees it; ``None`` where it has none of that type."""
    if value in (None, "", []):
        return None
    if data_type == "long":
        return value if isinstance(value, int) else None
    if data_type == "date":
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return "\x1f".join(value).casefold() if isinstance(value, list) else str(value).casefold()


@pytest.mark.parametrize(
    ("field", "order", "data_type"),
    [
        ("seats", "desc", "long"),
        ("seats", "asc", "text"),
        ("since", "asc", "date"),
        ("seen", "desc", "date"),
        ("note", "asc", "date"),
        ("note", "desc", "text"),
        ("tags", "desc", "text"),
    ],
)
async def test_typed_sorts_order_alike_with_missing_values_last(
    sqlite_server, postgres_server, field, order, data_type
):
    key = lambda name: _typed(VALUES[name][field], data_type)  # noqa: E731
    request = _search(sort=(field, order, data_type))
    found = await _alike(sqlite_server, postgres_server, "POST", "/contacts/search", key=key, **request)
    keys = [key(name) for name in VALUES]
    present = sorted((k for k in keys if k is not None), reverse=order == "desc")
    assert [key(name) for name in found] == present + [None] * keys.count(None)


async def test_multiselect_values_sort_label_by_label(sqlite_server, postgres_server):
    key = lambda name: _typed(VALUES[name]["tags"], "text")  # noqa: E731
    request = _search(sort=("tags", "asc", "text"))
    found = await _alike(sqlite_server, postgres_server, "POST", "/contacts/search", key=key, **request)
    # alpha < alpha+beta < beta < beta+öl < öl < öl+alpha, then the contacts without labels
    assert found[:6] == ["p04", "p02", "p03", "p08", "p01", "p06"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"search": "STRASSE"}, ["Straße", "strasse 2"]),
        ({"search": "école"}, ["Écoles"]),
        ({"search": "FI"}, ["ﬁnance"]),
        (
            {"sort_field": "name"},
            ["ecoles du nord", "ﬁnance", "Straße", "strasse 2", "Zebra", "ångström", "Écoles"],
        ),
        (
            {"sort_field": "name", "sort_order": "desc"},
            ["Écoles", "ångström", "Zebra", "strasse 2", "Straße", "ﬁnance", "ecoles du nord"],
        ),
    ],
)
async def test_list_names_search_and_sort_alike(sqlite_server, postgres_server, params, expected):
    found = await _alike(sqlite_server, postgres_server, "GET", "/contact-lists", params=params)
    assert found == expected


@pytest.mark.parametrize("order", ["asc", "desc"])
async def test_list_contacts_orders_alike(sqlite_server, postgres_server, order):
    key = lambda name: _folded(name, "last_name")  # noqa: E731
    params = {"order_field": "last_name", "order": order, "limit": 100}
    found = await _alike(sqlite_server, postgres_server, "GET", "/contacts", key=key, params=params)
    named = [key(name) for name in found if key(name)]
    assert named == sorted(named, reverse=order == "desc")
    assert found[-1] == "p10"  # no last name: last in both directions


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "field"),
    [
        ("POST", "/contacts", {"json": {"email": "a\x00@example.com"}}, "email"),
        (
            "POST",
            "/contacts",
            {"json": {"email": "a@example.com", "custom_fields": {"company": "\x00"}}},
            "custom_fields",
        ),
        ("POST", "/contacts/search", {"json": {"search_term": "a\x00"}}, "search_term"),
        (
            "POST",
            "/contacts/search",
            {"json": {"advanced_search": [{"field": "company", "operator": "equals", "value": "\x00"}]}},
            "advanced_search.0.value",
        ),
        ("POST", "/contact-lists", {"json": {"name": "Lis\x00t"}}, "name"),
        ("GET", "/contact-lists", {"params": {"search": "a\x00"}}, "search"),
        ("POST", "/custom-fields", {"json": {"name": "Na\x00me", "field_type": "text"}}, "name"),
    ],
)
async def test_text_with_a_nul_character_is_a_422_on_both_engines(
    sqlite_server, postgres_server, method, path, kwargs, field
):
    """PostgreSQL cannot store U+0000 in text; both engines refuse it the same way instead of a 500."""
    for app, token in (sqlite_server, postgres_server):
        async with asgi_http(app, token) as http:
            response = await http.request(method, path, **kwargs)
        assert response.status_code == 422, response.text
        errors = response.json()["error"]["details"]["errors"]
        assert [(e["type"], e["field"]) for e in errors] == [("nul_character", field)]


async def test_a_bulk_import_row_with_a_nul_character_fails_alone_on_both_engines(
    sqlite_server, postgres_server
):
    # The good row updates p01 with the values it has, so that the module's dataset stays as it is.
    rows = [{"email": "nul\x00@example.com"}, {"email": "p01@example.com", "first_name": "p01"}]
    body = {"contacts": rows, "match_on_field": "email"}
    for app, token in (sqlite_server, postgres_server):
        async with asgi_http(app, token) as http:
            accepted = await http.post("/contacts/bulk", json=body)
            assert accepted.status_code == 202, accepted.text
            path = f"/contacts/bulk/{accepted.json()['contact_import_uuid']}"
            with anyio.fail_after(30):
                while (status := (await http.get(path)).json())["status"] != "completed":
                    await anyio.sleep(0.05)
        assert status["summary"] == {"total": 2, "created": 1, "failed": 1, "skipped": 0}
        assert status["failures"][0]["index"] == 0
        assert [e["type"] for e in status["failures"][0]["errors"]] == ["nul_character"]
