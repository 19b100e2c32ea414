"""Membership from the table: the context menu, drops on the sidebar, Delete; batches, progress, warnings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.server.db import Database
from app.ui.contacts_table import CONTACTS_MIME
from app.ui.membership import pages_of
from app.ui.views import AllContactsView, ListContactsView, SearchView
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import new_workspace
from tests.ui.lists_support import ListsHarness, lists_session, menu_action


@pytest.fixture
def app(qtbot, run, api_server: LoopbackServer, workspace_db: Database):
    with lists_session(qtbot, run, api_server, new_workspace(workspace_db)) as harness:
        yield harness


@pytest.fixture
def big_app(qtbot, run, api_server: LoopbackServer, workspace_db: Database):
    with lists_session(qtbot, run, api_server, new_workspace(workspace_db, contacts=300)) as harness:
        yield harness


def adds(app: ListsHarness, mark: int) -> list[list[str]]:
    """The uuids of every Add Contacts request since ``mark``."""
    return [
        app.body(r)["contact_uuids"]
        for r in app.requests_since(mark, "POST")
        if r.url.path.endswith("/contacts") and "/contact-lists/" in r.url.path
    ]


def test_dropping_rows_on_a_sidebar_list_adds_them(app: ListsHarness, qtbot):
    target = app.server_list("Partners")
    before = app.members(target.uuid)
    rows = [r for r in range(30) if str(app.model.contact_at(r).uuid) not in before][:3]
    app.click_row(rows[0])
    for row in rows[1:]:
        app.click_row(row, Qt.KeyboardModifier.ControlModifier)
    chosen = {str(app.model.contact_at(r).uuid) for r in rows}
    mime = app.window.table.selection_mime_data()  # what a drag of the selection carries
    assert mime.hasFormat(CONTACTS_MIME)

    mark = app.mark()
    assert app.drop_on_list("Partners", mime)
    qtbot.waitUntil(lambda: app.sidebar_count("Partners") == target.count + 3)
    assert [set(uuids) for uuids in adds(app, mark)] == [chosen]
    assert app.members(target.uuid) == before | chosen
    qtbot.waitUntil(lambda: "3 contacts added to “Partners”." in app.window.statusBar().currentMessage())
    assert not app.manager.job_dialogs  # one batch and no warning: no dialog to close


def test_a_drop_from_elsewhere_adds_the_uuids_it_carries(app: ListsHarness, qtbot):
    app.select_rows(0, 1)
    carried = app.window.table.selection_mime_data()
    plain = type(carried).__mro__[1]()  # a QMimeData with the same bytes, without the app's selection
    plain.setData(CONTACTS_MIME, carried.data(CONTACTS_MIME))
    target = app.server_list("Trial users")
    before = app.members(target.uuid)
    assert app.drop_on_list("Trial users", plain)
    expected = before | {str(app.model.contact_at(r).uuid) for r in (0, 1)}
    qtbot.waitUntil(lambda: app.members(target.uuid) == expected, timeout=10_000)


def test_adding_250_contacts_makes_three_calls_and_the_count_reads_250(big_app: ListsHarness, qtbot):
    app = big_app
    empty = app.run(app.api.contact_lists.create(name="Big campaign", emoji="📣"))
    app.window.sidebar.show_all_contacts()
    app.session.browse.refresh_lists()
    qtbot.waitUntil(lambda: app.sidebar_count("Big campaign") == 0)
    app.select_rows(0, 249)  # rows 100–199 were never shown: they are fetched when needed
    mark = app.mark()
    menu = app.window.table.row_menu()
    submenu = menu_action(menu, "Add 250 contacts to list").menu()
    menu_action(submenu, "📣 Big campaign").trigger()

    dialog = app.job_dialog()  # more than one batch: progress with a Cancel button
    assert dialog.cancel_button.isVisible()
    qtbot.waitUntil(lambda: dialog.job.report.finished, timeout=20_000)
    batches = adds(app, mark)
    assert [len(b) for b in batches] == [100, 100, 50]
    selected = {str(c.uuid) for c in app.run(app.api.contacts.list(limit=100).all())[:250]}
    assert {u for b in batches for u in b} == selected
    assert dialog.heading.text() == "250 contacts added to “Big campaign”."
    assert dialog.bar.value() == 250 and not dialog.cancel_button.isVisible()
    assert not dialog.table.isVisible()  # no warnings
    qtbot.waitUntil(lambda: app.sidebar_count("Big campaign") == 250)
    assert app.run(app.api.contact_lists.get(empty.uuid)).count == 250


def test_a_warning_for_an_already_member_contact_is_shown(app: ListsHarness, qtbot):
    vip = app.server_list("VIP Customers")
    members = app.members(vip.uuid)
    member_row = next(r for r in range(40) if str(app.model.contact_at(r).uuid) in members)
    other_row = next(r for r in range(40) if str(app.model.contact_at(r).uuid) not in members)
    app.click_row(member_row)
    app.click_row(other_row, Qt.KeyboardModifier.ControlModifier)
    member = app.model.contact_at(member_row)

    menu = app.window.table.row_menu()
    menu_action(menu_action(menu, "Add 2 contacts to list").menu(), "⭐ VIP Customers").trigger()
    dialog = app.job_dialog()  # shown because something needs reading
    qtbot.waitUntil(lambda: dialog.table.isVisible())
    assert dialog.heading.text() == "1 contact added to “VIP Customers”, 1 contact not added."
    table = dialog.table
    assert table.rowCount() == 1
    row = [table.item(0, c).text() for c in range(table.columnCount())]
    assert row == [
        f"{member.first_name} {member.last_name}",
        member.email or "",
        "Contact is already in this contact list.",
        str(member.uuid),
    ]
    app.click(dialog.copy_button)
    copied = QGuiApplication.clipboard().text()
    assert "Contact is already in this contact list." in copied and str(member.uuid) in copied
    assert copied.splitlines()[0] == dialog.heading.text()
    table.selectRow(0)
    app.press(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "\t".join(row)
    qtbot.waitUntil(lambda: app.sidebar_count("VIP Customers") == vip.count + 1)


def test_remove_with_delete_after_a_confirmation(app: ListsHarness, qtbot):
    vip = app.server_list("VIP Customers")
    app.click_list("VIP Customers")
    qtbot.waitUntil(
        lambda: isinstance(app.model.view, ListContactsView) and app.model.contact_at(0) is not None
    )
    app.select_rows(0, 1)
    leaving = {str(app.model.contact_at(r).uuid) for r in (0, 1)}
    table = app.window.table

    app.press(table, Qt.Key.Key_Delete)
    box = app.confirmation()
    assert box.text().startswith("Remove 2 contacts from “⭐ VIP Customers”?")
    mark = app.mark()
    app.click(box.reject_button)
    assert not app.requests_since(mark, "DELETE")

    app.press(table, Qt.Key.Key_Delete)
    app.click(app.confirmation().accept_button)
    qtbot.waitUntil(lambda: app.sidebar_count("VIP Customers") == vip.count - 2)
    [delete] = app.requests_since(mark, "DELETE")
    assert set(app.body(delete)["contact_uuids"]) == leaving
    assert not leaving & app.members(vip.uuid)
    # The table shows the list without them.
    qtbot.waitUntil(lambda: app.model.total == vip.count - 2)
    shown = {str(app.model.contact_at(r).uuid) for r in range(min(10, app.model.rowCount()))}
    qtbot.waitUntil(lambda: not leaving & shown)
    assert "2 contacts removed from “VIP Customers”." in app.window.statusBar().currentMessage()


def test_delete_outside_a_list_says_what_it_would_do(app: ListsHarness, qtbot):
    assert isinstance(app.model.view, AllContactsView)
    app.select_rows(0, 0)
    mark = app.mark()
    app.press(app.window.table, Qt.Key.Key_Delete)
    assert app.manager.confirmation is None and not app.requests_since(mark, "DELETE")
    assert "select a list first" in app.window.statusBar().currentMessage()


def test_every_page_of_a_search_can_be_added_and_the_job_cancelled(app: ListsHarness, qtbot, run):
    """The search builder's "Add all N results to list…" uses the engine with ``pages_of``."""
    target = app.run(app.api.contact_lists.create(name="Everyone"))
    search = SearchView(app.session.search.request())
    total = app.run(app.api.contacts.search(limit=1)).total
    job = app.manager.add_contacts(target, pages_of(search.fetch), total=None)  # the total not given
    dialog = app.job_dialog()
    qtbot.waitUntil(lambda: job.report.finished, timeout=20_000)
    assert job.report.changed == total and not job.report.warnings
    assert dialog.bar.isVisible() is False or dialog.bar.maximum() in (0, total)
    assert app.run(app.api.contact_lists.get(target.uuid)).count == total

    again = app.manager.add_contacts(target, pages_of(search.fetch), total=total)
    again.cancel()  # before the first page arrived: nothing is sent
    qtbot.waitUntil(lambda: again.report.finished)
    assert again.report.cancelled and again.report.sent == 0
    assert app.window.statusBar().currentMessage() == "Cancelled: 0 contacts added to “Everyone”."
