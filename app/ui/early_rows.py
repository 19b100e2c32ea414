"""The table's first rows, asked for while the app still loads (docs/performance.md, startup (b), (c)).

When the window opens a server known without asking (the one in the environment, or the saved
workspace open last), a thread started once the window is painted reads its token (the keyring may
block) and asks for the table's first block with ``app.api.first_page``. For the sandbox, the thread
waits for the handshake of the server spawned first thing (``sandbox_process.start_early``), which
gives its port and token. The app waits a moment for that answer (the sandbox: until its server is
ready, up to ``SANDBOX_EARLY_ROWS_WAIT_S``) before it imports its client side, and shows the rows from
it (``show``), read straight from its JSON; an answer that comes later is shown between two steps of
that import. The session's first request for that block then takes the answer (``take``) instead of
asking again, parsed by the wire models like any answer, and its rows replace the early ones. Without
a usable answer nothing is shown early, and the session asks through the client as usual.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from typing import TYPE_CHECKING

from .connect.settings import ENVIRONMENT_KEY, SANDBOX_KEY, Settings, workspace_known
from .connect.tokens import TokenStore
from .loaded_rows import BLOCK_SIZE, LoadedBlock
from .names import API_TOKEN_ENV, API_URL_ENV
from .views import AllContactsView

if TYPE_CHECKING:
    from app.schema import Contact

    from .contacts_model import BlockRequest, ContactsTableModel

log = logging.getLogger(__name__)

#: How long the app waits for a server's first rows once its window is painted, before it imports its client
#: side (which would delay them by half a second): a server on this machine answers in a tenth of that.
EARLY_ROWS_WAIT_S = 0.3
#: How long the app waits for the sandbox's first rows once its window is painted, before it imports its
#: client side anyway. The sandbox server, spawned first thing, is still starting then: importing the
#: client side beside it slows its start by a fifth or more on this machine (two processes loading at once),
#: and the rows would wait for the server anyway. A server not ready by then (a first start seeds the demo
#: data) has its rows shown between two steps of that import, or by the session.
SANDBOX_EARLY_ROWS_WAIT_S = 1.5
#: How long the early rows wait for the sandbox server's handshake (a first start seeds the demo data first).
SANDBOX_HANDSHAKE_WAIT_S = 60.0


class EarlyRows:
    """The first block of ``view`` on ``base_url``, fetched on a thread (see the module docstring).

    ``key`` is the workspace's settings key; ``endpoint`` gives its base URL and token, on the thread
    (a saved workspace's token comes from the keyring; ``token`` is that read, which the session uses
    rather than asking the keyring again). ``wait_s``: how long the app waits for the answer once the
    window is painted; an answer that comes later is shown between two steps of the client side's import.
    """

    def __init__(
        self,
        key: str,
        endpoint: Callable[[], tuple[str, str | None]],
        *,
        limit: int = BLOCK_SIZE,
        view: AllContactsView | None = None,
        allow_invalid_certificates: bool = False,
        wait_s: float = EARLY_ROWS_WAIT_S,
        prepare: Callable[[], None] = lambda: None,
    ) -> None:
        self.key = key
        self.view = view or AllContactsView()
        self.limit = limit
        self.wait_s = wait_s
        self.token: Future[str | None] = Future()
        self.body: Future[bytes | None] = Future()
        self._tried_to_show = False
        self._taken = False
        self._endpoint = endpoint
        self._allow_invalid = allow_invalid_certificates
        self._prepare = prepare
        self._thread: threading.Thread | None = None

    def begin(self) -> None:
        """Start the thread, once the window is painted (its work would hold Python's lock while the
        window is built).

        What the thread needs is imported here first, on the calling thread: the thread must import
        nothing while the app imports its client side. PySide6 inspects the source of every module
        newly imported, and with two threads importing at once that inspection can fail the start
        (seen: an ImportError from pydantic's partially imported ``_validators``, in 4 of 20 starts
        of a version whose thread imported while the app imported its client side).
        """
        if self._thread is not None or self.body.done():
            return
        try:
            from app.api.first_page import fetch_page, prepare

            prepare()
            self._prepare()
        except Exception as exc:
            log.info("No early rows: %s.", type(exc).__name__)
            self.token.set_exception(exc)  # not "no token": the session reads the keyring itself
            self.body.set_result(None)
            return
        self._thread = threading.Thread(
            target=self._fetch, args=(fetch_page,), name="early-rows", daemon=True
        )
        self._thread.start()

    @classmethod
    def of_workspace(
        cls,
        *,
        sandbox: bool,
        environ: Mapping[str, str],
        settings: Settings,
        tokens: TokenStore,
        limit: int = BLOCK_SIZE,
    ) -> EarlyRows | None:
        """The first rows of the workspace that opens without asking, if it is a server or the sandbox
        whose server ``start_early`` spawned; ``begin()`` starts fetching them."""
        key = workspace_known(sandbox=sandbox, environ=environ, settings=settings)
        if key == ENVIRONMENT_KEY:
            url, token = environ.get(API_URL_ENV, "").strip(), environ.get(API_TOKEN_ENV, "").strip()
            return cls(key, lambda: (url, token), limit=limit, prepare=lambda: _prepare_fetch(url))
        if key == SANDBOX_KEY:
            from .sandbox_process import SandboxPaths, early_handshake  # loaded already by a sandbox start

            handshake = early_handshake(SandboxPaths.default(environ).root)
            if handshake is None:
                return None
            return cls(
                key,
                lambda: handshake.endpoint(SANDBOX_HANDSHAKE_WAIT_S) or ("", None),
                limit=limit,
                wait_s=SANDBOX_EARLY_ROWS_WAIT_S,
            )
        profile = settings.profile(key) if key else None
        if profile is None:
            return None
        return cls(
            key,
            lambda: (profile.base_url, tokens.load(profile.id)),
            limit=limit,
            allow_invalid_certificates=profile.allow_invalid_certificates,
            prepare=lambda: (_prepare_fetch(profile.base_url), tokens.prepare()),
        )

    def show(self, model: ContactsTableModel) -> bool:
        """Show the rows in ``model`` if the answer is in; ``True`` only when they were shown now."""
        if self._tried_to_show or not self.body.done():
            return False
        self._tried_to_show = True
        body = self.body.result()
        if body is None:
            return False
        try:
            page = json.loads(body)
            total = page["pagination"]["total"]
            block = LoadedBlock.of_json(page["contacts"][: self.limit], [c.text for c in model.columns])
            if not isinstance(total, int) or total < len(block):
                raise ValueError("a total smaller than the page")
        except Exception as exc:
            log.info("The early rows were not shown: %s.", type(exc).__name__)
            return False
        return model.show_early_rows(self.view, block, total)

    def matches(self, request: BlockRequest) -> bool:
        """Whether ``request`` asks for the rows this answer holds (and the answer is not taken yet)."""
        return not self._taken and (request.offset, request.limit, request.view) == (0, self.limit, self.view)

    async def take(self) -> tuple[list[Contact], int] | None:
        """The answer as the client reads a page (the wire models): its contacts and total, once.

        ``None`` when there is no answer to use; the caller then asks through the client.
        """
        if self._taken:
            return None
        self._taken = True
        import asyncio  # loaded by then: the app's loop runs on it

        body = await asyncio.wrap_future(self.body)
        if body is None:
            return None
        from app.schema import ContactsPage

        try:
            page = ContactsPage.model_validate_json(body)
        except ValueError:  # pydantic's ValidationError: the client's own request will say what is wrong
            return None
        return page.contacts, page.pagination.total

    def _fetch(self, fetch_page: Callable[..., bytes | None]) -> None:
        """On the thread: imports nothing (see ``begin``)."""
        body: bytes | None = None
        try:
            base_url, token = self._endpoint()
        except Exception as exc:
            self.token.set_exception(exc)
            self.body.set_result(None)
            return
        self.token.set_result(token)
        try:
            if token:
                query = self.view.query(offset=0, limit=self.limit)
                body = fetch_page(
                    base_url, token, self.view.path, query, allow_invalid_certificates=self._allow_invalid
                )
        except Exception as exc:
            log.info("No early rows: %s.", type(exc).__name__)
        finally:
            self.body.set_result(body)


def _prepare_fetch(base_url: str) -> None:
    from app.api.first_page import prepare

    prepare(base_url)
