"""Quick search against the real server: as-you-type, debounced, newest answer wins, typed header sorts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.api import order_by
from app.schema import SortBy, SortOrder
from app.ui.quick_search import DEBOUNCE_MS
from app.ui.views import AllContactsView, SearchView
from tests.ui.browse_support import (
    TYPED_EMAIL,
    DelayingTransport,
    PaintCounter,
    click_header,
    loaded_rows,
    open_browser,
    wait_ready,
)


def test_the_debounce_is_at_most_150_ms():
    assert 0 < DEBOUNCE_MS <= 150


def test_quick_search_narrows_the_table(browser, qtbot, run, small_workspace):
    window, model = browser.window, browser.model
    everyone = model.total
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()

    paints = PaintCounter(window.table.viewport())
    painted_when_answered: list[int] = []
    model.totalChanged.connect(lambda _total: painted_when_answered.append(paints.paints))
    qtbot.keyClicks(window.search_box, "nobody-here")
    qtbot.waitUntil(lambda: model.total == 0, timeout=5_000)
    assert window.total_label.text() == "0 matches for “nobody-here”"
    # The table repaints to say "No contacts match this search." (no row changed to repaint for).
    qtbot.waitUntil(lambda: paints.paints > painted_when_answered[-1], timeout=2_000)
    qtbot.keyClick(window.search_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "typed@")
    qtbot.waitUntil(lambda: model.total == 1, timeout=5_000)
    assert [c.uuid for c in loaded_rows(qtbot, model)] == [small_workspace.typed_contact]
    assert model.data(model.index(0, model.section_of("email"))) == TYPED_EMAIL
    assert window.total_label.text() == "1 match for “typed@”"
    assert window.view_header.title.text() == "Search results"

    qtbot.keyClick(window.search_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "example.com")
    expected = run(browser.api.contacts.search(search_term="example.com", limit=100))
    qtbot.waitUntil(lambda: model.total == expected.total, timeout=5_000)
    assert 1 < expected.total < everyone
    assert [c.uuid for c in loaded_rows(qtbot, model)] == [c.uuid for c in expected.items]


def test_typing_quickly_sends_one_search(browser, qtbot):
    window, model = browser.window, browser.model
    browser.transport.requests.clear()
    qtbot.keyClicks(window.search_box, "example")  # seven keystrokes, no pause
    qtbot.waitUntil(lambda: isinstance(model.view, SearchView) and model.total is not None, timeout=5_000)
    qtbot.wait(DEBOUNCE_MS * 2)
    assert browser.transport.searches() == [{"search_term": "example"}]


def test_a_stale_answer_never_overwrites_a_newer_one(qtbot, run, api_server, small_workspace):
    transport = DelayingTransport(slow=lambda body: body.get("search_term") == "ex", delay=1.5)
    session = open_browser(qtbot, api_server, small_workspace.token, transport)
    window, model = session.window, session.model
    try:
        wait_ready(qtbot, session)
        shown_views = []  # the view whose rows were on screen each time rows arrived
        model.dataChanged.connect(lambda *_: shown_views.append(model.view))

        qtbot.keyClicks(window.search_box, "ex")
        qtbot.waitUntil(lambda: {"search_term": "ex"} in transport.searches(), timeout=5_000)
        assert model.total is None  # its answer is held back
        qtbot.keyClicks(window.search_box, "ample.com")
        qtbot.waitUntil(lambda: model.total is not None, timeout=5_000)

        qtbot.wait(1_700)  # long after the slow answer would have come
        assert transport.cancelled == [{"search_term": "ex"}]  # the older request was cancelled
        expected = run(
            session.connection.call(lambda c: c.contacts.search(search_term="example.com", limit=100))
        )
        assert [c.uuid for c in loaded_rows(qtbot, model)] == [c.uuid for c in expected.items]
        assert window.total_label.text() == f"{expected.total} matches for “example.com”"
        assert shown_views and all(
            isinstance(v, SearchView) and v.request.search_term == "example.com" for v in shown_views
        )
    finally:
        window.close()
        run(session.shutdown())


def test_a_header_click_sorts_a_search_by_any_column_typed_for_custom_fields(browser, qtbot, run):
    window, model, table = browser.window, browser.model, browser.window.table
    table.show_column("cf:num_seats")
    qtbot.keyClicks(window.search_box, "example")
    qtbot.waitUntil(lambda: isinstance(model.view, SearchView) and model.total is not None, timeout=5_000)
    browser.transport.requests.clear()

    click_header(qtbot, table, "Seats")
    qtbot.waitUntil(lambda: model.contact_at(0) is not None, timeout=5_000)
    assert browser.transport.searches()[0] == {
        "search_term": "example",
        "sort_by": {"field": "num_seats", "sort_order": "asc", "data_type": "long"},
    }
    expected = run(
        browser.api.contacts.search(
            search_term="example", sort_by=order_by("num_seats", "asc", data_type="long"), limit=100
        )
    )
    assert [c.uuid for c in loaded_rows(qtbot, model)] == [c.uuid for c in expected.items]
    seats = [c.custom_fields.get("num_seats") for c in expected.items]
    assert [s for s in seats if s is not None] == sorted(s for s in seats if s is not None)
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        model.section_of("cf:num_seats"),
        Qt.SortOrder.AscendingOrder,
    )
    # One search state: the header's sort is the search's sort (what the builder's picker shows).
    assert browser.session.search.sort == SortBy(
        field="num_seats", sort_order=SortOrder.ASC, data_type="long"
    )

    browser.transport.requests.clear()
    click_header(qtbot, table, "Email")  # no order_field in List Contacts, but a search sorts by it
    qtbot.waitUntil(lambda: bool(browser.transport.searches()), timeout=5_000)
    assert browser.transport.searches()[0]["sort_by"] == {"field": "email", "sort_order": "asc"}


def test_esc_clears_the_search_and_returns_to_the_previous_view(browser, qtbot, run):
    window, model, table = browser.window, browser.model, browser.window.table
    click_header(qtbot, table, "Last name")
    qtbot.waitUntil(lambda: model.contact_at(0) is not None)
    before = AllContactsView(order_field="last_name", order="asc")
    assert model.view == before

    qtbot.keyClicks(window.search_box, "example")
    qtbot.waitUntil(lambda: isinstance(model.view, SearchView) and model.total is not None, timeout=5_000)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == "" and model.view == before
    expected = run(browser.api.contacts.list(limit=100, order_field="last_name", order="asc"))
    qtbot.waitUntil(lambda: model.contact_at(0) is not None)
    assert [model.contact_at(r).uuid for r in range(20)] == [c.uuid for c in expected.items[:20]]
    assert window.total_label.text() == f"{expected.total:,} contacts"


def test_the_search_state_is_shared_with_other_editors(browser, qtbot):
    """What the search builder (issue 7) will do: set the state; the box and the table follow."""
    window, model, search = browser.window, browser.model, browser.session.search
    search.update(term="example", sort=order_by("last_name", "desc"))
    assert window.search_box.text() == "example"
    assert isinstance(model.view, SearchView) and model.view.request == search.request()
    qtbot.waitUntil(lambda: model.total is not None, timeout=5_000)
    assert model.sort_indicator() == (model.section_of("last_name"), Qt.SortOrder.DescendingOrder)

    search.update(term="")  # a sort alone is not a search: back to All contacts
    assert isinstance(model.view, AllContactsView) and window.search_box.text() == ""


def test_esc_in_an_empty_box_ends_the_whole_search(browser, qtbot):
    from app.api import where

    window, model, search = browser.window, browser.model, browser.session.search
    search.set_filters([where("email", "contains", "example")])  # a builder filter, no term
    assert isinstance(model.view, SearchView)
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert not search.is_active and isinstance(model.view, AllContactsView)
