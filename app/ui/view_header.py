"""The row above the table: what the table shows, the "include archived" switch, and scope notices."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class ViewHeader(QWidget):
    """Title of the current view, ``includeArchivedToggled(bool)``, and a notice line when needed."""

    includeArchivedToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("viewTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.include_archived = QCheckBox("Include &archived contacts")
        self.include_archived.setObjectName("includeArchived")
        self.include_archived.setToolTip(
            "Show the list's archived members too (shown dimmed; this view cannot be sorted)"
        )
        self.include_archived.toggled.connect(self.includeArchivedToggled)
        self.include_archived.hide()

        self.notice = QLabel()
        self.notice.setObjectName("scopeNotice")
        self.notice.setWordWrap(True)
        self.notice_frame = QFrame()
        self.notice_frame.setObjectName("scopeNoticeFrame")
        self.notice_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice_frame.setAutoFillBackground(True)
        self.notice_frame.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.notice.setForegroundRole(QPalette.ColorRole.ToolTipText)
        notice_layout = QHBoxLayout(self.notice_frame)
        notice_layout.setContentsMargins(8, 4, 8, 4)
        notice_layout.addWidget(self.notice)
        self.notice_frame.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title, 1)
        row.addWidget(self.include_archived)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 4)
        layout.addLayout(row)
        layout.addWidget(self.notice_frame)

    def set_title(self, text: str) -> None:
        self.title.setText(text)
        self.title.setAccessibleName(f"Showing {text}")

    def set_include_archived(self, *, visible: bool, checked: bool) -> None:
        """Show the switch (lists only) in the given state, without emitting a toggle."""
        self.include_archived.blockSignals(True)
        self.include_archived.setChecked(checked)
        self.include_archived.blockSignals(False)
        self.include_archived.setVisible(visible)

    def set_notice(self, text: str) -> None:
        """A plain sentence about what the table shows (empty: none)."""
        self.notice.setText(text)
        self.notice_frame.setVisible(bool(text))
