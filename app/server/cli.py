"""``cuedesk-server``: run the API, create tokens, seed demo data, migrate a database."""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
import time
from collections.abc import Sequence

from . import collector
from .serving import import_fastapi, without_pydantic_plugins

DEFAULT_DB = "cuedesk-contacts.db"


def _database(path: str):
    from .db import Database

    database = Database(path)
    database.migrate()
    return database


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .serving import server_config, without_pydantic_v1

    without_pydantic_v1()
    from .app import create_app

    api = create_app(_database(args.db), migrate=False)
    config = server_config(
        api,
        host=args.host,
        port=args.port,
        fd=args.fd,
        log_level=args.log_level,
        access_log=args.log_level == "debug",
    )
    server = uvicorn.Server(config)
    collector.resume()
    if args.fd is not None:
        sock = socket.socket(fileno=args.fd)
        server.run(sockets=[sock])
    else:
        server.run()
    return 0


def cmd_create_token(args: argparse.Namespace) -> int:
    from .auth import create_token

    database = _database(args.db)
    with database.write() as session, session.begin():
        token = create_token(session, args.workspace, label=args.label)
    print(f"Created a token for the workspace '{args.workspace}': {token}")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from .seed import seed_demo

    database = _database(args.db)
    started = time.perf_counter()
    with database.write() as session, session.begin():
        seed_demo(session, args.contacts, args.workspace, seed=args.seed)
    elapsed = time.perf_counter() - started
    print(f"Seeded {args.contacts} demo contacts into '{args.workspace}' in {elapsed:.1f} s.")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    _database(args.db)
    print(f"The database {args.db} is up to date.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from .auth import DEFAULT_WORKSPACE

    parser = argparse.ArgumentParser(prog="cuedesk-server", description="The CueDesk Contacts API server.")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--db",
            default=os.environ.get("CUEDESK_DB", DEFAULT_DB),
            help="SQLite file path or SQLAlchemy URL (default: $CUEDESK_DB or ./%(default)s)",
        )
        return sub

    serve = with_db(commands.add_parser("serve", help="run the API over HTTP"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--fd", type=int, default=None, help="serve on an already bound socket (inherited fd)")
    serve.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    serve.set_defaults(func=cmd_serve)

    token = with_db(commands.add_parser("create-token", help="create a bearer token and print it last"))
    token.add_argument("--workspace", default=DEFAULT_WORKSPACE, help="workspace name (created if needed)")
    token.add_argument("--label", default=None, help="a note on what the token is for")
    token.set_defaults(func=cmd_create_token)

    seed = with_db(commands.add_parser("seed-demo", help="fill a workspace with realistic demo data"))
    seed.add_argument("--contacts", type=int, default=5000)
    seed.add_argument("--workspace", default=DEFAULT_WORKSPACE)
    seed.add_argument("--seed", type=int, default=42, help="random seed (same seed, same data)")
    seed.set_defaults(func=cmd_seed_demo)

    migrate = with_db(commands.add_parser("migrate", help="create or upgrade the database schema"))
    migrate.set_defaults(func=cmd_migrate)

    from . import sandbox

    sandbox.add_arguments(
        commands.add_parser("sandbox", help="the desktop app's sandbox (started by the app)")
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with collector.paused():  # until a server is built (app/server/collector.py)
        without_pydantic_plugins()
        import_fastapi()  # before the parser: its defaults import the server's modules
        args = build_parser().parse_args(argv)
        return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
