"""Browsing against the real server: the sidebar, a list's members, include archived, pages, refresh."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QLabel

from app.schema import ListStatus
from app.ui.contacts_model import ARCHIVED_TIP
from app.ui.custom_fields_screen.screen import CustomFieldsScreen
from app.ui.sidebar import COUNT_ROLE, CUSTOM_FIELDS_PAGE
from app.ui.views import ListContactsView, ListMembersView
from tests.ui.browse_support import click_header, click_list, loaded_rows


def test_the_sidebar_lists_the_workspace_lists_with_emoji_and_count(browser, run):
    expected = run(browser.api.contact_lists.list(limit=100).all())
    lists = browser.window.sidebar.lists_model
    shown = [
        (lists.data(lists.index(row)), lists.data(lists.index(row), COUNT_ROLE))
        for row in range(lists.rowCount())
    ]
    assert shown == [(f"{item.emoji} {item.name}", item.count) for item in expected]
    assert len(shown) == 5 and all(
        item.status is ListStatus.ACTIVE for item in expected
    )  # not the archived one
    vip = next(row for row in range(lists.rowCount()) if "VIP Customers" in lists.data(lists.index(row)))
    count = lists.data(lists.index(vip), COUNT_ROLE)
    assert (
        lists.data(lists.index(vip), Qt.ItemDataRole.AccessibleTextRole) == f"VIP Customers, {count} contacts"
    )


def test_selecting_a_list_shows_exactly_its_members_and_the_count(browser, qtbot, run, small_workspace):
    window, model = browser.window, browser.model
    browser.transport.requests.clear()
    click_list(qtbot, window, "VIP Customers")

    assert isinstance(model.view, ListContactsView)
    shown = loaded_rows(qtbot, model)
    members = run(browser.api.contacts.list(limit=100, contact_list_uuid=small_workspace.list_uuid))
    assert [c.uuid for c in shown] == [c.uuid for c in members.items]  # newest first, like All contacts
    all_members = run(browser.api.contact_lists.contacts(small_workspace.list_uuid, limit=100))
    assert {c.uuid for c in shown} == {c.uuid for c in all_members.items}
    assert small_workspace.archived_member not in {c.uuid for c in shown}
    assert window.total_label.text() == f"{members.total} contacts in VIP Customers"
    assert window.view_header.title.text() == "⭐ VIP Customers"
    calls = browser.transport.contact_list_calls()
    assert calls and all(call["contact_list_uuid"] == str(small_workspace.list_uuid) for call in calls)

    click_header(qtbot, window.table, "Last name")  # a list sorts like All contacts
    qtbot.waitUntil(lambda: model.contact_at(0) is not None)
    by_name = run(
        browser.api.contacts.list(
            limit=100, contact_list_uuid=small_workspace.list_uuid, order_field="last_name", order="asc"
        )
    )
    assert [c.uuid for c in loaded_rows(qtbot, model)] == [c.uuid for c in by_name.items]

    window.sidebar.places_section.view.clicked.emit(window.sidebar.places_section.view.model().index(0, 0))
    qtbot.waitUntil(lambda: model.total is not None and model.total > members.total)
    assert window.total_label.text() == f"{model.total:,} contacts"
    assert window.view_header.title.text() == "All contacts"
    assert model.sort_indicator() == (model.section_of("last_name"), Qt.SortOrder.AscendingOrder)  # kept


def test_include_archived_switches_to_the_membership_endpoint_and_shows_the_archived_member(
    browser, qtbot, run, small_workspace
):
    window, model = browser.window, browser.model
    click_list(qtbot, window, "VIP Customers")
    active = len(loaded_rows(qtbot, model))
    switch = window.view_header.include_archived
    assert switch.isVisible() and not switch.isChecked()
    browser.transport.requests.clear()

    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert isinstance(model.view, ListMembersView)
    shown = loaded_rows(qtbot, model)
    assert browser.transport.member_calls()[0]["include_archived"] == "true"
    assert browser.transport.contact_list_calls() == []
    assert len(shown) == active + 1
    row = next(r for r, c in enumerate(shown) if c.uuid == small_workspace.archived_member)
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole) == ARCHIVED_TIP
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None  # dimmed
    assert window.total_label.text() == f"{active + 1} contacts in VIP Customers, archived included"

    header = window.table.horizontalHeader()
    assert header.sortIndicatorSection() == -1  # the server's order: no sort offered
    generation = model.generation
    browser.transport.requests.clear()
    click_header(qtbot, window.table, "Last name")
    qtbot.wait(50)
    assert model.generation == generation and browser.transport.requests == []
    assert header.sortIndicatorSection() == -1
    assert "cannot be sorted" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)

    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)  # off again: List Contacts, sortable
    assert isinstance(model.view, ListContactsView)
    assert len(loaded_rows(qtbot, model)) == active


def test_a_search_while_a_list_is_selected_covers_all_contacts_and_says_so(
    browser, qtbot, run, small_workspace
):
    window, model = browser.window, browser.model
    click_list(qtbot, window, "VIP Customers")
    members = {c.uuid for c in loaded_rows(qtbot, model)}
    assert "not only this list" in window.search_box.placeholderText()

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F, as a person would
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "example")
    qtbot.waitUntil(lambda: "matches" in window.total_label.text(), timeout=5_000)
    found = run(browser.api.contacts.search(search_term="example", limit=1))
    shown = {c.uuid for c in loaded_rows(qtbot, model)}
    assert shown - members, "the search is not limited to the list"
    notice = window.view_header.notice
    assert notice.isVisible()
    assert "cannot search inside a list" in notice.text() and "“VIP Customers”" in notice.text()
    assert window.total_label.text() == f"{found.total} matches for “example” in all contacts"
    assert not window.view_header.include_archived.isVisible()
    assert window.sidebar.current_list().uuid == small_workspace.list_uuid  # where Esc goes back to

    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert isinstance(model.view, ListContactsView) and window.search_box.text() == ""
    assert {c.uuid for c in loaded_rows(qtbot, model)} == members
    assert not notice.isVisible()
    assert window.total_label.text() == f"{len(members)} contacts in VIP Customers"


def test_selecting_a_list_ends_the_search(browser, qtbot):
    window, model = browser.window, browser.model
    qtbot.keyClicks(window.search_box, "example")
    qtbot.waitUntil(lambda: "matches" in window.total_label.text(), timeout=5_000)
    click_list(qtbot, window, "Newsletter")
    assert isinstance(model.view, ListContactsView) and model.view.contact_list.name == "Newsletter"
    assert window.search_box.text() == "" and not browser.session.search.is_active


def test_workspace_entries_show_their_page_and_later_screens_plug_in(browser, qtbot):
    window, sidebar = browser.window, browser.window.sidebar
    pages_view = sidebar.workspace_section.view
    titles = [pages_view.model().index(r, 0).data() for r in range(pages_view.model().rowCount())]
    assert titles == ["Custom fields", "Imports"]

    qtbot.mouseClick(
        pages_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=pages_view.visualRect(pages_view.model().index(0, 0)).center(),
    )
    page = window.pages.currentWidget()
    assert isinstance(page, CustomFieldsScreen)  # issue 8's screen replaced the "not available yet" page
    assert not window.table.isVisible()

    screen = QLabel("The custom fields screen")
    sidebar.add_page_entry(CUSTOM_FIELDS_PAGE, "Custom fields", lambda: screen)  # what issue 8 will do
    assert pages_view.model().rowCount() == 2
    qtbot.mouseClick(
        pages_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=pages_view.visualRect(pages_view.model().index(1, 0)).center(),
    )
    qtbot.mouseClick(
        pages_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=pages_view.visualRect(pages_view.model().index(0, 0)).center(),
    )
    assert window.pages.currentWidget() is screen

    qtbot.keyClicks(window.search_box, "example")  # searching brings the table back
    qtbot.waitUntil(window.table.isVisible, timeout=5_000)
    assert window.pages.current_key == "contacts"


def test_the_sidebar_is_usable_from_the_keyboard(browser, qtbot):
    sidebar, model = browser.window.sidebar, browser.model
    places = sidebar.places_section.view
    places.setFocus()
    places.setCurrentIndex(places.model().index(0, 0))
    qtbot.keyClick(places, Qt.Key.Key_Down)  # past "All contacts": into the lists
    lists_view = sidebar.lists_section.view
    assert lists_view.hasFocus()
    first = sidebar.lists_model.lists[0]
    assert isinstance(model.view, ListContactsView) and model.view.contact_list.uuid == first.uuid
    qtbot.keyClick(lists_view, Qt.Key.Key_Down)
    assert model.view.contact_list.uuid == sidebar.lists_model.lists[1].uuid
    assert places.accessibleName() == "Contacts" and lists_view.accessibleName() == "Lists"


def test_f5_refreshes_the_lists_and_their_counts(browser, qtbot, run, small_workspace):
    window = browser.window
    lists = window.sidebar.lists_model
    partners = next(item for item in lists.lists if item.name == "Partners")
    outsider = next(
        c
        for c in run(browser.api.contacts.list(limit=100)).items
        if c.uuid
        not in {m.uuid for m in run(browser.api.contact_lists.contacts(partners.uuid, limit=100)).items}
    )
    run(browser.api.contact_lists.add_contacts(partners.uuid, [outsider.uuid]))
    run(browser.api.contact_lists.update(partners.uuid, name="Partners 2026", emoji="🤝"))
    try:
        qtbot.keyClick(window, Qt.Key.Key_F5)
        row = lists.row_of(partners.uuid)
        qtbot.waitUntil(lambda: lists.data(lists.index(row)) == "🤝 Partners 2026")
        assert lists.data(lists.index(lists.row_of(partners.uuid)), COUNT_ROLE) == partners.count + 1
    finally:
        run(browser.api.contact_lists.remove_contacts(partners.uuid, [outsider.uuid]))
        run(browser.api.contact_lists.update(partners.uuid, name="Partners"))


def test_a_deleted_list_is_left_for_all_contacts_on_refresh(browser, qtbot, run):
    window, model = browser.window, browser.model
    doomed = run(browser.api.contact_lists.create(name="Doomed", emoji="💥"))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.sidebar.lists_model.row_of(doomed.uuid) >= 0)
    click_list(qtbot, window, "Doomed")
    qtbot.waitUntil(lambda: model.total == 0)
    assert window.total_label.text() == "0 contacts in Doomed"

    run(browser.api.contact_lists.delete(doomed.uuid))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.view_header.title.text() == "All contacts")
    assert "“Doomed” no longer exists" in window.statusBar().currentMessage()
    assert window.sidebar.lists_model.row_of(doomed.uuid) == -1


def test_rows_dropped_on_a_list_go_to_the_drop_handler(browser):
    sidebar = browser.window.sidebar
    received = []
    sidebar.set_list_drop_handler(
        ["application/x-test-contacts"], lambda target, data: received.append((target, data)) or True
    )
    lists = sidebar.lists_model
    data = QMimeData()
    data.setData("application/x-test-contacts", b"uuids")
    target = lists.index(2)
    assert lists.flags(target) & Qt.ItemFlag.ItemIsDropEnabled
    assert lists.dropMimeData(
        data, Qt.DropAction.CopyAction, -1, -1, target
    )  # as a drop on row 2 delivers it
    assert received == [(lists.lists[2], data)]
    other = QMimeData()
    other.setText("not contacts")
    assert not lists.canDropMimeData(other, Qt.DropAction.CopyAction, -1, -1, target)
