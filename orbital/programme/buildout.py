"""The buildout, year by year: a mass-flow ledger of launched tonnage and the fleet it sustains.

Each year's launched mass first restores compute that failed in the fleet (the replacement
mass), and the rest becomes new spacecraft. The fleet loses power to array degradation, to
failures that could not be restored, and to retirement at the end of its service life. The
launch price each year follows the learning curve on cumulative mass.

Cohort accounting (end-of-year capacities; year y = 1 … Y; C₀ = 0):

    failed_y   = f · C_{y−1}                        compute that fails during year y
    R_y        = min(L_y, failed_y · φ / s)         replacement mass (φ: replaced mass fraction)
    new_y      = (L_y − R_y) · s                    power of new spacecraft
    C_y        = Σ_{k=y−T+1}^{y} new_k (1−d)^{y−k} · S_y / S_k
    S_y        = S_{y−1} · (1 − f · (1 − R_y / R_need,y))   survival of failures left unrestored

with launched mass L_y [kg], specific power s [W/kg], degradation d [1/yr], failure rate f [1/yr]
and service life T [yr, whole years]. Steady state at constant tonnage L:
C* = L·s·G / (1 + f·φ·G), G = Σ_{a=0}^{T−1} (1−d)^a.
This ledger is orbital's own; none of the published models has one
(../shared/reference/published-models.md, "What none of them has").
"""
from __future__ import annotations

import numpy as np

from ..core.constants import YEAR
from ..core.deferred import Deferred
from ..core.spec import Param, Result
from .learning import price_at

PARAMETERS = (
    Param("buildout.mass_per_year", "t/yr", "Mass launched to orbit in the first year of the "
          "analysis.", low=0, log_scale=True),
    Param("buildout.mass_growth_rate", "1/yr", "Yearly growth of the launched mass (0 = "
          "constant tonnage).", low=-1, low_open=True, high=10),
    Param("buildout.array_degradation", "1/yr", "Fraction of array power lost each year.",
          low=0, high=1),
    Param("buildout.compute_failure_rate", "1/yr", "Fraction of the fleet's compute that fails "
          "each year.", low=0, high=1),
    Param("buildout.replacement_mass_fraction", "1", "Mass launched to restore failed compute, as "
          "a fraction of the failed spacecraft's mass (1 = replace the whole spacecraft).",
          low=0, high=1),
    Param("buildout.service_life", "yr", "Years a spacecraft serves before it is retired "
          "(whole years).", low=1, high=100, integer=True),
)

RESULTS = (
    Result("buildout.power_added_per_year", "GW/yr", "Gross power added in the first year: "
           "launched mass × specific power (before replacements and losses)."),
    Result("buildout.steady_state_power", "GW", "Fleet power the first year's tonnage sustains "
           "for ever once replacements, degradation and retirement balance new launches."),
    Result("buildout.steady_state_replacement_mass", "t/yr", "Mass a year spent restoring "
           "failed compute at the steady state."),
    Result("buildout.final_installed_power", "GW", "Installed fleet power at the end of the "
           "analysis period."),
    Result("buildout.total_mass", "t", "Mass launched over the analysis period."),
    Result("buildout.total_launch_spend", "USD", "Launch spend over the analysis period."),
    Result("buildout.mean_price_per_kg", "USD/kg", "Average launch price paid over the "
           "analysis period (total spend ÷ total mass)."),
    Result("buildout.launched_mass", "t/yr", "Mass launched each year (capped by cadence).",
           series=True),
    Result("buildout.replacement_mass", "t/yr", "Part of each year's mass spent restoring failed "
           "compute.", series=True),
    Result("buildout.gross_power_added", "GW/yr", "Launched mass × specific power, each year.",
           series=True),
    Result("buildout.new_power", "GW/yr", "Power of the new spacecraft each year (mass left "
           "after replacements × specific power).", series=True),
    Result("buildout.degradation_loss", "GW/yr", "Power lost to array degradation each year.",
           series=True),
    Result("buildout.failure_loss", "GW/yr", "Power lost to compute failures that the year's "
           "mass could not restore.", series=True),
    Result("buildout.retired_power", "GW/yr", "Power retired at the end of its service life "
           "each year.", series=True),
    Result("buildout.net_power_added", "GW/yr", "Change in installed fleet power each year.",
           series=True),
    Result("buildout.installed_power", "GW", "Installed fleet power at the end of each year.",
           series=True),
    Result("buildout.cumulative_mass", "t", "Mass launched since the start of the analysis, at "
           "the end of each year.", series=True),
    Result("buildout.price_per_kg", "USD/kg", "Launch price each year (learning curve at the "
           "cumulative mass at the start of the year).", series=True),
    Result("buildout.launch_spend", "USD/yr", "Launch spend each year.", series=True),
)


def analysis_years(period_s) -> int:
    """Number of years Y on the buildout's year axis: ceil of the longest period [s]."""
    return max(1, int(np.ceil(np.max(period_s) / YEAR - 1e-9)))


def year_weights(period_s, n_years: int):
    """Weight of each year in period totals, shape (..., Y): 1 for whole years, the fraction
    for a final partial year, 0 beyond the sample's own period."""
    years = np.arange(n_years)
    return np.clip(np.asarray(period_s)[..., None] / YEAR - years, 0.0, 1.0)


def steady_state_power(mass_per_year, specific_power, degradation, failure, replaced_fraction,
                       life_years):
    """Steady-state fleet power [W] sustained by a constant tonnage.

    mass_per_year [kg/yr] (per-year numbers, not SI rates), specific_power [W/kg],
    degradation and failure [1/yr], replaced_fraction [1], life_years [whole years].
    C* = L·s·G / (1 + f·φ·G) with G = Σ_{a=0}^{T−1} (1−d)^a (see the module docstring).
    """
    d = np.asarray(degradation, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        geometric = np.where(d > 0, (1.0 - (1.0 - d) ** life_years) / np.where(d > 0, d, 1.0),
                             life_years)
    return mass_per_year * specific_power * geometric / (1.0 + failure * replaced_fraction * geometric)


def ledger(launched, specific_power, degradation, failure, replaced_fraction, life_years):
    """Run the cohort ledger over the year axis (the last axis of ``launched``).

    launched [kg per year], shape (..., Y); specific_power [W/kg]; degradation, failure [1/yr];
    replaced_fraction [1]; life_years [whole years] — all broadcasting against ``launched[..., 0]``.
    Returns a dict of (..., Y) arrays, flows per year in kg and W: ``replacement``, ``new``,
    ``degradation_loss``, ``failure_loss``, ``retired``, ``installed``.
    A Python loop over years (Y is tens), never over samples.
    """
    launched = np.asarray(launched, dtype=float)
    n_years = launched.shape[-1]
    shape = np.broadcast_shapes(launched.shape[:-1], np.shape(specific_power),
                                np.shape(degradation), np.shape(failure),
                                np.shape(replaced_fraction), np.shape(life_years))
    rows = (np.broadcast_to(launched[..., y], shape) for y in range(n_years))
    out = {k: np.empty(shape + (n_years,)) for k in LEDGER_ROWS}
    for y, row in enumerate(ledger_rows(rows, n_years, shape, specific_power, degradation,
                                        failure, replaced_fraction, life_years)):
        for k in LEDGER_ROWS:
            out[k][..., y] = row[k]
    return out


#: What :func:`ledger_rows` yields each year.
LEDGER_ROWS = ("replacement", "new", "degradation_loss", "failure_loss", "retired", "installed")


def ledger_rows(launched_rows, n_years, shape, specific_power, degradation, failure,
                replaced_fraction, life_years):
    """The cohort ledger one year at a time: for each row of launched mass [kg], shape
    ``shape``, yield a dict of that year's :data:`LEDGER_ROWS` [kg or W].

    The yielded arrays are buffers reused the next year: copy what you keep. Only the cohort
    history (Y rows) is kept, so a pass over 10⁶ samples never holds (Y, N) outputs it does not
    need.
    """
    sp = np.broadcast_to(specific_power, shape)
    d = np.broadcast_to(degradation, shape)
    f = np.broadcast_to(failure, shape)
    phi_per_sp = np.broadcast_to(np.asarray(replaced_fraction) / np.asarray(specific_power),
                                 shape)
    life = np.asarray(life_years).astype(np.int64)
    keep = 1.0 - d
    keep_life = keep ** life  # what survives degradation over a whole service life
    row = {k: np.empty(shape) for k in LEDGER_ROWS}
    history = np.zeros((n_years,) + shape)  # new_k / S_k for each cohort k
    active = np.zeros(shape)  # Σ over active cohorts of new_k (1−d)^{y−k} / S_k
    survival = np.ones(shape)
    prev = np.zeros(shape)
    need = np.empty(shape)
    restored = np.empty(shape)
    unrestored = np.empty(shape)
    life_min = int(life.min()) if life.size else 0
    flat_index = np.arange(int(np.prod(shape))).reshape(shape) if life.ndim else None
    for y, mass in enumerate(launched_rows):
        np.multiply(f, prev, out=need)  # capacity that failed this year
        need *= phi_per_sp  # mass to restore it
        repl = np.minimum(mass, need, out=row["replacement"])
        restored.fill(1.0)
        np.divide(repl, need, out=restored, where=need > 0)
        np.subtract(1.0, restored, out=unrestored)
        unrestored *= f  # share of the fleet lost for good
        new = np.subtract(mass, repl, out=row["new"])
        new *= sp
        np.multiply(d, prev, out=row["degradation_loss"])
        np.multiply(keep, prev, out=row["failure_loss"])
        row["failure_loss"] *= unrestored
        np.subtract(1.0, unrestored, out=unrestored)
        survival *= unrestored
        entering = history[y, ...]
        np.divide(new, survival, out=entering, where=survival > 0)  # history starts at 0
        active *= keep
        active += entering
        # retire the cohort launched `life` years ago (it served years k … k+life−1)
        retired = row["retired"]
        if y < life_min:
            retired.fill(0.0)
        elif life.ndim == 0:
            np.multiply(history[y - life, ...], keep_life, out=retired)
        else:
            k = y - np.broadcast_to(life, shape)
            old = history.reshape(n_years, -1)[np.maximum(k, 0).ravel(),
                                               flat_index.ravel()].reshape(shape)
            np.multiply(np.where(k >= 0, old, 0.0), keep_life, out=retired)
        active -= retired
        np.maximum(active, 0.0, out=active)
        retired *= survival
        prev = np.multiply(survival, active, out=row["installed"])
        yield row


def _inputs(s, r):
    """The buildout's inputs as per-year numbers (kg per year, 1/yr fractions, whole years)."""
    period = np.asarray(s["finance.analysis_period"], dtype=float)
    sp = np.asarray(r["power.specific_power"], dtype=float)
    mass0 = np.asarray(s["buildout.mass_per_year"], dtype=float) * YEAR
    growth = 1.0 + np.asarray(s["buildout.mass_growth_rate"], dtype=float) * YEAR
    cap = np.asarray(r["launch.cadence_limit"], dtype=float) * YEAR
    life = np.rint(np.asarray(s["buildout.service_life"]) / YEAR).astype(np.int64)
    d = np.asarray(s["buildout.array_degradation"], dtype=float) * YEAR
    f = np.asarray(s["buildout.compute_failure_rate"], dtype=float) * YEAR
    phi = np.asarray(s["buildout.replacement_mass_fraction"], dtype=float)
    m_init = np.asarray(s["learning.initial_cumulative_mass"], dtype=float)
    shape = np.broadcast_shapes(period.shape, sp.shape, mass0.shape, growth.shape, cap.shape,
                                life.shape, d.shape, f.shape, phi.shape, m_init.shape,
                                *(np.shape(r[k]) for k in ("launch.price_per_kg",)),
                                *(np.shape(s[k]) for k in ("learning.rate",
                                                           "learning.reference_mass",
                                                           "learning.price_floor")))
    return dict(period=period, n_years=analysis_years(period), sp=sp, mass0=mass0,
                growth=growth, cap=cap, life=life, d=d, f=f, phi=phi, m_init=m_init,
                shape=shape)


def _launched_rows(v):
    """Mass launched each year [kg]: min(first-year mass × growth^y, cadence cap)."""
    row = np.empty(v["shape"])
    for y in range(v["n_years"]):
        np.multiply(v["mass0"], v["growth"] ** float(y), out=row)
        np.minimum(row, v["cap"], out=row)
        yield row


def _passes(s, r, v):
    """One pass over the years: yields (year, launched, price, ledger row) — launch price at
    the cumulative mass at the start of the year, by the learning curve."""
    cumulative = np.broadcast_to(v["m_init"], v["shape"]).copy()
    rows = ledger_rows(_launched_rows(v), v["n_years"], v["shape"], v["sp"], v["d"], v["f"],
                       v["phi"], v["life"])
    launched = _launched_rows(v)
    for y, led in enumerate(rows):
        mass = next(launched)
        price = price_at(s, r, cumulative)
        yield y, mass, price, led
        cumulative += mass


def _series(s, r, v):
    """Every by-year series as (..., Y) arrays in SI, from a recording pass."""
    n, shape = v["n_years"], v["shape"]
    keys = ("launched", "price", "cumulative") + LEDGER_ROWS
    out = {k: np.empty((n,) + shape) for k in keys}  # year-major while filling
    total = np.zeros(shape)
    for y, mass, price, led in _passes(s, r, v):
        out["launched"][y, ...] = mass
        out["price"][y, ...] = price
        total += mass
        out["cumulative"][y, ...] = total
        for k in LEDGER_ROWS:
            out[k][y, ...] = led[k]
    series = {k: np.moveaxis(a, 0, -1) for k, a in out.items()}
    inst = series["installed"]
    series["net"] = np.diff(inst, axis=-1, prepend=0.0)
    series["spend"] = series["price"] * series["launched"]
    series["gross"] = series["launched"] * v["sp"][..., None]
    return series


#: Series results: (name, key in :func:`_series`, divide by a year?).
SERIES = (
    ("buildout.launched_mass", "launched", True),
    ("buildout.replacement_mass", "replacement", True),
    ("buildout.gross_power_added", "gross", True),
    ("buildout.new_power", "new", True),
    ("buildout.degradation_loss", "degradation_loss", True),
    ("buildout.failure_loss", "failure_loss", True),
    ("buildout.retired_power", "retired", True),
    ("buildout.net_power_added", "net", True),
    ("buildout.installed_power", "installed", False),
    ("buildout.cumulative_mass", "cumulative", False),
    ("buildout.price_per_kg", "price", False),
    ("buildout.launch_spend", "spend", True),
)


def step(s, r):
    """Pipeline step: the year-by-year buildout and its period totals (SI in, SI out).

    One fused pass over the years computes the period totals and the end-of-period fleet with
    only per-year rows alive; the by-year series are deferred results, computed by a recording
    pass of the same generators when first read."""
    v = _inputs(s, r)
    n_years, shape, period = v["n_years"], v["shape"], v["period"]
    last = np.clip(period / YEAR, 0, n_years)  # the period in years
    idx = np.clip(np.ceil(last - 1e-9).astype(np.int64) - 1, 0, n_years - 1)  # its last year
    total_mass = np.zeros(shape)
    total_spend = np.zeros(shape)
    begin = np.zeros(shape)
    end = np.zeros(shape)
    weighted = np.empty(shape)
    for y, mass, price, led in _passes(s, r, v):
        if y == 0:
            first, first_price = mass.copy(), np.broadcast_to(price, shape).copy()
        w = np.clip(last - y, 0.0, 1.0)  # weight of this year in period totals
        np.multiply(w, mass, out=weighted)
        total_mass += weighted
        weighted *= price
        total_spend += weighted
        installed = led["installed"]
        if idx.ndim == 0:
            if y == idx - 1:
                begin[...] = installed
            elif y == idx:
                end[...] = installed
        else:
            np.copyto(begin, installed, where=(idx - 1 == y))
            np.copyto(end, installed, where=(idx == y))

    series = Deferred(lambda: _series(s, r, v), ())
    series_shape = shape + (n_years,)
    for name, key, per_year in SERIES:
        def make(key=key, per_year=per_year):
            a = series.get()[key]
            return a / YEAR if per_year else a
        r[name] = Deferred(make, series_shape)

    sp, d, f, phi, life = v["sp"], v["d"], v["f"], v["phi"], v["life"]
    r["buildout.power_added_per_year"] = first * sp / YEAR
    ss = steady_state_power(first, sp, d, f, phi, life)
    r["buildout.steady_state_power"] = ss
    r["buildout.steady_state_replacement_mass"] = f * ss * phi / sp / YEAR
    # installed power at the end of the (possibly fractional) period, linear within its last year
    r["buildout.final_installed_power"] = begin + (end - begin) * np.minimum(last - idx, 1.0)
    r["buildout.total_mass"] = total_mass
    r["buildout.total_launch_spend"] = total_spend
    with np.errstate(divide="ignore", invalid="ignore"):
        r["buildout.mean_price_per_kg"] = np.where(total_mass > 0, total_spend /
                                                   np.where(total_mass > 0, total_mass, 1.0),
                                                   first_price)
