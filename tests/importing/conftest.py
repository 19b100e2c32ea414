"""Fixtures of the import/export pipeline tests: the real server behind a transport that counts Bulk
Create requests and can lose their answers or go offline, and helpers to write CSV files."""

from __future__ import annotations

import asyncio
import csv
import json
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import httpx
import pytest

from app.api import CueDeskClient
from app.importing import (
    CsvFormat,
    ImportOptions,
    ImportRun,
    JournalStore,
    PreparedImport,
    auto_map,
    detect_format,
    file_identity,
    prepare,
    read_preview,
)
from app.schema import CustomField
from tests.helpers import BASE

BULK_PATH = "/v1/contacts/bulk"


class ServerLink(httpx.AsyncBaseTransport):
    """The real app over ASGI; counts Bulk Create requests that reached it, and can misbehave:
    refuse a chosen Bulk Create before it leaves, lose its answer (the server did the work), or go
    offline (every request refused)."""

    def __init__(self, app) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self.bulk_posts = 0
        self.lose_answer_of_bulk_post: int | None = None  # 1-based
        self.offline = False
        self.offline_after_bulk_post: int | None = None
        self.refuse_bulk_post: int | None = None  # 1-based, counting attempts
        self._bulk_attempts = 0
        self.counts_only = False  # import statuses as the reference documents them: no failed rows named

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        is_bulk_post = request.method == "POST" and request.url.path == BULK_PATH
        self._bulk_attempts += is_bulk_post
        if self.offline or (is_bulk_post and self.refuse_bulk_post == self._bulk_attempts):
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        response = await self._inner.handle_async_request(request)
        await response.aread()
        if self.counts_only and request.method == "GET" and request.url.path.startswith(BULK_PATH + "/"):
            response = counts_only(response, request)
        if is_bulk_post:
            self.bulk_posts += 1
            if self.offline_after_bulk_post == self.bulk_posts:
                self.offline = True
            if self.lose_answer_of_bulk_post == self.bulk_posts:
                raise httpx.ReadTimeout("timed out", request=request)
        return response


def counts_only(response: httpx.Response, request: httpx.Request) -> httpx.Response:
    body = json.loads(response.content)
    body.pop("failures", None)
    body["summary"].pop("skipped", None)
    return httpx.Response(response.status_code, json=body, request=request)


@pytest.fixture
def link(server_app) -> ServerLink:
    return ServerLink(server_app)


@pytest.fixture
async def api(link, token) -> AsyncIterator[CueDeskClient]:
    """The client over ``link`` (no retries: a lost answer shows at once)."""
    async with CueDeskClient(BASE, token=token, transport=link, max_retries=0) as client:
        yield client


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    return JournalStore(tmp_path / "journals")


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file, delimiter=delimiter).writerows(rows)
    return path


async def no_wait(_delay: float) -> None:
    await asyncio.sleep(0.002)  # the server's import worker runs meanwhile


class Wizard:
    """The wizard's pipeline without its widgets: detect, map, check, journal, run."""

    def __init__(self, client: CueDeskClient, store: JournalStore) -> None:
        self.client = client
        self.store = store

    async def fields(self) -> list[CustomField]:
        return await self.client.custom_fields.list().all()

    async def check(
        self, path: Path, options: ImportOptions, fmt: CsvFormat | None = None
    ) -> tuple[PreparedImport, list, list[CustomField], CsvFormat]:
        fmt = fmt or await asyncio.to_thread(detect_format, path)
        preview = await asyncio.to_thread(read_preview, path, fmt)
        fields = await self.fields()
        targets = auto_map(preview.headers, fields)
        prepared = await asyncio.to_thread(prepare, path, fmt, targets, fields, options)
        return prepared, targets, fields, fmt

    async def start(
        self,
        path: Path,
        options: ImportOptions,
        *,
        batch_size: int = 1000,
        before_run: Callable | None = None,
    ) -> ImportRun:
        prepared, targets, fields, fmt = await self.check(path, options)
        journal = self.store.create(
            identity=await asyncio.to_thread(file_identity, path),
            fmt=fmt,
            headers=prepared.headers,
            targets=targets,
            options=options,
            fields=fields,
            prepared=prepared,
            batch_size=batch_size,
        )
        return ImportRun(journal, prepared, self.get_client, sleep=no_wait)

    async def get_client(self) -> CueDeskClient:
        return self.client


@pytest.fixture
def wizard(api, store) -> Wizard:
    return Wizard(api, store)


async def all_contacts(client: CueDeskClient) -> list:
    return await client.contacts.list(order_field="created_at", order="asc").all()
