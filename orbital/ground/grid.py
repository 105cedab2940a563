"""The grid and storage claim: how much more energy a grid's existing plants can deliver a year
if batteries move off-peak capacity into the day, and how much 24/7 compute that runs.

The claim at its own level ("peak about 1.1 TW but average use only 0.5 TW, so batteries
charged at night could double annual output without new plants"): a grid that can supply
``grid.available_capacity`` C at any hour carries a load with daily mean L̄ and a daily shape

    l(t) = L̄ · (1 + (w/2) · cos(2π (t − t_peak) / 24 h))

(w = ``grid.daily_swing``, max − min over the mean; the evening peak at t_peak = 18 h; the
seasons are left out: a yearly peak is higher still, so this is generous to the claim). The
spare capacity is C − l(t). A new flat load P (24/7 compute) needs no storage up to
min(C − l) = C − L̄(1 + w/2); beyond it, batteries charge from the spare capacity when it
exceeds P and discharge when it falls short, with round-trip efficiency η:

    η · ∫ (C − l − P)⁺ dt  =  ∫ (P − (C − l))⁺ dt        (one day's energy balance)

For this shape the balance has a closed form. With θ the hour as an angle, A = L̄·w/2 and
the flat load P = C − L̄ − A·cos α (α the half-width, as an angle, of the hours in deficit):

    η · [(π − α)·cos α + sin α]  =  sin α − α·cos α

depends on η alone (:func:`deficit_angle`, a bisection on α ∈ [0, π/2]: α = 0 at η = 0,
π/2 at η = 1). Then P, the battery power P − min(C − l) = A·(1 − cos α) and the energy they
deliver a day, (24 h/π)·A·(sin α − α·cos α), follow exactly; P rises one for one with C, so
``grid.capacity_to_double`` = C + L̄ − P. The batteries are priced at the installed
``ground.battery_cost``. orbital's own model of the claim; the values' sources are in the
assumption files.
"""
from __future__ import annotations

import functools

import numpy as np

from ..core import floats
from ..core.spec import Param, Result

DAY = 86400.0

PARAMETERS = (
    Param("grid.available_capacity", "GW", "Power the grid's existing plants can supply at any "
          "hour (firm capacity available at once, not nameplate).", low=0, low_open=True),
    Param("grid.average_load", "GW", "Mean load over the year (annual energy ÷ hours).",
          low=0, low_open=True),
    Param("grid.daily_swing", "1", "Daily swing of the load: (daily maximum − daily minimum) ÷ "
          "the mean.", low=0, high=2, high_open=True),
    Param("grid.storage_efficiency", "1", "Round-trip efficiency of the batteries that move "
          "energy from off-peak hours into the day.", low=0, low_open=True, high=1),
)

RESULTS = (
    Result("grid.peak_load", "GW", "Daily peak load: mean × (1 + swing/2)."),
    Result("grid.spare_energy", "TWh/yr", "Energy the available capacity could supply beyond "
           "the load over a year, (C − mean) × a year: the ceiling on what storage can add."),
    Result("grid.flat_load_without_storage", "GW", "Largest flat load the grid carries with no "
           "storage: C − peak load (0 if the peak already exceeds C)."),
    Result("grid.flat_load_with_storage", "GW", "Largest flat load the grid carries with "
           "batteries shifting off-peak capacity into the peak (no new plants)."),
    Result("grid.storage_power", "GW", "Battery power that flat load needs."),
    Result("grid.storage_energy", "GWh", "Battery energy that flat load needs (delivered each "
           "day)."),
    Result("grid.storage_cost", "USD", "Installed battery cost of that storage at "
           "ground.battery_cost."),
    Result("grid.shifted_energy", "TWh/yr", "Energy the batteries move from off-peak hours "
           "into the day each year."),
    Result("grid.added_energy", "TWh/yr", "Extra energy a year the flat load draws from "
           "existing plants."),
    Result("grid.output_ratio", "1", "Annual output with the added flat load ÷ today's: the "
           "claim says 2."),
    Result("grid.compute_power", "GW", "24/7 IT power the added flat load could run "
           "(÷ ground.pue)."),
    Result("grid.capacity_to_double", "GW", "Available capacity at which the same grid, load "
           "shape and batteries would double annual output."),
)


@functools.lru_cache(maxsize=256)
def _deficit_angle_scalar(efficiency: float) -> float:
    return float(_deficit_angle_array(np.asarray(efficiency, dtype=float)))


def deficit_angle(efficiency, iterations: int = 60):
    """α [rad] for round-trip efficiency η (:func:`_deficit_angle_array`); a scalar η, as in
    every single evaluation, is solved once and remembered."""
    if floats.ndim(efficiency) == 0 and iterations == 60:
        return _deficit_angle_scalar(float(efficiency))
    return _deficit_angle_array(np.asarray(efficiency, dtype=float), iterations)


def _deficit_angle_array(efficiency, iterations: int = 60):
    """α [rad] solving η·[(π − α)·cos α + sin α] = sin α − α·cos α (the module docstring):
    the left side minus the right is η·π ≥ 0 at α = 0 and η − 1 ≤ 0 at α = π/2, so a
    bisection on [0, π/2] brackets the root to 2^-60 of the interval."""
    eta = np.asarray(efficiency, dtype=float)
    lo, hi = np.zeros_like(eta), np.full_like(eta, np.pi / 2)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        c, sn = np.cos(mid), np.sin(mid)
        surplus = eta * ((np.pi - mid) * c + sn) - (sn - mid * c)
        lo, hi = np.where(surplus > 0, mid, lo), np.where(surplus > 0, hi, mid)
    return 0.5 * (lo + hi)


def step(s, r):
    """Pipeline step: the grid and storage claim (SI in, SI out)."""
    c = floats.asarray(s["grid.available_capacity"])
    mean = floats.asarray(s["grid.average_load"])
    amp = mean * floats.asarray(s["grid.daily_swing"]) / 2
    alpha = deficit_angle(s["grid.storage_efficiency"])
    cos = floats.cos(alpha)
    p = floats.maximum(c - mean - amp * cos, 0.0)
    delivered = DAY / np.pi * amp * (floats.sin(alpha) - alpha * cos)  # J a day
    r["grid.peak_load"] = mean + amp
    r["grid.spare_energy"] = floats.maximum(c - mean, 0.0) + 0.0 * p
    r["grid.flat_load_without_storage"] = floats.maximum(c - mean - amp, 0.0)
    r["grid.flat_load_with_storage"] = p
    r["grid.storage_power"] = amp * (1 - cos) + 0.0 * p
    r["grid.storage_energy"] = delivered + 0.0 * p
    r["grid.storage_cost"] = delivered * s["ground.battery_cost"] + 0.0 * p
    r["grid.shifted_energy"] = delivered / DAY + 0.0 * p  # a day's energy as a mean power
    r["grid.added_energy"] = p  # energy a year ÷ a year: a power, shown in TWh/yr
    r["grid.output_ratio"] = (mean + p) / mean
    r["grid.compute_power"] = p / s["ground.pue"]
    r["grid.capacity_to_double"] = c + (mean - p)
