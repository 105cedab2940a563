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

import numpy as np

from ..core.constants import YEAR
from ..core.deferred import Deferred
from ..core.numbers import fmt_number
from ..core.schedule import by_year, schedules
from ..core.spec import Choice, Limit, Param, Result, with_conditions
from . import learning, scalar
from .ledger import clip, fit, ledger_years, steady_state

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
    return max(1, int(np.ceil(np.max(period_s) / YEAR - 1e-9)))


def year_weights(period_s, n_years: int):
    """Weight of each year in period totals, shape (..., Y): 1 for whole years, the fraction
    for a final partial year, 0 beyond the sample's own period."""
    years = np.arange(n_years)
    return clip(np.asarray(period_s)[..., None] / YEAR - years, 0.0, 1.0)


def _inputs(s, r):
    """The buildout's inputs as per-year numbers (kg per year, per-year fractions, years)."""
    period = np.asarray(s["finance.analysis_period"], dtype=float)
    c = learning.curve(s, r)
    v = dict(period=period, n_years=analysis_years(period),
             sp=np.asarray(r["power.specific_power"], dtype=float),
             mass0=np.asarray(s["buildout.mass_per_year"], dtype=float) * YEAR,
             growth=1.0 + np.asarray(s["buildout.mass_growth_rate"], dtype=float) * YEAR,
             cap=np.asarray(r["launch.cadence_limit"], dtype=float) * YEAR,
             life=np.asarray(s["buildout.service_life"], dtype=float) / YEAR,
             d=np.asarray(s["buildout.array_degradation"], dtype=float) * YEAR,
             f=np.asarray(s["buildout.compute_failure_rate"], dtype=float) * YEAR,
             phi=np.asarray(s["buildout.replacement_mass_fraction"], dtype=float),
             restoration=s["buildout.failure_restoration"],
             m_init=np.asarray(s["learning.initial_cumulative_mass"], dtype=float), curve=c,
             target=np.asarray(r["learning.mass_to_target"], dtype=float))
    v["shape"] = np.broadcast_shapes(*(np.shape(v[k]) for k in (
        "period", "sp", "mass0", "growth", "cap", "life", "d", "f", "phi", "m_init")),
        *(np.shape(c[k]) for k in ("p0", "m0", "rate", "floor")))
    # per-year schedules (calendar years from timeline.start_year): tonnage, cadence, price
    plans = schedules(s)
    calendar = np.asarray(s["timeline.start_year"], dtype=float)[..., None] + \
        np.arange(v["n_years"])
    v["wanted_by_year"] = (by_year(s, "buildout.mass_per_year", calendar) * YEAR
                           if "buildout.mass_per_year" in plans else None)
    v["cap_by_year"] = (by_year(s, "launch.max_flights_per_year", calendar)
                        * np.asarray(s["launch.payload_per_flight"], dtype=float)[..., None] * YEAR
                        if "launch.max_flights_per_year" in plans else None)
    v["price_by_year"] = (by_year(s, "launch.price_per_kg", calendar)
                          if "launch.price_per_kg" in plans else None)
    v["sp_by_year"] = (by_year(s, "power.specific_power", calendar)
                       if "power.specific_power" in plans and s["power.model"] == "given"
                       else None)
    return v


def _at_year(a, y: int):
    """Column y (0-based) of a by-year array."""
    return a[..., y]


def _wanted_rows(v):
    """Mass the programme asks for each year [kg]: first-year mass × growth^(y−1), or its
    schedule."""
    for y in range(v["n_years"]):
        if v["wanted_by_year"] is not None:
            yield fit(_at_year(v["wanted_by_year"], y), v["shape"])
        else:
            yield fit(v["mass0"] * v["growth"] ** float(y), v["shape"])


def _cap(v, y: int):
    """The cadence cap [kg] of year y (0-based): fixed, or its schedule × payload."""
    return v["cap"] if v["cap_by_year"] is None else _at_year(v["cap_by_year"], y)


def _curve(v, y: int):
    """The learning curve of year y (0-based): the set's, or a scheduled price path (flat
    within the year)."""
    if v["price_by_year"] is None:
        return v["curve"]
    return dict(v["curve"], p0=_at_year(v["price_by_year"], y), learns=False)


def _years(v):
    """One pass over the years: yields (y, wanted, launched, cumulative before and after,
    ledger row), with y = 1 … Y."""
    cumulative = np.broadcast_to(v["m_init"], v["shape"]).astype(float)
    made = []   # (wanted, launched) of the year the ledger has just taken, made once

    def launched_rows():
        for y, w in enumerate(_wanted_rows(v)):
            made.append((w, np.minimum(w, _cap(v, y))))
            yield made[-1][1]

    rows = ledger_years(launched_rows(), v["n_years"], v["shape"], v["sp"], v["d"], v["f"],
                        v["restoration"], v["phi"], v["life"], v["sp_by_year"])
    for y, led in enumerate(rows, start=1):
        wanted, launched = made.pop()   # the ledger takes year y's row before yielding it
        after = cumulative + launched
        yield y, wanted, launched, cumulative, after, led
        cumulative = after


def _series(v):
    """Every by-year row of a recording pass, year-major ((Y, ...) arrays in SI); a series is
    put in (..., Y) order only when it is read (:func:`_by_year`)."""
    out: dict = {}
    for y, wanted, launched, before, after, led in _years(v):
        c = _curve(v, y - 1)
        spent = learning.spend(c, before, after)
        row = dict(led, wanted=wanted, launched=launched, cumulative=after - v["m_init"],
                   spend=spent, marginal=learning.price_at(c, after))
        with np.errstate(divide="ignore", invalid="ignore"):
            row["price"] = np.where(launched > 0, spent / np.where(launched > 0, launched, 1.0),
                                    learning.price_at(c, before))
        for k, a in row.items():
            out.setdefault(k, np.empty((v["n_years"],) + v["shape"]))[y - 1] = a
    return out


def _by_year(rows: dict, key: str, v):
    """The series ``key`` as a (..., Y) array in C order, made once from the year-major
    ``rows`` of :func:`_series` (a year-major view would leave every later (..., Y) operation
    mixing layouts with the time axis's own arrays, striding across whole rows of years; the
    copy is made only for the series someone reads)."""
    done = rows.setdefault("@by_year", {})
    if key not in done:
        if key == "net":
            done[key] = np.diff(_by_year(rows, "installed", v), axis=-1, prepend=0.0)
        elif key == "gross":
            done[key] = _by_year(rows, "launched", v) * (
                v["sp"][..., None] if v["sp_by_year"] is None else v["sp_by_year"])
        else:
            done[key] = np.ascontiguousarray(np.moveaxis(rows[key], 0, -1))
    return done[key]


#: Series results: (name, key in :func:`_series`, divide by a year?).
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


def period_totals(v):
    """One pass over the years: the period's sums (mass, peak wanted mass, cadence and
    shortfall years, the installed power around the period's end, the year the learning
    target is reached), with only per-year rows alive."""
    n_years, shape = v["n_years"], v["shape"]
    last = clip(v["period"] / YEAR, 0, n_years)  # the period in years
    idx = clip(np.ceil(last - 1e-9).astype(np.int64), 1, n_years)  # its last year, 1-based
    total_mass = np.zeros(shape)
    peak_wanted = np.zeros(shape)
    cadence = np.zeros(shape, dtype=bool)
    shortfall_years = np.zeros(shape)
    begin = np.zeros(shape)
    end = np.zeros(shape)
    target = v["target"]
    year_to_target = np.full(shape, np.inf)
    scheduled_spend = np.zeros(shape)
    cadence_years = np.zeros(shape)
    # one period for every sample (the usual case): a year's weight and whether it is the
    # period's last are plain numbers, and the selections below on them need no array pass
    whole = np.ndim(last) == 0 and np.ndim(idx) == 0
    for y, wanted, launched, before, after, led in _years(v):
        w = clip(last - (y - 1), 0.0, 1.0)  # weight of this year in the period
        one = whole and w == 1.0
        total_mass = total_mass + (launched if one else w * launched)
        if v["price_by_year"] is not None:  # a price path: each year at its own price
            scheduled_spend = scheduled_spend + w * launched * _curve(v, y - 1)["p0"]
        in_period = w > 0
        if not whole:
            peak_wanted = np.where(in_period, np.maximum(peak_wanted, wanted), peak_wanted)
        elif in_period:
            peak_wanted = np.maximum(peak_wanted, wanted)
        capped = in_period & (wanted > _cap(v, y - 1) * (1 + 1e-12))
        cadence |= capped
        cadence_years = cadence_years + np.where(capped, w, 0.0)
        if v["restoration"] != "not_restored":   # else no year falls short: adds 0
            need = led["failure_loss"]
            short = in_period & (led["restored"] < need * (1 - 1e-9))
            shortfall_years = shortfall_years + np.where(short, w, 0.0)
        if not whole:
            begin = np.where(idx - 1 == y, led["installed"], begin)
            end = np.where(idx == y, led["installed"], end)
        elif idx - 1 == y or idx == y:
            begin, end = (led["installed"], end) if idx - 1 == y else (begin, led["installed"])
        # the year in which the cumulative mass passes the learning target (linear within it)
        crossed = np.isinf(year_to_target) & (after - v["m_init"] >= target) & (launched > 0)
        if crossed.any():   # else year_to_target stays as it is
            with np.errstate(divide="ignore", invalid="ignore"):
                frac = clip((target - (before - v["m_init"])) / np.where(launched > 0, launched,
                                                                            1.0), 0.0, 1.0)
            year_to_target = np.where(crossed, (y - 1) + frac, year_to_target)
    return dict(total_mass=total_mass, peak_wanted=peak_wanted, cadence=cadence,
                shortfall_years=shortfall_years, begin=begin, end=end,
                year_to_target=year_to_target, scheduled_spend=scheduled_spend,
                cadence_years=cadence_years, last=last, idx=idx)


def step(s, r):
    """Pipeline step: the year-by-year buildout and its period totals (SI in, SI out).

    One pass over the years computes the period totals with only per-year rows alive; the
    by-year series are deferred results, computed by a recording pass when first read."""
    v = _inputs(s, r)
    n_years, shape = v["n_years"], v["shape"]
    c = v["curve"]
    t = scalar.period_totals(v) or period_totals(v)  # plain floats for one sample
    total_mass, last, idx, begin, end = (t[k] for k in ("total_mass", "last", "idx", "begin",
                                                         "end"))
    shortfall_years, year_to_target, target = (t["shortfall_years"], t["year_to_target"],
                                               v["target"])

    series = Deferred(lambda: _series(v), ())
    for name, key, per_year in SERIES:
        def make(key=key, per_year=per_year):
            a = _by_year(series.get(), key, v)
            return a / YEAR if per_year else a
        r[name] = Deferred(make, shape + (n_years,))

    first = np.minimum(np.broadcast_to(v["mass0"], shape), v["cap"])
    sp = v["sp"] if v["sp_by_year"] is None else v["sp_by_year"][..., 0]
    r["buildout.power_added_per_year"] = first * sp / YEAR
    ss, repl = steady_state(first, sp, v["d"], v["f"], v["restoration"], v["phi"], v["life"])
    r["buildout.steady_state_power"] = ss
    r["buildout.steady_state_replacement_mass"] = repl / YEAR
    # power in service at the end of the (possibly fractional) period, linear within its last year
    r["buildout.final_installed_power"] = begin + (end - begin) * np.minimum(last - (idx - 1), 1.0)
    r["buildout.total_mass"] = total_mass
    m_init = np.broadcast_to(v["m_init"], shape)
    total_spend = learning.spend(c, m_init, m_init + total_mass) if v["price_by_year"] is None \
        else t["scheduled_spend"]
    r["buildout.total_launch_spend"] = total_spend
    with np.errstate(divide="ignore", invalid="ignore"):
        r["buildout.mean_price_per_kg"] = np.where(
            total_mass > 0, total_spend / np.where(total_mass > 0, total_mass, 1.0),
            learning.price_at(c, m_init))
    r["buildout.peak_wanted_mass"] = t["peak_wanted"] / YEAR
    r["buildout.restoration_shortfall_years"] = shortfall_years * YEAR
    r["buildout.cadence_binds"] = np.asarray(t["cadence"], dtype=float)
    r["buildout.cadence_years"] = t["cadence_years"] * YEAR
    end_price = learning.price_at(c, m_init + total_mass)
    r["buildout.floor_binds"] = (c["learns"] & (np.asarray(end_price) <= np.asarray(c["floor"])
                                               * (1 + 1e-9)) & (total_mass > 0)).astype(float)
    r["buildout.restoration_shortfall"] = (shortfall_years > 0).astype(float)
    # the learning target: when the buildout's cumulative mass reaches it
    status = np.where(target <= 0, 3, np.where(np.isinf(target), 2,
                                               np.where(np.isfinite(year_to_target), 0, 1)))
    r["learning.year_to_target"] = np.where(target <= 0, 0.0, year_to_target) * YEAR
    r["learning.target_status"] = status.astype(float)
