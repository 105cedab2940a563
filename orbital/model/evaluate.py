"""``evaluate``: inputs with units in, a frozen record of results with units out.

Units are checked and stripped once at this edge (every input to SI magnitudes), the pipeline
runs on plain floats and numpy arrays, and units go back on when a result is read. Every input
may be a scalar or an array; arrays broadcast against each other, so one call evaluates N cases.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..core.errors import InputError
from ..core.schedule import KEY as SCHEDULES
from ..core.spec import did_you_mean
from ..core.units import format_unit, kind_text, same_kind
from ..core import units  # pint's objects (units.ureg ...) made on first use
from . import catalogue, pipeline
from .results import Results


def _is_quantity(v) -> bool:
    return hasattr(v, "_REGISTRY") and hasattr(v, "magnitude")


def convert_input(spec, value, place: str = "argument"):
    """Check one input against its spec and return its SI magnitude (or the choice string).

    ``value`` is a pint Quantity from orbital's registry, or a plain number/array for a
    dimensionless parameter. ``place`` names where the value came from, for the error message.
    """
    where = f"{place} '{spec.name}'" if place else f"'{spec.name}'"
    if spec.kind == "choice":
        if not isinstance(value, str) or value not in spec.options:
            raise InputError(where, f"got {value!r}" + did_you_mean(str(value),
                                                                           spec.options),
                             spec.range_text())
        return value
    if isinstance(value, str):
        raise InputError(where, f"got the text {value!r}",
                         f"a Quantity in {spec.unit}, e.g. orbital.Q_(1.0, '{spec.unit}')")
    if _is_quantity(value):
        if value._REGISTRY is not units.ureg:
            raise InputError(where, "got a Quantity from another pint registry",
                             "one built with orbital.Q_ (orbital.units.ureg)")
        _check_real(value.magnitude, spec, where)
        if not same_kind(value.units, spec.pint_unit) and \
                value.dimensionality == spec.pint_unit.dimensionality:
            raise InputError(where, f"got {_short(value)}, {kind_text(value.units)}, which is "
                             f"not {kind_text(spec.pint_unit)}", f"units compatible with "
                             f"{spec.unit or '1'}")
        try:
            mag = value.m_as(spec.si_unit)
        except units.DimensionalityError:
            raise InputError(where, f"got {_short(value)} [{format_unit(value.units)}], "
                                    f"which is not a {spec.unit} quantity",
                             f"units compatible with {spec.unit}") from None
        except Exception as exc:  # pint raises several types for odd magnitudes
            raise InputError(where, f"could not convert {_short(value)}: {exc}",
                             f"a number in {spec.unit}") from None
    else:
        if spec.si_factor != 1.0 or not units.ureg.Unit(spec.unit).dimensionless:
            raise InputError(where, f"got the bare number {_short(value)}",
                             f"a Quantity in {spec.unit}, e.g. orbital.Q_({_short(value)}, "
                             f"'{spec.unit}')")
        _check_real(value, spec, where)
        mag = value
    try:
        if np.iscomplexobj(mag):
            raise TypeError
        arr = np.asarray(mag, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise InputError(where, f"got {_short(mag)}", f"a real number in {spec.unit}") from None
    problem = spec.check_range_si(arr)
    if problem:
        raise InputError(where, problem, spec.range_text())
    return float(arr) if arr.ndim == 0 else arr


def _check_real(mag, spec, where: str) -> None:
    """Refuse magnitudes that numpy would turn into numbers but are not numbers: booleans,
    text, dates and times, objects (the file loader refuses them too)."""
    if isinstance(mag, (bool, np.bool_, str, bytes)):
        raise InputError(where, f"got {_short(mag)} ({type(mag).__name__})",
                         f"a real number in {spec.unit or '1'}")
    if isinstance(mag, (int, float)):
        return
    try:
        kind = np.asarray(mag).dtype.kind
    except Exception:  # an object numpy cannot even wrap
        kind = "O"
    if kind not in "iuf":
        what = {"b": "booleans", "U": "text", "S": "bytes", "M": "dates", "m": "time spans",
                "c": "complex numbers", "O": "objects"}.get(kind, "values")
        raise InputError(where, f"got {_short(mag)} of {what}",
                         f"a real number in {spec.unit or '1'} (or an array of them)")


def _short(v) -> str:
    m = getattr(v, "magnitude", v)
    if isinstance(m, (bool, np.bool_)):
        return str(bool(m))
    if isinstance(m, int) and m.bit_length() > 1000:
        return f"an integer of about {int(m.bit_length() * 0.30103):,} digits"
    if np.ndim(m) == 0:
        try:
            return f"{float(m):g}" + (f" {format_unit(v.units)}" if _is_quantity(v) else "")
        except (TypeError, ValueError, OverflowError):
            r = repr(m)
            return r if len(r) <= 40 else r[:37] + "..."
    return f"an array of shape {np.shape(m)}"


def si_inputs(inputs: Mapping[str, Any], place: str = "argument") -> dict:
    """Check a complete mapping of inputs and convert it to SI magnitudes.

    Raises :class:`InputError` naming the first unknown, missing or bad parameter.
    """
    params = catalogue.parameters()
    for name in inputs:
        if name not in params:
            raise InputError(f"{place} '{name}'", "unknown parameter" + params.hint(name))
    s = {}
    for spec in params:
        if spec.name not in inputs:
            raise InputError(f"{place} '{spec.name}'", "missing",
                             f"a value in {spec.unit}" if spec.kind != "choice"
                             else spec.range_text())
        s[spec.name] = convert_input(spec, inputs[spec.name], place)
    shapes = [np.shape(v) for v in s.values() if not isinstance(v, str)]
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        arrays = {k: np.shape(v) for k, v in s.items() if np.ndim(v) and not isinstance(v, str)}
        raise InputError(place, f"array inputs do not broadcast together: {arrays}",
                         "arrays of one length N (or shapes numpy can broadcast)") from None
    return s


def checked_si_inputs(inputs, overrides: Mapping[str, Any] | None = None) -> dict:
    """The checked SI inputs of ``inputs`` with ``overrides`` applied, as :func:`evaluate`
    takes them (an assumption set, or a full mapping of parameter names to Quantities)."""
    if isinstance(inputs, Mapping):
        merged = dict(inputs)
        merged.update(overrides or {})
        return si_inputs(merged)
    si = getattr(inputs, "si", None)
    if not callable(si):
        raise InputError("argument 'inputs'", f"got {type(inputs).__name__} {_short(inputs)}",
                         "an AssumptionSet (e.g. orbital.load('default')) or a mapping of "
                         "parameter names to Quantities")
    s = dict(si())
    plans = dict(inputs.schedules()) if hasattr(inputs, "schedules") else {}
    if overrides:
        params = catalogue.parameters()
        for name, value in overrides.items():
            if name not in params:
                raise InputError(f"override '{name}'", "unknown parameter" + params.hint(name))
            if isinstance(value, Mapping):  # a schedule {year: value, ...}
                plans[name] = schedule_input(params[name], value)
                s[name] = plans[name].values[0]
                continue
            s[name] = convert_input(params[name], value, "override")
            plans.pop(name, None)  # a plain value replaces the schedule
        shapes = [np.shape(v) for v in s.values() if not isinstance(v, (str, dict))]
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            raise InputError("override", "array overrides do not broadcast together",
                             "arrays of one length N") from None
    if plans:
        s[SCHEDULES] = plans
    return s


def schedule_input(spec, value: Mapping):
    """A schedule given to the API: ``{2026: Q_(1000, "USD/kg"), 2030: ..., "interpolation":
    "log"}`` (each value as an override takes it), checked and in SI."""
    from ..core.schedule import INTERPOLATIONS, Schedule, per_year_error

    where = f"override '{spec.name}' schedule"
    why = per_year_error(spec.name)
    if why:
        raise InputError(where, why, "a single value")
    points = {k: v for k, v in value.items() if k != "interpolation"}
    interp = value.get("interpolation", "linear")
    if interp not in INTERPOLATIONS:
        raise InputError(where, f"interpolation {interp!r}", "'linear' or 'log'")
    years = []
    for k in points:
        if isinstance(k, bool) or not isinstance(k, int) or not 1957 <= k <= 2300:
            raise InputError(where, f"year {k!r}", "a calendar year from 1957 to 2300")
        years.append(k)
    if not years:
        raise InputError(where, "has no points", "{year: value, ...}")
    years.sort()
    si = [float(np.asarray(convert_input(spec, points[y], where), dtype=float)) for y in years]
    if interp == "log" and min(si) <= 0:
        raise InputError(where, "log interpolation of a value at or below 0", "positive values")
    return Schedule(tuple(float(y) for y in years), tuple(si), interp)


def evaluate(inputs, overrides: Mapping[str, Any] | None = None) -> Results:
    """Evaluate the whole model.

    ``inputs`` is an :class:`~orbital.sets.aset.AssumptionSet` or a mapping of every parameter
    name to a Quantity (or a choice string). ``overrides`` maps some names to new values
    (Quantities, scalar or array). Returns a frozen :class:`~orbital.model.results.Results`.
    """
    if overrides is not None and not isinstance(overrides, Mapping):
        raise InputError("argument 'overrides'", f"got {type(overrides).__name__}",
                         "a mapping of parameter names to Quantities")
    return evaluate_si(checked_si_inputs(inputs, overrides))


def evaluate_si(s: dict) -> Results:
    """Evaluate on already-checked SI inputs (the fast path for analyses)."""
    r = pipeline.run(s)
    return Results(r, shape=input_shape(s), inputs=s)


#: The types of one sample's SI inputs: numbers, choices and the schedules' dict.
PLAIN_INPUTS = {float, int, str, dict}


def input_shape(s: dict) -> tuple:
    """The broadcast shape of the SI inputs ``s`` (``()`` when every input is a scalar); only
    the array inputs are looked at (a scalar evaluation has a couple of hundred floats)."""
    if set(map(type, s.values())) <= PLAIN_INPUTS:   # one sample: no array at all
        return ()
    shapes = {v.shape for v in s.values() if isinstance(v, np.ndarray) and v.ndim}
    return np.broadcast_shapes(*shapes) if shapes else ()
