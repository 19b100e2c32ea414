"""``fetch_page``: the first page a desktop app asks for with the standard library while it loads.

Against the real server on a loopback socket (plain and TLS): the same page the client gets, and
``None`` (never an exception) for anything the client would have to explain.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from app.api import CueDeskClient
from app.api.first_page import fetch_page
from app.schema import ContactsPage
from tests.api.live import ForwardProxy, serve

pytestmark = pytest.mark.anyio
QUERY = {"limit": 2, "offset": 1, "order_field": "first_name", "order": "asc"}


@pytest.fixture
def live_base_url(server_app) -> Iterator[str]:
    with serve(server_app) as base_url:
        yield base_url


async def test_it_answers_the_page_the_client_gets(live_base_url, token):
    async with CueDeskClient(live_base_url, token=token) as api:
        for name in ("Cleo", "Ada", "Bob", "Dan"):
            await api.contacts.create(first_name=name, email=f"{name.lower()}@example.com")
        expected = await api.contacts.list(**QUERY)

    body = fetch_page(live_base_url, token, "contacts", QUERY)

    assert body is not None
    page = ContactsPage.model_validate_json(body)
    assert [c.first_name for c in page.contacts] == ["Bob", "Cleo"] == [c.first_name for c in expected]
    assert page.pagination.total == expected.total == 4


async def test_a_refused_token_or_a_server_that_is_not_there_is_no_page(live_base_url, token):
    assert fetch_page(live_base_url, token + "x", "contacts", QUERY) is None
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert fetch_page(f"http://127.0.0.1:{port}/v1", token, "contacts", QUERY, timeout=2) is None


async def test_a_token_that_cannot_be_sent_is_no_page(live_base_url):
    assert fetch_page(live_base_url, "bad\r\nInjected: header", "contacts", QUERY) is None


async def test_certificates_are_checked_as_the_client_checks_them(tls_base_url, token):
    assert fetch_page(tls_base_url, token, "contacts", QUERY) is None  # not trusted by the OS
    allowed = fetch_page(tls_base_url, token, "contacts", QUERY, allow_invalid_certificates=True)
    assert allowed is not None and ContactsPage.model_validate_json(allowed).pagination.total == 0


async def test_a_certificate_the_os_trusts_is_accepted(tls_base_url, token, os_trusts):
    assert fetch_page(tls_base_url, token, "contacts", QUERY) is not None


async def test_nothing_goes_through_a_proxy_and_this_machine_needs_none(server_app, token, monkeypatch):
    proxy = ForwardProxy(server_app)
    with serve(proxy) as proxy_base:
        monkeypatch.setenv("HTTP_PROXY", proxy_base.removesuffix("/v1"))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        # The client would reach cuedesk.invalid through the proxy: no early page, and no token sent to it.
        assert fetch_page("http://cuedesk.invalid/v1", token, "contacts", QUERY) is None
        # This machine is reached directly, as the client reaches it.
        assert fetch_page(proxy_base, token, "contacts", QUERY) is not None
    assert proxy.proxied_hosts == []
