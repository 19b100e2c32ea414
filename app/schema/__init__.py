"""The wire format of the Contacts API, shared by the client (`app.api`) and the server (`app.server`).

Imports only pydantic and the standard library. Names are loaded on first use (PEP 562): the
vocabulary (enumerations, limits, field names: ``vocabulary.py``) without pydantic, the models with it,
so that the desktop app paints its window before it pays for pydantic (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.lazy_names import lazy_exports

#: Where each exported name lives, by submodule.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "vocabulary": (
        "BULK_MAX_CONTACTS",
        "CONTACT_ORDER_FIELDS",
        "CONTACT_TEXT_FIELDS",
        "DataType",
        "FIELD_TYPE_DESCRIPTIONS",
        "FieldType",
        "IDENTIFIER_FIELDS",
        "ImportStatus",
        "LIMIT_DEFAULT",
        "LIMIT_MAX",
        "ListSortField",
        "ListStatus",
        "MEMBERSHIP_MAX_UUIDS",
        "MatchField",
        "MergeType",
        "OPERATORS_BY_TYPE",
        "OPTION_TYPES",
        "Operator",
        "PREDEFINED_FIELD_TYPES",
        "RESERVED_FIELD_KEYS",
        "SortOrder",
    ),
    "base": (
        "RequestModel",
        "ResponseModel",
    ),
    "bulk": (
        "BulkCreateRequest",
        "BulkCreateResponse",
        "ImportFailure",
        "ImportStatusResponse",
        "ImportSummary",
    ),
    "common": (
        "ErrorEnvelope",
        "ErrorItem",
        "Pagination",
        "error_items",
        "status_message",
    ),
    "contact_lists": (
        "ContactList",
        "ContactListCreate",
        "ContactListUpdate",
        "ContactListsPage",
        "MembershipChange",
        "MembershipResult",
        "MembershipWarning",
    ),
    "contacts": (
        "Contact",
        "ContactCreate",
        "ContactUpdate",
        "ContactWrite",
        "ContactsPage",
        "has_identifier",
    ),
    "custom_fields": (
        "ContactCustomFieldSet",
        "ContactCustomFields",
        "ContactCustomFieldsUpdate",
        "CustomField",
        "CustomFieldCreate",
        "CustomFieldUpdate",
        "CustomFieldsPage",
        "SelectOption",
    ),
    "notes": (
        "Note",
        "NoteContent",
        "NoteContentIn",
        "NoteCreate",
        "NoteReplace",
        "NotesPage",
    ),
    "search": (
        "SearchFilter",
        "SearchRequest",
        "SortBy",
    ),
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())

if TYPE_CHECKING:  # the same names, for type checkers (tests/test_lazy_exports.py keeps them equal)
    from .base import (
        RequestModel,
        ResponseModel,
    )
    from .bulk import (
        BulkCreateRequest,
        BulkCreateResponse,
        ImportFailure,
        ImportStatusResponse,
        ImportSummary,
    )
    from .common import (
        ErrorEnvelope,
        ErrorItem,
        Pagination,
        error_items,
        status_message,
    )
    from .contact_lists import (
        ContactList,
        ContactListCreate,
        ContactListsPage,
        ContactListUpdate,
        MembershipChange,
        MembershipResult,
        MembershipWarning,
    )
    from .contacts import (
        Contact,
        ContactCreate,
        ContactsPage,
        ContactUpdate,
        ContactWrite,
        has_identifier,
    )
    from .custom_fields import (
        ContactCustomFields,
        ContactCustomFieldSet,
        ContactCustomFieldsUpdate,
        CustomField,
        CustomFieldCreate,
        CustomFieldsPage,
        CustomFieldUpdate,
        SelectOption,
    )
    from .notes import (
        Note,
        NoteContent,
        NoteContentIn,
        NoteCreate,
        NoteReplace,
        NotesPage,
    )
    from .search import (
        SearchFilter,
        SearchRequest,
        SortBy,
    )
    from .vocabulary import (
        BULK_MAX_CONTACTS,
        CONTACT_ORDER_FIELDS,
        CONTACT_TEXT_FIELDS,
        FIELD_TYPE_DESCRIPTIONS,
        IDENTIFIER_FIELDS,
        LIMIT_DEFAULT,
        LIMIT_MAX,
        MEMBERSHIP_MAX_UUIDS,
        OPERATORS_BY_TYPE,
        OPTION_TYPES,
        PREDEFINED_FIELD_TYPES,
        RESERVED_FIELD_KEYS,
        DataType,
        FieldType,
        ImportStatus,
        ListSortField,
        ListStatus,
        MatchField,
        MergeType,
        Operator,
        SortOrder,
    )
