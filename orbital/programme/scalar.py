"""The buildout's year loop for one sample, in plain Python floats.

A scalar ``evaluate`` runs the buildout's 25-odd years through the cohort ledger
(:func:`orbital.programme.ledger.ledger_years`) and the period sums of
:func:`orbital.programme.yearly.period_totals`: some forty numpy calls a year on 0-d arrays,
each paying numpy's dispatch (~1 µs) for one multiplication. This module is the same
arithmetic, operation for operation and in the same order, on floats, so its results are the
same numbers (tests/test_scalar_path.py checks them against the vectorised path over random
draws of the default set). It takes only the plain case: finite inputs, positive specific
power held for the period (no kW/t schedule); :func:`period_totals` returns None otherwise and
the vectorised loop runs instead, as it does for an arithmetic error or a NaN that the vectorised functions would propagate.
"""
from __future__ import annotations

import math

import numpy as np

from ..core.constants import YEAR

#: The inputs of :func:`orbital.programme.yearly.period_totals` read here.
NUMBERS = ("period", "sp", "mass0", "growth", "cap", "life", "d", "f", "phi", "m_init")


def _clip(x: float, lo: float, hi: float) -> float:
    """np.minimum(np.maximum(x, lo), hi) on finite floats."""
    x = lo if lo > x else x
    return hi if hi < x else x


def _floats(v):
    """The loop's inputs as floats, or None when a value is not a finite number."""
    out = {}
    for k in NUMBERS:
        x = float(v[k])
        if not math.isfinite(x) and not (k == "cap" and x == math.inf):
            return None
        out[k] = x
    out["target"] = float(v["target"])
    for k in ("wanted_by_year", "cap_by_year", "price_by_year"):
        out[k] = None if v[k] is None else [float(x) for x in v[k].tolist()]
    return out if out["sp"] > 0 else None


def _ledger(x, n_years: int, restoration: str):
    """Yield (launched mass, wanted mass, cumulative before, after, ledger row) for each year,
    the arithmetic of ``ledger_years`` and ``yearly.years`` on floats."""
    sp, d, f, phi, life = x["sp"], x["d"], x["f"], x["phi"], x["life"]
    repair = restoration == "repair_in_orbit"
    replace = restoration == "replace_spacecraft"
    keep = 1.0 - d
    b = keep if repair else keep * (1.0 - f)
    n = math.floor(life + 1e-9)
    fr = _clip(life - n, 0.0, 1.0)
    b_n1, b_n = b ** float(n - 1), b ** float(n)
    history = [0.0] * (n_years + 1)
    h, survival = 0.0, 1.0
    cumulative = x["m_init"]
    for y in range(1, n_years + 1):
        wanted = (x["wanted_by_year"][y - 1] if x["wanted_by_year"] is not None
                  else x["mass0"] * x["growth"] ** float(y - 1))
        cap = x["cap"] if x["cap_by_year"] is None else x["cap_by_year"][y - 1]
        mass = wanted if wanted <= cap else cap
        older = survival * h
        degradation_loss = d * older
        failed = f * keep * older
        if repair:
            need = phi * failed / sp
            replacement = mass if mass <= need else need
            restored = failed * replacement / need if need > 0 else 0.0
            unrestored = 1.0 - restored / failed if failed > 0 else 0.0
            survival = survival * (1.0 - f * unrestored)
            entering = (mass - replacement) * sp
        else:
            if replace:
                cap_f = failed / sp
                replacement = mass if mass <= cap_f else cap_f
            else:
                replacement = 0.0
            restored = replacement * sp
            entering = mass * sp
        e = entering / survival if survival > 0 else 0.0
        history[y] = e
        g = b * h + e
        installed = survival * g
        after = cumulative + mass
        yield wanted, cap, mass, cumulative, after, restored, failed, installed
        k1, k2 = y - n + 1, y - n
        e1 = history[k1] if k1 >= 1 else 0.0
        e2 = history[k2] if k2 >= 1 else 0.0
        h = g - (1.0 - fr) * e1 * b_n1 - fr * e2 * b_n
        cumulative = after


def period_totals(v):
    """The sums of ``yearly.period_totals`` for one sample, as floats; None where this path
    does not apply (see the module docstring)."""
    if v["shape"] != () or v.get("sp_by_year") is not None:  # kW/t by year: the vectorised loop
        return None
    x = _floats(v)
    if x is None:
        return None
    try:
        return _totals(x, v)
    except (ArithmeticError, ValueError):
        return None


def _totals(x, v):
    n_years = v["n_years"]
    last = _clip(x["period"] / YEAR, 0.0, float(n_years))
    idx = int(_clip(float(math.ceil(last - 1e-9)), 1.0, float(n_years)))
    target, m_init = x["target"], x["m_init"]
    restoring = v["restoration"] != "not_restored"
    total_mass = peak_wanted = shortfall = begin = end = spend = cadence_years = 0.0
    cadence = False
    year_to_target = math.inf
    prices = x["price_by_year"]
    rows = _ledger(x, n_years, v["restoration"])
    for y, (wanted, cap, launched, before, after, restored, need, installed) in enumerate(
            rows, start=1):
        w = _clip(last - (y - 1), 0.0, 1.0)
        total_mass = total_mass + w * launched
        if prices is not None:
            spend = spend + w * launched * prices[y - 1]
        if w > 0:
            peak_wanted = peak_wanted if peak_wanted >= wanted else wanted
            capped = wanted > cap * (1 + 1e-12)
            cadence = cadence or capped
            cadence_years = cadence_years + (w if capped else 0.0)
            short = restored < need * (1 - 1e-9) and restoring
            shortfall = shortfall + (w if short else 0.0)
        if idx - 1 == y:
            begin = installed
        if idx == y:
            end = installed
        if year_to_target == math.inf and after - m_init >= target and launched > 0:
            frac = _clip((target - (before - m_init)) / launched, 0.0, 1.0)
            year_to_target = (y - 1) + frac
    out = dict(total_mass=total_mass, peak_wanted=peak_wanted, cadence=cadence,
               shortfall_years=shortfall, begin=begin, end=end, year_to_target=year_to_target,
               scheduled_spend=spend, cadence_years=cadence_years, last=last, idx=idx)
    if any(a != a for a in out.values()):
        return None  # a NaN: let the vectorised loop propagate it as numpy does
    return out
