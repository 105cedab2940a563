"""The time axis on Monte Carlo draws: its cost against the static model's on the same draws,
and the ground's year-by-year capacity (orbital/ground/years.py) inside it; ratios measured in
one run.

    .venv/bin/python benchmarks/bench_timeline.py [--n 200000] [--years 25] [--repeats 3]

1. ``compare.crossover_year`` (the whole time axis) against ``compare.cost_ratio`` (static) on
   the same ``--n`` draws of every distribution of the default set over ``--years`` years.
   Issue 11's budget: ratio ≤ 3.
2. ``ground.capacity_year`` (the ground's by-year capacity and the timeline's scalars) against
   the same static run: what the ground's year-by-year build adds.

The machine may be shared: the sides of each ratio are measured interleaved, best of
``--repeats``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_speed import interleaved  # noqa: E402  (one timing helper, reused)

import orbital  # noqa: E402
from orbital import Q_, analysis  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--years", type=int, default=25)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    base = orbital.load("default").with_values({"finance.analysis_period": Q_(a.years, "yr")})
    for name in ("compare.cost_ratio", "compare.crossover_year", "ground.capacity_year"):
        analysis.monte_carlo(base, [name], n=4096, seed=1)  # warm caches outside the timing
    static, cross, ground = interleaved(
        [lambda name=name: analysis.monte_carlo(base, [name], n=a.n, seed=1)
         for name in ("compare.cost_ratio", "compare.crossover_year", "ground.capacity_year")],
        a.repeats)
    print(f"Monte Carlo, {a.n:,} draws of the default set over {a.years} years")
    print(f"   static compare.cost_ratio        {static:7.2f} s")
    print(f"1. compare.crossover_year (timeline) {cross:7.2f} s   ratio {cross / static:5.2f}"
          "  (budget ≤ 3)")
    print(f"2. ground.capacity_year              {ground:7.2f} s   ratio {ground / static:5.2f}")
    return 0 if cross / static <= 3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
