"""``ListsManager``: contact lists in the sidebar (filter, sort, create, edit, delete) and their members.

- The Lists section's tools (``ListsTools``) set the sidebar's ``ListsQuery``.
- New list (+, Ctrl+Shift+N, Lists menu), Edit (F2, the list's context menu: name and emoji), Delete
  (Delete on the list, with a confirmation naming the list and its count).
- Membership, through the ``MembershipEngine``: rows of the table are added to a list from their
  context menu or by dropping them on a list in the sidebar; Delete in the table removes them from
  the list shown (after a confirmation). Progress and per-contact warnings: ``MembershipDialog``.
  Counts in the sidebar follow every batch; the lists and the table reload when a job ends.
- Every result of a search: ``choose_list_for_search(request, total)`` asks for the list (Lists ▸
  "Add all search results to a list…", the table's context menu in search results, or the search
  builder), then ``add_search_results(list, request, total=)`` walks the search's pages.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from PySide6.QtCore import QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from app.schema import MEMBERSHIP_MAX_UUIDS, ContactList, ListStatus, SearchRequest

from ..browse_controller import BrowseController, ListsQuery
from ..connection import Connection
from ..contacts_model import ContactsTableModel
from ..contacts_table import CONTACTS_MIME
from ..feedback import confirm
from ..lists_tab import list_title
from ..main_window import MainWindow
from ..membership import (
    MembershipEngine,
    MembershipJob,
    MembershipReport,
    NamedList,
    Source,
    search_results,
)
from ..operations import Operations
from ..shortcuts import local_shortcut
from ..single_dialog import SingleDialog
from ..views import ListContactsView, ListMembersView, ListRef, SearchView, count_of
from .list_chooser import ListChooserDialog
from .list_dialog import ListDialog
from .membership_dialog import MembershipDialog
from .sidebar_tools import ListsTools

T = TypeVar("T")
STATUS_MS = 10_000


class ListsManager(QObject):
    """Wires list management and membership into the window (see the module docstring)."""

    def __init__(
        self,
        window: MainWindow,
        model: ContactsTableModel,
        browse: BrowseController,
        engine: MembershipEngine,
        connection: Connection,
        operations: Operations,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._model = model
        self._browse = browse
        self._engine = engine
        self._connection = connection
        self._operations = operations
        self.active_lists: list[ContactList] = []  # what "Add to list" offers
        self._dialogs = SingleDialog[ListDialog]()
        self.chooser: ListChooserDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.job_dialogs: list[MembershipDialog] = []
        self._select_when_shown: Any = None  # a list just created: selected once the sidebar shows it
        self._active_load: Any = None

        sidebar = window.sidebar
        self.tools = ListsTools(sidebar, browse.lists_query)
        self.tools.queryChanged.connect(browse.set_lists_query)
        self.tools.newRequested.connect(self.new_list)
        lists_view = sidebar.lists_section.view
        lists_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        lists_view.customContextMenuRequested.connect(self._sidebar_menu)
        local_shortcut(QKeySequence(Qt.Key.Key_F2), lists_view, self._edit_current)
        local_shortcut(QKeySequence.StandardKey.Delete, lists_view, self._delete_current)
        sidebar.set_list_drop_handler([CONTACTS_MIME], self._dropped)
        sidebar.lists_model.modelReset.connect(self._sidebar_lists_loaded)

        table = window.table
        table.set_row_drag_enabled(True)
        table.add_row_menu(self._fill_row_menu)
        table.deleteRequested.connect(self.remove_selected)
        engine.listChanged.connect(self._list_changed)
        engine.jobFinished.connect(self._job_finished)
        self._build_menu()

    def _build_menu(self) -> None:
        menu = self.menu = self._window.menuBar().addMenu("&Lists")
        self.new_action = QAction("&New list…", self._window)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_action.triggered.connect(self.new_list)
        self.edit_action = QAction("&Edit list (name, emoji)…\tF2", self._window)
        self.edit_action.triggered.connect(self._edit_current)
        self.delete_action = QAction("&Delete list…", self._window)
        self.delete_action.triggered.connect(self._delete_current)
        self.remove_action = QAction("&Remove selected contacts from the list shown…\tDel", self._window)
        self.remove_action.triggered.connect(self.remove_selected)
        for action in (self.new_action, self.edit_action, self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        self.add_menu = menu.addMenu("&Add selected contacts to")
        self.add_menu.aboutToShow.connect(
            lambda: self._fill_add_menu(self.add_menu, self._window.table.selected_rows())
        )
        menu.addAction(self.remove_action)
        self.search_action = QAction("Add all &search results to a list…", self._window)
        self.search_action.triggered.connect(self._choose_list_for_shown_search)
        menu.addAction(self.search_action)
        menu.aboutToShow.connect(self._update_menu)
        self._window.addAction(self.new_action)

    def _update_menu(self) -> None:
        current = self._window.sidebar.current_list()
        self.edit_action.setEnabled(current is not None)
        self.delete_action.setEnabled(current is not None)
        self.remove_action.setEnabled(self._shown_list() is not None)
        results = self._shown_search_total()
        self.search_action.setEnabled(bool(results))
        self.search_action.setText(
            f"Add all {count_of(results, 'search result', 'search results')} to a list…"
            if results
            else "Add all &search results to a list…"
        )

    # -- running requests -------------------------------------------------------------------------------

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

    # -- lists: create, edit, delete ----------------------------------------------------------------------

    def new_list(self, then_add: Source | None = None, total: int | None = None) -> ListDialog:
        """Ask for a name and an emoji and create the list (then add ``then_add`` to it, if given)."""
        dialog = self._open_dialog(ListDialog(None, self._window))

        def submitted(name: str, emoji: str | None) -> None:
            self._write(
                lambda client: client.contact_lists.create(name=name, emoji=emoji),
                description=f"Creating the list {name}",
                on_success=created,
                on_failure=dialog.failed,
            )

        def created(contact_list: ContactList) -> None:
            dialog.saved()
            self._window.show_message(f"Created the list “{list_title(contact_list)}”.", STATUS_MS)
            if then_add is None:
                self._select_when_shown = contact_list.uuid
            else:
                self.add_contacts(contact_list, then_add, total=total)
            self._browse.refresh_lists()

        dialog.submitted.connect(submitted)
        return dialog

    def edit_list(self, contact_list: ContactList, *, emoji: bool = False) -> ListDialog:
        """Rename the list or change its emoji (``emoji``: start in the emoji field)."""
        dialog = self._open_dialog(ListDialog(contact_list, self._window))
        if emoji:
            dialog.emoji.setFocus(Qt.FocusReason.OtherFocusReason)

        def submitted(name: str, new_emoji: str | None) -> None:
            changes: dict[str, Any] = {}
            if name != contact_list.name:
                changes["name"] = name
            if new_emoji != contact_list.emoji:
                changes["emoji"] = new_emoji  # None removes it
            if not changes:
                dialog.saved()
                return
            self._write(
                lambda client: client.contact_lists.update(contact_list.uuid, **changes),
                description=f"Saving the list {contact_list.name}",
                on_success=saved,
                on_failure=dialog.failed,
            )

        def saved(updated: ContactList) -> None:
            dialog.saved()
            self._window.show_message(f"Saved the list “{list_title(updated)}”.", STATUS_MS)
            self._browse.refresh_lists()

        dialog.submitted.connect(submitted)
        return dialog

    def delete_list(self, contact_list: ContactList) -> QMessageBox:
        """Delete the list after a confirmation that names it and its count; its contacts stay."""
        members = count_of(contact_list.count, "contact", "contacts")
        archived = " (archived)" if contact_list.status == ListStatus.ARCHIVED else ""

        def delete() -> None:
            self.confirmation = None
            self._write(
                lambda client: client.contact_lists.delete(contact_list.uuid),
                description=f"Deleting the list {contact_list.name}",
                on_success=lambda _none: deleted(),
                on_failure=lambda exc: self._window.show_message(
                    f"The list “{contact_list.name}” was not deleted: {exc}", STATUS_MS
                ),
            )

        def deleted() -> None:
            if self._shown_list_uuid() == contact_list.uuid:
                self._window.sidebar.show_all_contacts()
                self._browse.show_place(None)
            self._window.show_message(f"Deleted the list “{contact_list.name}”.", STATUS_MS)
            self._browse.refresh_lists()

        self.confirmation = confirm(
            self._window,
            "Delete list",
            f"Delete the list “{list_title(contact_list)}”{archived} with its {members}?\n\n"
            "The contacts stay in the workspace: only the list and its memberships are deleted. "
            "This cannot be undone.",
            "Delete list",
            delete,
        )
        return self.confirmation

    @property
    def dialog(self) -> ListDialog | None:
        """The list dialog open now, if any."""
        return self._dialogs.current

    def _open_dialog(self, dialog: ListDialog) -> ListDialog:
        return self._dialogs.open(dialog)

    def _edit_current(self) -> None:
        current = self._window.sidebar.current_list()
        if current is not None:
            self.edit_list(current)

    def _delete_current(self) -> None:
        current = self._window.sidebar.current_list()
        if current is not None:
            self.delete_list(current)

    def _sidebar_menu(self, position: QPoint) -> None:
        view = self._window.sidebar.lists_section.view
        index = view.indexAt(position)
        contact_list = self._window.sidebar.lists_model.lists[index.row()] if index.isValid() else None
        menu = self.sidebar_menu(contact_list)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(view.viewport().mapToGlobal(position))

    def sidebar_menu(self, contact_list: ContactList | None) -> QMenu:
        """The context menu of a list in the sidebar (or of the empty space: New list only)."""
        menu = QMenu(self._window.sidebar)
        if contact_list is not None:
            menu.addAction("&Rename…\tF2", lambda: self.edit_list(contact_list))
            menu.addAction("Change &emoji…", lambda: self.edit_list(contact_list, emoji=True))
            menu.addAction("&Delete…\tDel", lambda: self.delete_list(contact_list))
            menu.addSeparator()
        menu.addAction("&New list…", self.new_list)
        return menu

    # -- the lists the sidebar shows ------------------------------------------------------------------------

    def _sidebar_lists_loaded(self) -> None:
        sidebar = self._window.sidebar
        shown = sidebar.lists_model.lists
        query = self._browse.lists_query
        if query.status == ListStatus.ACTIVE and not query.search:
            self._set_active_lists(shown)
        else:
            self._load_active_lists()
        if self._select_when_shown is not None:
            row = sidebar.lists_model.row_of(self._select_when_shown)
            if row >= 0:
                self._select_when_shown = None
                sidebar.lists_section.view.setCurrentIndex(sidebar.lists_model.index(row))

    def _set_active_lists(self, lists: Any) -> None:
        self.active_lists = sorted(lists, key=lambda item: (item.name.casefold(), str(item.uuid)))

    def _load_active_lists(self) -> None:
        """Every active list, for "Add to list" while the sidebar shows others (archived, filtered)."""
        if self._active_load is not None:
            self._active_load.cancel()
        default = ListsQuery()
        self._active_load = self._operations.run(
            lambda: self._connection.call(
                lambda client: client.contact_lists.list(
                    limit=100, status=default.status, sort_field=default.sort_field
                ).all()
            ),
            description="Loading contact lists",
            on_success=self._set_active_lists,
        )

    def _list_changed(self, contact_list: ContactList) -> None:
        """A batch changed a list: its count in the sidebar follows at once."""
        self._window.sidebar.lists_model.update_count(contact_list.uuid, contact_list.count)

    # -- membership ------------------------------------------------------------------------------------------

    def add_contacts(
        self, contact_list: NamedList, source: Source, *, total: int | None = None
    ) -> MembershipJob:
        """Add contacts to a list; progress is shown when it takes more than one batch, warnings always.

        ``source``: see ``app.ui.membership`` (e.g. ``pages_of(SearchView(request).fetch)`` with the
        search's total, for "Add all N results to list").
        """
        return self._follow(self._engine.add(contact_list, source, total=total))

    def remove_contacts(
        self, contact_list: NamedList, source: Source, *, total: int | None = None
    ) -> MembershipJob:
        return self._follow(self._engine.remove(contact_list, source, total=total))

    def _follow(self, job: MembershipJob) -> MembershipJob:
        total = job.report.total
        if total is None or total > MEMBERSHIP_MAX_UUIDS:
            self._show_job(job)
        else:
            job.finished.connect(lambda report: self._small_job_finished(job, report))
        return job

    def _show_job(self, job: MembershipJob) -> MembershipDialog:
        dialog = MembershipDialog(job, self._window)
        self.job_dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.show()
        return dialog

    def _forget_dialog(self, dialog: MembershipDialog) -> None:
        if dialog in self.job_dialogs:
            self.job_dialogs.remove(dialog)
        dialog.deleteLater()

    def _small_job_finished(self, job: MembershipJob, report: MembershipReport) -> None:
        """One batch: a sentence in the status bar, or the report when something needs reading."""
        if report.warnings or report.error is not None:
            self._show_job(job).show_report(report)
        else:
            self._window.show_message(report.message, STATUS_MS)

    def _job_finished(self, report: MembershipReport) -> None:
        self._browse.refresh_lists()
        if self._shown_list_uuid() == report.contact_list.uuid and report.changed:
            self._model.reload()
        self._window.detail.refresh()  # the Lists tab of the contact shown may have changed

    # -- every result of a search --------------------------------------------------------------------------

    def add_search_results(
        self, contact_list: NamedList, request: SearchRequest, *, total: int | None = None
    ) -> MembershipJob:
        """Add every contact ``request`` finds to ``contact_list``: pages walked, batches of 100, with
        progress and Cancel (and the report of warnings) like any other addition."""
        return self._follow(self._engine.add_search_results(contact_list, request, total=total))

    def choose_list_for_search(self, request: SearchRequest, total: int) -> ListChooserDialog:
        """ "Add all N results to a list…": ask which list (or a new one), then ``add_search_results``."""
        if self.chooser is not None:
            self.chooser.close()
        results = count_of(total, "contact", "contacts")
        chooser = ListChooserDialog(
            f"Add {count_of(total, 'search result', 'search results')} to a list",
            f"Every contact this search finds ({results}) is added to the list you choose, in "
            "batches of 100. Contacts already in it are listed in the report, not added twice.",
            self.active_lists,
            self._window,
        )
        self.chooser = chooser
        chooser.chosen.connect(
            lambda contact_list: self.add_search_results(contact_list, request, total=total)
        )
        chooser.newListRequested.connect(lambda: self.new_list(then_add=search_results(request), total=total))
        chooser.finished.connect(chooser.deleteLater)
        chooser.finished.connect(
            lambda _result: setattr(self, "chooser", None) if self.chooser is chooser else None
        )
        chooser.open()
        return chooser

    def _choose_list_for_shown_search(self) -> None:
        results = self._shown_search_total()
        view = self._model.view
        if results and isinstance(view, SearchView):
            self.choose_list_for_search(view.request, results)

    def _shown_search_total(self) -> int:
        """How many contacts the search in the table finds (0 when the table shows no search)."""
        return (self._model.total or 0) if isinstance(self._model.view, SearchView) else 0

    def _dropped(self, contact_list: ContactList, data: QMimeData) -> bool:
        """Rows dropped on a list in the sidebar: add them."""
        selection = getattr(data, "selection", None)
        if selection is not None:
            self.add_contacts(contact_list, selection, total=selection.count)
            return True
        try:
            uuids = json.loads(bytes(data.data(CONTACTS_MIME).data()))["uuids"]
        except (ValueError, KeyError, TypeError):
            return False
        if not uuids:
            return False
        self.add_contacts(contact_list, uuids, total=len(uuids))
        return True

    def _fill_row_menu(self, menu: QMenu, selection: Any) -> None:
        if selection.count:
            submenu = menu.addMenu(f"Add {count_of(selection.count, 'contact', 'contacts')} to &list")
            self._fill_add_menu(submenu, selection)
            shown = self._shown_list()
            if shown is not None:
                menu.addAction(
                    f"&Remove {count_of(selection.count, 'contact', 'contacts')} from “{shown.name}”…\tDel",
                    self.remove_selected,
                )
        results = self._shown_search_total()
        if results:
            menu.addAction(
                f"Add all {count_of(results, 'search result', 'search results')} to a list…",
                self._choose_list_for_shown_search,
            )

    def _fill_add_menu(self, menu: QMenu, selection: Any) -> None:
        menu.clear()
        count = selection.count
        for contact_list in self.active_lists:
            action = menu.addAction(
                list_title(contact_list),
                lambda c=contact_list: self.add_contacts(c, selection, total=count),
            )
            action.setEnabled(count > 0)
        if not self.active_lists:
            menu.addAction("No lists yet").setEnabled(False)
        menu.addSeparator()
        menu.addAction("&New list…", lambda: self.new_list(then_add=selection, total=count)).setEnabled(
            count > 0
        )

    def remove_selected(self) -> QMessageBox | None:
        """Delete in the table: remove the selected contacts from the list shown, after asking."""
        shown = self._shown_list()
        if shown is None:
            self._window.show_message(
                "Delete removes the selected contacts from the list shown: select a list first "
                "(this API cannot delete contacts).",
                STATUS_MS,
            )
            return None
        selection = self._window.table.selected_rows()
        if not selection.count:
            return None
        contacts = count_of(selection.count, "contact", "contacts")
        self.confirmation = confirm(
            self._window,
            "Remove from list",
            f"Remove {contacts} from “{shown.label}”?\n\n"
            + (
                "The contact stays in the workspace; only its membership of this list ends."
                if selection.count == 1
                else "The contacts stay in the workspace; only their membership of this list ends."
            ),
            "Remove",
            lambda: self._remove_confirmed(shown, selection),
        )
        return self.confirmation

    def _remove_confirmed(self, shown: ListRef, selection: Any) -> None:
        self.confirmation = None
        self.remove_contacts(shown, selection, total=selection.count)

    def _shown_list(self) -> ListRef | None:
        view = self._model.view
        return view.contact_list if isinstance(view, ListContactsView | ListMembersView) else None

    def _shown_list_uuid(self) -> Any:
        shown = self._shown_list()
        return None if shown is None else shown.uuid
