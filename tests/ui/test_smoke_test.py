"""``cuedesk-contacts --smoke-test`` from the source checkout: what installers run to check a build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def smoke(sandbox_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CUEDESK_SANDBOX_DIR": str(sandbox_dir)}
    return subprocess.run(
        [sys.executable, "-m", "app.main", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_smoke_test_opens_the_sandbox_and_reports_the_first_rows(tmp_path: Path):
    result = smoke(tmp_path / "sandbox")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert line.startswith("smoke test passed:") and "contacts on Sandbox, first row" in line


def test_smoke_test_fails_with_a_reason_when_the_sandbox_cannot_start(tmp_path: Path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the sandbox folder should be")
    result = smoke(blocked)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "smoke test failed:" in result.stderr
