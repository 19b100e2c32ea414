"""Someone else changed the contact while it was being edited: both versions shown, the user chooses."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.server.db import Database
from app.ui.conflict_dialog import CHANGED, FIELD, KEEP, THEIRS, YOURS
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import EditHarness, editing_session, new_workspace


@pytest.fixture
def editor(qtbot, run, api_server: LoopbackServer, workspace_db: Database):
    with editing_session(qtbot, run, api_server, new_workspace(workspace_db)) as harness:
        yield harness


def edit_behind_the_back(editor: EditHarness, qtbot, run, **server_changes):
    """Select a contact with seats, change its first name and seats in the form, and the server's copy."""
    contact = editor.select_row(editor.row_of(lambda c: "num_seats" in c.custom_fields and c.last_name))
    pane = editor.pane
    edit = pane.form.edits["first_name"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Mine")
    editor.open_tab("custom_fields")
    seats = pane.custom_fields.editors["num_seats"].spin
    seats.lineEdit().selectAll()
    qtbot.keyClicks(seats, "111")
    theirs = run(editor.api.contacts.update(contact.uuid, **server_changes))
    assert theirs.updated_at != contact.updated_at
    return contact, theirs


def open_conflict(editor: EditHarness, qtbot):
    mark = editor.mark()
    editor.save()
    qtbot.waitUntil(lambda: editor.pane.conflict is not None and editor.pane.conflict.isVisible())
    # Keys go to the dialog once it is the active window, as for a user; before that they go elsewhere.
    qtbot.waitUntil(editor.pane.conflict.isActiveWindow)
    assert [m for m, _ in editor.requests_since(mark)] == ["GET"]  # compared, nothing written yet
    return editor.pane.conflict, editor.mark()


def test_both_versions_are_shown_and_a_merge_keeps_the_chosen_fields(editor: EditHarness, qtbot, run):
    contact, _theirs = edit_behind_the_back(
        editor, qtbot, run, last_name="Theirs", custom_fields={"num_seats": 999, "company": "Server Co"}
    )
    dialog, mark = open_conflict(editor, qtbot)
    table = dialog.table
    rows = {table.item(r, FIELD).text(): r for r in range(table.rowCount())}
    assert set(dialog.differing_paths()) == {
        "first_name",
        "last_name",
        "custom_fields.num_seats",
        "custom_fields.company",
    }

    def cells(label):
        r = rows[label]
        return [table.item(r, c).text() for c in (YOURS, THEIRS, CHANGED)]

    assert cells("First name") == ["Mine", contact.first_name or "—", "you"]
    assert cells("Last name") == [contact.last_name, "Theirs", "server"]
    assert cells("Seats") == ["111", "999", "both"]
    assert cells("Company")[1:] == ["Server Co", "server"]
    assert table.item(rows["Last name"], FIELD).font().bold()  # differences are highlighted
    assert not table.item(rows["Email"], FIELD).font().bold()
    # By default the user's changes are kept and the server's others taken; the user unticks Seats.
    assert table.item(rows["First name"], KEEP).checkState() == Qt.CheckState.Checked
    assert table.item(rows["Last name"], KEEP).checkState() == Qt.CheckState.Unchecked
    dialog.set_keep_mine("custom_fields.num_seats", False)

    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    editor.wait_saved()
    qtbot.waitUntil(lambda: not editor.pane.is_saving and not editor.pane.is_dirty())
    assert [m for m, _ in editor.requests_since(mark)] == ["GET", "PATCH"]
    assert json.loads(editor.transport.requests[-1].content) == {"first_name": "Mine"}
    stored = editor.stored(contact.uuid)
    assert (stored.first_name, stored.last_name) == ("Mine", "Theirs")
    assert stored.custom_fields["num_seats"] == 999 and stored.custom_fields["company"] == "Server Co"
    assert editor.pane.form.edits["last_name"].text() == "Theirs"  # the form shows the result


def test_keep_mine_overwrites_with_the_users_version(editor: EditHarness, qtbot, run):
    contact, _theirs = edit_behind_the_back(
        editor, qtbot, run, last_name="Theirs", custom_fields={"num_seats": 999}
    )
    dialog, _mark = open_conflict(editor, qtbot)
    qtbot.mouseClick(dialog.keep_mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.pane.is_saving and not editor.pane.is_dirty())
    stored = editor.stored(contact.uuid)
    assert (stored.first_name, stored.last_name, stored.custom_fields["num_seats"]) == (
        "Mine",
        contact.last_name,
        111,
    )


def test_take_theirs_drops_the_edits_without_writing(editor: EditHarness, qtbot, run):
    contact, theirs = edit_behind_the_back(editor, qtbot, run, last_name="Theirs")
    dialog, mark = open_conflict(editor, qtbot)
    qtbot.mouseClick(dialog.take_theirs_button, Qt.MouseButton.LeftButton)
    assert editor.requests_since(mark) == []
    pane = editor.pane
    assert not pane.is_dirty() and pane.contact == theirs
    assert pane.form.edits["first_name"].text() == (contact.first_name or "")
    assert pane.form.edits["last_name"].text() == "Theirs"
    assert pane.custom_fields.editors["num_seats"].value() == contact.custom_fields["num_seats"]
    assert editor.stored(contact.uuid) == theirs


def test_closing_the_comparison_decides_nothing_and_keeps_the_edits(editor: EditHarness, qtbot, run):
    contact, theirs = edit_behind_the_back(editor, qtbot, run, last_name="Theirs")
    dialog, mark = open_conflict(editor, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    pane = editor.pane
    assert editor.requests_since(mark) == []
    assert pane.is_dirty() and pane.form.edits["first_name"].text() == "Mine"
    assert pane.custom_fields.editors["num_seats"].value() == 111
    assert "changed on the server" in pane.error.text()
    assert editor.stored(contact.uuid) == theirs
