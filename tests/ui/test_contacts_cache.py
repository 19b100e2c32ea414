"""The table's cache of loaded rows: light for the garbage collector, yet every contact comes back whole."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt

from tests.ui.test_contacts_window import visible_rows

BLOCKS_VISITED = (500, 1000, 1500, 2000, 2500)


def scroll_to(qtbot, table, row: int) -> None:
    model = table.model()
    table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: all(model.uuid_at(r) is not None for r in visible_rows(table)))


def test_a_contact_read_from_the_cache_is_the_one_the_server_sent(harness, run):
    model = harness.model
    expected = run(harness.api.contacts.list(limit=100)).items
    assert any(c.custom_fields for c in expected) and any(c.last_engaged_at for c in expected)
    assert [model.contact_at(row) for row in range(len(expected))] == expected
    assert [model.uuid_at(row) for row in range(len(expected))] == [str(c.uuid) for c in expected]
    assert model.contact_at(model.rowCount() - 1) is None and model.uuid_at(model.rowCount() - 1) is None


def test_rows_scrolled_away_and_back_still_fill_the_detail_pane_with_the_whole_contact(harness, qtbot, run):
    model, window = harness.model, harness.window
    scroll_to(qtbot, window.table, 1500)
    scroll_to(qtbot, window.table, 0)  # block 0 answered from the cache, not fetched again
    assert harness.transport.offsets().count(0) == 1
    row = next(r for r in range(100) if model.contact_at(r).custom_fields)
    rect = window.table.visualRect(model.index(row, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    expected = run(harness.api.contacts.get(model.uuid_at(row)))
    pane = window.detail
    assert pane.contact == expected
    assert pane.field_text("email") == (expected.email or "")


def test_hiding_a_column_keeps_what_every_other_column_shows(harness, qtbot):
    model, table = harness.model, harness.window.table
    scroll_to(qtbot, table, 1000)
    shown = {
        row: {model.column(s).key: model.data(model.index(row, s)) for s in range(model.columnCount())}
        for row in (*range(100), *range(1000, 1100))
    }
    table.hide_column("email")
    assert model.section_of("email") < 0
    for row, cells in shown.items():
        after = {model.column(s).key: model.data(model.index(row, s)) for s in range(model.columnCount())}
        assert after == {key: text for key, text in cells.items() if key != "email"}


def test_cached_rows_leave_the_garbage_collector_next_to_nothing_to_visit(harness, qtbot):
    """Every full collection visits every object the collector tracks: keep cached rows out of them."""
    table = harness.window.table
    scroll_to(qtbot, table, 200)  # a first scroll and load: whatever the app builds once, it has built
    harness.transport.requests.clear()
    gc.collect()
    before = len(gc.get_objects())
    for row in BLOCKS_VISITED:
        scroll_to(qtbot, table, row)
    harness.transport.requests.clear()
    gc.collect()
    rows_loaded = 100 * len(BLOCKS_VISITED)
    assert len(gc.get_objects()) - before < rows_loaded / 2  # pydantic models: about 6 per row
