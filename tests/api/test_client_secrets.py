"""The token never shows: not in repr(), not in logs, not anywhere in an exception or its chain."""

from __future__ import annotations

import logging
import socket
import traceback

import httpx
import pytest

from app.api import ApiConnectionError, ApiTimeoutError, CueDeskClient, CueDeskError, ServerError
from tests.api.faults import FaultyTransport, Sleeps, gateway_status, refuse_connection, timeout_after_server
from tests.helpers import BASE

pytestmark = pytest.mark.anyio


def everything_said_about(error: BaseException) -> str:
    """Every text an exception can show, down its whole chain, including requests it keeps."""
    texts = ["".join(traceback.format_exception(error))]
    seen: BaseException | None = error
    while seen is not None:
        texts += [str(seen), repr(seen), repr(seen.args), repr(vars(seen))]
        for holder in (getattr(seen, "response", None), getattr(seen, "_request", None)):
            request = holder.request if isinstance(holder, httpx.Response) else holder
            if isinstance(request, httpx.Request):
                texts += [str(dict(request.headers)), str(request.url)]
        seen = seen.__cause__ or seen.__context__
    return "\n".join(texts)


async def test_no_repr_shows_the_token(client, token):
    for thing in (client, client._http, client._http._client.auth, client.contacts, client.notes):
        assert token not in repr(thing)


async def test_exceptions_and_their_chains_never_hold_the_token(server_app, token, caplog):
    caplog.set_level(logging.DEBUG)
    faulty = FaultyTransport(server_app)
    faulty.inject(
        refuse_connection, refuse_connection, refuse_connection,  # connection error after retries
        timeout_after_server,  # a create: timeout, not retried
        *[gateway_status(503)] * 3,  # a read: server error after retries
    )  # fmt: skip
    errors: list[CueDeskError] = []
    async with CueDeskClient(BASE, token=token, transport=faulty, sleep=Sleeps()) as api:
        for call in (
            api.contacts.list,
            lambda: api.contacts.create(email="a@example.com"),
            api.contacts.list,
        ):
            with pytest.raises(CueDeskError) as caught:
                await call()
            errors.append(caught.value)
    assert [type(e) for e in errors] == [ApiConnectionError, ApiTimeoutError, ServerError]
    assert isinstance(errors[0].__cause__, httpx.ConnectError)  # the cause is kept, without the request
    for error in errors:
        assert token not in everything_said_about(error)
    assert "Retrying GET /contacts" in caplog.text  # the logs say what happened...
    assert token not in caplog.text  # ...but not with what


async def test_a_real_connection_failure_does_not_leak_the_token(token):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with CueDeskClient(f"http://127.0.0.1:{port}/v1", token=token, max_retries=0) as api:
        with pytest.raises(ApiConnectionError) as caught:
            await api.contacts.get("ff0556cf-fbad-4d55-94cd-119bac9df2da")
    assert token not in everything_said_about(caught.value)


async def test_a_refused_token_is_not_repeated_in_the_error(server_app):
    secret = "cdk_refused-secret-token-value"
    async with CueDeskClient(BASE, token=secret, transport=httpx.ASGITransport(app=server_app)) as api:
        with pytest.raises(CueDeskError) as caught:
            await api.contacts.list()
    assert secret not in everything_said_about(caught.value)


@pytest.mark.parametrize("pasted", ["{token}\n", " {token} ", "{token}\r\nX-Injected: 1"])
async def test_a_token_pasted_with_a_line_break_is_refused_without_quoting_it(token, pasted, caplog):
    """httpx (h11) would refuse such a header with a message and a DEBUG log quoting its value."""
    caplog.set_level(logging.DEBUG)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        base_url = f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
        async with CueDeskClient(base_url, token=pasted.format(token=token), sleep=Sleeps()) as api:
            with pytest.raises(ApiConnectionError) as caught:
                await api.contacts.list()
    assert "the token holds spaces, line breaks or other characters" in str(caught.value)
    assert token not in everything_said_about(caught.value)
    assert token not in caplog.text
    assert "Retrying" not in caplog.text  # sending it again cannot help
