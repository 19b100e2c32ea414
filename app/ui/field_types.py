"""What a custom field's type means to the app: how it is searched and sorted, and how it is shown."""

from __future__ import annotations

from app.schema import DataType, FieldType

#: The search ``data_type`` a custom field's type implies (decisions.md: the app adds it to filters and sorts).
SEARCH_DATA_TYPES: dict[FieldType, DataType] = {
    FieldType.INTEGER: DataType.LONG,
    FieldType.DECIMAL: DataType.DOUBLE,
    FieldType.PERCENTAGE: DataType.DOUBLE,
    FieldType.DATE: DataType.DATE,
    FieldType.DATE_TIME: DataType.DATE,
    FieldType.CHECKBOX: DataType.BOOLEAN,
}

NUMBER_TYPES = frozenset({FieldType.INTEGER, FieldType.DECIMAL, FieldType.PERCENTAGE})
DATE_TYPES = frozenset({FieldType.DATE, FieldType.DATE_TIME})

#: Preset table column widths (pixels) by type; text-like types not listed get ``DEFAULT_WIDTH``.
COLUMN_WIDTHS: dict[FieldType, int] = {
    FieldType.INTEGER: 80,
    FieldType.DECIMAL: 100,
    FieldType.PERCENTAGE: 80,
    FieldType.CHECKBOX: 80,
    FieldType.DATE: 100,
    FieldType.DATE_TIME: 130,
    FieldType.TIME: 80,
    FieldType.RELATIVE_DATE: 90,
    FieldType.MULTISELECT: 180,
    FieldType.USER: 160,
}
DEFAULT_WIDTH = 130


def search_data_type(field_type: FieldType) -> DataType:
    """``number:integer`` → ``long``; decimals and percentages → ``double``; dates → ``date``; … else ``text``."""
    return SEARCH_DATA_TYPES.get(field_type, DataType.TEXT)
