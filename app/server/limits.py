"""Limits on request bodies, checked before a route reads them.

Every body under ``/v1`` is read here first: larger than :data:`MAX_BODY_BYTES` is a 413, a body that
is not JSON is a 415, and JSON that no member of the API could hold (invalid UTF-8, nesting deeper
than :data:`MAX_JSON_DEPTH`, a number that is not finite, a container or string beyond the caps below)
is a 422 on the member concerned. Nothing reaches a route, so nothing is stored. A body that passes
is handed on unchanged; the route's own model then checks each member's documented limits.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.schema import ErrorItem

from .errors import envelope_response

#: The largest body accepted. A bulk request of 1,000 contacts with every member at its maximum length in
#: 4-byte characters, each with a few custom values, stays below it (docs/reliability.md has the figures).
MAX_BODY_BYTES = 16 * 1024 * 1024
#: The deepest nesting of arrays and objects, the body itself counting as 1. The API's own bodies need 5
#: (a bulk row's multiselect value); the rest is room for custom values without letting a body stall
#: a parser or validator.
MAX_JSON_DEPTH = 32
#: Members of one array or object. Every documented array cap is lower (1,000 bulk contacts).
MAX_CONTAINER_ITEMS = 10_000
#: Characters of one string or member name. The longest member is a note's text (100,000).
MAX_STRING_LENGTH = 100_000
#: Problems reported for one body; the first ones are enough to fix it.
MAX_PROBLEMS = 10

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def body_problems(text: str) -> list[ErrorItem]:
    """The 422 items for a body that is not JSON any request member could hold (empty if it is fine)."""
    try:
        document = json.loads(text)
    except RecursionError:
        return [
            _problem("json_too_deep", "", f"The request body is nested deeper than {MAX_JSON_DEPTH} levels.")
        ]
    except json.JSONDecodeError as exc:
        return [
            _problem(
                "json_invalid", "", f"The request body is not valid JSON: {exc.msg} at position {exc.pos}."
            )
        ]
    except ValueError as exc:  # an integer with more digits than Python converts
        return [_problem("json_invalid", "", f"The request body holds a number that is too large: {exc}.")]
    return _walk(document)


def _walk(document: object) -> list[ErrorItem]:
    problems: list[ErrorItem] = []
    stack: list[tuple[object, tuple[str, ...], int]] = [(document, (), 1)]
    while stack and len(problems) < MAX_PROBLEMS:
        value, path, depth = stack.pop()
        field = ".".join(path)
        if isinstance(value, str):
            if len(value) > MAX_STRING_LENGTH:
                problems.append(
                    _problem(
                        "string_too_long", field, f"Strings may have at most {MAX_STRING_LENGTH} characters."
                    )
                )
        elif isinstance(value, float):
            if not math.isfinite(value):
                problems.append(
                    _problem("finite_number", field, "Numbers must be finite (no NaN or Infinity).")
                )
        elif isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                problems.append(
                    _problem(
                        "json_too_deep",
                        field,
                        f"The body is nested deeper than {MAX_JSON_DEPTH} levels here.",
                    )
                )
            elif len(value) > MAX_CONTAINER_ITEMS:
                problems.append(
                    _problem(
                        "too_long",
                        field,
                        f"Arrays and objects may have at most {MAX_CONTAINER_ITEMS} members.",
                    )
                )
            elif isinstance(value, dict):
                for key, item in value.items():
                    if len(key) > MAX_STRING_LENGTH:
                        problems.append(
                            _problem(
                                "string_too_long", field, "A member name is longer than a string may be."
                            )
                        )
                        break
                    stack.append((item, (*path, key), depth + 1))
            else:
                stack.extend((item, (*path, str(i)), depth + 1) for i, item in enumerate(value))
    return problems


def _problem(type_: str, field: str, msg: str) -> ErrorItem:
    return ErrorItem(type=type_, in_="body", field=field, msg=msg)


def is_json_media_type(content_type: str) -> bool:
    """``application/json`` or ``application/<anything>+json``, in UTF-8 (the only charset JSON may use)."""
    media_type, _, parameters = content_type.partition(";")
    main, _, subtype = media_type.strip().lower().partition("/")
    if main != "application" or not (subtype == "json" or subtype.endswith("+json")):
        return False
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


class _TooLarge(Exception):
    pass


@dataclass(frozen=True, slots=True)
class RequestLimitsMiddleware:
    """Checks the body of every request under ``prefix`` against the limits above before routing.

    Runs after authentication: a caller without a valid token gets its 401 before anything is read.
    """

    app: ASGIApp
    prefix: str = "/v1"
    max_body_bytes: int = MAX_BODY_BYTES

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS or not self._covers(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._too_large(scope, receive, send)
            return
        try:
            body = await self._read(receive)
        except _TooLarge:
            await self._too_large(scope, receive, send)
            return
        if body is None:  # the client went away
            return
        if body:
            response = self._refusal(headers.get("content-type"), body)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, _replay(body, receive), send)

    def _covers(self, path: str) -> bool:
        return path == self.prefix or path.startswith(self.prefix + "/")

    async def _read(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _refusal(self, content_type: str | None, body: bytes):
        if content_type is None or not is_json_media_type(content_type):
            return envelope_response(
                415, "The request body must be JSON, sent with 'Content-Type: application/json' (UTF-8)."
            )
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = _problem("json_invalid", "", f"The request body is not valid UTF-8 (byte {exc.start}).")
            return envelope_response(422, [problem])
        problems = body_problems(text)
        return envelope_response(422, problems) if problems else None

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.max_body_bytes / (1024 * 1024)
        response = envelope_response(413, f"The request body is larger than the limit of {limit:g} MiB.")
        response.headers["Connection"] = "close"  # the rest of the body is not read
        await response(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that yields the body already read, then whatever the connection says next."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
