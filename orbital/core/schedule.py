"""Per-year inputs: a parameter's values at named calendar years.

A schedule holds a value at each of some calendar years, interpolated between them (linearly,
or linearly in the logarithm for prices that fall by a factor) and held flat outside them.
Assumption files write it as ``schedule = { 2026 = 1000, 2030 = 300 }`` with
``interpolation = "log"`` beside the parameter's unit and source; the model reads it through
:func:`by_year` on its own year axis, and everything without a time axis uses the parameter's
scalar value (the schedule's first point unless a ``value`` is given).
"""
from __future__ import annotations

import dataclasses

import numpy as np

#: Ways to interpolate between a schedule's points.
INTERPOLATIONS = ("linear", "log")
#: Key of the SI inputs that holds the schedules (name → :class:`Schedule`).
KEY = "@schedules"

#: The parameters the model reads year by year, and what reads them: only these may carry a
#: schedule (any other would be read once, at its first point, and a schedule on it would
#: silently change nothing).
PER_YEAR = {
    "buildout.mass_per_year": "the buildout: the tonnage launched each year",
    "launch.max_flights_per_year": "the buildout: each year's cadence cap",
    "launch.price_per_kg": "the buildout: each year's launch price (a price path)",
    "power.specific_power": "the buildout: each year's launches carry that year's kW/t; and "
                            "each year's space vintage",
    "space.satellite_cost_per_watt": "each year's space vintage and the space capital spent",
    "space.build_cost_per_kg": "each year's space vintage and the space capital spent",
    "compare.compute_cost_per_watt": "each year's vintage on both sides and the compute bought",
    "compare.accelerator_power": "each year's cost per accelerator-hour on both sides",
    "compare.compute_efficiency": "each year's cost per PFLOP-hour on both sides",
    "finance.discount_rate": "each year's vintage cost of capital and the NPV's discounting",
    "space.discount_rate": "each year's space vintage cost of capital and the space NPV",
    "ground.discount_rate": "each year's ground vintage cost of capital and the ground NPV",
    "ground.grid_price": "each year's ground vintage and the ground's energy bill",
    "ground.gas_price": "each year's ground vintage and the ground's energy bill",
    "ground.turbine_cost": "each year's ground vintage and the ground capital spent",
    "ground.solar_cost": "each year's ground vintage and the ground capital spent",
    "ground.battery_cost": "each year's ground vintage and the ground capital spent",
    "ground.electrical": "each year's ground vintage and the ground capital spent",
    "ground.mechanical": "each year's ground vintage and the ground capital spent",
    "ground.civil": "each year's ground vintage and the ground capital spent",
    "ground.fitout": "each year's ground vintage and the ground capital spent",
    "ground.backup_power": "each year's ground vintage and the ground capital spent",
    "timeline.ground_market_premium": "the market lens: each year's ground market price",
    "timeline.ground_budget": "the equal-money comparison: the ground's budget each year",
}


@dataclasses.dataclass(frozen=True)
class Schedule:
    """Values [SI] at calendar ``years``, interpolated per ``interpolation``, flat outside."""

    years: tuple
    values: tuple
    interpolation: str = "linear"
    #: The parameter's own (scalar) value in the set [SI] that the path belongs to (None: the
    #: first point): an analysis that draws or sweeps the parameter moves the path with it.
    reference: float | None = None

    def at(self, calendar):
        """The schedule at calendar years ``calendar`` (any shape) [SI]."""
        x = np.asarray(calendar, dtype=float)
        years = np.asarray(self.years, dtype=float)
        values = np.asarray(self.values, dtype=float)
        if self.interpolation == "log":
            out = np.exp(np.interp(x, years, np.log(values)))
        else:
            out = np.interp(x, years, values)
        # exactly the end values outside (and at) the ends, without exp∘log round-off
        return np.where(x <= years[0], values[0], np.where(x >= years[-1], values[-1], out))


def schedules(s) -> dict:
    """The schedules among SI inputs ``s`` (empty when none)."""
    return s.get(KEY) or {}


def by_year(s, name: str, calendar):
    """Parameter ``name`` [SI] on the calendar years ``calendar`` (last axis): its schedule
    there, or its scalar (or per-sample) value held for every year.

    Where an analysis has drawn or swept a scheduled parameter (its value in ``s`` is not the
    set's own), the whole path moves with it: scaled by value ÷ the set's value, or shifted
    by the difference where the set's value is 0, so a drawn launch price is never inert."""
    sched = schedules(s).get(name)
    if sched is None:
        value = np.asarray(s[name], dtype=float)
        return np.broadcast_to(value[..., None], np.broadcast_shapes(value.shape + (1,),
                                                                     np.shape(calendar)))
    path = sched.at(calendar)
    ref = sched.values[0] if sched.reference is None else sched.reference
    value = np.asarray(s[name], dtype=float)
    if value.ndim == 0 and value == ref:
        return path
    if ref != 0:
        return path * (value / ref)[..., None]
    return path + (value - ref)[..., None]


def per_year_error(name: str) -> str | None:
    """Why parameter ``name`` cannot take a schedule (None when it can)."""
    if name in PER_YEAR:
        return None
    return (f"'{name}' is read once, not year by year, so a schedule would change nothing; "
            "parameters with a schedule: " + ", ".join(sorted(PER_YEAR)))


def with_year_axis(values: dict, sample_ndim: int) -> dict:
    """A shallow copy of ``values`` (SI inputs or results) in which every per-sample array
    (``sample_ndim`` dimensions, the analyses' N axis) gains a trailing axis of length 1, so it
    broadcasts against by-year arrays of shape (..., Y); scalars, strings and by-year series
    are left as they are."""
    if sample_ndim == 0:
        return dict(values)
    return {k: (v[..., None] if isinstance(v, np.ndarray) and v.ndim == sample_ndim else v)
            for k, v in values.items()}
