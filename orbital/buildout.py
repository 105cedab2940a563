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

from .constants import YEAR
from .launch import price_at
from .schema import Param, Result

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
    n_years = launched.shape[-1]
    shape = np.broadcast_shapes(launched.shape[:-1], np.shape(specific_power),
                                np.shape(degradation), np.shape(failure),
                                np.shape(replaced_fraction), np.shape(life_years))
    sp = np.broadcast_to(specific_power, shape)
    d = np.broadcast_to(degradation, shape)
    f = np.broadcast_to(failure, shape)
    phi = np.broadcast_to(replaced_fraction, shape)
    life = np.asarray(life_years).astype(np.int64)
    # year-major: each year's row is contiguous (fast over samples); returned as (..., Y) views
    launched = np.moveaxis(np.broadcast_to(launched, shape + (n_years,)), -1, 0)
    keep = 1.0 - d
    keep_life = keep ** life  # what survives degradation over a whole service life

    out = {k: np.empty((n_years,) + shape) for k in
           ("replacement", "new", "degradation_loss", "failure_loss", "retired", "installed")}
    history = np.zeros((n_years,) + shape)  # new_k / S_k for each cohort k
    active = np.zeros(shape)  # Σ over active cohorts of new_k (1−d)^{y−k} / S_k
    survival = np.ones(shape)
    prev = np.zeros(shape)
    restored = np.empty(shape)
    entering = np.empty(shape)
    life_min = int(life.min()) if life.size else 0
    flat_index = np.arange(int(np.prod(shape))).reshape(shape) if life.ndim else None
    for y in range(n_years):
        mass = launched[y]
        failed = f * prev
        need = failed * phi / sp
        repl = np.minimum(mass, need)
        restored.fill(1.0)
        np.divide(repl, need, out=restored, where=need > 0)
        unrestored = f * (1.0 - restored)
        new = (mass - repl) * sp
        survival = survival * (1.0 - unrestored)
        entering.fill(0.0)
        np.divide(new, survival, out=entering, where=survival > 0)
        active = active * keep + entering
        history[y] = entering
        # retire the cohort launched `life` years ago (it served years k … k+life−1)
        if y < life_min:
            retired_norm = np.zeros(shape)
        elif life.ndim == 0:
            retired_norm = history[y - life] * keep_life
        else:
            k = y - np.broadcast_to(life, shape)
            old = history.reshape(n_years, -1)[np.maximum(k, 0).ravel(),
                                               flat_index.ravel()].reshape(shape)
            retired_norm = np.where(k >= 0, old, 0.0) * keep_life
        active = np.maximum(active - retired_norm, 0.0)
        installed = survival * active
        out["replacement"][y] = repl
        out["new"][y] = new
        out["degradation_loss"][y] = d * prev
        out["failure_loss"][y] = unrestored * prev * keep
        out["retired"][y] = survival * retired_norm
        out["installed"][y] = installed
        prev = installed
    return {k: np.moveaxis(v, 0, -1) for k, v in out.items()}


def step(s, r):
    """Pipeline step: the year-by-year buildout and its period totals (SI in, SI out)."""
    period = s["finance.analysis_period"]
    n_years = analysis_years(period)
    years = np.arange(n_years)
    sp = r["power.specific_power"]
    wanted = (np.asarray(s["buildout.mass_per_year"])[..., None] * YEAR
              * (1.0 + np.asarray(s["buildout.mass_growth_rate"])[..., None] * YEAR) ** years)
    cap = np.asarray(r["launch.cadence_limit"])[..., None] * YEAR
    # year-major memory (each year's row contiguous, as the ledger's outputs are), seen as
    # (..., Y): mixing layouts made every per-year result below a strided, cache-missing pass
    shape = np.broadcast_shapes(wanted.shape, cap.shape)
    launched = np.moveaxis(np.empty(shape[-1:] + shape[:-1]), 0, -1)
    np.minimum(wanted, cap, out=launched)
    life = np.rint(np.asarray(s["buildout.service_life"]) / YEAR).astype(np.int64)
    d = np.asarray(s["buildout.array_degradation"]) * YEAR
    f = np.asarray(s["buildout.compute_failure_rate"]) * YEAR
    phi = s["buildout.replacement_mass_fraction"]
    led = ledger(launched, sp, d, f, phi, life)

    cumulative = np.moveaxis(np.cumsum(np.moveaxis(launched, -1, 0), axis=0), 0, -1)
    start_of_year = cumulative - launched
    price = price_at(s, r, np.asarray(s["learning.initial_cumulative_mass"])[..., None]
                     + start_of_year, year_axis=True)
    spend = price * launched
    w = year_weights(period, n_years)
    installed = led["installed"]
    prev = np.empty_like(installed)  # keeps the year-major layout
    prev[..., 0] = 0.0
    prev[..., 1:] = installed[..., :-1]

    r["buildout.launched_mass"] = launched / YEAR
    r["buildout.replacement_mass"] = led["replacement"] / YEAR
    r["buildout.gross_power_added"] = launched * np.asarray(sp)[..., None] / YEAR
    r["buildout.new_power"] = led["new"] / YEAR
    r["buildout.degradation_loss"] = led["degradation_loss"] / YEAR
    r["buildout.failure_loss"] = led["failure_loss"] / YEAR
    r["buildout.retired_power"] = led["retired"] / YEAR
    r["buildout.net_power_added"] = (installed - prev) / YEAR
    r["buildout.installed_power"] = installed
    r["buildout.cumulative_mass"] = cumulative
    r["buildout.price_per_kg"] = price
    r["buildout.launch_spend"] = spend / YEAR

    first = launched[..., 0]
    r["buildout.power_added_per_year"] = first * sp / YEAR
    ss = steady_state_power(first, sp, d, f, phi, life)
    r["buildout.steady_state_power"] = ss
    r["buildout.steady_state_replacement_mass"] = f * ss * phi / sp / YEAR
    # installed power at the end of the (possibly fractional) period, linear within its last year
    last = np.clip(np.asarray(period) / YEAR, 0, n_years)
    idx = np.broadcast_to(np.clip(np.ceil(last - 1e-9).astype(np.int64) - 1, 0, n_years - 1),
                          installed.shape[:-1])
    frac = last - idx
    end = np.take_along_axis(installed, idx[..., None], -1)[..., 0]
    begin = np.take_along_axis(prev, idx[..., None], -1)[..., 0]
    r["buildout.final_installed_power"] = begin + (end - begin) * np.minimum(frac, 1.0)
    total_mass = np.sum(w * launched, axis=-1)
    total_spend = np.sum(w * spend, axis=-1)
    r["buildout.total_mass"] = total_mass
    r["buildout.total_launch_spend"] = total_spend
    with np.errstate(divide="ignore", invalid="ignore"):
        r["buildout.mean_price_per_kg"] = np.where(total_mass > 0, total_spend /
                                                   np.where(total_mass > 0, total_mass, 1.0),
                                                   price[..., 0])
