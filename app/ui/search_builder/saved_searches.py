"""Saved searches: a name and a Search Contacts body, kept per workspace in the settings file.

Each workspace has its own (its settings key: a profile id, ``sandbox`` or ``environment``). They
are written at once on every change, and can be exported to and imported from a JSON file::

    {"format": "cuedesk-contacts/saved-searches", "version": 1,
     "searches": [{"name": "Big accounts", "request": {"advanced_search": [...]}}]}
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from PySide6.QtCore import QObject, Signal

from app.api import ValidationError
from app.schema import SearchRequest

from ..connect.settings import Settings

log = logging.getLogger(__name__)

EXPORT_FORMAT = "cuedesk-contacts/saved-searches"
EXPORT_VERSION = 1
MAX_NAME_LENGTH = 100


class SavedSearchProblem(ValueError):
    """A name that cannot be used, or a file that holds no saved searches; the message says why."""


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A named search."""

    name: str
    request: SearchRequest

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "request": self.request.to_wire()}

    @classmethod
    def from_json(cls, data: object, where: str = "") -> SavedSearch:
        """A saved search from its JSON form; ``SavedSearchProblem`` says what is wrong (at ``where``)."""
        prefix = f"{where}: " if where else ""
        if not isinstance(data, Mapping) or not isinstance(data.get("name"), str) or "request" not in data:
            raise SavedSearchProblem(f"{prefix}a saved search is an object with a “name” and a “request”.")
        name = check_name(data["name"], prefix)
        try:
            request = SearchRequest.model_validate(data["request"])
        except PydanticValidationError as exc:
            raise SavedSearchProblem(f"{prefix}“{name}”: {ValidationError.from_pydantic(exc)}") from None
        return cls(name, request)


def check_name(name: str, prefix: str = "") -> str:
    """The name without surrounding spaces; ``SavedSearchProblem`` if it is empty or too long."""
    name = name.strip()
    if not name:
        raise SavedSearchProblem(f"{prefix}a saved search needs a name.")
    if len(name) > MAX_NAME_LENGTH:
        raise SavedSearchProblem(f"{prefix}a name has at most {MAX_NAME_LENGTH} characters.")
    return name


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


class SavedSearchStore(QObject):
    """The saved searches of one workspace, by name (names are unique, ignoring case); ``changed`` after a change."""

    changed = Signal()

    def __init__(self, settings: Settings, workspace_key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._key = workspace_key
        self._searches: list[SavedSearch] = []
        for number, item in enumerate(settings.saved_searches(workspace_key)):
            try:
                self._add(SavedSearch.from_json(item))
            except SavedSearchProblem as exc:
                log.warning("Saved search %d of %s was skipped: %s", number + 1, workspace_key, exc)

    @property
    def searches(self) -> tuple[SavedSearch, ...]:
        """By name, ignoring case."""
        return tuple(sorted(self._searches, key=lambda s: (s.name.casefold(), s.name)))

    def find(self, name: str) -> SavedSearch | None:
        return next((s for s in self._searches if _same(s.name, name)), None)

    def save(self, search: SavedSearch) -> None:
        """Keep ``search``, replacing the one with the same name."""
        self._searches = [s for s in self._searches if not _same(s.name, search.name)]
        self._add(search)
        self._write()

    def rename(self, name: str, new_name: str) -> SavedSearch:
        new_name = check_name(new_name)
        current = self.find(name)
        if current is None:
            raise SavedSearchProblem(f"There is no saved search “{name}”.")
        taken = self.find(new_name)
        if taken is not None and taken is not current:
            raise SavedSearchProblem(f"A saved search is already called “{taken.name}”: choose another name.")
        renamed = SavedSearch(new_name, current.request)
        self._searches[self._searches.index(current)] = renamed
        self._write()
        return renamed

    def delete(self, name: str) -> None:
        self._searches = [s for s in self._searches if not _same(s.name, name)]
        self._write()

    def export_to(self, path: Path) -> int:
        """Write every saved search to ``path`` (replaced atomically); returns how many."""
        searches = self.searches
        text = json.dumps(
            {
                "format": EXPORT_FORMAT,
                "version": EXPORT_VERSION,
                "searches": [s.to_json() for s in searches],
            },
            indent=2,
            ensure_ascii=False,
        )
        _write_atomically(path, text)
        return len(searches)

    def import_from(self, path: Path) -> list[str]:
        """Add the searches of an export file; a name already used gets " (2)", " (3)"…

        All or nothing: a file with any problem imports nothing (``SavedSearchProblem`` says what).
        Returns the names the imported searches got.
        """
        imported = read_export(path)
        names = []
        for search in imported:
            name = self._free_name(search.name)
            self._add(SavedSearch(name, search.request))
            names.append(name)
        self._write()
        return names

    def _free_name(self, name: str) -> str:
        candidate, number = name, 1
        while self.find(candidate) is not None:
            number += 1
            suffix = f" ({number})"
            candidate = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
        return candidate

    def _add(self, search: SavedSearch) -> None:
        self._searches.append(search)

    def _write(self) -> None:
        self._settings.save_saved_searches(self._key, [s.to_json() for s in self._searches])
        self.changed.emit()


def read_export(path: Path) -> list[SavedSearch]:
    """The saved searches of an export file; ``SavedSearchProblem`` if it cannot be read or is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SavedSearchProblem(f"The file could not be read: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise SavedSearchProblem("The file is not text (UTF-8): it is not a saved searches export.") from None
    except json.JSONDecodeError as exc:
        raise SavedSearchProblem(
            f"The file is not JSON ({exc.msg}, line {exc.lineno}): it is not a saved searches export."
        ) from None
    if not isinstance(data, Mapping) or data.get("format") != EXPORT_FORMAT:
        raise SavedSearchProblem(
            "The file is not a saved searches export of CueDesk Contacts (its “format” is not "
            f"“{EXPORT_FORMAT}”)."
        )
    if data.get("version") != EXPORT_VERSION:
        raise SavedSearchProblem(
            f"The file was written by another version of CueDesk Contacts (format version {data.get('version')!r})."
        )
    items = data.get("searches")
    if not isinstance(items, list):
        raise SavedSearchProblem("The file has no “searches” list.")
    return [SavedSearch.from_json(item, f"Search {number}") for number, item in enumerate(items, 1)]


def _write_atomically(path: Path, text: str) -> None:
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".export-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
