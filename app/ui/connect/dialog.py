"""The connect dialog: saved workspaces and the sandbox on the left, the chosen workspace's fields on the right.

A widget only: it says what the user asked for (``connectRequested``, ``sandboxRequested``,
``removeRequested``) and shows what it is told (``set_busy``, ``show_problem``). It never closes by
itself on Connect: the caller checks the server first and calls ``accept()`` when it answered, so a
problem is shown here and everything typed stays.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .check import EXAMPLE_URL, ConnectRequest, Field
from .settings import Profile

NEW_WORKSPACE = "New workspace…"
CERTIFICATES_WARNING = (
    "Only for a server you run yourself (e.g. with a self-signed certificate): with this on, nothing proves"
    " that you talk to your server and not to someone who can read your token and contacts."
)
PROBLEM_STYLE = (
    "#connectProblem { color: #b3261e; }"
    ' QLineEdit[invalid="true"], QCheckBox[invalid="true"] { border: 1px solid #b3261e; }'
    " #keyringWarning, #certificatesWarning { color: #8a5300; }"
)


class Mode(Enum):
    CONNECT = "connect"  # choose or add a workspace
    FIRST_START = "first start"  # the same, with the sandbox offered first
    SIGN_IN_AGAIN = "sign in again"  # a new token for the open workspace (after a 401)


class ConnectDialog(QDialog):
    """Connect to a CueDesk workspace: saved profiles, a new one, or the sandbox."""

    connectRequested = Signal(object)  # ConnectRequest
    sandboxRequested = Signal()
    removeRequested = Signal(str)  # profile id

    def __init__(
        self,
        profiles: list[Profile],
        *,
        mode: Mode = Mode.CONNECT,
        keyring_problem: str | None = None,
        cancel_text: str = "Cancel",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.mode = mode
        self._profiles = {p.id: p for p in profiles}
        self._keyring_problem = keyring_problem
        self.setWindowTitle("Sign in again" if mode is Mode.SIGN_IN_AGAIN else "Connect to CueDesk")
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(640)

        self.note = QLabel()
        self.note.setObjectName("connectNote")
        self.note.setWordWrap(True)
        self.note.hide()

        self.profile_list = QListWidget()
        self.profile_list.setObjectName("savedWorkspaces")
        self.profile_list.setAccessibleName("Saved workspaces")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setAccessibleName("Remove the selected workspace")
        self.remove_button.clicked.connect(self._remove_clicked)
        self.sandbox_button = QPushButton("Open &sandbox")
        self.sandbox_button.setObjectName("openSandbox")
        self.sandbox_button.setToolTip("Demo contacts on this computer: no account or network needed.")
        self.sandbox_button.clicked.connect(self.sandboxRequested)
        sandbox_caption = QLabel("Demo data on this computer, no account needed.")
        sandbox_caption.setWordWrap(True)

        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Workspace name")
        self.name_edit.setPlaceholderText("e.g. Support team")
        self.url_edit = QLineEdit(EXAMPLE_URL)
        self.url_edit.setAccessibleName("API base URL")
        self.token_edit = QLineEdit()
        self.token_edit.setAccessibleName("API token")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText("Paste the API token")
        self.remember_check = QCheckBox("&Remember the token (in the system keyring)")
        self.remember_check.setChecked(keyring_problem is None)
        self.remember_check.setEnabled(keyring_problem is None)
        self.keyring_warning = QLabel(keyring_problem or "")
        self.keyring_warning.setObjectName("keyringWarning")
        self.keyring_warning.setWordWrap(True)
        self.keyring_warning.setVisible(keyring_problem is not None)
        self.certificates_check = QCheckBox("Allow &invalid certificates for this profile")
        self.certificates_warning = QLabel(CERTIFICATES_WARNING)
        self.certificates_warning.setObjectName("certificatesWarning")
        self.certificates_warning.setWordWrap(True)
        self.certificates_warning.hide()
        self.certificates_check.toggled.connect(self.certificates_warning.setVisible)

        self.problem = QLabel()
        self.problem.setObjectName("connectProblem")
        self.problem.setAccessibleName("Connection problem")
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        self.busy = QLabel("Checking the server…")
        self.busy.setObjectName("connectBusy")
        self.busy.hide()
        self.connect_button = QPushButton("Sign &in" if mode is Mode.SIGN_IN_AGAIN else "&Connect")
        self.connect_button.setObjectName("connectButton")
        self.connect_button.clicked.connect(self._connect_clicked)
        self.cancel_button = QPushButton(cancel_text)
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("API &URL:", self.url_edit)
        form.addRow("&Token:", self.token_edit)
        form.addRow("", self.remember_check)
        form.addRow("", self.keyring_warning)
        form.addRow("", self.certificates_check)
        form.addRow("", self.certificates_warning)
        self._form = form

        saved = QVBoxLayout()
        saved.addWidget(QLabel("Saved workspaces:"))
        saved.addWidget(self.profile_list, 1)
        saved.addWidget(self.remove_button)
        saved.addSpacing(12)
        saved.addWidget(self.sandbox_button)
        saved.addWidget(sandbox_caption)
        self._saved_panel = QWidget()
        self._saved_panel.setLayout(saved)
        self._saved_panel.setMaximumWidth(240)

        body = QHBoxLayout()
        body.addWidget(self._saved_panel)
        body.addLayout(form, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.connect_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        if mode is Mode.SIGN_IN_AGAIN:
            self._saved_panel.hide()
            self.url_edit.setReadOnly(True)
            form.setRowVisible(self.name_edit, False)
            form.setRowVisible(self.certificates_check, False)
            form.setRowVisible(self.certificates_warning, False)
        self.set_profiles(profiles)
        self.profile_list.currentItemChanged.connect(self._profile_selected)
        # At first start Enter opens the sandbox, until the user starts typing a workspace's details.
        self._set_default(self.sandbox_button if mode is Mode.FIRST_START else self.connect_button)
        for edit in (self.name_edit, self.url_edit, self.token_edit):
            edit.textEdited.connect(lambda _text: self._set_default(self.connect_button))
        (self.sandbox_button if mode is Mode.FIRST_START else self.url_edit).setFocus()

    # -- what the caller shows -----------------------------------------------------------------

    def set_profiles(self, profiles: list[Profile]) -> None:
        """Show the saved profiles, keeping the selection if it is still one of them."""
        selected = self.selected_profile_id()
        self._profiles = {p.id: p for p in profiles}
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        new_item = QListWidgetItem(NEW_WORKSPACE)
        self.profile_list.addItem(new_item)
        current = new_item
        for profile in profiles:
            item = QListWidgetItem(profile.name)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            item.setToolTip(profile.base_url)
            self.profile_list.addItem(item)
            if profile.id == selected:
                current = item
        self.profile_list.setCurrentItem(current)
        self.profile_list.blockSignals(False)
        self.remove_button.setEnabled(self.selected_profile_id() is not None)

    def select_profile(self, profile_id: str | None) -> None:
        """Select a saved profile (``None``: a new one) and fill the fields from it."""
        for row in range(self.profile_list.count()):
            item = self.profile_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == profile_id:
                self.profile_list.setCurrentItem(item)
                self._fill(profile_id)
                (self.url_edit if profile_id is None else self.token_edit).setFocus()
                return

    def selected_profile_id(self) -> str | None:
        item = self.profile_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def set_note(self, text: str) -> None:
        """An explanation above the fields (why the dialog is shown)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        """While the server is checked: inputs locked, Cancel still stops it."""
        for widget in (
            self._saved_panel,
            self.name_edit,
            self.url_edit,
            self.token_edit,
            self.remember_check,
            self.certificates_check,
            self.connect_button,
        ):
            widget.setEnabled(
                not busy and (widget is not self.remember_check or self._keyring_problem is None)
            )
        if self.mode is Mode.SIGN_IN_AGAIN:
            self.certificates_check.setEnabled(False)
        self.busy.setVisible(busy)
        if busy:
            self.clear_problem()

    def show_problem(self, message: str, field: Field | None = None) -> None:
        """Say what went wrong, at the field it concerns (focused); nothing typed is lost."""
        self.clear_problem()
        self.problem.setText(message)
        self.problem.show()
        widget = self._field_widget(field)
        if widget is not None:
            widget.setProperty("invalid", True)
            widget.setAccessibleDescription(message)
            self._restyle(widget)
            widget.setFocus()

    def clear_problem(self) -> None:
        self.problem.clear()
        self.problem.hide()
        for widget in (self.name_edit, self.url_edit, self.token_edit, self.certificates_check):
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setAccessibleDescription("")
                self._restyle(widget)

    def fill(self, *, name: str, base_url: str, allow_invalid_certificates: bool, remember: bool) -> None:
        """Show a workspace's settings (the token field is left as it is)."""
        self.name_edit.setText(name)
        self.url_edit.setText(base_url)
        self.certificates_check.setChecked(allow_invalid_certificates)
        if self._keyring_problem is None:
            self.remember_check.setChecked(remember)

    def request(self) -> ConnectRequest:
        """What the user typed."""
        return ConnectRequest(
            name=self.name_edit.text().strip(),
            base_url=self.url_edit.text().strip(),
            token=self.token_edit.text().strip(),
            remember=self.remember_check.isChecked() and self._keyring_problem is None,
            allow_invalid_certificates=self.certificates_check.isChecked(),
            profile_id=self.selected_profile_id(),
        )

    # -- internals -----------------------------------------------------------------------------

    def _connect_clicked(self) -> None:
        self.clear_problem()
        self.connectRequested.emit(self.request())

    def _remove_clicked(self) -> None:
        profile_id = self.selected_profile_id()
        if profile_id is not None:
            self.removeRequested.emit(profile_id)

    def _profile_selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        profile_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self._fill(profile_id)
        self._set_default(self.connect_button)

    def _fill(self, profile_id: str | None) -> None:
        self.clear_problem()
        self.remove_button.setEnabled(profile_id is not None)
        profile = self._profiles.get(profile_id) if profile_id is not None else None
        self.token_edit.clear()
        if profile is None:
            self.fill(name="", base_url=EXAMPLE_URL, allow_invalid_certificates=False, remember=True)
            self.token_edit.setPlaceholderText("Paste the API token")
            return
        self.fill(
            name=profile.name,
            base_url=profile.base_url,
            allow_invalid_certificates=profile.allow_invalid_certificates,
            remember=profile.remember_token,
        )
        if self.mode is Mode.SIGN_IN_AGAIN:
            self.token_edit.setPlaceholderText("Paste the new API token")
        elif profile.remember_token and self._keyring_problem is None:
            self.token_edit.setPlaceholderText("Leave empty to use the saved token")
        else:
            self.token_edit.setPlaceholderText("Paste the API token")

    def _field_widget(self, field: Field | None) -> QWidget | None:
        return {
            "name": self.name_edit,
            "url": self.url_edit,
            "token": self.token_edit,
            "certificates": self.certificates_check,
        }.get(field or "")

    def _set_default(self, button: QPushButton) -> None:
        for candidate in (self.connect_button, self.sandbox_button):
            candidate.setDefault(candidate is button)
            candidate.setAutoDefault(candidate is button)

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)
