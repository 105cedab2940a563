"""The learning curve: the launch price falls with cumulative launched mass (Wright's law).

Marginal price at cumulative launched mass M (P0 the base price from
:mod:`orbital.space.launch`, M0 the reference mass, b = log2(1 − LR), F the floor):

    'wright'              p(M) = max(F, P0 · (M/M0)^b)        the whole price learns (Suncatcher)
    'wright_above_floor'  p(M) = F + (P0 − F) · (M/M0)^b      only the part above F learns
    'none'                p(M) = P0

A launch price given as a schedule (``launch.price_per_kg``, per-year values) is the price
path itself: learning is then off, and each year pays the schedule's price.

What learns: a launch price falls because vehicles are built and flown more often (build cost
amortised over more, better-made flights). What does not: with ``launch.price_model =
'vehicle'`` and ``learning.floor_model = 'auto'``, the floor F is the vehicle's per-flight
marginal cost per kg (refurbishment + propellant + operations), which no amount of building
removes; ``learning.floor_model = 'given'`` takes ``learning.price_floor`` instead (lower, for
one who expects those per-flight costs to fall too).

A year's launch spend is the integral of the marginal price over the mass launched that year,
∫_{M1}^{M2} p(M) dM, in closed form (:func:`spend_between`), never the year's whole mass at
the price where the year begins; the average price of a year is spend ÷ mass. The inverse,
:func:`mass_at_price`, is the cumulative mass at which the marginal price reaches a target.
Source: Wright (1936); applied to launch by Google Project Suncatcher (arXiv 2511.19468):
P0 ≈ $1,800/kg at M0 ≈ 400 t, LR ≈ 20 %; $200/kg after ≈ 370,000 t more.
"""
from __future__ import annotations

import math

import numpy as np

from ..core import floats
from ..core.schedule import schedules
from ..core.spec import Choice, Param, Result, with_conditions

PARAMETERS = (
    Choice("learning.model", ("none", "wright", "wright_above_floor"),
           "'wright': the whole launch price falls with cumulative launched mass by Wright's "
           "law, down to the floor (Suncatcher); 'wright_above_floor': only the part of the "
           "price above the floor falls; 'none': the price stays at the base price."),
    Choice("learning.floor_model", ("auto", "given"),
           "The price below which learning cannot go: 'auto' = the vehicle's per-flight "
           "marginal cost per kg (refurbishment, propellant, operations) when "
           "launch.price_model = 'vehicle', else learning.price_floor; 'given' = "
           "learning.price_floor whatever the price model."),
    Param("learning.rate", "1", "Learning rate LR: fractional price drop per doubling of "
          "cumulative launched mass.", low=0, high=1, high_open=True),
    Param("learning.reference_mass", "t", "Cumulative launched mass M0 at which the price is the "
          "base price P0.", low=0, low_open=True, log_scale=True),
    Param("learning.initial_cumulative_mass", "t", "Cumulative mass already launched when the "
          "analysis starts.", low=0, low_open=True, log_scale=True),
    Param("learning.price_floor", "USD/kg", "Price below which learning cannot go (e.g. "
          "propellant per kg), per learning.floor_model.", low=0),
    Param("learning.target_price_per_kg", "USD/kg", "A launch price to reach: the results "
          "learning.mass_to_target and learning.year_to_target say when the learning curve "
          "gets there.", low=0, low_open=True, log_scale=True),
)
#: The learning models whose price falls with cumulative mass.
LEARNS = ("wright", "wright_above_floor")
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "learning.rate": ({"learning.model": LEARNS},),
    "learning.reference_mass": ({"learning.model": LEARNS},),
    "learning.floor_model": ({"learning.model": LEARNS, "launch.price_model": ("vehicle",)},),
    "learning.price_floor": ({"learning.model": LEARNS, "learning.floor_model": ("given",)},
                             {"learning.model": LEARNS, "launch.price_model": ("given",)}),
})

#: What learning.target_status codes mean.
TARGET_STATUS = {
    0: "reached within the analysis period",
    1: "reached, but after the analysis period ends",
    2: "never reached: the target is at or below the floor, or the price does not learn",
    3: "already reached when the analysis starts",
}

RESULTS = (
    Result("learning.price_floor", "USD/kg", "Floor used, per learning.floor_model (0 when "
           "learning.model = 'none': the price does not learn)."),
    Result("learning.mass_to_target", "t", "Mass to launch from the start of the analysis "
           "until the marginal price reaches learning.target_price_per_kg (0 if already there; "
           "inf if never, see learning.target_status)."),
    Result("learning.year_to_target", "yr", "Years from the start of the analysis until the "
           "buildout's cumulative mass reaches learning.mass_to_target (inf when not within "
           "the analysis period, see learning.target_status)."),
    Result("learning.target_status", "1", "0 reached within the period; 1 reached after it; "
           "2 never (target at or below the floor, or no learning); 3 already reached."),
)


def exponent(learning_rate):
    """Wright's exponent b = log2(1 − LR) [1] (≤ 0)."""
    return floats.log2(1.0 - floats.asarray(learning_rate))


def wright_price(cumulative_mass, base_price, reference_mass, learning_rate, floor=0.0,
                 above_floor=False):
    """Marginal launch price [USD/kg] at cumulative launched mass [kg] by Wright's law.

    base_price P0 and floor F [USD/kg], reference_mass M0 [kg], learning_rate LR [1] in [0, 1).
    ``above_floor=False``: max(F, P0·(M/M0)^b); ``True``: F + (P0 − F)·(M/M0)^b.
    Source: Wright (1936); Google Project Suncatcher (arXiv 2511.19468).
    """
    x = (cumulative_mass / reference_mass) ** exponent(learning_rate)
    if above_floor:
        return floor + (base_price - floor) * x
    return floats.maximum(floor, base_price * x)


#: Where the power difference x2^c − x1^c keeps all but 8 of its bits, |x2^c − x1^c| ≥
#: max(x1^c, x2^c)/256 (error ≤ 256 ulp, ~6e-14 relative), the integral takes it: one power
#: per sample. That is x2 ≥ x1·(1 − 1/256)^(−1/|c|) (:func:`far_factor`), tested on the
#: masses; nearer masses (a small step on a large cumulative mass) take the log form.
NEAR = 1.0 / 256


def far_factor(c: float) -> float:
    """K with x2 ≥ K·x1 ⇔ |x2^c − x1^c| ≥ :data:`NEAR`·max(x1^c, x2^c), for x2 ≥ x1 ≥ 0."""
    try:
        return (1.0 - NEAR) ** (-1.0 / abs(c))
    except OverflowError:   # |c| tiny: no step is far enough
        return math.inf


def _power_integral(x1, x2, c):
    """∫_{x1}^{x2} x^(c−1) dx = (x2^c − x1^c)/c, and ln(x2/x1) at c = 0 (x1, x2 > 0): for one
    exponent the power difference where it is accurate (:data:`NEAR`), else
    x1^c·expm1(c·q)/c with q = ln(x2/x1) = log1p((x2 − x1)/x1), exact for a small step on a
    large mass (a difference of two logs would lose its digits)."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if floats.ndim(c) == 0 and abs(c) >= 1e-9:  # one exponent, away from 0
            far = x2 >= x1 * far_factor(c)
            p1, p2 = np.power(x1, c), np.power(x2, c)  # (x1 a number: one power for all)
            d = p2 - p1
            if far.all():
                return d / c
            q = np.log1p((x2 - x1) / x1)
            return np.where(far, d, p1 * np.expm1(c * q)) / c
        l1, q = np.log(x1), np.log1p((x2 - x1) / x1)
        small = np.abs(c) < 1e-9
        cs = np.where(small, 1.0, c)
        closed = np.exp(c * l1) * np.expm1(c * q) / cs
        return np.where(small, q * (1.0 + 0.5 * c * (2.0 * l1 + q)), closed)


def spend_between(m1, m2, base_price, reference_mass, learning_rate, floor=0.0,
                  above_floor=False, meets=None):
    """Launch spend [USD] = ∫_{m1}^{m2} p(M) dM for the marginal price of :func:`wright_price`
    between cumulative masses m1 ≤ m2 [kg] (exact, closed form, vectorised).

    With x = M/M0 and b the exponent: ∫ P0·x^b dM = P0·M0·(x2^(b+1) − x1^(b+1))/(b+1), and
    P0·M0·ln(x2/x1) at b = −1 (LR = 50 %). 'wright' with a floor: the curve meets the floor at
    M* = M0·(F/P0)^(1/b); mass beyond M* pays F. 'wright_above_floor': F·(m2 − m1) plus the
    curve on (P0 − F). ``meets``: M* when already computed (:func:`floor_crossing`).
    """
    args = (m1, m2, base_price, reference_mass, learning_rate, floor)
    if all(floats.ndim(a) == 0 for a in args):  # one sample: the same formulas on floats
        out = _spend_float(*(float(a) for a in args), above_floor,
                           None if meets is None else float(meets))
        if out is not None:
            return out
    m1 = np.asarray(m1, dtype=float)
    m2 = np.asarray(m2, dtype=float)
    p0 = np.asarray(base_price, dtype=float)
    m0 = np.asarray(reference_mass, dtype=float)
    floor = np.asarray(floor, dtype=float)
    b = exponent(learning_rate)
    c = b + 1.0
    if above_floor:
        return floor * (m2 - m1) + (p0 - floor) * m0 * _power_integral(m1 / m0, m2 / m0, c)
    meets = floor_crossing(p0, m0, b, floor) if meets is None else np.asarray(meets, dtype=float)
    # one initial mass below every sample's floor crossing (the usual case): lo is that number,
    # and its log and power are computed once, not once per sample
    lo = m1 if m1.ndim == 0 and bool((meets >= m1).all()) else np.minimum(m1, meets)
    hi = np.minimum(m2, meets)
    on_curve = p0 * m0 * _power_integral(lo / m0, hi / m0, c)
    above = hi > lo
    if not above.all():   # (where hi ≤ lo the integral is not read)
        on_curve = np.where(above, on_curve, 0.0)
        return on_curve + floor * (m2 - np.maximum(m1, hi))
    return on_curve + floor * (m2 - (hi if lo is m1 else np.maximum(m1, hi)))


def floor_crossing(p0, m0, b, floor):
    """Where the curve meets the floor [kg]: M* = M0·(F/P0)^(1/b) (below M0 when P0 < F, the
    curve above the floor before it); inf when there is no floor, 0 when the curve is never
    above it. p0, floor [USD/kg], m0 [kg], b Wright's exponent [1] (arrays or numbers)."""
    if floats.plain(p0) and floats.plain(m0) and floats.plain(b) and floats.plain(floor):
        try:   # one sample: the same choice on floats
            return _crossing_float(float(p0), float(m0), float(b), float(floor))
        except (ArithmeticError, ValueError):
            pass   # numpy's masked forms decide
    p0, floor = np.asarray(p0, dtype=float), np.asarray(floor, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if floor.ndim == 0 and floats.ndim(b) == 0 and floor > 0 and b < 0 and (p0 > 0).all():
            return m0 * (floor / p0) ** (1.0 / b)  # every sample's curve meets the floor
        return np.where((floor > 0) & (b < 0) & (p0 > 0),
                        m0 * (floor / np.where(p0 > 0, p0, 1.0))
                        ** (1.0 / np.where(b < 0, b, -1.0)),
                        np.where(p0 <= floor, 0.0, np.inf))


def _crossing_float(p0, m0, b, floor):
    """:func:`floor_crossing` on floats (it may raise where numpy would give inf or nan)."""
    if floor > 0 and b < 0 and p0 > 0:
        return m0 * (floor / p0) ** (1.0 / b)
    return 0.0 if p0 <= floor else math.inf


def _spend_float(m1, m2, p0, m0, rate, floor, above_floor, meets=None):
    """:func:`spend_between` on floats (``meets`` the curve's floor crossing, when known);
    None where a float function raises or an input is NaN (numpy's masked forms decide
    those)."""
    if any(x != x for x in (m1, m2, p0, m0, rate, floor)):
        return None
    try:
        b = math.log2(1.0 - rate)
        c = b + 1.0

        def integral(x1, x2):  # _power_integral
            if abs(c) >= 1e-9:
                p1, p2 = x1 ** c, x2 ** c
                if x2 >= x1 * far_factor(c):
                    return (p2 - p1) / c
            q = math.log1p((x2 - x1) / x1)
            if abs(c) < 1e-9:
                return q * (1.0 + 0.5 * c * (2.0 * math.log(x1) + q))
            return p1 * math.expm1(c * q) / c

        if above_floor:
            return floor * (m2 - m1) + (p0 - floor) * m0 * integral(m1 / m0, m2 / m0)
        if meets is None or meets != meets:
            meets = _crossing_float(p0, m0, b, floor)
        lo, hi = min(m1, meets), min(m2, meets)
        on_curve = p0 * m0 * integral(lo / m0, max(hi, lo) / m0) if hi > lo else 0.0
        return on_curve + floor * (m2 - max(m1, min(m2, meets)))
    except (ArithmeticError, ValueError):
        return None


def mass_at_price(target, base_price, reference_mass, learning_rate, floor=0.0,
                  above_floor=False, meets=None):
    """Cumulative mass [kg] at which the marginal price falls to ``target`` [USD/kg]
    (the inverse of :func:`wright_price`): M0·(target/P0)^(1/b), or M0·((target − F)/(P0 − F))^(1/b)
    above the floor; 0 where the base price is already at or below the target; inf where the
    target is at or below the floor or the price does not learn (LR = 0).

    ``meets``: the curve's floor crossing M* (:func:`floor_crossing`), when known; with one
    target above one floor > 0 the mass is then M*·(target/F)^(1/b), one power of numbers for
    every sample (M0·(T/P0)^(1/b) = M0·(F/P0)^(1/b)·(T/F)^(1/b))."""
    args = (target, base_price, reference_mass, learning_rate, floor)
    if all(type(a) is float for a in args):  # one sample: the same choices on floats
        b = math.log2(1.0 - learning_rate)
        if base_price <= target:
            return 0.0
        if not (target > floor and b < 0):
            return math.inf
        if meets is not None and not above_floor and floor > 0:
            return float(meets) * (target / floor) ** (1.0 / b)
        num, den = (target - floor, base_price - floor) if above_floor else (target, base_price)
        return reference_mass * (num / (den if den > 0 else 1.0)) ** (1.0 / b)
    p0 = np.asarray(base_price, dtype=float)
    m0 = np.asarray(reference_mass, dtype=float)
    floor = np.asarray(floor, dtype=float)
    target = np.asarray(target, dtype=float)
    b = exponent(learning_rate)
    if above_floor:
        num, den = target - floor, p0 - floor
    else:
        num, den = target, p0
    reachable = (target > floor) & (b < 0)
    if meets is not None and not above_floor and floats.ndim(b) == 0 and \
            floor.ndim == target.ndim == 0 and reachable and floor > 0:   # M* scaled
        out = np.where(p0 <= target, 0.0, meets * (target / floor) ** (1.0 / b))
        return out if out.ndim else float(out)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        m = m0 * (np.where(reachable, num, 1.0) / np.where(den > 0, den, 1.0)) ** (
            1.0 / np.where(b < 0, b, -1.0))
    out = np.where(p0 <= target, 0.0, np.where(reachable, m, np.inf))
    return out if out.ndim else float(out)


def curve(s, r):
    """The learning inputs as one dict (SI): ``p0``, ``m0``, ``rate``, ``floor``,
    ``above_floor`` and ``learns`` (False for learning.model = 'none'). Reads the base price
    and the vehicle's per-flight marginal cost per kg from the launch step's results."""
    model = "none" if "launch.price_per_kg" in schedules(s) else s["learning.model"]
    auto_vehicle = s["learning.floor_model"] == "auto" and s["launch.price_model"] == "vehicle"
    floor = r["launch.marginal_cost_per_kg"] if auto_vehicle else s["learning.price_floor"]
    return {"p0": r["launch.price_per_kg"], "m0": s["learning.reference_mass"],
            "rate": s["learning.rate"] if model != "none" else 0.0,
            "floor": floor, "above_floor": model == "wright_above_floor",
            "learns": model != "none"}


def price_at(c, cumulative_mass):
    """Marginal price [USD/kg] at ``cumulative_mass`` [kg] on the curve ``c`` of :func:`curve`."""
    if not c["learns"]:
        return c["p0"] + 0.0 * floats.asarray(cumulative_mass)
    return wright_price(cumulative_mass, c["p0"], c["m0"], c["rate"], c["floor"],
                        c["above_floor"])


def spend(c, m1, m2, meets=None):
    """Launch spend [USD] for the mass between cumulative masses m1 and m2 [kg] on curve ``c``;
    ``meets``: the curve's :func:`crossing`, when a caller spends along it many times."""
    if not c["learns"]:
        return c["p0"] * (floats.asarray(m2) - m1)
    return spend_between(m1, m2, c["p0"], c["m0"], c["rate"], c["floor"], c["above_floor"],
                         meets)


def crossing(c):
    """Where the curve ``c`` of :func:`curve` meets its floor [kg] (:func:`floor_crossing`):
    inf where it never does (no learning, or a curve that approaches the floor from above),
    where :func:`spend` does not read it."""
    if not c["learns"] or c["above_floor"]:
        return math.inf + 0.0 * floats.asarray(c["p0"])
    return floor_crossing(c["p0"], c["m0"], exponent(c["rate"]), c["floor"])


def step(s, r):
    """Pipeline step: the floor used and how much mass reaches the target price."""
    c = curve(s, r)
    r["learning.price_floor"] = (c["floor"] if c["learns"] else 0.0) + \
        0.0 * floats.asarray(c["p0"])
    m_init = s["learning.initial_cumulative_mass"]
    target = s["learning.target_price_per_kg"]
    if c["learns"]:
        m = mass_at_price(target, c["p0"], c["m0"], c["rate"], c["floor"], c["above_floor"],
                          r["launch.floor_mass"])
    else:
        m = floats.where(c["p0"] <= target, 0.0, math.inf)
    r["learning.mass_to_target"] = floats.maximum(floats.asarray(m) - m_init, 0.0)
