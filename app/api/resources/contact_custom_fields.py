"""``client.contact_custom_fields``: the custom field values of one contact."""

from __future__ import annotations

from typing import Any

from app.schema import ContactCustomFields, ContactCustomFieldSet, ContactCustomFieldsUpdate

from ._base import Id, Resource, build_request, path


class ContactCustomFieldsResource(Resource):
    """Values of custom fields on a contact, as ``{field_key: value}``."""

    async def list(self, contact_uuid: Id) -> dict[str, Any]:
        """Every custom field value of the contact."""
        result = await self._call(ContactCustomFields, "GET", path("contacts", contact_uuid, "custom-fields"))
        return result.custom_fields

    async def set(self, contact_uuid: Id, custom_field_uuid: Id, value: Any) -> dict[str, Any]:
        """Set one value by the definition's uuid (``None`` clears it); returns all the contact's values.

        Setting a value is idempotent, so this is retried like an update.
        """
        request = build_request(
            ContactCustomFieldSet, {"custom_field_uuid": custom_field_uuid, "value": value}, {}
        )
        result = await self._call(
            ContactCustomFields,
            "POST",
            path("contacts", contact_uuid, "custom-fields"),
            body=request,
            retry=True,
        )
        return result.custom_fields

    async def update(
        self, contact_uuid: Id, values: dict[str, Any] | None = None, **by_key: Any
    ) -> dict[str, Any]:
        """Set several values by field key (``None`` clears one); returns all the contact's values."""
        request = build_request(
            ContactCustomFieldsUpdate, {"custom_fields": {**(values or {}), **by_key}}, {}
        )
        result = await self._call(
            ContactCustomFields,
            "PATCH",
            path("contacts", contact_uuid, "custom-fields"),
            body=request,
            retry=True,
        )
        return result.custom_fields

    async def delete(self, contact_uuid: Id, custom_field_uuid: Id) -> None:
        """Remove one value from the contact."""
        await self._delete(path("contacts", contact_uuid, "custom-fields", custom_field_uuid))
