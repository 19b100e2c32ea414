"""Small widgets that tell the user something in place: a field's error, a tab's loading state."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget

#: Error red for light and for dark palettes (readable on either background).
ERROR_ON_LIGHT = QColor("#b3261e")
ERROR_ON_DARK = QColor("#ff8a80")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_color(palette: QPalette) -> QColor:
    return ERROR_ON_DARK if is_dark(palette) else ERROR_ON_LIGHT


def mark_invalid(widget: QWidget, message: str | None) -> None:
    """Frame ``widget`` in the error colour and describe the problem to screen readers (``None``: clear)."""
    widget.setAccessibleDescription(message or "")
    widget.setToolTip(message or "")
    if message:
        colour = error_color(widget.palette()).name()
        name = type(widget).__name__
        widget.setStyleSheet(f"{name} {{ border: 1px solid {colour}; border-radius: 3px; padding: 2px; }}")
    else:
        widget.setStyleSheet("")


class ErrorLabel(QLabel):
    """A wrapped message in the palette's error colour; hidden while it has no text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._apply_colour()
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colour()
        super().changeEvent(event)

    def _apply_colour(self) -> None:
        palette = self.palette()
        colour = error_color(palette)
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)


class LoadingPanel(QStackedWidget):
    """Content that loads in the background: "Loading…", an error with Retry, or the content itself."""

    retryRequested = Signal()

    def __init__(self, content: QWidget, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self.loading_label = QLabel(f"Loading {what}…")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setEnabled(False)
        self.addWidget(self.loading_label)

        failure = QWidget()
        layout = QVBoxLayout(failure)
        layout.addStretch(1)
        self.error = ErrorLabel()
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.error)
        self.retry_button = QPushButton("Retry")
        self.retry_button.setAccessibleName(f"Retry loading {what}")
        self.retry_button.clicked.connect(self.retryRequested)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.addWidget(failure)
        self.content = content
        self.addWidget(content)

    @property
    def is_loading(self) -> bool:
        return self.currentIndex() == 0

    def show_loading(self) -> None:
        self.setCurrentIndex(0)

    def show_error(self, message: str) -> None:
        self.error.show_message(f"Could not load {self._what}: {message}")
        self.setCurrentIndex(1)

    def show_content(self) -> None:
        self.setCurrentIndex(2)


def confirm(
    parent: QWidget,
    title: str,
    text: str,
    accept_label: str,
    on_accept: Callable[[], object],
    *,
    reject_label: str = "Cancel",
) -> QMessageBox:
    """Ask before something that cannot be undone; ``on_accept`` runs only if the user agrees.

    The box is window-modal and opened without a nested event loop (``exec()`` would stall the
    asyncio loop). Cancel is the default and Esc's button. ``box.accept_button`` is the agreeing one.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    accept = box.addButton(accept_label, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(reject_label, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.accept_button = accept  # type: ignore[attr-defined]
    box.reject_button = cancel  # type: ignore[attr-defined]

    def finished(_result: int) -> None:
        agreed = box.clickedButton() is accept
        box.deleteLater()
        if agreed:
            on_accept()

    box.finished.connect(finished)
    box.open()
    return box
