"""Bundle benchmark: the Linux bundle's size, and its ``--smoke-test`` wall time against the source checkout.

Run it with ``uv run python -m tests.benchmarks.bench_bundle [--runs N] [--bundle DIR]``. In one run it:

1. builds the PyInstaller bundle (``packaging/build.py bundle``), unless ``--bundle`` names one already built;
2. seeds one sandbox folder (the first smoke test), so every timed run starts on seeded data;
3. times ``cuedesk-contacts --smoke-test`` N times from the bundle and N times from source
   (``python -m app.main``), alternating, and prints the medians, the ratio and the size.

Goals (issue 10): bundle ≤ 150 MB, frozen start ≤ 1.3× source start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.figures import Figure, publish

ROOT = Path(__file__).resolve().parents[2]
SIZE_GOAL_MB = 150
RATIO_GOAL = 1.3


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{cmd[0]} --smoke-test failed: {result.stderr.strip()}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, help="an already built bundle folder (dist/cuedesk-contacts)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cuedesk-bench-bundle-") as scratch:
        root = Path(scratch)
        bundle = args.bundle
        if bundle is None:
            subprocess.run(
                [
                    sys.executable,
                    "packaging/build.py",
                    "bundle",
                    "--dist",
                    str(root / "dist"),
                    "--work",
                    str(root / "build"),
                ],
                cwd=ROOT,
                check=True,
            )
            bundle = root / "dist" / "cuedesk-contacts"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CUEDESK_SANDBOX_DIR": str(root / "sandbox")}
        frozen = [str(bundle / "cuedesk-contacts"), "--smoke-test"]
        source = [sys.executable, "-m", "app.main", "--smoke-test"]
        timed(source, env)  # seeds the sandbox; not counted
        frozen_times, source_times = [], []
        for _ in range(args.runs):
            frozen_times.append(timed(frozen, env))
            source_times.append(timed(source, env))
        size_mb = folder_size(bundle) / 1e6
    frozen_s, source_s = statistics.median(frozen_times), statistics.median(source_times)
    ratio = frozen_s / source_s
    print(f"{'figure':<34}{'value':>12}{'goal':>12}")
    print(f"{'bundle size (MB)':<34}{size_mb:>12.1f}{'≤ 150':>12}")
    print(f"{'--smoke-test, frozen (s, median)':<34}{frozen_s:>12.2f}")
    print(f"{'--smoke-test, source (s, median)':<34}{source_s:>12.2f}")
    print(f"{'ratio frozen / source':<34}{ratio:>12.2f}{'≤ 1.3':>12}")
    missed = [
        name for name, ok in (("size", size_mb <= SIZE_GOAL_MB), ("start", ratio <= RATIO_GOAL)) if not ok
    ]
    print("goals met" if not missed else f"GOAL MISSED: {', '.join(missed)}")
    publish(
        [
            Figure("bundle", "size (MB)", size_mb, "MB", None, "", f"<= {SIZE_GOAL_MB:.0f} MB", size_mb <= SIZE_GOAL_MB),
            Figure("bundle", "--smoke-test, frozen", frozen_s * 1000, "ms", source_s * 1000, "from source",
                   f"<= {RATIO_GOAL}x", ratio <= RATIO_GOAL),
        ]
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
