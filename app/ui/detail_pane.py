"""The detail pane: the selected contact in four tabs (Details, Custom fields, Lists, Notes), edited in place.

Details and Custom fields form one edit: the user types in place, and Save (Ctrl+S) sends both
together; Revert (Esc) asks before dropping the changes. While there are unsaved changes the pane
stays on that contact even if another row is selected (it says so, and follows the selection once
the changes are saved or reverted). Lists and Notes act at once, each with its own buttons.

The pane does no I/O: it emits what it needs (``saveRequested``, ``dataWanted``) and the
``DetailController`` answers through its methods.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.api import UnauthorizedError, ValidationError
from app.schema import Contact, ContactList, CustomField, Note

from .conflict_dialog import Choice, ConflictDialog, Resolution
from .contact_draft import CUSTOM_PREFIX, ContactDraft, compare, rebase, same_value
from .contact_form import ContactForm
from .custom_fields_tab import CustomFieldsTab
from .detail_hint import DETAIL_MIN_WIDTH, HINT, hint_label
from .feedback import ErrorLabel, confirm
from .lists_tab import ListsTab
from .notes_tab import NotesTab
from .shortcuts import local_shortcut

DETAILS, CUSTOM_FIELDS, LISTS, NOTES = "details", "custom_fields", "lists", "notes"
SAVED_MESSAGE_MS = 4000
LOADING_HINT = "Loading…"
#: How long a contact stays shown while the next selected row's contact loads, before "Loading…".
LOADING_HINT_DELAY_MS = 300


def contact_name(contact: Contact | None) -> str:
    if contact is None:
        return "New contact"
    name = " ".join(part for part in (contact.first_name, contact.last_name) if part)
    return name or contact.email or contact.external_contact_id or contact.phone_number or "Unnamed contact"


class _Selection:
    """What the table selected while the pane was busy with unsaved changes."""

    def __init__(self, contact: Contact | None, hint: str = HINT) -> None:
        self.contact = contact
        self.hint = hint


class ContactDetailPane(QStackedWidget):
    """Shows one contact (``show_contact``), a new-contact form (``new_contact``), or a hint."""

    saveRequested = Signal(object)  # ContactDraft
    dataWanted = Signal(str)  # CUSTOM_FIELDS (the definitions), LISTS or NOTES of ``contact``

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDetail")
        self.setMinimumWidth(DETAIL_MIN_WIDTH)
        self._hint = hint_label()
        self.addWidget(self._hint)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("contactTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(60)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.form = ContactForm()
        details = QScrollArea()
        details.setWidgetResizable(True)
        details.setFrameShape(QScrollArea.Shape.NoFrame)
        details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        details.setWidget(self.form)
        self.custom_fields = CustomFieldsTab()
        self.lists = ListsTab()
        self.notes = NotesTab()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Contact details")
        self._tab_keys = [DETAILS, CUSTOM_FIELDS, LISTS, NOTES]
        for widget, title in (
            (details, "&Details"),
            (self.custom_fields, "C&ustom fields"),
            (self.lists, "&Lists"),
            (self.notes, "N&otes"),
        ):
            self.tabs.addTab(widget, title)
        layout.addWidget(self.tabs, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Editing status")
        self.error = ErrorLabel()
        self.error.setAccessibleName("Save problem")
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Drop your unsaved changes (Esc)")
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save the contact (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.addWidget(page)

        self.form.changed.connect(self._update_state)
        self.custom_fields.changed.connect(self._update_state)
        self.custom_fields.retryRequested.connect(lambda: self._retry(CUSTOM_FIELDS))
        self.lists.retryRequested.connect(lambda: self._retry(LISTS))
        self.notes.retryRequested.connect(lambda: self._retry(NOTES))
        self.tabs.currentChanged.connect(lambda _index: self._want_current_tab())
        local_shortcut(
            QKeySequence(Qt.Key.Key_Escape), self, self.revert, Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self._clear_status = QTimer(self, singleShot=True, interval=SAVED_MESSAGE_MS)
        self._clear_status.timeout.connect(self._update_state)
        self._loading_hint = QTimer(self, singleShot=True, interval=LOADING_HINT_DELAY_MS)
        self._loading_hint.timeout.connect(lambda: self.show_hint(LOADING_HINT))

        self._contact: Contact | None = None
        self._is_new = False
        self._saving = False
        self._pending: _Selection | None = None
        self._keep_shown = False  # a contact just created stays while the table reloads
        self._loaded: dict[str, UUID | None] = {LISTS: None, NOTES: None}
        self._definitions_wanted = False
        self._definitions_stale = False  # F5: load them again when the tab is next shown
        self.confirmation: QMessageBox | None = None
        self.conflict: ConflictDialog | None = None
        self._sent: ContactDraft | None = None  # the edit on its way to the server
        self._update_state()

    # -- state -----------------------------------------------------------------------------------

    @property
    def contact(self) -> Contact | None:
        """The contact shown (the version its edit started from); ``None`` for a new one or none."""
        return None if self._is_new else self._contact

    @property
    def is_new(self) -> bool:
        return self._is_new

    @property
    def is_saving(self) -> bool:
        return self._saving

    @property
    def is_editing(self) -> bool:
        return self.currentIndex() == 1

    def draft(self) -> ContactDraft:
        return ContactDraft(
            base=None if self._is_new else self._contact,
            text=self.form.changes(),
            custom=self.custom_fields.changes(),
        )

    def is_dirty(self) -> bool:
        return self.is_editing and self.draft().has_changes

    def field_text(self, attribute: str) -> str:
        """The text shown for a contact member or timestamp (what the user reads)."""
        if attribute in self.form.edits:
            return self.form.edits[attribute].text()
        return self.form.facts[attribute].text()

    def current_tab(self) -> str:
        return self._tab_keys[self.tabs.currentIndex()]

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(self._tab_keys.index(key))

    # -- what the selection shows ------------------------------------------------------------------

    def show_loading(self) -> None:
        """The selected row's contact is still loading.

        A contact shown stays for up to ``LOADING_HINT_DELAY_MS`` before the pane says "Loading…":
        rows mostly arrive sooner, and the pane then goes straight to the next contact, with no
        flash of the hint (and none of the work of switching to it and back) on every Page Down.
        """
        if self.is_editing and not self._busy_with_changes() and not self._keep_shown:
            if not self._loading_hint.isActive():
                self._loading_hint.start()
            return
        self.show_hint(LOADING_HINT)

    def show_hint(self, text: str = HINT) -> None:
        self._loading_hint.stop()
        if self._busy_with_changes():
            self._hold(_Selection(None, text))
            return
        if self._keep_shown:
            return
        self._contact = None
        self._is_new = False
        self._hint.setText(text)
        self.setCurrentIndex(0)
        self._update_state()

    def show_contact(self, contact: Contact) -> None:
        self._keep_shown = False
        if self._busy_with_changes():
            if self._is_new or self._contact is None or contact.uuid != self._contact.uuid:
                self._hold(_Selection(contact))
            return  # same contact: the edit keeps its base; a save compares it with the server's
        self._open(contact)

    def _busy_with_changes(self) -> bool:
        return self.is_editing and (self._saving or self.is_dirty())

    def _hold(self, selection: _Selection) -> None:
        self._pending = selection
        shown = contact_name(self._contact if not self._is_new else None)
        wanted = contact_name(selection.contact) if selection.contact else "another row"
        self.notice.setText(
            f"You selected {wanted}. Save (Ctrl+S) or revert (Esc) your changes to {shown} to see it."
        )
        self.notice.show()

    def _follow_selection(self) -> None:
        pending, self._pending = self._pending, None
        self.notice.hide()
        if pending is None:
            return
        if pending.contact is None:
            self.show_hint(pending.hint)
        else:
            self.show_contact(pending.contact)

    def _open(self, contact: Contact) -> None:
        self._loading_hint.stop()
        changed = self._contact is None or self._is_new or contact.uuid != self._contact.uuid
        self._contact = contact
        self._is_new = False
        self.title.setText(contact_name(contact))
        self.form.set_contact(contact)
        self.custom_fields.set_values(contact.custom_fields)
        self.custom_fields.clear_errors()
        for key in (LISTS, NOTES):
            self.tabs.setTabEnabled(self._tab_keys.index(key), True)
            self.tabs.setTabToolTip(self._tab_keys.index(key), "")
        if changed:
            self._loaded = {LISTS: None, NOTES: None}
            self.lists.show_loading()
            self.notes.show_loading()
        self.error.show_message(None)
        self.setCurrentIndex(1)
        self._update_state()
        self._want_current_tab()

    def new_contact(self) -> None:
        """An empty form for a new contact (after asking, if there are unsaved changes)."""
        if self._saving:
            return
        if self.is_dirty():
            self.confirmation = confirm(
                self,
                "Discard changes",
                f"Discard your unsaved changes to {contact_name(self.draft().base)} and start a new contact?",
                "Discard",
                self._start_new,
                reject_label="Keep editing",
            )
            return
        self._start_new()

    def _start_new(self) -> None:
        """``_contact`` keeps the contact shown before, to go back to it on Cancel."""
        self._loading_hint.stop()
        self._pending = None
        self.notice.hide()
        self._keep_shown = False
        if not self.is_editing:
            self._contact = None
        self._is_new = True
        self.title.setText("New contact")
        self.form.set_contact(None)
        self.custom_fields.set_values({})
        self.custom_fields.clear_errors()
        for key in (LISTS, NOTES):
            self.tabs.setTabEnabled(self._tab_keys.index(key), False)
            self.tabs.setTabToolTip(self._tab_keys.index(key), "Save the contact first")
        self.error.show_message(None)
        self.setCurrentIndex(1)
        self.show_tab(DETAILS)
        self._update_state()
        self.form.focus_first()

    # -- saving ------------------------------------------------------------------------------------

    def save(self) -> None:
        """Check the edit here (identifier rule, lengths), then ask for it to be sent."""
        if not self.is_editing or self._saving:
            return
        draft = self.draft()
        if not draft.is_new and not draft.has_changes:
            self._say("No changes to save.")
            return
        self.form.clear_errors()
        self.custom_fields.clear_errors()
        problem = draft.local_problem()
        if problem is not None:
            self.save_failed(problem)
            return
        self._saving = True
        self._sent = draft
        self.error.show_message(None)
        self._update_state()
        self.saveRequested.emit(draft)

    def saved(self, contact: Contact, *, created: bool = False) -> None:
        """The server saved the edit: show its answer as the new unmodified state.

        What the user typed while the save was on its way stays in the form, unsaved.
        """
        typed = self._typed_since(self._sent)
        self._saving = False
        self._open(contact)
        self.form.apply(typed.text)
        self.custom_fields.apply(typed.custom)
        self._keep_shown = created
        self._say("Contact created." if created else "Saved.")
        if self._pending is not None:
            self._follow_selection()

    def _typed_since(self, sent: ContactDraft | None) -> ContactDraft:
        """The values the form holds now that differ from those ``sent``."""
        now = self.draft()
        if sent is None:
            return ContactDraft(now.base)
        sent_text = sent.result_text()
        text = {name: value for name, value in now.result_text().items() if value != sent_text[name]}
        stored = now.base.custom_fields if now.base else {}
        custom = {}
        for key in now.custom.keys() | sent.custom.keys():
            current = now.custom.get(key, stored.get(key))
            if not same_value(current, sent.custom.get(key, stored.get(key))):
                custom[key] = current
        return ContactDraft(now.base, text, custom)

    def save_failed(self, error: Exception, *, maybe_created: bool = False) -> None:
        """Mark refused fields, or say what failed; the user's changes stay in the form.

        ``maybe_created``: a new contact's request may have reached the server (no usable answer).
        """
        self._saving = False
        self._update_state()
        if maybe_created:
            self.error.show_message(
                f"The contact may have been created: {error} Reload (F5) and look for it before you save"
                " again (Ctrl+S); your changes are kept."
            )
            return
        if isinstance(error, ValidationError):
            unplaced = self._place_field_errors(error.field_errors())
            detail = " ".join(unplaced)
            self.error.show_message(
                "Not saved: " + (detail or "correct the marked fields and save again (Ctrl+S).")
            )
            return
        if isinstance(error, UnauthorizedError):
            self.error.show_message(
                "Not saved: the server refused the token (it may have been revoked). Your changes are kept;"
                " connect with a valid token and save again (Ctrl+S)."
            )
            return
        self.error.show_message(
            f"Not saved: {error} Your changes are kept; save again (Ctrl+S) when the problem is solved."
        )

    def _place_field_errors(self, errors: dict[str, str]) -> list[str]:
        text_errors = {p: m for p, m in errors.items() if not p.startswith(CUSTOM_PREFIX)}
        custom_errors = {
            p.removeprefix(CUSTOM_PREFIX): m for p, m in errors.items() if p.startswith(CUSTOM_PREFIX)
        }
        first_text = self.form.show_errors(text_errors)
        first_custom = self.custom_fields.show_errors(custom_errors)
        placed = set(self.form.errors) | {CUSTOM_PREFIX + k for k in self.custom_fields.editors}
        unplaced = [f"{p}: {m}" if p else m for p, m in errors.items() if p not in placed]
        target, tab = (first_text, DETAILS) if first_text is not None else (first_custom, CUSTOM_FIELDS)
        if target is not None:
            self.show_tab(tab)
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        return unplaced

    def show_conflict(self, theirs: Contact) -> ConflictDialog:
        """The contact changed on the server since it was opened: let the user choose (never silently)."""
        self._saving = False
        self._update_state()
        draft = self.draft()
        rows = compare(draft, theirs, self.custom_fields.labels())
        dialog = ConflictDialog(
            self,
            rows,
            contact_name=contact_name(theirs),
            field_types={d.field_key: d.field_type for d in self.custom_fields.definitions},
            their_updated_at=theirs.updated_at,
        )
        dialog.resolved.connect(lambda resolution: self._resolve(draft, theirs, resolution))
        dialog.rejected.connect(
            lambda: self.error.show_message(
                "Not saved: the contact was changed on the server. Your changes are kept; save again to compare."
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.conflict = dialog
        dialog.open()
        return dialog

    def _resolve(self, draft: ContactDraft, theirs: Contact, resolution: Resolution) -> None:
        self.conflict = None
        merged = rebase(draft, theirs, resolution.keep_mine)
        self._open(theirs)
        if resolution.choice is Choice.TAKE_THEIRS or not merged.has_changes:
            self._say(
                "Showing the server's version."
                if resolution.choice is Choice.TAKE_THEIRS
                else "Nothing to save."
            )
            if self._pending is not None:
                self._follow_selection()
            return
        self.form.apply(merged.text)
        self.custom_fields.apply(merged.custom)
        self.save()

    # -- reverting ---------------------------------------------------------------------------------

    def revert(self) -> None:
        """Drop the unsaved changes (after asking); a new contact's form closes."""
        if not self.is_editing or self._saving:
            return
        if not self.is_dirty():
            self._discard()
            return
        self.confirmation = confirm(
            self,
            "Discard changes",
            f"Discard your unsaved changes to {contact_name(self.draft().base)}?",
            "Discard",
            self._discard,
            reject_label="Keep editing",
        )

    def _discard(self) -> None:
        self.confirmation = None
        was_new = self._is_new
        self._is_new = False
        self.form.set_contact(None if was_new else self._contact)
        self.custom_fields.set_values(self._contact.custom_fields if self._contact and not was_new else {})
        self.error.show_message(None)
        self._update_state()
        if was_new and self._pending is None:
            # Back to what was shown before "New contact".
            self._pending = _Selection(self._contact) if self._contact else _Selection(None)
        self._follow_selection()

    # -- tab data ------------------------------------------------------------------------------------

    def _want_current_tab(self) -> None:
        if self.is_editing:
            self._want(self.current_tab())

    def _want(self, key: str) -> None:
        if key == CUSTOM_FIELDS:
            stale = self._definitions_stale or not self.custom_fields.has_definitions
            if stale and not self._definitions_wanted:
                self._definitions_wanted = True
                self.custom_fields.show_loading()
                self.dataWanted.emit(CUSTOM_FIELDS)
            return
        contact = None if self._is_new else self._contact
        if key in self._loaded and contact is not None and self._loaded[key] != contact.uuid:
            self._loaded[key] = contact.uuid
            (self.lists if key == LISTS else self.notes).show_loading()
            self.dataWanted.emit(key)

    def _retry(self, key: str) -> None:
        if key == CUSTOM_FIELDS:
            self._definitions_wanted = False
        else:
            self._loaded[key] = None
        self._want(key)

    def refresh(self) -> None:
        """Load the tabs' data again when they are next shown (the current one now)."""
        self._definitions_wanted = False
        self._definitions_stale = True
        self._loaded = {LISTS: None, NOTES: None}
        self.lists.forget_choices()
        self._want_current_tab()

    def set_definitions(self, definitions: list[CustomField]) -> None:
        self._definitions_wanted = False
        self._definitions_stale = False
        self.custom_fields.set_definitions(definitions)
        self._update_state()

    def definitions_failed(self, message: str) -> None:
        self._definitions_wanted = False
        self.custom_fields.show_error(message)

    def show_lists(self, contact_uuid: UUID, lists: list[ContactList]) -> None:
        if self._shows(contact_uuid):
            self.lists.show_lists(lists)

    def show_notes(self, contact_uuid: UUID, notes: list[Note]) -> None:
        if self._shows(contact_uuid):
            self.notes.show_notes(notes)

    def tab_failed(self, key: str, contact_uuid: UUID, message: str) -> None:
        if self._shows(contact_uuid):
            self._loaded[key] = None
            (self.lists if key == LISTS else self.notes).show_error(message)

    def _shows(self, contact_uuid: Any) -> bool:
        return self._contact is not None and not self._is_new and self._contact.uuid == contact_uuid

    # -- look ----------------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self._clear_status.start()

    def _update_state(self) -> None:
        dirty = self.is_dirty()
        if self._saving:
            text = "Saving…"
        elif dirty:
            text = "Unsaved changes"
        elif self._is_new:
            text = "Not saved yet."
        else:
            text = ""
        if not self._clear_status.isActive() or self._saving or dirty:
            self._clear_status.stop()
            self.status.setText(text)
        self.save_button.setEnabled(self.is_editing and not self._saving and (dirty or self._is_new))
        self.revert_button.setEnabled(self.is_editing and not self._saving and (dirty or self._is_new))
        self.revert_button.setText("Cancel" if self._is_new else "Revert")
        if self.is_editing:
            name = "New contact" if self._is_new else contact_name(self._contact)
            self.title.setText(f"{name} •" if dirty else name)
            self.title.setToolTip("Unsaved changes" if dirty else "")
