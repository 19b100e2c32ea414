"""One page of a list endpoint, fetched with the standard library while an app still loads.

The client needs httpx, pydantic and the wire models: about half a second of CPU to import on a
modest machine. A desktop app that wants its first rows sooner can send the one GET its client
would send first, with this function, on a thread started before those imports, and read the body
with the wire models once they are loaded (docs/performance.md, startup (b)). It takes the server
the client's way (``network.py``: the same certificate check, the same headers, no proxy for this
machine), but it is deliberately plain: one attempt, no redirects, no retries, and no request
through a proxy (a proxy in the environment means no early page). Any failure or status other
than 200 returns ``None``: the caller then asks through the client, which says what went wrong.
"""

from __future__ import annotations

import http.client
import logging
import ssl
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit

from .network import HEADERS, ssl_verify, uses_proxy_variables

log = logging.getLogger("app.api")

TIMEOUT_S = 10.0


def fetch_page(
    base_url: str,
    token: str,
    path: str,
    params: Mapping[str, str | int],
    *,
    allow_invalid_certificates: bool = False,
    timeout: float = TIMEOUT_S,
) -> bytes | None:
    """GET ``base_url/path?params`` with the bearer ``token``; the body if the server answered 200.

    Blocks (run it on a thread). ``None`` for any other answer, a failure, or a server the client
    would reach through a proxy.
    """
    parts = urlsplit(base_url.rstrip("/"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if uses_proxy_variables(base_url) and _proxied(parts.scheme, parts.hostname):
        return None
    target = f"{parts.path}/{path.lstrip('/')}?{urlencode(dict(params))}"
    try:
        connection = _connection(base_url, parts.scheme, parts.netloc, allow_invalid_certificates, timeout)
        try:
            connection.request("GET", target, headers={**HEADERS, "Authorization": f"Bearer {token}"})
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
    except (OSError, ValueError, http.client.HTTPException) as exc:
        log.info("No early page from %s: %s.", parts.netloc, type(exc).__name__)
        return None
    if response.status != 200:
        log.info("No early page from %s: it answered %d.", parts.netloc, response.status)
        return None
    return body


def prepare(base_url: str | None = None) -> None:
    """Import now what ``fetch_page`` would import on first use, so that the fetch, on its thread,
    imports nothing: PySide6 inspects every module newly imported, and doing that while another thread
    imports too can fail an import (seen with pydantic's). That is the idna codec (socket's name
    lookup), and for ``base_url``: the OS trust store (https) and urllib's proxy rules (a server
    elsewhere)."""
    "localhost".encode("idna")
    if base_url is None:
        return
    if urlsplit(base_url).scheme == "https":
        import truststore  # noqa: F401 - what ssl_verify uses
    if uses_proxy_variables(base_url):
        import urllib.request  # noqa: F401 - what _proxied uses


def _connection(
    base_url: str, scheme: str, netloc: str, allow_invalid_certificates: bool, timeout: float
) -> http.client.HTTPConnection:
    if scheme == "http":
        return http.client.HTTPConnection(netloc, timeout=timeout)
    context = ssl_verify(base_url, allow_invalid_certificates)
    if not isinstance(context, ssl.SSLContext):  # the person allowed invalid certificates
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection(netloc, timeout=timeout, context=context)


def _proxied(scheme: str, host: str) -> bool:
    """Whether the environment names a proxy for this scheme that does not exempt ``host``."""
    import urllib.request  # only for a server elsewhere: ~10 ms that a server on this machine never needs

    proxies = urllib.request.getproxies_environment()
    return bool(proxies.get(scheme) or proxies.get("all")) and not urllib.request.proxy_bypass_environment(
        host, proxies
    )
