"""Write ``app/ui/lists/emoji_catalog.py``: the emoji picker's catalogue, from the ``emoji`` package.

Run from the repo root after upgrading ``emoji`` (a dev dependency): ``uv run python tools/make_emoji_catalog.py``.
The output is committed, so the app ships about 80 kB of names instead of the package's 4.5 MB of data in eleven
languages; ``tests/ui/test_emoji_catalog.py`` fails when the two differ.

What is kept: every fully-qualified emoji (as Unicode's emoji-test lists them) with its CLDR English name and its
aliases, skin-tone variants left out (the picker's grid stays readable; they can still be typed or pasted).
"""

from __future__ import annotations

from pathlib import Path

import emoji

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "app" / "ui" / "lists" / "emoji_catalog.py"
SKIN_TONES = frozenset(chr(c) for c in range(0x1F3FB, 0x1F400))
SEPARATOR = "|"


def _words(short_name: str) -> str:
    return short_name.strip(":").replace("_", " ")


def catalog_lines() -> list[str]:
    """``char|name|aliases`` for every emoji offered, in the package's order."""
    qualified = emoji.STATUS["fully_qualified"]
    lines = []
    for char, data in emoji.EMOJI_DATA.items():
        if data["status"] != qualified or SKIN_TONES.intersection(char):
            continue
        aliases = " ".join(_words(alias).lower() for alias in data.get("alias", []))
        fields = (char, _words(data["en"]), aliases)
        assert not any(SEPARATOR in field for field in fields), fields
        lines.append(SEPARATOR.join(fields))
    return lines


def module_text() -> str:
    body = "\n".join(catalog_lines())
    return (
        '"""The emoji picker\'s catalogue: ``char|name|aliases``, one emoji a line (see ``emoji_picker.py``).\n'
        "\n"
        f"Generated from the emoji package {emoji.__version__} by tools/make_emoji_catalog.py: do not edit.\n"
        '"""\n'
        "\n"
        "# fmt: off\n"
        f'CATALOG = """\\\n{body}\n"""\n'
    )


if __name__ == "__main__":
    TARGET.write_text(module_text(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(catalog_lines())} emoji)")
