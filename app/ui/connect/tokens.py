"""Where API tokens are kept: the OS keyring, or this process's memory when there is none.

One keyring entry per profile: service ``"CueDesk Contacts"``, account ``profile-<profile id>``, so
profiles (even two on the same server) never overwrite each other's token. A token too long for
the keyring (Windows Credential Manager holds at most 2,560 bytes of UTF-16) is split over several
entries. Keyring calls may block (an unlock prompt): the app runs them off the UI thread.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys
from types import ModuleType

log = logging.getLogger(__name__)


class _LazyKeyring:
    """The ``keyring`` package, imported on first use: loading its backends costs the start tens of
    milliseconds, and a start on the sandbox or on a server given by the environment never needs it."""

    def __getattr__(self, name: str) -> object:
        module: ModuleType = importlib.import_module("keyring")
        importlib.import_module("keyring.backends.fail")
        importlib.import_module("keyring.errors")
        return getattr(module, name)


keyring = _LazyKeyring()

SERVICE = "CueDesk Contacts"
#: Windows Credential Manager's limit for one secret (CRED_MAX_CREDENTIAL_BLOB_SIZE), in UTF-16 bytes.
WINDOWS_SECRET_LIMIT = 2560
#: The first entry of a split token says how many parts follow (``*`` never occurs in a bearer token).
PARTS_MARKER = "*parts:"
NO_KEYRING = (
    "No keyring is available on this system (e.g. GNOME Keyring or KWallet), so the token is kept for this"
    " session only: you will be asked for it again next time."
)


def default_secret_limit() -> int | None:
    return WINDOWS_SECRET_LIMIT if sys.platform == "win32" else None


def secret_size(text: str) -> int:
    """What a secret weighs in the strictest keyring (UTF-16, as Windows stores it)."""
    return len(text.encode("utf-16-le"))


def parts_count(head: str | None) -> int | None:
    """How many parts a split token has, if ``head`` is the first entry of one."""
    if head is None or not head.startswith(PARTS_MARKER):
        return None
    count = head.removeprefix(PARTS_MARKER)
    return int(count) if count.isdigit() else 0


class TokenStore:
    """Tokens by profile id: remembered in the keyring, or held in memory for this session.

    ``save`` and ``load`` never raise for a keyring problem: the token stays in memory and ``save``
    returns a sentence for the user saying so.
    """

    def __init__(self, *, service: str = SERVICE, max_secret_bytes: int | None = None) -> None:
        self.service = service
        self.max_secret_bytes = default_secret_limit() if max_secret_bytes is None else max_secret_bytes
        self._memory: dict[str, str] = {}
        self._unsaved: dict[str, str] = {}  # profile id -> why its token is kept in memory only

    @staticmethod
    def account(profile_id: str) -> str:
        return f"profile-{profile_id}"

    def keyring_problem(self) -> str | None:
        """A sentence for the user when no keyring backend exists at all (headless Linux)."""
        if isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring):
            return NO_KEYRING
        return None

    def prepare(self) -> None:
        """Load the keyring and its backend now (on this thread), so that ``load`` on another thread
        imports nothing (``early_rows.py`` says why that matters)."""
        keyring.get_keyring()

    def load(self, profile_id: str) -> str | None:
        """The profile's token from this session's memory, else from the keyring; ``None`` if neither has it."""
        token = self._memory.get(profile_id)
        if token is not None:
            return token
        try:
            return self._read(self.account(profile_id))
        except keyring.errors.KeyringError as exc:
            log.warning("The keyring could not be read: %s", type(exc).__name__)
            return None

    def save(self, profile_id: str, token: str, *, remember: bool) -> str | None:
        """Keep ``token`` for this session, and in the keyring if ``remember``.

        Returns ``None`` when it went where asked, else why it is kept for this session only (also
        given by ``unsaved_reason`` afterwards); without any keyring that is always said. Not
        remembering a token removes any keyring copy.
        """
        self._memory[profile_id] = token
        self._unsaved.pop(profile_id, None)
        reason = self._store(profile_id, token, remember)
        if reason is not None and (remember or reason == NO_KEYRING):  # without a keyring, always say so
            self._unsaved[profile_id] = reason
            return reason
        return None

    def unsaved_reason(self, profile_id: str) -> str | None:
        """Why the profile's token is held in memory only (no keyring, or the keyring refused it)."""
        return self._unsaved.get(profile_id)

    def forget(self, profile_id: str) -> None:
        """Remove the profile's token from memory and from the keyring."""
        self._memory.pop(profile_id, None)
        self._unsaved.pop(profile_id, None)
        try:
            self._delete(self.account(profile_id))
        except keyring.errors.KeyringError as exc:
            log.warning("The token could not be removed from the keyring: %s", type(exc).__name__)

    # -- the keyring entries -------------------------------------------------------------------

    def _store(self, profile_id: str, token: str, remember: bool) -> str | None:
        account = self.account(profile_id)
        try:
            self._delete(account)
            if remember:
                self._write(account, token)
        except keyring.errors.NoKeyringError:
            return NO_KEYRING
        except keyring.errors.KeyringError as exc:
            reason = str(exc).replace(token, "***") or type(exc).__name__
            log.warning("The keyring refused the token: %s", reason)
            return f"The token could not be saved in the keyring ({reason}), so it is kept for this session only."
        return None

    def _read(self, account: str) -> str | None:
        head = keyring.get_password(self.service, account)
        count = parts_count(head)
        if count is None:
            return head
        parts = [keyring.get_password(self.service, f"{account}#{n}") for n in range(1, count + 1)]
        if not parts or any(part is None for part in parts):
            log.warning("A token split over several keyring entries is incomplete; it is ignored.")
            return None
        return "".join(p for p in parts if p is not None)

    def _write(self, account: str, token: str) -> None:
        limit = self.max_secret_bytes
        if limit is None or secret_size(token) <= limit:
            keyring.set_password(self.service, account, token)
            return
        step = max(limit // 4, 1)  # a character is at most 4 bytes in UTF-16
        parts = [token[i : i + step] for i in range(0, len(token), step)]
        try:
            for number, part in enumerate(parts, start=1):
                keyring.set_password(self.service, f"{account}#{number}", part)
            keyring.set_password(self.service, account, f"{PARTS_MARKER}{len(parts)}")
        except keyring.errors.KeyringError:
            self._delete(account, parts=len(parts))
            raise

    def _delete(self, account: str, parts: int = 0) -> None:
        """Remove an entry and the parts of a split token (``parts``: at least that many)."""
        parts = max(parts, parts_count(keyring.get_password(self.service, account)) or 0)
        for name in [account, *(f"{account}#{n}" for n in range(1, parts + 1))]:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):  # nothing to delete
                keyring.delete_password(self.service, name)
