"""The combo boxes of a filter row and of the sort picker: field, data type, operator, direction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from app.schema import DataType, Operator, SortOrder

from .fields import (
    DATA_TYPE_DESCRIPTIONS,
    DATA_TYPE_LABELS,
    FieldCatalog,
    FieldInfo,
    operator_label,
    operators_for,
)

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_ORDER = "Default order (newest first)"


class FieldPicker(QComboBox):
    """Every field, grouped: "Contact fields", then "Custom fields" (by name, showing the key).

    A field the workspace does not have (deleted meanwhile, or named by a loaded search) is kept
    as the current entry under "Not in this workspace". ``with_default`` adds a first entry that
    stands for no field (the sort picker's default order).
    """

    def __init__(self, *, with_default: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._with_default = with_default
        self._fields: dict[str, FieldInfo] = {}
        self._catalog = FieldCatalog()
        self.setModel(QStandardItemModel(self))
        self.setPlaceholderText("Choose a field…")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.set_catalog(self._catalog)

    def set_catalog(self, catalog: FieldCatalog, current: FieldInfo | None = None) -> None:
        """Offer ``catalog``'s fields; ``current`` (or the current one) stays selected, as known or not."""
        current = current if current is not None else self.current_field()
        if current is not None:
            current = catalog.get(current.name) or (current if not current.known else _gone(current))
        self.blockSignals(True)
        model: QStandardItemModel = self.model()  # type: ignore[assignment]
        model.clear()
        self._catalog = catalog
        self._fields = catalog.by_name
        if self._with_default:
            model.appendRow(_entry(DEFAULT_ORDER, "", "The server's order: newest contacts first"))
        model.appendRow(_heading("Contact fields"))
        for info in catalog.predefined:
            model.appendRow(_entry(info.display, info.name, info.description))
        model.appendRow(_heading("Custom fields"))
        if not catalog.loaded:
            model.appendRow(_heading("Loading custom fields…", note=True))
        elif not catalog.custom:
            model.appendRow(_heading("This workspace has no custom fields", note=True))
        for info in catalog.custom:
            model.appendRow(_entry(info.display, info.name, info.description))
        if current is not None and not current.known:
            self._fields[current.name] = current
            model.appendRow(_heading("Not in this workspace"))
            model.appendRow(_entry(f"{current.name} (missing)", current.name, current.description))
        self._select(current)
        self.blockSignals(False)

    def current_field(self) -> FieldInfo | None:
        name = self.currentData(NAME_ROLE)
        return self._fields.get(name) if name else None

    def select(self, field: FieldInfo | None) -> None:
        """Make ``field`` current (one the catalog lacks is added as missing); ``None``: no field."""
        if field is not None and field.name not in self._fields:
            self.set_catalog(self._catalog, current=_gone(field))
        else:
            self._select(field)

    def _select(self, field: FieldInfo | None) -> None:
        name = "" if field is None else field.name
        index = self.findData(name, NAME_ROLE) if field is not None or self._with_default else -1
        self.setCurrentIndex(index)


def _gone(field: FieldInfo) -> FieldInfo:
    return FieldInfo(field.name, field.label, custom=field.custom, known=False)


def _entry(text: str, name: str, tooltip: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(name, NAME_ROLE)
    item.setToolTip(tooltip)
    item.setData(text, Qt.ItemDataRole.AccessibleTextRole)
    return item


def _heading(text: str, *, note: bool = False) -> QStandardItem:
    """A group title (or a note in the list): shown, never chosen."""
    item = QStandardItem(text)
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    font = QFont()
    font.setBold(not note)
    font.setItalic(note)
    item.setFont(font)
    return item


class DataTypePicker(QComboBox):
    """The five search data types (shown for custom fields only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for data_type, label in DATA_TYPE_LABELS.items():
            self.addItem(label, data_type)
            self.setItemData(self.count() - 1, DATA_TYPE_DESCRIPTIONS[data_type], Qt.ItemDataRole.ToolTipRole)
        self.setAccessibleName("Data type")
        self.setToolTip("How the field's values are compared (the filter's data_type)")

    def data_type(self) -> DataType:
        return DataType(self.currentData())

    def set_data_type(self, data_type: DataType) -> None:
        self.setCurrentIndex(self.findData(data_type))


class OperatorPicker(QComboBox):
    """The operators that make sense for a data type, and only those."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Operator")
        self.setPlaceholderText("Choose an operator…")

    def offer(self, data_type: DataType, current: Operator | None) -> None:
        """Offer ``data_type``'s operators; ``current`` stays if it is one of them, else the first one."""
        self.blockSignals(True)
        self.clear()
        offered = operators_for(data_type)
        for operator in offered:
            self.addItem(operator_label(operator, data_type), operator)
            self.setItemData(self.count() - 1, f"Operator {operator.value}", Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(offered.index(current) if current in offered else 0)
        self.blockSignals(False)

    def operator(self) -> Operator | None:
        data = self.currentData()
        return None if data is None else Operator(data)

    def offered(self) -> list[Operator]:
        return [Operator(self.itemData(i)) for i in range(self.count())]


class DirectionPicker(QComboBox):
    """Ascending or descending."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("ascending", SortOrder.ASC)
        self.addItem("descending", SortOrder.DESC)
        self.setAccessibleName("Sort direction")

    def order(self) -> SortOrder:
        return SortOrder(self.currentData())

    def set_order(self, order: SortOrder) -> None:
        self.setCurrentIndex(self.findData(order))
