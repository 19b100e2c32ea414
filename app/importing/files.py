"""Files that are complete or not written at all: write to a temporary file beside the target, then
rename it over the target in one step."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


class AtomicTextFile:
    """A text file written under a temporary name and renamed to ``path`` by :meth:`commit`.

    :meth:`discard` (or any exception inside ``with``) removes the temporary file and leaves
    ``path`` as it was.
    """

    def __init__(self, path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> None:
        self.path = path
        self.temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
        self.file: TextIO = self.temporary.open("w", encoding=encoding, newline=newline)

    def commit(self) -> None:
        """Flush to disk and put the file in place."""
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.temporary, self.path)

    def discard(self) -> None:
        self.file.close()
        with contextlib.suppress(FileNotFoundError):
            self.temporary.unlink()


@contextlib.contextmanager
def atomic_text_file(path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> Iterator[TextIO]:
    """``with atomic_text_file(path) as file:`` writes ``path`` whole, or not at all."""
    target = AtomicTextFile(path, encoding=encoding, newline=newline)
    try:
        yield target.file
    except BaseException:
        target.discard()
        raise
    target.commit()
