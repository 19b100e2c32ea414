"""The detail pane's hint ("Select a contact…"), also shown in its place until the pane is built."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

HINT = "Select a contact to see its details."
DETAIL_MIN_WIDTH = 280


def hint_label(text: str = HINT) -> QLabel:
    """A centred, greyed, wrapping line of text."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setEnabled(False)
    label.setMinimumWidth(DETAIL_MIN_WIDTH)
    return label
