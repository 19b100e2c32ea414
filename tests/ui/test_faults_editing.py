"""Saving a contact when the network or the server fails (issue 12): every edit stays in the form, the
pane says what happened and what to do, saves (PATCH sets values: safe) are retried, and a create whose
answer was lost is never sent again by itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.server.db import Database
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import new_workspace
from tests.ui.faults import RETRIED, Fault, FaultyHarness, faulty_session
from tests.ui.test_edit_contact import type_into
from tests.ui.test_faults_table import SAID

CONTACT = "/contacts/[0-9a-f-]+"
CONTACTS = "/contacts"
KEPT = " Your changes are kept; save again (Ctrl+S) when the problem is solved."


@pytest.fixture
def app(qtbot, run, api_server: LoopbackServer, workspace_db: Database):
    with faulty_session(qtbot, run, api_server, new_workspace(workspace_db)) as harness:
        yield harness


@pytest.mark.parametrize("fault", list(Fault))
def test_a_failed_save_keeps_every_edit_and_saving_again_stores_them(app: FaultyHarness, fault):
    pane = app.pane
    contact = app.select_row(2)
    type_into(app, "last_name", "Faultless")
    type_into(app, "phone_number", "+15550100")
    attempts = 3 if fault in RETRIED else 1
    app.transport.fail(fault, "PATCH", CONTACT, times=attempts, retry_after="0")

    app.save()
    app.wait_saved()
    host = app.session.connection.label
    assert pane.error.isVisibleTo(pane)
    assert pane.error.text() == "Not saved: " + SAID[fault].format(host=host) + KEPT
    assert pane.form.edits["last_name"].text() == "Faultless"
    assert pane.form.edits["phone_number"].text() == "+15550100"
    assert pane.is_dirty() and pane.title.text().endswith("•")
    assert app.transport.count("PATCH", CONTACT) == attempts

    app.transport.heal()
    app.save()  # when an attempt got there before its answer was lost, there is nothing left to decide
    app.wait_saved()
    assert not pane.is_dirty() and not pane.error.isVisibleTo(pane) and pane.status.text() == "Saved."
    stored = app.stored(contact.uuid)
    assert (stored.last_name, stored.phone_number) == ("Faultless", "+15550100")
    row = app.row_of(lambda c: c.uuid == contact.uuid)
    assert app.model.contact_at(row).last_name == "Faultless"  # the table shows what was saved


def open_new_contact(app: FaultyHarness, email: str) -> None:
    app.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier, app.window.table)
    type_into(app, "first_name", "Once")
    type_into(app, "email", email)


def stored_with_email(app: FaultyHarness, email: str) -> int:
    return sum(c.email == email for c in app.run(app.api.contacts.list(limit=100).all()))


@pytest.mark.parametrize("fault", [f for f in Fault if f.reaches_server])
def test_a_create_whose_answer_was_lost_is_not_sent_again_and_the_user_is_told_to_look(
    app: FaultyHarness, fault
):
    pane = app.pane
    open_new_contact(app, "once@example.com")
    app.transport.fail(fault, "POST", CONTACTS, times=3, retry_after="0")
    app.save()
    app.wait_saved()

    host = app.session.connection.label
    assert pane.error.text() == (
        f"The contact may have been created: {SAID[fault].format(host=host)} Reload (F5) and look for it"
        " before you save again (Ctrl+S); your changes are kept."
    )
    assert app.transport.count("POST", CONTACTS) == 1  # a create is never repeated by itself
    assert stored_with_email(app, "once@example.com") == 1  # the server did create it, once
    assert pane.is_new and pane.is_dirty()
    assert pane.form.edits["first_name"].text() == "Once"
    assert pane.form.edits["email"].text() == "once@example.com"


@pytest.mark.parametrize("fault", [f for f in Fault if not f.reaches_server])
def test_a_create_that_never_reached_the_server_is_retried_and_made_once(app: FaultyHarness, fault):
    pane = app.pane
    open_new_contact(app, "retried@example.com")
    app.transport.fail(fault, "POST", CONTACTS, retry_after="0")
    app.save()
    app.wait_saved()
    assert not pane.is_new and not pane.is_dirty() and pane.status.text() == "Contact created."
    assert app.transport.count("POST", CONTACTS) == 2
    assert stored_with_email(app, "retried@example.com") == 1


def test_a_create_refused_for_good_says_so_without_doubt_and_keeps_the_form(app: FaultyHarness):
    pane = app.pane
    open_new_contact(app, "later@example.com")
    app.transport.fail(Fault.REFUSED, "POST", CONTACTS, times=3)
    app.save()
    app.wait_saved()
    host = app.session.connection.label
    assert pane.error.text() == "Not saved: " + SAID[Fault.REFUSED].format(host=host) + KEPT
    assert pane.is_new and pane.form.edits["email"].text() == "later@example.com"
    assert stored_with_email(app, "later@example.com") == 0

    app.transport.heal()
    app.save()
    app.wait_saved()
    assert not pane.is_new and stored_with_email(app, "later@example.com") == 1
