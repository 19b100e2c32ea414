"""Wires the builder panel to the one search state, the table, the definitions and the request dialogs.

- The panel's text field *is* the state's ``search_term`` (the toolbar's box shows the same text).
- Row and sort changes reach the state after a pause (``DEBOUNCE_MS``; at once on Enter): only
  complete rows, as filters. The table follows the state through the browse controller's
  ``SearchView`` (newest answer wins, nothing blocks), and its total is the panel's count.
- A search set elsewhere (Esc in the quick search box, a header click's sort, a sidebar choice
  that ends the search) is shown in the panel.
- A 422 on the table's first load is put on the row it concerns (``advanced_search.N`` is the
  N-th complete row of the search sent), the sort, or the panel's message.
- "Add all N results to list…" emits ``addAllToListRequested(request, total)``: the search the
  table shows and its total, for whoever adds them to a list (the membership engine of issue 8).
  Its button is enabled by ``set_add_all_available(True)`` once something is connected.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.api import ValidationError
from app.schema import SearchFilter, SearchRequest

from ..browse_controller import BrowseController
from ..contacts_controller import ContactsController
from ..contacts_model import ContactsTableModel
from ..definitions import CustomFieldDefinitions
from ..search_state import SearchState
from ..single_dialog import SingleDialog
from ..views import ContactsView, SearchView, count_of
from .drafts import form_of, route_errors
from .fields import FieldCatalog
from .filter_row import FilterRow
from .panel import SearchBuilderPanel
from .request_dialogs import PasteRequestDialog, ShowRequestDialog
from .request_text import RequestProblem, parse_request, request_json

#: How long editing must pause before the search runs (typing a value, picking in a row).
DEBOUNCE_MS = 300
NO_SEARCH = "Type some text or complete a filter to search."
SORT_ALONE = "A sort alone is not a search: add text or a filter, and the results are sorted this way."
COUNTING = "Counting…"
REFUSED = "The server refused this search: see the marked filter."


class SearchBuilderController(QObject):
    """See the module docstring. ``dialog`` is the request dialog open, if any."""

    addAllToListRequested = Signal(object, int)  # SearchRequest, total

    def __init__(
        self,
        panel: SearchBuilderPanel,
        state: SearchState,
        definitions: CustomFieldDefinitions,
        model: ContactsTableModel,
        contacts: ContactsController,
        browse: BrowseController,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._panel = panel
        self._state = state
        self._definitions = definitions
        self._model = model
        self._browse = browse
        self._window = window
        self._applied: tuple[SearchFilter, ...] = ()
        self._applied_rows: list[FilterRow] = []
        self._failure: str | None = None
        self._dialogs = SingleDialog[ShowRequestDialog | PasteRequestDialog]()
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply)

        panel.termChanged.connect(state.set_term)
        panel.edited.connect(self._edited)
        panel.submitted.connect(self.apply)
        panel.showRequestClicked.connect(self.show_request)
        panel.pasteRequestClicked.connect(self.paste_request)
        panel.addAllClicked.connect(self._add_all_clicked)
        state.changed.connect(self._state_changed)
        definitions.changed.connect(self._definitions_changed)
        model.viewChanged.connect(self._view_changed)
        model.totalChanged.connect(self._total_changed)
        contacts.loadFailed.connect(self._load_failed)
        self._definitions_changed()
        self._state_changed()

    # -- panel → state ---------------------------------------------------------------------------

    def apply(self) -> None:
        """Search now with the panel's text (even while its pause is running), complete rows and sort."""
        self._debounce.stop()
        pairs = self._panel.complete_filters()
        self._applied_rows = [row for row, _ in pairs]
        self._applied = tuple(item for _, item in pairs)
        self._state.update(
            term=self._panel.term_box.text(), filters=self._applied, sort=self._panel.sort_by()
        )
        self._show_count()

    def load(self, request: SearchRequest, *, leave_list: bool = False) -> None:
        """Show ``request`` in the panel and search it (``leave_list``: for the whole workspace, no list selected)."""
        self._debounce.stop()
        self._panel.load(form_of(request, self._panel.catalog.by_name))
        pairs = self._panel.complete_filters()
        self._applied_rows = [row for row, _ in pairs]
        self._applied = tuple(item for _, item in pairs)
        term, sort = request.search_term or "", self._panel.sort_by()
        if leave_list:
            self._browse.show_search(term, self._applied, sort)
        else:
            self._state.update(term=term, filters=self._applied, sort=sort)
        self._show_count()

    def current_request(self) -> SearchRequest:
        """The search as it is now in the panel (pending edits applied first)."""
        self.apply()
        return self._state.request()

    def set_add_all_available(self, available: bool) -> None:
        """Say that ``addAllToListRequested`` is handled: "Add all N results to list…" can be used."""
        self._panel.set_add_all_available(available)

    def _add_all_clicked(self) -> None:
        """The results as the table counts them: its view's request (never a half-applied edit)."""
        view, total = self._model.view, self._model.total
        if isinstance(view, SearchView) and total and not self._debounce.isActive():
            self.addAllToListRequested.emit(view.request, total)

    def _edited(self) -> None:
        self._debounce.start()
        self._show_count()

    # -- state → panel ---------------------------------------------------------------------------

    def _state_changed(self) -> None:
        state, panel = self._state, self._panel
        panel.set_term(state.term)
        if state.filters != self._applied:  # set elsewhere: e.g. the whole search ended
            self._debounce.stop()
            request = SearchRequest(advanced_search=list(state.filters) or None)
            panel.set_filters(form_of(request, panel.catalog.by_name).filters)
            self._applied, self._applied_rows = state.filters, list(panel.rows)
        if state.sort != panel.sort_by():  # a header click sorts the search
            panel.set_sort(form_of(SearchRequest(sort_by=state.sort), panel.catalog.by_name).sort)
        self._show_count()

    def _definitions_changed(self) -> None:
        definitions = self._definitions
        self._panel.set_catalog(FieldCatalog.of(definitions.all if definitions.loaded else None))

    # -- what the table found --------------------------------------------------------------------

    def _view_changed(self, _view: ContactsView) -> None:
        """A new search was sent: what the server said about the previous one no longer holds."""
        self._failure = None
        self._panel.show_message(None)
        self._panel.sort_picker.show_error(None)
        for row in self._panel.rows:
            row.show_server_error(None)
        self._show_count()

    def _total_changed(self, _total: int) -> None:
        self._failure = None
        self._show_count()

    def _load_failed(self, view: ContactsView, error: Exception) -> None:
        if view != self._model.view or not isinstance(view, SearchView):
            return
        if isinstance(error, ValidationError):
            routed = route_errors(error.errors)
            sent = tuple(view.request.advanced_search or ())
            rows = self._applied_rows if sent == self._applied else []
            unplaced = list(routed.other)
            for index, message in routed.filters.items():
                if index < len(rows) and rows[index].filter == sent[index]:
                    rows[index].show_server_error(message)
                elif index < len(sent):  # the row has changed since: the message still says why
                    unplaced.append(f"Filter {index + 1} ({sent[index].field}): {message}")
                else:
                    unplaced.append(message)
            if routed.sort is not None:
                self._panel.sort_picker.show_error(routed.sort)
            if routed.term is not None:
                unplaced.append(f"Text: {routed.term}")
            self._panel.show_message("\n".join(unplaced) or None)
            self._failure = REFUSED if routed.filters or routed.sort else "The server refused this search."
        else:
            self._failure = f"Could not search: {error}"
        self._show_count()

    def _show_count(self) -> None:
        state, model, panel = self._state, self._model, self._panel
        total = model.total if isinstance(model.view, SearchView) and state.is_active else None
        if self._debounce.isActive():
            text, total = COUNTING, None
        elif not state.is_active:
            text = SORT_ALONE if panel.sort_by() is not None else NO_SEARCH
        elif self._failure is not None:
            text, total = self._failure, None
        elif total is None:
            text = COUNTING
        else:
            text = (
                "No contacts match."
                if total == 0
                else f"{count_of(total, 'contact matches', 'contacts match')}."
            )
        panel.set_count(text)
        panel.set_total(total)

    # -- the request as JSON ---------------------------------------------------------------------

    def show_request(self) -> ShowRequestDialog:
        dialog = ShowRequestDialog(request_json(self.current_request()), self._window)
        self._open(dialog)
        return dialog

    def paste_request(self) -> PasteRequestDialog:
        dialog = PasteRequestDialog(QGuiApplication.clipboard().text(), self._window)
        dialog.loadRequested.connect(lambda text: self._paste(dialog, text))
        self._open(dialog)
        return dialog

    def _paste(self, dialog: PasteRequestDialog, text: str) -> None:
        try:
            request = parse_request(text, self._panel.catalog)
        except RequestProblem as exc:
            dialog.show_problem(str(exc))  # the builder stays as it was
            return
        dialog.accept()
        self.load(request)

    @property
    def dialog(self) -> ShowRequestDialog | PasteRequestDialog | None:
        """The request dialog open now, if any."""
        return self._dialogs.current

    def _open(self, dialog: ShowRequestDialog | PasteRequestDialog) -> None:
        """Window-modal, without a nested event loop (``exec()`` would stall the asyncio loop)."""
        self._dialogs.open(dialog)
