"""The banner above the table that tells the user what failed, with Retry and Dismiss."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from .operations import Failure


class ErrorBanner(QFrame):
    """Shows the latest failure; failures that arrive meanwhile are retried together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#errorBanner { background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px; }"
            " #errorBanner QLabel { color: #611a15; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message, 1)
        self.retry_button = QPushButton("Retry")
        self.retry_button.clicked.connect(self.retry)
        layout.addWidget(self.retry_button)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.clicked.connect(self.dismiss)
        layout.addWidget(self.dismiss_button)
        self._retries: list[Callable[[], Any]] = []
        self._count = 0
        self.hide()

    def show_failure(self, failure: Failure) -> None:
        self._count += 1
        if failure.retry is not None:
            self._retries.append(failure.retry)
        more = f" ({self._count - 1} more failed)" if self._count > 1 else ""
        self.message.setText(f"{failure.description} failed: {failure.message}{more}")
        self.retry_button.setVisible(bool(self._retries))
        self.show()

    def retry(self) -> None:
        retries = self._retries
        self.dismiss()
        for again in retries:
            again()

    def dismiss(self) -> None:
        self._retries = []
        self._count = 0
        self.hide()
