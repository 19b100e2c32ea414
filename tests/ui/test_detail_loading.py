"""The detail pane while the selected row's contact is still loading: no flash of "Loading…"."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from PySide6.QtCore import Qt

from app.ui.detail_pane import LOADING_HINT, LOADING_HINT_DELAY_MS
from tests.ui.conftest import Harness, LoopbackServer, RecordingTransport, started_window


class GatedTransport(RecordingTransport):
    """Holds back pages of List Contacts past the first while ``hold()`` is in force."""

    def __init__(self) -> None:
        super().__init__()
        self._gate: asyncio.Event | None = None

    def hold(self) -> None:
        self._gate = asyncio.Event()

    def release(self) -> None:
        if self._gate is not None:
            self._gate.set()
            self._gate = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        gate = self._gate
        if (
            gate is not None
            and request.url.path.endswith("/contacts")
            and request.url.params.get("offset") != "0"
        ):
            await gate.wait()
        return await super().handle_async_request(request)


@pytest.fixture
def gated(qtbot, run, api_server: LoopbackServer, workspace_token: str) -> Iterator[Harness]:
    transport = GatedTransport()
    with started_window(qtbot, run, api_server, workspace_token, transport) as started:
        yield started
        transport.release()  # the pages held back answer before the session shuts down


PANE_FOLLOWS_MS = 20


def click_row(qtbot, harness: Harness, row: int) -> None:
    table, model = harness.window.table, harness.model
    table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtCenter)
    rect = table.visualRect(model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert harness.window.current_row() == row
    qtbot.wait(PANE_FOLLOWS_MS)  # the pane follows the row once the table has painted (a zero timer)


def shows_hint(pane, text: str) -> bool:
    return pane.currentIndex() == 0 and pane.currentWidget().text() == text


def test_a_row_loading_quickly_goes_straight_from_one_contact_to_the_next(gated: Harness, qtbot):
    window, model, pane, transport = gated.window, gated.model, gated.window.detail, gated.transport
    click_row(qtbot, gated, 0)
    first = model.contact_at(0)
    assert pane.contact == first
    switches: list[int] = []
    pane.currentChanged.connect(switches.append)

    transport.hold()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = window.current_row()
    assert last == model.rowCount() - 1 and model.contact_at(last) is None
    assert pane.contact == first and not shows_hint(pane, LOADING_HINT)  # no flash while it loads
    transport.release()
    qtbot.waitUntil(lambda: model.contact_at(last) is not None)
    qtbot.waitUntil(lambda: pane.contact == model.contact_at(last))
    assert pane.title.text() and pane.field_text("email") == (model.contact_at(last).email or "")
    assert switches == []  # the pane never went to its hint page and back


def test_a_row_loading_slowly_says_loading_then_shows_its_contact(gated: Harness, qtbot):
    model, pane, transport = gated.model, gated.window.detail, gated.transport
    click_row(qtbot, gated, 0)
    transport.hold()
    click_row(qtbot, gated, 1550)
    assert model.contact_at(1550) is None and pane.contact == model.contact_at(0)
    qtbot.wait(LOADING_HINT_DELAY_MS // 2)
    assert not shows_hint(pane, LOADING_HINT)
    qtbot.waitUntil(lambda: shows_hint(pane, LOADING_HINT), timeout=LOADING_HINT_DELAY_MS * 3)
    assert pane.contact is None  # nothing of the previous contact can be edited by mistake
    transport.release()
    qtbot.waitUntil(lambda: pane.contact is not None and pane.contact == model.contact_at(1550))
    assert pane.is_editing


def test_a_new_contact_started_while_a_row_loads_is_not_replaced_by_loading(gated: Harness, qtbot):
    window, model, pane, transport = gated.window, gated.model, gated.window.detail, gated.transport
    click_row(qtbot, gated, 0)
    transport.hold()
    click_row(qtbot, gated, 1550)
    pane.new_contact()
    assert pane.is_new
    qtbot.wait(LOADING_HINT_DELAY_MS * 2)
    assert pane.is_new and pane.is_editing and pane.title.text() == "New contact"
    assert window.current_row() == 1550 and model.contact_at(1550) is None


def test_the_pane_follows_the_keyboard_after_the_table_has_moved_and_once_for_a_burst_of_keys(
    gated: Harness, qtbot
):
    """Held-down arrow keys: the table moves on every key, and the pane (whose filling costs a few
    milliseconds) catches up once the table has painted, with the row the keys ended on."""
    window, model, pane = gated.window, gated.model, gated.window.detail
    click_row(qtbot, gated, 0)
    assert pane.contact == model.contact_at(0)
    opened: list[str] = []
    original = pane.show_contact

    def noting(contact):
        opened.append(str(contact.uuid))
        original(contact)

    pane.show_contact = noting
    window.table.setFocus()
    for _ in range(5):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.current_row() == 5
    assert pane.contact == model.contact_at(0) and opened == []  # the table first
    qtbot.waitUntil(lambda: pane.contact == model.contact_at(5))
    assert opened == [str(model.contact_at(5).uuid)]  # once, with the last row
