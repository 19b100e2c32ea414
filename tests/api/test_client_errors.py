"""One exception hierarchy built from the error envelope; the message a person reads comes from it."""

from __future__ import annotations

import pytest

from app.api import (
    ApiConnectionError,
    ApiResponseError,
    ApiStatusError,
    ApiTimeoutError,
    BadRequestError,
    CertificateError,
    CueDeskError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnauthorizedError,
    ValidationError,
)
from tests.api.faults import gateway_status

pytestmark = pytest.mark.anyio


def test_every_error_is_a_cuedesk_error_and_status_errors_share_a_base():
    for cls in (
        BadRequestError,
        UnauthorizedError,
        NotFoundError,
        ValidationError,
        RateLimitError,
        ServerError,
    ):
        assert issubclass(cls, ApiStatusError) and issubclass(cls, CueDeskError)
    for cls in (ApiTimeoutError, CertificateError):
        assert issubclass(cls, ApiConnectionError)
    assert issubclass(ApiResponseError, CueDeskError) and issubclass(ApiConnectionError, CueDeskError)


async def test_a_malformed_id_is_not_found_with_the_servers_sentence(client):
    with pytest.raises(NotFoundError) as caught:
        await client.contacts.get("not-a-uuid")
    assert str(caught.value) == "Contact not found."
    assert caught.value.envelope_message == "404 NOT FOUND"


async def test_an_id_cannot_reach_another_route(client):
    contact = await client.contacts.create(email="safe@example.com")
    with pytest.raises(NotFoundError):
        await client.contacts.get(f"{contact.uuid}/../../contacts")


@pytest.mark.parametrize(
    ("status", "cls", "details"),
    [
        (400, BadRequestError, "A custom field with the key 'plan' already exists."),
        (401, UnauthorizedError, "Unauthorized access."),
        (409, ApiStatusError, "Someone else changed it."),
        (422, ValidationError, "The body could not be read."),
        (502, ServerError, "Bad gateway."),
    ],
)
async def test_an_envelope_with_a_sentence_becomes_the_typed_error_with_that_sentence(
    faulty_client, faulty, status, cls, details
):
    faulty.inject(gateway_status(status, details=details))
    with pytest.raises(ApiStatusError) as caught:
        await faulty_client.contacts.create(email="e@example.com")
    assert type(caught.value) is cls
    assert (caught.value.status_code, str(caught.value), caught.value.details) == (status, details, details)
    if cls is ValidationError:
        assert caught.value.errors == []
