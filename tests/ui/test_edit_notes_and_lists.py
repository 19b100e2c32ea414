"""The Notes and Lists tabs of the detail pane, against the real server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.api import NotFoundError
from app.server.db import Database
from app.ui.lists_tab import list_title
from app.ui.notes_tab import UNTITLED, note_summary
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import EditHarness, editing_session, new_workspace

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def editor(qtbot, run, api_server: LoopbackServer, workspace_db: Database):
    with editing_session(qtbot, run, api_server, new_workspace(workspace_db)) as harness:
        yield harness


def test_notes_are_listed_created_edited_and_deleted_after_confirmation(editor: EditHarness, qtbot, run):
    api, pane = editor.api, editor.pane
    row = editor.row_of(lambda c: run(api.notes.list(c.uuid)).total >= 1)
    contact = editor.select_row(row)
    stored = run(api.notes.list(contact.uuid, limit=100).all())
    editor.open_tab("notes")
    notes = pane.notes
    shown = [notes.list.item(i).text() for i in range(notes.list.count())]
    assert shown == [note_summary(n) for n in stored]  # newest first, as the server orders them
    first_title, _date = shown[0].split("\n")[0].split("  ·  ")
    assert first_title == (stored[0].title or UNTITLED)
    assert stored[0].content.text[:20] in shown[0].split("\n")[1]

    # Create: an empty text is refused in the dialog, before any request.
    qtbot.mouseClick(notes.new_button, Qt.MouseButton.LeftButton)
    dialog = notes.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.title_edit, "Call back")
    mark = editor.mark()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: dialog.text_error.isVisibleTo(dialog))
    assert "at least 1 character" in dialog.text_error.text()
    assert editor.requests_since(mark) == []
    assert dialog.title_edit.text() == "Call back"
    qtbot.keyClicks(dialog.text_edit, "Wants the annual plan; call on Tuesday.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: notes.dialog is None)
    created = run(api.notes.list(contact.uuid, limit=100).all())
    assert len(created) == len(stored) + 1
    new = next(n for n in created if n.title == "Call back")
    assert new.content.text == "Wants the annual plan; call on Tuesday."
    assert notes.list.item(0).text() == note_summary(new) and notes.list.currentRow() == 0

    # Edit (Enter on the selected note): a full replacement.
    notes.list.setFocus()
    editor.press(Qt.Key.Key_Return, widget=notes.list)
    dialog = notes.dialog
    assert dialog is not None and dialog.text_edit.toPlainText() == new.content.text
    dialog.title_edit.clear()
    dialog.text_edit.setPlainText("Called: signed the annual plan.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: notes.dialog is None)
    replaced = run(api.notes.get(contact.uuid, new.uuid))
    assert (replaced.title, replaced.content.text) == (None, "Called: signed the annual plan.")
    assert notes.list.item(0).text().startswith(f"{UNTITLED}  ·  ")

    # Delete asks first: Cancel keeps the note, Delete removes it.
    notes.list.setCurrentRow(0)
    notes.list.setFocus()
    mark = editor.mark()
    editor.press(Qt.Key.Key_Delete, widget=notes.list)
    editor.confirmation(notes).reject_button.click()
    assert editor.requests_since(mark) == [] and notes.list.count() == len(created)
    editor.press(Qt.Key.Key_Delete, widget=notes.list)
    box = editor.confirmation(notes)
    assert "cannot be undone" in box.text()
    box.accept_button.click()
    qtbot.waitUntil(lambda: notes.list.count() == len(stored))
    with pytest.raises(NotFoundError):
        run(api.notes.get(contact.uuid, new.uuid))
    assert [notes.list.item(i).text() for i in range(notes.list.count())] == [note_summary(n) for n in stored]


def test_a_note_dialog_keeps_its_text_when_the_save_fails(editor: EditHarness, qtbot):
    pane = editor.pane
    editor.select_row(0)
    editor.open_tab("notes")
    qtbot.mouseClick(pane.notes.new_button, Qt.MouseButton.LeftButton)
    dialog = pane.notes.dialog
    qtbot.keyClicks(dialog.title_edit, "t" * 251)  # longer than a title may be
    qtbot.keyClicks(dialog.text_edit, "Body")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.title_error.isVisibleTo(dialog))
    assert "250" in dialog.title_error.text()
    assert dialog.isVisible() and dialog.text_edit.toPlainText() == "Body"


def test_lists_tab_adds_and_removes_and_shows_the_apis_warnings(editor: EditHarness, qtbot, run):
    api, pane = editor.api, editor.pane
    contact = editor.select_row(0)
    workspace_lists = run(api.contact_lists.list(limit=100).all())
    member_of = run(api.contact_lists.of_contact(contact.uuid, limit=100).all())
    editor.open_tab("lists")
    tab = pane.lists
    assert [tab.list.item(i).text() for i in range(tab.list.count())] == [list_title(c) for c in member_of]
    qtbot.waitUntil(lambda: tab.picker.count() > 0)
    offered = [tab.picker.itemText(i) for i in range(tab.picker.count())]
    member_uuids = {c.uuid for c in member_of}
    assert offered == [list_title(c) for c in workspace_lists if c.uuid not in member_uuids]

    # Add to the first list offered.
    target = next(c for c in workspace_lists if c.uuid not in member_uuids)
    tab.picker.setCurrentIndex(tab.picker.findData(str(target.uuid)))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(c.uuid == target.uuid for c in tab.lists))
    assert target.uuid in {c.uuid for c in run(api.contact_lists.of_contact(contact.uuid).all())}
    assert "added" in tab.notice.text() and tab.notice.isVisibleTo(tab)
    assert tab.picker.findData(str(target.uuid)) < 0  # no longer offered

    # Someone adds the contact to another list meanwhile: the picker still offers it; the API warns.
    behind = next(c for c in workspace_lists if c.uuid not in member_uuids | {target.uuid})
    run(api.contact_lists.add_contacts(behind.uuid, [contact.uuid]))
    tab.picker.setCurrentIndex(tab.picker.findData(str(behind.uuid)))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not added" in tab.notice.text())
    assert "Not added: Contact is already in this contact list." in tab.notice.text()
    qtbot.waitUntil(lambda: any(c.uuid == behind.uuid for c in tab.lists))  # and the tab follows the server

    # Remove (Delete on the list).
    row = next(i for i, c in enumerate(tab.lists) if c.uuid == target.uuid)
    tab.list.setCurrentRow(row)
    tab.list.setFocus()
    editor.press(Qt.Key.Key_Delete, widget=tab.list)
    qtbot.waitUntil(lambda: all(c.uuid != target.uuid for c in tab.lists))
    assert target.uuid not in {c.uuid for c in run(api.contact_lists.of_contact(contact.uuid).all())}
    assert tab.notice.text() == f"Removed from {list_title(target)}."
    assert tab.picker.findData(str(target.uuid)) >= 0  # offered again
