"""``client.custom_fields``: the workspace's custom field definitions."""

from __future__ import annotations

from typing import Any

from app.schema import CustomField, CustomFieldCreate, CustomFieldsPage, CustomFieldUpdate

from ..pagination import PageRequest
from ._base import Id, PageQuery, Resource, build_query, build_request, path


class CustomFieldsResource(Resource):
    """Custom field definitions: the schema of the values contacts carry."""

    def list(self, *, limit: int = 50, offset: int = 0) -> PageRequest[CustomField]:
        """List Custom Fields: ``await`` for a page, ``async for`` for every definition."""
        query = build_query(PageQuery, {"limit": limit, "offset": offset})
        return self._paged(CustomFieldsPage, "custom_fields", "custom-fields", query)

    async def create(
        self, body: CustomFieldCreate | dict[str, Any] | None = None, **fields: Any
    ) -> CustomField:
        """Create a definition (name 3–250 characters; options for select/multiselect). Never sent twice."""
        request = build_request(CustomFieldCreate, body, fields)
        return await self._call(CustomField, "POST", "custom-fields", body=request, retry=False)

    async def get(self, custom_field_uuid: Id) -> CustomField:
        return await self._call(CustomField, "GET", path("custom-fields", custom_field_uuid))

    async def update(
        self, custom_field_uuid: Id, body: CustomFieldUpdate | dict[str, Any] | None = None, **fields: Any
    ) -> CustomField:
        """Replace a definition: ``name``, ``field_type``, ``editable``, ``sensitive`` and ``icon`` are all required."""
        request = build_request(CustomFieldUpdate, body, fields)
        return await self._call(
            CustomField, "PATCH", path("custom-fields", custom_field_uuid), body=request, retry=True
        )

    async def delete(self, custom_field_uuid: Id) -> None:
        """Delete a definition and its value on every contact."""
        await self._delete(path("custom-fields", custom_field_uuid))
