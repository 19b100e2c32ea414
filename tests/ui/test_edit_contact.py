"""Creating and editing a contact in the detail pane, against the real server."""

from __future__ import annotations

from uuid import uuid4

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QWidget,
)

from app.api import CueDeskClient
from app.server.auth import create_token, revoke_token
from app.server.db import Database
from app.ui.contact_form import IDENTIFIER_PATH
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import EditHarness, editing_session, new_workspace
from tests.ui.test_contacts_window import reusable_socket

CTRL = Qt.KeyboardModifier.ControlModifier
LAST_NAME = 1


@pytest.fixture
def editor(qtbot, run, api_server: LoopbackServer, workspace_db: Database):
    with editing_session(qtbot, run, api_server, new_workspace(workspace_db)) as harness:
        yield harness


def type_into(harness: EditHarness, name: str, text: str) -> None:
    """Replace a Details field's text by typing, as the user does."""
    edit = harness.pane.form.edits[name]
    edit.setFocus()
    edit.selectAll()
    harness.qtbot.keyClick(edit, Qt.Key.Key_Delete)
    harness.qtbot.keyClicks(edit, text)


def test_ctrl_n_creates_a_contact_and_the_identifier_rule_is_shown_at_the_fields_first(
    editor: EditHarness, qtbot
):
    pane, model = editor.pane, editor.model
    before = model.rowCount()
    editor.press(Qt.Key.Key_N, CTRL, editor.window.table)
    assert pane.is_new and pane.title.text() == "New contact"
    assert not pane.tabs.isTabEnabled(2) and not pane.tabs.isTabEnabled(3)  # lists, notes: after saving
    type_into(editor, "first_name", "Ada")
    type_into(editor, "last_name", "Lovelace")

    mark = editor.mark()
    editor.save()
    assert editor.requests_since(mark) == []  # refused before sending
    message = pane.form.errors[IDENTIFIER_PATH].text()
    assert "At least one identifier is required" in message and pane.form.errors[IDENTIFIER_PATH].isVisible()
    assert all(pane.form.edits[f].accessibleDescription() == message for f in ("email", "phone_number"))
    assert pane.form.edits["first_name"].text() == "Ada" and pane.is_dirty()

    type_into(editor, "email", "ada@analytical.example")
    assert not pane.form.errors[IDENTIFIER_PATH].isVisible()  # typing an identifier clears the mark
    editor.save()
    editor.wait_saved()
    assert not pane.is_new and not pane.is_dirty()
    created = pane.contact
    assert created is not None and pane.title.text() == "Ada Lovelace"
    stored = editor.stored(created.uuid)
    assert (stored.first_name, stored.last_name, stored.email) == (
        "Ada",
        "Lovelace",
        "ada@analytical.example",
    )
    assert stored.phone_number is None
    assert pane.tabs.isTabEnabled(3)

    # The table reloads the view (newest first): the contact is its first row, the pane stays on it.
    qtbot.waitUntil(lambda: model.rowCount() == before + 1 and model.contact_at(0) is not None)
    assert model.contact_at(0).uuid == created.uuid
    assert pane.contact.uuid == created.uuid


def test_an_edit_updates_its_row_without_reloading_the_table(editor: EditHarness):
    model = editor.model
    row = 3
    contact = editor.select_row(row)
    generation = model.generation
    type_into(editor, "last_name", "Okonkwo-Berg")
    assert editor.pane.is_dirty() and editor.pane.title.text().endswith("•")

    mark = editor.mark()
    editor.save()
    editor.wait_saved()
    path = f"/v1/contacts/{contact.uuid}"
    assert editor.requests_since(mark) == [
        ("GET", path),
        ("PATCH", path),
    ]  # the conflict check, then the save
    patch = editor.transport.requests[-1]
    assert patch.content == b'{"last_name":"Okonkwo-Berg"}'  # only what changed
    assert model.generation == generation  # no reload
    assert model.data(model.index(row, LAST_NAME)) == "Okonkwo-Berg"
    assert model.contact_at(row).last_name == "Okonkwo-Berg"
    assert editor.stored(contact.uuid).last_name == "Okonkwo-Berg"
    assert not editor.pane.is_dirty() and editor.pane.status.text() == "Saved."


def test_what_is_typed_while_a_save_is_on_its_way_stays_in_the_form(editor: EditHarness):
    pane = editor.pane
    contact = editor.select_row(5)
    type_into(editor, "last_name", "Sent")
    editor.save()
    assert pane.is_saving
    type_into(editor, "first_name", "Typed meanwhile")  # before the answer arrives
    editor.wait_saved()
    stored = editor.stored(contact.uuid)
    assert (stored.last_name, stored.first_name) == ("Sent", contact.first_name)
    assert pane.form.edits["first_name"].text() == "Typed meanwhile"
    assert pane.form.changes() == {"first_name": "Typed meanwhile"} and pane.is_dirty()


def test_clearing_every_identifier_of_a_contact_is_refused_at_the_fields_without_a_request(
    editor: EditHarness,
):
    row = editor.row_of(lambda c: c.email and not c.phone_number and not c.external_contact_id)
    contact = editor.select_row(row)
    for name in ("email", "whatsapp_id", "fb_messenger_id"):
        type_into(editor, name, "")
    mark = editor.mark()
    editor.save()
    assert editor.requests_since(mark) == []
    assert editor.pane.form.errors[IDENTIFIER_PATH].isVisible()
    assert editor.stored(contact.uuid).email == contact.email


def test_a_422_is_shown_at_its_field_and_every_edit_stays(editor: EditHarness):
    pane = editor.pane
    contact = editor.select_row(2)
    type_into(editor, "first_name", "Grace")
    editor.open_tab("custom_fields")
    company = pane.custom_fields.editors["company"]
    company.input.setText("x" * 10_001)  # pasted: more than a text value may hold
    company.input.textEdited.emit(company.input.text())
    follow_up = pane.custom_fields.editors["follow_up"]
    follow_up.input.setFocus()
    follow_up.input.clear()
    editor.qtbot.keyClicks(follow_up.input, "+3")  # the widget accepts it while typing; the unit is missing

    editor.save()
    editor.wait_saved()
    assert "longer than 10000 characters" in company.error.text() and company.error.isVisibleTo(pane)
    assert "relative date" in follow_up.error.text()
    assert pane.error.text().startswith("Not saved")
    assert pane.current_tab() == "custom_fields"
    # Nothing is lost: the form still holds every edit, and the server has none of them.
    assert pane.is_dirty() and pane.form.edits["first_name"].text() == "Grace"
    assert company.value() == "x" * 10_001 and follow_up.value() == "+3"
    assert editor.stored(contact.uuid).first_name == contact.first_name

    editor.qtbot.keyClicks(follow_up.input, "w")
    company.input.setText("Initech")
    company.input.textEdited.emit("Initech")
    editor.save()
    editor.wait_saved()
    stored = editor.stored(contact.uuid)
    assert (stored.first_name, stored.custom_fields["company"], stored.custom_fields["follow_up"]) == (
        "Grace",
        "Initech",
        "+3w",
    )
    assert not company.error.isVisibleTo(pane) and not pane.is_dirty()


def test_a_failed_save_keeps_the_edits_and_saving_again_works(qtbot, run, workspace_db: Database):
    sock = reusable_socket(0)
    port = sock.getsockname()[1]
    server = LoopbackServer(workspace_db, sock).start()
    token = new_workspace(workspace_db)
    try:
        with editing_session(qtbot, run, server, token, max_retries=0) as editor:
            pane = editor.pane
            contact = editor.select_row(1)
            type_into(editor, "last_name", "Hopper")
            server.stop()  # the network goes away

            editor.save()
            editor.wait_saved()
            assert "Not saved: Could not connect" in pane.error.text()
            assert "Your changes are kept" in pane.error.text()
            assert pane.is_dirty() and pane.form.edits["last_name"].text() == "Hopper"

            server = LoopbackServer(workspace_db, reusable_socket(port)).start()
            editor.save()
            editor.wait_saved()
            assert not pane.is_dirty() and not pane.error.isVisibleTo(pane)
            assert editor.stored(contact.uuid).last_name == "Hopper"
    finally:
        server.stop()


def test_a_token_revoked_mid_session_fails_the_save_and_keeps_the_edits(qtbot, run, api_server, workspace_db):
    name = f"Revoked {uuid4()}"
    token = new_workspace(workspace_db, name=name)
    with workspace_db.write() as session, session.begin():
        checker = create_token(session, name)  # still valid: to look at what the server stored
    with editing_session(qtbot, run, api_server, token) as editor:
        pane = editor.pane
        contact = editor.select_row(0)
        type_into(editor, "first_name", "Unsaved")
        with workspace_db.write() as session, session.begin():
            assert revoke_token(session, token)
        editor.save()
        editor.wait_saved()
        assert "refused the token" in pane.error.text() and "Your changes are kept" in pane.error.text()
        assert pane.is_dirty() and pane.form.edits["first_name"].text() == "Unsaved"

        async def stored_first_name() -> str | None:
            async with CueDeskClient(api_server.base_url, token=checker) as api:
                return (await api.contacts.get(contact.uuid)).first_name

        assert run(stored_first_name()) == contact.first_name


def test_esc_asks_before_discarding_and_keep_editing_keeps_the_edits(editor: EditHarness):
    pane = editor.pane
    contact = editor.select_row(0)
    type_into(editor, "first_name", "Changed")
    editor.press(Qt.Key.Key_Escape)
    box = editor.confirmation(pane)
    box.reject_button.click()  # "Keep editing"
    assert pane.form.edits["first_name"].text() == "Changed" and pane.is_dirty()

    editor.press(Qt.Key.Key_Escape, widget=pane.form.edits["first_name"])
    editor.confirmation(pane).accept_button.click()  # "Discard"
    assert pane.form.edits["first_name"].text() == (contact.first_name or "")
    assert not pane.is_dirty()

    # Ctrl+N, then Esc: the new form asks, then goes back to the contact shown before.
    editor.press(Qt.Key.Key_N, CTRL)
    type_into(editor, "email", "draft@example.com")
    mark = editor.mark()
    editor.press(Qt.Key.Key_Escape)
    editor.confirmation(pane).accept_button.click()
    assert not pane.is_new and pane.contact == contact
    assert pane.form.edits["email"].text() == (contact.email or "")
    assert editor.requests_since(mark) == []


def test_selecting_another_row_while_editing_keeps_the_edit_until_it_is_saved(editor: EditHarness):
    pane = editor.pane
    first = editor.select_row(0)
    type_into(editor, "first_name", "Kept")
    table = editor.window.table
    rect = table.visualRect(editor.model.index(4, 0))
    editor.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    other = editor.model.contact_at(4)
    editor.qtbot.waitUntil(lambda: pane.notice.isVisibleTo(pane))  # the pane follows after the table's paint
    assert pane.contact == first and pane.form.edits["first_name"].text() == "Kept"
    assert "Save (Ctrl+S) or revert (Esc)" in pane.notice.text()

    editor.save()
    editor.wait_saved()
    assert editor.stored(first.uuid).first_name == "Kept"
    assert pane.contact.uuid == other.uuid  # now it follows the selection
    assert not pane.notice.isVisibleTo(pane)


def test_the_form_is_reachable_by_keyboard_and_every_control_has_a_name(editor: EditHarness, qtbot):
    pane = editor.pane
    editor.select_row(0)
    first = pane.form.edits["first_name"]
    first.setFocus()
    order = []
    for _ in range(8):
        order.append(QApplication.focusWidget().objectName())
        editor.press(Qt.Key.Key_Tab)
    assert order == [
        "first_name",
        "last_name",
        "external_contact_id",
        "email",
        "phone_number",
        "whatsapp_id",
        "fb_messenger_id",
        "client_reference",
    ]
    editor.press(Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # the tab's mnemonic: C&ustom fields
    assert pane.current_tab() == "custom_fields"
    for key in ("custom_fields", "lists", "notes"):
        editor.open_tab(key)
        page = pane.tabs.currentWidget()
        controls = [
            w
            for w in page.findChildren(QWidget)
            if w.isVisibleTo(page)
            and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
            and not isinstance(w, QScrollArea)
            and w.parentWidget() is not None
            and not isinstance(w.parentWidget().parentWidget(), QAbstractItemView)
        ]
        assert controls
        unnamed = [w for w in controls if not (w.accessibleName() or getattr(w, "text", lambda: "")())]
        assert unnamed == [], [type(w).__name__ for w in unnamed]
