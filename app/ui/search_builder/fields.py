"""What the builder can search on: the fields of the workspace, their data types and the operators' names.

No widgets here: the field picker, the data-type picker and the operator picker show these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.schema import (
    FIELD_TYPE_DESCRIPTIONS,
    OPERATORS_BY_TYPE,
    PREDEFINED_FIELD_TYPES,
    CustomField,
    DataType,
    FieldType,
    Operator,
)

from ..columns import PREDEFINED_COLUMNS
from ..field_types import search_data_type

_TITLES = {column.field: column.title for column in PREDEFINED_COLUMNS}

#: How each data type reads in the data-type picker (the API's name first: it is what the JSON says).
DATA_TYPE_LABELS: dict[DataType, str] = {
    DataType.TEXT: "text",
    DataType.LONG: "long",
    DataType.DOUBLE: "double",
    DataType.DATE: "date",
    DataType.BOOLEAN: "boolean",
}
DATA_TYPE_DESCRIPTIONS: dict[DataType, str] = {
    DataType.TEXT: "Compared as text, ignoring case",
    DataType.LONG: "Compared as whole numbers (64-bit)",
    DataType.DOUBLE: "Compared as decimal numbers",
    DataType.DATE: "Compared as dates (YYYY-MM-DD is 00:00 UTC that day)",
    DataType.BOOLEAN: "Compared as true or false",
}

_OPERATOR_LABELS: dict[Operator, str] = {
    Operator.EQUALS: "equals",
    Operator.NOT_EQUALS: "does not equal",
    Operator.CONTAINS: "contains",
    Operator.NOT_CONTAINS: "does not contain",
    Operator.STARTS_WITH: "starts with",
    Operator.ENDS_WITH: "ends with",
    Operator.RANGE: "is between",
    Operator.GT: "is greater than",
    Operator.LT: "is less than",
    Operator.GTE: "is at least",
    Operator.LTE: "is at most",
    Operator.EXISTS: "has a value",
    Operator.NOT_EXISTS: "has no value",
}
_DATE_OPERATOR_LABELS: dict[Operator, str] = {
    Operator.EQUALS: "is on",
    Operator.NOT_EQUALS: "is not on",
    Operator.GT: "is after",
    Operator.LT: "is before",
    Operator.GTE: "is on or after",
    Operator.LTE: "is on or before",
}


def operator_label(operator: Operator, data_type: DataType) -> str:
    """``gt`` reads "is greater than", or "is after" for a date."""
    if data_type is DataType.DATE and operator in _DATE_OPERATOR_LABELS:
        return _DATE_OPERATOR_LABELS[operator]
    return _OPERATOR_LABELS[operator]


def operators_for(data_type: DataType) -> tuple[Operator, ...]:
    """The operators the builder offers for a data type: exactly those the API accepts."""
    return OPERATORS_BY_TYPE[data_type]


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """A field a filter or a sort can name.

    ``name`` is what the request says (a predefined field or a custom field key); ``known`` is false
    for a name the workspace does not have (a field deleted since, or one from an imported search).
    """

    name: str
    label: str
    custom: bool = False
    field_type: FieldType | None = None
    options: tuple[str, ...] = ()
    archived_options: frozenset[str] = frozenset()
    known: bool = True

    @property
    def preset_type(self) -> DataType:
        """The data type a filter on this field starts with (the only one for a predefined field)."""
        if not self.custom:
            return PREDEFINED_FIELD_TYPES[self.name]
        return search_data_type(self.field_type) if self.field_type is not None else DataType.TEXT

    @property
    def display(self) -> str:
        """ "Seats (num_seats)": the name a person knows, and the key the request uses."""
        return f"{self.label} ({self.name})"

    @property
    def description(self) -> str:
        if not self.known:
            return f"“{self.name}” is not a field of this workspace"
        if not self.custom:
            return f"Contact field {self.name}, compared as {self.preset_type.value}"
        kind = FIELD_TYPE_DESCRIPTIONS[self.field_type].lower() if self.field_type else "custom field"
        return f"Custom field {self.name}: {kind}"


def predefined_fields() -> tuple[FieldInfo, ...]:
    """The twelve predefined contact fields, in the table's column order."""
    return tuple(FieldInfo(name, _TITLES.get(name, name)) for name in PREDEFINED_FIELD_TYPES)


def custom_fields(definitions: Iterable[CustomField]) -> tuple[FieldInfo, ...]:
    """Every custom field of the workspace, by name (case-insensitive), options listed for select fields."""
    fields = [
        FieldInfo(
            definition.field_key,
            definition.name,
            custom=True,
            field_type=definition.field_type,
            options=tuple(option.display_label for option in definition.select_options or ()),
            archived_options=frozenset(
                option.display_label for option in definition.select_options or () if option.archived
            ),
        )
        for definition in definitions
    ]
    return tuple(sorted(fields, key=lambda info: (info.label.casefold(), info.name)))


def unknown_field(name: str) -> FieldInfo:
    """A field name the workspace does not have (shown as such, left out of the request)."""
    return FieldInfo(name, name, custom=name not in PREDEFINED_FIELD_TYPES, known=False)


@dataclass(frozen=True, slots=True)
class FieldCatalog:
    """The fields the pickers offer: the predefined ones, then the custom ones once ``loaded``."""

    custom: tuple[FieldInfo, ...] = ()
    loaded: bool = False
    predefined: tuple[FieldInfo, ...] = predefined_fields()

    @classmethod
    def of(cls, definitions: Iterable[CustomField] | None) -> FieldCatalog:
        """The catalog of a workspace (``None``: its definitions are not loaded yet)."""
        return cls(custom_fields(definitions or ()), loaded=definitions is not None)

    @property
    def by_name(self) -> dict[str, FieldInfo]:
        return {info.name: info for info in (*self.predefined, *self.custom)}

    def get(self, name: str) -> FieldInfo | None:
        return self.by_name.get(name)
