"""Twenty concurrent clients and a running bulk import against a real server process: nothing fails,
nothing is lost (tests/stress/concurrency.py; its 60-second run is the release version)."""

from __future__ import annotations

import pytest

from tests.stress.concurrency import run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def test_twenty_clients_during_a_bulk_import_lose_nothing(tmp_path):
    report = run(tmp_path, seconds=5, clients=20)
    assert report.problems == [], report.summary()
    for kind in ("create", "update", "add to list", "remove from list", "read", "bulk import"):
        assert report.operations.get(kind, 0) > 0, report.summary()
    assert report.imported_rows >= 1000
