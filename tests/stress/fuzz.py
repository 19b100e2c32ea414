"""Fuzz the server through its OpenAPI document with schemathesis, every check on.

The server runs as a real process on a loopback socket with a new database; schemathesis (its CLI,
in a child process) loads ``/openapi.json`` and runs its four phases: the documented examples,
coverage (boundary values, every invalid variant of each member, methods a path does not have),
fuzzing (random valid and invalid requests) and stateful sequences (create → read → update →
delete chains inferred from the document). Every check runs: no 5xx, every status documented,
every response matching its schema (the error envelope included), bodies that break the schema
refused, 405 with ``Allow`` for undocumented methods, 401 without the token, no use after delete...
``positive_data_acceptance`` and ``ensure_resource_availability`` run as :mod:`tests.stress.fuzz_hooks`
refines them (each lets through one kind of answer the original cannot tell from a bug).

Suite: ``tests/server/test_fuzz.py`` (a few examples per operation, fixed seed).
Release: ``uv run python -m tests.stress.fuzz --examples 500`` (about 12 minutes; ``--seed`` to replay).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.stress.fuzz_hooks import REFINED
from tests.stress.server import new_database, running_server

REPO = Path(__file__).resolve().parents[2]
PHASES = ("examples", "coverage", "fuzzing", "stateful")
CONFIG = """\
headers = { Authorization = "Bearer ${CUEDESK_FUZZ_TOKEN}" }

[generation]
database = "none"
"""


@dataclass(frozen=True)
class FuzzResult:
    """What a run did: its exit code, its console output, its figures and the server's logged errors."""

    returncode: int
    output: str
    operations: int
    cases: int
    failures: int
    server_errors: list[str]

    @property
    def passed(self) -> bool:
        return self.returncode == 0 and self.failures == 0 and not self.server_errors

    def summary(self) -> str:
        return (
            f"{self.cases} test cases over {self.operations} operations, {self.failures} failures,"
            f" {len(self.server_errors)} server errors logged"
        )


def fuzz(
    workdir: Path, *, examples: int, seed: int | None = None, phases: tuple[str, ...] = PHASES
) -> FuzzResult:
    """Run schemathesis against a new server process whose database lives in ``workdir``."""
    db = workdir / "fuzz.db"
    token = new_database(db)
    with running_server(db) as server:
        result = run_schemathesis(server.origin, token, workdir, examples=examples, seed=seed, phases=phases)
        errors = server.errors_logged()
    return dataclasses.replace(result, server_errors=errors)


def run_schemathesis(
    origin: str,
    token: str,
    workdir: Path,
    *,
    examples: int,
    seed: int | None = None,
    phases: tuple[str, ...] = PHASES,
) -> FuzzResult:
    """Run schemathesis' CLI against the server at ``origin`` (its ``/openapi.json``), every check on."""
    config = workdir / "schemathesis.toml"
    config.write_text(CONFIG)
    report = workdir / "report.json"
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "run",
        "--checks",
        "all",
        "--exclude-checks",
        ",".join(REFINED),
        "--phases",
        ",".join(phases),
        "--max-examples",
        str(examples),
        "--workers",
        "1",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--no-color",
    ]
    if seed is not None:
        command += ["--seed", str(seed)]
    env = {
        **os.environ,
        "CUEDESK_FUZZ_TOKEN": token,
        "SCHEMATHESIS_HOOKS": "tests.stress.fuzz_hooks",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    completed = subprocess.run(
        [*command, origin + "/openapi.json"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    operations, cases, failures = _figures(report)
    return FuzzResult(
        completed.returncode, completed.stdout + completed.stderr, operations, cases, failures, []
    )


def _figures(report: Path) -> tuple[int, int, int]:
    if not report.exists():
        return 0, 0, 0
    data = json.loads(report.read_text())
    cases = data["test_cases"]
    return data["operations"]["tested"], cases["generated"], cases["unique_failures"] + cases["errored"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500, help="test cases per operation and phase")
    parser.add_argument("--seed", type=int, default=None, help="replay a run (printed at its end)")
    parser.add_argument(
        "--phases", default=",".join(PHASES), help="comma-separated subset of " + ",".join(PHASES)
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cuedesk-fuzz-") as workdir:
        result = fuzz(
            Path(workdir), examples=args.examples, seed=args.seed, phases=tuple(args.phases.split(","))
        )
    print(result.output)
    for line in result.server_errors:
        print("server:", line)
    print(result.summary())
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
