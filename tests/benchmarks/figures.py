"""Benchmark figures: each measured beside a baseline from the same run, with its goal.

Every benchmark prints its own table with :func:`publish`. When ``python -m tests.benchmarks`` runs
them all, it sets :data:`FIGURES_ENV` to a file; :func:`publish` then also appends the figures there
as JSON lines, and the runner prints one table of all of them at the end.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass

FIGURES_ENV = "CUEDESK_BENCH_FIGURES"


@dataclass(frozen=True)
class Figure:
    """One measure: its value, the baseline measured in the same run, and whether its goal is met.

    ``met`` is ``None`` for a figure printed for information (no goal).
    """

    benchmark: str
    measure: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    goal: str = ""
    met: bool | None = None

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: ""}[self.met]


def amount(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"
    if unit == "x":
        return f"{value:.2f}x"
    if unit in ("", "count"):
        return f"{value:,.0f}"
    return f"{value:,.1f} {unit}"


def table(figures: Iterable[Figure]) -> list[str]:
    """The figures as a text table: measure, value, baseline, ratio, goal, verdict."""
    rows = [("benchmark", "measure", "value", "baseline", "ratio", "goal", "")]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        baseline = amount(f.baseline, f.unit)
        if baseline and f.baseline_name:
            baseline = f"{baseline} ({f.baseline_name})"
        rows.append((f.benchmark, f.measure, amount(f.value, f.unit), baseline, ratio, f.goal, f.verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {2, 4}
    lines = []
    for n, row in enumerate(rows):
        cells = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def publish(figures: list[Figure]) -> None:
    """Print ``figures`` as a table (and the goals missed); hand them to the runner if it is listening."""
    print()
    print("\n".join(table(figures)))
    missed = [f for f in figures if f.met is False]
    for f in missed:
        print(f"GOAL MISSED: {f.benchmark}: {f.measure}: {amount(f.value, f.unit)} (goal: {f.goal})")
    if not missed and any(f.met is not None for f in figures):
        print("Every goal of this benchmark is met.")
    target = os.environ.get(FIGURES_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as out:
            for f in figures:
                out.write(json.dumps(asdict(f)) + "\n")


def read(path: str) -> list[Figure]:
    """The figures the benchmarks appended to ``path``."""
    with open(path, encoding="utf-8") as lines:
        return [Figure(**json.loads(line)) for line in lines if line.strip()]
