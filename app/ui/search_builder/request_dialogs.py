""" "Show request" (the JSON body, copyable) and "Paste request" (a JSON body back into the builder)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..feedback import ErrorLabel


def _code_editor(text: str, *, read_only: bool) -> QPlainTextEdit:
    editor = QPlainTextEdit(text)
    editor.setReadOnly(read_only)
    editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    editor.setMinimumSize(460, 300)
    return editor


class ShowRequestDialog(QDialog):
    """The body of ``POST /contacts/search`` for the current search, selectable and copyable."""

    def __init__(self, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search request")
        about = QLabel(
            "The JSON body of POST /v1/contacts/search for this search "
            "(the page, limit and offset, goes in the query string). Select it or use Copy."
        )
        about.setWordWrap(True)
        self.text = _code_editor(body, read_only=True)
        self.text.setAccessibleName("Request body")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy")
        self.copy_button.setAccessibleName("Copy request")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.copy_button.setFocus()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText("Copied")


class PasteRequestDialog(QDialog):
    """A JSON body to load into the builder; ``loadRequested(text)``, then ``show_problem`` or ``accept``.

    The text starts as the clipboard's. A problem is shown under the text, which stays as typed.
    """

    loadRequested = Signal(str)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste a search request")
        about = QLabel(
            "Paste the JSON body of a Search Contacts request (as “Show request” gives it). "
            "It replaces the builder's text, filters and sort."
        )
        about.setWordWrap(True)
        self.text = _code_editor(text, read_only=False)
        self.text.setAccessibleName("Request to load")
        self.problem = ErrorLabel()
        self.problem.setObjectName("pasteProblem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.load_button = QPushButton("Load into builder")
        self.load_button.setDefault(True)
        buttons.addButton(self.load_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.load_button.clicked.connect(lambda: self.loadRequested.emit(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(lambda: self.problem.show_message(None))
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.text.setFocus()
        self.text.selectAll()

    def show_problem(self, message: str) -> None:
        self.problem.show_message(message)
        self.text.setAccessibleDescription(message)
        self.text.setFocus()
