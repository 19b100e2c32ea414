"""The check before sending: every row of the file turned into a contact, or a reason it cannot be.

``prepare`` streams the file once (blocking: run it in a worker thread) and returns the contacts to
send, each with its row number, and the rows left out with their reasons:

- no identifier (none of email, phone number, WhatsApp, Messenger or external ID has a value);
- a value the mapped field does not take (a custom field's type, a contact field's length);
- a row with more values than the header has columns (a delimiter inside an unquoted value shifts
  every later value: importing it would put data in the wrong fields);
- a duplicate: its identifier (the match field, or without one any mapped identifier) was seen on
  an earlier row of the file (left out unless the options keep duplicates).

Empty cells are left out of the contact: an import never clears a value that is stored.
The same file, mapping, options and field definitions always give the same result, which is what
makes resuming an import safe.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from app.schema import IDENTIFIER_FIELDS, ContactWrite, CustomField, MatchField, MergeType, has_identifier

from .csv_source import CsvFormat, CsvReadError, headers_from, iter_records
from .targets import CONTACT_FIELDS, Target, TargetKind
from .values import ValueConverter

#: How often (in rows) ``prepare`` reports progress and looks for a cancel.
PROGRESS_EVERY = 2_000


class ProblemKind(StrEnum):
    NO_IDENTIFIER = "no_identifier"
    BAD_VALUE = "bad_value"
    EXTRA_VALUES = "extra_values"
    DUPLICATE = "duplicate"


PROBLEM_LABELS: dict[ProblemKind, str] = {
    ProblemKind.NO_IDENTIFIER: "No identifier",
    ProblemKind.BAD_VALUE: "Value not accepted",
    ProblemKind.EXTRA_VALUES: "More values than columns",
    ProblemKind.DUPLICATE: "Duplicate in the file",
}


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How rows meet existing contacts, and where they go (see the reference's Merge Strategies)."""

    match_on_field: MatchField | None = None
    merge_type: MergeType = MergeType.CREATE_OR_UPDATE
    contact_list_uuid: UUID | None = None
    contact_list_name: str | None = None
    skip_duplicates: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "match_on_field": self.match_on_field.value if self.match_on_field else None,
            "merge_type": self.merge_type.value,
            "contact_list_uuid": str(self.contact_list_uuid) if self.contact_list_uuid else None,
            "contact_list_name": self.contact_list_name,
            "skip_duplicates": self.skip_duplicates,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportOptions:
        return cls(
            match_on_field=MatchField(data["match_on_field"]) if data.get("match_on_field") else None,
            merge_type=MergeType(data.get("merge_type") or MergeType.CREATE_OR_UPDATE),
            contact_list_uuid=UUID(data["contact_list_uuid"]) if data.get("contact_list_uuid") else None,
            contact_list_name=data.get("contact_list_name"),
            skip_duplicates=bool(data.get("skip_duplicates", True)),
        )


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row left out by the check: its spreadsheet row number, what is wrong, and why."""

    row: int
    kind: ProblemKind
    reason: str


@dataclass
class PreparedImport:
    """The outcome of the check: ``contacts[i]`` comes from spreadsheet row ``rows[i]``."""

    headers: list[str]
    contacts: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0

    @property
    def problem_counts(self) -> Counter[ProblemKind]:
        return Counter(problem.kind for problem in self.problems)


class PrepareCancelled(Exception):
    """The check was cancelled."""


class RowBuilder:
    """Turns one CSV record into a contact body, with the problems found."""

    def __init__(self, targets: Sequence[Target], fields: Sequence[CustomField]) -> None:
        by_key = {f.field_key: f for f in fields}
        self.width = len(targets)
        self.contact_columns: list[tuple[int, str]] = []
        self.custom_columns: list[tuple[int, ValueConverter]] = []
        for column, target in enumerate(targets):
            if target.kind is TargetKind.CONTACT:
                self.contact_columns.append((column, target.key))
            elif target.kind is TargetKind.CUSTOM:
                definition = by_key.get(target.key)
                if definition is None:
                    raise ValueError(f"There is no custom field with the key '{target.key}'.")
                self.custom_columns.append((column, ValueConverter(definition)))

    def build(self, record: list[str]) -> tuple[dict[str, Any], list[tuple[ProblemKind, str]]]:
        problems: list[tuple[ProblemKind, str]] = []
        if len(record) > self.width and any(v.strip() for v in record[self.width :]):
            problems.append(
                (
                    ProblemKind.EXTRA_VALUES,
                    f"The row has {len(record)} values but the header has {self.width} columns "
                    "(a delimiter inside an unquoted value?).",
                )
            )
        body: dict[str, Any] = {}
        for column, key in self.contact_columns:
            if column < len(record) and (text := record[column].strip()):
                body[key] = text
        custom: dict[str, Any] = {}
        for column, converter in self.custom_columns:
            if column >= len(record):
                continue
            definition = converter.field
            try:
                value = converter(record[column])
            except ValueError as exc:
                problems.append((ProblemKind.BAD_VALUE, f"{definition.name}: the value {exc}."))
                continue
            if value is not None:
                custom[definition.field_key] = value
        if custom:
            body["custom_fields"] = custom
        try:
            ContactWrite.model_validate(body)
        except ValidationError as exc:
            for error in exc.errors():
                name = CONTACT_FIELDS.get(str(error["loc"][0]), str(error["loc"][0])) if error["loc"] else ""
                problems.append((ProblemKind.BAD_VALUE, f"{name}: {error['msg']}."))
        if not has_identifier(body):
            problems.append(
                (
                    ProblemKind.NO_IDENTIFIER,
                    "No identifier: the row needs an email, phone number, WhatsApp ID, Messenger ID "
                    "or external ID.",
                )
            )
        return body, problems


class DuplicateFinder:
    """Remembers identifiers seen on earlier rows (case-insensitively)."""

    def __init__(self, targets: Sequence[Target], options: ImportOptions) -> None:
        mapped = {t.key for t in targets if t.kind is TargetKind.CONTACT}
        if options.match_on_field is not None:
            self.fields: tuple[str, ...] = (options.match_on_field.value,)
        else:
            self.fields = tuple(f for f in IDENTIFIER_FIELDS if f in mapped)
        self.seen: dict[tuple[str, str], int] = {}

    def first_row_with(self, body: dict[str, Any], row: int) -> tuple[str, int] | None:
        """The field and the earlier row holding one of this row's identifiers; else remembers them."""
        keys = [(f, body[f].casefold()) for f in self.fields if body.get(f)]
        for key in keys:
            if key in self.seen:
                return key[0], self.seen[key]
        for key in keys:
            self.seen[key] = row
        return None


def prepare(
    path: Path,
    fmt: CsvFormat,
    targets: Sequence[Target],
    fields: Sequence[CustomField],
    options: ImportOptions,
    *,
    on_progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> PreparedImport:
    """Read the whole file and check every row (blocking; see the module's docstring)."""
    builder = RowBuilder(targets, fields)
    duplicates = DuplicateFinder(targets, options)
    records = iter_records(path, fmt)
    try:
        header = next(records, None)
        if header is None:
            raise CsvReadError(f"{path.name} is empty.")
        result = PreparedImport(headers_from(header[1]))
        if len(result.headers) != len(targets):
            raise ValueError(
                f"The mapping has {len(targets)} columns but the file has {len(result.headers)}."
            )
        for row, record in records:
            result.rows_read += 1
            if result.rows_read % PROGRESS_EVERY == 0:
                if cancel is not None and cancel.is_set():
                    raise PrepareCancelled
                if on_progress is not None:
                    on_progress(result.rows_read)
            body, problems = builder.build(record)
            if not problems:
                earlier = duplicates.first_row_with(body, row)
                if earlier is not None:
                    name = CONTACT_FIELDS[earlier[0]]
                    if options.skip_duplicates:
                        problems.append(
                            (
                                ProblemKind.DUPLICATE,
                                f"Duplicate: row {earlier[1]} has the same {name.lower()}.",
                            )
                        )
            if problems:
                reason = " ".join(reason for _, reason in problems)
                result.problems.append(RowProblem(row, problems[0][0], reason))
                continue
            result.contacts.append(body)
            result.rows.append(row)
    finally:
        records.close()
    if on_progress is not None:
        on_progress(result.rows_read)
    return result
