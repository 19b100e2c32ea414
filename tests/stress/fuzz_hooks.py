"""Schemathesis hooks of the fuzz run (loaded through ``SCHEMATHESIS_HOOKS``): two checks refined.

Every built-in check runs, two of them as refined here; ``tests.stress.fuzz`` excludes the
originals. Each refinement lets through exactly one kind of answer the original cannot tell from a
bug, and nothing else:

- ``positive_data_acceptance`` expects every request that fits the OpenAPI document to be accepted.
  The document states every rule JSON Schema can state (app/server/openapi.py), but some depend on
  what is stored (a custom field key, the type of its values, a search field) or compare members in
  ways JSON Schema has no words for (labels unique regardless of case, a range's order). Allowed: a
  422 whose every item has one of the types in :data:`STORED_OR_CROSS_MEMBER_RULES`, or a 400
  (conflict with stored data).
- ``ensure_resource_availability`` expects no 404 from an operation on a resource just created. It
  looks at the path only: when the 404 is about another resource the *body* names (Add a Custom
  Field to a Contact with an unknown ``custom_field_uuid``: "Custom field not found."), the created
  resource is fine. Allowed: a 404 naming the resource of a uuid member of the request body.
"""

from __future__ import annotations

import json

import schemathesis
from schemathesis.openapi.checks import EnsureResourceAvailability, RejectedPositiveData
from schemathesis.specs.openapi.checks import ensure_resource_availability, positive_data_acceptance

REFINED = ("positive_data_acceptance", "ensure_resource_availability")

STORED_OR_CROSS_MEMBER_RULES = frozenset(
    {
        "unknown_custom_field",  # custom_fields keys must be keys of the workspace's definitions
        "custom_field_value",  # a value must fit its definition's type
        "unknown_field",  # a search field must be predefined or a custom field key
        "field_key_immutable",  # a definition's key is the stored one
        "filter_operator",  # an operator must suit the field's data type
        "filter_value_type",  # a filter value must parse as the field's data type
        "filter_range_order",  # a range's min must not be above its max
        "duplicate_option",  # option labels are unique regardless of case
    }
)
#: Rules that depend on stored data only for some methods: an update must not leave a contact
#: without an identifier (a create's body must hold one, which the document states).
STORED_RULES_BY_METHOD = {"PATCH": frozenset({"missing_identifier"})}
#: The 404 sentence for each uuid member a request body may hold.
BODY_REFERENCES = {
    "custom_field_uuid": "Custom field not found.",
    "contact_list_uuid": "Contact list not found.",
}


def _json(response) -> object:
    try:
        return json.loads(response.content)
    except ValueError:
        return None


def refused_for_stored_data_or_cross_member_rule(method: str, status: int, body: object) -> bool:
    if status == 400:
        return True
    if status != 422 or not isinstance(body, dict):
        return False
    try:
        items = body["error"]["details"]["errors"]
    except (KeyError, TypeError):
        return False
    allowed = STORED_OR_CROSS_MEMBER_RULES | STORED_RULES_BY_METHOD.get(method.upper(), frozenset())
    return bool(items) and all(item.get("type") in allowed for item in items)


def not_found_is_about_the_body(request_body: object, response_body: object) -> bool:
    if not isinstance(request_body, dict) or not isinstance(response_body, dict):
        return False
    details = (response_body.get("error") or {}).get("details")
    return any(member in request_body and details == sentence for member, sentence in BODY_REFERENCES.items())


@schemathesis.check
def positive_data_acceptance_beyond_stored_data(ctx, response, case):
    """``positive_data_acceptance``, allowing the refusals JSON Schema cannot predict (see the module)."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if refused_for_stored_data_or_cross_member_rule(case.method, response.status_code, _json(response)):
            return None
        raise


@schemathesis.check
def resource_availability_beyond_body_references(ctx, response, case):
    """``ensure_resource_availability``, allowing a 404 about a resource the body names (see the module)."""
    try:
        return ensure_resource_availability(ctx, response, case)
    except EnsureResourceAvailability:
        if not_found_is_about_the_body(case.body, _json(response)):
            return None
        raise
