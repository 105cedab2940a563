"""The buildout, year by year: a mass-flow ledger of launched tonnage and the fleet it sustains.

Years y = 1 … Y. Each year's mass L_y = min(wanted, cadence cap) is launched at the start of
the year, wanted = first-year tonnage × (1 + growth)^(y−1); what it becomes (new spacecraft,
restored failures, degradation, retirement after ``buildout.service_life``) is the cohort
ledger of :mod:`orbital.programme.ledger`, with its steady state in closed form.
The launch price follows the learning curve (:mod:`orbital.programme.learning`): each year
pays the integral of the marginal price over the mass it launches.
This ledger is orbital's own; none of the published models has one
(../shared/reference/published-models.md, "What none of them has").
"""
from __future__ import annotations

import math

import numpy as np

from ..core import floats
from ..core.constants import YEAR
from ..core.deferred import Deferred, Part
from ..core.numbers import fmt_number
from ..core.schedule import by_year, schedules
from ..core.spec import Choice, Limit, Param, Result, with_conditions
from . import learning, scalar, yearly
from .ledger import steady_state

RESTORATION = ("not_restored", "replace_spacecraft", "repair_in_orbit")

PARAMETERS = (
    Param("buildout.mass_per_year", "t/yr", "Mass launched to orbit in the first year of the "
          "analysis.", low=0, log_scale=True),
    Param("buildout.mass_growth_rate", "1/yr", "Yearly growth of the launched mass (0 = "
          "constant tonnage).", low=-1, low_open=True, high=10),
    Param("buildout.array_degradation", "1/yr", "Fraction of array power lost each year.",
          low=0, high=1),
    Param("buildout.compute_failure_rate", "1/yr", "Fraction of the fleet's compute that fails "
          "each year.", low=0, high=1),
    Choice("buildout.failure_restoration", RESTORATION,
           "What happens to failed compute: 'not_restored' = it is lost capacity; "
           "'replace_spacecraft' = the year's mass first buys whole new spacecraft for it, "
           "which age and retire on their own service life; 'repair_in_orbit' = a module of "
           "buildout.replacement_mass_fraction of the spacecraft's mass restores it in its "
           "host, which keeps its age."),
    Param("buildout.replacement_mass_fraction", "1", "Mass launched to repair failed compute in "
          "orbit, as a fraction of the failed spacecraft's mass (used with "
          "buildout.failure_restoration = 'repair_in_orbit').", low=0, low_open=True, high=1),
    Param("buildout.service_life", "yr", "Years a spacecraft serves before it is retired "
          "(fractional years allowed).", low=1, high=100),
)
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "buildout.replacement_mass_fraction": ({"buildout.failure_restoration":
                                            ("repair_in_orbit",)},),
})


def _cadence_message(res, i) -> str:
    cap = res.value_at("launch.cadence_limit", i)
    flights = res.value_at("launch.max_flights_per_year", i)
    wanted = res.value_at("buildout.peak_wanted_mass", i)
    if res.scheduled("launch.max_flights_per_year") or res.scheduled("buildout.mass_per_year"):
        years = res.value_at("buildout.cadence_years", i)
        return (f"the cadence cap (scheduled; {fmt_number(flights)} flights/yr in the first "
                f"year) limits the tonnage in {fmt_number(years)} of the period's years")
    return (f"the cadence cap of {fmt_number(flights)} flights/yr limits "
            f"{fmt_number(wanted)} t/yr to {fmt_number(cap)} t/yr")


def _floor_message(res, i) -> str:
    return (f"the launch price reaches its floor of "
            f"{fmt_number(res.value_at('learning.price_floor', i))} USD/kg within the period")


def _shortfall_message(res, i) -> str:
    return (f"in {fmt_number(res.value_at('buildout.restoration_shortfall_years', i))} of the "
            "period's years the launched mass cannot restore all failed compute; the rest is "
            "lost capacity")


RESULTS = (
    Result("buildout.power_added_per_year", "GW/yr", "Gross power added in the first year: "
           "launched mass (after the cadence cap) × specific power, before replacements and "
           "losses."),
    Result("buildout.steady_state_power", "GW", "Fleet power the first year's launched tonnage "
           "sustains for ever once failures, degradation and retirement balance new launches."),
    Result("buildout.steady_state_replacement_mass", "t/yr", "Mass a year spent restoring "
           "failed compute at that steady state."),
    Result("buildout.final_installed_power", "GW", "Fleet power in service in the last year of "
           "the analysis period (interpolated within a fractional last year)."),
    Result("buildout.total_mass", "t", "Mass launched over the analysis period."),
    Result("buildout.total_launch_spend", "USD", "Launch spend over the analysis period: the "
           "marginal price integrated over the mass launched."),
    Result("buildout.mean_price_per_kg", "USD/kg", "Average launch price paid over the "
           "analysis period (total spend ÷ total mass)."),
    Result("buildout.peak_wanted_mass", "t/yr", "Largest yearly tonnage the programme asks for "
           "in the period (before the cadence cap)."),
    Result("buildout.cadence_years", "yr", "Years of the period in which the cadence cap "
           "limits the tonnage."),
    Result("buildout.restoration_shortfall_years", "yr", "Years of the period in which the "
           "launched mass could not restore all failed compute."),
    Limit("buildout.cadence_binds", "1", "1 where the cadence cap limits the tonnage in some "
          "year of the period.", message=_cadence_message,
          affects=("buildout.power_added_per_year", "launch.flights_per_year",
                   "launch.spend_per_year", "buildout.steady_state_power",
                   "space.deployment_years")),
    Limit("buildout.floor_binds", "1", "1 where the launch price reaches the learning "
          "curve's floor within the period.", message=_floor_message,
          affects=("buildout.mean_price_per_kg", "space.launch_price_per_kg")),
    Limit("buildout.restoration_shortfall", "1", "1 where some year's mass cannot restore all "
          "the compute that failed.", message=_shortfall_message,
          affects=("buildout.final_installed_power",)),
    Result("buildout.wanted_mass", "t/yr", "Mass the programme asks to launch each year "
           "(first-year tonnage × growth), before the cadence cap.", series=True),
    Result("buildout.launched_mass", "t/yr", "Mass launched each year (capped by cadence).",
           series=True),
    Result("buildout.replacement_mass", "t/yr", "Part of each year's mass spent restoring failed "
           "compute.", series=True),
    Result("buildout.gross_power_added", "GW/yr", "Launched mass × specific power, each year.",
           series=True),
    Result("buildout.new_power", "GW/yr", "Power of the spacecraft launched for growth each "
           "year (the mass left after replacements × specific power).", series=True),
    Result("buildout.restored_power", "GW/yr", "Failed power restored each year, by "
           "replacement spacecraft or repairs.", series=True),
    Result("buildout.degradation_loss", "GW/yr", "Power lost to array degradation each year.",
           series=True),
    Result("buildout.failure_loss", "GW/yr", "Power that fails each year (restored or not).",
           series=True),
    Result("buildout.retired_power", "GW/yr", "Power retired at the end of its service life "
           "each year.", series=True),
    Result("buildout.net_power_added", "GW/yr", "Change in the fleet's power in service each "
           "year: new + restored − degradation − failures − retired.", series=True),
    Result("buildout.installed_power", "GW", "Fleet power in service each year.",
           series=True),
    Result("buildout.cumulative_mass", "t", "Mass launched since the start of the analysis, at "
           "the end of each year.", series=True),
    Result("buildout.price_per_kg", "USD/kg", "Average launch price paid each year: the year's "
           "spend ÷ its launched mass.", series=True),
    Result("buildout.marginal_price_per_kg", "USD/kg", "Marginal launch price at the end of "
           "each year (the learning curve at the cumulative mass).", series=True),
    Result("buildout.launch_spend", "USD/yr", "Launch spend each year.", series=True),
)


def analysis_years(period_s) -> int:
    """Number of years Y on the buildout's year axis: ceil of the longest period [s]."""
    if type(period_s) is float:
        return max(1, math.ceil(period_s / YEAR - 1e-9))
    return max(1, int(np.ceil(np.max(period_s) / YEAR - 1e-9)))


def year_weights(period_s, n_years: int):
    """Weight of each year in period totals, shape (..., Y): 1 for whole years, the fraction
    for a final partial year, 0 beyond the sample's own period."""
    years = np.arange(n_years)
    return floats.clip(np.asarray(period_s)[..., None] / YEAR - years, 0.0, 1.0)


def _inputs(s, r):
    """The buildout's inputs as per-year numbers (kg per year, per-year fractions, years)."""
    num = floats.asarray
    period = num(s["finance.analysis_period"])
    c = learning.curve(s, r)
    v = dict(period=period, n_years=analysis_years(period),
             sp=num(r["power.specific_power"]),
             mass0=num(s["buildout.mass_per_year"]) * YEAR,
             growth=1.0 + num(s["buildout.mass_growth_rate"]) * YEAR,
             cap=num(r["launch.cadence_limit"]) * YEAR,
             life=num(s["buildout.service_life"]) / YEAR,
             d=num(s["buildout.array_degradation"]) * YEAR,
             f=num(s["buildout.compute_failure_rate"]) * YEAR,
             phi=num(s["buildout.replacement_mass_fraction"]),
             restoration=s["buildout.failure_restoration"],
             m_init=num(s["learning.initial_cumulative_mass"]), curve=c,
             meets=r["launch.floor_mass"],
             target=num(r["learning.mass_to_target"]))
    v["shape"] = floats.broadcast_shapes(*(floats.shape(v[k]) for k in (
        "period", "sp", "mass0", "growth", "cap", "life", "d", "f", "phi", "m_init")),
        *(floats.shape(c[k]) for k in ("p0", "m0", "rate", "floor")))
    # per-year schedules (calendar years from timeline.start_year): tonnage, cadence, price
    plans = schedules(s)
    v["wanted_by_year"] = v["cap_by_year"] = v["price_by_year"] = v["sp_by_year"] = None
    if not plans:
        return v
    calendar = np.asarray(s["timeline.start_year"], dtype=float)[..., None] + \
        np.arange(v["n_years"])
    if "buildout.mass_per_year" in plans:
        v["wanted_by_year"] = by_year(s, "buildout.mass_per_year", calendar) * YEAR
    if "launch.max_flights_per_year" in plans:
        v["cap_by_year"] = (by_year(s, "launch.max_flights_per_year", calendar)
                            * np.asarray(s["launch.payload_per_flight"], dtype=float)[..., None]
                            * YEAR)
    if "launch.price_per_kg" in plans:
        v["price_by_year"] = by_year(s, "launch.price_per_kg", calendar)
    if "power.specific_power" in plans and s["power.model"] == "given":
        v["sp_by_year"] = by_year(s, "power.specific_power", calendar)
    return v


def _as_arrays(v):
    """``v`` with its plain floats as 0-d arrays, for the recording pass's array code (a
    scalar evaluation's inputs are floats)."""
    return {k: np.asarray(x) if type(x) is float else x for k, x in v.items()}


#: Series results: (name, key in :func:`orbital.programme.yearly.series`, divide by a year?).
SERIES = (
    ("buildout.wanted_mass", "wanted", True),
    ("buildout.launched_mass", "launched", True),
    ("buildout.replacement_mass", "replacement", True),
    ("buildout.gross_power_added", "gross", True),
    ("buildout.new_power", "new", True),
    ("buildout.restored_power", "restored", True),
    ("buildout.degradation_loss", "degradation_loss", True),
    ("buildout.failure_loss", "failure_loss", True),
    ("buildout.retired_power", "retired", True),
    ("buildout.net_power_added", "net", True),
    ("buildout.installed_power", "installed", False),
    ("buildout.cumulative_mass", "cumulative", False),
    ("buildout.price_per_kg", "price", False),
    ("buildout.marginal_price_per_kg", "marginal", False),
    ("buildout.launch_spend", "spend", True),
)
SERIES_KEYS = {name: (key, per_year) for name, key, per_year in SERIES}


class BySeries:
    """The by-year series of a recording pass over the years (:func:`yearly.series`), each made
    when first asked for by its result's name (in SI, per second for a flow)."""

    def __init__(self, v):
        self.v, self.rows = v, yearly.series(v)

    def __getitem__(self, name):
        key, per_year = SERIES_KEYS[name]
        a = yearly.by_year_series(self.rows, key, self.v)
        return a / YEAR if per_year else a


def step(s, r):
    """Pipeline step: the year-by-year buildout and its period totals (SI in, SI out).

    One pass over the years computes the period totals with only per-year rows alive; the
    by-year series are deferred results, computed by a recording pass when first read."""
    v = _inputs(s, r)
    n_years, shape = v["n_years"], v["shape"]
    c = v["curve"]
    t = scalar.period_totals(v) or yearly.period_totals(v)  # plain floats for one sample
    total_mass, last, idx, begin, end = (t[k] for k in ("total_mass", "last", "idx", "begin",
                                                         "end"))
    shortfall_years, year_to_target, target = (t["shortfall_years"], t["year_to_target"],
                                               v["target"])

    group = Deferred(lambda: BySeries(_as_arrays(v)), ())
    series_shape = shape + (n_years,)
    for name, _, _ in SERIES:
        r[name] = Part(group, name, series_shape)

    first = floats.minimum(floats.broadcast_to(v["mass0"], shape), v["cap"])
    sp = v["sp"] if v["sp_by_year"] is None else v["sp_by_year"][..., 0]
    r["buildout.power_added_per_year"] = first * sp / YEAR
    ss, repl = steady_state(first, sp, v["d"], v["f"], v["restoration"], v["phi"], v["life"])
    r["buildout.steady_state_power"] = ss
    r["buildout.steady_state_replacement_mass"] = repl / YEAR
    # power in service at the end of the (possibly fractional) period, linear within its last year
    r["buildout.final_installed_power"] = begin + (end - begin) * floats.minimum(
        last - (idx - 1), 1.0)
    r["buildout.total_mass"] = total_mass
    m_init = v["m_init"]   # (one number for every sample: the spend takes its power once)
    m_end = m_init + total_mass
    total_spend = learning.spend(c, m_init, m_end, v["meets"]) \
        if v["price_by_year"] is None else t["scheduled_spend"]
    r["buildout.total_launch_spend"] = total_spend
    start_price = r["launch.initial_price_per_kg"]   # the curve's price at m_init
    r["buildout.mean_price_per_kg"] = floats.ratio_or(total_spend, total_mass, start_price)
    r["buildout.peak_wanted_mass"] = t["peak_wanted"] / YEAR
    r["buildout.restoration_shortfall_years"] = shortfall_years * YEAR
    r["buildout.cadence_binds"] = floats.asarray(t["cadence"])
    r["buildout.cadence_years"] = t["cadence_years"] * YEAR
    end_price = learning.price_at(c, m_end)
    r["buildout.floor_binds"] = floats.asarray(
        c["learns"] & (end_price <= c["floor"] * (1 + 1e-9)) & (total_mass > 0))
    r["buildout.restoration_shortfall"] = floats.asarray(shortfall_years > 0)
    # the learning target: when the buildout's cumulative mass reaches it
    already = target <= 0
    status = floats.where(already, 3.0, floats.where(
        floats.isinf(target), 2.0, floats.where(floats.isfinite(year_to_target), 0.0, 1.0)))
    r["learning.year_to_target"] = floats.where(already, 0.0, year_to_target) * YEAR
    r["learning.target_status"] = floats.asarray(status)
