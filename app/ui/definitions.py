"""The workspace's custom field definitions, as the app last loaded them (shared by every screen).

``AppSession.definitions`` is the single source: the contacts table's columns, the detail pane's
Custom fields tab, the search builder's field picker and the Custom fields screen all follow its
``changed`` signal. Whoever changes a definition calls ``reload()``, and every screen follows.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from app.api import CueDeskClient
from app.schema import CustomField

from .connection import Connection
from .operations import EXPECTED_ERRORS, Operations


class CustomFieldDefinitions(QObject):
    """Every definition of the workspace (all pages); ``changed`` after each load.

    ``loaded`` is false until the first load: screens then know the field only by its key.
    ``reload()`` needs ``bind(connection, operations)`` first; a newer load cancels an older one,
    and a failed load is also announced on ``failed(message)`` (e.g. for a tab's Retry).
    """

    changed = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._definitions: tuple[CustomField, ...] | None = None
        self._connection: Connection | None = None
        self._operations: Operations | None = None
        self._load: asyncio.Task[None] | None = None

    @property
    def loaded(self) -> bool:
        return self._definitions is not None

    @property
    def loading(self) -> bool:
        return self._load is not None and not self._load.done()

    @property
    def all(self) -> tuple[CustomField, ...]:
        return self._definitions or ()

    def by_key(self, field_key: str) -> CustomField | None:
        return next((d for d in self.all if d.field_key == field_key), None)

    def set_definitions(self, definitions: Iterable[CustomField]) -> None:
        self._definitions = tuple(definitions)
        self.changed.emit()

    def bind(self, connection: Connection, operations: Operations) -> None:
        """Where ``reload()`` loads from, and how it runs."""
        self._connection, self._operations = connection, operations

    def reload(self) -> None:
        """Load every definition again (after a change, or F5); ``changed`` follows."""
        if self._connection is None or self._operations is None:
            raise RuntimeError("CustomFieldDefinitions.reload() before bind()")
        if self._load is not None:
            self._load.cancel()
        connection = self._connection

        async def load() -> list[CustomField]:
            try:
                return await connection.call(self.fetch)
            except EXPECTED_ERRORS as exc:  # also a 401: Operations then asks for a new token and retries
                self.failed.emit(str(exc))
                raise

        self._load = self._operations.run(
            load, description="Loading custom fields", on_success=self.set_definitions
        )

    @staticmethod
    async def fetch(client: CueDeskClient) -> list[CustomField]:
        """Every definition of the client's workspace, page after page."""
        return await client.custom_fields.list(limit=100).all()
