"""Every benchmark, one after the other, then one table of all their figures.

Run: ``uv run python -m tests.benchmarks [--quick] [--only NAME ...] [--bundle]``

Each benchmark runs in its own process (as when run alone) and prints its own details; their
figures (value, baseline measured in the same run, ratio, goal) are gathered and printed together at
the end, with every missed goal named. ``--quick`` scales the workloads down for a first look (the
UI benchmarks keep their 100,000 contacts); ``--bundle`` also builds the PyInstaller bundle and
times it (minutes). Results and the machine they ran on are written up in ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.figures import FIGURES_ENV, read, table

ROOT = Path(__file__).resolve().parents[2]

#: name → (module, arguments of a full run, arguments of a quick run)
BENCHMARKS: dict[str, tuple[str, list[str], list[str]]] = {
    "startup": ("bench_startup", [], ["--runs", "3"]),
    "sandbox": ("bench_sandbox", [], ["--runs", "3"]),
    "ui": ("bench_ui", [], ["--searches", "4", "--edits", "3"]),
    "server": ("bench_server", [], ["--contacts", "20000", "--runs", "10", "--batches", "10"]),
    "client": ("bench_client", [], ["--runs", "3"]),
    "import": ("bench_import", [], ["--rows", "20000"]),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads, for a first look")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run only these")
    parser.add_argument("--bundle", action="store_true", help="also build and time the desktop bundle")
    args = parser.parse_args(argv)
    chosen = [name for name in BENCHMARKS if not args.only or name in args.only]
    # Children compile their modules once and reuse the bytecode, as an installed app does.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = []
    with tempfile.TemporaryDirectory(prefix="cuedesk-bench-") as folder:
        figures_file = Path(folder) / "figures.jsonl"
        figures_file.touch()
        env[FIGURES_ENV] = str(figures_file)
        runs = [(name, *BENCHMARKS[name]) for name in chosen]
        if args.bundle:
            runs.append(("bundle", "bench_bundle", [], []))
        for name, module, full, quick in runs:
            print(f"\n=== {name} ===", flush=True)
            command = [sys.executable, "-m", f"tests.benchmarks.{module}", *(quick if args.quick else full)]
            if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
                failed.append(name)
        figures = read(str(figures_file))
    print(f"\n=== all figures ({platform.node()}, {platform.platform()}, {os.cpu_count()} CPUs,"
          f" load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}) ===")  # fmt: skip
    print("\n".join(table(figures)))
    missed = [f for f in figures if f.met is False]
    print(
        f"\n{len(figures)} figures, {len(missed)} goals missed"
        + (f": {', '.join(f'{f.benchmark}: {f.measure}' for f in missed)}" if missed else ".")
    )
    if failed:
        print(f"FAILED to run: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
