"""Bulk imports: accepting a request, reporting its status, and running it batch by batch.

A batch's rows, the import's counters and its ``processed`` position are committed in one
transaction, so an import interrupted at any point (a restart, a crash) resumes after the last
committed batch without creating any contact twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Row, insert, literal, select, update
from sqlalchemy.orm import Session

from app.schema import (
    BulkCreateRequest,
    ContactCreate,
    ContactUpdate,
    ErrorItem,
    ImportStatus,
    MergeType,
    error_items,
)
from app.schema.base import NUL

from .. import models as m
from ..auth import Principal
from ..db import Database
from ..dialect import insert_ignoring_duplicates
from ..errors import NotFound, Unprocessable
from . import contact_lists, contacts, custom_values
from .common import path_uuid
from .custom_values import FieldDef
from .import_queue import UNFINISHED

log = logging.getLogger(__name__)

BATCH_SIZE = 500
JOB_COLUMNS = (
    m.ContactImport.id,
    m.ContactImport.workspace_id,
    m.ContactImport.status,
    m.ContactImport.processed,
    m.ContactImport.total,
)


def submit(session: Session, principal: Principal, body: BulkCreateRequest) -> str:
    """Queue an import (``pending``); the list to add contacts to must exist (404 otherwise)."""
    if body.contact_list_uuid is not None:
        contact_lists.get_row(session, principal, str(body.contact_list_uuid))
    now = m.utcnow()
    row = m.ContactImport(
        workspace_id=principal.workspace_id,
        status=ImportStatus.PENDING.value,
        payload={**body.to_wire(), "submitted_by": principal.token_uuid},
        total=len(body.contacts),
        failures=[],
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row.uuid


def status(session: Session, principal: Principal, import_uuid: str) -> dict[str, Any]:
    row = session.execute(
        select(
            m.ContactImport.uuid,
            m.ContactImport.status,
            m.ContactImport.total,
            m.ContactImport.created,
            m.ContactImport.failed,
            m.ContactImport.skipped,
            m.ContactImport.failures,
        ).where(
            m.ContactImport.uuid == path_uuid(import_uuid, "Contact import"),
            m.ContactImport.workspace_id == principal.workspace_id,
        )
    ).first()
    if row is None:
        raise NotFound("Contact import")
    return {
        "contact_import_uuid": row.uuid,
        "status": row.status,
        "summary": {"total": row.total, "created": row.created, "failed": row.failed, "skipped": row.skipped},
        "failures": row.failures,
    }


class ImportRunner:
    """Runs unfinished imports, oldest first, one batch per call of :meth:`run_batch`."""

    def __init__(self, database: Database, batch_size: int = BATCH_SIZE) -> None:
        self._database = database
        self._batch_size = batch_size
        self._payload: tuple[int, dict[str, Any]] | None = None  # the current import's request
        self._last_moment: datetime | None = None

    def run_batch(self) -> bool:
        """Process the next batch of the oldest unfinished import; ``False`` when there is none."""
        job_id: int | None = None
        try:
            with self._database.write() as session, session.begin():
                job = session.execute(
                    select(*JOB_COLUMNS)
                    .where(m.ContactImport.status.in_(UNFINISHED))
                    .order_by(m.ContactImport.id)
                    .limit(1)
                ).first()
                if job is None:
                    return False
                job_id = job.id
                self._run(session, job)
        except Exception:
            log.exception("Contact import %s failed", job_id)
            self._mark_failed(job_id)
        return True

    def _run(self, session: Session, job: Row) -> None:
        request = self._request(session, job.id)
        rows = request["contacts"][job.processed : job.processed + self._batch_size]
        batch = _Batch(session, job.workspace_id, request, rows, self._clock)
        for offset, row in enumerate(rows):
            batch.apply(job.processed + offset, row)
        batch.write()
        done = job.processed + len(rows) >= job.total
        now = m.utcnow()
        session.execute(
            update(m.ContactImport)
            .where(m.ContactImport.id == job.id)
            .values(
                status=ImportStatus.COMPLETED.value if done else ImportStatus.PROCESSING.value,
                processed=m.ContactImport.processed + len(rows),
                created=m.ContactImport.created + batch.created,
                failed=m.ContactImport.failed + batch.failed,
                skipped=m.ContactImport.skipped + batch.skipped,
                updated_at=now,
                finished_at=now if done else None,
                **({"failures": self._failures(session, job.id) + batch.failures} if batch.failures else {}),
            )
        )
        if done:
            self._payload = None

    def _request(self, session: Session, job_id: int) -> dict[str, Any]:
        if self._payload is None or self._payload[0] != job_id:
            payload = session.scalar(select(m.ContactImport.payload).where(m.ContactImport.id == job_id))
            self._payload = (job_id, payload)
        return self._payload[1]

    @staticmethod
    def _failures(session: Session, job_id: int) -> list[dict[str, Any]]:
        return session.scalar(select(m.ContactImport.failures).where(m.ContactImport.id == job_id)) or []

    def _clock(self) -> datetime:
        """Now, strictly after the previous call: rows imported in order are created in order."""
        now = m.utcnow()
        if self._last_moment is not None and now <= self._last_moment:
            now = self._last_moment + timedelta(microseconds=1)
        self._last_moment = now
        return now

    def _mark_failed(self, job_id: int | None) -> None:
        if job_id is None:
            return
        self._payload = None
        with self._database.write() as session, session.begin():
            now = m.utcnow()
            session.execute(
                update(m.ContactImport)
                .where(m.ContactImport.id == job_id)
                .values(
                    status=ImportStatus.FAILED.value,
                    error="The import stopped on an unexpected error.",
                    updated_at=now,
                    finished_at=now,
                )
            )


class _Batch:
    """The rows of one batch: matched, validated and written together."""

    def __init__(
        self,
        session: Session,
        workspace_id: int,
        request: dict[str, Any],
        rows: list[dict[str, Any]],
        clock: Callable[[], datetime],
    ) -> None:
        self.session = session
        self.workspace_id = workspace_id
        self.request = request
        self.clock = clock
        self.match_field: str | None = request.get("match_on_field")
        self.merge = MergeType(request.get("merge_type") or MergeType.CREATE_OR_UPDATE)
        self.definitions: dict[str, FieldDef] = custom_values.load_definitions(session, workspace_id)
        self.targets: dict[str, dict[str, Any]] = {}  # match value → the contact it matches
        self.new_rows: list[dict[str, Any]] = []
        self.changed: dict[int, dict[str, Any]] = {}  # existing contacts updated, by id
        self.imported: list[str] = []
        self.created = self.failed = self.skipped = 0
        self.failures: list[dict[str, Any]] = []
        self._prefetch(rows)

    def _match_value(self, row: dict[str, Any]) -> str | None:
        """The row's value to match on; none when it is blank or could never be stored (a NUL)."""
        value = row.get(self.match_field) if self.match_field else None
        return value if isinstance(value, str) and value.strip() and NUL not in value else None

    def _prefetch(self, rows: list[dict[str, Any]]) -> None:
        """The oldest existing contact (by created_at, then uuid) holding each match value."""
        values = {v for v in map(self._match_value, rows) if v}
        if not values or self.match_field is None:
            return
        column = getattr(m.Contact, self.match_field)
        found = self.session.execute(
            select(*m.Contact.__table__.c)
            .where(m.Contact.workspace_id == self.workspace_id, column.in_(values))
            .order_by(m.Contact.created_at, m.Contact.uuid)
        )
        for contact in found:
            self.targets.setdefault(contact._mapping[self.match_field], dict(contact._mapping))

    def apply(self, index: int, row: dict[str, Any]) -> None:
        value = self._match_value(row)
        target = self.targets.get(value) if value else None
        if (target is None and self.merge is MergeType.UPDATE) or (
            target is not None and self.merge is MergeType.CREATE
        ):
            self.skipped += 1
            return
        try:
            if target is None:
                self._create(row, value)
            else:
                self._update(target, row)
        except ValidationError as exc:
            self._fail(index, error_items(exc))
        except Unprocessable as exc:
            self._fail(index, exc.details if isinstance(exc.details, list) else [])

    def _create(self, row: dict[str, Any], value: str | None) -> None:
        body = ContactCreate.model_validate(row)
        state = {
            **contacts.new_row_values(body, self.definitions, self.clock()),
            "uuid": m.new_uuid(),
            "workspace_id": self.workspace_id,
        }
        self.new_rows.append(state)
        if value is not None:
            self.targets[value] = state
        self._imported(state)

    def _update(self, target: dict[str, Any], row: dict[str, Any]) -> None:
        body = ContactUpdate.model_validate(row)
        changes = contacts.changed_values(SimpleNamespace(**target), body, self.definitions)
        if changes:
            target.update(changes, updated_at=self.clock())
            if "id" in target:
                self.changed[target["id"]] = target
        self._imported(target)

    def _imported(self, state: dict[str, Any]) -> None:
        self.created += 1
        self.imported.append(state["uuid"])

    def _fail(self, index: int, errors: list[ErrorItem]) -> None:
        self.failed += 1
        self.failures.append({"index": index, "errors": [e.model_dump(by_alias=True) for e in errors]})

    def write(self) -> None:
        if self.new_rows:
            self.session.execute(insert(m.Contact.__table__), self.new_rows)
        if self.changed:
            self.session.execute(update(m.Contact), list(self.changed.values()))  # by primary key
        list_uuid = self.request.get("contact_list_uuid")
        if list_uuid and self.imported:
            self._add_to_list(list_uuid)

    def _add_to_list(self, list_uuid: str) -> None:
        """Add the imported contacts to the list (those already in it stay); a list deleted since the
        import was accepted is skipped."""
        target = self.session.scalar(
            select(m.ContactList).where(
                m.ContactList.uuid == list_uuid, m.ContactList.workspace_id == self.workspace_id
            )
        )
        if target is None:
            return
        members = select(literal(target.id), m.Contact.id, literal(m.utcnow(), m.UTCDateTime())).where(
            m.Contact.workspace_id == self.workspace_id, m.Contact.uuid.in_(set(self.imported))
        )
        added = self.session.execute(
            insert_ignoring_duplicates(self.session, m.ContactListMember).from_select(
                ["contact_list_id", "contact_id", "added_at"], members
            )
        )
        if added.rowcount:
            target.updated_at = m.utcnow()
            target.updated_by = self.request.get("submitted_by", target.updated_by)
