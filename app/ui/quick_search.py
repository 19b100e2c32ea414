"""The toolbar's quick search box: runs ``search_term`` as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

#: How long typing must pause before the search runs (the issue allows at most 150 ms).
DEBOUNCE_MS = 120
PLACEHOLDER = "Search all contacts (Ctrl+F)"
MAX_TERM_LENGTH = 250  # SearchRequest.search_term allows at most 250 characters


class QuickSearchBox(QLineEdit):
    """Emits ``termChanged(text)`` once typing pauses for ``DEBOUNCE_MS`` (at once on Enter or Esc).

    Esc clears the text; Esc in an empty box emits ``escapedEmpty`` (the window then ends the whole
    search and gives the focus back to the table).
    """

    termChanged = Signal(str)
    escapedEmpty = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickSearch")
        self.setAccessibleName("Quick search")
        self.setAccessibleDescription(
            "Searches names, email, phone and identifiers of all contacts as you type; Esc clears it"
        )
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self.setMaxLength(MAX_TERM_LENGTH)
        self.setMinimumWidth(260)
        self.setMaximumWidth(380)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.textChanged.connect(lambda _text: self._debounce.start())
        self.returnPressed.connect(self._emit)

    def set_term(self, term: str) -> None:
        """Show ``term`` (set elsewhere, e.g. by the search builder) without searching again."""
        if term != self.text():
            self.blockSignals(True)
            self.setText(term)
            self.blockSignals(False)
        self._debounce.stop()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
                self._emit()
            else:
                self.escapedEmpty.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _emit(self) -> None:
        self._debounce.stop()
        self.termChanged.emit(self.text())
