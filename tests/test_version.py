"""The version the app reports is the one the package is built and installed with."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parents[1]


def test_the_app_reports_the_version_of_pyproject_and_of_the_installed_package():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert app.__version__ == declared == version("cuedesk-contacts")
