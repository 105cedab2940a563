"""What the spacecraft must be for a target kW per tonne: the reverse of the mass roll-up.

Each solver holds every other mass of :mod:`orbital.space.spacecraft` and finds the one
component that gives the target whole-spacecraft specific power exactly (the total is linear in
each component: :func:`orbital.space.spacecraft.allowed_component_mass`). Putting the answer
back gives the target.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..core.errors import InputError
from ..core.units import from_si, si_factor
from ..model.evaluate import checked_si_inputs
from ..model.pipeline import run
from .spacecraft import allowed_component_mass


def _allowed(inputs, target, overrides, component):
    """Evaluate, then the mass per W of IT one component may have for ``target`` [kW/t].

    ``component(s, r)`` gives that component's present mass [kg/W]. Returns (s, r, allowed
    [kg/W], best [W/kg]: the specific power with the component massless, target [W/kg]).
    """
    if not hasattr(target, "m_as"):
        raise InputError("target", f"got {target!r}",
                         "a Quantity in kW/t, e.g. orbital.Q_(100, 'kW/t')")
    try:
        target_si = np.asarray(target.m_as("kW/t"), dtype=float) * si_factor("kW/t")
    except Exception:
        raise InputError("target", f"got {target}", "a specific power in kW/t") from None
    if np.any(~np.isfinite(target_si)) or np.any(target_si <= 0):
        raise InputError("target", f"got {target}", "a finite specific power > 0 kW/t")
    s = checked_si_inputs(inputs, overrides)
    r = run(s)
    duty = np.asarray(r["spacecraft.compute_duty"], dtype=float)
    total = np.asarray(r["spacecraft.mass_per_power"], dtype=float)
    f_bus = np.asarray(s["spacecraft.bus_mass_fraction"], dtype=float)
    other = total * (1.0 - f_bus) - component(s, r)
    allowed = allowed_component_mass(target_si, duty, f_bus, other)
    with np.errstate(divide="ignore", invalid="ignore"):
        best = duty * (1.0 - f_bus) / other
    return s, r, np.asarray(allowed, dtype=float), best, target_si


def _refuse(ok, errors, what, target_si, best, why=""):
    """Raise an InputError for the first impossible element when ``errors == 'raise'``."""
    if errors not in ("raise", "nan"):
        raise InputError("errors", f"got {errors!r}", "'raise' or 'nan'")
    ok = np.asarray(ok)
    if errors == "nan" or ok.all():
        return
    shape = np.broadcast_shapes(ok.shape, np.shape(target_si), np.shape(best))
    bad = ~np.broadcast_to(ok, shape)
    idx = int(np.flatnonzero(bad)[0])
    t = float(np.broadcast_to(target_si, shape).flat[idx])  # W/kg is numerically kW/t
    b = float(np.broadcast_to(best, shape).flat[idx])
    where = "" if bad.ndim == 0 else f" (element {idx} of {bad.size})"
    reason = why or (f"with it massless the rest of the spacecraft gives at most {b:.4g} kW/t")
    raise InputError("target", f"{t:g} kW/t{where} is out of reach by changing {what} alone: "
                     f"{reason}", f"a target below {b:.4g} kW/t, or other inputs changed too")


def _quantity(value, unit_text):
    v = np.asarray(value, dtype=float)
    return from_si(v if v.ndim else float(v), unit_text)


def required_array_specific_power(inputs, target, overrides: Mapping[str, Any] | None = None,
                                  errors: str = "raise"):
    """Wing-level array specific power [W/kg, rated at 1 au, beginning of life] that gives the
    spacecraft the ``target`` specific power [Quantity in kW/t, scalar or array], all else held.

    ``inputs`` is an AssumptionSet or a full mapping of inputs, ``overrides`` as for
    :func:`orbital.evaluate`. Putting the answer back (``array.mass_model = 'specific_power'``,
    ``array.specific_power = answer``) gives the target. A target out of reach even with a
    massless array raises :class:`InputError` (``errors='raise'``) or gives nan (``'nan'``).
    """
    s, r, allowed, best, target_si = _allowed(inputs, target, overrides,
                                              lambda s, r: r["array.mass_per_power"])
    ok = allowed > 0
    _refuse(ok, errors, "the array's specific power", target_si, best)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(ok, r["array.power_ratio"] / np.where(ok, allowed, 1.0), np.nan)
    return _quantity(value, "W/kg")


def required_radiator_areal_density(inputs, target, overrides: Mapping[str, Any] | None = None,
                                    errors: str = "raise"):
    """Radiator areal density [kg/m²] that gives the ``target`` specific power [kW/t], all else
    (temperature, emissivity, loop overhead ...) held; put it back as ``thermal.areal_density``.
    Arguments and errors as :func:`required_array_specific_power`; also out of reach where the
    radiator cannot reject heat at all (net flux ≤ 0)."""
    s, r, allowed, best, target_si = _allowed(inputs, target, overrides,
                                              lambda s, r: r["thermal.mass_per_power"])
    area = np.asarray(r["thermal.area_per_power"], dtype=float)
    rejects = np.isfinite(area)
    ok = (allowed > 0) & rejects
    why = "" if rejects.all() else ("the radiator cannot reject heat at this temperature in "
                                    "this orbit (net flux ≤ 0 W/m²)")
    _refuse(ok, errors, "the radiator's areal density", target_si, best, why)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(ok, allowed / (area * s["thermal.loop_overhead"]), np.nan)
    return _quantity(value, "kg/m^2")


def required_compute_mass_per_power(inputs, target, overrides: Mapping[str, Any] | None = None,
                                    errors: str = "raise"):
    """Compute hardware mass per kW of IT power [kg/kW] that gives the ``target`` specific power
    [kW/t], all else held; put it back as ``spacecraft.compute_mass_per_power``. Arguments and
    errors as :func:`required_array_specific_power`."""
    s, r, allowed, best, target_si = _allowed(
        inputs, target, overrides,
        lambda s, r: np.asarray(s["spacecraft.compute_mass_per_power"], dtype=float))
    ok = allowed >= 0
    _refuse(ok, errors, "the compute mass", target_si, best)
    return _quantity(np.where(ok, allowed, np.nan), "kg/kW")
