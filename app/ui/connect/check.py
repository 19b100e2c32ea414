"""Checking what the user typed in the connect dialog, and that the server is a CueDesk API that takes the token.

Every problem becomes a ``ConnectProblem``: a sentence the user can act on, and the field it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from app.api import (
    ApiConnectionError,
    ApiResponseError,
    ApiStatusError,
    CertificateError,
    CueDeskClient,
    RateLimitError,
    ServerError,
    UnauthorizedError,
)
from app.api.network import is_loopback

Field = Literal["name", "url", "token", "certificates"]

EXAMPLE_URL = "https://api.cuedesk.com/v1"


class ConnectProblem(Exception):
    """Why connecting failed, for the user, and which field of the dialog it concerns (if one)."""

    def __init__(self, message: str, field: Field | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class ConnectRequest:
    """What the connect dialog asks for. ``profile_id`` is the saved profile being edited, if any."""

    name: str
    base_url: str
    token: str = field(repr=False)
    remember: bool = True
    allow_invalid_certificates: bool = False
    profile_id: str | None = None


def normalized_url(text: str) -> str:
    """The API base URL as typed, checked: ``http(s)://host[:port]/path`` without a trailing slash."""
    url = text.strip().rstrip("/")
    if not url:
        raise ConnectProblem(f"Enter the address of the CueDesk API, e.g. {EXAMPLE_URL}.", "url")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConnectProblem(
            f"Enter the full address, starting with https:// (for example {EXAMPLE_URL}).", "url"
        )
    try:
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        raise ConnectProblem("The port in this address is not a number.", "url") from None
    if parts.query or parts.fragment:
        raise ConnectProblem("The address must not contain ? or #.", "url")
    return url


def needs_plain_http_confirmation(url: str) -> bool:
    """Plain http to another machine sends the token and the data readable by anyone on the way."""
    return urlsplit(url).scheme.lower() == "http" and not is_loopback(url)


def host_of(url: str) -> str:
    return urlsplit(url).netloc or url


async def check_server(
    base_url: str,
    token: str,
    *,
    allow_invalid_certificates: bool,
) -> None:
    """Ask the server for one contact with ``token``; raise a ``ConnectProblem`` saying what went wrong.

    The check does not retry: the user is waiting and can press Connect again.
    """
    host = host_of(base_url)
    async with CueDeskClient(
        base_url, token=token, allow_invalid_certificates=allow_invalid_certificates, max_retries=0
    ) as client:
        try:
            await client.contacts.list(limit=1)
        except UnauthorizedError:
            raise ConnectProblem(
                f"{host} refused this token. Check that you copied all of it, or create a new one"
                " in CueDesk (Settings ▸ API tokens).",
                "token",
            ) from None
        except CertificateError as exc:
            raise ConnectProblem(str(exc), "certificates") from None
        except ApiConnectionError as exc:
            raise ConnectProblem(str(exc), "url") from None
        except (RateLimitError, ServerError) as exc:
            raise ConnectProblem(f"{host} could not answer now: {exc}") from None
        except (ApiStatusError, ApiResponseError):
            raise ConnectProblem(
                f"{host} answered, but not as the CueDesk Contacts API. Check the address: it ends with"
                f" the API version, as in {EXAMPLE_URL}.",
                "url",
            ) from None
