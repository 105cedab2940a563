"""Ground vs space: the two sides side by side, and what must be true for orbit to win.

Solvers ("what must be true"). The space total is affine in each unknown below, with the other
inputs held, so each solver evaluates the space total at two values of the unknown (0 and 1)
and solves the straight line through them exactly:

    x* = (ground total − T(0)) / (T(1) − T(0))

- ``compare.breakeven_price_per_kg``: the launch price per kg the fleet may pay (the price in
  ``space.launch_price_per_kg``, after any learning) for space total = ground total;
- ``compare.required_specific_power``: the kW per tonne for equality (unknown 1/specific power;
  mass and, on a per-kg hardware basis, hardware are linear in it);
- ``compare.required_satellite_cost_per_watt``: the satellite $/W for equality (per-watt basis).

Evaluating the model at a solution gives equality to round-off (~1e-12). Where no break-even
exists the value is nan and the ``*_status`` result says why (see :data:`STATUS`); from Python,
:func:`solutions` returns each answer with its reason in words.

``compare.method = 'mccalip'`` makes every solver use McCalip's break-even instead (math.js:
(terrestrial total − $/W · P_req) / (P_req / specific power)): hardware, compute and launch of
the unrounded required power only, leaving out operations, NRE, replacement, insurance and
ground segment. The solution then equalises that reduced space cost, not the full total.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..space import fleet

#: What each solver status code means.
STATUS = {
    0: "solved",
    1: "no break-even: the rest of the space side already costs more than the whole ground side",
    2: "no break-even: this quantity does not change the space total",
    3: "not solved: an input is not a finite number",
}

def solve_affine(target, at_zero, at_one, positive=False):
    """Solve T(x) = target for an affine T given T(0) and T(1); returns (x, status).

    target, at_zero, at_one [USD]; x in the unknown's SI unit. status per :data:`STATUS`:
    1 when x < 0 (or x ≤ 0 with ``positive``), 2 when T does not depend on x, 3 for non-finite
    input. x is nan wherever status ≠ 0. Vectorised; exact for affine T up to round-off.
    """
    target, at_zero, at_one = np.broadcast_arrays(*(np.asarray(v, dtype=float)
                                                    for v in (target, at_zero, at_one)))
    slope = at_one - at_zero
    finite = np.isfinite(target) & np.isfinite(at_zero) & np.isfinite(at_one)
    flat = slope == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        x = (target - at_zero) / np.where(flat, 1.0, slope)
    bad = (x <= 0) if positive else (x < 0)
    status = np.where(~finite, 3, np.where(flat, 2, np.where(bad, 1, 0)))
    x = np.where(status == 0, x, np.nan)
    if x.ndim == 0:
        return float(x), int(status)
    return x, status.astype(float)


def breakeven_price_per_kg(s, r, ground_total, size=None):
    """Launch price [USD/kg] the fleet may pay for space total = ``ground_total`` [USD], and its
    status. Exact: the space total is affine in the price (McCalip math.js's break-even under
    compare.method = 'mccalip'). ``size`` is :func:`orbital.fleet.sizing`'s, if already made."""
    size = fleet.sizing(s, r) if size is None else size
    simple = s["compare.method"] == "mccalip"
    t0 = fleet.total_for(s, r, size, price=0.0, simplified=simple)
    t1 = fleet.total_for(s, r, size, price=1.0, simplified=simple)
    return solve_affine(ground_total, t0, t1)


def required_specific_power(s, r, ground_total, size=None):
    """Specific power [W/kg] for space total = ``ground_total`` [USD], and its status.
    Solves for u = 1/specific power (mass and per-kg hardware are linear in u)."""
    size = fleet.sizing(s, r) if size is None else size
    simple = s["compare.method"] == "mccalip"
    t0 = fleet.total_for(s, r, size, inverse_specific_power=0.0, simplified=simple)
    t1 = fleet.total_for(s, r, size, inverse_specific_power=1.0, simplified=simple)
    u, status = solve_affine(ground_total, t0, t1, positive=True)
    with np.errstate(divide="ignore"):
        return 1.0 / u, status


def required_satellite_cost_per_watt(s, r, ground_total, size=None):
    """Satellite hardware $/W [USD/W] (per-watt basis) for space total = ``ground_total``
    [USD], and its status."""
    size = fleet.sizing(s, r) if size is None else size
    simple = s["compare.method"] == "mccalip"
    t0 = fleet.total_for(s, r, size, cost_per_watt=0.0, simplified=simple)
    t1 = fleet.total_for(s, r, size, cost_per_watt=1.0, simplified=simple)
    return solve_affine(ground_total, t0, t1)


def allowable_launch_and_build_per_kg(ground_total, ground_segment, operations, nre, mass):
    """Turyshev (arXiv 2604.27197): C_orbit ≈ (L + B)·m + C_ground_segment + C_ops, so the
    allowable L + B [USD/kg] = (ground total − ground segment − ops − NRE) [USD] / mass [kg];
    nan where it is not positive."""
    with np.errstate(divide="ignore", invalid="ignore"):
        x = (ground_total - ground_segment - operations - nre) / mass
    return np.where(x > 0, x, np.nan) + 0.0


#: Each solver result and its status result.
SOLVERS = {
    "compare.breakeven_price_per_kg": "compare.breakeven_status",
    "compare.required_specific_power": "compare.specific_power_status",
    "compare.required_satellite_cost_per_watt": "compare.satellite_cost_status",
}


def explain(status):
    """The reason in words for a status code (an int, or a list for an array of codes)."""
    arr = np.asarray(status)
    if arr.ndim == 0:
        return STATUS[int(arr)]
    return [STATUS[int(c)] for c in arr.ravel()]


@dataclasses.dataclass(frozen=True)
class Solution:
    """One solver's answer: ``value`` (a Quantity, nan where there is none), ``status`` (codes
    of :data:`STATUS`) and ``reason`` (the status in words; a list for array inputs)."""

    name: str
    value: object
    status: object
    reason: object

    @property
    def solved(self):
        """True (or a boolean array) where a break-even exists."""
        return np.asarray(self.status) == 0


def solutions(results) -> dict:
    """Every solver's :class:`Solution` from evaluated :class:`~orbital.model.results.Results`.

    >>> import orbital
    >>> sol = orbital.compare.solvers.solutions(orbital.evaluate(orbital.load("mccalip-2025")))
    >>> sol["compare.breakeven_price_per_kg"].reason       # doctest: +SKIP
    'no break-even: the rest of the space side already costs more than the whole ground side'
    """
    out = {}
    for name, status_name in SOLVERS.items():
        status = results.magnitude(status_name)
        out[name] = Solution(name, results[name], status, explain(status))
    return out
