"""Speed of the unit-safe core, printed as ratios measured in one run.

    .venv/bin/python benchmarks/bench_core.py [--n 1000000] [--repeats 5]

1. ``orbital.evaluate`` on 1e6-element inputs (launch price, specific power and tonnage varied
   together) against the same formulas hand-written in raw numpy on SI arrays (launch, Wright's
   law, the buildout ledger, the lunar driver). The baseline's outputs are checked equal to
   evaluate's first (on the same SI floats, all 27 results, by-year series included); then
   timed for the same work: the single-valued results, the by-year series that evaluate
   defers until read not written on either side. Budget: ratio ≤ 1.3.
2. One scalar ``evaluate``. Budget: 5 ms.
3. ``orbital evaluate`` cold start in a fresh process, bytecode cached (:func:`cold_start`).
   Budget: 0.5 s.

The machine may be shared and noisy: every timing is the best of several repeats.
"""
from __future__ import annotations

import argparse
import contextlib
import os
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
from orbital.model.evaluate import checked_si_inputs  # noqa: E402
from orbital.programme import buildout, finance, learning  # noqa: E402
from orbital.space import launch, orbit, power, transfer  # noqa: E402

YEAR = 365.25 * 86400.0
MOON_MU, MOON_R = 4.90279981e12, 1737400.0  # m^3/s^2, m
EARTH_MU, EARTH_R, G0 = 3.986004418e14, 6378136.6, 9.80665  # m^3/s^2, m, m/s^2
LUNAR_DISTANCE = 384_400e3  # m, mean Earth-Moon distance
CORE = (orbit, power, launch, learning, transfer, finance, buildout, lunar)


def best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


#: The environment of the cold starts: this one, but free to cache bytecode. A package
#: installed from a wheel has its ``.pyc`` files written by pip, while this checkout's would be
#: compiled afresh on every start where PYTHONDONTWRITEBYTECODE is set (as on CI machines),
#: which is not the start a user sees.
COLD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cold_start(cmd, repeats=5):
    """Best wall time of ``cmd`` in a fresh process after one untimed start (bytecode cached,
    files in the page cache: the start a user sees from the second run on)."""
    times = []
    for _ in range(repeats + 1):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True, env=COLD_ENV)
        times.append(time.perf_counter() - t0)
    return min(times[1:])


# ----------------------------------------------------------------------------- raw numpy

def raw_numpy(s: dict, price: np.ndarray, sp: np.ndarray, mass: np.ndarray,
              series: bool = True, mass_ratio: float | None = None) -> dict:
    """The core formulas written directly in numpy on SI magnitudes (kg, s, USD, W).

    ``s`` holds the other (scalar) SI inputs; ``price`` [USD/kg], ``sp`` [W/kg] and
    ``mass`` [kg/s] are the varied arrays. Assumes the default set's choices: given price
    (launch.price_model), Wright learning on the whole price down to learning.price_floor
    (learning.model 'wright', floor_model 'auto' with a given price), no schedules, failed
    compute restored by whole new spacecraft ('replace_spacecraft'), one common yearly-compounded
    discount rate, escape speed; and a positive tonnage, a floor above 0 and a learning rate
    below 50 %. The service life and the period may be fractional.

    ``series=False`` computes the single-valued results only: the by-year series are not
    written (the ledger still runs year by year, since the final installed power needs it),
    the same work as ``evaluate``, which defers its series until they are read.

    Besides the headline results it writes every other result ``evaluate`` computes eagerly
    that varies with the drawn inputs: the launch's first-year flights and price, the
    learning target's mass and year, the buildout's limits (cadence years, peak tonnage,
    restoration shortfall, floor binding), the lunar driver's delivered prices and power, and,
    given ``mass_ratio`` (the set's LEO mass per kg delivered to the operating orbit, a number
    of the orbit and the tug, ``transfer.mass_ratio``), the price delivered to the orbit.
    """
    out = {}
    payload = s["launch.payload_per_flight"]
    m0, floor, minit = (s["learning.reference_mass"], s["learning.price_floor"],
                        s["learning.initial_cumulative_mass"])
    b = np.log2(1.0 - s["learning.rate"])
    c = b + 1.0
    # p(M) = max(F, P0 (M/M0)^b) meets F at M* = M0 (F/P0)^(1/b); a year's spend is the integral
    # of p over its mass, A(M2) − A(M1), A(M) = P0 M0/c (min(M, M*)/M0)^c + F max(M − M*, 0)
    m_star = m0 * (floor / price) ** (1.0 / b)
    k = price * (m0 / c)

    def integral(m):  # A(m) for cumulative masses m, (Y, N) or (N,); overwrites m
        x = np.minimum(m, m_star)
        m -= x
        m *= floor
        x /= m0
        x **= c
        x *= k
        x += m
        return x

    p_init = np.maximum(floor, price * (minit / m0) ** b)
    cap = s["launch.max_flights_per_year"] * payload
    out["launch.initial_price_per_kg"] = p_init
    out["launch.price_per_kg"], out["power.specific_power"] = price, sp  # as given
    flown = np.minimum(mass, cap)
    out["launch.first_year_mass"] = flown
    out["launch.flights_per_year"] = flown / payload
    out["launch.flights_needed"] = mass / payload
    out["launch.cadence_utilisation"] = mass / cap
    # the mass to the learning target price T: M0 (T/P0)^(1/b) past the initial mass
    target_price = s["learning.target_price_per_kg"]
    with np.errstate(divide="ignore"):
        # M0 (T/P0)^(1/b) = M* (T/F)^(1/b): the floor's crossing scaled, no second power
        m_t = np.where(price <= target_price, 0.0, m_star * (target_price / floor) ** (1.0 / b)
                       if target_price > floor else np.inf)
    target = np.maximum(m_t - minit, 0.0)
    out["learning.mass_to_target"] = target

    # buildout, one year's row (N,) at a time, as the model runs it (whole (Y, N) arrays would
    # leave the cache and pay fresh pages); ledger rows in kg and W per year of launches
    last = s["finance.analysis_period"] / YEAR
    n_years = max(1, int(np.ceil(last - 1e-9)))
    last = min(last, n_years)
    n = mass.shape[0]
    growth = (1.0 + s["buildout.mass_growth_rate"] * YEAR) ** np.arange(n_years)
    weights = np.clip(last - np.arange(n_years), 0.0, 1.0)  # each year's share of the period
    cap_y = cap * YEAR
    cap_limit = cap_y * (1 + 1e-12)
    d = s["buildout.array_degradation"] * YEAR
    f = s["buildout.compute_failure_rate"] * YEAR
    keep = 1.0 - d
    fk = f * keep
    bk = keep * (1.0 - f)  # a cohort's yearly factor
    life = s["buildout.service_life"] / YEAR
    nl = int(np.floor(life + 1e-9))  # whole years of service, and a share fr of one more
    fr = min(max(life - nl, 0.0), 1.0)
    bn1, bn = bk ** (nl - 1), bk ** nl
    i = max(1, int(np.ceil(last - 1e-9))) - 1  # the period's last year, 0-based
    mass_year = mass * YEAR
    gross, rows = [], {key: [] for key in ("launched", "repl", "gross", "deg", "fail", "retired",
                                           "installed", "cumulative")}
    cadence_years, shortfall, peak = np.zeros(n), np.zeros(n), np.zeros(n)
    below = np.zeros(n)  # years whose cumulative mass is below the learning target
    mass_below = np.zeros(n)  # and their mass: the cumulative mass before the year reaching it
    prev = np.zeros(n)
    cum = np.zeros(n)
    at_i = at_before = None
    first_launched = None
    for y in range(n_years):
        wanted = mass_year * growth[y]
        capped = wanted > cap_limit  # the cadence limit binds, weighted by the year's share
        cadence_years += capped if weights[y] == 1.0 else weights[y] * capped
        np.maximum(peak, wanted, out=peak)  # (every year is in the period)
        launched = np.minimum(wanted, cap_y, out=wanted)
        g = launched * sp  # every launched kg enters as a new cohort (replace_spacecraft)
        gross.append(g)
        # cohorts leaving: age nl (weight 1 → fr) and age nl + 1 (fr → 0), at last year's level
        ret = gross[y - nl] * (1.0 - fr) * bn1 if y >= nl else np.zeros(n)
        older = prev - ret  # (the model's association, so that a steady state nets to 0)
        if fr > 0 and y >= nl + 1:
            tmp = gross[y - nl - 1] * fr
            tmp *= bn
            older -= tmp
            ret += tmp
        fail = older * fk
        repl = np.minimum(fail / sp, launched)
        short = repl * sp < fail * (1 - 1e-9)  # the year's mass cannot replace the failed power
        shortfall += short if weights[y] == 1.0 else weights[y] * short
        installed = older * bk
        installed += g
        cum = cum + launched
        short_of = cum < target  # (the cumulative mass only grows: these are the first years)
        below += short_of
        mass_below += launched * short_of
        if y == i - 1:
            at_before = installed
        if y == i:
            at_i = installed
        if y == 0:
            first_launched = launched
        if series:
            for key, a in (("launched", launched), ("repl", repl), ("gross", g),
                           ("deg", older * d), ("fail", fail), ("retired", ret),
                           ("installed", installed), ("cumulative", cum)):
                rows[key].append(a)
        prev = installed
    out["buildout.cadence_years"] = cadence_years * YEAR
    out["buildout.cadence_binds"] = (cadence_years > 0).astype(float)
    out["buildout.peak_wanted_mass"] = peak / YEAR
    # A at the initial mass: one number times P0 M0/c where the curve meets the floor beyond it
    a_init = (k * (minit / m0) ** c if minit <= m_star.min()
              else integral(np.full(n, minit)))
    first_spend = integral(first_launched + minit) - a_init
    w = last - (n_years - 1)  # the last year's share of the period (1 for a whole year)
    total_mass = cum if w >= 1.0 else launched * w + (cum - launched)
    total_spend = integral(total_mass + minit)
    total_spend -= a_init
    out["launch.spend_per_year"] = first_spend / YEAR
    out["buildout.power_added_per_year"] = gross[0] / YEAR
    kk = (1.0 - bn1) / (1.0 - bk) + fr * bn1  # Σ_{a≥1} b^(a−1) w(a); W = 1 + b K
    out["buildout.steady_state_power"] = gross[0] * (1.0 + bk * kk)
    out["buildout.steady_state_replacement_mass"] = first_launched * (fk * kk / YEAR)
    before = at_before if i > 0 else 0.0
    out["buildout.final_installed_power"] = before + (at_i - before) * min(last - i, 1.0)
    out["buildout.total_mass"] = total_mass
    out["buildout.total_launch_spend"] = total_spend
    out["buildout.mean_price_per_kg"] = total_spend / total_mass
    out["launch.first_year_price_per_kg"] = first_spend / (flown * YEAR)
    out["buildout.restoration_shortfall_years"] = shortfall * YEAR
    out["buildout.restoration_shortfall"] = (shortfall > 0).astype(float)
    end_price = np.maximum(floor, price * ((minit + total_mass) / m0) ** b)
    out["buildout.floor_binds"] = ((end_price <= floor * (1 + 1e-9))
                                   & (total_mass > 0)).astype(float)
    # the year the cumulative mass reaches the target (linear within it), and its status: the
    # count of years below the target, the mass launched before it, and that year's launches
    reach = below.astype(np.int64)
    launched_k = np.minimum(mass_year * growth[np.minimum(reach, n_years - 1)], cap_y)
    frac = np.clip((target - mass_below) / launched_k, 0.0, 1.0)
    year_to_target = np.where(reach < n_years, reach + frac, np.inf)
    out["learning.year_to_target"] = np.where(target <= 0, 0.0, year_to_target) * YEAR
    out["learning.target_status"] = np.where(target <= 0, 3.0, np.where(
        np.isinf(target), 2.0, np.where(np.isfinite(year_to_target), 0.0, 1.0)))
    if series:
        got = {key: np.stack(v) for key, v in rows.items()}
        cumulative = got["cumulative"]
        spend = integral(cumulative + minit)  # A at each year's end, differenced
        spend[1:] -= spend[:-1].copy()
        spend[0] -= a_init
        launched, repl_y, installed = got["launched"], got["repl"], got["installed"]
        out["buildout.price_per_kg"] = (spend / launched).T
        new = (launched - repl_y) * sp
        net = np.diff(installed, axis=0, prepend=0.0)
        flows = {"launched_mass": launched, "replacement_mass": repl_y,
                 "gross_power_added": got["gross"], "new_power": new,
                 "degradation_loss": got["deg"], "failure_loss": got["fail"],
                 "retired_power": got["retired"], "net_power_added": net, "launch_spend": spend}
        for name, a in flows.items():
            out[f"buildout.{name}"] = (a / YEAR).T  # the by-year flows, per second
        out["buildout.installed_power"] = installed.T
        out["buildout.cumulative_mass"] = cumulative.T

    # lunar driver (escape speed): capital recovered over the base's life at the space rate,
    # delivered to LEO through the reversed trans-lunar injection
    v = np.sqrt(2.0 * MOON_MU / MOON_R)
    rate = s["lunar.shots_per_second"] * s["lunar.payload_per_shot"] * s["lunar.duty_cycle"]
    capital = s["lunar.hardware_cost"] + (s["lunar.shipped_mass"]
                                          * s["lunar.surface_delivery_factor"] * p_init)
    r, years = s["finance.discount_rate"] * YEAR, s["lunar.base_life"] / YEAR
    crf = r / (1.0 - (1.0 + r) ** -years) if r > 0 else 1.0 / years
    capital_per_kg = capital * (crf / (rate * YEAR))
    other = (s["lunar.refurbishment_cost"] / (s["lunar.shot_life"] * s["lunar.payload_per_shot"])
             + s["lunar.operations_per_year"] / rate
             + 0.5 * v * v / s["lunar.efficiency"] * s["lunar.electricity_price"])
    cost = capital_per_kg + other
    r0 = EARTH_R + s["transfer.leo_altitude"]
    a = 0.5 * (r0 + LUNAR_DISTANCE)
    tli = np.sqrt(EARTH_MU * (2.0 / r0 - 1.0 / a)) - np.sqrt(EARTH_MU / r0)
    big_r = np.exp((1.0 + s["transfer.delta_v_margin"]) * tli / (G0 * s["transfer.isp"]))
    kd = s["transfer.tug_dry_fraction"] / (1.0 - s["transfer.tug_dry_fraction"])
    ratio = 1.0 + (1.0 + kd) * (big_r - 1.0) / (1.0 - kd * (big_r - 1.0))
    out["lunar.capital_cost"] = capital
    out["lunar.capital_per_kg"] = capital_per_kg
    out["lunar.cost_per_kg"] = cost
    out["lunar.cost_ratio_to_earth"] = (cost + s["lunar.catch_cost_per_kg"]) * ratio / p_init
    delivered = (cost + s["lunar.catch_cost_per_kg"]) * ratio
    out["lunar.delivered_price_per_kg"] = delivered
    share = s["lunar.lunar_mass_share"]
    lunar_mass = rate / ratio
    needed = lunar_mass * (1.0 - share) / share
    usable = np.minimum(lunar_mass, flown * share / (1.0 - share)) if share < 1 else lunar_mass
    out["lunar.earth_supply_binds"] = (needed > flown * (1 + 1e-12)).astype(float)
    out["lunar.power_added_per_year"] = usable / share * sp
    if mass_ratio is not None:
        out["transfer.price_per_kg"] = p_init * mass_ratio
        out["lunar.operating_orbit_price_per_kg"] = delivered * (
            mass_ratio if s["space.launch_destination"] == "operating_orbit" else 1.0)
    return out


def orbit_mass_ratio(base) -> float:
    """The set's LEO mass per kg delivered to its operating orbit (a number of the orbit and
    the tug, the same for every draw of the floor's inputs), for :func:`raw_numpy`."""
    return float(orbital.evaluate(base).si("transfer.mass_ratio"))


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
    # the SI floats evaluate works on (pint's t/yr -> kg/s can differ from x1000/YEAR in the
    # last bit, which the net power added, 0 at a steady state, would show at atol=0)
    si_in = checked_si_inputs(base, overrides)
    price, sp_kw_t, mass_si = (si_in[k] for k in overrides)

    # honesty check: the baseline computes what evaluate computes
    with core_pipeline_only():
        res = orbital.evaluate(base, overrides)
    ratio = orbit_mass_ratio(base)
    ref = raw_numpy(s, price, sp_kw_t, mass_si, mass_ratio=ratio)
    for name, value in ref.items():
        np.testing.assert_allclose(res.si(name), value, rtol=1e-9, atol=0, err_msg=name)
    del res
    print(f"baseline checked: {len(ref)} results equal evaluate's on {n:,} samples")

    # interleaved, so that load from other processes falls on both sides alike
    t_raw = t_core = float("inf")
    for _ in range(reps):
        t_raw = min(t_raw, best(lambda: raw_numpy(s, price, sp_kw_t, mass_si, series=False,
                                                     mass_ratio=ratio), 1))
        with core_pipeline_only():
            t_core = min(t_core, best(lambda: orbital.evaluate(base, overrides), 1))
    t_full = best(lambda: orbital.evaluate(base, overrides), max(2, reps // 2))

    scalar = best(lambda: orbital.evaluate(base), 50)
    cold = cold_start([sys.executable, "-m", "orbital.cli", "evaluate"])

    print(f"\nbest of {reps} repeats, N = {n:,}")
    print(f"  raw numpy, single-valued results             {t_raw * 1e3:9.1f} ms")
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
