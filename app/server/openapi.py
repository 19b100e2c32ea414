"""The OpenAPI document as the API really behaves: its errors, its limits and its field casing.

FastAPI's generated document is adjusted once, when first asked for:

- every operation declares the bearer token and the errors it can answer, each with the envelope;
  422 with its ``details.errors`` items;
- request bodies are described in snake_case, the spelling the reference documents; each member's
  camelCase spelling, which the server accepts as well, is given as ``x-camelCase``;
- the rules the request models check across members (an identifier is required, ``update`` needs
  ``match_on_field``, …) are stated as JSON Schema where JSON Schema can state them. What depends on
  stored data (custom field keys and value types, search fields) cannot be, and is a 422 at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from app.schema import (
    IDENTIFIER_FIELDS,
    OPTION_TYPES,
    RESERVED_FIELD_KEYS,
    MergeType,
    Operator,
    RequestModel,
    status_message,
)

from .limits import MAX_BODY_BYTES, MAX_CONTAINER_ITEMS, MAX_JSON_DEPTH, MAX_STRING_LENGTH
from .routing import expand_deferred

SECURITY_SCHEME = "bearerAuth"
SCHEMAS = "#/components/schemas/"

DESCRIPTION = f"""The CueDesk Contacts API, as served by the CueDesk Contacts sandbox.

**Authentication.** Every operation needs `Authorization: Bearer <token>`; without a valid token the answer
is 401, before anything else about the request is looked at.

**Field casing.** Responses use snake_case. Request bodies are documented in snake_case and also accept each
member's camelCase spelling (given as `x-camelCase` on the member) for backward compatibility.

**Errors** share one envelope: `{{"error": {{"message": "<status> <PHRASE>", "details": ...}}}}`. `details` is a
sentence, or for 422 `{{"errors": [{{"type", "in", "field", "msg"}}]}}` with `in` one of body/query/path and
`field` the dotted path of the member concerned. A path or method that does not exist is a 404 or a 405 (with
`Allow`) in the same envelope.

**Limits.** A body may have at most {MAX_BODY_BYTES // (1024 * 1024)} MiB (413 beyond), must be UTF-8 JSON sent as
`application/json` (415 otherwise), nest at most {MAX_JSON_DEPTH} levels, hold no array or object of more than
{MAX_CONTAINER_ITEMS:,} members, no string of more than {MAX_STRING_LENGTH:,} characters and no NaN or Infinity
(422). Each member has its own limits, given in the schemas."""

_ERRORS: dict[int, tuple[str, str]] = {
    400: ("BadRequest", "The request conflicts with stored data."),
    401: ("Unauthorized", "The bearer token is missing, malformed, unknown or revoked."),
    404: ("NotFound", "A resource named by the request does not exist in the token's workspace."),
    405: (
        "MethodNotAllowed",
        "The path exists but does not support this method; `Allow` lists those it does.",
    ),
    413: ("ContentTooLarge", f"The request body is larger than {MAX_BODY_BYTES // (1024 * 1024)} MiB."),
    415: ("UnsupportedMediaType", "The request body is not sent as `application/json` in UTF-8."),
    422: ("ValidationFailed", "The request is malformed: `details.errors` says which members and why."),
    500: ("InternalServerError", "An unexpected failure; the request may be retried."),
}


def install_openapi(api: FastAPI) -> None:
    """Make ``api.openapi()`` return the adjusted document (built once, then cached like FastAPI's) of every
    route, deferred ones included (``routing.DeferredRoutes``)."""
    generate = api.openapi

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            expand_deferred(api.router)
            api.openapi_schema = describe(generate())
        return api.openapi_schema

    api.openapi = openapi  # type: ignore[method-assign]


def describe(document: dict[str, Any]) -> dict[str, Any]:
    """Adjust FastAPI's ``document`` in place (see the module docstring) and return it."""
    document["info"]["description"] = DESCRIPTION
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemas.update(_envelope_schemas())
    components["responses"] = {name: _error_response(status) for status, (name, _) in _ERRORS.items()}
    components["securitySchemes"] = {
        SECURITY_SCHEME: {"type": "http", "scheme": "bearer", "description": "A workspace's API token."}
    }
    for path, operations in document["paths"].items():
        for operation in operations.values():
            _describe_operation(path, operation)
    for name, model in request_models().items():
        if name in schemas:
            _snake_case(schemas[name], model)
    for name, rule in RULES.items():
        if name in schemas:
            rule(schemas[name])
    for name in request_models():
        if name in schemas:
            _no_nul(schemas[name])
    return document


def _envelope_schemas() -> dict[str, Any]:
    def envelope(details: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["message", "details"],
                    "properties": {
                        "message": {"type": "string", "description": "The status and its phrase."},
                        "details": details,
                    },
                }
            },
        }

    return {
        "Error": envelope({"type": "string", "description": "What went wrong, in a sentence."}),
        "ValidationError": envelope(
            {
                "type": "object",
                "required": ["errors"],
                "properties": {
                    "errors": {"type": "array", "minItems": 1, "items": {"$ref": SCHEMAS + "ErrorItem"}}
                },
            }
        ),
        "ErrorItem": {
            "type": "object",
            "required": ["type", "in", "field", "msg"],
            "properties": {
                "type": {
                    "type": "string",
                    "description": "What is wrong, e.g. `missing`, `string_too_long`.",
                },
                "in": {"type": "string", "enum": ["body", "query", "path"]},
                "field": {
                    "type": "string",
                    "description": "Dotted path of the member (`custom_fields.num_seats`); empty for the body as a whole.",
                },
                "msg": {"type": "string", "description": "Why, in words."},
            },
        },
    }


def _error_response(status: int) -> dict[str, Any]:
    schema = {
        "allOf": [
            {"$ref": SCHEMAS + ("ValidationError" if status == 422 else "Error")},
            {"properties": {"error": {"properties": {"message": {"const": status_message(status)}}}}},
        ]
    }
    response: dict[str, Any] = {
        "description": _ERRORS[status][1],
        "content": {"application/json": {"schema": schema}},
    }
    if status == 401:
        response["headers"] = {"WWW-Authenticate": {"schema": {"type": "string", "const": "Bearer"}}}
    if status == 405:
        response["headers"] = {"Allow": {"required": True, "schema": {"type": "string"}}}
    return response


def _describe_operation(path: str, operation: dict[str, Any]) -> None:
    """The operation's security and every error it can answer, each as the envelope."""
    operation["security"] = [{SECURITY_SCHEME: []}]
    parameters = operation.get("parameters", [])
    for parameter in parameters:
        if parameter["in"] == "path" and parameter["name"].endswith("_uuid"):
            parameter["schema"]["format"] = "uuid"
    responses = operation["responses"]
    if responses.get("422", {}).get("description") == "Validation Error":
        del responses["422"]  # FastAPI's own, for any parameter: 422 is decided below
    statuses = {401, 500}
    if any(p["in"] == "path" for p in parameters):
        statuses.add(404)  # an unknown (or malformed) uuid in the path
    if any(p["in"] != "path" for p in parameters) or "requestBody" in operation:
        statuses.add(422)
    if "requestBody" in operation:
        statuses |= {413, 415}
    statuses |= {int(code) for code in responses if code.isdigit() and int(code) >= 400}
    for status in statuses:
        declared = responses.get(str(status), {}).get("description")
        if declared:  # the route says when it answers this: keep its words
            responses[str(status)] = {**_error_response(status), "description": declared}
        else:
            responses[str(status)] = {"$ref": f"#/components/responses/{_ERRORS[status][0]}"}
    operation["responses"] = dict(sorted(responses.items()))


def _no_nul(schema: dict[str, Any]) -> None:
    """A request schema's text members hold no U+0000, as the models check (``holds_nul``): a string, the
    strings of an array, and the strings (or arrays' strings) of an object's values. A member that is
    another component is left to that component; a pattern of the schema's own already excludes U+0000."""
    for member in schema.get("properties", {}).values():
        for variant in member.get("anyOf", [member]):
            _text_without_nul(variant, ("string", "array", "object"))


def _text_without_nul(variant: dict[str, Any], kinds: tuple[str, ...]) -> None:
    if "$ref" in variant:
        return
    declared = variant.get("type", kinds)
    types = {declared} & set(kinds) if isinstance(declared, str) else set(declared) & set(kinds)
    if "string" in types and not {"format", "enum", "const"} & set(variant):
        variant.setdefault("pattern", NO_NUL)
    if "array" in types:
        variant["items"] = variant.get("items", {})
        _text_without_nul(variant["items"], ("string",))
    if "object" in types and variant.get("additionalProperties", True) is not False:
        values = variant.get("additionalProperties")
        variant["additionalProperties"] = values if isinstance(values, dict) else {}
        _text_without_nul(variant["additionalProperties"], ("string", "array"))


def request_models() -> dict[str, type[RequestModel]]:
    models: dict[str, type[RequestModel]] = {}
    pending = list(RequestModel.__subclasses__())
    while pending:
        model = pending.pop()
        models[model.__name__] = model
        pending.extend(model.__subclasses__())
    return models


def _snake_case(schema: dict[str, Any], model: type[RequestModel]) -> None:
    """Name a request schema's members by their snake_case names; note each camelCase alias."""
    names = {field.alias or name: name for name, field in model.model_fields.items()}
    properties = {}
    for alias, member in schema.get("properties", {}).items():
        name = names.get(alias, alias)
        member.pop("title", None)
        if alias != name:
            member["x-camelCase"] = alias
        properties[name] = member
    schema["properties"] = properties
    if "required" in schema:
        schema["required"] = [names.get(alias, alias) for alias in schema["required"]]


#: What ``str.strip()`` removes (``str.isspace``): an identifier of only these is blank.
STRIPPED_BY_PYTHON = r"\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: What the models' ``strip_whitespace`` removes (Unicode White_Space): the same but ``\x1c``-``\x1f``.
STRIPPED_BY_MODELS = r"\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: A character that stays after stripping. JSON Schema's ``\S`` differs from both sets, hence these.
#: U+0000 is not among them: no request text may hold it (``app.schema.base.holds_nul``).
KEPT_BY_PYTHON = rf"[^\x00{STRIPPED_BY_PYTHON}]"
KEPT_BY_MODELS = rf"[^\x00{STRIPPED_BY_MODELS}]"
#: Any text without U+0000. ``pattern`` constrains strings only, so it may stand beside any type.
TEXT = r"[^\x00]*"
NO_NUL = f"^{TEXT}$"


def non_blank_pattern(kept: str = KEPT_BY_MODELS) -> str:
    """Text without U+0000 that is not empty once stripped (as the models strip, or as ``kept`` says)."""
    return f"^{TEXT}{kept}{TEXT}$"


def _non_blank(maximum: int | None = None, kept: str = KEPT_BY_MODELS) -> dict[str, Any]:
    """A string that is not empty once stripped (as the models strip, or as ``kept`` says)."""
    text: dict[str, Any] = {"type": "string", "pattern": non_blank_pattern(kept)}
    if maximum is not None:
        text["maxLength"] = maximum
    return text


def _string_max_length(member: dict[str, Any]) -> int | None:
    return next(
        (v.get("maxLength") for v in member.get("anyOf", [member]) if v.get("type") == "string"), None
    )


def _identifier_required(schema: dict[str, Any]) -> None:
    """ContactCreate: at least one identifier that is not blank."""
    properties = schema["properties"]
    schema["anyOf"] = [
        {
            "required": [name],
            "properties": {name: _non_blank(_string_max_length(properties[name]), KEPT_BY_PYTHON)},
        }
        for name in IDENTIFIER_FIELDS
    ]


def _update_needs_match_field(schema: dict[str, Any]) -> None:
    """BulkCreateRequest: ``merge_type: update`` needs ``match_on_field``."""
    schema["if"] = {
        "required": ["merge_type"],
        "properties": {"merge_type": {"const": MergeType.UPDATE.value}},
    }
    schema["then"] = {
        "required": ["match_on_field"],
        "properties": {"match_on_field": {"$ref": SCHEMAS + "MatchField"}},
    }


def _options_for_option_types(schema: dict[str, Any]) -> None:
    """CustomFieldCreate/Update: select and multiselect need options; other types take none."""
    schema["if"] = {
        "required": ["field_type"],
        "properties": {"field_type": {"enum": sorted(t.value for t in OPTION_TYPES)}},
    }
    schema["then"] = {
        "required": ["select_options"],
        "properties": {"select_options": {"type": "array", "minItems": 1}},
    }
    schema["else"] = {
        "properties": {"select_options": {"anyOf": [{"type": "null"}, {"type": "array", "maxItems": 0}]}}
    }
    options = schema["properties"]["select_options"]
    for variant in options.get("anyOf", [options]):
        if variant.get("type") == "array":
            variant["uniqueItems"] = True
            variant["items"] = _non_blank(variant["items"].get("maxLength"))


def _key_not_reserved(schema: dict[str, Any]) -> None:
    """CustomFieldCreate: the predefined contact fields' names are not available as keys."""
    _definition_rules(schema)
    key = schema["properties"]["field_key"]
    for variant in key.get("anyOf", [key]):
        if variant.get("type") == "string":
            variant["not"] = {"enum": sorted(RESERVED_FIELD_KEYS)}


def _name_not_null(schema: dict[str, Any]) -> None:
    """ContactListUpdate: the name may be changed, not removed."""
    schema["properties"]["name"] = _non_blank(250)


def _list_name_not_blank(schema: dict[str, Any]) -> None:
    """ContactListCreate: names are trimmed, so one that is only whitespace is empty."""
    schema["properties"]["name"]["pattern"] = non_blank_pattern()


def _definition_rules(schema: dict[str, Any]) -> None:
    """CustomFieldCreate/Update: a trimmed name of 3 or more characters; options only for option types."""
    schema["properties"]["name"]["pattern"] = f"^{TEXT}{KEPT_BY_MODELS}[^\\x00]+{KEPT_BY_MODELS}{TEXT}$"
    _options_for_option_types(schema)


def _filter_value_shape(schema: dict[str, Any]) -> None:
    """SearchFilter: ``range`` takes [min, max], exists/not_exists nothing, every other operator one value."""
    # Imported with the document, not at the server's start (its first page needs no search model).
    from app.schema.search import FILTER_TEXT_MAX_LENGTH, VALUELESS_OPERATORS

    valueless = sorted(op.value for op in VALUELESS_OPERATORS)
    scalar = {"type": ["string", "boolean", "number"], "maxLength": FILTER_TEXT_MAX_LENGTH, "pattern": NO_NUL}
    _cap_strings(schema["properties"]["value"], FILTER_TEXT_MAX_LENGTH)
    schema["allOf"] = [
        {
            "if": {"properties": {"operator": {"const": Operator.RANGE.value}}},
            "then": {
                "required": ["value"],
                "properties": {"value": {"type": "array", "items": scalar, "minItems": 2, "maxItems": 2}},
            },
        },
        {
            "if": {"properties": {"operator": {"not": {"enum": [*valueless, Operator.RANGE.value]}}}},
            "then": {"required": ["value"], "properties": {"value": scalar}},
        },
    ]


def _cap_strings(schema: dict[str, Any], maximum: int) -> None:
    """Give every string in ``schema`` (through anyOf and array items) a ``maxLength``."""
    if schema.get("type") == "string":
        schema["maxLength"] = maximum
    for variant in [*schema.get("anyOf", []), *([schema["items"]] if "items" in schema else [])]:
        _cap_strings(variant, maximum)


#: JSON Schema for the rules the request models check across members, by component name.
RULES: dict[str, Callable[[dict[str, Any]], None]] = {
    "ContactCreate": _identifier_required,
    "BulkCreateRequest": _update_needs_match_field,
    "CustomFieldCreate": _key_not_reserved,
    "CustomFieldUpdate": _definition_rules,
    "ContactListCreate": _list_name_not_blank,
    "ContactListUpdate": _name_not_null,
    "SearchFilter": _filter_value_shape,
}
