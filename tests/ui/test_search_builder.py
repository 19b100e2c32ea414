"""The search builder against the real server: every data type through the widgets, operators per type,
the reference's examples, incomplete rows, a 422 on its row, the one search state, the count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from app.schema import SearchRequest
from app.ui.search_builder.controller import DEBOUNCE_MS
from app.ui.search_builder.value_editors import DateInput, NumberInput
from app.ui.views import AllContactsView, SearchView, count_of
from tests.ui.browse_support import DelayingTransport, click_header, loaded_rows, open_browser, wait_ready
from tests.ui.search_builder_support import (  # noqa: F401 - quick_type_ahead is an autouse fixture
    add_filter,
    choose,
    open_builder,
    quick_type_ahead,
    request_shown,
    searched,
    type_into,
)

TEXT_OPERATORS = [
    "equals",
    "not_equals",
    "contains",
    "not_contains",
    "starts_with",
    "ends_with",
    "range",
    "gt",
    "lt",
    "gte",
    "lte",
    "exists",
    "not_exists",
]
ORDERED_OPERATORS = ["equals", "not_equals", "range", "gt", "lt", "gte", "lte", "exists", "not_exists"]
BOOLEAN_OPERATORS = ["equals", "not_equals", "exists", "not_exists"]

#: The demo workspace's custom fields and the data type the issue says each one starts with.
PRESETS = {
    "Date of birth (date_of_birth)": "date",  # date
    "Subscription (subscription)": "text",  # select
    "Verified (is_verified)": "boolean",  # checkbox
    "Seats (num_seats)": "long",  # number:integer
    "Lifetime value (lifetime_value)": "double",  # number:decimal
    "Discount (discount)": "double",  # number:percentage
    "Interests (interests)": "text",  # multiselect
    "Last purchase (last_purchase_at)": "date",  # date:date_time
    "Best time to call (best_call_time)": "text",  # date:time
    "Follow-up (follow_up)": "text",  # date:relative
    "Account manager (account_manager)": "text",  # user
    "Company (company)": "text",  # text
    "Tax ID (tax_id)": "text",  # text, sensitive
}


def shown_uuids(qtbot, model) -> list:
    return [contact.uuid for contact in loaded_rows(qtbot, model)]


def expected_uuids(run, browser, body: dict) -> list:
    return [
        c.uuid for c in run(browser.api.contacts.search(SearchRequest.model_validate(body), limit=100).all())
    ]


def test_ctrl_shift_f_shows_the_builder_beside_the_table_and_hides_it(browser, qtbot):
    window = browser.window
    assert not window.search_dock.isVisible()
    panel = open_builder(qtbot, window)
    assert window.dockWidgetArea(window.search_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert (
        window.search_dock.geometry().left() >= window.table.mapTo(window, window.table.rect().topRight()).x()
    )
    assert (
        window.search_builder_action.isChecked() and window.search_builder_action.text() == "Search &builder"
    )

    qtbot.keyClick(
        panel.term_box, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: not panel.isVisible())
    assert window.table.hasFocus() and not window.search_builder_action.isChecked()


def test_fields_are_grouped_with_their_keys_and_preset_their_data_type(browser, qtbot):
    panel = open_builder(qtbot, browser.window)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    row = panel.rows[0]
    picker = row.field_picker
    entries = [picker.itemText(i) for i in range(picker.count())]
    selectable = [picker.itemText(i) for i in range(picker.count()) if picker.model().item(i).isEnabled()]
    assert entries[0] == "Contact fields" and entries[13] == "Custom fields"
    assert entries[1:13] == [
        "First name (first_name)",
        "Last name (last_name)",
        "Email (email)",
        "Phone (phone_number)",
        "WhatsApp (whatsapp_id)",
        "Messenger (fb_messenger_id)",
        "External ID (external_contact_id)",
        "Client reference (client_reference)",
        "Archived (archived)",
        "Created (created_at)",
        "Updated (updated_at)",
        "Last engaged (last_engaged_at)",
    ]
    assert entries[14:] == sorted(PRESETS, key=str.casefold)  # every custom field, by name
    assert "Contact fields" not in selectable and "Custom fields" not in selectable
    assert row.state == "incomplete" and "Choose a field" in row.status.text()

    for label, data_type in PRESETS.items():
        choose(qtbot, picker, label)
        assert row.type_picker.isVisible() and row.type_picker.currentText() == data_type, label
    choose(qtbot, picker, "Created")
    assert not row.type_picker.isVisible()  # a predefined field has its own type
    assert [op.value for op in row.operator_picker.offered()] == ORDERED_OPERATORS


def test_only_the_operators_of_the_data_type_are_offered(browser, qtbot):
    panel = open_builder(qtbot, browser.window)
    row = add_filter(qtbot, panel, "Company")
    offered = {}
    for data_type in ("text", "long", "double", "date", "boolean", "text"):
        choose(qtbot, row.type_picker, data_type)
        offered[data_type] = [op.value for op in row.operator_picker.offered()]
    assert offered == {
        "text": TEXT_OPERATORS,
        "long": ORDERED_OPERATORS,
        "double": ORDERED_OPERATORS,
        "date": ORDERED_OPERATORS,
        "boolean": BOOLEAN_OPERATORS,
    }
    choose(qtbot, row.type_picker, "boolean")
    labels = [row.operator_picker.itemText(i) for i in range(row.operator_picker.count())]
    assert labels == ["equals", "does not equal", "has a value", "has no value"]  # no "contains" on a boolean
    choose(qtbot, row.field_picker, "Archived")
    assert [op.value for op in row.operator_picker.offered()] == BOOLEAN_OPERATORS


CASES = {
    "text": (
        "Email",
        None,
        "contains",
        ["acme"],
        {"field": "email", "operator": "contains", "value": "acme"},
    ),
    "text of a select field, from its options": (
        "Subscription",
        None,
        "equals",
        ["Enterprise"],
        {"field": "subscription", "operator": "equals", "value": "Enterprise", "data_type": "text"},
    ),
    "text of a multiselect field: any of its labels": (
        "Interests",
        None,
        "equals",
        ["Webinars"],
        {"field": "interests", "operator": "equals", "value": "Webinars", "data_type": "text"},
    ),
    "long": (
        "Seats",
        None,
        "is at least",
        ["100"],
        {"field": "num_seats", "operator": "gte", "value": "100", "data_type": "long"},
    ),
    "double, range": (
        "Lifetime value",
        None,
        "is between",
        ["1000", "20000.5"],
        {"field": "lifetime_value", "operator": "range", "value": ["1000", "20000.5"], "data_type": "double"},
    ),
    "date": (
        "Date of birth",
        None,
        "is before",
        ["1980-01-01"],
        {"field": "date_of_birth", "operator": "lt", "value": "1980-01-01", "data_type": "date"},
    ),
    "date of a predefined field": (
        "Created",
        None,
        "is on or after",
        ["2024-06-01"],
        {"field": "created_at", "operator": "gte", "value": "2024-06-01"},
    ),
    "boolean": (
        "Verified",
        None,
        "equals",
        ["false"],
        {"field": "is_verified", "operator": "equals", "value": "false", "data_type": "boolean"},
    ),
    "boolean of a predefined field": (
        "Archived",
        None,
        "equals",
        ["true"],
        {"field": "archived", "operator": "equals", "value": "true"},
    ),
    "a data type chosen by hand": (
        "Seats",
        "text",
        "starts with",
        ["1"],
        {"field": "num_seats", "operator": "starts_with", "value": "1", "data_type": "text"},
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_data_type_built_through_the_widgets(browser, qtbot, run, case):
    field, data_type, operator, values, expected = case
    panel = open_builder(qtbot, browser.window)
    row = add_filter(qtbot, panel, field, operator, values, data_type=data_type)
    assert row.state == "complete" and not row.status.isVisible() and not row.error.isVisible()
    body = {"advanced_search": [expected]}
    searched(qtbot, browser, body)
    assert request_shown(qtbot, browser.session) == body
    wanted = expected_uuids(run, browser, body)
    assert 0 < len(wanted) < 151  # the filter narrows the workspace
    assert shown_uuids(qtbot, browser.model) == wanted
    assert (
        panel.count_label.text() == f"{len(wanted)} contact{'s match' if len(wanted) != 1 else ' matches'}."
    )


def test_a_date_picked_from_the_calendar(browser, qtbot):
    panel = open_builder(qtbot, browser.window)
    row = add_filter(qtbot, panel, "Date of birth", "is on or after")
    date_input = row.value_editor.inputs[0]
    assert isinstance(date_input, DateInput)
    qtbot.mouseClick(date_input.button, Qt.MouseButton.LeftButton)
    calendar = date_input.calendar
    qtbot.waitUntil(calendar.isVisible)
    days = calendar.findChild(QTableView)  # the month's grid: today is selected
    for _ in range(3):
        qtbot.keyClick(days, Qt.Key.Key_Left)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    picked = (date.today() - timedelta(days=3)).isoformat()
    assert date_input.value() == picked
    searched(
        qtbot,
        browser,
        {
            "advanced_search": [
                {"field": "date_of_birth", "operator": "gte", "value": picked, "data_type": "date"}
            ]
        },
    )


def test_a_whole_number_is_64_bit(browser, qtbot):
    panel = open_builder(qtbot, browser.window)
    row = add_filter(qtbot, panel, "Seats", "equals", ["9223372036854775807"])
    assert isinstance(row.value_editor.inputs[0], NumberInput)
    searched(
        qtbot,
        browser,
        {
            "advanced_search": [
                {
                    "field": "num_seats",
                    "operator": "equals",
                    "value": "9223372036854775807",
                    "data_type": "long",
                }
            ]
        },
    )
    assert browser.model.total == 0
    type_into(qtbot, row.value_editor.inputs[0], "9223372036854775808")
    assert row.state == "invalid" and "out of range" in row.error.text()


def test_the_reference_examples_built_through_the_ui(browser, qtbot):
    session = browser.session
    panel = open_builder(qtbot, browser.window)

    qtbot.keyClicks(panel.term_box, "john")  # Free-text Search
    searched(qtbot, browser, {"search_term": "john"})
    assert request_shown(qtbot, session) == {"search_term": "john"}
    qtbot.keyClick(panel.term_box, Qt.Key.Key_Escape)  # clears the text

    add_filter(qtbot, panel, "Email", "contains", ["@example.com"])  # Advanced Filter with Sort
    add_filter(qtbot, panel, "Seats", "is at least", ["100"])
    choose(qtbot, panel.sort_picker.field_picker, "Created")
    choose(qtbot, panel.sort_picker.direction, "descending")
    assert not panel.sort_picker.type_picker.isVisible()
    example = {
        "advanced_search": [
            {"field": "email", "operator": "contains", "value": "@example.com"},
            {"field": "num_seats", "operator": "gte", "value": "100", "data_type": "long"},
        ],
        "sort_by": {"field": "created_at", "sort_order": "desc"},
    }
    searched(qtbot, browser, example)
    assert request_shown(qtbot, session) == example

    for row in panel.rows:  # Field Exists Check: remove both rows with their ✕ buttons
        qtbot.mouseClick(row.remove_button, Qt.MouseButton.LeftButton)
    choose(qtbot, panel.sort_picker.field_picker, "Default order")
    add_filter(qtbot, panel, "Date of birth", "has a value")
    assert not panel.rows[0].value_editor.isVisible()  # exists takes no value
    example = {"advanced_search": [{"field": "date_of_birth", "operator": "exists", "data_type": "date"}]}
    searched(qtbot, browser, example)
    assert request_shown(qtbot, session) == example


def test_an_incomplete_row_is_shown_as_such_and_left_out(browser, qtbot, run):
    panel = open_builder(qtbot, browser.window)
    add_filter(qtbot, panel, "Email", "contains", ["example"])
    waiting = add_filter(qtbot, panel, "Seats", "is at most")
    wrong = add_filter(qtbot, panel, "Lifetime value", "is between", ["500", "100"])
    unset = add_filter(qtbot, panel, "Verified")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)  # not even a field
    body = {"advanced_search": [{"field": "email", "operator": "contains", "value": "example"}]}
    searched(qtbot, browser, body)

    assert waiting.state == "incomplete" and waiting.status.text().endswith("Enter a value.")
    assert unset.state == "incomplete" and unset.status.isVisible()
    assert panel.rows[-1].state == "incomplete" and panel.rows[-1].status.text().endswith("Choose a field.")
    assert (
        wrong.state == "invalid"
        and wrong.error.text() == "The range's first value must not be greater than its second."
    )
    assert "Left out of the search" in waiting.accessibleDescription()
    assert request_shown(qtbot, browser.session) == body

    type_into(qtbot, waiting.value_editor.inputs[0], "10")  # completing it adds it to the search
    body["advanced_search"].append(
        {"field": "num_seats", "operator": "lte", "value": "10", "data_type": "long"}
    )
    searched(qtbot, browser, body)
    assert waiting.state == "complete" and not waiting.status.isVisible()
    assert shown_uuids(qtbot, browser.model) == expected_uuids(run, browser, body)


def test_a_422_is_shown_on_the_row_it_concerns(browser, qtbot, run):
    window, api = browser.window, browser.api
    temporary = run(api.custom_fields.create(name="Temporary score", field_type="number:integer"))
    try:
        qtbot.keyClick(window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: browser.session.definitions.by_key(temporary.field_key) is not None)
        panel = open_builder(qtbot, window)
        first = add_filter(qtbot, panel, "Email", "contains", ["e"])
        add_filter(qtbot, panel, "Seats", "equals")  # incomplete: not in the request
        concerned = add_filter(qtbot, panel, "Temporary score", "has a value")
        body = {
            "advanced_search": [
                {"field": "email", "operator": "contains", "value": "e"},
                {"field": temporary.field_key, "operator": "exists", "data_type": "long"},
            ]
        }
        searched(qtbot, browser, body)
    finally:
        run(api.custom_fields.delete(temporary.uuid))  # someone else deletes the field meanwhile

    type_into(qtbot, panel.term_box, "a")  # the next search names the deleted field
    qtbot.waitUntil(lambda: concerned.state == "invalid", timeout=5_000)
    assert browser.transport.searches()[-1] == {"search_term": "a", **body}
    assert "neither a predefined contact field nor a custom field key" in concerned.error.text()
    assert first.state == "complete" and not first.error.isVisible()  # advanced_search.1 is the third row
    assert panel.count_label.text() == "The server refused this search: see the marked filter."
    assert panel.add_all_button.text() == "Add all results to list…"

    qtbot.keyClick(window, Qt.Key.Key_F5)  # the definitions again: the field is gone
    qtbot.waitUntil(lambda: concerned.state == "incomplete")
    assert "is not a field of this workspace" in concerned.status.text()
    assert concerned.field_picker.currentText() == f"{temporary.field_key} (missing)"
    searched(
        qtbot,
        browser,
        {"search_term": "a", "advanced_search": [{"field": "email", "operator": "contains", "value": "e"}]},
    )
    assert panel.count_label.text().endswith("match.") or panel.count_label.text().endswith("matches.")


def test_the_text_field_is_the_quick_search_box(browser, qtbot):
    window, model = browser.window, browser.model
    panel = open_builder(qtbot, window)
    browser.transport.requests.clear()
    qtbot.keyClicks(panel.term_box, "typed@")
    searched(qtbot, browser, {"search_term": "typed@"})
    assert window.search_box.text() == "typed@" and model.total == 1
    assert browser.transport.searches() == [{"search_term": "typed@"}]  # one search, not one per editor

    qtbot.mouseClick(window.search_box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.search_box, "x")
    searched(qtbot, browser, {"search_term": "typed@x"})
    assert panel.term_box.text() == "typed@x" and panel.count_label.text() == "No contacts match."

    add_filter(qtbot, panel, "Email", "ends with", [".com"])
    qtbot.mouseClick(window.search_box, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)  # clears the text: the filter stays
    searched(
        qtbot, browser, {"advanced_search": [{"field": "email", "operator": "ends_with", "value": ".com"}]}
    )
    assert panel.term_box.text() == ""
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)  # in an empty box: the whole search ends
    assert isinstance(model.view, AllContactsView) and panel.rows == ()
    assert panel.count_label.text() == "Type some text or complete a filter to search."


def test_a_header_click_sorts_the_search_and_the_sort_picker_shows_it(browser, qtbot):
    window = browser.window
    window.table.show_column("cf:num_seats")
    panel = open_builder(qtbot, window)
    add_filter(qtbot, panel, "Email", "contains", ["example"])
    searched(
        qtbot, browser, {"advanced_search": [{"field": "email", "operator": "contains", "value": "example"}]}
    )
    click_header(qtbot, window.table, "Seats")
    qtbot.waitUntil(lambda: panel.sort_picker.field_picker.currentText() == "Seats (num_seats)")
    assert panel.sort_picker.type_picker.currentText() == "long"
    assert panel.sort_picker.direction.currentText() == "ascending"
    assert request_shown(qtbot, browser.session)["sort_by"] == {
        "field": "num_seats",
        "sort_order": "asc",
        "data_type": "long",
    }


def test_the_count_follows_each_change_after_a_pause(browser, qtbot):
    panel = open_builder(qtbot, browser.window)
    row = add_filter(qtbot, panel, "Seats", "is at least")
    browser.transport.requests.clear()
    qtbot.keyClicks(row.value_editor.inputs[0], "250")  # three keystrokes, no pause
    assert panel.count_label.text() == "Counting…"
    body = {
        "advanced_search": [{"field": "num_seats", "operator": "gte", "value": "250", "data_type": "long"}]
    }
    searched(qtbot, browser, body)
    qtbot.wait(DEBOUNCE_MS * 2)
    assert browser.transport.searches() == [body]
    total = browser.model.total
    assert panel.count_label.text() == f"{total} contacts match."
    assert panel.add_all_button.text() == f"Add all {total} results to list…"


def test_a_sort_alone_is_not_a_search(browser, qtbot):
    panel = open_builder(qtbot, browser.window)
    choose(qtbot, panel.sort_picker.field_picker, "Seats")
    qtbot.wait(DEBOUNCE_MS * 2)
    assert isinstance(browser.model.view, AllContactsView)
    assert panel.count_label.text().startswith("A sort alone is not a search")
    qtbot.keyClicks(panel.term_box, "example")
    searched(
        qtbot,
        browser,
        {
            "search_term": "example",
            "sort_by": {"field": "num_seats", "sort_order": "asc", "data_type": "long"},
        },
    )


def test_new_and_deleted_custom_fields_appear_and_disappear(browser, qtbot, run):
    window, api = browser.window, browser.api
    panel = open_builder(qtbot, window)
    row = add_filter(qtbot, panel, "Email", "contains", ["a"])
    created = run(
        api.custom_fields.create(name="Region", field_type="select", select_options=["North", "South"])
    )
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: row.field_picker.findText("Region (region)") >= 0)
    assert panel.sort_picker.field_picker.findText("Region (region)") >= 0
    regional = add_filter(qtbot, panel, "Region", "equals", ["South"])
    assert [regional.value_editor.inputs[0].itemText(i) for i in range(2)] == ["North", "South"]
    searched(
        qtbot,
        browser,
        {
            "advanced_search": [
                {"field": "email", "operator": "contains", "value": "a"},
                {"field": "region", "operator": "equals", "value": "South", "data_type": "text"},
            ]
        },
    )

    run(api.custom_fields.delete(created.uuid))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: row.field_picker.findText("Region (region)") < 0)
    assert regional.state == "incomplete"  # its field is gone: left out, and says so
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.rows[-1].field_picker.findText("region", Qt.MatchFlag.MatchContains) < 0
    searched(qtbot, browser, {"advanced_search": [{"field": "email", "operator": "contains", "value": "a"}]})


def test_choosing_a_list_ends_the_search_and_the_builder_follows(browser, qtbot):
    window = browser.window
    panel = open_builder(qtbot, window)
    add_filter(qtbot, panel, "Email", "contains", ["example"])
    qtbot.waitUntil(lambda: isinstance(browser.model.view, SearchView))
    from tests.ui.browse_support import click_list

    click_list(qtbot, window, "VIP Customers")
    assert panel.rows == () and not browser.session.search.is_active


def test_the_newest_search_wins_over_an_older_answer_that_arrives_later(browser, qtbot):
    model, transport = browser.model, browser.transport
    slow = {"advanced_search": [{"field": "num_seats", "operator": "gte", "value": "1", "data_type": "long"}]}
    transport.slow, transport.delay = (lambda body: body == slow), 1.0
    panel = open_builder(qtbot, browser.window)
    row = add_filter(qtbot, panel, "Seats", "is at least", ["1"])
    qtbot.waitUntil(lambda: transport.searches()[-1:] == [slow])  # sent, and held back
    assert panel.count_label.text() == "Counting…"
    type_into(qtbot, row.value_editor.inputs[0], "500")
    newest = {
        "advanced_search": [{"field": "num_seats", "operator": "gte", "value": "500", "data_type": "long"}]
    }
    searched(qtbot, browser, newest)
    total = model.total
    qtbot.wait(1_200)  # the older answer's time has come and gone: it never reaches the table
    assert transport.cancelled == [slow]
    assert model.total == total and model.view.request.to_wire() == newest
    assert panel.count_label.text() == f"{count_of(total, 'contact matches', 'contacts match')}."


def test_add_all_results_to_list_adds_every_result_of_the_search_shown_to_a_new_list(browser, qtbot, run):
    """The builder hands the search shown and its total to issue 8's membership engine, which adds
    every result (in batches of at most 100) to the list the user picks or creates."""
    session = browser.session
    panel = open_builder(qtbot, browser.window)
    assert not panel.add_all_button.isEnabled()  # no search yet
    add_filter(qtbot, panel, "Archived", "equals", ["false"])
    body = {"advanced_search": [{"field": "archived", "operator": "equals", "value": "false"}]}
    searched(qtbot, browser, body)
    total = browser.model.total
    assert total > 100  # more than one batch of the API's maximum
    assert panel.add_all_button.text() == f"Add all {total} results to list…"
    assert panel.add_all_button.isEnabled()
    choose(qtbot, panel.sort_picker.field_picker, "Last name")  # an edit on its way: the button waits
    assert not panel.add_all_button.isEnabled()
    sorted_body = {**body, "sort_by": {"field": "last_name", "sort_order": "asc"}}
    searched(qtbot, browser, sorted_body)
    assert browser.model.total == total and panel.add_all_button.isEnabled()

    requested = []
    session.search_builder.addAllToListRequested.connect(lambda *args: requested.append(args))
    qtbot.mouseClick(panel.add_all_button, Qt.MouseButton.LeftButton)
    [(request, count)] = requested
    assert request.to_wire() == sorted_body and count == total
    chooser = session.lists.chooser
    qtbot.waitUntil(lambda: chooser is not None and chooser.isVisible())
    assert f"({total} contacts)" in chooser.explanation.text()
    qtbot.mouseClick(chooser.new_button, Qt.MouseButton.LeftButton)
    dialog = session.lists.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    qtbot.keyClicks(dialog.name, "Everyone not archived")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    expected = {c.uuid for c in run(browser.api.contacts.search(request, limit=100).all())}
    assert len(expected) == total

    def members() -> set:
        lists = run(browser.api.contact_lists.list(search="Everyone not archived")).items
        if not lists:
            return set()
        return {c.uuid for c in run(browser.api.contact_lists.contacts(lists[0].uuid, limit=100).all())}

    qtbot.waitUntil(lambda: len(members()) == total, timeout=30_000)
    assert members() == expected


def test_the_builder_reopens_where_it_was_with_the_window_layout(
    browser, qtbot, run, api_server, small_workspace
):
    window = browser.window
    open_builder(qtbot, window)
    window.resizeDocks([window.search_dock], [420], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.search_dock.width() == 420)
    layout = window.save_layout()

    again = open_browser(qtbot, api_server, small_workspace.token, DelayingTransport())
    try:
        wait_ready(qtbot, again)
        assert not again.window.search_dock.isVisible()
        again.window.resize(window.size())  # as its geometry would (offscreen, the screen is smaller)
        again.window.restore_layout({key: value for key, value in layout.items() if key != "geometry"})
        qtbot.waitUntil(again.window.search_dock.isVisible)
        assert again.window.dockWidgetArea(again.window.search_dock) == Qt.DockWidgetArea.RightDockWidgetArea
        qtbot.waitUntil(lambda: again.window.search_dock.width() == 420, timeout=2000)
        assert again.window.search_builder_action.isChecked()
    finally:
        again.window.close()
        run(again.shutdown())
