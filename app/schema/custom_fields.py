"""Custom field definitions and the custom field values of a contact."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import Field, StrictBool, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import RequestModel, ResponseModel
from .common import FIELD_KEY_MAX_LENGTH, CustomValues, Pagination
from .vocabulary import OPTION_TYPES, RESERVED_FIELD_KEYS, FieldType

FieldName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=250)]
FieldKey = Annotated[
    str,
    StringConstraints(
        max_length=FIELD_KEY_MAX_LENGTH, pattern=rf"^[a-z][a-z0-9_]{{0,{FIELD_KEY_MAX_LENGTH - 1}}}$"
    ),
]
Icon = Annotated[str, StringConstraints(max_length=100)]
OptionLabel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=250)]


class SelectOption(ResponseModel):
    uuid: UUID
    display_label: str
    field_key: str
    archived: bool = False


class CustomField(ResponseModel):
    """A custom field definition. ``select_options`` is present only for select and multiselect."""

    uuid: UUID
    workspace_uuid: UUID
    name: str
    icon: str | None = None
    field_type: FieldType
    field_key: str
    status: str = "active"
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None = None
    editable: bool = True
    sensitive: bool = False
    select_options: list[SelectOption] | None = Field(default=None, exclude_if=lambda v: v is None)

    @property
    def active_options(self) -> list[SelectOption]:
        return [o for o in self.select_options or [] if not o.archived]


class CustomFieldsPage(ResponseModel):
    custom_fields: list[CustomField]
    pagination: Pagination


class _DefinitionBody(RequestModel):
    @model_validator(mode="after")
    def _check_options(self) -> _DefinitionBody:
        options = getattr(self, "select_options", None)
        if self.field_type in OPTION_TYPES:
            if not options:
                raise PydanticCustomError(
                    "missing_options",
                    "select_options must list at least one option for select and multiselect fields.",
                    {"field": "select_options"},
                )
            seen: set[str] = set()
            for label in options:
                if label.casefold() in seen:
                    raise PydanticCustomError(
                        "duplicate_option",
                        f"The option '{label}' is listed twice.",
                        {"field": "select_options"},
                    )
                seen.add(label.casefold())
        elif options:
            raise PydanticCustomError(
                "unexpected_options",
                "select_options is only allowed for select and multiselect fields.",
                {"field": "select_options"},
            )
        return self


class CustomFieldCreate(_DefinitionBody):
    """Body of Create a Custom Field. ``field_key`` is generated from ``name`` when omitted."""

    name: FieldName
    field_type: FieldType
    field_key: FieldKey | None = None
    editable: StrictBool = True
    sensitive: StrictBool = False
    icon: Icon | None = None
    select_options: list[OptionLabel] | None = Field(default=None, max_length=500)

    @field_validator("field_key")
    @classmethod
    def _not_reserved(cls, key: str | None) -> str | None:
        if key in RESERVED_FIELD_KEYS:
            raise PydanticCustomError(
                "reserved_field_key",
                "'{key}' is a predefined contact field; choose another key.",
                {"key": key},
            )
        return key


class CustomFieldUpdate(_DefinitionBody):
    """Body of Update a Custom Field: the full definition (``icon`` may be null, but must be sent).

    ``field_key`` may be sent back unchanged; a different key is refused (keys never change).
    """

    name: FieldName
    field_type: FieldType
    editable: StrictBool
    sensitive: StrictBool
    icon: Icon | None
    select_options: list[OptionLabel] | None = Field(default=None, max_length=500)
    field_key: Annotated[str, StringConstraints(max_length=FIELD_KEY_MAX_LENGTH)] | None = None


class ContactCustomFields(ResponseModel):
    """The custom field values of one contact, by field key."""

    custom_fields: dict[str, Any]


class ContactCustomFieldSet(RequestModel):
    """Body of Add a Custom Field to a Contact (``value`` is required; ``null`` clears)."""

    custom_field_uuid: UUID
    value: Any


class ContactCustomFieldsUpdate(RequestModel):
    """Body of Update Contact Custom Fields."""

    custom_fields: CustomValues
