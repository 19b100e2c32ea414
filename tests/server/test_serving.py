"""How the server runs (app/server/serving.py, create_app) changes nothing a client sees, and the server
reports to no one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.server.app import create_app
from app.server.db import Database
from app.server.routing import DeferredRoutes, expand_deferred
from tests.conftest import make_token
from tests.helpers import asgi_http

ROOT = Path(__file__).resolve().parents[2]

#: Run with warnings as errors: FastAPI imported as the command line imports it, then requests.
FASTAPI_AS_SERVED = """
import asyncio, json, sys, warnings

warnings.simplefilter("error")
from app.server.serving import import_fastapi

import_fastapi()
import httpx
from pydantic import BaseModel
from fastapi.openapi.models import OpenAPI

from app.schema import ContactCreate
from app.server.app import create_app
from app.server.db import Database
from app.server.routing import DeferredRoutes, expand_deferred
from tests.conftest import make_token
from tests.helpers import asgi_http
from app.server.auth import create_token
from app.server.db import Database
from app.server.routing import DeferredRoutes, expand_deferred

database = Database(sys.argv[1])
with database.write() as session, session.begin():
    token = create_token(session)
api = create_app(database, migrate=False)
facts = {
    "openapi_models_built": OpenAPI.__pydantic_complete__,
    "models_defer_by_default": "defer_build" in BaseModel.model_config,
    "request_models_built": ContactCreate.__pydantic_complete__,
}


async def requests():
    transport = httpx.ASGITransport(api)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox", headers=headers) as http:
        statuses = [
            (await http.get("/v1/contacts")).status_code,
            (await http.post("/v1/contacts", json={"first_name": 3})).status_code,
            (await http.post("/v1/contacts", json={"email": "ada@example.com"})).status_code,
        ]
        document = await http.get("/openapi.json")
        statuses.append(document.status_code)
        return statuses, document.json()


facts["statuses"], facts["document"] = asyncio.run(requests())
print(json.dumps(facts))
"""


@pytest.mark.slow
def test_fastapi_as_the_command_line_imports_it_builds_its_models_when_used_without_a_warning(
    db_path, server_app
):
    run = subprocess.run(
        [sys.executable, "-c", FASTAPI_AS_SERVED, str(db_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout)
    assert facts["openapi_models_built"] is False  # built for the first /openapi.json, not at import
    assert facts["models_defer_by_default"] is False
    assert facts["request_models_built"] is True
    assert facts["statuses"] == [200, 422, 201, 200]
    # server_app: FastAPI imported the usual way, its models built at import.
    assert facts["document"] == json.loads(json.dumps(server_app.openapi()))


@pytest.mark.slow
def test_the_sandbox_server_serves_the_openapi_document_fastapi_builds_at_import(tmp_path, server_app):
    sandbox = ["--db", str(tmp_path / "sandbox.db"), "--state", str(tmp_path / "sandbox.json"), "--port", "0"]
    server = subprocess.Popen(
        [sys.executable, "-m", "app.server", "sandbox", *sandbox, "--contacts", "10"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        ready = json.loads(server.stdout.readline())
        served = httpx.get(f"http://127.0.0.1:{ready['port']}/openapi.json", timeout=30)
    finally:
        server.stdin.close()  # its lifeline: it stops
        server.wait(timeout=30)
        server.stdout.close()
    assert served.status_code == 200
    assert served.json() == json.loads(json.dumps(server_app.openapi()))


@pytest.mark.anyio
async def test_no_telemetry_even_where_the_environment_asks_fastapi_for_it(database, monkeypatch, caplog):
    # FastAPI's own OpenTelemetry set-up would export every request there (or, without the exporter
    # package, warn at each start). The sandbox holds a person's contacts: it sends nothing anywhere.
    monkeypatch.setenv("FASTAPI_OTEL_AUTO_CONFIGURE", "true")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")
    api = create_app(database, migrate=False)
    received = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent = []

    async def receive():
        return received.pop(0)

    async def send(message):
        sent.append(message["type"])

    with caplog.at_level("WARNING"):
        await api({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, receive, send)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert caplog.records == []


@pytest.mark.anyio
async def test_apps_of_one_process_share_their_routes_and_each_answers_from_its_own_database(tmp_path):
    apps = []
    for name in ("Ada", "Grace"):
        database = Database(tmp_path / f"{name}.db")
        api, token = create_app(database), make_token(database)
        async with asgi_http(api, token) as http:
            assert (
                await http.post("/contacts", json={"first_name": name, "email": f"{name}@example.com"})
            ).status_code == 201
        apps.append((api, token, database))
    (first, *_), (second, *_) = apps
    for api in (first, second):
        expand_deferred(api.router)
    assert [id(route) for route in first.routes if route.path.startswith("/v1/")] == [
        id(route) for route in second.routes if route.path.startswith("/v1/")
    ]  # built once, when declared (app/server/routing.py, api_router)
    for (api, token, database), name in zip(apps, ("Ada", "Grace"), strict=True):
        async with asgi_http(api, token) as http:
            page = (await http.get("/contacts")).json()
        assert [contact["first_name"] for contact in page["contacts"]] == [name]
        database.dispose()


@pytest.mark.anyio
async def test_routes_imported_when_a_request_first_needs_them_answer_like_the_others(server_app, http):
    # A new app: only the first page's routes are in place (app/server/routing.py, DeferredRoutes).
    assert any(isinstance(route, DeferredRoutes) for route in server_app.routes)
    wrong_method = await http.patch("/contact-lists")
    assert wrong_method.status_code == 405
    assert set(wrong_method.headers["allow"].split(", ")) == {"GET", "POST"}
    created = await http.post("/contact-lists", json={"name": "Partners"})
    assert created.status_code == 201
    assert (await http.get(f"/contact-lists/{created.json()['uuid']}")).json()["name"] == "Partners"
    assert (await http.get("/contacts/bulk/00000000-0000-4000-8000-000000000000")).status_code == 404
    assert (await http.get("/no-such-thing")).status_code == 404
    assert (await http.get("/contacts")).status_code == 200
    # List Contacts is built at start, Create a Contact with the others: one path, both methods allowed.
    wrong_method = await http.put("/contacts")
    assert wrong_method.status_code == 405
    assert set(wrong_method.headers["allow"].split(", ")) == {"GET", "POST"}


SPY_PLUGIN = """
import os, pathlib

pathlib.Path(os.environ["SPY_MARKER"]).write_text("loaded")


class Plugin:
    def new_schema_validator(self, *args, **kwargs):
        return None, None, None


plugin = Plugin()
"""


@pytest.mark.slow
def test_the_sandbox_server_loads_no_pydantic_plugin_installed_beside_it(tmp_path):
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\n")
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nspy = spy_plugin:plugin\n"
    )
    (site / "spy_plugin.py").write_text(SPY_PLUGIN)
    marker = tmp_path / "marker"
    env = {**os.environ, "PYTHONPATH": str(site), "SPY_MARKER": str(marker)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    model = "import pydantic\nclass Model(pydantic.BaseModel):\n    x: int"
    subprocess.run([sys.executable, "-c", model], cwd=ROOT, env=env, check=True, timeout=60)
    assert marker.exists()  # pydantic loads it in any other program
    marker.unlink()

    sandbox = ["--db", str(tmp_path / "sandbox.db"), "--state", str(tmp_path / "sandbox.json"), "--port", "0"]
    server = subprocess.Popen(
        [sys.executable, "-m", "app.server", "sandbox", *sandbox, "--contacts", "10"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        ready = json.loads(server.stdout.readline())
        page = httpx.get(
            f"http://127.0.0.1:{ready['port']}/v1/contacts",
            headers={"Authorization": f"Bearer {ready['token']}"},
            timeout=30,
        )
    finally:
        server.stdin.close()
        server.wait(timeout=30)
        server.stdout.close()
    assert page.status_code == 200 and len(page.json()["contacts"]) > 0
    assert not marker.exists()


def test_fastapi_gets_each_endpoints_context_from_its_code_as_it_would_from_its_source(server_app):
    """The file, line and name FastAPI keeps for an endpoint's validation errors are the ones it would read
    from the source, for every route (app/server/routing.py, endpoint_context_from_code)."""
    from fastapi import routing

    from_code = routing._extract_endpoint_context
    assert from_code.from_code  # create_app put it in place
    expand_deferred(server_app.router)
    endpoints = [route.endpoint for route in server_app.routes if hasattr(route, "dependant")]
    assert len(endpoints) > 20
    for endpoint in endpoints:
        assert from_code(endpoint) == from_code.original(endpoint), endpoint.__qualname__


@pytest.mark.anyio
async def test_a_first_request_reads_no_source_file(server_app, http, monkeypatch):
    """Reading and tokenizing the endpoint's source on its first request was ~10 ms of the sandbox's first page."""
    import inspect

    read: list[object] = []
    getsourcelines = inspect.getsourcelines
    monkeypatch.setattr(inspect, "getsourcelines", lambda obj: read.append(obj) or getsourcelines(obj))
    from fastapi import routing

    monkeypatch.setattr(routing, "_endpoint_context_cache", {})  # as in a new process
    assert (await http.get("/contacts")).status_code == 200
    assert read == []
