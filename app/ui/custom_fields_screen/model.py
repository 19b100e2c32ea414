"""The table of definitions on the Custom fields screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.schema import FIELD_TYPE_DESCRIPTIONS, OPTION_TYPES, CustomField

from ..formatting import CHECK

AnyIndex = QModelIndex | QPersistentModelIndex
DEFINITION_ROLE = Qt.ItemDataRole.UserRole + 1


def _options(definition: CustomField) -> str:
    if definition.field_type not in OPTION_TYPES:
        return ""
    active = len(definition.active_options)
    archived = len(definition.select_options or ()) - active
    return f"{active} (+{archived} archived)" if archived else str(active)


COLUMNS: tuple[tuple[str, int, Callable[[CustomField], str]], ...] = (
    ("Name", 200, lambda d: d.name),
    ("Key", 160, lambda d: d.field_key),
    ("Type", 250, lambda d: f"{FIELD_TYPE_DESCRIPTIONS[d.field_type]} ({d.field_type.value})"),
    ("Editable", 70, lambda d: CHECK if d.editable else ""),
    ("Sensitive", 70, lambda d: CHECK if d.sensitive else ""),
    ("Icon", 80, lambda d: d.icon or ""),
    ("Status", 70, lambda d: d.status),
    ("Options", 110, _options),
)
CENTERED = {"Editable", "Sensitive"}


class DefinitionsModel(QAbstractTableModel):
    """One row per definition, in the server's order (the order they were created)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._definitions: list[CustomField] = []

    @property
    def definitions(self) -> list[CustomField]:
        return list(self._definitions)

    def set_definitions(self, definitions: Sequence[CustomField]) -> None:
        self.beginResetModel()
        self._definitions = list(definitions)
        self.endResetModel()

    def definition_at(self, row: int) -> CustomField | None:
        return self._definitions[row] if 0 <= row < len(self._definitions) else None

    def row_of(self, field_key: str) -> int:
        return next((r for r, d in enumerate(self._definitions) if d.field_key == field_key), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._definitions)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        definition = self._definitions[index.row()]
        title, _width, text = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(definition)
        if role == Qt.ItemDataRole.TextAlignmentRole and title in CENTERED:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole and title == "Options" and definition.select_options:
            return "\n".join(
                f"{o.display_label} (archived)" if o.archived else o.display_label
                for o in definition.select_options
            )
        if role == DEFINITION_ROLE:
            return definition
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None
