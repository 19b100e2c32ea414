"""How the client reaches a server: which proxy, which certificate check, which headers. Standard library only.

Shared by the httpx core (``_http.py``) and the first page a desktop app asks for while it still loads
(``first_page.py``), so that both take a server the same way.
"""

from __future__ import annotations

import ipaddress
import logging
import ssl
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("app.api")

#: The headers of every request (besides the token's).
HEADERS = {"Accept": "application/json", "User-Agent": "cuedesk-contacts"}


def is_loopback(url: str) -> bool:
    """Whether ``url`` names this machine (localhost, 127.0.0.0/8, ::1)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def uses_proxy_variables(url: str) -> bool:
    """Whether the client honours the proxy variables (``HTTPS_PROXY``…) for ``url``: not for this
    machine (the sandbox), which no proxy should see."""
    return not is_loopback(url)


def proxy_configured(url: str) -> bool:
    """Whether a proxy may carry requests to ``url``: one is set in the environment (or, on macOS and
    Windows, in the system's settings) and the client honours it for ``url``. ``NO_PROXY`` alone sets
    none."""
    if not uses_proxy_variables(url):
        return False
    from urllib.request import getproxies  # loaded by httpx anyway; not on the first page's way

    return any(scheme != "no" for scheme in getproxies())


def ssl_verify(base_url: str, allow_invalid_certificates: bool) -> Any:
    """What to verify the server with: the OS trust store for https (truststore), nothing for http
    (``False``: no check, when the person allowed invalid certificates)."""
    if urlsplit(base_url).scheme != "https":
        # No TLS: a context that trusts nothing, so no certificates are loaded (httpx's default loads
        # certifi's, ~40 ms of every start); should a redirect lead to https, it fails closed.
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if allow_invalid_certificates:
        log.warning("Certificate checks are OFF for %s (allowed by the caller).", urlsplit(base_url).netloc)
        return False
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
