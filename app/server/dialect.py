"""The SQL that differs between SQLite and PostgreSQL, each piece behind one small construct.

Services build queries from these constructs without knowing the engine; each construct compiles
to its engine's SQL. Custom field values live in one JSON object per contact (JSONB on PostgreSQL),
keyed by field key; the ``json_*`` constructs read one key of it, typed:

- a *checked* accessor yields NULL where the stored value is not of its kind (text ``"abc"`` read as
  a number), so that it matches no comparison;
- a *trusted* accessor skips that check, for fields whose type guarantees the kind (cheaper on SQLite,
  which parses the JSON again for every check).

Text compares by code point on both engines (PostgreSQL: the ``"C"`` collation), case-insensitively
through :func:`fold`. Only SQLite and PostgreSQL are supported (:data:`SUPPORTED`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, ColumnElement, String, Text, TypeDecorator, bindparam
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.functions import FunctionElement

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SUPPORTED = ("sqlite", "postgresql")
#: The text form every date and date-time compares in (UTC, millisecond precision): SQLite's ``strftime``
#: format and the PostgreSQL ``to_char`` format that gives the same text.
SQLITE_INSTANT = "%Y-%m-%dT%H:%M:%f"
POSTGRES_INSTANT = 'YYYY-MM-DD"T"HH24:MI:SS.MS'
#: The PostgreSQL function (migration 0004) that reads any text as an instant, NULL when it is not one.
POSTGRES_INSTANT_FUNCTION = "cuedesk_instant"


def instant_text(moment: datetime) -> str:
    """A (UTC) datetime in the text form instants compare in."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


class _JsonKey(TypeDecorator[str]):
    """A custom field key: a JSON path on SQLite (``$."key"``), the key itself on PostgreSQL."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        if value is None or dialect.name != "sqlite":
            return value
        return f'$."{value}"'


class InstantText(TypeDecorator[str]):
    """An instant in its comparable text form; datetimes bound against it are converted to that form."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> Any:
        return instant_text(value) if isinstance(value, datetime) else value


def _args(element: FunctionElement, compiler, **kw) -> list[str]:
    return [compiler.process(arg, **kw) for arg in element.clauses]


def _unsupported(element, compiler, **_kw) -> str:
    raise CompileError(f"{type(element).__name__} is not available on {compiler.dialect.name}")


# --- text ----------------------------------------------------------------------------------------


class fold(FunctionElement[str]):
    """Case-folded text for case-insensitive comparisons and sorts, comparing by code point.

    SQLite: Python's ``str.casefold`` (registered per connection: ``É`` → ``é``, ``ß`` → ``ss``).
    PostgreSQL: ``cuedesk_casefold`` (migration 0004): ``lower`` under the database's character type,
    plus the full foldings of Latin and Greek letters (``ß`` → ``ss``, ``ς`` → ``σ``, ``ﬁ`` → ``fi``),
    in the ``"C"`` collation. Fold both sides of a comparison with it (``fold(literal(value))``), never
    one side in Python and the other in SQL: the two engines agree on all but rare scripts' foldings.
    """

    type = Text()
    inherit_cache = True


compiles(fold)(_unsupported)


@compiles(fold, "sqlite")
def _fold_sqlite(element, compiler, **kw) -> str:
    return "casefold({})".format(*_args(element, compiler, **kw))


@compiles(fold, "postgresql")
def _fold_postgresql(element, compiler, **kw) -> str:
    return '(cuedesk_casefold({}) COLLATE "C")'.format(*_args(element, compiler, **kw))


class contains(FunctionElement[bool]):
    """``contains(haystack, needle)``: whether ``needle`` occurs in ``haystack`` (exact, by characters)."""

    type = Boolean()
    inherit_cache = True


compiles(contains)(_unsupported)


@compiles(contains, "sqlite")
def _contains_sqlite(element, compiler, **kw) -> str:
    return "(instr({}, {}) > 0)".format(*_args(element, compiler, **kw))


@compiles(contains, "postgresql")
def _contains_postgresql(element, compiler, **kw) -> str:
    return "(strpos({}, {}) > 0)".format(*_args(element, compiler, **kw))


class without_index(FunctionElement[Any]):
    """A column the planner should not use an index for, in a query that checks every row anyway.

    SQLite then scans the table instead of walking an index and fetching each row by rowid (twice as
    slow when every row must be checked); PostgreSQL's planner chooses well by itself.
    """

    inherit_cache = True

    def __init__(self, column: ColumnElement[Any]) -> None:
        super().__init__(column)
        self.type = column.type


compiles(without_index)(_unsupported)


@compiles(without_index, "sqlite")
def _without_index_sqlite(element, compiler, **kw) -> str:
    return "({} + 0)".format(*_args(element, compiler, **kw))


@compiles(without_index, "postgresql")
def _without_index_postgresql(element, compiler, **kw) -> str:
    return "{}".format(*_args(element, compiler, **kw))


# --- custom field values ---------------------------------------------------------------------------


class _JsonAccessor(FunctionElement[Any]):
    """One key of a JSON object column: ``Accessor(column, key)``."""

    inherit_cache = True

    def __init__(self, column: ColumnElement[Any], key: str) -> None:
        super().__init__(column, bindparam(None, key, type_=_JsonKey()))


def _column_and_key(element, compiler, **kw) -> tuple[str, str]:
    column, key = _args(element, compiler, **kw)
    return column, key


class json_has_key(_JsonAccessor):
    """Whether the object holds a value for the key."""

    type = Boolean()
    inherit_cache = True


class json_string(_JsonAccessor):
    """A value the field type guarantees to be a string, as text (trusted)."""

    type = Text()
    inherit_cache = True


class json_text(_JsonAccessor):
    """Any value as text: strings as they are, numbers as their digits, booleans ``true``/``false``."""

    type = Text()
    inherit_cache = True


class json_number(_JsonAccessor):
    """The value if it is a number, else NULL (checked)."""

    inherit_cache = True  # untyped: values compare as the numbers they are (64-bit integers exactly)


class json_trusted_number(json_number):
    """A value the field type guarantees to be a number."""

    inherit_cache = True


class json_boolean(_JsonAccessor):
    """The value if it is a boolean, else NULL (checked)."""

    type = Boolean()
    inherit_cache = True


class json_trusted_boolean(json_boolean):
    """A value the field type guarantees to be a boolean."""

    inherit_cache = True


class json_instant(_JsonAccessor):
    """The value as an instant (:class:`InstantText`) if it is a string holding an ISO 8601 date or
    date-time, else NULL (checked)."""

    type = InstantText()
    inherit_cache = True


class json_trusted_instant(json_instant):
    """A value the field type guarantees to be a ``YYYY-MM-DD`` date or a UTC ISO 8601 date-time."""

    inherit_cache = True


class json_labels(_JsonAccessor):
    """A list of labels (a multiselect value) as one text: the labels in order, joined by U+001F, so that
    lists sort label by label."""

    type = Text()
    inherit_cache = True


class json_elements(_JsonAccessor):
    """The elements of a list value as rows: ``json_elements(c, key).table_valued("value")``."""

    inherit_cache = True


for _accessor in (
    json_has_key,
    json_string,
    json_text,
    json_number,
    json_boolean,
    json_instant,
    json_labels,
    json_elements,
):
    compiles(_accessor)(_unsupported)


# SQLite: json_extract gives SQL values (text, integer, real; 1/0 for booleans); json_type names the kind.


@compiles(json_has_key, "sqlite")
def _has_key_sqlite(element, compiler, **kw) -> str:
    return "(json_extract({}, {}) IS NOT NULL)".format(*_column_and_key(element, compiler, **kw))


@compiles(json_string, "sqlite")
@compiles(json_trusted_number, "sqlite")
@compiles(json_trusted_boolean, "sqlite")
def _extract_sqlite(element, compiler, **kw) -> str:
    return "json_extract({}, {})".format(*_column_and_key(element, compiler, **kw))


@compiles(json_text, "sqlite")
def _text_sqlite(element, compiler, **kw) -> str:
    c, k = _column_and_key(element, compiler, **kw)
    return (
        f"CASE WHEN json_type({c}, {k}) IN ('true', 'false') THEN json_type({c}, {k})"
        f" ELSE CAST(json_extract({c}, {k}) AS TEXT) END"
    )


@compiles(json_number, "sqlite")
def _number_sqlite(element, compiler, **kw) -> str:
    c, k = _column_and_key(element, compiler, **kw)
    return f"CASE WHEN json_type({c}, {k}) IN ('integer', 'real') THEN json_extract({c}, {k}) END"


@compiles(json_boolean, "sqlite")
def _boolean_sqlite(element, compiler, **kw) -> str:
    c, k = _column_and_key(element, compiler, **kw)
    return f"CASE WHEN json_type({c}, {k}) IN ('true', 'false') THEN json_extract({c}, {k}) END"


@compiles(json_instant, "sqlite")
def _instant_sqlite(element, compiler, **kw) -> str:
    c, k = _column_and_key(element, compiler, **kw)
    # Only text that starts with a real ISO date: strftime would also read "12" as a Julian day number
    # and take "2025-02-30" as it is (date() with a modifier normalizes it to another day).
    value = f"json_extract({c}, {k})"
    return (
        f"CASE WHEN json_type({c}, {k}) = 'text'"
        f" AND {value} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
        f" AND date(substr({value}, 1, 10), '+0 days') = substr({value}, 1, 10)"
        f" THEN strftime('{SQLITE_INSTANT}', {value}) END"
    )


@compiles(json_trusted_instant, "sqlite")
def _trusted_instant_sqlite(element, compiler, **kw) -> str:
    return "strftime('{}', json_extract({}, {}))".format(
        SQLITE_INSTANT, *_column_and_key(element, compiler, **kw)
    )


@compiles(json_labels, "sqlite")
def _labels_sqlite(element, compiler, **kw) -> str:
    return "(SELECT group_concat(value, char(31)) FROM json_each({}, {}))".format(
        *_column_and_key(element, compiler, **kw)
    )


@compiles(json_elements, "sqlite")
def _elements_sqlite(element, compiler, **kw) -> str:
    return "json_each({}, {})".format(*_column_and_key(element, compiler, **kw))


# PostgreSQL (JSONB): ->> gives the value as text (numbers as their digits, booleans true/false),
# jsonb_typeof names the kind.


@compiles(json_has_key, "postgresql")
def _has_key_postgresql(element, compiler, **kw) -> str:
    return "({} ? {})".format(*_column_and_key(element, compiler, **kw))


@compiles(json_string, "postgresql")
@compiles(json_text, "postgresql")
def _text_postgresql(element, compiler, **kw) -> str:
    return "({} ->> {})".format(*_column_and_key(element, compiler, **kw))


@compiles(json_number, "postgresql")
def _number_postgresql(element, compiler, **kw) -> str:
    c, k = _column_and_key(element, compiler, **kw)
    return f"CASE WHEN jsonb_typeof({c} -> {k}) = 'number' THEN ({c} ->> {k})::numeric END"


@compiles(json_trusted_number, "postgresql")
def _trusted_number_postgresql(element, compiler, **kw) -> str:
    return "({} ->> {})::numeric".format(*_column_and_key(element, compiler, **kw))


@compiles(json_boolean, "postgresql")
def _boolean_postgresql(element, compiler, **kw) -> str:
    c, k = _column_and_key(element, compiler, **kw)
    return f"CASE WHEN jsonb_typeof({c} -> {k}) = 'boolean' THEN ({c} ->> {k})::boolean END"


@compiles(json_trusted_boolean, "postgresql")
def _trusted_boolean_postgresql(element, compiler, **kw) -> str:
    return "({} ->> {})::boolean".format(*_column_and_key(element, compiler, **kw))


@compiles(json_instant, "postgresql")
def _instant_postgresql(element, compiler, **kw) -> str:
    c, k = _column_and_key(element, compiler, **kw)
    return (
        f"(CASE WHEN jsonb_typeof({c} -> {k}) = 'string'"
        f' THEN {POSTGRES_INSTANT_FUNCTION}({c} ->> {k}) END COLLATE "C")'
    )


@compiles(json_trusted_instant, "postgresql")
def _trusted_instant_postgresql(element, compiler, **kw) -> str:
    # Stored dates are YYYY-MM-DD and date-times UTC with a Z, which a cast to timestamp reads as UTC.
    return "(to_char(({} ->> {})::timestamp, '{}') COLLATE \"C\")".format(
        *_column_and_key(element, compiler, **kw), POSTGRES_INSTANT
    )


@compiles(json_labels, "postgresql")
def _labels_postgresql(element, compiler, **kw) -> str:
    return (
        "(SELECT string_agg(label, chr(31) ORDER BY position)"
        " FROM jsonb_array_elements_text({} -> {}) WITH ORDINALITY AS labels(label, position))"
    ).format(*_column_and_key(element, compiler, **kw))


@compiles(json_elements, "postgresql")
def _elements_postgresql(element, compiler, **kw) -> str:
    return "jsonb_array_elements_text({} -> {})".format(*_column_and_key(element, compiler, **kw))


def json_value(column: ColumnElement[Any], key: str, kind: str, *, trusted: bool) -> ColumnElement[Any]:
    """The typed accessor of ``kind`` (``text``, ``number``, ``boolean``, ``instant``) for one key;
    ``trusted`` when the field's type guarantees that kind."""
    accessors: dict[tuple[str, bool], type[_JsonAccessor]] = {
        ("text", True): json_string,
        ("text", False): json_text,
        ("number", True): json_trusted_number,
        ("number", False): json_number,
        ("boolean", True): json_trusted_boolean,
        ("boolean", False): json_boolean,
        ("instant", True): json_trusted_instant,
        ("instant", False): json_instant,
    }
    return accessors[kind, trusted](column, key)


# --- writes --------------------------------------------------------------------------------------


def insert_ignoring_duplicates(session: Session, table: Any) -> Insert:
    """``INSERT`` that skips rows whose unique key already exists (``ON CONFLICT DO NOTHING``)."""
    if session.get_bind().dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # imported only here: a server on SQLite never loads the PostgreSQL dialect
        from sqlalchemy.dialects.postgresql import insert
    return insert(table).on_conflict_do_nothing()
