"""Membership from the table: the context menu, drops on the sidebar, Delete; batches, progress, warnings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.api import order_by, where
from app.schema import SearchRequest
from app.server.db import Database
from app.ui.contacts_table import CONTACTS_MIME
from app.ui.membership import search_results
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


def searches(app: ListsHarness, mark: int) -> list[dict]:
    """The bodies of every Search Contacts request since ``mark``."""
    return [app.body(r) for r in app.requests_since(mark, "POST") if r.url.path.endswith("/contacts/search")]


def test_all_results_of_a_search_go_to_a_list_chosen_in_a_dialog(big_app: ListsHarness, qtbot):
    app = big_app
    term = "a"
    expected = {str(c.uuid) for c in app.run(app.api.contacts.search(search_term=term, limit=100).all())}
    assert 100 < len(expected) < 300  # more than one batch, and not every contact
    partners = app.server_list("Partners")
    already = app.members(partners.uuid)
    assert already & expected  # some are members already: the API warns about them

    app.window.focus_search()
    qtbot.keyClicks(app.window.search_box, term)
    qtbot.waitUntil(lambda: isinstance(app.model.view, SearchView) and app.model.total == len(expected))
    app.select_rows(0, 0)
    mark = app.mark()
    menu = app.window.table.row_menu()
    menu_action(menu, f"Add all {len(expected)} search results to a list").trigger()
    chooser = app.manager.chooser
    qtbot.waitUntil(lambda: chooser is not None and chooser.isVisible())
    assert f"({len(expected)} contacts)" in chooser.explanation.text()
    qtbot.keyClicks(chooser.filter, "part")
    assert chooser.visible_names() == ["Partners"]
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)  # the first match is chosen

    dialog = app.job_dialog()  # progress with Cancel, then the report
    qtbot.waitUntil(lambda: dialog.job.report.finished, timeout=20_000)
    sent = [uuid for batch in adds(app, mark) for uuid in batch]
    assert sorted(sent) == sorted(expected)  # every result once
    assert all(len(batch) <= 100 for batch in adds(app, mark))
    walked = searches(app, mark)
    assert walked and all(
        body["search_term"] == term and body["sort_by"]["field"] == "created_at" for body in walked
    )
    warned = {w.uuid for w in dialog.job.report.warnings}
    assert warned == already & expected  # each one shown, not swallowed
    assert dialog.table.rowCount() == len(warned)
    assert app.members(partners.uuid) == already | expected
    count = app.server_list("Partners").count  # archived members are not counted
    assert count == partners.count + len(expected - already)
    qtbot.waitUntil(lambda: app.sidebar_count("Partners") == count)


def test_all_results_of_a_search_go_to_a_new_list(app: ListsHarness, qtbot):
    term = "a"
    expected = {str(c.uuid) for c in app.run(app.api.contacts.search(search_term=term, limit=100).all())}
    lists_menu = app.manager.menu
    lists_menu.aboutToShow.emit()
    assert not app.manager.search_action.isEnabled()  # no search shown
    app.window.focus_search()
    qtbot.keyClicks(app.window.search_box, term)
    qtbot.waitUntil(lambda: isinstance(app.model.view, SearchView) and app.model.total == len(expected))
    lists_menu.aboutToShow.emit()
    menu_action(lists_menu, f"Add all {len(expected)} search results to a list").trigger()
    chooser = app.manager.chooser
    qtbot.waitUntil(lambda: chooser is not None and chooser.isVisible())
    assert "Partners" in chooser.visible_names()
    app.click(chooser.new_button)
    dialog = app.manager.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    qtbot.keyClicks(dialog.name, "Everyone with an a")
    app.click(dialog.save_button)
    qtbot.waitUntil(lambda: app.sidebar_count("Everyone with an a") == len(expected), timeout=20_000)
    assert app.members(app.server_list("Everyone with an a").uuid) == expected


def test_a_search_walk_neither_skips_nor_repeats_while_contacts_change(big_app: ListsHarness):
    """Between two pages, a contact starts matching and another's sort key changes: each result is given once."""
    app = big_app
    api = app.api
    first = app.run(api.contacts.search(sort_by=order_by("created_at"), limit=1))
    oldest = first.items[0]
    app.run(api.contacts.update(oldest.uuid, first_name="Zed-not-a-name"))
    request = SearchRequest(
        advanced_search=[where("first_name", "not_equals", "Zed-not-a-name")], sort_by=order_by("last_name")
    )
    matching = app.run(api.contacts.search(request, limit=100).all())
    assert len(matching) == first.total - 1 > 200  # three pages
    first_by_name = matching[0]
    calls = 0

    async def call(work):
        nonlocal calls
        calls += 1
        if calls == 2:  # after the first page, someone edits two contacts
            await api.contacts.update(oldest.uuid, first_name="Ann")  # matches now, before every other
            await api.contacts.update(first_by_name.uuid, last_name="Zzzz")  # moves in the search's order
        return await work(api)

    async def walk() -> list[str]:
        return [str(contact.uuid) async for contact in search_results(request)(call)]

    walked = app.run(walk())
    assert calls == 3  # three pages
    assert len(walked) == len(set(walked))
    assert set(walked) == {str(c.uuid) for c in matching}


def test_the_results_of_a_search_can_be_added_and_the_job_cancelled(app: ListsHarness, qtbot):
    """``add_search_results`` is the entry point of "Add all N results of a search to a list"."""
    target = app.run(app.api.contact_lists.create(name="Everyone"))
    request = app.session.search.request()
    total = app.run(app.api.contacts.search(limit=1)).total
    job = app.manager.add_search_results(target, request)  # the total not given: a busy bar
    dialog = app.job_dialog()
    qtbot.waitUntil(lambda: job.report.finished, timeout=20_000)
    assert job.report.changed == total and not job.report.warnings
    assert dialog.heading.text() == f"{total} contacts added to “Everyone”."
    assert app.run(app.api.contact_lists.get(target.uuid)).count == total

    again = app.manager.add_search_results(target, request, total=total)
    again.cancel()  # before the first page arrived: nothing is sent
    qtbot.waitUntil(lambda: again.report.finished)
    assert again.report.cancelled and again.report.sent == 0
    assert app.window.statusBar().currentMessage() == "Cancelled: 0 contacts added to “Everyone”."
