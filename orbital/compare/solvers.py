"""What must be true for orbit to win: exact break-even solvers.

The target is levelised equality: the space side's cost per delivered MWh equals the
ground's, space.lcoe = ground.lcoe, i.e. space total = ground.lcoe × the space side's
discounted delivered energy (:func:`target_total`). Under ``compare.method = 'mccalip'`` the
target is McCalip's, equal totals (math.js: (terrestrial total − $/W · P_req) / (P_req /
specific power)), with hardware, compute and launch of the unrounded required power only.

The space total is affine in each unknown below, with the other inputs held, so each solver
evaluates the space total at two values of the unknown (0 and 1) and solves the straight line
through them exactly, x* = (target − T(0)) / (T(1) − T(0)):

- ``compare.breakeven_paid_price_per_kg``: the launch price per kg the fleet may pay,
  delivered where it operates, after learning (``space.launch_price_per_kg``);
- ``compare.breakeven_price_per_kg``: the base launch price to LEO (``launch.price_per_kg``
  with ``launch.price_model = 'given'``, on the same learning curve and floor,
  ``learning.price_floor``) that makes the fleet pay it: the paid price divided by the delivery
  factor and carried back through the learning curve (:func:`base_price_for`: closed form
  without a floor or above it, a bracketed bisection to round-off for Wright's law meeting
  its floor within the buildout);
- ``compare.required_specific_power``: the kW per tonne for equality (unknown 1/specific power;
  mass and, on a per-kg hardware basis, hardware are linear in it);
- ``compare.required_satellite_cost_per_watt``: the satellite $/W for equality (per-watt basis);
- ``compare.allowable_launch_and_build_per_kg``: Turyshev's allowable L + B, the paid launch
  price at break-even plus the build cost per kg held (so it counts fleet renewal, operations
  and insurance like the total it balances).

Evaluating the model at a solution gives its target to round-off (~1e-12). Where no break-even
exists the value is nan and the ``*_status`` result says why (see :data:`STATUS`); from Python,
:func:`solutions` returns each answer with its reason in words.
"""
from __future__ import annotations

import dataclasses

import math

import numpy as np

from ..core import floats
from ..programme import learning
from ..space import fleet

#: What each solver status code means.
STATUS = {
    0: "solved",
    1: "no break-even: the rest of the space side already costs more than the ground side",
    2: "no break-even: this quantity does not change the space total",
    3: "not solved: an input is not a finite number",
    4: "no break-even: the launch price needed is below the learning curve's floor",
    5: "not solved: the target year is outside the analysis horizon",
}


#: The launch price [USD/kg] at which an affine total is probed for its slope: near the prices
#: solved for, so the slope is a difference of totals of like size (at 1 USD/kg it would be a
#: ten-thousandth of them, and their round-off ten thousand times larger in it).
PROBE_PRICE = 1000.0


def solve_affine(target, at_zero, at_one, positive=False):
    """Solve T(x) = target for an affine T given T(0) and T(1); returns (x, status).

    target, at_zero, at_one [USD]; x in the unknown's SI unit. status per :data:`STATUS`:
    1 when x < 0 (or x ≤ 0 with ``positive``), 2 when T does not depend on x, 3 for non-finite
    input. x is nan wherever status ≠ 0. Vectorised; exact for affine T up to round-off.
    """
    if floats.ndim(target) == 0 and floats.ndim(at_zero) == 0 and floats.ndim(at_one) == 0:
        return _solve_affine_float(float(target), float(at_zero), float(at_one), positive)
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


def _solve_affine_float(target: float, at_zero: float, at_one: float, positive: bool):
    """:func:`solve_affine` for one sample, on floats (a scalar evaluate solves four)."""
    if not (math.isfinite(target) and math.isfinite(at_zero) and math.isfinite(at_one)):
        return math.nan, 3
    slope = at_one - at_zero
    if slope == 0:
        return math.nan, 2
    x = (target - at_zero) / slope
    if (x <= 0) if positive else (x < 0):
        return math.nan, 1
    return x, 0


def target_total(s, r, size):
    """Space total [USD] at which the comparison breaks even: ground.lcoe × the space side's
    discounted delivered energy (levelised equality), or the ground total for McCalip's
    method."""
    if s["compare.method"] == "mccalip":
        return r["ground.total_cost"]
    return r["ground.lcoe"] * size["energy_pv"]


def paid_price(s, r, size, target=None):
    """Launch price [USD/kg, delivered, after learning] the fleet may pay for space total =
    ``target`` (default :func:`target_total`), and its status."""
    target = target_total(s, r, size) if target is None else target
    simple = s["compare.method"] == "mccalip"
    t0 = fleet.total_for(s, r, size, price=0.0, simplified=simple)
    t1 = fleet.total_for(s, r, size, price=PROBE_PRICE, simplified=simple)
    return solve_affine(target - t0, 0.0, (t1 - t0) / PROBE_PRICE)   # T(x) − T(0) = x · slope


def mean_price(s, r, c, interval=None):
    """The price [USD/kg] the fleet pays on learning curve ``c`` before delivery: the initial
    marginal price, or the buildout's average (spend ÷ mass) per space.launch_pricing; or,
    with ``interval`` = (m1, m2) cumulative masses [kg], the average over that interval."""
    if interval is not None:
        m1, m2 = interval
        with np.errstate(divide="ignore", invalid="ignore"):
            avg = learning.spend(c, m1, m2) / np.where(m2 > m1, m2 - m1, 1.0)
        return np.where(m2 > m1, avg, learning.price_at(c, m1))
    m1 = s["learning.initial_cumulative_mass"]
    initial = learning.price_at(c, m1)
    if s["space.launch_pricing"] == "initial":
        return initial
    total = r["buildout.total_mass"]
    if floats.plain(total) and floats.ndim(initial) == 0:  # one sample: no mask needed
        return learning.spend(c, m1, m1 + total) / total if total > 0 else initial
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = learning.spend(c, m1, m1 + total) / np.where(total > 0, total, 1.0)
    return np.where(total > 0, mean, initial)


def base_price_for(s, r, paid, interval=None):
    """Base launch price P0 [USD/kg] on the same learning curve (same floor) at which the
    fleet pays ``paid`` [USD/kg delivered], and its status (4 where ``paid`` is below what the
    floor allows). The paid price is increasing in P0: linear without a floor, affine above
    it; for Wright's law meeting its floor a bisection on log P0 between brackets where the
    price is all floor and all curve, to round-off."""
    c = dict(learning.curve(s, r))
    want = floats.asarray(paid / fleet.delivery_factor(s, r))
    floor = floats.asarray(c["floor"]) + 0.0 * want
    if not c["learns"]:
        return want, np.zeros(want.shape) if floats.ndim(want) else 0
    one = floats.plain(want) and floats.plain(floor)  # one sample, on floats
    c["p0"] = 1.0
    unit = mean_price(s, r, dict(c, floor=0.0), interval)  # the curve's price per unit P0
    if c["above_floor"]:
        at_floor = mean_price(s, r, dict(c, p0=floor, floor=floor), interval)
        p0 = floor + (want - at_floor) / unit
        ok = want >= floor
    else:
        ok = want >= floor
        p0 = want / unit  # no floor: the price is P0 × the curve's shape
        # that is exact too where the curve from P0 stays above the floor to the last mass
        # priced; only the rest meets the floor inside the interval and needs the bisection
        m_init = s["learning.initial_cumulative_mass"]
        if interval is not None:
            m_end = interval[1]
        elif s["space.launch_pricing"] == "initial":
            m_end = m_init
        else:
            m_end = m_init + r["buildout.total_mass"]
        above = p0 * learning.wright_price(m_end, 1.0, c["m0"], c["rate"]) >= floor
        if one and floats.ndim(above) == 0:
            needs = ok and floor > 0 and not above
            if needs:  # the bisection below, on arrays of one sample
                ok, needs, want, floor = (np.asarray(v) for v in (ok, needs, want, floor))
        else:
            needs = ok & (floor > 0) & ~above
        if needs if type(needs) is bool else np.any(needs):
            m1 = s["learning.initial_cumulative_mass"] if interval is None else interval[0]
            x1 = learning.wright_price(m1, 1.0, c["m0"], c["rate"])
            a = np.log(np.maximum(np.where(needs, floor, 1.0) / x1, 1e-300))  # all floor
            b = np.log(np.maximum(np.where(needs, want, 1.0) / unit, 1e-300))  # curve only
            a, b = np.minimum(a, b), np.maximum(a, b) + 1e-12
            p0 = np.where(needs, np.exp(0.5 * bisect(s, r, c, floor, want, interval, a, b,
                                                     needs)), p0)
    if type(ok) is bool and floats.ndim(p0) == 0:
        return (float(p0), 0) if ok else (math.nan, 4)
    status = np.where(ok, 0, 4)
    p0 = np.where(ok, p0, np.nan)
    if p0.ndim == 0:
        return float(p0), int(status)
    return p0, status.astype(float)


def _pick(x, rows, shape):
    """``x`` (broadcasting to ``shape``) at the flat indices ``rows``; a scalar or a choice
    as it is."""
    a = np.asarray(x)
    if a.ndim == 0 or a.dtype.kind not in "fiub":
        return x
    return np.broadcast_to(a, shape).reshape(-1)[rows]


def bisect(s, r, c, floor, want, interval, a, b, needs):
    """Sum of the final bracket ends on log P0 after 64 halvings of [a, b] towards the base
    price at which :func:`mean_price` is ``want``, on the samples where ``needs`` (elsewhere the
    bracket as given): each sample's bracket is its own, so the halvings run on those samples
    alone (usually a few in a chunk of tens of thousands)."""
    shape = np.shape(needs)
    a, b = np.broadcast_to(a, shape).copy(), np.broadcast_to(b, shape).copy()
    rows = np.flatnonzero(needs)
    take = lambda x: _pick(x, rows, shape)  # noqa: E731
    sub_s = {k: s[k] for k in ("learning.initial_cumulative_mass", "space.launch_pricing")}
    sub_s["learning.initial_cumulative_mass"] = take(sub_s["learning.initial_cumulative_mass"])
    sub_r = {"buildout.total_mass": take(r["buildout.total_mass"])} if interval is None else {}
    sub_c = {k: take(v) for k, v in c.items()}
    sub_i = None if interval is None else tuple(take(m) for m in interval)
    lo, hi, floor, want = take(a), take(b), take(floor), take(want)
    for _ in range(64):
        mid = 0.5 * (lo + hi)
        high = mean_price(sub_s, sub_r, dict(sub_c, p0=np.exp(mid), floor=floor), sub_i) > want
        lo, hi = np.where(high, lo, mid), np.where(high, mid, hi)
    a.reshape(-1)[rows], b.reshape(-1)[rows] = lo, hi
    return a + b


def breakeven_prices(s, r, size=None):
    """(paid price, base price P0, status) at break-even: see the module's docstring."""
    size = fleet.sizing(s, r) if size is None else size
    paid, status = paid_price(s, r, size)
    if type(status) is int:  # one total (solve_affine's float answer)
        base, base_status = base_price_for(s, r, paid if status == 0 else 0.0)
        if type(base_status) is int:  # and one learning curve: one sample
            status = base_status if status == 0 else status
            return paid, float(base) if status == 0 else math.nan, status
    else:
        base, base_status = base_price_for(s, r, np.where(np.asarray(status) == 0, paid, 0.0))
    status = np.where(np.asarray(status) == 0, base_status, status)
    base = np.where(status == 0, base, np.nan)
    if np.ndim(base) == 0:
        return paid, float(base), int(status)
    return paid, base, np.asarray(status, dtype=float)


def breakeven_price_per_kg(s, r, size=None):
    """Base launch price [USD/kg] for break-even and its status (compare.breakeven_price_per_kg)."""
    _, base, status = breakeven_prices(s, r, size)
    return base, status


def required_specific_power(s, r, size=None):
    """Specific power [W/kg] at break-even, and its status.
    Solves for u = 1/specific power (mass and per-kg hardware are linear in u)."""
    size = fleet.sizing(s, r) if size is None else size
    simple = s["compare.method"] == "mccalip"
    t0 = fleet.total_for(s, r, size, inverse_specific_power=0.0, simplified=simple)
    t1 = fleet.total_for(s, r, size, inverse_specific_power=1.0, simplified=simple)
    u, status = solve_affine(target_total(s, r, size), t0, t1, positive=True)
    if type(status) is int:  # one sample: u > 0 where solved, else nan
        return 1.0 / u, status
    with np.errstate(divide="ignore"):
        return 1.0 / u, status


def required_satellite_cost_per_watt(s, r, size=None):
    """Satellite hardware $/W [USD/W] (per-watt basis) at break-even, and its status."""
    size = fleet.sizing(s, r) if size is None else size
    simple = s["compare.method"] == "mccalip"
    t0 = fleet.total_for(s, r, size, cost_per_watt=0.0, simplified=simple)
    t1 = fleet.total_for(s, r, size, cost_per_watt=1.0, simplified=simple)
    return solve_affine(target_total(s, r, size), t0, t1)


def allowable_launch_and_build_per_kg(s, r, size=None):
    """Turyshev (arXiv 2604.27197) writes C_orbit ≈ (L + B)·m + C_ground_segment + C_ops; the
    allowable L + B [USD/kg] is here the u for which a paid launch price of u − B (B the build
    cost per kg held: build $/kg, or satellite hardware ÷ mass on a per-watt basis) breaks
    even, so putting it back counts renewal, operations and insurance exactly; and its status.
    The paid price alone may be negative where L + B is not."""
    size = fleet.sizing(s, r) if size is None else size
    simple = s["compare.method"] == "mccalip"
    t0 = fleet.total_for(s, r, size, price=0.0, simplified=simple)
    slope = (fleet.total_for(s, r, size, price=PROBE_PRICE, simplified=simple) - t0) / PROBE_PRICE
    build = fleet.hardware_cost(s, size["fleet_power"], size["mass"]) / size["mass"]
    at_zero = t0 - build * slope
    # T(u) − T(0) = u · slope, solved as such: passing T(0) and T(0) + slope would take the
    # slope back as a difference of two totals a thousand times larger (round-off × 1000)
    return solve_affine(target_total(s, r, size) - at_zero, 0.0, slope, positive=True)


#: Each solver result and its status result.
SOLVERS = {
    "compare.breakeven_price_per_kg": "compare.breakeven_status",
    "compare.breakeven_paid_price_per_kg": "compare.breakeven_status",
    "compare.allowable_launch_and_build_per_kg": "compare.allowable_status",
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
    """One solver's answer: ``value`` (a Quantity, nan where there is none; made when read),
    ``status`` (codes of :data:`STATUS`) and ``reason`` (the status in words; a list for array
    inputs)."""

    name: str
    results: object = dataclasses.field(repr=False, compare=False)
    status: object
    reason: object

    @property
    def value(self):
        return self.results[self.name]

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
        out[name] = Solution(name, results, status, explain(status))
    return out
