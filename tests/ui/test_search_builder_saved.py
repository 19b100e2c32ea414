"""Saved searches against the real server: save, restart, reopen from the sidebar, rename, delete,
export to and import from a file; kept per workspace in the settings file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.api import CueDeskClient
from app.ui.connect.settings import Settings
from app.ui.connection import RemoteConnection
from app.ui.search_builder.saved_searches import EXPORT_FORMAT
from app.ui.search_builder.saved_searches_ui import SAVED_SEARCHES
from app.ui.session import AppSession
from app.ui.views import AllContactsView, SearchView
from tests.ui.browse_support import DelayingTransport, click_list, loaded_rows, wait_ready
from tests.ui.search_builder_support import (  # noqa: F401 - quick_type_ahead is an autouse fixture
    add_filter,
    answer_name,
    choose,
    name_dialog,
    open_builder,
    quick_type_ahead,
    searched,
)

BIG_SEATS = {
    "advanced_search": [
        {"field": "email", "operator": "contains", "value": "example"},
        {"field": "num_seats", "operator": "gte", "value": "100", "data_type": "long"},
    ],
    "sort_by": {"field": "num_seats", "sort_order": "desc", "data_type": "long"},
}


class Windows:
    """Windows on the test workspace that keep their saved searches in one settings file."""

    def __init__(self, qtbot, run, server, token: str, path: Path) -> None:
        self.qtbot, self.run, self.server, self.token, self.path = qtbot, run, server, token, path
        self.open_sessions: list[AppSession] = []
        self.transport = DelayingTransport()

    def open(self, key: str = "profile-1") -> AppSession:
        self.transport = DelayingTransport()
        client = CueDeskClient(self.server.base_url, token=self.token, transport=self.transport)
        session = AppSession(RemoteConnection(client), settings=Settings.read(self.path), workspace_key=key)
        self.qtbot.addWidget(session.window)
        session.start()
        wait_ready(self.qtbot, session)
        self.open_sessions.append(session)
        return session

    def close(self, session: AppSession) -> None:
        # At teardown pytest-qt may have deleted the window already (qtbot.addWidget): a deferred
        # delete runs whenever shutting down an earlier session spins the loop.
        if shiboken6.isValid(session.window):
            session.window.close()
        self.run(session.shutdown())
        self.open_sessions.remove(session)


@pytest.fixture
def windows(qtbot, run, api_server, small_workspace, tmp_path) -> Iterator[Windows]:
    opened = Windows(qtbot, run, api_server, small_workspace.token, tmp_path / "config" / "settings.json")
    yield opened
    for session in list(opened.open_sessions):
        opened.close(session)


class Browser:  # what ``searched`` needs
    def __init__(self, session: AppSession, transport: DelayingTransport) -> None:
        self.session, self.model, self.transport = session, session.model, transport


def saved_names(session: AppSession) -> list[str]:
    model = session.saved_searches.model
    return [model.item(row).text() for row in range(model.rowCount())]


def click_saved(qtbot, session: AppSession, name: str) -> None:
    """Click a saved search in the sidebar (the window active again, as after a dialog)."""
    session.window.activateWindow()
    qtbot.waitUntil(session.window.isActiveWindow)
    view = session.saved_searches.view
    row = saved_names(session).index(name)
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.waitUntil(lambda: view.viewport().rect().contains(rect))  # the section has grown to its rows
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def build_big_seats(qtbot, session: AppSession) -> None:
    panel = open_builder(qtbot, session.window)
    add_filter(qtbot, panel, "Email", "contains", ["example"])
    add_filter(qtbot, panel, "Seats", "is at least", ["100"])
    choose(qtbot, panel.sort_picker.field_picker, "Seats")
    choose(qtbot, panel.sort_picker.direction, "descending")


def save_as(qtbot, session: AppSession, name: str) -> None:
    qtbot.mouseClick(session.window.search_builder.save_button, Qt.MouseButton.LeftButton)
    answer_name(qtbot, name)


def test_a_saved_search_survives_a_restart_and_runs_from_the_sidebar(windows, qtbot, run):
    session = windows.open()
    assert session.window.sidebar.section(SAVED_SEARCHES).title.text() == "SAVED SEARCHES"
    build_big_seats(qtbot, session)
    searched(qtbot, Browser(session, windows.transport), BIG_SEATS)
    save_as(qtbot, session, "Big seats")
    assert saved_names(session) == ["Big seats"]
    stored = json.loads(windows.path.read_text())["saved_searches"]
    assert stored == {"profile-1": [{"name": "Big seats", "request": BIG_SEATS}]}
    expected = [c.uuid for c in loaded_rows(qtbot, session.model)]
    windows.close(session)

    again = windows.open()  # a new window, the settings read from the file
    assert saved_names(again) == ["Big seats"]
    assert not again.window.search_dock.isVisible() and again.window.search_builder.rows == ()
    click_saved(qtbot, again, "Big seats")
    panel = again.window.search_builder
    qtbot.waitUntil(panel.isVisible)  # the builder shows the search it runs
    assert [(r.field_picker.currentText(), r.value_editor.values()) for r in panel.rows] == [
        ("Email (email)", ("example",)),
        ("Seats (num_seats)", ("100",)),
    ]
    assert panel.sort_picker.field_picker.currentText() == "Seats (num_seats)"
    searched(qtbot, Browser(again, windows.transport), BIG_SEATS)
    assert [c.uuid for c in loaded_rows(qtbot, again.model)] == expected
    assert again.window.sidebar.section(SAVED_SEARCHES).view.selectionModel().isRowSelected(0)

    other = windows.open("profile-2")  # another workspace has its own saved searches
    assert saved_names(other) == []


def test_a_saved_search_chosen_while_a_list_is_shown_searches_the_whole_workspace(windows, qtbot):
    session = windows.open()
    build_big_seats(qtbot, session)
    save_as(qtbot, session, "Big seats")
    click_list(qtbot, session.window, "VIP Customers")
    qtbot.waitUntil(
        lambda: isinstance(session.model.view, AllContactsView) is False and not session.search.is_active
    )
    assert session.window.search_builder.rows == ()  # choosing a list ended the search

    click_saved(qtbot, session, "Big seats")
    view = session.model.view
    assert isinstance(view, SearchView) and view.scope is None
    assert not session.window.view_header.notice.isVisible()
    assert session.window.sidebar.current_list() is None

    qtbot.mouseClick(session.window.search_box, Qt.MouseButton.LeftButton)
    qtbot.keyClick(session.window.search_box, Qt.Key.Key_Escape)  # the whole search ends
    assert isinstance(session.model.view, AllContactsView)
    assert not session.saved_searches.view.selectionModel().hasSelection()


def test_rename_and_delete_from_the_sidebar(windows, qtbot):
    session = windows.open()
    build_big_seats(qtbot, session)
    save_as(qtbot, session, "Big seats")
    save_as(qtbot, session, "Another")  # a second name for the same search
    assert saved_names(session) == ["Another", "Big seats"]
    click_saved(qtbot, session, "Big seats")
    view = session.saved_searches.view

    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert name_dialog(qtbot).textValue() == "Big seats"
    answer_name(qtbot, "another")  # taken (names ignore case): asked again, with the reason
    dialog = name_dialog(qtbot)
    assert (
        "A saved search is already called “Another”" in dialog.labelText() and dialog.textValue() == "another"
    )
    answer_name(qtbot, "Large accounts")
    assert saved_names(session) == ["Another", "Large accounts"]
    assert [s["name"] for s in json.loads(windows.path.read_text())["saved_searches"]["profile-1"]] == [
        "Large accounts",
        "Another",
    ]

    click_saved(qtbot, session, "Another")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    box = session.saved_searches.dialog
    assert isinstance(box, QMessageBox) and "Delete the saved search “Another”?" in box.text()
    qtbot.mouseClick(box.accept_button, Qt.MouseButton.LeftButton)
    assert saved_names(session) == ["Large accounts"]
    assert "Another" not in windows.path.read_text()


def test_saving_under_a_used_name_asks_first_and_an_empty_search_is_not_saved(windows, qtbot):
    session = windows.open()
    panel = open_builder(qtbot, session.window)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Nothing to save yet: add text, a complete filter or a sort."
    qtbot.keyClicks(panel.term_box, "example")
    save_as(qtbot, session, "Mine")

    places = session.window.sidebar.places_section.view  # All contacts: the search ends
    qtbot.mouseClick(
        places.viewport(),
        Qt.MouseButton.LeftButton,
        pos=places.visualRect(places.model().index(0, 0)).center(),
    )
    assert panel.term_box.text() == ""
    qtbot.mouseClick(panel.term_box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.term_box, "acme")
    save_as(qtbot, session, "mine")  # names ignore case
    box = session.saved_searches.dialog
    assert isinstance(box, QMessageBox) and "already called “Mine”. Replace it" in box.text()
    qtbot.mouseClick(box.accept_button, Qt.MouseButton.LeftButton)
    assert saved_names(session) == ["Mine"]
    assert session.saved_searches.store.find("Mine").request.to_wire() == {"search_term": "acme"}

    click_saved(qtbot, session, "Mine")  # opened, changed and saved again: its own name, no question
    qtbot.keyClicks(panel.term_box, " inc")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert name_dialog(qtbot).textValue() == "Mine"
    answer_name(qtbot, "Mine")
    assert not isinstance(session.saved_searches.dialog, QMessageBox)
    assert session.saved_searches.store.find("Mine").request.to_wire() == {"search_term": "acme inc"}


def file_dialog(qtbot, session: AppSession) -> QFileDialog:
    qtbot.waitUntil(lambda: isinstance(session.saved_searches.dialog, QFileDialog))
    return session.saved_searches.dialog


def use_tool(qtbot, session: AppSession, text: str) -> None:
    """Click the section's ⋯ button, then an entry of its menu."""
    controller = session.saved_searches
    qtbot.mouseClick(controller.tools, Qt.MouseButton.LeftButton)
    menu = controller.tools_menu
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text() == text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def test_export_to_a_file_and_import_into_another_workspace(windows, qtbot, tmp_path):
    session = windows.open()
    build_big_seats(qtbot, session)
    save_as(qtbot, session, "Big seats")
    qtbot.keyClicks(session.window.search_builder.term_box, "acme")
    save_as(qtbot, session, "Acme big seats")
    exported = tmp_path / "searches.json"
    use_tool(qtbot, session, "Export saved searches…")
    dialog = file_dialog(qtbot, session)
    dialog.selectFile(str(exported))
    dialog.accept()
    data = json.loads(exported.read_text())
    assert data["format"] == EXPORT_FORMAT and data["version"] == 1
    assert data["searches"] == [
        {"name": "Acme big seats", "request": {"search_term": "acme", **BIG_SEATS}},
        {"name": "Big seats", "request": BIG_SEATS},
    ]
    assert session.window.statusBar().currentMessage() == f"Exported 2 saved searches to {exported}."

    other = windows.open("profile-2")
    qtbot.keyClicks(open_builder(qtbot, other.window).term_box, "x")
    save_as(qtbot, other, "Big seats")  # a name the file also has
    for _ in range(2):
        use_tool(qtbot, other, "Import saved searches…")
        dialog = file_dialog(qtbot, other)
        dialog.selectFile(str(exported))
        dialog.accept()
    assert saved_names(other) == [
        "Acme big seats",
        "Acme big seats (2)",
        "Big seats",
        "Big seats (2)",
        "Big seats (3)",
    ]
    assert other.saved_searches.store.find("Big seats").request.to_wire() == {"search_term": "x"}  # kept
    click_saved(qtbot, other, "Acme big seats")
    searched(qtbot, Browser(other, windows.transport), {"search_term": "acme", **BIG_SEATS})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "The file is not JSON"),
        ('{"searches": []}', "is not a saved searches export of CueDesk Contacts"),
        (
            json.dumps(
                {
                    "format": EXPORT_FORMAT,
                    "version": 1,
                    "searches": [
                        {"name": "Fine", "request": {"search_term": "a"}},
                        {
                            "name": "Broken",
                            "request": {"advanced_search": [{"field": "x", "operator": "near"}]},
                        },
                    ],
                }
            ),
            "Search 2: “Broken”: advanced_search.0.operator:",
        ),
    ],
    ids=["not JSON", "not an export", "one search invalid"],
)
def test_a_file_that_is_not_an_export_imports_nothing_and_says_why(
    windows, qtbot, tmp_path, content, message
):
    session = windows.open()
    path = tmp_path / "other.json"
    path.write_text(content)
    use_tool(qtbot, session, "Import saved searches…")
    dialog = file_dialog(qtbot, session)
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(lambda: isinstance(session.saved_searches.dialog, QMessageBox))
    box = session.saved_searches.dialog
    assert box.text().startswith("Nothing was imported from other.json.") and message in box.text()
    assert saved_names(session) == []
