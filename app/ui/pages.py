"""The central area: the contacts page, or a screen chosen in the sidebar (made on first use)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

CONTACTS_PAGE = "contacts"


class PageStack(QStackedWidget):
    """Pages by key; a page made by a factory is kept until another factory is registered for its key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: dict[str, tuple[QWidget, Callable[[], QWidget] | None]] = {}

    def add_page(self, key: str, widget: QWidget) -> None:
        self._pages[key] = (widget, None)
        self.addWidget(widget)

    def show_page(self, key: str, factory: Callable[[], QWidget] | None = None) -> QWidget:
        """Show the page ``key``, made with ``factory`` the first time (or when the factory changed)."""
        widget, made_by = self._pages.get(key, (None, None))
        if widget is None or (factory is not None and factory is not made_by):
            if factory is None:
                raise KeyError(key)
            if widget is not None:
                self.removeWidget(widget)
                widget.deleteLater()
            widget = factory()
            self._pages[key] = (widget, factory)
            self.addWidget(widget)
        self.setCurrentWidget(widget)
        return widget

    @property
    def current_key(self) -> str | None:
        current = self.currentWidget()
        return next((key for key, (widget, _) in self._pages.items() if widget is current), None)


class NotAvailablePage(QWidget):
    """An honest page for a screen that this version does not have yet."""

    def __init__(self, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.message = QLabel(explanation)
        self.message.setWordWrap(True)
        self.message.setMaximumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setAccessibleName(title)


def custom_fields_placeholder() -> QWidget:
    return NotAvailablePage(
        "Custom fields",
        "Managing custom field definitions is not available yet in this version. "
        "Their values are shown in the contacts table (right-click a column header to add a column) "
        "and in the detail pane.",
    )
