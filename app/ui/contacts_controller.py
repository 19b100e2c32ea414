"""Feeds the contacts table and the detail pane from the connection."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal

from .connection import Connection
from .contacts_model import BlockRequest, ContactsTableModel
from .early_rows import EarlyRows
from .main_window import MainWindow
from .operations import Operations


class ContactsController(QObject):
    """Fetches the blocks the table asks for (from the block's view) and shows the selected contact.

    Loads that belong to a view or an order the user has left are cancelled; their answers would be
    dropped by the model anyway. ``loadFailed(view, error)`` tells which view's rows could not be
    loaded and why (the search builder shows a 422 on the filter it concerns); ``settled`` that a
    block of the current view has answered, with rows or a failure. ``early``: the first block's
    answer fetched while the app loaded (``early_rows.py``), taken instead of asking again.
    """

    loadFailed = Signal(object, object)  # ContactsView, Exception
    settled = Signal()

    def __init__(
        self,
        model: ContactsTableModel,
        window: MainWindow,
        connection: Connection,
        operations: Operations,
        *,
        early: EarlyRows | None = None,
    ) -> None:
        super().__init__(window)
        self._early = early
        self._model = model
        self._window = window
        self._connection = connection
        self._operations = operations
        self._loads: dict[BlockRequest, asyncio.Task[None]] = {}
        # The pane follows the current row once the table has painted: after a move (Page Down, a
        # click) or when the row's contact arrives in a block. A zero timer runs after the table's
        # paint (a posted event) and after the loop's timers, so filling the pane does not lengthen
        # the pause in which the rows appear, and moves in quick succession fill it once.
        self._follow_rows = QTimer(self, singleShot=True, interval=0)
        self._follow_rows.timeout.connect(self._follow_selected_row)
        self._row_moved = False
        model.blockWanted.connect(self._load)
        model.modelReset.connect(self._cancel_outdated_loads)
        model.dataChanged.connect(self._rows_changed)
        window.contactRowChanged.connect(self._current_row_changed)
        window.reloadRequested.connect(model.reload)

    def _load(self, request: BlockRequest) -> None:
        last = request.offset + request.limit
        task = self._operations.run(
            lambda: self._fetch(request), description=f"Loading contacts {request.offset + 1:,}–{last:,}"
        )
        self._loads[request] = task
        task.add_done_callback(lambda _task: self._loads.pop(request, None))

    async def _fetch(self, request: BlockRequest) -> None:
        model = self._model
        if not model.is_current(request):
            return
        model.block_loading(request)
        early, self._early = self._early, None  # only ever the first request's
        answer = await early.take() if early is not None and early.matches(request) else None
        if answer is not None:
            model.apply_block(request, *answer)
            self.settled.emit()
            return
        try:
            page = await self._connection.call(
                lambda client: request.view.fetch(client, offset=request.offset, limit=request.limit)
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if not model.is_current(request):
                return  # the user has moved on: that view's failure is no news
            model.block_failed(request)
            self.loadFailed.emit(request.view, exc)
            self.settled.emit()
            raise
        model.apply_block(request, page.items, page.total)
        self.settled.emit()

    def _cancel_outdated_loads(self) -> None:
        for request, task in list(self._loads.items()):
            if not self._model.is_current(request):
                task.cancel()

    def _show_contact(self, row: int) -> None:
        detail = self._window.detail
        if row < 0:
            detail.show_hint()
            return
        contact = self._model.contact_at(row)
        if contact is None:
            detail.show_loading()
        else:
            detail.show_contact(contact)

    def _current_row_changed(self, _row: int) -> None:
        self._row_moved = True
        self._follow_rows.start()

    def _follow_selected_row(self) -> None:
        moved, self._row_moved = self._row_moved, False
        if moved or not self._window.detail.is_new:  # a new contact's form stays until another row is chosen
            self._show_contact(self._window.current_row())

    def _rows_changed(self, first: QModelIndex, last: QModelIndex) -> None:
        row = self._window.current_row()
        if row >= 0 and first.row() <= row <= last.row():
            self._follow_rows.start()
