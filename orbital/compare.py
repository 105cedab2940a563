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

from . import space
from .schema import Choice, Param, Result

PARAMETERS = (
    Choice("compare.method", ("full", "mccalip"),
           "Space cost the solvers balance against the ground total: 'full' = space.total_cost; "
           "'mccalip' = McCalip's break-even, hardware + compute + launch on the unrounded "
           "required power, leaving out operations, NRE, replacement, insurance and ground "
           "segment."),
    Param("compare.compute_cost_per_watt", "USD/W", "Compute hardware (accelerators, hosts, "
          "network) per watt of IT power, bought on both sides (0 leaves chips out, as McCalip, "
          "Suncatcher and Starcloud do).", low=0),
    Param("compare.accelerator_power", "kW", "IT power per accelerator including its share of "
          "host, memory and network (for the $/GPU-hour results).", low=0, low_open=True),
)

#: What each solver status code means.
STATUS = {
    0: "solved",
    1: "no break-even: the rest of the space side already costs more than the whole ground side",
    2: "no break-even: this quantity does not change the space total",
    3: "not solved: an input is not a finite number",
}

RESULTS = (
    Result("compare.cost_ratio", "1", "Space total ÷ ground total (below 1, orbit wins)."),
    Result("compare.cost_difference", "USD", "Space total − ground total."),
    Result("compare.lcoe_ratio", "1", "Space LCOE ÷ ground LCOE."),
    Result("compare.launched_power_ratio", "1", "Suncatcher's comparison: space launched-power "
           "price ÷ ground power cost per kW-year."),
    Result("compare.breakeven_price_per_kg", "USD/kg", "Launch price per kg at which space "
           "costs the same as ground (nan: none, see compare.breakeven_status)."),
    Result("compare.breakeven_status", "1", "0 solved; 1 the rest of the space side already "
           "costs more than ground; 2 the unknown does not change the space total; 3 bad input."),
    Result("compare.required_specific_power", "kW/t", "Specific power at which space costs the "
           "same as ground (nan: none, see compare.specific_power_status)."),
    Result("compare.specific_power_status", "1", "Status of compare.required_specific_power "
           "(codes as compare.breakeven_status)."),
    Result("compare.required_satellite_cost_per_watt", "USD/W", "Satellite hardware $/W at "
           "which space costs the same as ground (nan: none, see "
           "compare.satellite_cost_status)."),
    Result("compare.satellite_cost_status", "1", "Status of "
           "compare.required_satellite_cost_per_watt (codes as compare.breakeven_status)."),
    Result("compare.allowable_launch_and_build_per_kg", "USD/kg", "Turyshev's allowable L + B: "
           "(ground total − space ground segment − operations − NRE) ÷ space mass (nan when "
           "not positive)."),
)


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
    compare.method = 'mccalip'). ``size`` is :func:`orbital.space.sizing`'s, if already made."""
    size = space.sizing(s, r) if size is None else size
    simple = s["compare.method"] == "mccalip"
    t0 = space.total_for(s, r, size, price=0.0, simplified=simple)
    t1 = space.total_for(s, r, size, price=1.0, simplified=simple)
    return solve_affine(ground_total, t0, t1)


def required_specific_power(s, r, ground_total, size=None):
    """Specific power [W/kg] for space total = ``ground_total`` [USD], and its status.
    Solves for u = 1/specific power (mass and per-kg hardware are linear in u)."""
    size = space.sizing(s, r) if size is None else size
    simple = s["compare.method"] == "mccalip"
    t0 = space.total_for(s, r, size, inverse_specific_power=0.0, simplified=simple)
    t1 = space.total_for(s, r, size, inverse_specific_power=1.0, simplified=simple)
    u, status = solve_affine(ground_total, t0, t1, positive=True)
    with np.errstate(divide="ignore"):
        return 1.0 / u, status


def required_satellite_cost_per_watt(s, r, ground_total, size=None):
    """Satellite hardware $/W [USD/W] (per-watt basis) for space total = ``ground_total``
    [USD], and its status."""
    size = space.sizing(s, r) if size is None else size
    simple = s["compare.method"] == "mccalip"
    t0 = space.total_for(s, r, size, cost_per_watt=0.0, simplified=simple)
    t1 = space.total_for(s, r, size, cost_per_watt=1.0, simplified=simple)
    return solve_affine(ground_total, t0, t1)


def allowable_launch_and_build_per_kg(ground_total, ground_segment, operations, nre, mass):
    """Turyshev (arXiv 2604.27197): C_orbit ≈ (L + B)·m + C_ground_segment + C_ops, so the
    allowable L + B [USD/kg] = (ground total − ground segment − ops − NRE) [USD] / mass [kg];
    nan where it is not positive."""
    with np.errstate(divide="ignore", invalid="ignore"):
        x = (ground_total - ground_segment - operations - nre) / mass
    return np.where(x > 0, x, np.nan) + 0.0


def step(s, r):
    """Pipeline step: ratios and solvers (SI in, SI out)."""
    g = r["ground.total_cost"]
    sp_total = r["space.total_cost"]
    with np.errstate(divide="ignore", invalid="ignore"):
        r["compare.cost_ratio"] = sp_total / g
        r["compare.lcoe_ratio"] = r["space.lcoe"] / r["ground.lcoe"]
        r["compare.launched_power_ratio"] = (r["space.launched_power_price"]
                                             / r["ground.power_cost_per_kw_year"])
    r["compare.cost_difference"] = sp_total - g
    size = space.sizing(s, r)  # once for the three solvers
    price, st = breakeven_price_per_kg(s, r, g, size)
    r["compare.breakeven_price_per_kg"], r["compare.breakeven_status"] = price, st
    sp, st = required_specific_power(s, r, g, size)
    r["compare.required_specific_power"], r["compare.specific_power_status"] = sp, st
    cpw, st = required_satellite_cost_per_watt(s, r, g, size)
    r["compare.required_satellite_cost_per_watt"], r["compare.satellite_cost_status"] = cpw, st
    r["compare.allowable_launch_and_build_per_kg"] = allowable_launch_and_build_per_kg(
        g, r["space.ground_segment_cost"], r["space.operations_cost"], r["space.nre_cost"],
        r["space.mass"])


# ----------------------------------------------------------------------------- Python API

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
    """Every solver's :class:`Solution` from evaluated :class:`~orbital.model.Results`.

    >>> import orbital
    >>> sol = orbital.compare.solutions(orbital.evaluate(orbital.load("mccalip-2025")))
    >>> sol["compare.breakeven_price_per_kg"].reason       # doctest: +SKIP
    'no break-even: the rest of the space side already costs more than the whole ground side'
    """
    out = {}
    for name, status_name in SOLVERS.items():
        status = results.magnitude(status_name)
        out[name] = Solution(name, results[name], status, explain(status))
    return out
