"""The main window against the real server: first rows, lazy blocks, server sort, detail pane, failures."""

from __future__ import annotations

import socket

from PySide6.QtCore import QPoint, Qt

from app.server.db import Database
from app.ui.contact_draft import same_value
from app.ui.contacts_model import FAILED_TEXT, LOADING_TEXT, BlockRequest
from app.ui.detail_pane import ContactDetailPane
from app.ui.views import AllContactsView
from tests.ui.conftest import LoopbackServer, RecordingTransport, remote_session

FIRST_NAME, LAST_NAME, EMAIL = 0, 1, 2


def cell(model, row: int, column: int):
    return model.data(model.index(row, column))


def visible_rows(table) -> range:
    first = table.rowAt(0)
    last = table.rowAt(table.viewport().height() - 1)
    return range(first, (last if last >= 0 else table.model().rowCount() - 1) + 1)


def reusable_socket(port: int) -> socket.socket:
    """A loopback socket, bound but not listening, whose port can be bound again at once when closed."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


def click_header(qtbot, table, title: str) -> None:
    header = table.horizontalHeader()
    section = next(
        s for s in range(header.count()) if table.model().headerData(s, Qt.Orientation.Horizontal) == title
    )
    pos = QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_the_window_shows_the_first_rows_and_the_total(harness, run):
    model, window = harness.model, harness.window
    expected = run(harness.api.contacts.list(limit=100))
    assert model.rowCount() == expected.total > 2_000
    assert window.total_label.text() == f"{expected.total:,} contacts"
    for row in visible_rows(window.table):
        contact = expected.items[row]
        assert cell(model, row, FIRST_NAME) == (contact.first_name or "")
        assert cell(model, row, EMAIL) == (contact.email or "")
    assert harness.transport.list_calls()[0] == {
        "limit": "100",
        "offset": "0",
        "order_field": "created_at",
        "order": "desc",
    }


class AnsweredTransport(RecordingTransport):
    """Records, in order, each request sent and each answer received (by path)."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str]] = []

    async def handle_async_request(self, request):
        self.events.append(("sent", request.url.path))
        response = await super().handle_async_request(request)
        self.events.append(("answered", request.url.path))
        return response


def test_a_start_asks_for_the_first_rows_alone_then_for_the_lists_and_fields(
    qtbot, run, api_server: LoopbackServer, workspace_token: str
):
    transport = AnsweredTransport()
    session = remote_session(api_server.base_url, workspace_token, transport)
    qtbot.addWidget(session.window)
    session.start()
    events = transport.events

    def answered() -> set[str]:
        return {path.rsplit("/", 1)[-1] for kind, path in events if kind == "answered"}

    qtbot.waitUntil(lambda: {"contacts", "contact-lists", "custom-fields"} <= answered(), timeout=15_000)
    assert events[:2] == [("sent", "/v1/contacts"), ("answered", "/v1/contacts")]
    session.window.close()
    run(session.shutdown())


def test_scrolling_to_the_bottom_loads_the_last_block_and_nothing_in_between(harness, qtbot, run):
    model, table = harness.model, harness.window.table
    total = model.rowCount()
    last_block_offset = (total - 1) // 100 * 100
    harness.transport.requests.clear()

    table.scrollToBottom()
    table.viewport().repaint()  # paint now, as the user would see it before the answer arrives
    assert cell(model, total - 1, FIRST_NAME) == LOADING_TEXT

    expected = run(harness.api.contacts.list(limit=100, offset=last_block_offset))
    qtbot.waitUntil(lambda: model.contact_at(total - 1) is not None)
    assert model.contact_at(total - 1) == expected.items[-1]
    assert cell(model, total - 1, EMAIL) == (expected.items[-1].email or "")
    shown_blocks = {row // 100 * 100 for row in visible_rows(table)}
    assert last_block_offset in shown_blocks
    assert sorted(harness.transport.offsets()) == sorted(shown_blocks)
    assert all(offset >= total - 200 for offset in harness.transport.offsets())


def test_a_header_click_sorts_on_the_server_and_no_row_of_the_old_order_remains(harness, qtbot, run):
    model, table = harness.model, harness.window.table
    newest_first = [model.contact_at(row).uuid for row in visible_rows(table)]
    harness.transport.requests.clear()

    click_header(qtbot, table, "Last name")
    table.viewport().repaint()
    assert all(model.contact_at(row) is None for row in visible_rows(table)), "old rows still shown"
    assert cell(model, 0, FIRST_NAME) == LOADING_TEXT

    qtbot.waitUntil(lambda: all(model.contact_at(row) is not None for row in visible_rows(table)))
    expected = run(harness.api.contacts.list(limit=100, order_field="last_name", order="asc"))
    shown = [model.contact_at(row).uuid for row in visible_rows(table)]
    assert shown == [c.uuid for c in expected.items[: len(shown)]] != newest_first
    assert [cell(model, row, LAST_NAME) for row in visible_rows(table)] == [
        c.last_name or "" for c in expected.items[: len(shown)]
    ]
    calls = harness.transport.list_calls()
    assert calls and all(c["order_field"] == "last_name" and c["order"] == "asc" for c in calls)
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (1, Qt.SortOrder.AscendingOrder)

    click_header(qtbot, table, "Last name")  # again: descending
    qtbot.waitUntil(lambda: model.contact_at(0) is not None)
    expected = run(harness.api.contacts.list(limit=1, order_field="last_name", order="desc"))
    assert model.contact_at(0) == expected.items[0]


def test_a_column_the_list_cannot_sort_by_is_not_sorted(harness, qtbot):
    model, table = harness.model, harness.window.table
    first, generation = model.contact_at(0), model.generation
    harness.transport.requests.clear()
    click_header(qtbot, table, "Email")
    qtbot.wait(50)
    header = table.horizontalHeader()
    assert model.sort_indicator() == (5, Qt.SortOrder.DescendingOrder)  # still "Created", newest first
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == model.sort_indicator()
    assert model.contact_at(0) == first and model.generation == generation
    assert harness.transport.requests == []


def test_selecting_a_row_fills_the_detail_pane(harness, qtbot):
    model, window = harness.model, harness.window
    pane: ContactDetailPane = window.detail
    assert pane.contact is None
    row = next(r for r in range(100) if model.contact_at(r).custom_fields and model.contact_at(r).last_name)
    contact = model.contact_at(row)
    rect = window.table.visualRect(model.index(row, EMAIL))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    qtbot.waitUntil(lambda: pane.contact == contact)
    assert pane.title.text() == f"{contact.first_name} {contact.last_name}"
    assert pane.field_text("email") == (contact.email or "")
    assert pane.field_text("phone_number") == (contact.phone_number or "")
    pane.show_tab("custom_fields")
    qtbot.waitUntil(lambda: pane.custom_fields.has_definitions)
    editors = pane.custom_fields.editors
    shown = {key: editor.value() for key, editor in editors.items() if editor.value() is not None}
    assert shown.keys() == contact.custom_fields.keys()
    assert all(same_value(shown[key], value) for key, value in contact.custom_fields.items())


def test_the_lru_forgets_old_blocks_and_loads_them_again_when_shown(harness, qtbot):
    model, table = harness.model, harness.window.table
    model._max_cached = 2
    for row in (500, 1000, 1500):
        table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
        qtbot.waitUntil(lambda row=row: model.contact_at(row) is not None)
    assert 0 not in model.cached_blocks and len(model.cached_blocks) <= 2
    harness.transport.requests.clear()
    table.scrollToTop()
    qtbot.waitUntil(lambda: model.contact_at(0) is not None)
    assert 0 in harness.transport.offsets()


def test_a_stale_answer_is_dropped(harness, run):
    model = harness.model
    model.sort(1, Qt.SortOrder.AscendingOrder)
    old_page = run(harness.api.contacts.list(limit=100))
    outdated = BlockRequest(model.generation - 1, 0, 0, 100, AllContactsView())
    assert model.apply_block(outdated, old_page.items, old_page.total) is False
    assert model.contact_at(0) is None or model.contact_at(0).uuid != old_page.items[0].uuid


def test_failed_loads_are_shown_in_the_banner_and_retry_loads_them(qtbot, run, workspace_db: Database):
    from app.server.auth import create_token

    with workspace_db.write() as db_session, db_session.begin():
        token = create_token(db_session)
    sock = reusable_socket(0)  # bound, not listening: connections are refused
    port = sock.getsockname()[1]
    session = remote_session(f"http://127.0.0.1:{port}/v1", token, RecordingTransport(), max_retries=0)
    qtbot.addWidget(session.window)
    model, banner, table = session.model, session.window.banner, session.window.table
    session.start()
    # The first rows, the contact lists and the custom fields all fail; the banner counts them.
    qtbot.waitUntil(lambda: "(2 more failed)" in banner.message.text())
    assert "Could not connect" in banner.message.text()
    assert model.rowCount() == 0
    assert session.window.sidebar.lists_model.rowCount() == 0

    server = LoopbackServer(workspace_db, sock).start()  # the server comes back
    try:
        qtbot.mouseClick(banner.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: model.contact_at(0) is not None, timeout=15_000)
        qtbot.waitUntil(lambda: session.window.sidebar.lists_model.rowCount() > 0)
        assert not banner.isVisible()

        server.stop()  # gone again: a block scrolled into view cannot load
        table.scrollToBottom()
        last = model.rowCount() - 1
        qtbot.waitUntil(banner.isVisible, timeout=15_000)
        assert cell(model, last, FIRST_NAME) == FAILED_TEXT
        assert f"Loading contacts {last // 100 * 100 + 1:,}" in banner.message.text()

        server = LoopbackServer(workspace_db, reusable_socket(port)).start()
        qtbot.mouseClick(banner.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: model.contact_at(last) is not None, timeout=15_000)
        assert cell(model, last, FIRST_NAME) != FAILED_TEXT and not banner.isVisible()
    finally:
        session.window.close()
        run(session.shutdown())
        server.stop()


def test_a_list_that_changed_on_the_server_is_followed(harness, qtbot, run):
    model, window, table = harness.model, harness.window, harness.window.table
    before = model.rowCount()
    created = run(harness.api.contacts.create(first_name="Zed", email="zed.newcomer@example.com"))

    table.scrollToBottom()  # the next block says total + 1
    qtbot.waitUntil(lambda: model.rowCount() == before + 1)
    assert window.total_label.text() == f"{before + 1:,} contacts"
    table.scrollToTop()  # rows loaded before the change are not trusted any more
    qtbot.waitUntil(lambda: model.contact_at(0) is not None)
    assert model.contact_at(0).uuid == created.uuid
    assert cell(model, 0, EMAIL) == "zed.newcomer@example.com"
