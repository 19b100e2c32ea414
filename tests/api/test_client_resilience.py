"""Retries, backoff, Retry-After and timeouts, with faults injected in front of the real server app.

No real sleeps: the client's ``sleep`` is recorded (``sleeps``).
"""

from __future__ import annotations

import email.utils
import time

import pytest

from app.api import (
    ApiConnectionError,
    ApiResponseError,
    ApiTimeoutError,
    CueDeskClient,
    RateLimitError,
    RetryPolicy,
    ServerError,
)
from tests.api.faults import (
    FaultyTransport,
    connect_timeout,
    cut_short,
    gateway_status,
    html_status,
    malformed_json,
    refuse_connection,
    timeout_after_server,
    wrong_shape,
)
from tests.helpers import BASE

pytestmark = pytest.mark.anyio


async def count_contacts(client) -> int:
    return (await client.contacts.list(limit=1)).total


async def test_a_read_is_retried_after_refused_connections_with_growing_jittered_backoff(
    faulty_client, faulty, sleeps
):
    await faulty_client.contacts.create(email="a@example.com")
    faulty.inject(refuse_connection, refuse_connection)
    page = await faulty_client.contacts.list()
    assert [c.email for c in page] == ["a@example.com"]
    assert len(faulty.attempts) == 1 + 3
    first, second = sleeps
    assert 0.25 <= first <= 0.5 and 0.5 <= second <= 1.0


async def test_a_create_is_retried_when_the_connection_was_never_made(faulty_client, faulty, sleeps):
    faulty.inject(refuse_connection, connect_timeout)
    created = await faulty_client.contacts.create(email="once@example.com")
    assert created.email == "once@example.com"
    assert len(sleeps) == 2
    assert await count_contacts(faulty_client) == 1


async def test_a_client_that_does_not_retry_refused_connections_still_retries_everything_else(
    server_app, token, sleeps
):
    faulty = FaultyTransport(server_app)
    policy = RetryPolicy(retry_refused=False)
    async with CueDeskClient(BASE, token=token, transport=faulty, retry=policy, sleep=sleeps) as api:
        faulty.inject(connect_timeout, gateway_status(503))
        assert (await api.contacts.list()).total == 0
        faulty.inject(gateway_status(429, retry_after="1"), None, timeout_after_server)
        await api.contacts.update((await api.contacts.create(email="b@example.com")).uuid, first_name="Bo")
        assert len(sleeps) == 4
        faulty.inject(refuse_connection)
        with pytest.raises(ApiConnectionError):
            await api.contacts.list()
        assert len(sleeps) == 4 and faulty.attempts[-1] == ("GET", "/v1/contacts")
        assert (await api.contacts.list()).items[0].first_name == "Bo"


async def test_a_create_is_never_sent_twice_after_a_read_timeout(faulty_client, faulty, sleeps):
    faulty.inject(timeout_after_server)
    with pytest.raises(ApiTimeoutError) as caught:
        await faulty_client.contacts.create(email="maybe@example.com")
    assert "did not answer in time" in str(caught.value)
    assert sleeps == [] and faulty.reached_app == 1
    # The server did create it: a blind retry would have made a twin.
    assert await count_contacts(faulty_client) == 1


async def test_a_create_whose_answer_was_cut_short_is_not_sent_again(faulty_client, faulty, sleeps):
    faulty.inject(cut_short)
    with pytest.raises(ApiConnectionError) as caught:
        await faulty_client.contacts.create(email="cut@example.com")
    assert "broke before the answer was complete" in str(caught.value)
    assert sleeps == []
    assert await count_contacts(faulty_client) == 1


async def test_an_update_is_retried_after_a_read_timeout(faulty_client, faulty, sleeps):
    contact = await faulty_client.contacts.create(email="u@example.com")
    faulty.inject(timeout_after_server)
    updated = await faulty_client.contacts.update(contact.uuid, first_name="Ada")
    assert updated.first_name == "Ada"
    assert len(sleeps) == 1 and faulty.attempts[-2:] == [("PATCH", f"/v1/contacts/{contact.uuid}")] * 2


async def test_a_read_whose_answer_was_cut_short_is_retried(faulty_client, faulty, sleeps):
    contact = await faulty_client.contacts.create(email="r@example.com")
    faulty.inject(cut_short)
    assert (await faulty_client.contacts.get(contact.uuid)).email == "r@example.com"
    assert len(sleeps) == 1


async def test_server_errors_on_a_read_are_retried_then_reported_with_the_envelope_message(
    faulty_client, faulty, sleeps
):
    faulty.inject(*[gateway_status(503, details="The service is down for maintenance.")] * 3)
    with pytest.raises(ServerError) as caught:
        await faulty_client.contacts.list()
    assert str(caught.value) == "The service is down for maintenance."
    assert caught.value.status_code == 503
    assert len(faulty.attempts) == 3 and len(sleeps) == 2


async def test_a_server_error_on_a_create_is_not_retried(faulty_client, faulty, sleeps):
    faulty.inject(gateway_status(500, details="An unexpected error occurred."))
    with pytest.raises(ServerError):
        await faulty_client.contacts.create(email="x@example.com")
    assert sleeps == [] and len(faulty.attempts) == 1


async def test_retry_after_in_seconds_is_honoured_even_for_a_create(faulty_client, faulty, sleeps):
    faulty.inject(gateway_status(429, retry_after="3", details="Slow down."))
    created = await faulty_client.contacts.create(email="rl@example.com")
    assert created.email == "rl@example.com"
    assert sleeps == [3.0]


async def test_retry_after_as_an_http_date_is_honoured(faulty_client, faulty, sleeps):
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    faulty.inject(gateway_status(503, retry_after=when))
    await faulty_client.contacts.list()
    [delay] = sleeps
    assert 17 <= delay <= 20


async def test_a_long_retry_after_is_not_waited_for_but_reported(faulty_client, faulty, sleeps):
    faulty.inject(gateway_status(429, retry_after="120", details="Too many requests for this token."))
    with pytest.raises(RateLimitError) as caught:
        await faulty_client.contacts.list()
    assert caught.value.retry_after == 120
    assert str(caught.value) == "Too many requests for this token. Try again in 2 minutes."
    assert sleeps == []


async def test_persistent_timeouts_end_in_a_timeout_error(faulty_client, faulty, sleeps):
    faulty.inject(timeout_after_server, timeout_after_server, timeout_after_server)
    with pytest.raises(ApiTimeoutError):
        await faulty_client.contacts.list()
    assert len(faulty.attempts) == 3 and len(sleeps) == 2


async def test_an_answer_that_is_not_json_is_a_response_error_not_retried(faulty_client, faulty, sleeps):
    faulty.inject(malformed_json)
    with pytest.raises(ApiResponseError) as caught:
        await faulty_client.contacts.list()
    assert "not valid JSON" in str(caught.value)
    assert sleeps == []


async def test_an_answer_of_the_wrong_shape_is_a_response_error(faulty_client, faulty):
    faulty.inject(wrong_shape)
    with pytest.raises(ApiResponseError) as caught:
        await faulty_client.contacts.list()
    assert "expected shape" in str(caught.value)


async def test_a_proxy_error_page_is_a_server_error_with_a_readable_message(faulty_client, faulty):
    faulty.inject(*[html_status(502)] * 3)
    with pytest.raises(ServerError) as caught:
        await faulty_client.contacts.list()
    assert caught.value.status_code == 502
    assert str(caught.value) == "The server failed (502). Try again later."


def test_backoff_doubles_up_to_its_cap_and_jitters_within_half_of_it():
    policy = RetryPolicy(initial_delay=0.5, max_delay=4.0)
    highest = [policy.delay(n, None, rand=lambda: 1.0) for n in range(6)]
    lowest = [policy.delay(n, None, rand=lambda: 0.0) for n in range(6)]
    assert highest == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert lowest == [d / 2 for d in highest]
    assert policy.delay(0, 7.0) == 7.0
