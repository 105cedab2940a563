"""Finance: the analysis period, each side's cost of capital, and discounting.

With a discount rate r [1/yr] compounded m times a year (``finance.compounding``), a cost paid
in equal instalments over n years is worth ``annuity_factor(r, n)`` years of it today,

    AF(r, n) = (1 − (1 + r/m)^(−m·n)) / r        (exactly n at r = 0, through a mask)

and a capital cost is recovered by CRF = 1/AF of it each year (numpy-financial's ``pmt``; at
m = 1 the textbook r/(1 − (1+r)^−n)). At r = 0 every factor takes its limit exactly, so a zero
rate is never a 0/0.

Assets that outlive the analysis period carry a residual value (``finance.residual_value =
'annuity'``): an asset of life T loses value as an annuity at the cost of capital (at r = 0,
straight-line), so buying it at 0, T, 2T … and crediting what is left at the end of the period
costs exactly capital × AF(r, n) / AF(r, T) — its capital recovery charge for the years of the
period — whatever n is (:func:`charge_factor`; proof in the test of that name). Levelised
costs then do not jump with the period modulo the life. The standard levelised-cost convention
(NREL's LCOE: capital × CRF over the asset's life). ``'none'`` keeps the published models'
convention of no residual: each purchase counts in full.

Each side has its own cost of capital (``finance.rate_model = 'per_side'``: investors price
orbital risk higher, e.g. SemiAnalysis 2026 ~15 % for space against ~10 % for ground), or one
rate for both (``'common'``: ``finance.discount_rate``).
"""
from __future__ import annotations

import math

import numpy as np

from ..core import floats
from ..core.constants import YEAR
from ..core.spec import Choice, Param, Result, with_conditions

PARAMETERS = (
    Param("finance.analysis_period", "yr", "Length of the analysis: the buildout runs year by "
          "year over it and costs are totalled over it.", low=1, high=100),
    Choice("finance.rate_model", ("common", "per_side"),
           "Cost of capital: 'common' = finance.discount_rate on both sides; 'per_side' = "
           "space.discount_rate for the space side and ground.discount_rate for the ground."),
    Param("finance.discount_rate", "1/yr", "Discount rate (cost of capital) for both sides' "
          "present values and levelised costs when finance.rate_model = 'common' (0 = no "
          "discounting, every year's cost counts in full).", low=0, high=1),
    Choice("finance.compounding", ("yearly", "monthly"),
           "How often the discount rate compounds: 'yearly', or 'monthly' (r/12 a month, as "
           "SemiAnalysis's capital recovery does)."),
    Choice("finance.residual_value", ("annuity", "none"),
           "Assets that outlive the period: 'annuity' = they carry their undepreciated value "
           "(annuity depreciation at the cost of capital; straight-line at r = 0), so each is "
           "charged its capital recovery for the years of the period; 'none' = every purchase "
           "counts in full (the published models' convention)."),
    Param("finance.year_length", "h", "Hours in one year of operation, used to turn power into "
          "energy for LCOE and fuel (8,766 h is orbital's Julian yr; most cost models, McCalip's "
          "among them, use 8,760 h).", low=8760, high=8784),
)
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "finance.discount_rate": ({"finance.rate_model": ("common",)},),
})

RESULTS = (
    Result("space.discount_rate_used", "1/yr", "Cost of capital used on the space side, per "
           "finance.rate_model."),
    Result("ground.discount_rate_used", "1/yr", "Cost of capital used on the ground side, per "
           "finance.rate_model."),
)


def periods_per_year(s) -> int:
    """Compounding periods a year m: 1 ('yearly') or 12 ('monthly')."""
    return 12 if s["finance.compounding"] == "monthly" else 1


def rate(s, side: str):
    """The cost of capital [per-year number] of ``side`` ('space' or 'ground')."""
    v = s[side + ".discount_rate" if s["finance.rate_model"] == "per_side" else
          "finance.discount_rate"]
    return floats.asarray(v) * YEAR


def annuity_factor(rate, years, per_year: int = 1):
    """Present value [yr] of 1 per year paid in ``per_year`` instalments a year for ``years``.

    rate [1/yr, as a per-year number, e.g. 0.08], years [number of years, may be fractional],
    per_year m [1]. (1 − (1 + r/m)^(−m·n)) / r, and exactly n at r = 0 (masked, numpy-financial
    style). Source: the standard annuity formula (e.g. numpy_financial.pv with pmt = −1).
    """
    if floats.ndim(rate) == 0 and floats.ndim(years) == 0:  # one sample: the same formula
        out = _annuity_float(float(rate), float(years), per_year)
        if out is not None:
            return out
    r = np.asarray(rate, dtype=float)
    n = np.asarray(years, dtype=float)
    # below r·n ~ 1e-8 the closed form loses digits (and underflows for subnormal r); the
    # series n·(1 − (n + 1/m)·r/2) is exact there to O((r·n)²), and exactly n at r = 0
    small = np.abs(r * n) < 1e-8
    safe = np.where(small, 1.0, r)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.where(small, n * (1.0 - 0.5 * (n + 1.0 / per_year) * r),
                       -np.expm1(-per_year * n * np.log1p(safe / per_year)) / safe)
    return out if out.ndim else float(out)


def _annuity_float(r: float, n: float, per_year: int):
    """:func:`annuity_factor` on floats (math's expm1 and log1p are the C library's, as
    numpy's); None where the float functions raise and numpy's masked form decides."""
    if abs(r * n) < 1e-8:
        return n * (1.0 - 0.5 * (n + 1.0 / per_year) * r)
    try:
        return -math.expm1(-per_year * n * math.log1p(r / per_year)) / r
    except (ArithmeticError, ValueError):
        return None


def capital_recovery_factor(rate, years, per_year: int = 1):
    """Capital recovery factor [1/yr]: the share of a capital cost recovered each year.

    rate [1/yr, per-year number], years [number of years], per_year [1]. CRF = 1 /
    annuity_factor, r / (1 − (1+r)^−n) yearly and exactly 1/n at r = 0 (masked). Source:
    standard engineering economics (e.g. NREL's LCOE definition); numpy-financial's ``pmt``
    handles r = 0 the same way.
    """
    return 1.0 / annuity_factor(rate, years, per_year)


def growth_factor(rate, years, per_year: int = 1):
    """What 1 paid now is worth ``years`` later [1]: (1 + r/m)^(m·years), 1 at r = 0."""
    if floats.plain(rate) and floats.plain(years):  # one sample: the same formula on floats
        return math.exp(per_year * float(years) * math.log1p(rate / per_year))
    r = np.asarray(rate, dtype=float)
    out = np.exp(per_year * np.asarray(years, dtype=float) * np.log1p(r / per_year))
    return out if out.ndim else float(out)


def renewal_factor(rate, years, life, per_year: int = 1):
    """Present value [1] of buying an asset at t = 0 and again every ``life`` years while the
    period lasts, with no residual value: Σ_{k=0}^{K} (1+r)^{−k·T}, K = ceil(n/T) − 1 (exactly
    K + 1 at r = 0).

    rate [1/yr, per-year number], years n and life T [numbers of years], per_year [1].
    """
    if floats.plain(rate) and floats.plain(years) and floats.plain(life):
        return _renewal_float(rate, years, life, per_year)
    renewals = np.maximum(np.ceil(np.asarray(years) / life - 1e-9) - 1.0, 0.0)
    v = 1.0 / growth_factor(rate, life, per_year)
    one = v == 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(one, renewals + 1.0,
                       (1.0 - v ** (renewals + 1.0)) / np.where(one, 0.5, 1.0 - v))
    return out if out.ndim else float(out)


def _renewal_float(rate, years, life, per_year: int):
    """:func:`renewal_factor` for one sample, on floats (the same operations; 0.5 stands in
    for 1 − v where v = 1, as the mask does)."""
    renewals = max(float(math.ceil(years / life - 1e-9)) - 1.0, 0.0)
    v = 1.0 / growth_factor(rate, life, per_year)
    if v == 1.0:
        return renewals + 1.0
    return (1.0 - v ** (renewals + 1.0)) / (1.0 - v)


def charge_factor(rate, years, life, residual: str = "annuity", per_year: int = 1):
    """Present value [1] of an asset of life T kept in service over a period of n years, per
    unit of its capital: AF(r, n) / AF(r, T) with residual value (``'annuity'``; n/T at r = 0),
    or :func:`renewal_factor` without (``'none'``)."""
    if residual == "annuity":
        return annuity_factor(rate, years, per_year) / annuity_factor(rate, life, per_year)
    return renewal_factor(rate, years, life, per_year)


def step(s, r):
    """Pipeline step: each side's cost of capital."""
    r["space.discount_rate_used"] = rate(s, "space") / YEAR
    r["ground.discount_rate_used"] = rate(s, "ground") / YEAR
