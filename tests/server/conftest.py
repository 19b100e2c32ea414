"""Fixtures of the server tests: a module-wide database and app for read-only datasets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.server.app import create_app
from app.server.auth import create_token
from app.server.db import Database


@pytest.fixture(scope="module")
def module_server(template_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """(app, database, token) shared by the tests of one module: for datasets the tests only read."""
    path = tmp_path_factory.mktemp("module") / "contacts.db"
    shutil.copyfile(template_db, path)
    database = Database(path)
    with database.write() as session, session.begin():
        token = create_token(session)
    yield create_app(database, migrate=False), database, token
    database.dispose()
