"""SIGKILL the server in the middle of a bulk import, restart it on the same database: the imports
complete and no contact is created twice (tests/stress/crash.py; ``--kills 10`` for release)."""

from __future__ import annotations

import pytest

from tests.stress.crash import kill_mid_import

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def test_a_killed_import_resumes_without_duplicates(tmp_path):
    report = kill_mid_import(tmp_path, imports=2, kills=1)
    assert report.passed, report.summary() + "\n" + "\n".join(report.server_errors)
    assert report.contacts == 2000 and report.duplicates == 0
