"""Speed of the unit-safe core, printed as ratios measured in one run.

    .venv/bin/python benchmarks/bench_core.py [--n 1000000] [--repeats 5]

1. ``orbital.evaluate`` on 1e6-element inputs (launch price, specific power and tonnage varied
   together) against the same formulas hand-written in raw numpy on SI arrays (launch, Wright's
   law, the buildout ledger, the lunar driver). The baseline's outputs are checked equal to
   evaluate's first, so the comparison is honest. Budget: ratio ≤ 1.3.
2. One scalar ``evaluate``. Budget: 5 ms.
3. ``orbital evaluate`` cold start in a fresh process. Budget: 0.5 s.

The machine may be shared and noisy: every timing is the best of several repeats.
"""
from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orbital  # noqa: E402
from orbital import Q_  # noqa: E402
from orbital.lunar import driver as lunar  # noqa: E402
from orbital.model import pipeline  # noqa: E402
from orbital.programme import buildout, finance, learning  # noqa: E402
from orbital.space import launch, orbit, power, transfer  # noqa: E402

YEAR = 365.25 * 86400.0
MOON_MU, MOON_R = 4.90279981e12, 1737400.0
CORE = (orbit, power, launch, learning, transfer, finance, buildout, lunar)


def best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


# ----------------------------------------------------------------------------- raw numpy

def raw_numpy(s: dict, price: np.ndarray, sp: np.ndarray, mass: np.ndarray) -> dict:
    """The core formulas written directly in numpy on SI magnitudes (kg, s, USD, W).

    ``s`` holds the other (scalar) SI inputs; ``price`` [USD/kg], ``sp`` [W/kg] and
    ``mass`` [kg/s] are the varied arrays. Assumes the default set's choices:
    given price, Wright learning, escape speed.
    """
    out = {}
    payload = s["launch.payload_per_flight"]
    m0, lr, floor = (s["learning.reference_mass"], s["learning.rate"],
                     s["learning.price_floor"])
    b = np.log2(1.0 - lr)
    minit = s["learning.initial_cumulative_mass"]
    p_init = np.maximum(floor, price * (minit / m0) ** b)
    cap = s["launch.max_flights_per_year"] * payload
    out["launch.initial_price_per_kg"] = p_init
    out["launch.flights_per_year"] = mass / payload
    out["launch.spend_per_year"] = p_init * np.minimum(mass, cap)
    out["launch.cadence_utilisation"] = mass / cap

    # buildout, year-major (Y, N) for contiguous rows
    n_years = int(np.ceil(s["finance.analysis_period"] / YEAR - 1e-9))
    growth = (1.0 + s["buildout.mass_growth_rate"] * YEAR) ** np.arange(n_years)
    launched = np.minimum(mass[None, :] * YEAR * growth[:, None], cap * YEAR)
    d = s["buildout.array_degradation"] * YEAR
    f = s["buildout.compute_failure_rate"] * YEAR
    phi = s["buildout.replacement_mass_fraction"]
    life = int(round(s["buildout.service_life"] / YEAR))
    keep = 1.0 - d
    n = mass.shape[0]
    history = np.zeros((n_years, n))
    installed = np.empty((n_years, n))
    active = np.zeros(n)
    survival = np.ones(n)
    prev = np.zeros(n)
    repl_y = np.empty((n_years, n))
    new_y = np.empty((n_years, n))
    deg_y = np.empty((n_years, n))
    fail_y = np.empty((n_years, n))
    retired_y = np.zeros((n_years, n))
    for y in range(n_years):
        need = f * phi * prev / sp
        repl = np.minimum(launched[y], need)
        restored = np.divide(repl, need, out=np.ones(n), where=need > 0)
        unrestored = f * (1.0 - restored)
        survival *= 1.0 - unrestored
        new = (launched[y] - repl) * sp
        entering = np.divide(new, survival, out=np.zeros(n), where=survival > 0)
        active = active * keep + entering
        history[y] = entering
        if y >= life:
            gone = history[y - life] * keep ** life
            active = np.maximum(active - gone, 0.0)
            retired_y[y] = survival * gone
        installed[y] = survival * active
        repl_y[y], new_y[y] = repl, new
        deg_y[y], fail_y[y] = d * prev, unrestored * prev * keep
        prev = installed[y]
    cumulative = np.cumsum(launched, axis=0)
    price_y = np.maximum(floor, price * ((minit + cumulative - launched) / m0) ** b)
    spend = price_y * launched
    before = np.concatenate([np.zeros((1, n)), installed[:-1]])
    out["buildout.launched_mass"] = launched.T / YEAR
    out["buildout.replacement_mass"] = repl_y.T / YEAR
    out["buildout.gross_power_added"] = (launched * sp).T / YEAR
    out["buildout.new_power"] = new_y.T / YEAR
    out["buildout.degradation_loss"] = deg_y.T / YEAR
    out["buildout.failure_loss"] = fail_y.T / YEAR
    out["buildout.retired_power"] = retired_y.T / YEAR
    out["buildout.net_power_added"] = (installed - before).T / YEAR
    out["buildout.installed_power"] = installed.T
    out["buildout.cumulative_mass"] = cumulative.T
    out["buildout.price_per_kg"] = price_y.T
    out["buildout.launch_spend"] = spend.T / YEAR
    out["buildout.power_added_per_year"] = launched[0] * sp / YEAR
    g = (1.0 - keep ** life) / d if d > 0 else life
    ss = launched[0] * sp * g / (1.0 + f * phi * g)
    out["buildout.steady_state_power"] = ss
    out["buildout.steady_state_replacement_mass"] = f * ss * phi / sp / YEAR
    last = s["finance.analysis_period"] / YEAR
    i = int(np.ceil(last - 1e-9)) - 1
    out["buildout.final_installed_power"] = before[i] + (installed[i] - before[i]) * min(
        last - i, 1.0)
    w = np.clip(last - np.arange(n_years), 0.0, 1.0)[:, None]
    total_mass = (w * launched).sum(axis=0)
    total_spend = (w * spend).sum(axis=0)
    out["buildout.total_mass"] = total_mass
    out["buildout.total_launch_spend"] = total_spend
    out["buildout.mean_price_per_kg"] = total_spend / total_mass

    # lunar driver (escape speed); its capital depends on the Earth price
    v = np.sqrt(2.0 * MOON_MU / MOON_R)
    e = 0.5 * v * v
    rate = s["lunar.shots_per_second"] * s["lunar.payload_per_shot"] * s["lunar.duty_cycle"]
    capital = s["lunar.hardware_cost"] + (s["lunar.shipped_mass"] * s["lunar.surface_delivery_factor"]
                                          * p_init)
    cost = (capital / (s["lunar.shot_life"] * s["lunar.payload_per_shot"])
            + s["lunar.operations_per_year"] / rate + e / s["lunar.efficiency"]
            * s["lunar.electricity_price"])
    out["lunar.capital_cost"] = capital
    out["lunar.capital_per_kg"] = capital / (s["lunar.shot_life"] * s["lunar.payload_per_shot"])
    out["lunar.cost_per_kg"] = cost
    out["lunar.cost_ratio_to_earth"] = cost / p_init
    return out


@contextlib.contextmanager
def core_pipeline_only():
    """Run only the issue-2 core steps (the ones the baseline writes out), for a like-for-like
    comparison; later issues' modules add their own work to the full pipeline."""
    saved = pipeline.MODULES
    pipeline.MODULES = CORE
    try:
        yield
    finally:
        pipeline.MODULES = saved


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    n, reps = args.n, args.repeats

    base = orbital.load("default")
    rng = np.random.default_rng(0)
    price = rng.uniform(100.0, 3000.0, n)           # USD/kg
    sp_kw_t = rng.uniform(10.0, 150.0, n)           # kW/t = W/kg
    mass_t_yr = rng.uniform(1e3, 1e6, n)            # t/yr
    overrides = {"launch.price_per_kg": Q_(price, "USD/kg"),
                 "power.specific_power": Q_(sp_kw_t, "kW/t"),
                 "buildout.mass_per_year": Q_(mass_t_yr, "t/yr")}
    s = dict(base.si())
    mass_si = mass_t_yr * 1000.0 / YEAR

    # honesty check: the baseline computes what evaluate computes
    with core_pipeline_only():
        res = orbital.evaluate(base, overrides)
    ref = raw_numpy(s, price, sp_kw_t, mass_si)
    for name, value in ref.items():
        np.testing.assert_allclose(res.si(name), value, rtol=1e-9, atol=0, err_msg=name)
    del res
    print(f"baseline checked: {len(ref)} results equal evaluate's on {n:,} samples")

    # interleaved, so that load from other processes falls on both sides alike
    t_raw = t_core = float("inf")
    for _ in range(reps):
        t_raw = min(t_raw, best(lambda: raw_numpy(s, price, sp_kw_t, mass_si), 1))
        with core_pipeline_only():
            t_core = min(t_core, best(lambda: orbital.evaluate(base, overrides), 1))
    t_full = best(lambda: orbital.evaluate(base, overrides), max(2, reps // 2))

    scalar = best(lambda: orbital.evaluate(base), 50)
    cold = best(lambda: subprocess.run([sys.executable, "-m", "orbital.cli", "evaluate"],
                                       cwd=ROOT, stdout=subprocess.DEVNULL, check=True), 5)

    print(f"\nbest of {reps} repeats, N = {n:,}")
    print(f"  raw numpy (launch, learning, ledger, lunar)  {t_raw * 1e3:9.1f} ms")
    print(f"  evaluate, issue-2 core steps                 {t_core * 1e3:9.1f} ms"
          f"   ratio {t_core / t_raw:5.2f}  (budget 1.30)")
    print(f"  evaluate, full pipeline ({len(pipeline.MODULES)} modules)        "
          f"{t_full * 1e3:9.1f} ms   ratio {t_full / t_raw:5.2f}  (includes later issues' steps)")
    print(f"  one scalar evaluate (best of 50)             {scalar * 1e3:9.2f} ms"
          f"   ratio to 5 ms budget {scalar / 5e-3:5.2f}")
    print(f"  `orbital evaluate` cold start (best of 5)    {cold * 1e3:9.1f} ms"
          f"   ratio to 0.5 s budget {cold / 0.5:5.2f}")
    ok = t_core / t_raw <= 1.3 and scalar <= 5e-3 and cold <= 0.5
    print("\nall within budget" if ok else "\nOVER BUDGET (see ratios above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
