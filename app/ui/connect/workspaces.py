"""``Workspaces``: which workspace the app shows, switching between them, and signing in again after a 401.

One ``AppSession`` (window, model, controllers, connection) per workspace: switching opens a new
session on the other workspace and shuts the old one down (its operations cancelled, its client
closed, its sandbox stopped if it started one), so nothing of one workspace lingers in the other.
Signing in again after a 401 replaces only the connection's client: the window is untouched.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QWidget

from app.api import CueDeskClient

from ..connection import (
    Connection,
    ConnectionChoice,
    RemoteConnection,
    SandboxConnection,
    choose_connection,
)
from ..first_window import FirstWindow
from ..main_window import MainWindow
from ..operations import Failure
from ..sandbox import SandboxLauncher
from ..session import AppSession
from .check import (
    ConnectProblem,
    ConnectRequest,
    check_server,
    host_of,
    needs_plain_http_confirmation,
    normalized_url,
)
from .dialog import ConnectDialog, Mode
from .modal import confirm, finished
from .settings import ENVIRONMENT_KEY, SANDBOX_KEY, Profile, Settings
from .tokens import TokenStore

log = logging.getLogger(__name__)

T = TypeVar("T")
TOKEN_WARNING = "Token kept for this session only"
STATUS_TIMEOUT_MS = 10_000


async def off_thread(call: Callable[[], T]) -> T:
    """Run a keyring call (it may block on an unlock prompt) in a worker thread.

    The executor logs its callbacks and their results at DEBUG level, and a token must never be
    one of them: the call is a closure (no arguments to show) and its result travels sealed.
    """
    sealed = await asyncio.to_thread(lambda: Sealed(call()))
    return sealed.value


class Sealed(Generic[T]):
    """A value whose ``repr`` does not show it."""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "Sealed(***)"


@dataclass(frozen=True, slots=True)
class Workspace:
    """A workspace to show: its settings key (profile id, ``SANDBOX_KEY``, ``ENVIRONMENT_KEY``) and connection.

    ``chosen``: picked by the user (it then opens at the next start), not forced by ``--sandbox``
    or the environment. ``token_warning``: why the token is not remembered although it should be.
    """

    key: str
    connection: Connection
    profile: Profile | None = None
    notice: str | None = None
    chosen: bool = True
    token_warning: str | None = None

    @classmethod
    def from_choice(cls, choice: ConnectionChoice) -> Workspace:
        key = SANDBOX_KEY if isinstance(choice.connection, SandboxConnection) else ENVIRONMENT_KEY
        return cls(key, choice.connection, notice=choice.notice, chosen=False)


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new token was accepted; ``token_warning`` if it could not be remembered as asked."""

    token_warning: str | None


class Workspaces:
    """Runs the app's sessions: the first workspace, the connect dialog, switching, signing in again.

    ``open_sandbox`` makes the sandbox connection (tests give it a folder of their own).
    ``first_window``: the window already painted for the workspace about to open (``first_window.py``);
    the first session uses it, or it is closed if the connect dialog has to ask instead.
    """

    def __init__(
        self,
        settings: Settings,
        tokens: TokenStore,
        *,
        open_sandbox: Callable[[], SandboxConnection] | None = None,
        first_window: FirstWindow | None = None,
    ) -> None:
        self.settings = settings
        self._first_window = first_window
        self.tokens = tokens
        self._open_sandbox = open_sandbox or (lambda: SandboxConnection(SandboxLauncher()))
        self.session: AppSession | None = None
        self.workspace: Workspace | None = None
        self._on_started: Callable[[AppSession], None] | None = None
        self._quit: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._dialogs: list[ConnectDialog] = []
        self._sign_in: asyncio.Task[bool] | None = None
        self._switching = asyncio.Lock()  # one menu choice at a time

    # -- running -------------------------------------------------------------------------------

    async def run(
        self,
        *,
        sandbox: bool = False,
        environ: Mapping[str, str] = os.environ,
        on_started: Callable[[AppSession], None] | None = None,
    ) -> int:
        """Open the first workspace (asking if needed) and run until the window is closed."""
        self._quit = asyncio.Event()
        first = await self.first_workspace(sandbox=sandbox, environ=environ)
        closed_while_loading = self._first_window is not None and self._first_window.closed
        if first is None or self._quit.is_set() or closed_while_loading:
            self._discard_first_window()
            if first is not None:
                await first.connection.close()
            return 0
        return await self.run_workspace(first, on_started)

    async def run_workspace(
        self, workspace: Workspace, on_started: Callable[[AppSession], None] | None = None
    ) -> int:
        """Show ``workspace`` and run until the window is closed (switches included); then shut down."""
        quit_event = self._quit = self._quit or asyncio.Event()
        self._on_started = on_started
        self._show(workspace)
        try:
            await quit_event.wait()
        finally:
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            session, workspace = self.session, self.workspace
            if session is not None and workspace is not None:
                self._save_layout(session, workspace)
                await session.shutdown()
        return 0

    def close(self) -> None:
        """Quit (e.g. on SIGTERM): close the window, or the connect dialog shown at start.

        A window with unsaved edits asks first, and the app quits once it closes (never dropping them unasked).
        """
        if self.session is not None:
            if not self.session.window.close():
                return
        else:
            for dialog in self._dialogs:
                dialog.reject()
        if self._quit is not None:
            self._quit.set()

    async def first_workspace(self, *, sandbox: bool, environ: Mapping[str, str]) -> Workspace | None:
        """``--sandbox``, else the environment (scripted runs), else the workspace open last, else ask."""
        choice = choose_connection(sandbox=sandbox, environ=environ)
        if choice is not None:
            return Workspace.from_choice(choice)
        last = self.settings.last
        if last == SANDBOX_KEY:
            return self._sandbox()
        profile = self.settings.profile(last) if last else None
        if profile is None:
            first_start = not self.settings.profiles
            return await self._ask(None, mode=Mode.FIRST_START if first_start else Mode.CONNECT)
        token = await self._saved_token(profile)
        if token is not None:
            return self._remote(profile, token)
        self._discard_first_window()  # the dialog asks alone, as at any start that must ask
        return await self._ask(None, select=profile.id, note=self._token_missing_note(profile))

    async def _saved_token(self, profile: Profile) -> str | None:
        """The profile's saved token: the read the first window's early rows made (early_rows.py),
        else a read of the keyring now."""
        early = self._first_window.early if self._first_window is not None else None
        if early is not None and early.key == profile.id:
            with contextlib.suppress(Exception):  # read again below: the failure is reported from there
                return await asyncio.wrap_future(early.token)
        return await off_thread(lambda: self.tokens.load(profile.id))

    # -- sessions ------------------------------------------------------------------------------

    def _show(self, workspace: Workspace, geometry: str | None = None) -> AppSession:
        first = self._first_window
        if first is not None and first.key != workspace.key:
            self._discard_first_window()  # painted for another workspace than the one that opened
            first = None
        self._first_window = None
        session = AppSession(
            workspace.connection,
            notice=workspace.notice,
            settings=self.settings,
            workspace_key=workspace.key,
            first_window=first,
        )
        window = session.window
        session.operations.on_unauthorized = lambda: self._signed_in_again(session)
        if first is None:  # the first window has its layout already
            layout = self.settings.layout(workspace.key)
            if geometry:
                layout["geometry"] = geometry  # a switch keeps the window where it is
            window.restore_layout(layout)
        window.connectRequested.connect(lambda: self._spawn(self._one_at_a_time(self._connect_from_menu)))
        window.closed.connect(lambda: self._window_closed(session))
        self.session, self.workspace = session, workspace
        self._fill_workspaces_menu(window)
        self._show_token_warning(window, workspace.token_warning)
        if workspace.chosen:
            self.settings.set_last(workspace.key)
        session.start()
        log.info("Opened workspace %s.", session.connection.label)
        if self._on_started is not None:
            self._on_started(session)
        return session

    async def switch(self, workspace: Workspace) -> None:
        """Show ``workspace`` instead of the current one, in a new session at the same place."""
        old, old_workspace = self.session, self.workspace
        if old is None or old_workspace is None:
            self._show(workspace)
            return
        layout = old.window.save_layout()
        self._save_layout(old, old_workspace)
        self._show(workspace, geometry=layout.get("geometry"))
        old.window.close()
        await old.shutdown()
        old.window.deleteLater()

    def _discard_first_window(self) -> None:
        first, self._first_window = self._first_window, None
        if first is not None:
            first.window.close()
            first.window.deleteLater()

    def _window_closed(self, session: AppSession) -> None:
        if session is self.session and self._quit is not None:
            self._quit.set()

    def _save_layout(self, session: AppSession, workspace: Workspace) -> None:
        self.settings.save_layout(workspace.key, session.window.save_layout())

    def _spawn(self, coroutine: Awaitable[T]) -> asyncio.Task[T]:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(self._report_crash)
        return task

    async def _one_at_a_time(self, work: Callable[[], Awaitable[None]]) -> None:
        async with self._switching:
            await work()

    def _report_crash(self, task: asyncio.Task[Any]) -> None:
        """A bug in switching must not pass silently: logged, and said in the window's banner."""
        if task.cancelled() or task.exception() is None:
            return
        error = task.exception()
        log.error("Switching workspace failed unexpectedly", exc_info=error)
        if self.session is not None:
            self.session.window.banner.show_failure(
                Failure("Switching workspace", f"Unexpected error: {error}")
            )

    # -- the Workspaces menu -------------------------------------------------------------------

    def _fill_workspaces_menu(self, window: MainWindow) -> None:
        menu = window.workspaces_menu
        menu.clear()
        group = QActionGroup(menu)
        current = self.workspace.key if self.workspace is not None else None
        entries = [(p.id, p.name) for p in self.settings.profiles] + [(SANDBOX_KEY, "Sandbox (demo data)")]
        for key, name in entries:
            action = QAction(name.replace("&", "&&"), menu)
            action.setCheckable(True)
            action.setChecked(key == current)
            action.setData(key)
            action.triggered.connect(
                lambda _checked=False, key=key: self._spawn(
                    self._one_at_a_time(lambda: self.open_workspace(key))
                )
            )
            group.addAction(action)
            menu.addAction(action)

    async def open_workspace(self, key: str) -> None:
        """Switch to a saved profile or the sandbox (the menu): the saved token, else the dialog asks."""
        if self.workspace is not None and key == self.workspace.key:
            self._fill_workspaces_menu(self._window())  # keep the check mark where it was
            return
        if key == SANDBOX_KEY:
            await self.switch(self._sandbox())
            return
        profile = self.settings.profile(key)
        if profile is None:
            return
        token = await off_thread(lambda: self.tokens.load(profile.id))
        if token is None:
            chosen = await self._ask(
                self._window(), select=profile.id, note=self._token_missing_note(profile)
            )
        else:
            self._window().show_message(f"Connecting to {profile.name}…")
            try:
                await self._check(profile.base_url, token, profile.allow_invalid_certificates)
            except ConnectProblem as problem:
                self._window().show_message("")
                chosen = await self._ask(self._window(), select=profile.id, problem=problem)
            else:
                chosen = self._remote(profile, token, self.tokens.unsaved_reason(profile.id))
        if chosen is not None:
            await self._switch_to_chosen(chosen)
        else:
            self._fill_workspaces_menu(self._window())

    async def _connect_from_menu(self) -> None:
        chosen = await self._ask(self._window())
        if chosen is not None:
            await self._switch_to_chosen(chosen)
        elif self.session is not None:
            self._fill_workspaces_menu(self.session.window)  # profiles may have been removed

    async def _switch_to_chosen(self, chosen: Workspace) -> None:
        if self.workspace is not None and chosen.key == SANDBOX_KEY == self.workspace.key:
            await chosen.connection.close()  # already there
            return
        await self.switch(chosen)

    def _window(self) -> MainWindow:
        assert self.session is not None
        return self.session.window

    # -- the connect dialog --------------------------------------------------------------------

    async def _ask(
        self,
        parent: QWidget | None,
        *,
        mode: Mode = Mode.CONNECT,
        select: str | None = None,
        note: str | None = None,
        problem: ConnectProblem | None = None,
    ) -> Workspace | None:
        """The connect dialog, until the user connects (the server answered), opens the sandbox or cancels."""
        dialog = ConnectDialog(
            self.settings.profiles,
            mode=mode,
            keyring_problem=self.tokens.keyring_problem(),
            parent=parent,
            cancel_text="Quit" if parent is None else "Cancel",
        )
        if select is not None:
            dialog.select_profile(select)
        if note:
            dialog.set_note(note)
        if problem is not None:
            dialog.show_problem(str(problem), problem.field)
        sandbox: list[Workspace] = []

        def open_sandbox() -> None:
            sandbox.append(self._sandbox())
            dialog.accept()

        dialog.sandboxRequested.connect(open_sandbox)
        dialog.removeRequested.connect(
            lambda profile_id: self._spawn(self._remove_profile(dialog, profile_id))
        )
        chosen = await self._run_dialog(dialog, lambda request: self._connect(request, dialog))
        return chosen or (sandbox[0] if sandbox else None)

    async def _run_dialog(
        self, dialog: ConnectDialog, attempt: Callable[[ConnectRequest], Awaitable[T]]
    ) -> T | None:
        """Show ``dialog``; each Connect runs ``attempt`` (a ``ConnectProblem`` is shown in the dialog)."""
        outcome: list[T] = []
        running: list[asyncio.Task[None]] = []

        async def connect(request: ConnectRequest) -> None:
            dialog.set_busy(True)
            try:
                result = await attempt(request)
            except ConnectProblem as problem:
                dialog.set_busy(False)
                dialog.show_problem(str(problem), problem.field)
                return
            except Exception as exc:  # e.g. the settings folder is not writable
                log.exception("Connecting failed unexpectedly")
                dialog.set_busy(False)
                dialog.show_problem(f"Unexpected error: {exc}")
                return
            dialog.set_busy(False)
            outcome.append(result)
            dialog.accept()

        def connect_requested(request: ConnectRequest) -> None:
            if not any(not task.done() for task in running):
                running.append(self._spawn(connect(request)))

        dialog.connectRequested.connect(connect_requested)
        self._dialogs.append(dialog)
        try:
            await finished(dialog)
        finally:
            self._dialogs.remove(dialog)
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)
            dialog.deleteLater()
        return outcome[0] if outcome else None

    async def _connect(self, request: ConnectRequest, dialog: QWidget) -> Workspace:
        """Check what the dialog says, save the profile and its token; the workspace to show."""
        url = normalized_url(request.base_url)
        existing = self.settings.profile(request.profile_id) if request.profile_id else None
        name = request.name or host_of(url)
        namesake = self.settings.profile_named(name)
        if namesake is not None and namesake is not existing:
            raise ConnectProblem(
                f"A workspace named “{name}” is already saved. Choose another name, or select it on the left.",
                "name",
            )
        token = request.token
        if not token and existing is not None:
            token = await off_thread(lambda: self.tokens.load(existing.id)) or ""
        if not token:
            raise ConnectProblem("Paste the workspace's API token.", "token")
        if needs_plain_http_confirmation(url) and not (existing is not None and existing.base_url == url):
            allowed = await confirm(
                dialog,
                "Connect without encryption?",
                f"{host_of(url)} would be reached over plain http://: your token and your contacts would"
                " travel unencrypted, readable and changeable by anyone on the network path.\n\n"
                "Use an https:// address unless this server is on a network you trust.",
                yes="Connect without encryption",
            )
            if not allowed:
                raise ConnectProblem("Not connected: use an https:// address to connect securely.", "url")
        await self._check(url, token, request.allow_invalid_certificates)
        profile = Profile(
            id=existing.id if existing is not None else Profile.new_id(),
            name=name,
            base_url=url,
            allow_invalid_certificates=request.allow_invalid_certificates,
            remember_token=request.remember,
        )
        self.settings.save_profile(profile)
        warning = await off_thread(lambda: self.tokens.save(profile.id, token, remember=request.remember))
        log.info("Connected to workspace %s at %s.", profile.name, host_of(url))
        return self._remote(profile, token, warning)

    async def _remove_profile(self, dialog: ConnectDialog, profile_id: str) -> None:
        profile = self.settings.profile(profile_id)
        if profile is None:
            return
        removed = await confirm(
            dialog,
            "Remove workspace?",
            f"Remove “{profile.name}” from this computer? Its saved token is deleted from the keyring."
            " The workspace and its contacts on the server are not touched.",
            yes="Remove",
        )
        if removed:
            self.settings.remove_profile(profile_id)
            await off_thread(lambda: self.tokens.forget(profile_id))
            dialog.set_profiles(self.settings.profiles)
            dialog.select_profile(None)

    # -- signing in again after a 401 ----------------------------------------------------------

    async def _signed_in_again(self, session: AppSession) -> bool:
        """``Operations.on_unauthorized``: one sign-in dialog however many operations were refused."""
        if session is not self.session or not isinstance(session.connection, RemoteConnection):
            return False
        if self._sign_in is None or self._sign_in.done():
            self._sign_in = self._spawn(self._sign_in_again(session))
        return await asyncio.shield(self._sign_in)

    async def _sign_in_again(self, session: AppSession) -> bool:
        workspace = self.workspace
        connection = session.connection
        assert workspace is not None and isinstance(connection, RemoteConnection)
        profile = workspace.profile
        base_url = connection.base_url
        allow_invalid = profile.allow_invalid_certificates if profile is not None else False
        dialog = ConnectDialog(
            [profile] if profile is not None else [],
            mode=Mode.SIGN_IN_AGAIN,
            keyring_problem=self.tokens.keyring_problem(),
            parent=session.window,
        )
        if profile is not None:
            dialog.select_profile(profile.id)
        else:  # the environment's workspace: a new token for this run only
            dialog.fill(
                name=connection.label, base_url=base_url, allow_invalid_certificates=False, remember=False
            )
            dialog.remember_check.hide()
        dialog.set_note(
            f"{host_of(base_url)} refused the token of “{connection.label}”: it may have been revoked or"
            " have expired. Enter a new token to continue; nothing you were doing is lost."
        )

        async def sign_in(request: ConnectRequest) -> SignedIn:
            if not request.token:
                raise ConnectProblem("Paste the new API token.", "token")
            await self._check(base_url, request.token, allow_invalid)
            await connection.replace_client(self._client(base_url, request.token, allow_invalid))
            if profile is None:
                return SignedIn(None)
            self.settings.save_profile(dataclasses.replace(profile, remember_token=request.remember))
            return SignedIn(
                await off_thread(
                    lambda: self.tokens.save(profile.id, request.token, remember=request.remember)
                )
            )

        signed_in = await self._run_dialog(dialog, sign_in)
        if signed_in is None:
            return False
        self._show_token_warning(session.window, signed_in.token_warning)
        session.window.show_message("Signed in again.", STATUS_TIMEOUT_MS)
        log.info("Signed in again to %s.", connection.label)
        return True

    # -- helpers -------------------------------------------------------------------------------

    async def _check(self, base_url: str, token: str, allow_invalid_certificates: bool) -> None:
        await check_server(base_url, token, allow_invalid_certificates=allow_invalid_certificates)

    def _client(self, base_url: str, token: str, allow_invalid_certificates: bool) -> CueDeskClient:
        return CueDeskClient(base_url, token=token, allow_invalid_certificates=allow_invalid_certificates)

    def _remote(self, profile: Profile, token: str, warning: str | None = None) -> Workspace:
        connection = RemoteConnection(
            self._client(profile.base_url, token, profile.allow_invalid_certificates)
        )
        connection.label = profile.name
        return Workspace(profile.id, connection, profile=profile, token_warning=warning)

    def _sandbox(self) -> Workspace:
        return Workspace(SANDBOX_KEY, self._open_sandbox())

    def _token_missing_note(self, profile: Profile) -> str:
        reason = self.tokens.keyring_problem()
        if reason is not None:
            return f"Enter the token of “{profile.name}”: no keyring is available here to keep it between sessions."
        return f"Enter the token of “{profile.name}”: it is not saved on this computer."

    @staticmethod
    def _show_token_warning(window: MainWindow, warning: str | None) -> None:
        """A permanent note in the status bar while the token is kept in memory only."""
        label = window.statusBar().findChild(QLabel, "tokenWarning")
        if label is None:
            if warning is None:
                return
            label = QLabel(f"⚠ {TOKEN_WARNING}")
            label.setObjectName("tokenWarning")
            label.setAccessibleName(TOKEN_WARNING)
            window.statusBar().addPermanentWidget(label)
        label.setToolTip(warning or "")
        label.setVisible(warning is not None)
        if warning is not None:
            window.show_message(warning, STATUS_TIMEOUT_MS)
