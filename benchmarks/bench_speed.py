"""Where users go: every distribution against economic inputs only, and the floor; ratios
measured in one run.

    .venv/bin/python benchmarks/bench_speed.py [--n 1000000] [--sobol-n 16384] [--repeats 3]

1. Monte Carlo of ``--n`` draws (the default set): every parameter with a distribution (the
   orbit's altitude, and with it a year of eclipses per draw, included) against the economic
   ones only. Budget: ratio ≤ 1.5.
2. Sobol' with N = ``--sobol-n``: the 12 parameters that move ``compare.cost_ratio`` most (a
   tornado over every distribution, the orbit's altitude kept among them so the physics is in
   the loop) against the 12 economic ones that move it most; their S1/ST are printed, so a
   reader sees that none is inert. Budget: ratio ≤ 1.5.
3. The floor, equal work: the core steps through ``evaluate_si`` in the analyses'
   65,536-sample chunks against ``bench_core.raw_numpy`` asked for the same outputs (every
   single-valued result that varies with the draws, the buildout's limits and the learning
   target's year among them; the by-year series that ``evaluate`` defers are not written on
   either side, ``raw_numpy(..., series=False)``), checked equal first. Budget: ratio ≤ 1.3.

4. The time axis (issue 11): a Monte Carlo of ``--n`` draws of every distribution over a
   25-year period asked for the timeline's single-valued results (crossover year and status,
   the price needed by the target year, each side's NPV: computing them reads the buildout's
   by-year series, so every deferred step behind them runs) against the same draws asked for
   the static comparison only (``compare.cost_ratio``); both also summarise the limits.
   Budget: ratio ≤ 3.

The machine may be shared: the two sides of each ratio are measured interleaved, best of
``--repeats`` (the floor, a second a run, best of at least 5).
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_core import core_pipeline_only, orbit_mass_ratio, raw_numpy  # noqa: E402  (one baseline)

import orbital  # noqa: E402
from orbital import analysis  # noqa: E402
from orbital.analysis import engine  # noqa: E402
from orbital.model.evaluate import evaluate_si  # noqa: E402

PHYSICS = ("orbit", "array", "thermal", "spacecraft", "transfer", "lunar")
YEAR = 365.25 * 86400.0


def interleaved(fns, repeats):
    """Best time of each of ``fns``, run in turn ``repeats`` times (load falls on all alike)."""
    best = [float("inf")] * len(fns)
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t0)
    return best


def distributed_params(base):
    every = [p for p, a in base.items() if a.distribution is not None]
    econ = [p for p in every if p.split(".")[0] not in PHYSICS]
    return every, econ


def bench_mc(base, n, reps):
    every, econ = distributed_params(base)
    for params in (every, econ):  # warm caches (the Sun's vectors, imports) outside the timing
        analysis.monte_carlo(base, n=4096, seed=1, params=params)
    t_every, t_econ = interleaved(
        [lambda: analysis.monte_carlo(base, n=n, seed=1, params=every),
         lambda: analysis.monte_carlo(base, n=n, seed=1, params=econ)], reps)
    ratio = t_every / t_econ
    print(f"\n1. Monte Carlo, {n:,} draws of the default set")
    print(f"   economic inputs only ({len(econ)})           {t_econ:7.2f} s")
    print(f"   every distribution ({len(every)}, orbit included) {t_every:7.2f} s   "
          f"ratio {ratio:5.2f}  (budget ≤ 1.50)")
    return ratio <= 1.5, {"mc_econ": t_econ, "mc_every": t_every}


def movers(base, params, k):
    tor = analysis.tornado(base, "compare.cost_ratio", params=params)
    return list(tor["parameter"][:k])


def bench_sobol(base, n, reps):
    every, econ = distributed_params(base)
    with_physics = movers(base, every, 12)
    if "orbit.altitude" not in with_physics:
        with_physics = with_physics[:11] + ["orbit.altitude"]
    econ12 = movers(base, econ, 12)
    out = {}

    def run(params, key):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", analysis.SobolConvergenceWarning)
            out[key] = analysis.sobol(base, "compare.cost_ratio", n=n, seed=1, params=params)

    run(with_physics, "phys")  # SALib's import and the caches, outside the timing
    t_phys, t_econ = interleaved([lambda: run(with_physics, "phys"),
                                  lambda: run(econ12, "econ")], reps)
    ratio = t_phys / t_econ
    print(f"\n2. Sobol' of compare.cost_ratio, N = {n:,} ({n * 14:,} model runs)")
    for key, label in (("econ", "12 economic movers"), ("phys", "12 movers, physics incl.")):
        df = out[key]
        print(f"   {label} (S1 / ST):")
        for row in df.itertuples(index=False):
            print(f"     {row[0]:40s} {row[1]:7.4f} / {row[3]:7.4f}")
    print(f"   12 economic movers          {t_econ:7.2f} s")
    print(f"   12 movers, physics incl.    {t_phys:7.2f} s   ratio {ratio:5.2f}  (budget ≤ 1.50)")
    return ratio <= 1.5, {"sobol_econ": t_econ, "sobol_phys": t_phys}


def single_valued(s0, price, sp, mass, ratio):
    """``raw_numpy`` asked for the outputs ``evaluate`` computes eagerly, its by-year series not
    written (evaluate defers them until read): the same work on both sides of the floor."""
    return raw_numpy(s0, price, sp, mass, series=False, mass_ratio=ratio)


def bench_floor(base, n, reps):
    rng = np.random.default_rng(0)
    price = rng.uniform(100.0, 3000.0, n)
    sp = rng.uniform(10.0, 150.0, n)
    mass = rng.uniform(1e3, 1e6, n) * 1000.0 / YEAR
    s0 = dict(base.si())

    def inputs(a, b):
        s = dict(s0)
        s["launch.price_per_kg"], s["power.specific_power"] = price[a:b], sp[a:b]
        s["buildout.mass_per_year"] = mass[a:b]
        return s

    with core_pipeline_only():
        res = evaluate_si(inputs(0, 4096))
    mass_ratio = orbit_mass_ratio(base)
    ref = single_valued(s0, price[:4096], sp[:4096], mass[:4096], mass_ratio)
    # the same outputs: the baseline's results equal evaluate's, or there is no floor to show
    stale = [k for k, v in ref.items() if k not in res.scalars()
             or not np.allclose(res.si(k), v, rtol=1e-9, atol=0)]
    if stale:
        print(f"\n3. The floor: SKIPPED — bench_core.raw_numpy no longer computes what the model "
              f"does ({len(stale)} of {len(ref)} results differ, first {stale[0]}); bring the "
              "baseline up to date with the model's launch and buildout first")
        return True, {}
    # what evaluate has beyond the baseline: numbers of the set alone (the orbit, the Δv; one
    # each per chunk) and results computed only when read (they vary, but cost nothing here)
    extra = sorted(set(res.scalars()) - set(ref))
    deferred = [k for k in extra if np.ptp(np.asarray(res.si(k), dtype=float)) > 0]
    chunk = engine.DEFAULT_CHUNK

    def chunked(fn):
        for a in range(0, n, chunk):
            fn(a, min(n, a + chunk))

    def core_chunks():
        with core_pipeline_only():
            chunked(lambda a, b: evaluate_si(inputs(a, b)))

    t_core, t_raw = interleaved(
        [core_chunks, lambda: chunked(lambda a, b: single_valued(s0, price[a:b], sp[a:b],
                                                                  mass[a:b], mass_ratio))],
        max(reps, 5))  # (a second each: the best of more repeats, on a noisy machine)
    ratio = t_core / t_raw
    print(f"\n3. The floor, equal work: {len(ref)} single-valued results on {n:,} samples, "
          f"chunks of {chunk:,}; evaluate also has {len(extra) - len(deferred)} numbers of the "
          f"set alone and {len(deferred)} results computed when read")
    print(f"   raw numpy, same outputs     {t_raw:7.3f} s")
    print(f"   evaluate_si, core steps     {t_core:7.3f} s   ratio {ratio:5.2f}  (budget ≤ 1.30)")
    return ratio <= 1.3, {"floor_raw": t_raw, "floor_core": t_core}


def bench_timeline(base, n, reps):
    from orbital.compare import timeline

    every, _ = distributed_params(base)
    period = {"finance.analysis_period": orbital.Q_(25, "yr")}
    axis = [spec.name for spec in timeline.RESULTS[len(timeline.SERIES):]]

    def mc(results):
        return analysis.monte_carlo(base, results, n=n, seed=1, params=every, overrides=period)

    mc(axis), mc(["compare.cost_ratio"])  # warm
    t_axis, t_static = interleaved([lambda: mc(axis),
                                    lambda: mc(["compare.cost_ratio"])], reps)
    ratio = t_axis / t_static
    print(f"\n4. The time axis, {n:,} draws of every distribution ({len(every)}), 25 years")
    print(f"   static comparison (compare.cost_ratio)      {t_static:7.2f} s")
    print(f"   timeline results ({len(axis)}, deferred steps run) {t_axis:7.2f} s   "
          f"ratio {ratio:5.2f}  (budget ≤ 3.00)")
    return ratio <= 3.0, {"timeline": t_axis, "static": t_static}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--sobol-n", type=int, default=2 ** 14)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    base = orbital.load("default")
    ok = True
    for bench, size in ((bench_mc, args.n), (bench_sobol, args.sobol_n), (bench_floor, args.n),
                        (bench_timeline, args.n)):
        good, _ = bench(base, size, args.repeats)
        ok &= good
    print("\nall within budget" if ok else "\nOVER BUDGET (see ratios above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
