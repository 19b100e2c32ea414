"""Does the detail pane's I/O: tab data, saving (with the conflict check), notes and list membership.

Every request runs through ``Operations.run``. Failures are shown where they happened (the field,
the tab, the note dialog) and the user's input stays; a refused token (401) is also re-raised so
that ``Operations`` can ask for a new one and run the work again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from app.api import UnauthorizedError, never_applied
from app.schema import Contact, ContactList, Note

from .connection import Connection
from .contact_draft import ContactDraft, compare
from .contacts_model import ContactsTableModel
from .definitions import CustomFieldDefinitions
from .detail_pane import CUSTOM_FIELDS, LISTS, NOTES, ContactDetailPane, contact_name
from .main_window import MainWindow
from .notes_tab import NoteInput
from .operations import EXPECTED_ERRORS, Operations

T = TypeVar("T")
PAGE = 100


@dataclass(frozen=True, slots=True)
class _Saved:
    contact: Contact
    created: bool


@dataclass(frozen=True, slots=True)
class _Conflict:
    theirs: Contact


class DetailController(QObject):
    """Feeds the detail pane and carries out what it asks; keeps the table row in step after a save.

    ``listsChanged`` is emitted after the contact joined or left a list (list counts changed).
    """

    listsChanged = Signal()

    def __init__(
        self,
        window: MainWindow,
        model: ContactsTableModel,
        connection: Connection,
        operations: Operations,
        definitions: CustomFieldDefinitions,
    ) -> None:
        super().__init__(window)
        self._pane: ContactDetailPane = window.detail
        self._model = model
        self._connection = connection
        self._operations = operations
        self._definitions = definitions
        self._definitions_wanted = False  # the Custom fields tab waits for the shared definitions
        self._loads: dict[str, asyncio.Task[None]] = {}
        pane = self._pane
        definitions.changed.connect(self._definitions_changed)
        definitions.failed.connect(self._definitions_failed)
        pane.saveRequested.connect(self._save)
        pane.dataWanted.connect(self._load)
        pane.notes.createRequested.connect(self._create_note)
        pane.notes.replaceRequested.connect(self._replace_note)
        pane.notes.deleteRequested.connect(self._delete_note)
        pane.lists.addRequested.connect(self._add_to_list)
        pane.lists.removeRequested.connect(self._remove_from_list)
        pane.lists.choicesWanted.connect(self._load_list_choices)
        window.reloadRequested.connect(pane.refresh)

    # -- running requests --------------------------------------------------------------------------

    def _run(
        self,
        kind: str | None,
        work: Callable[[], Awaitable[T]],
        *,
        description: str,
        on_success: Callable[[T], Any],
        on_failure: Callable[[Exception], Any],
    ) -> None:
        """Run ``work``; failures go to ``on_failure``.

        A load (``kind`` given) cancels the previous load of the same kind, whose answer is outdated;
        writes (``kind`` None) are never cancelled.
        """

        async def guarded() -> T | None:
            try:
                return await work()
            except UnauthorizedError as exc:
                on_failure(exc)
                raise  # Operations asks for a new token and may run this again
            except EXPECTED_ERRORS as exc:
                on_failure(exc)
                return None

        def succeeded(result: T | None) -> None:
            if result is not None:
                on_success(result)

        task = self._operations.run(guarded, description=description, on_success=succeeded)
        if kind is None:
            return
        previous = self._loads.pop(kind, None)
        if previous is not None:
            previous.cancel()
        self._loads[kind] = task
        task.add_done_callback(lambda done: self._loads.pop(kind) if self._loads.get(kind) is done else None)

    async def _call(self, request: Callable[[Any], Awaitable[T]]) -> T:
        return await self._connection.call(request)

    # -- tab data ----------------------------------------------------------------------------------

    def _load(self, key: str) -> None:
        pane = self._pane
        if key == CUSTOM_FIELDS:
            definitions = self._definitions
            if definitions.loaded:
                pane.set_definitions(list(definitions.all))  # a newer load in flight follows on `changed`
                return
            self._definitions_wanted = True
            if not definitions.loading:
                definitions.reload()
            return
        contact = pane.contact
        if contact is None:
            return
        uuid = contact.uuid
        if key == LISTS:
            self._run(
                LISTS,
                lambda: self._call(lambda c: c.contact_lists.of_contact(uuid, limit=PAGE).all()),
                description=f"Loading the lists of {contact_name(contact)}",
                on_success=lambda lists: pane.show_lists(uuid, lists),
                on_failure=lambda exc: pane.tab_failed(LISTS, uuid, str(exc)),
            )
        elif key == NOTES:
            self._run(
                NOTES,
                lambda: self._call(lambda c: c.notes.list(uuid, limit=PAGE).all()),
                description=f"Loading the notes of {contact_name(contact)}",
                on_success=lambda notes: pane.show_notes(uuid, notes),
                on_failure=lambda exc: pane.tab_failed(NOTES, uuid, str(exc)),
            )

    def _definitions_changed(self) -> None:
        """The shared definitions changed (F5, the Custom fields screen): the tab follows, edits kept."""
        if self._definitions_wanted or self._pane.custom_fields.has_definitions:
            self._definitions_wanted = False
            self._pane.set_definitions(list(self._definitions.all))

    def _definitions_failed(self, message: str) -> None:
        if self._definitions_wanted and not self._definitions.loaded:
            self._definitions_wanted = False
            self._pane.definitions_failed(message)

    def _load_list_choices(self) -> None:
        lists_tab = self._pane.lists
        self._run(
            "list choices",
            lambda: self._call(lambda c: c.contact_lists.list(limit=PAGE).all()),
            description="Loading the workspace's lists",
            on_success=lists_tab.set_choices,
            on_failure=lambda exc: lists_tab.action_failed(f"Could not load the lists to choose from: {exc}"),
        )

    # -- saving ------------------------------------------------------------------------------------

    def _save(self, draft: ContactDraft) -> None:
        pane = self._pane
        self._run(
            None,
            lambda: self._send(draft),
            description="Creating a contact" if draft.is_new else f"Saving {contact_name(draft.base)}",
            on_success=self._save_answered,
            on_failure=lambda exc: pane.save_failed(
                exc, maybe_created=draft.is_new and not never_applied(exc)
            ),
        )

    async def _send(self, draft: ContactDraft) -> _Saved | _Conflict:
        if draft.base is None:
            body = draft.create_body()
            created = await self._call(lambda c: c.contacts.create(body))
            return _Saved(created, created=True)
        uuid = draft.base.uuid
        theirs = await self._call(lambda c: c.contacts.get(uuid))
        if theirs.updated_at != draft.base.updated_at:
            if not any(row.differs for row in compare(draft, theirs, {})):
                # The server holds exactly this edit already: an earlier save whose answer was
                # lost (a timeout, a broken answer) got there. Nothing to decide, nothing to send.
                return _Saved(theirs, created=False)
            return _Conflict(theirs)
        body = draft.update_body()
        return _Saved(await self._call(lambda c: c.contacts.update(uuid, body)), created=False)

    def _save_answered(self, answer: _Saved | _Conflict) -> None:
        pane = self._pane
        if isinstance(answer, _Conflict):
            pane.show_conflict(answer.theirs)
            return
        pane.saved(answer.contact, created=answer.created)
        if answer.created:
            self._model.reload()  # where a new contact goes depends on the view's order
        else:
            self._model.replace_contact(answer.contact)

    # -- notes -------------------------------------------------------------------------------------

    def _create_note(self, entered: NoteInput) -> None:
        contact, notes = self._pane.contact, self._pane.notes
        if contact is None:
            return
        uuid = contact.uuid
        self._run(
            None,
            lambda: self._call(
                lambda c: c.notes.create(uuid, title=entered.title, content={"text": entered.text})
            ),
            description="Creating a note",
            on_success=lambda note: self._note_saved(uuid, note),
            on_failure=notes.note_save_failed,
        )

    def _replace_note(self, note: Note, entered: NoteInput) -> None:
        contact, notes = self._pane.contact, self._pane.notes
        if contact is None:
            return
        uuid = contact.uuid
        self._run(
            None,
            lambda: self._call(
                lambda c: c.notes.replace(
                    uuid, note.uuid, title=entered.title, content={"text": entered.text}
                )
            ),
            description="Saving the note",
            on_success=lambda saved: self._note_saved(uuid, saved),
            on_failure=notes.note_save_failed,
        )

    def _note_saved(self, contact_uuid: Any, note: Note) -> None:
        if self._pane.contact is not None and self._pane.contact.uuid == contact_uuid:
            self._pane.notes.note_saved(note)

    def _delete_note(self, note: Note) -> None:
        contact, notes = self._pane.contact, self._pane.notes
        if contact is None:
            return
        uuid = contact.uuid

        async def delete() -> bool:
            await self._call(lambda c: c.notes.delete(uuid, note.uuid))
            return True

        self._run(
            None,
            delete,
            description="Deleting the note",
            on_success=lambda _done: notes.note_deleted(note.uuid),
            on_failure=lambda exc: notes.action_failed(f"The note was not deleted: {exc}"),
        )

    # -- lists -------------------------------------------------------------------------------------

    def _add_to_list(self, contact_list: ContactList) -> None:
        contact, lists_tab = self._pane.contact, self._pane.lists
        if contact is None:
            return
        uuid = contact.uuid
        self._run(
            None,
            lambda: self._call(lambda c: c.contact_lists.add_contacts(contact_list.uuid, [uuid])),
            description=f"Adding {contact_name(contact)} to {contact_list.name}",
            on_success=lambda result: self._membership_changed(
                uuid, lambda: lists_tab.show_result(contact_list, result)
            ),
            on_failure=lambda exc: lists_tab.action_failed(f"Not added to {contact_list.name}: {exc}"),
        )

    def _remove_from_list(self, contact_list: ContactList) -> None:
        contact, lists_tab = self._pane.contact, self._pane.lists
        if contact is None:
            return
        uuid = contact.uuid

        async def remove() -> bool:
            await self._call(lambda c: c.contact_lists.remove_contacts(contact_list.uuid, [uuid]))
            return True

        self._run(
            None,
            remove,
            description=f"Removing {contact_name(contact)} from {contact_list.name}",
            on_success=lambda _done: self._membership_changed(
                uuid, lambda: lists_tab.show_removed(contact_list)
            ),
            on_failure=lambda exc: lists_tab.action_failed(f"Not removed from {contact_list.name}: {exc}"),
        )

    def _membership_changed(self, contact_uuid: Any, report: Callable[[], None]) -> None:
        self.listsChanged.emit()
        pane = self._pane
        if pane.contact is None or pane.contact.uuid != contact_uuid:
            return
        report()
        self._run(
            LISTS,
            lambda: self._call(lambda c: c.contact_lists.of_contact(contact_uuid, limit=PAGE).all()),
            description=f"Loading the lists of {contact_name(pane.contact)}",
            on_success=lambda lists: pane.show_lists(contact_uuid, lists),
            on_failure=lambda exc: pane.tab_failed(LISTS, contact_uuid, str(exc)),
        )
