"""``CustomFieldsController``: the Custom fields screen's requests, and everything that follows a change.

It registers the screen under the sidebar's ``CUSTOM_FIELDS_PAGE`` entry (replacing the "not
available yet" page). After every create, update or delete it reloads the shared
``CustomFieldDefinitions``, so the contacts table's columns, the contact editor's Custom fields tab
and the search builder's field picker follow without a restart. A field created here also gets its
column in the contacts table at once (the user will want to see it); a deleted one loses it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from app.api import where
from app.schema import CustomField

from ..columns import custom_column_key
from ..connection import Connection
from ..definitions import CustomFieldDefinitions
from ..feedback import confirm
from ..main_window import MainWindow
from ..operations import Operations
from ..sidebar import CUSTOM_FIELDS_PAGE
from ..single_dialog import SingleDialog
from ..views import count_of
from .definition_dialog import DefinitionDialog
from .screen import CustomFieldsScreen

T = TypeVar("T")
STATUS_MS = 10_000


class CustomFieldsController(QObject):
    """Makes the screen (on first use) and carries out what it asks (see the module docstring)."""

    def __init__(
        self,
        window: MainWindow,
        definitions: CustomFieldDefinitions,
        connection: Connection,
        operations: Operations,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._definitions = definitions
        self._connection = connection
        self._operations = operations
        self.screen: CustomFieldsScreen | None = None
        self._dialogs = SingleDialog[DefinitionDialog]()
        self.confirmation: QMessageBox | None = None
        self._show_column: str | None = None  # a field just created: its column is shown once loaded
        window.sidebar.add_page_entry(CUSTOM_FIELDS_PAGE, "Custom fields", self._make_screen)
        definitions.changed.connect(self._definitions_changed)

    def _make_screen(self) -> QWidget:
        screen = CustomFieldsScreen()
        screen.newRequested.connect(self.new_definition)
        screen.editRequested.connect(self.edit_definition)
        screen.deleteRequested.connect(self.delete_definition)
        screen.reloadRequested.connect(self._definitions.reload)
        screen.set_definitions(self._definitions.all, loaded=self._definitions.loaded)
        screen.destroyed.connect(lambda: setattr(self, "screen", None))
        self.screen = screen
        return screen

    def _definitions_changed(self) -> None:
        if self.screen is not None:
            self.screen.set_definitions(self._definitions.all)
        key, self._show_column = self._show_column, None
        if key is not None and self._definitions.by_key(key) is not None:
            self._window.table.show_column(custom_column_key(key))

    # -- requests ------------------------------------------------------------------------------------

    def _write(
        self,
        work: Callable[[Any], Awaitable[T]],
        *,
        description: str,
        on_success: Callable[[T], Any],
        on_failure: Callable[[Exception], Any],
    ) -> None:
        """Send one request; a failure goes to ``on_failure`` (a 401 also to the sign-in, then once more)."""
        self._operations.run_reporting_to(
            on_failure, lambda: self._connection.call(work), description=description, on_success=on_success
        )

    def _taken_keys(self) -> set[str]:
        return {d.field_key for d in self._definitions.all}

    @property
    def dialog(self) -> DefinitionDialog | None:
        """The custom field dialog open now, if any."""
        return self._dialogs.current

    def _open(self, dialog: DefinitionDialog) -> DefinitionDialog:
        return self._dialogs.open(dialog)

    def new_definition(self) -> DefinitionDialog:
        dialog = self._open(DefinitionDialog(None, self._taken_keys(), self._window))

        def submitted(body: dict[str, Any]) -> None:
            self._write(
                lambda client: client.custom_fields.create(body),
                description=f"Creating the custom field {body['name']}",
                on_success=created,
                on_failure=dialog.failed,
            )

        def created(definition: CustomField) -> None:
            dialog.saved()
            self._say(f"Created the custom field “{definition.name}” (key {definition.field_key}).")
            self._show_column = definition.field_key
            self._select_after_reload(definition.field_key)
            self._definitions.reload()

        dialog.submitted.connect(submitted)
        return dialog

    def edit_definition(self, definition: CustomField) -> DefinitionDialog:
        dialog = self._open(DefinitionDialog(definition, self._taken_keys(), self._window))

        def submitted(body: dict[str, Any]) -> None:
            self._write(
                lambda client: client.custom_fields.update(definition.uuid, body),
                description=f"Saving the custom field {definition.name}",
                on_success=saved,
                on_failure=dialog.failed,
            )

        def saved(updated: CustomField) -> None:
            dialog.saved()
            self._say(f"Saved the custom field “{updated.name}”.")
            self._definitions.reload()

        dialog.submitted.connect(submitted)
        return dialog

    def delete_definition(self, definition: CustomField) -> QMessageBox:
        """Ask first, saying that every contact's value goes with it (and how many contacts hold one)."""

        def text(holders: str) -> str:
            return (
                f"Delete the custom field “{definition.name}” (key {definition.field_key})?\n\n"
                f"Its value on every contact is deleted with it: {holders}. This cannot be undone."
            )

        def delete() -> None:
            self.confirmation = None
            self._write(
                lambda client: client.custom_fields.delete(definition.uuid),
                description=f"Deleting the custom field {definition.name}",
                on_success=lambda _none: deleted(),
                on_failure=lambda exc: self._say(
                    f"The custom field “{definition.name}” was not deleted: {exc}", problem=True
                ),
            )

        def deleted() -> None:
            self._say(f"Deleted the custom field “{definition.name}” and its values.")
            self._definitions.reload()

        box = confirm(
            self._window,
            "Delete custom field",
            text("counting the contacts that hold one…"),
            "Delete field",
            delete,
        )
        self.confirmation = box

        def counted(total: int | None) -> None:
            if self.confirmation is box:
                holders = "how many contacts hold one could not be counted"
                if total is not None:
                    holders = f"{count_of(total, 'contact holds', 'contacts hold')} one"
                box.setText(text(holders))

        # A filter on ``archived`` makes the search count archived contacts too: their values go as well.
        holding = [where(definition.field_key, "exists"), where("archived", "exists")]
        self._write(
            lambda client: client.contacts.search(advanced_search=holding, limit=1),
            description=f"Counting the contacts with a value for {definition.name}",
            on_success=lambda page: counted(page.total),
            on_failure=lambda _exc: counted(None),
        )
        return box

    def _select_after_reload(self, field_key: str) -> None:
        def select() -> None:
            self._definitions.changed.disconnect(select)
            if self.screen is not None:
                self.screen.select(field_key)

        self._definitions.changed.connect(select)

    def _say(self, text: str, *, problem: bool = False) -> None:
        """In the status bar; a problem also on the screen, until the next change."""
        self._window.show_message(text, STATUS_MS)
        if self.screen is not None:
            self.screen.show_message(text if problem else None)
