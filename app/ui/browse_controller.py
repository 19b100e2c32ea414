"""Decides what the contacts table shows: the sidebar's choice, the search, the list options.

The table's view follows from four things (decisions.md, "Which endpoint feeds the table"):

- an active search (term or filters in the one ``SearchState``) → ``SearchView``, workspace-wide
  even when a list is selected (the view header says so);
- otherwise "All contacts" → ``AllContactsView``; a list → ``ListContactsView``, or with
  "include archived" on → ``ListMembersView``.

Header sorts are remembered: the List Contacts order is shared by All contacts and the lists, and a
search's sort is the search state's ``sort``. Selecting a sidebar entry ends the search; Esc in the
search box clears the term (and, in an empty box, the whole search), and the previous view returns.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt

from app.schema import ContactList, ListSortField, ListStatus, SearchFilter, SortBy, SortOrder

from .columns import ColumnCatalog
from .connection import Connection
from .contacts_model import ContactsTableModel
from .definitions import CustomFieldDefinitions
from .main_window import MainWindow
from .operations import Operations
from .pages import CONTACTS_PAGE, custom_fields_placeholder
from .quick_search import PLACEHOLDER
from .search_state import SearchState
from .sidebar import CUSTOM_FIELDS_PAGE
from .views import (
    AllContactsView,
    ContactsView,
    ListContactsView,
    ListMembersView,
    ListRef,
    OrderedView,
    SearchView,
)

STATUS_TIMEOUT_MS = 10_000
LIST_PLACEHOLDER = "Search all contacts, not only this list (Ctrl+F)"


@dataclass(frozen=True, slots=True)
class ListsQuery:
    """Which lists the sidebar shows, and in what order (the List Contact Lists parameters)."""

    status: ListStatus = ListStatus.ACTIVE
    sort_field: ListSortField = ListSortField.NAME
    sort_order: SortOrder = SortOrder.ASC
    search: str | None = None


def scope_notice(scope: ListRef) -> str:
    return (
        f"Searching all contacts: this API cannot search inside a list, so these results are not "
        f"limited to “{scope.name}”. Press Esc in the search box to go back to the list."
    )


class BrowseController(QObject):
    """Wires the sidebar, the quick search box and the view header to the table's view."""

    def __init__(
        self,
        model: ContactsTableModel,
        window: MainWindow,
        connection: Connection,
        operations: Operations,
        search: SearchState,
        definitions: CustomFieldDefinitions,
    ) -> None:
        super().__init__(window)
        self._model = model
        self._workspace_pending = False
        self._window = window
        self._connection = connection
        self._operations = operations
        self._search = search
        self._definitions = definitions
        self._place: ListRef | None = None  # None: All contacts
        self._list_order: tuple[str, Any] = ("created_at", "desc")
        self._include_archived = False
        self._lists_load: asyncio.Task[None] | None = None
        self.lists_query = ListsQuery()

        sidebar = window.sidebar
        sidebar.add_page_entry(CUSTOM_FIELDS_PAGE, "Custom fields", custom_fields_placeholder)
        sidebar.show_all_contacts()
        sidebar.allContactsSelected.connect(lambda: self.show_place(None))
        sidebar.listSelected.connect(lambda contact_list: self.show_place(ListRef.of(contact_list)))
        sidebar.pageSelected.connect(self._show_page)
        window.search_box.termChanged.connect(search.set_term)
        window.search_box.escapedEmpty.connect(self._end_search)
        window.view_header.includeArchivedToggled.connect(self._set_include_archived)
        window.reloadRequested.connect(self.refresh_workspace)
        search.changed.connect(self._search_changed)
        model.viewChanged.connect(self._view_changed)
        model.totalChanged.connect(self._total_changed)
        definitions.changed.connect(self._definitions_changed)
        self._show_view(model.view)

    # -- loading ---------------------------------------------------------------------------------

    def start(self) -> None:
        """First load, once connected: the table's first rows; the lists and the custom fields once
        those have answered (``rows_settled``). The rows are what a start waits for, and a server
        answers one request sooner than three (docs/performance.md)."""
        self._workspace_pending = True
        self._model.reload()

    def rows_settled(self) -> None:
        """A block of rows has answered (or failed): the first time after ``start``, load the rest."""
        if self._workspace_pending:
            self._workspace_pending = False
            self.refresh_workspace()

    def refresh_workspace(self) -> None:
        """Load the lists and the custom field definitions again (F5 also reloads the table)."""
        self.refresh_lists()
        self.refresh_custom_fields()

    def refresh_lists(self) -> None:
        """Load the sidebar's lists again (after any change to lists or their members)."""
        if self._lists_load is not None:
            self._lists_load.cancel()
        query = self.lists_query
        self._lists_load = self._operations.run(
            lambda: self._connection.call(
                lambda client: client.contact_lists.list(
                    limit=100,
                    status=query.status,
                    sort_field=query.sort_field,
                    sort_order=query.sort_order,
                    search=query.search,
                ).all()
            ),
            description="Loading contact lists",
            on_success=self._lists_loaded,
        )

    def set_lists_query(self, query: ListsQuery) -> None:
        self.lists_query = query
        self.refresh_lists()

    def refresh_custom_fields(self) -> None:
        self._definitions.reload()

    def _lists_loaded(self, lists: Sequence[ContactList]) -> None:
        sidebar = self._window.sidebar
        sidebar.set_lists(lists)
        place = self._place
        if place is None:
            return
        current = next((item for item in lists if item.uuid == place.uuid), None)
        if current is not None:
            if ListRef.of(current) != place:  # renamed or new emoji
                self._place = ListRef.of(current)
                self._update_view()
        elif self.lists_query == ListsQuery():  # every active list is shown: this one is gone
            self._window.show_message(f"The list “{place.name}” no longer exists.", STATUS_TIMEOUT_MS)
            sidebar.show_all_contacts()
            self.show_place(None)

    def _definitions_changed(self) -> None:
        self._window.table.set_catalog(ColumnCatalog(self._definitions.all))

    # -- what the table shows --------------------------------------------------------------------

    def show_place(self, place: ListRef | None) -> None:
        """Show All contacts (``None``) or a list; this ends a search."""
        self._place = place
        self._window.pages.show_page(CONTACTS_PAGE)
        if self._search.is_active:
            self._search.clear()  # the view follows from the search state's change
        else:
            self._update_view()

    def show_search(self, term: str, filters: Sequence[SearchFilter], sort: SortBy | None) -> None:
        """Show a whole search at once, for the whole workspace (e.g. a saved search from the sidebar)."""
        self._place = None
        self._window.pages.show_page(CONTACTS_PAGE)
        self._search.update(term=term, filters=filters, sort=sort)
        self._update_view()  # also when the search was already this one: the list is left

    def current_view(self) -> ContactsView:
        """The view the sidebar, the search and the options ask for."""
        if self._search.is_active:
            return SearchView(self._search.request(), scope=self._place)
        order_field, order = self._list_order
        if self._place is None:
            return AllContactsView(order_field=order_field, order=order)
        if self._include_archived:
            return ListMembersView(self._place)
        return ListContactsView(self._place, order_field=order_field, order=order)

    def _update_view(self) -> None:
        view = self.current_view()
        if view != self._model.view:
            self._model.set_view(view)  # → _view_changed
        else:
            self._show_view(view)

    def _search_changed(self) -> None:
        self._window.search_box.set_term(self._search.term)
        if self._search.is_active and self._window.pages.current_key != CONTACTS_PAGE:
            self._window.pages.show_page(CONTACTS_PAGE)
            if self._place is None:
                self._window.sidebar.show_all_contacts()
            else:
                self._window.sidebar.show_list(self._place.uuid)
        self._update_view()

    def _end_search(self) -> None:
        """Esc in the empty search box: end the whole search, back to the table."""
        self._search.clear()
        self._window.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _set_include_archived(self, checked: bool) -> None:
        self._include_archived = checked
        self._update_view()

    def _show_page(self, key: str) -> None:
        self._window.pages.show_page(key, self._window.sidebar.page_factory(key))

    def open_page(self, key: str) -> None:
        """Show a sidebar page (e.g. from a menu) and select its entry."""
        self._window.sidebar.show_page(key)
        self._show_page(key)

    def _view_changed(self, view: ContactsView) -> None:
        if isinstance(view, SearchView):
            self._search.set_sort(view.request.sort_by)  # a header click sorts the search state
        elif isinstance(view, OrderedView):
            self._list_order = (view.order_field, view.order)
        self._show_view(view)

    def _show_view(self, view: ContactsView) -> None:
        window = self._window
        window.view_header.set_title(view.title)
        window.view_header.set_include_archived(
            visible=self._place is not None and not isinstance(view, SearchView),
            checked=self._include_archived,
        )
        scope = view.scope if isinstance(view, SearchView) else None
        window.view_header.set_notice(scope_notice(scope) if scope is not None else "")
        window.search_box.setPlaceholderText(PLACEHOLDER if self._place is None else LIST_PLACEHOLDER)
        total = self._model.total
        window.show_count(view.loading_text if total is None else view.describe(total))

    def _total_changed(self, total: int) -> None:
        view = self._model.view
        self._window.show_count(view.describe(total))
        if isinstance(view, ListContactsView):
            self._window.sidebar.lists_model.update_count(view.contact_list.uuid, total)
