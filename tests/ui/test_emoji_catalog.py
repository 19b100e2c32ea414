"""The emoji picker's committed catalogue is what tools/make_emoji_catalog.py makes from the installed emoji package."""

from __future__ import annotations

import runpy
from pathlib import Path

from app.ui.lists import emoji_catalog
from app.ui.lists.emoji_picker import catalogue, search

GENERATOR = Path(__file__).resolve().parents[2] / "tools" / "make_emoji_catalog.py"


def test_the_committed_catalogue_is_up_to_date():
    generator = runpy.run_path(str(GENERATOR))  # not as __main__: it writes nothing
    committed = Path(emoji_catalog.__file__).read_text(encoding="utf-8")
    assert committed == generator["module_text"](), "run: uv run python tools/make_emoji_catalog.py"


def test_the_catalogue_has_every_emoji_by_name_and_alias_without_skin_tones():
    emojis = catalogue()
    assert len(emojis) > 1800 and len({e.char for e in emojis}) == len(emojis)
    assert emojis[0].char == "⭐"  # the suggestions for lists come first
    assert not any(0x1F3FB <= ord(c) <= 0x1F3FF for e in emojis for c in e.char)
    assert [e.char for e in search(emojis, "thumbs up")] == ["👍"]
    assert "👍" in [e.char for e in search(emojis, "+1")]  # an alias
    assert [e.name for e in search(emojis, "🦄")] == ["unicorn"]
