"""Finance: the analysis period and, for the comparison, discounting.

With a discount rate r [1/yr] over n years, a cost paid every year is worth
``annuity_factor(r, n)`` = (1 − (1+r)^−n) / r years of it today, and a capital cost is
recovered by ``capital_recovery_factor(r, n)`` = r / (1 − (1+r)^−n) of it each year. At r = 0
both take their limits exactly (n and 1/n) through a mask, numpy-financial style
(``numpy_financial.pmt``), so a zero rate is never a 0/0.
"""
from __future__ import annotations

import numpy as np

from ..core.spec import Param

PARAMETERS = (
    Param("finance.analysis_period", "yr", "Length of the analysis: the buildout runs year by "
          "year over it and costs are totalled over it.", low=1, high=100),
    Param("finance.discount_rate", "1/yr", "Discount rate for the comparison's present values "
          "and levelised costs (0 = no discounting, every year's cost counts in full).",
          low=0, high=1),
    Param("finance.year_length", "h", "Hours in one year of operation, used to turn power into "
          "energy for LCOE and fuel (8,766 h is orbital's Julian yr; most cost models, McCalip's "
          "among them, use 8,760 h).", low=8760, high=8784),
)


def annuity_factor(rate, years):
    """Present value [yr] of 1 per year paid at each year's end for ``years``.

    rate [1/yr, as a per-year number, e.g. 0.08], years [number of years, may be fractional].
    (1 − (1+r)^−n) / r, and exactly n at r = 0 (masked, numpy-financial style). Source: the
    standard annuity formula (e.g. numpy_financial.pv with pmt = −1).
    """
    r = np.asarray(rate, dtype=float)
    n = np.asarray(years, dtype=float)
    # below r·n ~ 1e-8 the closed form loses digits (and underflows for subnormal r); the
    # series n·(1 − (n+1)·r/2) is exact there to O((r·n)²), and exactly n at r = 0
    small = np.abs(r * n) < 1e-8
    safe = np.where(small, 1.0, r)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.where(small, n * (1.0 - 0.5 * (n + 1.0) * r),
                       -np.expm1(-n * np.log1p(safe)) / safe)
    return out if out.ndim else float(out)


def capital_recovery_factor(rate, years):
    """Capital recovery factor [1/yr]: the share of a capital cost recovered each year.

    rate [1/yr, per-year number], years [number of years]. CRF = r / (1 − (1+r)^−n) =
    1 / annuity_factor, and exactly 1/n at r = 0 (masked). Source: standard engineering
    economics (e.g. NREL's LCOE definition); numpy-financial's ``pmt`` handles r = 0 the same way.
    """
    return 1.0 / annuity_factor(rate, years)


def renewal_factor(rate, years, life):
    """Present value [1] of buying the fleet at t = 0 and again every ``life`` years while the
    period lasts: Σ_{k=0}^{K} (1+r)^{−k·T}, K = ceil(n/T) − 1 (exactly K + 1 at r = 0).

    rate [1/yr, per-year number], years n and life T [numbers of years]. orbital's own (none of
    the published models renews its fleet or its ground compute; each compares one life).
    """
    renewals = np.maximum(np.ceil(np.asarray(years) / life - 1e-9) - 1.0, 0.0)
    v = (1.0 + np.asarray(rate, dtype=float)) ** -np.asarray(life, dtype=float)
    one = v == 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(one, renewals + 1.0,
                       (1.0 - v ** (renewals + 1.0)) / np.where(one, 0.5, 1.0 - v))
    return out if out.ndim else float(out)
