"""Scrolling the table: the rows on screen load in as few round trips as possible, the next ones ahead."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.contacts_model import LOADING_TEXT, BlockRequest
from tests.ui.browse_support import PaintCounter
from tests.ui.test_contacts_window import EMAIL, FIRST_NAME, cell


def on_screen(table) -> range:
    return table.rows_on_screen()


def all_loaded(model, rows: range) -> bool:
    return all(model.uuid_at(row) is not None for row in rows)


def requested_pages(transport) -> list[tuple[int, int]]:
    return [(int(call["offset"]), int(call["limit"])) for call in transport.list_calls()]


def test_rows_on_screen_across_two_blocks_load_in_one_request(harness, qtbot, run):
    model, table, transport = harness.model, harness.window.table, harness.transport
    transport.requests.clear()
    table.scrollTo(model.index(1985, 0), table.ScrollHint.PositionAtTop)  # rows 1985… of blocks 19 and 20
    shown = on_screen(table)
    assert shown.start == 1985 and shown.stop > 2000
    qtbot.waitUntil(lambda: all_loaded(model, shown))

    assert requested_pages(transport) == [(1985, 100)]
    expected = run(harness.api.contacts.list(limit=100, offset=1985)).items
    assert [model.uuid_at(row) for row in shown] == [str(c.uuid) for c in expected[: len(shown)]]
    assert [cell(model, row, EMAIL) for row in shown] == [c.email or "" for c in expected[: len(shown)]]

    # The rest of block 19 was not fetched: scrolled into view, it loads, and shows the right contacts.
    table.scrollTo(model.index(1950, 0), table.ScrollHint.PositionAtTop)
    table.viewport().repaint()
    assert cell(model, 1950, FIRST_NAME) == LOADING_TEXT
    qtbot.waitUntil(lambda: all_loaded(model, on_screen(table)))
    assert requested_pages(transport)[1:] == [(1900, 100)]
    block = run(harness.api.contacts.list(limit=100, offset=1900)).items
    assert [model.contact_at(1900 + i) for i in range(100)] == block


def test_paging_down_loads_the_next_block_before_it_is_shown(harness, qtbot):
    model, table, transport = harness.model, harness.window.table, harness.transport
    table.setFocus()
    transport.requests.clear()
    qtbot.keyClick(table, Qt.Key.Key_PageDown)
    assert on_screen(table).stop <= 100  # still rows of block 0…
    qtbot.waitUntil(lambda: requested_pages(transport) == [(100, 100)])  # …and block 1 is on its way
    qtbot.waitUntil(lambda: model.uuid_at(199) is not None)

    while on_screen(table).stop <= 100:
        qtbot.keyClick(table, Qt.Key.Key_PageDown)
    shown = on_screen(table)
    assert all_loaded(model, shown)  # the page that reaches block 1: no placeholder, no wait
    table.viewport().repaint()
    assert all(cell(model, row, FIRST_NAME) != LOADING_TEXT for row in shown)
    qtbot.waitUntil(lambda: (200, 100) in requested_pages(transport))  # and block 2 comes ahead in turn
    assert requested_pages(transport) == [(100, 100), (200, 100)]


def test_rows_loaded_off_screen_do_not_repaint_the_table(harness, qtbot, run):
    """Qt repaints the whole table when more than one cell changes: not for a block loaded ahead."""
    model, table = harness.model, harness.window.table
    page = run(harness.api.contacts.list(limit=100, offset=2500))
    paints = PaintCounter(table.viewport())
    settled = -1
    while paints.paints != settled:  # the window's own first paints are over
        settled = paints.paints
        qtbot.wait(100)
    paints.paints = 0
    assert model.apply_block(
        BlockRequest(model.generation, 25, 2500, 100, model.view), page.items, page.total
    )
    qtbot.wait(50)
    assert paints.paints == 0 and model.uuid_at(2550) == str(page.items[50].uuid)

    page = run(harness.api.contacts.list(limit=100))  # rows on screen: painted again
    assert model.apply_block(BlockRequest(model.generation, 0, 0, 100, model.view), page.items, page.total)
    qtbot.waitUntil(lambda: paints.paints > 0)


def test_paging_up_loads_the_block_above_ahead(harness, qtbot):
    model, table, transport = harness.model, harness.window.table, harness.transport
    table.setFocus()
    table.scrollTo(model.index(1050, 0), table.ScrollHint.PositionAtTop)  # a jump: nothing ahead
    table.setCurrentIndex(model.index(1050, 0))
    qtbot.waitUntil(lambda: all_loaded(model, on_screen(table)))
    qtbot.wait(50)
    assert requested_pages(transport)[-1] == (1000, 100)
    transport.requests.clear()

    qtbot.keyClick(table, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: requested_pages(transport) == [(900, 100)])
    qtbot.waitUntil(lambda: model.uuid_at(900) is not None)


def test_a_jump_loads_only_the_rows_it_shows(harness, qtbot):
    model, table, transport = harness.model, harness.window.table, harness.transport
    transport.requests.clear()
    table.scrollTo(model.index(1500, 0), table.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: all_loaded(model, on_screen(table)))
    qtbot.wait(100)
    assert requested_pages(transport) == [(1500, 100)]


def test_a_jump_asks_for_its_rows_before_their_placeholders_paint(harness, qtbot):
    """The request is on its way while the placeholders paint, not sent after that paint."""
    model, table = harness.model, harness.window.table
    paints = PaintCounter(table.viewport())
    asked: list[tuple[int, int]] = []  # (first row asked for, paints of the table until then)
    model.blockWanted.connect(lambda request: asked.append((request.offset, paints.paints)))
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() // 2)
    shown = on_screen(table)
    assert asked and asked[0][1] == 0
    assert asked[0][0] <= shown.start < asked[0][0] + 100
    qtbot.waitUntil(lambda: all_loaded(model, shown))
