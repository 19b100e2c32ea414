"""A throwaway PostgreSQL cluster for the tests: started from the machine's binaries in a temporary
folder, reachable only through a unix socket there, and removed at the end.

Its default collation is ICU's ``en-US`` where ICU is built in (as in Debian's packages): a locale-aware
order, as most production databases have, so that code which forgets the "C" collation for text that
must compare by code point fails here. Tests get scratch databases cloned from one migrated template
and emptied again after use (cheaper than a new database per test).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

SUPERUSER = "cuedesk"
TEMPLATE = "cuedesk_template"
SEARCH_PATHS = ("/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))


def find_binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or ``None`` if this machine has none."""
    candidates = [Path(p).parent for p in (shutil.which("initdb"),) if p] + [Path(p) for p in SEARCH_PATHS]
    for folder in candidates:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _unprivileged_user() -> pwd.struct_passwd | None:
    """PostgreSQL refuses to run as root: as root, run it as ``postgres`` (or ``nobody``)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root, and neither a 'postgres' nor a 'nobody' user exists")


class PostgresCluster:
    """A PostgreSQL server of our own: :meth:`start`, then :meth:`scratch_database`, then :meth:`stop`."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="cuedesk-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._user = _unprivileged_user()
        self._free: list[str] = []
        self._count = 0

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.folder}"

    def _run(self, *args: str) -> None:
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        user = (
            {}
            if self._user is None
            else {"user": self._user.pw_uid, "group": self._user.pw_gid, "extra_groups": []}
        )
        result = subprocess.run(
            [str(self.binaries / args[0]), *args[1:]],
            cwd=self.folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            **user,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{args[0]} failed ({result.returncode}): {result.stderr.strip() or result.stdout}"
            )

    def start(self) -> None:
        if self._user is not None:
            os.chown(self.folder, self._user.pw_uid, self._user.pw_gid)
        initdb = ("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync")
        try:
            self._run(*initdb, "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US")
        except RuntimeError:  # a build without ICU: the libc locale only
            shutil.rmtree(self.data, ignore_errors=True)
            self._run(*initdb, "--locale=C.UTF-8")
        options = (
            f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
            " -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start"
        )
        self.admin(f"CREATE DATABASE {TEMPLATE}")
        from app.server.db import Database

        template = Database(self.url(TEMPLATE))
        template.migrate()
        template.dispose()

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def admin(self, statement: str, database: str = "postgres") -> None:
        """Run ``statement`` as the superuser, outside any transaction."""
        import psycopg

        with psycopg.connect(host=str(self.folder), user=SUPERUSER, dbname=database, autocommit=True) as conn:
            conn.execute(statement)

    def new_database(self, name: str, *, template: str = TEMPLATE, options: str = "") -> str:
        """A new database (by default a copy of the migrated template; ``template0`` for an empty one)
        with ``CREATE DATABASE`` ``options``; its URL."""
        self.admin(f"CREATE DATABASE {name} TEMPLATE {template} {options}")
        return self.url(name)

    @contextlib.contextmanager
    def scratch_database(self) -> Iterator[str]:
        """The URL of a migrated database with no rows, emptied again afterwards for the next test."""
        if self._free:
            name = self._free.pop()
        else:
            self._count += 1
            name = f"scratch_{self._count}"
            self.new_database(name)
        try:
            yield self.url(name)
        finally:
            self._empty(name)
            self._free.append(name)

    def _empty(self, name: str) -> None:
        from app.server.models import Base

        # DELETE, not TRUNCATE: it never waits for a connection a test may have left open.
        self.admin(
            "; ".join(f"DELETE FROM {table.name}" for table in reversed(Base.metadata.sorted_tables)),
            database=name,
        )
