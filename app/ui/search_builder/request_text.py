"""The request as text: the JSON body "Show request" shows, and reading a pasted one back."""

from __future__ import annotations

import json

from pydantic import ValidationError as PydanticValidationError

from app.api import ValidationError
from app.schema import SearchRequest

from .fields import FieldCatalog


class RequestProblem(ValueError):
    """Pasted text that is not a Search Contacts body this workspace accepts; the message says why."""


def request_json(request: SearchRequest) -> str:
    """The body exactly as the client sends it, indented for reading."""
    return json.dumps(request.to_wire(), indent=2, ensure_ascii=False)


def parse_request(text: str, catalog: FieldCatalog) -> SearchRequest:
    """A pasted Search Contacts body, checked as the server would check it.

    Also refused: a field that is neither predefined nor a custom field of the workspace (the
    server would answer 422), and custom fields while the workspace's are not loaded yet.
    """
    if not text.strip():
        raise RequestProblem('Paste a Search Contacts body, e.g. {"search_term": "john"}.')
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RequestProblem(
            f"This is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        ) from None
    if not isinstance(data, dict):
        raise RequestProblem('A Search Contacts body is a JSON object, e.g. {"search_term": "john"}.')
    try:
        request = SearchRequest.model_validate(data)
    except PydanticValidationError as exc:
        problems = ValidationError.from_pydantic(exc).errors
        raise RequestProblem(
            "The API would refuse this body:\n"
            + "\n".join(f"• {p.field or 'body'}: {p.msg}" for p in problems)
        ) from None
    named = [(f"advanced_search.{n}.field", f.field) for n, f in enumerate(request.advanced_search or ())]
    if request.sort_by is not None:
        named.append(("sort_by.field", request.sort_by.field))
    unknown = [(where, name) for where, name in named if catalog.get(name) is None]
    if unknown and not catalog.loaded:
        raise RequestProblem(
            "The workspace's custom fields are still loading: paste the request again in a moment."
        )
    if unknown:
        raise RequestProblem(
            "\n".join(
                f"• {where}: “{name}” is neither a contact field nor a custom field of this workspace."
                for where, name in unknown
            )
        )
    return request
