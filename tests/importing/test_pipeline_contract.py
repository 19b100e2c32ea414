"""The pipeline stays free of Qt and of the server: an import-linter contract says so (and
``tests/test_layering.py`` runs import-linter)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_contract_keeps_qt_and_the_server_out_of_the_pipeline():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    [contract] = [c for c in contracts if c.get("source_modules") == ["app.importing"]]
    assert contract["type"] == "forbidden"
    assert {"PySide6", "qasync", "app.ui", "app.server"} <= set(contract["forbidden_modules"])
