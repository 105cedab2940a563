"""The time axis: both sides year by year, and when orbit wins.

Years y = 1 … Y of the analysis period, calendar year ``timeline.start_year`` + y − 1.

Space. The fleet is what the buildout launches (:mod:`orbital.programme.buildout`): capacity
in service is ``buildout.installed_power``, reaching ``space.target_power`` when the launches
get there (``compare.capacity_year``), not at t = 0. The levelised cost of year y's *vintage*
is the static space LCOE (:mod:`orbital.space.fleet`: one generation sized, charged over its
life, operated, restored and insured, at the space side's cost of capital) with that year's
inputs: the average launch price paid that year on the learning curve
(``buildout.price_per_kg`` × the delivery factor), the satellite hardware on its own learning
curve, h_y = h_0 · avg over the year's mass of (M/M_0)^b_h, b_h = log2(1 −
``timeline.satellite_learning_rate``), on the same cumulative launched mass, and every
scheduled parameter (:data:`orbital.core.schedule.PER_YEAR`: kW/t, hardware and compute $/W,
accelerator power, discount rates, the ground's plant and energy prices) at its value in that
calendar year (:func:`vintage_inputs`). The space total is affine in the two prices, so the
vintage cost is exact from two evaluations of the static total on the year axis:
T_y = T_y(0, 0) + p_y · ∂T_y/∂p + h_y · ∂T_y/∂h.

Ground. A site of the same power is energised after its time to power and grows to the
target (``ground.capacity_year``) at the least of its power build, its chips and the target
(:mod:`orbital.ground.years`, which says what binds each year); each year's vintage costs the
static ground LCOE with that year's scheduled inputs and its hardware prices on the ground's
own decline (the ground step itself on the year axis; without either, today's prices every
year).

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

from ..core import floats
from ..core.constants import YEAR
from ..core.deferred import Deferred, read
from ..core.schedule import by_year, schedules, with_year_axis
from ..core.spec import Choice, Param, Result
from ..ground import site, years as ground_years
from ..programme import finance, learning
from ..space import fleet
from .cashflow import Spread, cash_flows, npv, series_of, static_fleet_flows
from .crossing import calendar_year, crossover, first_year
from .lazy import defer, layout
from .solvers import PROBE_PRICE, STATUS, base_price_for, solve_affine

PARAMETERS = (
    Param("timeline.start_year", "1", "Calendar year of the analysis's first year.",
          low=1957, high=2200, integer=True),
    Param("timeline.satellite_learning_rate", "1", "Learning rate of satellite hardware $/W: "
          "fractional drop per doubling of cumulative launched mass (0 = no learning).",
          low=0, high=1, high_open=True),
    Param("timeline.target_year", "1", "Calendar year by which orbit should match the ground "
          "(for compare.price_needed_by_target_year).", low=1957, high=2300, integer=True),
    Choice("timeline.space_deployment", ("buildout", "static_fleet"), "Space capacity and cash "
           "flows on the time axis: 'buildout' = what the launches put in service, year by "
           "year; 'static_fleet' = the static model's fleet, in service from the first year "
           "and bought at the start of each generation (McCalip's and the published static "
           "models' reading; its NPV is space.total_cost)."),
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
    Result("timeline.space_cost_per_pflop_hour", "USD/PFLOP_h", "The space vintage per "
           "PFLOP-hour, at the year's compare.compute_efficiency.", series=True),
    Result("timeline.ground_cost_per_pflop_hour", "USD/PFLOP_h", "The ground vintage per "
           "PFLOP-hour, at the year's compare.compute_efficiency.", series=True),
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
    Result("timeline.space_accelerator_hours", "h/yr", "Accelerator-hours the space fleet "
           "delivers in the year (its IT energy ÷ compare.accelerator_power).", series=True),
    Result("timeline.ground_accelerator_hours", "h/yr", "Accelerator-hours the ground "
           "delivers in the year.", series=True),
    Result("timeline.ground_capital_cost_per_watt", "USD/W", "Ground capital per watt of IT "
           "capacity energised in the year (plant and compute at that year's prices).",
           series=True),
    Result("timeline.space_capital", "USD/yr", "Space capital spent in the year.", series=True),
    Result("timeline.space_replacement_capital", "USD/yr", "Of the space capital, what replaces "
           "failed compute (the launched mass's replacement share; a static fleet's later "
           "generations).", series=True),
    Result("timeline.ground_replacement_capital", "USD/yr", "Of the ground capital, compute "
           "bought again at each refresh and for failures in service.", series=True),
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

#: Year results that are inf when the event never comes within the horizon (the analyses count
#: those draws as "never", after every year).
NEVER_YEARS = ("compare.crossover_year", "compare.capacity_year", "ground.capacity_year",
               "compare.market_crossover_year")

#: Solver status of a target year outside the horizon (:data:`orbital.compare.solvers.STATUS`).
OUTSIDE = 5
assert STATUS[OUTSIDE].startswith("not solved: the target year")


def satellite_factor(s, before, after):
    """Average of (M/M_0)^b_h over the cumulative launched masses [kg] between ``before`` and
    ``after`` (M_0 the mass launched before the analysis): the satellite $/W learning factor."""
    m0 = np.asarray(s["learning.initial_cumulative_mass"], dtype=float)
    lr = np.asarray(s["timeline.satellite_learning_rate"], dtype=float)
    if not np.any(lr):  # no learning anywhere: exactly 1, without the curve's work
        return np.ones(np.broadcast_shapes(np.shape(before), np.shape(after), lr.shape + (1,)))
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
    dp = (fleet.total_for(s, r, size, price=PROBE_PRICE, cost_per_watt=0.0) - t00) / PROBE_PRICE
    dh = fleet.total_for(s, r, size, price=0.0, cost_per_watt=1.0) - t00
    h0 = fleet.hardware_cost(s, size["fleet_power"], size["mass"]) / size["fleet_power"]
    return t00, dp, dh, h0, size["energy_pv"]


def sample_ndim(s) -> int:
    """Number of sample axes of SI inputs ``s`` (0 for one evaluation, 1 for N draws)."""
    return max((v.ndim for v in s.values() if isinstance(v, np.ndarray)), default=0)


def vintage_inputs(s, r, years):
    """(sv, rv): the inputs and results each year's vintage reads, on a trailing year axis:
    every per-sample value broadcast over the years, and every scheduled parameter
    (:data:`orbital.core.schedule.PER_YEAR`) at its value in that calendar year. The static
    steps (:mod:`orbital.space.fleet`, :mod:`orbital.ground.site`) then cost every vintage at
    once, exactly as they cost the static fleet."""
    nd = sample_ndim(s)
    sv, rv = with_year_axis(s, nd), with_year_axis(r, nd)
    for name in schedules(s):
        sv[name] = by_year(s, name, years)
    if "power.specific_power" in schedules(s) and s["power.model"] == "given":
        rv["power.specific_power"] = sv["power.specific_power"]
    return sv, rv


def ground_vintage(s, r, sv, rv, calendar):
    """(The ground's results for each year's vintage, the year views of its inputs with its
    hardware prices on their decline (:func:`orbital.ground.years.hardware_views`)): the static
    ground step on those views when any input is scheduled or declines, else today's (each as
    (..., 1))."""
    gsv = ground_years.hardware_views(s, sv, calendar)
    if not schedules(s) and gsv is sv:
        return with_year_axis(r, sample_ndim(s)), gsv
    out = dict(rv)
    site.step(gsv, out)
    return out, gsv


def series(s, r):
    """Every by-year series [SI] and the scalars that need them, as one dict."""
    start = np.asarray(s["timeline.start_year"], dtype=float)
    got = {k: read(r, k) for k in ("buildout.cumulative_mass", "buildout.price_per_kg",
                                   "buildout.installed_power", "buildout.gross_power_added",
                                   "buildout.launch_spend", "buildout.launched_mass",
                                   "buildout.replacement_mass")}
    cum = got["buildout.cumulative_mass"]
    n = cum.shape[-1]
    years = start[..., None] + np.arange(n)
    sv, rv = vintage_inputs(s, r, years)
    m_init = np.asarray(s["learning.initial_cumulative_mass"], dtype=float)[..., None]
    after = m_init + cum
    before = np.concatenate([np.broadcast_to(m_init, after.shape[:-1] + (1,)),
                             after[..., :-1]], axis=-1)
    factor = fleet.delivery_factor(s, r)
    price = got["buildout.price_per_kg"] * np.asarray(factor)[..., None]
    affine = tuple(np.asarray(x, dtype=float) for x in affine_space(sv, rv))
    t00, dp, dh, h0, energy_pv = affine
    hw = h0 * satellite_factor(s, before, after)
    space_lcoe = (t00 + price * dp + hw * dh) / energy_pv
    gv, gsv = ground_vintage(s, r, sv, rv, years)
    ground_lcoe = np.asarray(gv["ground.lcoe"], dtype=float)
    ground_cap = ground_years.in_service(s, r, n)
    space_lcoe, ground_lcoe, ground_cap = np.broadcast_arrays(space_lcoe, ground_lcoe, ground_cap)
    static = s["timeline.space_deployment"] == "static_fleet"
    installed = (np.asarray(s["space.target_power"], dtype=float)[..., None] if static
                 else got["buildout.installed_power"])
    spread = Spread(space_lcoe)
    out = {"timeline.year": spread(years), "timeline.space_lcoe": space_lcoe,
           "timeline.ground_lcoe": spread(ground_lcoe),
           "timeline.launch_price_per_kg": spread(price),
           "timeline.satellite_cost_per_watt": spread(hw),
           "timeline.space_capacity": spread(installed),
           "timeline.ground_capacity": spread(ground_cap)}
    out["timeline.ground_energy"] = out["timeline.ground_capacity"] * np.asarray(
        s["ground.capacity_factor"])[..., None] * (s["finance.year_length"] / YEAR)
    out[AFFINE] = tuple(spread(a) for a in (t00, dp, dh, energy_pv))
    out[FLOW_INPUTS] = (got, hw, n, (sv, gv, gsv), spread, static)
    return out


#: Series computed from :func:`series`'s by a product each, only when one is read.
DERIVED = tuple(f"timeline.{side}_{what}" for side in ("space", "ground") for what in (
    "cost_per_gpu_hour", "cost_per_pflop_hour", "accelerator_hours")) + ("timeline.space_energy",)


def derived(s, out):
    """The :data:`DERIVED` series [SI] from :func:`series`'s dict ``out`` (accelerator-hours
    are energy ÷ accelerator power: s/s in SI)."""
    sv = out[FLOW_INPUTS][3][0]
    acc, eff = sv["compare.accelerator_power"], sv["compare.compute_efficiency"]
    space_energy = out["timeline.space_capacity"] * np.asarray(
        s["space.capacity_factor"])[..., None] * (s["finance.year_length"] / YEAR)
    res = {"timeline.space_energy": space_energy}
    for side, energy in (("space", space_energy), ("ground", out["timeline.ground_energy"])):
        res[f"timeline.{side}_cost_per_gpu_hour"] = out[f"timeline.{side}_lcoe"] * acc
        res[f"timeline.{side}_cost_per_pflop_hour"] = out[f"timeline.{side}_lcoe"] / eff
        res[f"timeline.{side}_accelerator_hours"] = energy / acc
    return res


#: Keys of :func:`series`'s dict holding its working parts (not results): the space vintage's
#: affine total by year, and what :func:`cash` reads.
AFFINE, FLOW_INPUTS = "@affine", "@flow_inputs"

#: The results of :func:`cash`: computed only when one of them is read (a crossover or
#: capacity year needs none of them); their by-year flows, :data:`FLOWS`, only when one of
#: those is read (an NPV needs the sums alone).
CASH = ("timeline.space_npv", "timeline.ground_npv")
FLOWS = ("timeline.ground_capital_cost_per_watt", "timeline.space_capital",
         "timeline.space_replacement_capital", "timeline.ground_replacement_capital",
         "timeline.space_operations", "timeline.ground_capital", "timeline.ground_operations")

#: Key of :func:`cash`'s dict holding its flows (:func:`orbital.compare.cashflow.cash_flows`).
RAW = "@flows"


def cash(s, r, out):
    """The NPVs of the cash flows at each side's rate, from :func:`series`'s dict, with the
    flows by year under :data:`RAW`."""
    got, hw, n, views, spread, static = out[FLOW_INPUTS]
    flows = cash_flows(s, r, got, hw, out, views)
    if static:
        flows.update(static_fleet_flows(s, r, n))
    m = finance.periods_per_year(s)
    sv = views[0]
    res = {RAW: flows}
    for side in ("space", "ground"):
        res[f"timeline.{side}_npv"] = npv(spread(flows[f"{side}_capital"]),
                                          spread(flows[f"{side}_operations"]),
                                          finance.rate(sv, side), m)
    return res


def flow_series(out, sums):
    """The cash-flow series of :data:`FLOWS` [SI] from :func:`series`'s and :func:`cash`'s
    dicts."""
    got, _, _, _, spread, _ = out[FLOW_INPUTS]
    return series_of(sums[RAW], got, spread)


def scalars(s, r, out):
    """The crossover, capacity years and the target-year solver from the series."""
    years = out["timeline.year"]

    def calendar(idx):
        return calendar_year(years, idx)

    idx, status = crossover(out["timeline.space_lcoe"], out["timeline.ground_lcoe"])
    target = np.asarray(s["space.target_power"], dtype=float)[..., None]
    res = {"compare.crossover_year": calendar(idx), "compare.crossover_status": status + 0.0,
           "compare.capacity_year": calendar(first_year(
               out["timeline.space_capacity"] >= target * (1 - 1e-12))),
           "ground.capacity_year": calendar(first_year(
               out["timeline.ground_capacity"] >= target * (1 - 1e-12)))}
    res.update(target_year_price(s, r, out))
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
    t00, dp, dh, energy_pv = (np.take_along_axis(a, ki, axis=-1)[..., 0] for a in out[AFFINE])
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
    """Pipeline step: the time axis, deferred: the vintage costs, capacities and years at
    once; the cash flows and NPVs, and the :data:`DERIVED` series, each only when read."""
    series_shape = r["buildout.cumulative_mass"].shape
    shape = floats.broadcast_shapes(
        floats.shape(r["space.total_cost"]), floats.shape(r["ground.total_cost"]),
        series_shape[:-1], r["ground.build_constraint"].shape[:-1])
    core = Deferred(lambda: compute(s, r), ())
    sums = Deferred(lambda: cash(s, r, core.get()), ())
    flows = Deferred(lambda: flow_series(core.get(), sums.get()), ())
    views = Deferred(lambda: derived(s, core.get()), ())
    defer(r, PLACES, (core, sums, flows, views), shape, series_shape[-1])


def compute(s, r):
    """Every timeline result [SI] but the cash flows, with :func:`series`'s working parts."""
    out = series(s, r)
    out.update(scalars(s, r, out))
    return out


#: Each result with the work that makes it (:func:`orbital.compare.lazy.layout`): 0 the core
#: (:func:`compute`), 1 the NPVs (:func:`cash`), 2 the cash-flow series
#: (:func:`orbital.compare.cashflow.series_of`), 3 the :data:`DERIVED` series.
PLACES = layout(RESULTS, CASH, FLOWS, DERIVED)
