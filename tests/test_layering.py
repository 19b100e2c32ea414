"""The architecture's import rules (pyproject.toml [tool.importlinter]) hold."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is part of the dev dependencies"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower() or " 0 broken" in result.stdout.lower()


def test_the_contracts_cover_every_rule():
    text = (ROOT / "pyproject.toml").read_text()
    for rule in (
        'source_modules = ["app.api", "app.server", "app.schema"]',
        'modules = ["app.api", "app.server"]',
        'source_modules = ["app.ui"]',
    ):
        assert rule in text
