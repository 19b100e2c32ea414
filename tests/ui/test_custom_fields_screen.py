"""The Custom fields screen: definitions created, edited and deleted through the form, against the real server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox
from sqlalchemy import select, update

from app.schema import FIELD_TYPE_DESCRIPTIONS, OPTION_TYPES, FieldType
from app.server import models as m
from app.server.db import Database
from app.ui.custom_fields_screen.definition_dialog import DefinitionDialog
from app.ui.sidebar import CUSTOM_FIELDS_PAGE, KEY_ROLE
from tests.ui.conftest import LoopbackServer
from tests.ui.edit_support import new_workspace
from tests.ui.lists_support import ListsHarness, lists_session, menu_action


@pytest.fixture
def app(qtbot, run, api_server: LoopbackServer, workspace_db: Database):
    with lists_session(qtbot, run, api_server, new_workspace(workspace_db)) as harness:
        yield harness


def open_screen(app: ListsHarness):
    """Click "Custom fields" under Workspace in the sidebar."""
    view = app.sidebar.workspace_section.view
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(KEY_ROLE) == CUSTOM_FIELDS_PAGE)
    app.qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(row, 0)).center()
    )
    screen = app.session.custom_fields.screen
    assert screen is not None and app.window.pages.currentWidget() is screen
    app.qtbot.waitUntil(lambda: screen.model.rowCount() == len(app.session.definitions.all))
    return screen


def new_dialog(app: ListsHarness, screen) -> DefinitionDialog:
    app.click(screen.new_button)
    dialog = app.session.custom_fields.dialog
    app.qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    return dialog


def choose_type(dialog: DefinitionDialog, kind: FieldType) -> None:
    combo: QComboBox = dialog.type
    combo.setCurrentIndex(combo.findData(kind))


def save(app: ListsHarness, dialog: DefinitionDialog) -> None:
    """Save, and wait until the dialog closed and the shared definitions were loaded again."""
    definitions = app.session.definitions
    with app.qtbot.waitSignal(definitions.changed, timeout=10_000):
        app.click(dialog.save_button)
    assert app.session.custom_fields.dialog is None


def tick(app: ListsHarness, box) -> None:
    """Click a check box on its box (a click right of its text does not toggle it)."""
    app.qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def stored(app: ListsHarness, key: str):
    return next((d for d in app.run(app.api.custom_fields.list(limit=100).all()) if d.field_key == key), None)


def test_the_screen_opens_from_the_view_menu(app: ListsHarness, qtbot):
    view_menu = next(a.menu() for a in app.window.menuBar().actions() if a.text() == "&View")
    menu_action(view_menu, "Custom fields").trigger()
    qtbot.waitUntil(lambda: app.session.custom_fields.screen is not None)
    assert app.window.pages.currentWidget() is app.session.custom_fields.screen
    assert app.sidebar.workspace_section.view.currentIndex().data(KEY_ROLE) == CUSTOM_FIELDS_PAGE


def test_the_screen_lists_every_definition(app: ListsHarness):
    screen = open_screen(app)
    server = app.run(app.api.custom_fields.list(limit=100).all())
    assert [screen.model.definition_at(r).field_key for r in range(screen.model.rowCount())] == [
        d.field_key for d in server
    ]
    subscription = screen.model.row_of("subscription")
    texts = [screen.model.index(subscription, c).data() for c in range(screen.model.columnCount())]
    definition = next(d for d in server if d.field_key == "subscription")
    assert texts == [
        "Subscription",
        "subscription",
        "Single-select dropdown (select)",
        "✓",
        "",
        "star",
        "active",
        str(len(definition.select_options)),
    ]
    assert screen.summary.text() == f"{len(server)} custom fields, in the order they were created."


def test_more_than_a_page_of_definitions_is_listed_whole(app: ListsHarness, workspace_db: Database):
    known = app.session.definitions.all[0].uuid
    with workspace_db.write() as session, session.begin():  # 90 more, quicker than 90 requests
        workspace = session.scalar(
            select(m.CustomFieldDefinition.workspace_id).where(m.CustomFieldDefinition.uuid == str(known))
        )
        start = m.utcnow()
        session.add_all(
            m.CustomFieldDefinition(
                workspace_id=workspace,
                name=f"Extra field {i:03}",
                field_key=f"extra_field_{i:03}",
                field_type="text",
                created_at=start + timedelta(seconds=i),
                updated_at=start,
            )
            for i in range(90)
        )
    mark = app.mark()
    app.press(app.window.table, Qt.Key.Key_F5)  # F5 loads the definitions again
    app.qtbot.waitUntil(lambda: len(app.session.definitions.all) > 100, timeout=10_000)
    screen = open_screen(app)
    total = len(app.run(app.api.custom_fields.list(limit=100).all()))
    assert screen.model.rowCount() == total > 100
    assert screen.model.definition_at(total - 1).name == "Extra field 089"
    assert screen.summary.text() == f"{total} custom fields, in the order they were created."
    pages = [
        dict(r.url.params) for r in app.requests_since(mark, "GET") if r.url.path.endswith("/custom-fields")
    ]
    assert [(p["limit"], p.get("offset", "0")) for p in pages] == [("100", "0"), ("100", "100")]


def test_the_key_preview_is_the_key_the_server_generates(app: ListsHarness):
    screen = open_screen(app)
    cases = ["Date of birth", "Émail", "123 Go!", "Größe & Gewicht", "Company"]
    for name in cases:
        dialog = new_dialog(app, screen)
        dialog.name.insert(name)  # as pasted: QTest cannot type accented capitals
        preview = dialog.preview()
        assert dialog.key_preview.text() == f"The key will be: {preview} (generated from the name)"
        assert "cannot be changed later" in dialog.key_warning.text()
        save(app, dialog)
        created = app.session.definitions.all[-1]  # listed in the order they were created
        assert created.name == name
        assert created.field_key == preview, name
    assert [d.field_key for d in app.session.definitions.all[-len(cases) :]] == [
        "date_of_birth_2",
        "email_2",
        "field_123_go",
        "groe_gewicht",  # accents dropped, and ß (no ASCII form) with them
        "company_2",
    ]


def test_a_name_of_the_wrong_length_is_shown_at_the_field(app: ListsHarness, qtbot):
    dialog = new_dialog(app, open_screen(app))
    qtbot.keyClicks(dialog.name, "ab")
    mark = app.mark()
    app.click(dialog.save_button)
    assert dialog.name_error.isVisible() and dialog.name_error.text() == "A name has 3 to 250 characters."
    assert dialog.name.accessibleDescription() == dialog.name_error.text()
    assert dialog.focusWidget() is dialog.name
    assert not app.requests_since(mark)
    assert dialog.isVisible() and dialog.name.text() == "ab"


def test_a_key_taken_meanwhile_is_refused_by_the_server_at_the_key_field(app: ListsHarness, qtbot):
    dialog = new_dialog(app, open_screen(app))
    qtbot.keyClicks(dialog.name, "Loyalty tier")
    qtbot.keyClicks(dialog.key, "company")  # known to be taken: said before sending
    app.click(dialog.save_button)
    assert dialog.key_error.text() == "Another custom field has the key “company”."
    app.run(app.api.custom_fields.create(name="Someone else's", field_type="text", field_key="loyalty"))
    dialog.key.setText("loyalty")
    mark = app.mark()
    app.click(dialog.save_button)
    qtbot.waitUntil(lambda: dialog.key_error.isVisible() and "loyalty" in dialog.key_error.text())
    assert [r.method for r in app.requests_since(mark)] == ["POST"]  # the server's 400, at the key
    assert dialog.isVisible() and dialog.name.text() == "Loyalty tier"


def test_a_type_change_the_stored_values_do_not_fit_is_refused_at_the_type(app: ListsHarness, qtbot):
    screen = open_screen(app)
    screen.select("company")  # text values such as "Vandelay Industries"
    app.press(screen.table, Qt.Key.Key_Return)
    dialog = app.session.custom_fields.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert not dialog.type_note.isVisible()
    choose_type(dialog, FieldType.INTEGER)
    assert dialog.type_note.isVisible() and "converts the values" in dialog.type_note.text()
    mark = app.mark()
    app.click(dialog.save_button)
    qtbot.waitUntil(lambda: dialog.type_error.isVisible())
    assert "hold a value of 'company' that is not valid" in dialog.type_error.text()
    assert [r.method for r in app.requests_since(mark)] == ["PATCH"]
    assert dialog.isVisible() and dialog.field_type == FieldType.INTEGER  # nothing chosen is lost
    assert stored(app, "company").field_type == FieldType.TEXT


def test_a_select_field_with_options_created_edited_and_deleted(
    app: ListsHarness, qtbot, workspace_db: Database
):
    screen = open_screen(app)
    dialog = new_dialog(app, screen)
    qtbot.keyClicks(dialog.name, "Tier")
    choose_type(dialog, FieldType.SELECT)
    options = dialog.options
    assert options.isVisible() and "cannot be renamed" in options.explanation.text()
    app.click(dialog.save_button)  # no option yet
    assert options.error.text() == "A select or multiselect field needs at least one option."
    for label in ("Gold", "Silver", "Bronze"):
        qtbot.keyClicks(options.new_option, label)
        qtbot.keyClick(options.new_option, Qt.Key.Key_Return)
    qtbot.keyClicks(options.new_option, "gold")
    app.click(options.add_button)
    assert options.error.text() == "“gold” is already an option." and options.labels() == [
        "Gold",
        "Silver",
        "Bronze",
    ]
    options.new_option.clear()
    options.list.setCurrentRow(2)
    app.click(options.up_button)
    app.click(options.up_button)
    assert options.labels() == ["Bronze", "Gold", "Silver"]
    assert dialog.preview() == "tier"
    save(app, dialog)

    tier = stored(app, "tier")
    assert [o.display_label for o in tier.select_options] == ["Bronze", "Gold", "Silver"]
    # The contacts table gains the column; the screen shows the field, selected.
    assert app.model.section_of("cf:tier") >= 0
    assert screen.current().field_key == "tier"
    assert screen.model.index(screen.model.row_of("tier"), 7).data() == "3"

    contact = app.model.contact_at(0)
    app.run(app.api.contact_custom_fields.update(contact.uuid, {"tier": "Silver"}))
    archived = app.model.contact_at(1).uuid  # holds a value, then is archived (the API cannot archive)
    app.run(app.api.contact_custom_fields.update(archived, {"tier": "Gold"}))
    with workspace_db.write() as session, session.begin():
        session.execute(update(m.Contact).where(m.Contact.uuid == str(archived)).values(archived=True))

    app.click(screen.edit_button)
    dialog = app.session.custom_fields.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.key.isReadOnly() and dialog.key.text() == "tier"
    options = dialog.options
    options.list.setCurrentRow(options.labels().index("Silver"))
    app.click(options.remove_button)
    assert options.archived_labels() == ["Silver"] and options.archived.isVisible()
    qtbot.keyClicks(options.new_option, "Platinum")
    app.click(options.add_button)
    for _ in range(2):
        app.click(options.up_button)
    assert options.labels() == ["Platinum", "Bronze", "Gold"]
    mark = app.mark()
    save(app, dialog)
    [patch] = app.requests_since(mark, "PATCH")
    assert app.body(patch) == {
        "name": "Tier",
        "field_type": "select",
        "editable": True,
        "sensitive": False,
        "icon": None,
        "select_options": ["Platinum", "Bronze", "Gold"],
    }  # the whole definition: the API replaces it
    tier = stored(app, "tier")
    assert [(o.display_label, o.archived) for o in tier.select_options] == [
        ("Platinum", False),
        ("Bronze", False),
        ("Gold", False),
        ("Silver", True),
    ]
    assert screen.model.index(screen.model.row_of("tier"), 7).data() == "3 (+1 archived)"

    # The contact still holds the archived option, and the editor shows it as such, without a restart.
    app.window.sidebar.show_all_contacts()
    app.session.browse.show_place(None)
    qtbot.waitUntil(lambda: app.model.contact_at(0) is not None)
    app.model.reload()
    qtbot.waitUntil(
        lambda: app.model.contact_at(0) is not None and "tier" in app.model.contact_at(0).custom_fields
    )
    row = next(r for r in range(app.model.rowCount()) if app.model.contact_at(r).uuid == contact.uuid)
    assert app.model.data(app.model.index(row, app.model.section_of("cf:tier"))) == "Silver"
    app.click_row(row)
    pane = app.window.detail
    pane.show_tab("custom_fields")
    qtbot.waitUntil(lambda: "tier" in pane.custom_fields.editors)
    combo = pane.custom_fields.editors["tier"].input
    assert combo.currentText() == "Silver (archived)"
    assert [combo.itemText(i) for i in range(1, 4)] == ["Platinum", "Bronze", "Gold"]

    # Delete: the confirmation says the values go with it, and counts the contacts that hold one.
    app.window.pages.show_page(CUSTOM_FIELDS_PAGE)
    screen.select("tier")
    app.press(screen.table, Qt.Key.Key_Delete)
    box = app.session.custom_fields.confirmation
    qtbot.waitUntil(lambda: box.isVisible() and "2 contacts hold one" in box.text())  # one is archived
    assert "Its value on every contact is deleted with it" in box.text()
    with qtbot.waitSignal(app.session.definitions.changed, timeout=10_000):
        app.click(box.accept_button)
    assert stored(app, "tier") is None
    assert screen.model.row_of("tier") < 0
    assert app.model.section_of("cf:tier") < 0  # the table loses the column
    assert app.window.table.catalog.get("cf:tier") is None
    qtbot.waitUntil(lambda: "tier" not in pane.custom_fields.editors)


def test_every_other_type_created_edited_and_deleted(app: ListsHarness, qtbot):
    screen = open_screen(app)
    for kind in (k for k in FieldType if k not in OPTION_TYPES):
        check_a_type(app, qtbot, screen, kind)


def check_a_type(app: ListsHarness, qtbot, screen, kind: FieldType) -> None:
    dialog = new_dialog(app, screen)
    name = f"My {kind.value} field"
    qtbot.keyClicks(dialog.name, name)
    choose_type(dialog, kind)
    assert not dialog.options.isVisible()
    assert dialog.type.currentText() == f"{FIELD_TYPE_DESCRIPTIONS[kind]} ({kind.value})"  # described
    qtbot.keyClicks(dialog.icon, "tag")
    tick(app, dialog.sensitive)
    key = dialog.preview()
    save(app, dialog)
    created = stored(app, key)
    assert (created.name, created.field_type, created.icon, created.sensitive, created.editable) == (
        name,
        kind,
        "tag",
        True,
        True,
    )
    assert created.select_options is None
    assert app.model.section_of(f"cf:{key}") >= 0

    screen.select(key)
    app.press(screen.table, Qt.Key.Key_Return)
    dialog = app.session.custom_fields.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    dialog.name.setText(f"{name} (renamed)")
    tick(app, dialog.editable)
    dialog.icon.clear()
    save(app, dialog)
    edited = stored(app, key)
    assert (edited.name, edited.editable, edited.icon, edited.field_key) == (
        f"{name} (renamed)",
        False,
        None,
        key,
    )
    assert app.window.table.catalog.get(f"cf:{key}").title == f"{name} (renamed)"

    app.click(screen.delete_button)
    box = app.session.custom_fields.confirmation
    qtbot.waitUntil(lambda: box.isVisible() and "0 contacts hold one" in box.text())
    with qtbot.waitSignal(app.session.definitions.changed, timeout=10_000):
        app.click(box.accept_button)
    assert stored(app, key) is None and app.model.section_of(f"cf:{key}") < 0
