"""Schemathesis against the server's OpenAPI document, every check on, over a real loopback socket.

A bounded run (a few examples per operation and a fixed seed, so it is the same run every time)
against a new server process; the release run is ``uv run python -m tests.stress.fuzz --examples 500``
(docs/reliability.md).
"""

from __future__ import annotations

import pytest

from tests.stress.fuzz import fuzz

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

SUITE_EXAMPLES = 3
SUITE_SEED = 20261128


def test_schemathesis_finds_no_failure(server_app, tmp_path):
    operations = sum(len(methods) for methods in server_app.openapi()["paths"].values())
    result = fuzz(tmp_path, examples=SUITE_EXAMPLES, seed=SUITE_SEED)
    assert result.passed, result.output[-8000:] + "\n".join(result.server_errors)
    assert result.operations == operations
    assert result.cases > 1000  # the coverage phase alone sends well over a thousand
