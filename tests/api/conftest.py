"""Fixtures of the client tests: the real app behind injected faults, a recorded sleep, a TLS server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import trustme

from app.api import CueDeskClient
from tests.api.faults import FaultyTransport, Sleeps
from tests.api.live import serve
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


# A real TLS server on loopback with a throwaway CA (trustme). On Linux the OS store that truststore
# uses is OpenSSL's default verify paths, which ``SSL_CERT_FILE``/``SSL_CERT_DIR`` point at.
@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_base_url(server_app, authority, tmp_path) -> Iterator[str]:
    cert = authority.issue_cert("127.0.0.1", "localhost")
    certfile, keyfile = tmp_path / "server.pem", tmp_path / "server.key"
    cert.cert_chain_pems[0].write_to_path(str(certfile))
    cert.private_key_pem.write_to_path(str(keyfile))
    with serve(server_app, certfile=str(certfile), keyfile=str(keyfile)) as base_url:
        yield base_url


@pytest.fixture
def os_trusts(authority, tmp_path, monkeypatch):
    """Make the operating system's store (OpenSSL's default paths on Linux) trust the throwaway CA."""
    ca_file, empty_dir = tmp_path / "os-ca.pem", tmp_path / "os-certs"
    authority.cert_pem.write_to_path(str(ca_file))
    empty_dir.mkdir()
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    monkeypatch.setenv("SSL_CERT_DIR", str(empty_dir))
