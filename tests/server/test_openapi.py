"""The OpenAPI document describes the API as it behaves: the bearer token, the error envelope of every
status an operation can answer, snake_case request members with their camelCase spelling, and 405
(with ``Allow``) for every method a path does not have."""

from __future__ import annotations

import re

import pydantic
import pytest

from app.schema import ContactListCreate, has_identifier
from app.server.openapi import KEPT_BY_MODELS, KEPT_BY_PYTHON, NO_NUL, non_blank_pattern, request_models

pytestmark = pytest.mark.anyio

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")


def operations(document: dict):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method.upper(), operation


def resolve(document: dict, item: dict) -> dict:
    while "$ref" in item:
        *_, kind, name = item["$ref"].split("/")
        item = document["components"][kind][name]
    return item


def test_every_operation_declares_the_token_and_its_errors_in_the_envelope(server_app):
    document = server_app.openapi()
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A workspace's API token.",
    }
    for path, method, operation in operations(document):
        assert operation["security"] == [{"bearerAuth": []}], (method, path)
        errors = {code for code in operation["responses"] if int(code) >= 400}
        expected = {"401", "500"}
        if "{" in path:
            expected.add("404")
        if operation.get("requestBody") or any(p["in"] == "query" for p in operation.get("parameters", [])):
            expected.add("422")
        if operation.get("requestBody"):
            expected |= {"413", "415"}
        assert expected <= errors, (method, path, errors)
        for code in errors:
            schema = resolve(document, operation["responses"][code])["content"]["application/json"]["schema"]
            envelope = resolve(document, schema["allOf"][0])
            assert envelope["required"] == ["error"], (method, path, code)
            message = schema["allOf"][1]["properties"]["error"]["properties"]["message"]["const"]
            assert message.startswith(f"{code} "), (method, path, code)
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_route_specific_errors_are_documented_with_their_reason(server_app):
    paths = server_app.openapi()["paths"]
    assert "contact_list_uuid" in paths["/v1/contacts"]["get"]["responses"]["404"]["description"]
    assert "contact_list_uuid" in paths["/v1/contacts/bulk"]["post"]["responses"]["404"]["description"]
    assert "field_key" in paths["/v1/custom-fields"]["post"]["responses"]["400"]["description"]
    assert "400" in paths["/v1/custom-fields/{custom_field_uuid}"]["patch"]["responses"]


def test_the_422_envelope_lists_its_items(server_app):
    schemas = server_app.openapi()["components"]["schemas"]
    details = schemas["ValidationError"]["properties"]["error"]["properties"]["details"]
    assert details["required"] == ["errors"]
    item = schemas["ErrorItem"]
    assert item["required"] == ["type", "in", "field", "msg"]
    assert item["properties"]["in"]["enum"] == ["body", "query", "path"]


def test_request_members_are_snake_case_with_their_camel_case_spelling(server_app):
    schemas = server_app.openapi()["components"]["schemas"]
    documented = 0
    for name, model in request_models().items():
        if name not in schemas:
            continue
        documented += 1
        properties = schemas[name]["properties"]
        assert set(properties) == set(model.model_fields), name
        for member, schema in properties.items():
            camel = member.split("_")[0] + "".join(part.title() for part in member.split("_")[1:])
            assert schema.get("x-camelCase", member) == camel, (name, member)
    assert documented >= 15
    assert schemas["Contact"]["properties"].keys() >= {"first_name", "custom_fields"}  # responses: snake


async def test_both_spellings_are_accepted(http):
    snake = await http.post("/contacts", json={"email": "a@example.com", "first_name": "Ann"})
    camel = await http.post("/contacts", json={"email": "b@example.com", "firstName": "Bob"})
    assert (snake.status_code, camel.status_code) == (201, 201)
    assert (snake.json()["first_name"], camel.json()["first_name"]) == ("Ann", "Bob")


@pytest.mark.parametrize(
    ("pattern", "keeps"),
    [
        (non_blank_pattern(KEPT_BY_PYTHON), lambda c: has_identifier({"email": c}) and c != "\x00"),
        (non_blank_pattern(KEPT_BY_MODELS), lambda c: _list_name_is_valid(c)),
    ],
)
def test_the_non_blank_patterns_match_the_servers_stripping(pattern, keeps):
    """A one-character string matches the documented pattern exactly when the server keeps it."""
    candidates = [chr(c) for c in range(0x3100) if not 0xD800 <= c <= 0xDFFF] + ["\ufeff", "\U0001f600"]
    regex = re.compile(pattern)
    mismatches = [hex(ord(c)) for c in candidates if bool(regex.search(c)) != keeps(c)]
    assert mismatches == []


@pytest.mark.parametrize(
    ("url", "body", "schema", "member"),
    [
        ("/contacts", {"email": "a\x00@example.com"}, "ContactCreate", "email"),
        ("/contact-lists", {"name": "A\x00"}, "ContactListCreate", "name"),
        ("/contacts/search", {"search_term": "\x00"}, "SearchRequest", "search_term"),
    ],
)
async def test_text_with_a_nul_character_is_refused_as_the_document_says(
    server_app, http, url, body, schema, member
):
    variants = server_app.openapi()["components"]["schemas"][schema]["properties"][member]
    patterns = [v["pattern"] for v in variants.get("anyOf", [variants]) if v.get("type") == "string"]
    assert patterns and not any(re.search(p, body[member]) for p in patterns)
    response = await http.post(url, json=body)
    assert response.status_code == 422
    assert response.json()["error"]["details"]["errors"][0]["type"] == "nul_character"
    assert re.search(NO_NUL, "any text\nat all") and not re.search(NO_NUL, "a\x00")


def _list_name_is_valid(name: str) -> bool:
    try:
        ContactListCreate(name=name)
    except pydantic.ValidationError:
        return False
    return True


async def test_every_method_a_path_lacks_is_405_with_allow_in_the_envelope(server_app, http):
    document = server_app.openapi()
    checked = 0
    for path, methods in document["paths"].items():
        url = re.sub(r"\{[^}]+\}", "00000000-0000-4000-8000-000000000000", path).removeprefix("/v1")
        declared = {m.upper() for m in methods}
        for method in set(METHODS) - declared:
            response = await http.request(method, url)
            assert response.status_code == 405, (method, path, response.text)
            assert set(response.headers["allow"].split(", ")) == declared, (method, path)
            assert response.json() == {
                "error": {
                    "message": "405 METHOD NOT ALLOWED",
                    "details": "This method is not allowed on this resource.",
                }
            }
            checked += 1
    assert checked == len(document["paths"]) * len(METHODS) - sum(map(len, document["paths"].values()))


@pytest.mark.parametrize(("method", "path"), [("GET", "/contacts/search"), ("PATCH", "/contacts/bulk")])
async def test_the_search_and_bulk_paths_are_not_contact_ids(http, method, path):
    response = await http.request(method, path, json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_a_401_names_the_scheme(server_app):
    from tests.helpers import asgi_http

    async with asgi_http(server_app, None) as anonymous:
        response = await anonymous.get("/contacts")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
