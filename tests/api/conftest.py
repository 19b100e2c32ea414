"""Fixtures of the client tests: the real app behind injected faults, and a recorded sleep."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.api import CueDeskClient
from tests.api.faults import FaultyTransport, Sleeps
from tests.helpers import BASE


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def faulty(server_app) -> FaultyTransport:
    return FaultyTransport(server_app)


@pytest.fixture
async def faulty_client(faulty, token, sleeps) -> AsyncIterator[CueDeskClient]:
    """The client in front of ``faulty``; backoff delays go to ``sleeps`` instead of waiting."""
    async with CueDeskClient(BASE, token=token, transport=faulty, sleep=sleeps) as api:
        yield api
