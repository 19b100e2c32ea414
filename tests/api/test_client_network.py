"""The client over real loopback sockets: refused connections, timeouts, cancellation, the pool."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest

from app.api import ApiConnectionError, ApiTimeoutError, CueDeskClient, RetryPolicy, never_applied
from tests.api.live import Gate, serve

pytestmark = pytest.mark.anyio


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_a_refused_connection_is_retried_then_reported_naming_the_server(token, sleeps):
    port = closed_port()
    async with CueDeskClient(f"http://127.0.0.1:{port}/v1", token=token, sleep=sleeps) as api:
        with pytest.raises(ApiConnectionError) as caught:
            await api.contacts.create(email="a@example.com")
    assert str(caught.value) == (
        f"Could not connect to 127.0.0.1:{port}. Check the address and your network connection."
    )
    assert len(sleeps) == 2


async def test_a_client_told_not_to_retry_refused_connections_reports_one_at_once(token, sleeps):
    port = closed_port()
    policy = RetryPolicy(retry_refused=False)
    async with CueDeskClient(f"http://127.0.0.1:{port}/v1", token=token, retry=policy, sleep=sleeps) as api:
        with pytest.raises(ApiConnectionError) as caught:
            await api.contacts.create(email="a@example.com")
    assert str(caught.value) == (
        f"Could not connect to 127.0.0.1:{port}. Check the address and your network connection."
    )
    assert sleeps == []
    assert never_applied(caught.value), "never sent: even a create may be sent again"


async def test_a_server_that_does_not_answer_in_time_is_a_timeout_error(server_app, token, sleeps):
    gate = Gate(server_app)
    gate.opened.clear()
    with serve(gate) as base_url:
        async with CueDeskClient(base_url, token=token, timeout=0.2, max_retries=1, sleep=sleeps) as api:
            with pytest.raises(ApiTimeoutError):
                await api.contacts.list()
        gate.opened.set()
    assert len(sleeps) == 1


async def test_cancelled_requests_free_their_connections_and_concurrency_stays_bounded(server_app, token):
    gate = Gate(server_app)
    with serve(gate) as base_url:
        timeout = httpx.Timeout(10.0, pool=2.0)
        async with CueDeskClient(base_url, token=token, max_concurrency=2, timeout=timeout) as api:
            await api.contacts.create(email="a@example.com")  # opens a connection before the gate closes
            gate.opened.clear()
            tasks = [asyncio.create_task(api.contacts.list()) for _ in range(30)]
            while gate.inside < 2:
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.05)
            assert gate.inside == 2  # the other 28 wait in the client, not in the pool
            for task in tasks:
                task.cancel()
            results = await asyncio.gather(*tasks, return_exceptions=True)
            assert all(isinstance(r, asyncio.CancelledError) for r in results)
            gate.opened.set()
            pages = await asyncio.wait_for(asyncio.gather(*(api.contacts.list() for _ in range(10))), 5)
        assert [p.total for p in pages] == [1] * 10


async def test_an_address_that_is_not_http_is_reported_at_once(token, sleeps):
    async with CueDeskClient("ftp://files.example.com/v1", token=token, sleep=sleeps) as api:
        with pytest.raises(ApiConnectionError) as caught:
            await api.contacts.list()
    assert str(caught.value) == "ftp://files.example.com/v1 is not an http:// or https:// address."
    assert sleeps == []
