"""Contact lists in the sidebar: create, rename, emoji, delete; filter, sort, active/archived."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.api import NotFoundError
from app.server.db import Database
from app.ui.views import AllContactsView, ListContactsView
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import new_workspace
from tests.ui.lists_support import ListsHarness, lists_session, menu_action


@pytest.fixture
def app(qtbot, run, api_server: LoopbackServer, workspace_db: Database):
    with lists_session(qtbot, run, api_server, new_workspace(workspace_db)) as harness:
        yield harness


def retype(app: ListsHarness, line, text: str) -> None:
    line.setFocus()
    line.selectAll()
    app.qtbot.keyClick(line, Qt.Key.Key_Delete)
    app.qtbot.keyClicks(line, text)


def test_create_a_list_with_an_emoji_from_the_picker(app: ListsHarness, qtbot):
    tools = app.manager.tools
    app.click(tools.new_button)
    dialog = app.manager.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.windowTitle() == "New list"

    mark = app.mark()
    app.click(dialog.save_button)  # no name: said at the field, nothing sent
    assert dialog.name_error.isVisible() and dialog.name_error.text() == "Give the list a name."
    assert dialog.name.accessibleDescription() == "Give the list a name."
    assert not app.requests_since(mark)

    qtbot.keyClicks(dialog.name, "Road show")
    app.click(dialog.choose_button)
    picker = dialog.picker
    qtbot.waitUntil(lambda: picker is not None and picker.isVisible())
    qtbot.keyClicks(picker.search, "rocket")
    assert [picker.model.emoji_at(r).char for r in range(picker.model.rowCount())] == ["🚀"]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert dialog.emoji.text() == "🚀" and dialog.emoji_preview.text() == "🚀"
    assert dialog.picker is None  # closed once chosen

    app.click(dialog.save_button)
    qtbot.waitUntil(lambda: "Road show" in app.sidebar_names())
    assert app.manager.dialog is None  # closed once saved
    created = app.server_list("Road show")
    assert (created.emoji, created.count) == ("🚀", 0)
    [post] = [r for r in app.requests_since(mark, "POST") if r.url.path.endswith("/contact-lists")]
    assert app.body(post) == {"name": "Road show", "emoji": "🚀"}
    # The new list is selected: the table shows its (no) members.
    qtbot.waitUntil(lambda: isinstance(app.model.view, ListContactsView))
    assert app.model.view.contact_list.uuid == created.uuid
    assert app.sidebar.current_list().uuid == created.uuid
    row = app.list_index("Road show")
    assert row.data(Qt.ItemDataRole.DisplayRole) == "🚀 Road show"
    assert row.data(Qt.ItemDataRole.AccessibleTextRole) == "Road show, 0 contacts"


def test_emoji_search_by_words_and_free_input(app: ListsHarness, qtbot):
    dialog = app.manager.new_list()
    picker = dialog.open_picker()
    qtbot.keyClicks(picker.search, "heart red")
    found = {picker.model.emoji_at(r).char for r in range(picker.model.rowCount())}
    assert "❤️" in found and "🚀" not in found
    retype(app, picker.search, "no such emoji at all")
    assert picker.model.rowCount() == 0 and picker.empty.isVisible()
    picker.reject()
    qtbot.keyClicks(dialog.name, "Free input")
    dialog.emoji.insert("🦄")  # pasted (QTest cannot type characters beyond the BMP), not from the picker
    app.click(dialog.save_button)
    qtbot.waitUntil(lambda: "Free input" in app.sidebar_names())
    assert app.server_list("Free input").emoji == "🦄"


def test_rename_and_change_the_emoji_of_a_list(app: ListsHarness, qtbot):
    app.click_list("Partners")
    view = app.sidebar.lists_section.view
    app.press(view, Qt.Key.Key_F2)
    dialog = app.manager.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.name.text() == "Partners" and dialog.emoji.text() == "🤝"
    retype(app, dialog.name, "Resellers")
    dialog.emoji.selectAll()
    dialog.emoji.insert("🏪")  # pasted: QTest cannot type characters beyond the BMP
    mark = app.mark()
    app.click(dialog.save_button)
    qtbot.waitUntil(lambda: "Resellers" in app.sidebar_names())
    [patch] = app.requests_since(mark, "PATCH")
    assert app.body(patch) == {"name": "Resellers", "emoji": "🏪"}
    stored = app.server_list("Resellers")
    assert stored.emoji == "🏪"
    # The table's title follows the renamed list it shows.
    qtbot.waitUntil(lambda: app.window.view_header.title.text() == "🏪 Resellers")

    menu = app.manager.sidebar_menu(stored)
    menu_action(menu, "Change emoji").trigger()
    dialog = app.manager.dialog
    assert dialog.emoji.hasFocus() or dialog.focusWidget() is dialog.emoji
    dialog.emoji.clear()  # no emoji at all
    mark = app.mark()
    app.click(dialog.save_button)
    qtbot.waitUntil(lambda: app.manager.dialog is None)
    [patch] = app.requests_since(mark, "PATCH")
    assert app.body(patch) == {"emoji": None}
    qtbot.waitUntil(lambda: app.list_index("Resellers").data(Qt.ItemDataRole.DisplayRole) == "Resellers")
    assert app.server_list("Resellers").emoji is None


def test_a_name_the_server_refuses_is_shown_at_the_field(app: ListsHarness, qtbot):
    dialog = app.manager.new_list()
    dialog.name.setMaxLength(1000)  # the field stops at 250 characters; a pasted longer name is refused
    dialog.name.setText("x" * 251)
    mark = app.mark()
    app.click(dialog.save_button)
    qtbot.waitUntil(lambda: dialog.name_error.isVisible())
    assert "250" in dialog.name_error.text()
    assert dialog.isVisible() and dialog.name.text() == "x" * 251  # nothing typed is lost
    assert not app.requests_since(mark, "POST")  # refused before sending, as the server would


def test_delete_a_list_after_a_confirmation_naming_it_and_its_count(app: ListsHarness, qtbot):
    vip = app.server_list("VIP Customers")
    assert vip.count > 0
    app.click_list("VIP Customers")
    qtbot.waitUntil(lambda: isinstance(app.model.view, ListContactsView))
    view = app.sidebar.lists_section.view

    app.press(view, Qt.Key.Key_Delete)
    box = app.confirmation()
    assert f"“⭐ VIP Customers” with its {vip.count} contacts" in box.text()
    assert "contacts stay in the workspace" in box.text()
    mark = app.mark()
    app.click(box.reject_button)  # Cancel (the default): nothing happens
    assert not app.requests_since(mark, "DELETE")
    assert "VIP Customers" in app.sidebar_names()

    app.press(view, Qt.Key.Key_Delete)
    box = app.confirmation()
    app.click(box.accept_button)
    qtbot.waitUntil(lambda: "VIP Customers" not in app.sidebar_names())
    with pytest.raises(NotFoundError):
        app.run(app.api.contact_lists.get(vip.uuid))
    # The table leaves the deleted list for All contacts.
    assert isinstance(app.model.view, AllContactsView)
    assert "Deleted the list “VIP Customers”" in app.window.statusBar().currentMessage()


def test_filter_sort_and_the_archived_switch(app: ListsHarness, qtbot):
    tools = app.manager.tools
    mark = app.mark()
    qtbot.keyClicks(tools.filter, "ne")
    expected = [item.name for item in app.server_lists(search="ne")]
    assert expected and len(expected) < len(app.server_lists())
    qtbot.waitUntil(lambda: app.sidebar_names() == expected)
    loads = [
        dict(r.url.params) for r in app.requests_since(mark, "GET") if r.url.path.endswith("/contact-lists")
    ]
    assert [load["search"] for load in loads if "search" in load] == ["ne"]  # one request once typing paused

    tools.filter.clear()
    qtbot.waitUntil(lambda: len(app.sidebar_names()) == len(app.server_lists()))
    menu_action(tools.sort_menu, "Newest first").trigger()
    newest = [item.name for item in app.server_lists(sort_field="created_at", sort_order="desc")]
    qtbot.waitUntil(lambda: app.sidebar_names() == newest)
    assert tools.sort_button.toolTip() == "Sort lists: Newest first"
    menu_action(tools.sort_menu, "Name (Z–A)").trigger()
    qtbot.waitUntil(lambda: app.sidebar_names() == sorted(newest, key=str.casefold, reverse=True))

    tools.status.setCurrentIndex(tools.status.findText("Archived"))
    qtbot.waitUntil(lambda: app.sidebar_names() == ["Spring campaign 2025"])
    assert app.sidebar.lists_section.title.text() == "ARCHIVED LISTS"
    app.click_list("Spring campaign 2025")  # its members can be shown
    qtbot.waitUntil(lambda: app.window.view_header.title.text() == "🌷 Spring campaign 2025")

    qtbot.keyClicks(tools.filter, "zzz")
    qtbot.waitUntil(lambda: app.sidebar_names() == [])
    assert tools.empty.isVisible() and tools.empty.text() == "No archived list matches “zzz”."
    # While the sidebar shows archived lists, "Add to list" still offers every active list.
    qtbot.waitUntil(
        lambda: {c.name for c in app.manager.active_lists} == {c.name for c in app.server_lists()}
    )

    app.press(tools.filter, Qt.Key.Key_Escape)
    tools.status.setCurrentIndex(tools.status.findText("Active"))
    qtbot.waitUntil(lambda: len(app.sidebar_names()) == len(app.server_lists()))
    assert not tools.empty.isVisible()
    assert QApplication.activeWindow() is app.window
