"""The workspace's custom field definitions, as the app last loaded them (shared by every screen)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from app.api import CueDeskClient
from app.schema import CustomField


class CustomFieldDefinitions(QObject):
    """Every definition of the workspace (all pages); ``changed`` after each load.

    ``loaded`` is false until the first load: screens then know the field only by its key.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._definitions: tuple[CustomField, ...] | None = None

    @property
    def loaded(self) -> bool:
        return self._definitions is not None

    @property
    def all(self) -> tuple[CustomField, ...]:
        return self._definitions or ()

    def by_key(self, field_key: str) -> CustomField | None:
        return next((d for d in self.all if d.field_key == field_key), None)

    def set_definitions(self, definitions: Iterable[CustomField]) -> None:
        self._definitions = tuple(definitions)
        self.changed.emit()

    @staticmethod
    async def fetch(client: CueDeskClient) -> list[CustomField]:
        """Every definition of the client's workspace, page after page."""
        return await client.custom_fields.list(limit=100).all()
