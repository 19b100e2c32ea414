"""The app's log file: what it keeps, masked, and rotated by size."""

from __future__ import annotations

import logging

from app.ui import diagnostics
from app.ui.diagnostics import Diagnostics


def test_the_log_file_keeps_info_masks_tokens_and_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(diagnostics, "LOG_BYTES", 2_000)
    found = Diagnostics(tmp_path)
    found.install()
    try:
        assert not found.log_file.exists()  # opened with its first record, not at start
        logging.getLogger("app.ui.test").info("Opened with Authorization: Bearer abc.def-123")
        logging.getLogger("httpx").info("HTTP Request: GET /v1/contacts")  # not kept: one per request
        text = found.log_file.read_text(encoding="utf-8")
        assert "Opened with Authorization: Bearer [redacted]" in text and "abc.def-123" not in text
        assert "HTTP Request" not in text
        for n in range(100):
            logging.getLogger("app.ui.test").warning("line %d %s", n, "x" * 80)
    finally:
        found.uninstall()
    files = sorted(path.name for path in found.log_dir.iterdir())
    assert files == [
        "cuedesk-contacts.log",
        "cuedesk-contacts.log.1",
        "cuedesk-contacts.log.2",
        "cuedesk-contacts.log.3",
    ]
    assert all(path.stat().st_size <= 2_000 for path in found.log_dir.iterdir())
    assert "line 99" in found.log_file.read_text(encoding="utf-8")
