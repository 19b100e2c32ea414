"""Network trust (decisions.md): the OS certificate store, proxy variables, invalid certificates refused.

A real TLS server on loopback with a throwaway CA (trustme; fixtures in conftest.py).
"""

from __future__ import annotations

import ssl

import pytest

from app.api import CertificateError, CueDeskClient
from app.api.network import ssl_verify
from tests.api.live import ForwardProxy, serve

pytestmark = pytest.mark.anyio


async def test_a_certificate_the_os_does_not_trust_is_refused_without_retrying(tls_base_url, token, sleeps):
    async with CueDeskClient(tls_base_url, token=token, sleep=sleeps) as api:
        with pytest.raises(CertificateError) as caught:
            await api.contacts.list()
    assert "is not trusted" in str(caught.value) and "allow invalid certificates" in str(caught.value)
    assert sleeps == []


async def test_a_certificate_the_os_trusts_is_accepted(tls_base_url, token, os_trusts):
    async with CueDeskClient(tls_base_url, token=token) as api:
        created = await api.contacts.create(email="tls@example.com")
        assert (await api.contacts.get(created.uuid)).email == "tls@example.com"


async def test_an_untrusted_certificate_is_accepted_only_when_explicitly_allowed(tls_base_url, token):
    async with CueDeskClient(tls_base_url, token=token, allow_invalid_certificates=True) as api:
        assert (await api.contacts.list()).total == 0


async def test_the_proxy_environment_variables_are_honoured(server_app, token, monkeypatch):
    proxy = ForwardProxy(server_app)
    with serve(proxy) as proxy_base:
        monkeypatch.setenv("HTTP_PROXY", proxy_base.removesuffix("/v1"))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        # .invalid never resolves: only the proxy can answer for it.
        async with CueDeskClient("http://cuedesk.invalid/v1", token=token) as api:
            assert (await api.contacts.list()).total == 0
    assert proxy.proxied_hosts == ["cuedesk.invalid"]


async def test_a_server_on_this_machine_is_reached_directly_whatever_the_proxy_says(
    server_app, token, monkeypatch
):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with serve(server_app) as base_url:
        async with CueDeskClient(base_url, token=token) as api:
            assert (await api.contacts.list()).total == 0


def test_a_plain_http_client_loads_no_certificate_authority():
    """TLS is never used for http:// (the sandbox, loopback): no trust store is loaded at start, and
    the context given to httpx trusts nothing, so any https it might meet fails closed."""
    context = ssl_verify("http://127.0.0.1:8000/v1", allow_invalid_certificates=False)
    assert context.cert_store_stats()["x509_ca"] == 0
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
