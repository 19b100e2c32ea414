"""The key the server will give a new custom field, shown as a preview while the name is typed.

The rule is the one docs/decisions.md documents ("Custom field definitions", Keys): accents dropped,
lower case, every run of other characters → ``_``, at most 90 characters, starting with a letter
(``field_`` is put in front otherwise); then ``_2``, ``_3``… while the key is taken in the workspace
or is one of the twelve predefined field names. The tests compare this preview with the key the
server actually generates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from app.schema import RESERVED_FIELD_KEYS

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,99}$")
STEM_MAX = 90


def generated_key(name: str, taken: Collection[str]) -> str:
    """The key the server generates for a field called ``name`` (``field`` when the name has no letter or digit)."""
    ascii_name = unicodedata.normalize("NFKD", name.strip()).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:STEM_MAX].strip("_")
    if not stem[:1].isalpha():
        stem = f"field_{stem}".rstrip("_")
    unavailable = {*taken, *RESERVED_FIELD_KEYS}
    candidate, n = stem, 2
    while candidate in unavailable:
        candidate, n = f"{stem}_{n}", n + 1
    return candidate


def key_problem(key: str, taken: Collection[str]) -> str | None:
    """Why an explicit key cannot be used, or ``None``."""
    if not KEY_PATTERN.match(key):
        return "A key starts with a lower-case letter, then lower-case letters, digits or _ (at most 100)."
    if key in RESERVED_FIELD_KEYS:
        return f"“{key}” is a predefined contact field; choose another key."
    if key in taken:
        return f"Another custom field has the key “{key}”."
    return None
