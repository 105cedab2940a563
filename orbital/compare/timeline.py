"""The time axis: both sides year by year, and when orbit wins.

Years y = 1 … Y of the analysis period, calendar year ``timeline.start_year`` + y − 1.

Space. The fleet is what the buildout launches (:mod:`orbital.programme.buildout`): capacity
in service is ``buildout.installed_power``, reaching ``space.target_power`` when the launches
get there (``compare.capacity_year``), not at t = 0. The levelised cost of year y's *vintage*
is the static space LCOE (:mod:`orbital.space.fleet`: one generation sized, charged over its
life, operated, restored and insured, at the space side's cost of capital) with that year's
prices: the average launch price paid that year on the learning curve
(``buildout.price_per_kg`` × the delivery factor) and the satellite hardware on its own
learning curve, h_y = h_0 · avg over the year's mass of (M/M_0)^b_h, b_h = log2(1 −
``timeline.satellite_learning_rate``), on the same cumulative launched mass. The space total
is affine in both prices, so the vintage cost is exact from two evaluations of the static
total: T_y = T(0, 0) + p_y · ∂T/∂p + h_y · ∂T/∂h.

Ground. A site of the same power is energised after ``ground.time_to_power`` and grows at
``ground.build_rate`` to the target (``ground.capacity_year``); each year's vintage costs the
static ground LCOE (no ground learning is modelled: the ground's prices are today's).

When orbit wins. ``compare.crossover_year`` is the first year from which the space vintage's
levelised cost stays at or below the ground's for the rest of the horizon (a dip that comes back
is not a crossover); "never within the horizon" is an answer with its reason
(``compare.crossover_status``, :data:`CROSSOVER_STATUS`), the year then inf, so percentiles
over draws put never after every year. ``compare.price_needed_by_target_year`` is the base
launch price that brings the target year's vintage to the ground's cost (exact: put back, the
vintage costs equal; with a non-increasing price path the crossover is then at or before it).

Cash flows (USD/yr, by year): space capital = launch spend + hardware and compute of the
launched mass, insured; space operations on the fleet in service; ground capital when capacity
is energised (plant and compute) and compute bought again every refresh; ground operations
(energy, water, O&M) on the capacity in service. Capital is paid at the start of its year,
operations at the end; ``timeline.space_npv`` and ``timeline.ground_npv`` discount them at
each side's rate. These are cash, not levelised, figures: the levelised comparison is the
vintage cost above.
"""
from __future__ import annotations

import numpy as np

from ..core.constants import YEAR
from ..core.deferred import Deferred, read
from ..core.schedule import by_year, schedules
from ..core.spec import Param, Result
from ..ground import site
from ..programme import finance, learning
from ..space import fleet
from .solvers import STATUS, base_price_for, solve_affine

PARAMETERS = (
    Param("timeline.start_year", "1", "Calendar year of the analysis's first year.",
          low=1957, high=2200, integer=True),
    Param("timeline.satellite_learning_rate", "1", "Learning rate of satellite hardware $/W: "
          "fractional drop per doubling of cumulative launched mass (0 = no learning).",
          low=0, high=1, high_open=True),
    Param("timeline.target_year", "1", "Calendar year by which orbit should match the ground "
          "(for compare.price_needed_by_target_year).", low=1957, high=2300, integer=True),
    Param("ground.build_rate", "GW/yr", "How fast the ground side adds IT capacity once its "
          "power arrives.", low=0, low_open=True, log_scale=True),
)

#: What compare.crossover_status codes mean.
CROSSOVER_STATUS = {
    0: "orbit's levelised cost falls to the ground's in this year and stays there",
    1: "never within the horizon: orbit's levelised cost stays above the ground's",
    2: "orbit is already at or below the ground's levelised cost in the first year",
    3: "never within the horizon: orbit dips below the ground but is above it again by the end",
}

SERIES = (
    Result("timeline.year", "1", "Calendar year.", series=True),
    Result("timeline.space_lcoe", "USD/MWh", "Levelised cost of the space vintage launched in "
           "the year (its launch and hardware prices, over its life).", series=True),
    Result("timeline.ground_lcoe", "USD/MWh", "Levelised cost of a ground vintage built in the "
           "year.", series=True),
    Result("timeline.space_cost_per_gpu_hour", "USD/h", "The space vintage per accelerator-hour.",
           series=True),
    Result("timeline.ground_cost_per_gpu_hour", "USD/h", "The ground vintage per "
           "accelerator-hour.", series=True),
    Result("timeline.launch_price_per_kg", "USD/kg", "Launch price the year's vintage pays per "
           "kg delivered (the year's average on the learning curve × delivery).", series=True),
    Result("timeline.satellite_cost_per_watt", "USD/W", "Satellite hardware per watt on its "
           "learning curve (per-kg hardware as its per-watt equivalent).", series=True),
    Result("timeline.space_capacity", "GW", "Space IT power in service (the buildout's fleet).",
           series=True),
    Result("timeline.ground_capacity", "GW", "Ground IT power in service.", series=True),
    Result("timeline.space_energy", "TWh/yr", "IT energy the space fleet delivers in the year.",
           series=True),
    Result("timeline.ground_energy", "TWh/yr", "IT energy the ground delivers in the year.",
           series=True),
    Result("timeline.space_capital", "USD/yr", "Space capital spent in the year.", series=True),
    Result("timeline.space_operations", "USD/yr", "Space operating cost in the year.",
           series=True),
    Result("timeline.ground_capital", "USD/yr", "Ground capital spent in the year.", series=True),
    Result("timeline.ground_operations", "USD/yr", "Ground operating cost in the year.",
           series=True),
)

RESULTS = SERIES + (
    Result("compare.crossover_year", "1", "First calendar year from which orbit's vintage "
           "levelised cost stays at or below the ground's (inf: never within the horizon, see "
           "compare.crossover_status)."),
    Result("compare.crossover_status", "1", "0 crosses; 1 never (always above); 2 already "
           "cheaper in the first year; 3 never (dips below, then above again)."),
    Result("compare.capacity_year", "1", "First calendar year the space fleet in service "
           "reaches space.target_power (inf: not within the horizon)."),
    Result("ground.capacity_year", "1", "First calendar year the ground reaches "
           "space.target_power (inf: not within the horizon)."),
    Result("compare.price_needed_by_target_year", "USD/kg", "Base launch price to LEO at which "
           "the vintage of timeline.target_year costs the same as the ground (nan: none, see "
           "compare.target_year_status)."),
    Result("compare.target_year_status", "1", "Status of compare.price_needed_by_target_year "
           "(codes as compare.breakeven_status; 5 the target year is outside the horizon)."),
    Result("timeline.space_npv", "USD", "Present value of the space cash flows at the space "
           "rate."),
    Result("timeline.ground_npv", "USD", "Present value of the ground cash flows at the "
           "ground rate."),
)

#: Solver status of a target year outside the horizon (:data:`orbital.compare.solvers.STATUS`).
OUTSIDE = 5
assert STATUS[OUTSIDE].startswith("not solved: the target year")


def stays_from(ok):
    """Index of the first year from which ``ok`` holds to the end, along the last axis
    (``ok.shape[-1]`` where it does not hold in the last year)."""
    ok = np.asarray(ok, dtype=bool)
    stays = np.logical_and.accumulate(ok[..., ::-1], axis=-1)[..., ::-1]
    first = np.argmax(stays, axis=-1)
    return np.where(stays[..., -1], first, ok.shape[-1])


def first_year(ok):
    """Index of the first year where ``ok`` holds (``ok.shape[-1]`` if never)."""
    ok = np.asarray(ok, dtype=bool)
    return np.where(ok.any(axis=-1), np.argmax(ok, axis=-1), ok.shape[-1])


def crossover(space_lcoe, ground_lcoe):
    """(index of the crossover year, status) per :data:`CROSSOVER_STATUS` for (..., Y) costs."""
    ok = space_lcoe <= ground_lcoe * (1 + 1e-12)
    n = ok.shape[-1]
    idx = stays_from(ok)
    status = np.where(idx == 0, 2, np.where(idx < n, 0, np.where(ok.any(axis=-1), 3, 1)))
    return idx, status


def satellite_factor(s, before, after):
    """Average of (M/M_0)^b_h over the cumulative launched masses [kg] between ``before`` and
    ``after`` (M_0 the mass launched before the analysis): the satellite $/W learning factor."""
    m0 = np.asarray(s["learning.initial_cumulative_mass"], dtype=float)
    lr = np.asarray(s["timeline.satellite_learning_rate"], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        avg = learning.spend_between(before, after, 1.0, m0, lr) / np.where(
            after > before, after - before, 1.0)
    out = np.where(after > before, avg, learning.wright_price(before, 1.0, m0, lr))
    return np.where(lr == 0, 1.0, out)  # exactly 1 without learning


def affine_space(s, r):
    """The static space total as T0 + p·dp + h·dh in the delivered launch price p [USD/kg] and
    the per-watt hardware price h [USD/W] (exact: the total is affine in each), with h0 the
    set's own hardware per watt, and the discounted delivered energy of one generation."""
    size = fleet.sizing(s, r)
    t00 = fleet.total_for(s, r, size, price=0.0, cost_per_watt=0.0)
    dp = fleet.total_for(s, r, size, price=1.0, cost_per_watt=0.0) - t00
    dh = fleet.total_for(s, r, size, price=0.0, cost_per_watt=1.0) - t00
    h0 = fleet.hardware_cost(s, size["fleet_power"], size["mass"]) / size["fleet_power"]
    return t00, dp, dh, h0, size["energy_pv"]


def series(s, r):
    """Every by-year series [SI] and the scalars that need them, as one dict."""
    start = np.asarray(s["timeline.start_year"], dtype=float)
    got = {k: read(r, k) for k in ("buildout.cumulative_mass", "buildout.price_per_kg",
                                   "buildout.installed_power", "buildout.gross_power_added",
                                   "buildout.launch_spend")}
    cum = got["buildout.cumulative_mass"]
    n = cum.shape[-1]
    years = start[..., None] + np.arange(n)
    m_init = np.asarray(s["learning.initial_cumulative_mass"], dtype=float)[..., None]
    after = m_init + cum
    before = np.concatenate([np.broadcast_to(m_init, after.shape[:-1] + (1,)),
                             after[..., :-1]], axis=-1)
    factor = fleet.delivery_factor(s, r)
    price = got["buildout.price_per_kg"] * np.asarray(factor)[..., None]
    t00, dp, dh, h0, energy_pv = (np.asarray(x, dtype=float)[..., None]
                                  for x in affine_space(s, r))
    hw_name = ("space.satellite_cost_per_watt" if s["space.hardware_cost_basis"] == "per_watt"
               else "space.build_cost_per_kg")
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(np.asarray(s[hw_name])[..., None] > 0,
                         by_year(s, hw_name, years) / np.asarray(s[hw_name], dtype=float)[
                             ..., None], 1.0)
    hw = h0 * scale * satellite_factor(s, before, after)
    space_lcoe = (t00 + price * dp + hw * dh) / energy_pv
    energy_price = energy_price_by_year(s, r, years)
    ground_lcoe = np.asarray(r["ground.lcoe"], dtype=float)[..., None] + np.asarray(
        s["ground.pue"], dtype=float)[..., None] * (
        energy_price - np.asarray(r["ground.energy_price"], dtype=float)[..., None])
    space_lcoe, ground_lcoe = np.broadcast_arrays(space_lcoe, ground_lcoe)
    acc = s["compare.accelerator_power"]
    target = np.asarray(s["space.target_power"], dtype=float)[..., None]
    installed = got["buildout.installed_power"]
    ttp = np.asarray(r["ground.time_to_power_used"], dtype=float)[..., None] / YEAR
    rate = np.asarray(s["ground.build_rate"], dtype=float)[..., None]
    t_end = np.arange(1, n + 1)
    ground_cap = np.minimum(target, rate * YEAR * np.clip(t_end - ttp, 0.0, None))
    hours = s["finance.year_length"]
    out = {"timeline.year": years + 0.0 * space_lcoe, "timeline.space_lcoe": space_lcoe,
           "timeline.ground_lcoe": ground_lcoe + 0.0 * space_lcoe,
           "timeline.space_cost_per_gpu_hour": space_lcoe * acc,
           "timeline.ground_cost_per_gpu_hour": ground_lcoe * acc + 0.0 * space_lcoe,
           "timeline.launch_price_per_kg": price + 0.0 * space_lcoe,
           "timeline.satellite_cost_per_watt": hw + 0.0 * space_lcoe,
           "timeline.space_capacity": installed + 0.0 * space_lcoe,
           "timeline.ground_capacity": ground_cap + 0.0 * space_lcoe}
    out["timeline.space_energy"] = out["timeline.space_capacity"] * np.asarray(
        s["space.capacity_factor"])[..., None] * hours / YEAR
    out["timeline.ground_energy"] = out["timeline.ground_capacity"] * np.asarray(
        s["ground.capacity_factor"])[..., None] * hours / YEAR
    out.update(cash_flows(s, r, got, hw, out, n))
    return out


def energy_price_by_year(s, r, years):
    """The ground's energy price [USD/J] by year: the grid price's or the gas price's schedule
    (× heat rate) where one is given, else today's. The ground LCOE is affine in it with
    slope PUE (energy is bought for the facility load), so each vintage stays exact."""
    today = np.asarray(r["ground.energy_price"], dtype=float)[..., None] + 0.0 * years
    if s["ground.cost_model"] == "benchmark":
        return today
    source = s["ground.power_source"]
    if source == "grid" and "ground.grid_price" in schedules(s):
        return by_year(s, "ground.grid_price", years) + 0.0 * today
    if source in ("gas", "gas_battery") and "ground.gas_price" in schedules(s):
        return site.fuel_price(np.asarray(s["ground.heat_rate"], dtype=float)[..., None],
                               by_year(s, "ground.gas_price", years)) + 0.0 * today
    return today


def cash_flows(s, r, got, hw, out, n):
    """The by-year cash flows [USD/yr as SI USD/s] of both sides."""
    cpw = np.asarray(s["compare.compute_cost_per_watt"], dtype=float)[..., None]
    ins = np.asarray(s["space.launch_insurance"], dtype=float)[..., None]
    gross = got["buildout.gross_power_added"] * YEAR  # W launched in the year
    launch = got["buildout.launch_spend"] * YEAR * np.asarray(fleet.delivery_factor(s, r))[
        ..., None]
    space_capital = (launch + (hw + cpw) * gross) * (1 + ins)
    h0 = hw[..., :1]
    space_ops = np.asarray(s["space.operations_rate"], dtype=float)[..., None] * YEAR * \
        (h0 + cpw) * out["timeline.space_capacity"]
    p = np.asarray(s["space.target_power"], dtype=float)
    one = np.ones_like(p)
    _, _, generation, _ = site.power_supply(s, one, lambda name: 1.0)
    facility = sum(np.asarray(s[k], dtype=float) for k in site.FACILITY)
    benchmark = s["ground.cost_model"] == "benchmark"
    plant = (np.asarray(s["ground.benchmark_cost"], dtype=float) if benchmark
             else facility + np.asarray(generation, dtype=float))[..., None]
    cap = out["timeline.ground_capacity"]
    added = np.diff(cap, axis=-1, prepend=0.0)
    refresh = np.maximum(np.round(np.asarray(s["ground.compute_refresh"]) / YEAR), 1)[..., None]
    again = refreshed(added, np.broadcast_to(refresh, added.shape[:-1] + (1,))[..., 0])
    ground_capital = plant * added + (0.0 if benchmark else cpw) * (added + again)
    energy = out["timeline.ground_energy"] * YEAR  # J delivered in the year
    price = energy_price_by_year(s, r, out["timeline.year"])
    water = np.asarray(s["ground.water_intensity"] * s["ground.water_price"], dtype=float)[
        ..., None]
    ground_ops = 0.0 if benchmark else (
        energy * (price * np.asarray(s["ground.pue"])[..., None] + water)
        + np.asarray(s["ground.operations_rate"], dtype=float)[..., None] * YEAR * plant * cap)
    zero = 0.0 * out["timeline.space_lcoe"]
    return {"timeline.space_capital": space_capital / YEAR + zero,
            "timeline.space_operations": space_ops / YEAR + zero,
            "timeline.ground_capital": ground_capital / YEAR + zero,
            "timeline.ground_operations": ground_ops / YEAR + zero}


def refreshed(added, refresh):
    """Compute bought again every ``refresh`` whole years [count, per sample] on each year's
    additions ``added`` (..., Y): again_y = Σ_{j≥1} added_{y − j·refresh}. The samples are
    grouped by their refresh (a handful of whole years), so each group adds its own lags only."""
    n = added.shape[-1]
    again = np.zeros_like(added)
    flat, out = added.reshape(-1, n), again.reshape(-1, n)
    every = refresh.reshape(-1)
    for period in np.unique(every[np.isfinite(every)]):
        step = int(period)
        rows = slice(None) if every.size == 1 or (every == period).all() else \
            np.flatnonzero(every == period)
        part, acc = flat[rows], out[rows]
        for lag in range(step, n, step):
            acc[:, lag:] += part[:, :-lag]
        out[rows] = acc
    return again


def npv(capital, operations, rate, per_year):
    """Present value [USD] of capital [USD/yr] paid at the start of each year and operations
    [USD/yr] at its end, at ``rate`` [per-year number] compounded ``per_year`` times."""
    n = capital.shape[-1]
    t = np.arange(n)
    g0 = finance.growth_factor(np.asarray(rate)[..., None], t, per_year)
    g1 = finance.growth_factor(np.asarray(rate)[..., None], t + 1, per_year)
    return (capital * YEAR / g0 + operations * YEAR / g1).sum(axis=-1)


def scalars(s, r, out):
    """The crossover, capacity years, the target-year solver and the NPVs from the series."""
    years = out["timeline.year"]
    n = years.shape[-1]

    def calendar(idx):
        pick = np.take_along_axis(years, np.clip(idx, 0, n - 1)[..., None], axis=-1)[..., 0]
        return np.where(idx < n, pick, np.inf)

    idx, status = crossover(out["timeline.space_lcoe"], out["timeline.ground_lcoe"])
    target = np.asarray(s["space.target_power"], dtype=float)[..., None]
    res = {"compare.crossover_year": calendar(idx), "compare.crossover_status": status + 0.0,
           "compare.capacity_year": calendar(first_year(
               out["timeline.space_capacity"] >= target * (1 - 1e-12))),
           "ground.capacity_year": calendar(first_year(
               out["timeline.ground_capacity"] >= target * (1 - 1e-12)))}
    res.update(target_year_price(s, r, out))
    m = finance.periods_per_year(s)
    res["timeline.space_npv"] = npv(out["timeline.space_capital"],
                                    out["timeline.space_operations"], finance.rate(s, "space"), m)
    res["timeline.ground_npv"] = npv(out["timeline.ground_capital"],
                                     out["timeline.ground_operations"],
                                     finance.rate(s, "ground"), m)
    return res


def target_year_price(s, r, out):
    """Base launch price [USD/kg] at which the target year's vintage matches the ground, and
    its status: the paid price from the affine total, carried back through the learning curve
    over that year's cumulative mass."""
    years = out["timeline.year"]
    n = years.shape[-1]
    k = np.asarray(s["timeline.target_year"], dtype=float) - years[..., 0]
    inside = (k >= 0) & (k < n)
    ki = np.clip(k, 0, n - 1).astype(int)[..., None]
    t00, dp, dh, h0, energy_pv = affine_space(s, r)
    hw = np.take_along_axis(out["timeline.satellite_cost_per_watt"], ki, axis=-1)[..., 0]
    ground = np.take_along_axis(out["timeline.ground_lcoe"], ki, axis=-1)[..., 0]
    paid, status = solve_affine(ground * energy_pv - hw * dh, t00, t00 + dp)
    cum = np.broadcast_to(read(r, "buildout.cumulative_mass"), years.shape)
    m_init = np.asarray(s["learning.initial_cumulative_mass"], dtype=float)
    after = m_init + np.take_along_axis(cum, ki, axis=-1)[..., 0]
    before = m_init + np.where(ki[..., 0] > 0, np.take_along_axis(
        cum, np.maximum(ki - 1, 0), axis=-1)[..., 0], 0.0)
    ok = np.asarray(status) == 0
    base, base_status = base_price_for(s, r, np.where(ok, paid, 0.0), (before, after))
    status = np.where(~inside, OUTSIDE, np.where(ok, base_status, status))
    return {"compare.price_needed_by_target_year": np.where(status == 0, base, np.nan),
            "compare.target_year_status": status + 0.0}


def step(s, r):
    """Pipeline step: the time axis, computed when first read (deferred)."""
    series_shape = r["buildout.cumulative_mass"].shape
    shape = np.broadcast_shapes(np.shape(r["space.total_cost"]), np.shape(r["ground.total_cost"]),
                                series_shape[:-1])
    n = series_shape[-1]
    both = Deferred(lambda: compute(s, r), ())
    for spec in SERIES:
        r[spec.name] = Deferred(lambda name=spec.name: both.get()[name], shape + (n,))
    for spec in RESULTS[len(SERIES):]:
        r[spec.name] = Deferred(lambda name=spec.name: both.get()[name], shape)


def compute(s, r):
    """Every timeline result [SI] at once."""
    out = series(s, r)
    out.update(scalars(s, r, out))
    return out
