"""Awaiting a dialog on the qasync loop.

``QDialog.exec()`` inside a coroutine hangs qasync (a nested event loop while a task runs), so a
dialog is opened with ``open()`` (window-modal, returns at once) and its ``finished`` signal is awaited.
"""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


async def finished(dialog: QDialog) -> int:
    """Open ``dialog`` and wait until it is closed; returns its result (``QDialog.DialogCode``).

    If the waiting coroutine is cancelled, the dialog is closed (rejected).
    """
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def done(result: int) -> None:
        if not future.done():
            future.set_result(result)

    dialog.finished.connect(done)
    dialog.open()
    try:
        return await future
    finally:
        dialog.finished.disconnect(done)
        if dialog.isVisible():
            dialog.reject()


async def confirm(parent: QWidget, title: str, text: str, *, yes: str, no: str = "Cancel") -> bool:
    """Ask a yes/no question (the safe answer is the default); ``True`` if the user chose ``yes``."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("confirmBox")
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    refuse = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(refuse)
    box.setEscapeButton(refuse)
    try:
        await finished(box)
        return box.clickedButton() is accept
    finally:
        box.deleteLater()
