"""Search Contacts: free text, typed filters and typed sorts on predefined and custom fields.

Filters become SQL on the contact row: predefined text members compare through their case-folded
copies, custom values through the typed JSON accessors of :mod:`app.server.dialect`, typed by the
filter's ``data_type``. A search that filters rows runs as one pass: the matching rows' ids and sort
keys are materialized once, and both the total and the page are read from them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Row, exists, false, func, literal, not_, select, true
from sqlalchemy import Text as SqlText
from sqlalchemy.orm import Session

from app.schema import (
    PREDEFINED_FIELD_TYPES,
    DataType,
    ErrorItem,
    FieldType,
    Operator,
    SearchFilter,
    SearchRequest,
)
from app.schema.search import VALUELESS_OPERATORS

from .. import models as m
from ..auth import Principal
from ..dialect import contains, fold, json_elements, json_has_key, json_labels, json_value, without_index
from ..errors import Unprocessable
from . import contacts_page, custom_values
from .common import ordering
from .custom_values import FieldDef

NUMBER_TYPES = frozenset({FieldType.INTEGER, FieldType.DECIMAL, FieldType.PERCENTAGE})
DATE_TYPES = frozenset({FieldType.DATE, FieldType.DATE_TIME})
#: Field types whose stored values are JSON strings (compared as text without conversion).
STRING_TYPES = frozenset(
    {
        FieldType.TEXT,
        FieldType.USER,
        FieldType.SELECT,
        FieldType.DATE,
        FieldType.DATE_TIME,
        FieldType.TIME,
        FieldType.RELATIVE_DATE,
    }
)
#: The accessor kind (app.server.dialect.json_value) a custom value is read as, per data type.
ACCESSOR_KINDS = {
    DataType.TEXT: "text",
    DataType.LONG: "number",
    DataType.DOUBLE: "number",
    DataType.BOOLEAN: "boolean",
    DataType.DATE: "instant",
}
#: The field types whose stored values are always of an accessor kind (read without a check).
TRUSTED_TYPES = {
    "text": STRING_TYPES,
    "number": NUMBER_TYPES,
    "boolean": frozenset({FieldType.CHECKBOX}),
    "instant": DATE_TYPES,
}
DEFAULT_SORT = ("created_at", "desc")

Operand = ColumnElement[Any]


def search(
    session: Session, principal: Principal, body: SearchRequest, *, limit: int, offset: int
) -> tuple[list[Row], int]:
    """One page of the contacts matching ``body`` and their total; 422 for a filter or sort it cannot apply."""
    filters = body.advanced_search or []
    definitions = _definitions_needed(session, principal, body)
    _check_fields(body, definitions)
    conditions = [compile_filter(f, definitions.get(f.field)) for f in filters]
    term = (body.search_term or "").strip().casefold()
    if term:
        conditions.append(contains(m.Contact.search_text, term))
    if not any(f.field == "archived" for f in filters):
        conditions.append(m.Contact.archived.is_(False))
    if body.sort_by is not None:
        key, nullable = sort_key(
            body.sort_by.field, body.sort_by.effective_type, definitions.get(body.sort_by.field)
        )
        direction = body.sort_by.sort_order.value
    else:
        key, nullable = sort_key(DEFAULT_SORT[0], DataType.DATE, None)
        direction = DEFAULT_SORT[1]
    in_workspace = m.Contact.workspace_id == principal.workspace_id
    if not term and not filters:
        return _indexed_page(session, [in_workspace, *conditions], key, nullable, direction, limit, offset)
    # Every row must be checked: on SQLite a plain table scan beats walking the workspace index.
    scan_workspace = without_index(m.Contact.workspace_id) == principal.workspace_id
    return _one_pass_page(session, [scan_workspace, *conditions], key, nullable, direction, limit, offset)


def _definitions_needed(session: Session, principal: Principal, body: SearchRequest) -> dict[str, FieldDef]:
    names = [f.field for f in body.advanced_search or []]
    if body.sort_by is not None:
        names.append(body.sort_by.field)
    if all(name in PREDEFINED_FIELD_TYPES for name in names):
        return {}
    return custom_values.load_definitions(session, principal.workspace_id)


def _check_fields(body: SearchRequest, definitions: dict[str, FieldDef]) -> None:
    located = [(f"advanced_search.{i}.field", f.field) for i, f in enumerate(body.advanced_search or [])]
    if body.sort_by is not None:
        located.append(("sort_by.field", body.sort_by.field))
    problems = [
        ErrorItem(
            type="unknown_field",
            in_="body",
            field=where,
            msg=f"'{name}' is neither a predefined contact field nor a custom field key of this workspace.",
        )
        for where, name in located
        if name not in PREDEFINED_FIELD_TYPES and name not in definitions
    ]
    if problems:
        raise Unprocessable(problems)


def _indexed_page(
    session: Session,
    conditions: list[ColumnElement],
    key: Operand,
    nullable: bool,
    direction: str,
    limit: int,
    offset: int,
) -> tuple[list[Row], int]:
    total = session.scalar(select(func.count()).select_from(m.Contact).where(*conditions)) or 0
    query = (
        select(*contacts_page.WIRE_COLUMNS)
        .where(*conditions)
        .order_by(*ordering(key, m.Contact.uuid, direction, nullable=nullable))
        .limit(limit)
        .offset(offset)
    )
    return list(session.execute(query)), total


def _one_pass_page(
    session: Session,
    conditions: list[ColumnElement],
    key: Operand,
    nullable: bool,
    direction: str,
    limit: int,
    offset: int,
) -> tuple[list[Row], int]:
    matched = (
        select(m.Contact.id.label("id"), key.label("k"), m.Contact.uuid.label("u"))
        .where(*conditions)
        .cte("matched")
        .prefix_with("MATERIALIZED")
    )
    page = (
        select(matched.c.id, matched.c.k, matched.c.u)
        .order_by(*ordering(matched.c.k, matched.c.u, direction, nullable=nullable))
        .limit(limit)
        .offset(offset)
        .subquery("page")
    )
    total = select(func.count()).select_from(matched).scalar_subquery()
    query = (
        select(*contacts_page.WIRE_COLUMNS, total.label("total"))
        .join(page, page.c.id == m.Contact.id)
        .order_by(*ordering(page.c.k, page.c.u, direction, nullable=nullable))
    )
    rows = session.execute(query).all()
    if rows:
        return rows, rows[0].total
    if offset == 0:
        return [], 0
    return [], session.scalar(select(func.count()).select_from(matched)) or 0


# --- filters -------------------------------------------------------------------------------------


def compile_filter(flt: SearchFilter, definition: FieldDef | None) -> ColumnElement[bool]:
    """The SQL condition of one ``advanced_search`` item (field already known to exist)."""
    kind = flt.effective_type
    values = flt.parsed_values()
    if definition is None:
        present, operand = _predefined(flt.field)
        if kind is DataType.TEXT:
            values = [v.casefold() for v in values]  # like the stored case-folded copies
        return _apply(flt.operator, operand, present, values)
    if kind is DataType.TEXT:
        # Custom text is folded in SQL, so the filter value is folded the same way.
        values = [fold(literal(v, SqlText)) for v in values]
        if definition.field_type is FieldType.MULTISELECT:
            return _any_element(flt.operator, definition.key, values)
    operand = _custom_operand(definition, kind)
    present = (
        json_has_key(m.Contact.custom_fields, definition.key)
        if kind is DataType.TEXT
        else operand.is_not(None)
    )
    return _apply(flt.operator, operand, present, values)


def _predefined(field: str) -> tuple[ColumnElement[bool], Operand]:
    """(has a value, operand) of a predefined field."""
    kind = PREDEFINED_FIELD_TYPES[field]
    column = getattr(m.Contact, field)
    if kind is DataType.TEXT:
        folded = getattr(m.Contact, contacts_page.folded_name(field))
        return (column.is_not(None) & (column != "")), folded
    if kind is DataType.BOOLEAN:
        return true(), column
    return column.is_not(None), column


def _custom_operand(definition: FieldDef, kind: DataType) -> Operand:
    """A custom value as ``kind``; NULL where the stored value is not of that kind (it then matches no
    comparison). Values of the field's own kind are read as they are; others are checked first."""
    accessor = ACCESSOR_KINDS[kind]
    value = json_value(
        m.Contact.custom_fields,
        definition.key,
        accessor,
        trusted=definition.field_type in TRUSTED_TYPES[accessor],
    )
    return fold(value) if kind is DataType.TEXT else value


def _any_element(operator: Operator, key: str, values: list[Any]) -> ColumnElement[bool]:
    """A text filter on a multiselect value: holds when any label matches (negations: when none does)."""
    if operator in VALUELESS_OPERATORS:
        present = json_has_key(m.Contact.custom_fields, key)
        return present if operator is Operator.EXISTS else not_(present)
    element = json_elements(m.Contact.custom_fields, key).table_valued("value").alias("element")
    positive, negated = _POSITIVE.get(operator, (operator, False))
    condition = exists(
        select(literal(1)).select_from(element).where(_compare(positive, fold(element.c.value), values))
    )
    return not_(condition) if negated else condition


_POSITIVE = {
    Operator.NOT_EQUALS: (Operator.EQUALS, True),
    Operator.NOT_CONTAINS: (Operator.CONTAINS, True),
}


def _apply(
    operator: Operator, operand: Operand, present: ColumnElement[bool], values: list[Any]
) -> ColumnElement:
    if operator is Operator.EXISTS:
        return present
    if operator is Operator.NOT_EXISTS:
        return not_(present)
    positive, negated = _POSITIVE.get(operator, (operator, False))
    condition = _compare(positive, operand, values)
    # A negation is the complement of its positive form: contacts without a value are included.
    return not_(func.coalesce(condition, false(), type_=Boolean)) if negated else condition


def _compare(operator: Operator, x: Operand, values: list[Any]) -> ColumnElement[bool]:
    comparisons: dict[Operator, Callable[[], ColumnElement[bool]]] = {
        Operator.EQUALS: lambda: x == values[0],
        Operator.CONTAINS: lambda: contains(x, values[0]),
        Operator.STARTS_WITH: lambda: func.substr(x, 1, func.length(values[0])) == values[0],
        Operator.ENDS_WITH: lambda: func.substr(x, func.length(x) - func.length(values[0]) + 1) == values[0],
        Operator.GT: lambda: x > values[0],
        Operator.GTE: lambda: x >= values[0],
        Operator.LT: lambda: x < values[0],
        Operator.LTE: lambda: x <= values[0],
        # Not BETWEEN: PostgreSQL's grammar takes no COLLATE there (SQLAlchemy casts the bounds to "C" text).
        Operator.RANGE: lambda: (x >= values[0]) & (x <= values[1]),
    }
    return comparisons[operator]()


# --- sorting -------------------------------------------------------------------------------------


def sort_key(field: str, kind: DataType, definition: FieldDef | None) -> tuple[Operand, bool]:
    """(ORDER BY key, whether it can be missing) for a field, typed like a filter on it."""
    if definition is None:
        if PREDEFINED_FIELD_TYPES[field] is DataType.TEXT:
            return func.nullif(getattr(m.Contact, contacts_page.folded_name(field)), ""), True
        return getattr(m.Contact, field), field not in ("archived", "created_at", "updated_at")
    if kind is DataType.TEXT and definition.field_type is FieldType.MULTISELECT:
        return fold(json_labels(m.Contact.custom_fields, definition.key)), True
    return _custom_operand(definition, kind), True
