"""At most one dialog of a kind open at a time (a second "New…" replaces the first)."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class SingleDialog(Generic[D]):
    """Opens dialogs window-modally, closing the one still open; ``current`` is the open one, if any."""

    def __init__(self) -> None:
        self.current: D | None = None

    def open(self, dialog: D) -> D:
        if self.current is not None:
            self.current.close()
        self.current = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: D) -> None:
        if self.current is dialog:
            self.current = None
