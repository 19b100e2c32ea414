"""The API's vocabulary: its enumerations, limits and field names (standard library only).

Kept apart from the models so that code which only needs these (e.g. the desktop app's window, painted
before pydantic is loaded) can import them without importing pydantic. ``app.schema`` exports them too.
"""

from __future__ import annotations

from enum import StrEnum

LIMIT_DEFAULT = 50
LIMIT_MAX = 100

#: Custom field keys have at most 100 characters (``^[a-z][a-z0-9_]{0,99}$``).
FIELD_KEY_MAX_LENGTH = 100

BULK_MAX_CONTACTS = 1000


class MatchField(StrEnum):
    EMAIL = "email"
    PHONE_NUMBER = "phone_number"
    EXTERNAL_CONTACT_ID = "external_contact_id"


class MergeType(StrEnum):
    CREATE_OR_UPDATE = "create_or_update"
    CREATE = "create"
    UPDATE = "update"


class ImportStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"


MEMBERSHIP_MAX_UUIDS = 100


class ListStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


class ListSortField(StrEnum):
    NAME = "name"
    CREATED_AT = "created_at"


#: Contact fields that identify a contact; a single create needs at least one of them.
IDENTIFIER_FIELDS: tuple[str, ...] = (
    "external_contact_id",
    "email",
    "phone_number",
    "whatsapp_id",
    "fb_messenger_id",
)

#: Writable text members of a contact, in display order.
CONTACT_TEXT_FIELDS: tuple[str, ...] = ("first_name", "last_name", *IDENTIFIER_FIELDS, "client_reference")

#: ``order_field`` values of List Contacts.
CONTACT_ORDER_FIELDS: tuple[str, ...] = (
    "created_at",
    "first_name",
    "last_name",
    "updated_at",
    "external_contact_id",
)


class Operator(StrEnum):
    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    CONTAINS = "contains"
    NOT_CONTAINS = "not_contains"
    STARTS_WITH = "starts_with"
    ENDS_WITH = "ends_with"
    RANGE = "range"
    GT = "gt"
    LT = "lt"
    GTE = "gte"
    LTE = "lte"
    EXISTS = "exists"
    NOT_EXISTS = "not_exists"


class DataType(StrEnum):
    TEXT = "text"
    LONG = "long"
    DOUBLE = "double"
    DATE = "date"
    BOOLEAN = "boolean"


class SortOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"


#: Predefined contact fields and the type the server compares them as (data_type is ignored for them).
PREDEFINED_FIELD_TYPES: dict[str, DataType] = {
    "first_name": DataType.TEXT,
    "last_name": DataType.TEXT,
    "email": DataType.TEXT,
    "phone_number": DataType.TEXT,
    "whatsapp_id": DataType.TEXT,
    "fb_messenger_id": DataType.TEXT,
    "external_contact_id": DataType.TEXT,
    "client_reference": DataType.TEXT,
    "archived": DataType.BOOLEAN,
    "created_at": DataType.DATE,
    "updated_at": DataType.DATE,
    "last_engaged_at": DataType.DATE,
}

_EQUALITY = (Operator.EQUALS, Operator.NOT_EQUALS)
_TEXT_ONLY = (Operator.CONTAINS, Operator.NOT_CONTAINS, Operator.STARTS_WITH, Operator.ENDS_WITH)
_ORDERING = (Operator.RANGE, Operator.GT, Operator.LT, Operator.GTE, Operator.LTE)
_PRESENCE = (Operator.EXISTS, Operator.NOT_EXISTS)

VALUELESS_OPERATORS = frozenset(_PRESENCE)
TEXT_ONLY_OPERATORS = frozenset(_TEXT_ONLY)
ORDERING_OPERATORS = frozenset(_ORDERING)

#: Which operators apply to which data type (the search builder offers exactly these, in this order).
OPERATORS_BY_TYPE: dict[DataType, tuple[Operator, ...]] = {
    DataType.TEXT: (*_EQUALITY, *_TEXT_ONLY, *_ORDERING, *_PRESENCE),
    DataType.LONG: (*_EQUALITY, *_ORDERING, *_PRESENCE),
    DataType.DOUBLE: (*_EQUALITY, *_ORDERING, *_PRESENCE),
    DataType.DATE: (*_EQUALITY, *_ORDERING, *_PRESENCE),
    DataType.BOOLEAN: (*_EQUALITY, *_PRESENCE),
}

#: A text filter value may be as long as the longest text a contact holds (a custom text value).
FILTER_TEXT_MAX_LENGTH = 10_000


class FieldType(StrEnum):
    TEXT = "text"
    INTEGER = "number:integer"
    DECIMAL = "number:decimal"
    PERCENTAGE = "number:percentage"
    CHECKBOX = "checkbox"
    DATE = "date"
    DATE_TIME = "date:date_time"
    TIME = "date:time"
    RELATIVE_DATE = "date:relative"
    SELECT = "select"
    MULTISELECT = "multiselect"
    USER = "user"


#: One line on each field type, as the reference describes it.
FIELD_TYPE_DESCRIPTIONS: dict[FieldType, str] = {
    FieldType.TEXT: "Single-line text",
    FieldType.INTEGER: "Whole number",
    FieldType.DECIMAL: "Decimal number",
    FieldType.PERCENTAGE: "Percentage value",
    FieldType.CHECKBOX: "Boolean checkbox",
    FieldType.DATE: "Date only",
    FieldType.DATE_TIME: "Date and time",
    FieldType.TIME: "Time only",
    FieldType.RELATIVE_DATE: "Relative date",
    FieldType.SELECT: "Single-select dropdown",
    FieldType.MULTISELECT: "Multi-select dropdown",
    FieldType.USER: "User reference",
}

OPTION_TYPES = frozenset({FieldType.SELECT, FieldType.MULTISELECT})

#: Keys a custom field cannot have: search treats these names as the predefined contact fields.
RESERVED_FIELD_KEYS = frozenset(PREDEFINED_FIELD_TYPES)
