"""What every resource shares: the HTTP core, request validation and response parsing."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar
from urllib.parse import quote
from uuid import UUID

import httpx
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from app.schema import LIMIT_DEFAULT, LIMIT_MAX, RequestModel, ResponseModel

from .._http import HttpCore
from ..errors import ApiResponseError, ValidationError
from ..pagination import Page, PageRequest

R = TypeVar("R", bound=RequestModel)
M = TypeVar("M", bound=ResponseModel)
Q = TypeVar("Q", bound="PageQuery")

#: A uuid given to a method: a ``UUID`` or its text.
Id = UUID | str


class PageQuery(BaseModel):
    """Query parameters of a list endpoint; subclasses add the endpoint's own."""

    model_config = ConfigDict(extra="forbid")

    limit: Annotated[int, Field(ge=1, le=LIMIT_MAX)] = LIMIT_DEFAULT
    offset: Annotated[int, Field(ge=0)] = 0

    def to_params(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


def build_request(model: type[R], body: R | dict[str, Any] | None, fields: dict[str, Any]) -> R:
    """A validated request model from a model, a dict or keyword arguments.

    The checks are the server's own (``app.schema``), so a bad request fails here with the same
    ``ValidationError`` the server would answer, without a round trip.
    """
    if isinstance(body, model) and not fields:
        return body
    data = body.model_dump(exclude_unset=True) if isinstance(body, BaseModel) else dict(body or {})
    data.update(fields)
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        raise ValidationError.from_pydantic(exc) from None


def build_query(model: type[Q], params: dict[str, Any]) -> Q:
    """Validated query parameters; a bad one fails like the server's 422 (``in: "query"``)."""
    try:
        return model.model_validate(params)
    except PydanticValidationError as exc:
        raise ValidationError.from_pydantic(exc, "query") from None


def parse(model: type[M], response: httpx.Response) -> M:
    """The response body as ``model``; anything else is an ``ApiResponseError``."""
    try:
        return model.model_validate_json(response.content)
    except PydanticValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors(include_url=False)):
            message = (
                "The server's answer was not valid JSON (it may be cut short, or come from a proxy"
                " rather than a CueDesk server). Try again; if it keeps happening, check the address and"
                " the proxy settings."
            )
        else:
            message = f"The server's answer did not have the expected shape ({exc.error_count()} problems)."
        raise ApiResponseError(message, response.status_code) from None


def path(*parts: object) -> str:
    """A URL path from segments; each value is escaped, so an id can never reach another route."""
    return "/".join(quote(str(part), safe="") for part in parts)


class Resource:
    """A group of endpoints on one HTTP core."""

    def __init__(self, http: HttpCore) -> None:
        self._http = http

    async def _call(
        self,
        model: type[M],
        method: str,
        url: str,
        *,
        body: RequestModel | None = None,
        retry: bool | None = None,
    ) -> M:
        json = body.to_wire(exclude_unset=True) if body is not None else None
        response = await self._http.request(method, url, json=json, retry=retry)
        return parse(model, response)

    async def _delete(self, url: str, body: RequestModel | None = None) -> None:
        json = body.to_wire(exclude_unset=True) if body is not None else None
        await self._http.request("DELETE", url, json=json, retry=True)

    def _paged(
        self,
        page_model: type[ResponseModel],
        key: str,
        url: str,
        query: PageQuery,
        *,
        method: str = "GET",
        body: RequestModel | None = None,
    ) -> PageRequest[Any]:
        """A list call: ``await`` it for the page ``query`` asks for, iterate it for every item.

        Listing is always safe to repeat (also a search, which is a POST).
        """
        params = query.to_params()
        json = body.to_wire(exclude_unset=True) if body is not None else None

        async def fetch(limit: int, offset: int) -> Page[Any]:
            response = await self._http.request(
                method, url, params={**params, "limit": limit, "offset": offset}, json=json, retry=True
            )
            page = parse(page_model, response)
            pagination = page.pagination  # type: ignore[attr-defined]
            return Page(
                items=getattr(page, key),
                limit=pagination.limit,
                offset=pagination.offset,
                total=pagination.total,
            )

        return PageRequest(fetch, query.limit, query.offset)
