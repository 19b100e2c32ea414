"""What every resource shares: the HTTP core, request validation and response parsing."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from app.schema import RequestModel, ResponseModel

from .._http import HttpCore
from ..errors import ApiResponseError, ValidationError
from ..pagination import Page

R = TypeVar("R", bound=RequestModel)
M = TypeVar("M", bound=ResponseModel)


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


def parse(model: type[M], data: Any) -> M:
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        raise ApiResponseError(
            f"The server's answer did not have the expected shape ({exc.error_count()} problems)."
        ) from None


class Resource:
    def __init__(self, http: HttpCore) -> None:
        self._http = http

    async def _get_model(self, model: type[M], path: str, params: dict[str, Any] | None = None) -> M:
        response = await self._http.request("GET", path, params=params)
        return parse(model, self._http.json(response))

    async def _page(
        self,
        page_model: type[BaseModel],
        key: str,
        path: str,
        params: dict[str, Any],
        *,
        method: str = "GET",
        json: Any = None,
    ) -> Page[Any]:
        response = await self._http.request(method, path, params=params, json=json, retry=True)
        page = parse(page_model, self._http.json(response))
        pagination = page.pagination
        return Page(
            items=getattr(page, key), limit=pagination.limit, offset=pagination.offset, total=pagination.total
        )
