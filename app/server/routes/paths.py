"""Path parameters that need more than FastAPI's default matching."""

from __future__ import annotations

from starlette.convertors import StringConvertor, register_url_convertor


class ContactUuidConvertor(StringConvertor):
    """``{contact_uuid}`` of ``/contacts/{contact_uuid}``: any segment except ``bulk`` and ``search``.

    Those two are the paths of Bulk Create Contacts and Search Contacts. Without this, a method they do
    not have (``GET /contacts/search``, ``PATCH /contacts/bulk``) would reach Get or Update a Contact and
    answer "Contact not found." or a 422 instead of 405. Any other segment, malformed uuids included,
    still reaches the contact routes and gets their 404 "Contact not found.".
    """

    regex = r"(?!(?:bulk|search)$)[^/]+"


register_url_convertor("contact_uuid", ContactUuidConvertor())

#: The path of one contact.
CONTACT = "/contacts/{contact_uuid:contact_uuid}"
