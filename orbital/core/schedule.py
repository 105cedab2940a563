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


@dataclasses.dataclass(frozen=True)
class Schedule:
    """Values [SI] at calendar ``years``, interpolated per ``interpolation``, flat outside."""

    years: tuple
    values: tuple
    interpolation: str = "linear"

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
    there, or its scalar (or per-sample) value held for every year."""
    sched = schedules(s).get(name)
    if sched is not None:
        return sched.at(calendar)
    value = np.asarray(s[name], dtype=float)
    return np.broadcast_to(value[..., None], np.broadcast_shapes(value.shape + (1,),
                                                                 np.shape(calendar)))
