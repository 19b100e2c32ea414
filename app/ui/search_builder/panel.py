"""The search builder panel (docked beside the table): text, filter rows, sort, count, actions.

A widget only: it shows what it is given and says what the user did. ``SearchBuilderController``
wires it to the search state, the table and the definitions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.schema import SearchFilter, SortBy

from ..feedback import ErrorLabel
from ..quick_search import QuickSearchBox
from ..shortcuts import local_shortcut
from .drafts import MAX_FILTERS, BuilderForm, FilterDraft, SortDraft
from .fields import FieldCatalog
from .filter_row import FilterRow
from .sort_picker import SortPicker

TERM_PLACEHOLDER = "Names, email, phone or identifiers"
ADD_ALL_UNAVAILABLE = "Adding every result to a list is not available in this version yet."
TOO_MANY = f"A search takes at most {MAX_FILTERS} filters."


class SearchBuilderPanel(QWidget):
    """Compose a Search Contacts request without knowing its JSON.

    Signals: ``termChanged(text)`` (debounced like the quick search box), ``edited`` (a row or the
    sort changed), ``submitted`` (Enter in a value: search now), ``showRequestClicked``,
    ``pasteRequestClicked``, ``saveRequested``, ``addAllClicked`` (the bulk action: its button stays
    disabled until ``set_add_all_available(True)``).
    """

    termChanged = Signal(str)
    edited = Signal()
    submitted = Signal()
    showRequestClicked = Signal()
    pasteRequestClicked = Signal()
    saveRequested = Signal()
    addAllClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBuilder")
        self.setAccessibleName("Search builder")
        self._catalog = FieldCatalog()
        self._rows: list[FilterRow] = []
        self._add_all_available = False
        self._total: int | None = None

        self.term_box = QuickSearchBox()
        self.term_box.setObjectName("builderTerm")
        self.term_box.setAccessibleName("Search text")
        self.term_box.setAccessibleDescription(
            "The same text as the toolbar's quick search: names, email, phone and identifiers"
        )
        self.term_box.setPlaceholderText(TERM_PLACEHOLDER)
        self.term_box.setMaximumWidth(16_777_215)
        self.term_box.setMinimumWidth(0)
        self.term_box.termChanged.connect(self.termChanged)

        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(6)
        self.no_filters = QLabel("No filters yet.")
        self.no_filters.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.no_filters.setWordWrap(True)
        self.add_button = QPushButton("Add filter")
        self.add_button.setAccessibleName("Add filter")
        self.add_button.setToolTip("Add a filter row (Ctrl+Shift+A while in the builder)")
        self.add_button.clicked.connect(lambda: self.add_row().focus_field())
        local_shortcut(
            QKeySequence("Ctrl+Shift+A"),
            self,
            lambda: self.add_button.isEnabled() and self.add_row().focus_field(),
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 4, 0)
        rows_layout.addWidget(self.no_filters)
        rows_layout.addLayout(self._rows_layout)
        rows_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        rows_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(rows)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.sort_picker = SortPicker()
        self.sort_picker.edited.connect(self.edited)

        self.count_label = QLabel()
        self.count_label.setObjectName("builderCount")
        self.count_label.setAccessibleName("Match count")
        self.count_label.setWordWrap(True)
        font = QFont(self.count_label.font())
        font.setBold(True)
        self.count_label.setFont(font)
        self.message = ErrorLabel()
        self.message.setObjectName("builderMessage")

        self.show_request_button = QPushButton("Show request")
        self.show_request_button.setToolTip("The JSON body the API receives for this search")
        self.show_request_button.clicked.connect(self.showRequestClicked)
        self.paste_request_button = QPushButton("Paste request…")
        self.paste_request_button.setToolTip("Load a Search Contacts JSON body into the builder")
        self.paste_request_button.clicked.connect(self.pasteRequestClicked)
        self.save_button = QPushButton("Save search…")
        self.save_button.setToolTip("Keep this search in the sidebar, for this workspace")
        self.save_button.clicked.connect(self.saveRequested)
        self.add_all_button = QPushButton("Add all results to list…")
        self.add_all_button.setAccessibleName("Add all results to list")
        self.add_all_button.clicked.connect(self.addAllClicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(_heading("Text"))
        layout.addWidget(self.term_box)
        layout.addWidget(_heading("Filters (all must match)"))
        layout.addWidget(self.scroll, 1)
        layout.addWidget(_heading("Sort"))
        layout.addWidget(self.sort_picker)
        layout.addWidget(self.count_label)
        layout.addWidget(self.message)
        request_buttons = QHBoxLayout()
        request_buttons.addWidget(self.show_request_button)
        request_buttons.addWidget(self.paste_request_button)
        layout.addLayout(request_buttons)
        layout.addWidget(self.save_button)
        layout.addWidget(self.add_all_button)
        self._update_rows_ui()
        self.set_total(None)

    # -- fields ----------------------------------------------------------------------------------

    @property
    def catalog(self) -> FieldCatalog:
        return self._catalog

    def set_catalog(self, catalog: FieldCatalog) -> None:
        """The workspace's fields (again, after a change): every picker follows."""
        self._catalog = catalog
        for row in self._rows:
            row.set_catalog(catalog)
        self.sort_picker.set_catalog(catalog)

    # -- rows ------------------------------------------------------------------------------------

    @property
    def rows(self) -> tuple[FilterRow, ...]:
        return tuple(self._rows)

    def add_row(self, draft: FilterDraft | None = None) -> FilterRow:
        row = FilterRow(self._catalog)
        if draft is not None:
            row.load(draft)
        row.edited.connect(self.edited)
        row.submitted.connect(self.submitted)
        row.removeRequested.connect(lambda: self.remove_row(row))
        self._rows.append(row)
        self._rows_layout.addWidget(row)
        row.show()  # at once, not on the next pass of the event loop
        self._update_rows_ui()
        if draft is None:
            self.edited.emit()
        return row

    def remove_row(self, row: FilterRow) -> None:
        index = self._rows.index(row)
        self._rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.deleteLater()
        self._update_rows_ui()
        if self._rows:  # the keyboard stays in the builder
            self._rows[min(index, len(self._rows) - 1)].remove_button.setFocus()
        else:
            self.add_button.setFocus()
        self.edited.emit()

    def complete_filters(self) -> list[tuple[FilterRow, SearchFilter]]:
        """The rows that make a filter, with their filters, in order (the others are left out)."""
        return [(row, row.filter) for row in self._rows if row.filter is not None]

    def set_filters(self, drafts: tuple[FilterDraft, ...]) -> None:
        """Replace every row (a search set elsewhere, or loaded); emits nothing."""
        for row in self._rows:
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self._rows = []
        for draft in drafts:
            self.add_row(draft)
        self._update_rows_ui()

    def _update_rows_ui(self) -> None:
        self.no_filters.setVisible(not self._rows)
        full = len(self._rows) >= MAX_FILTERS
        self.add_button.setEnabled(not full)
        self.add_button.setToolTip(
            TOO_MANY if full else "Add a filter row (Ctrl+Shift+A while in the builder)"
        )

    # -- the whole form --------------------------------------------------------------------------

    def sort_by(self) -> SortBy | None:
        return self.sort_picker.sort_by()

    def set_sort(self, draft: SortDraft) -> None:
        self.sort_picker.load(draft)

    def set_term(self, term: str) -> None:
        """Show the search text set elsewhere (the quick search box) without searching again."""
        self.term_box.set_term(term)

    def load(self, form: BuilderForm) -> None:
        """Show a whole search (saved, pasted); emits nothing."""
        self.set_term(form.term)
        self.set_filters(form.filters)
        self.set_sort(form.sort)
        self.show_message(None)

    def focus_term(self) -> None:
        self.term_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.term_box.selectAll()

    # -- what the search found -------------------------------------------------------------------

    def set_count(self, text: str) -> None:
        self.count_label.setText(text)

    def show_message(self, text: str | None) -> None:
        """A problem that concerns no row (e.g. the server could not be reached)."""
        self.message.show_message(text)

    def set_total(self, total: int | None) -> None:
        """The number of contacts the search found (``None``: no search, or not known yet)."""
        self._total = total
        self._update_add_all()

    def set_add_all_available(self, available: bool) -> None:
        """Whether something adds the results to a list (the controller's ``addAllToListRequested``)."""
        self._add_all_available = available
        self._update_add_all()

    def _update_add_all(self) -> None:
        total = self._total
        self.add_all_button.setText(
            "Add all results to list…" if not total else f"Add all {total:,} results to list…"
        )
        self.add_all_button.setEnabled(self._add_all_available and bool(total))
        self.add_all_button.setToolTip(
            "Add every contact this search finds to a contact list"
            if self._add_all_available
            else ADD_ALL_UNAVAILABLE
        )


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label
