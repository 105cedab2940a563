"""``evaluate``: inputs with units in, a frozen record of results with units out.

Units are checked and stripped once at this edge (every input to SI magnitudes), the pipeline
runs on plain floats and numpy arrays, and units go back on when a result is read. Every input
may be a scalar or an array; arrays broadcast against each other, so one call evaluates N cases.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from . import pipeline, schema
from .errors import InputError
from .units import DimensionalityError, Quantity, format_unit, ureg


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
            raise InputError(where, f"got {value!r}" + schema.did_you_mean(str(value),
                                                                           spec.options),
                             spec.range_text())
        return value
    if isinstance(value, str):
        raise InputError(where, f"got the text {value!r}",
                         f"a Quantity in {spec.unit}, e.g. orbital.Q_(1.0, '{spec.unit}')")
    if _is_quantity(value):
        if value._REGISTRY is not ureg:
            raise InputError(where, "got a Quantity from another pint registry",
                             "one built with orbital.Q_ (orbital.units.ureg)")
        try:
            mag = value.m_as(spec.si_unit)
        except DimensionalityError:
            raise InputError(where, f"got {_short(value)} [{format_unit(value.units)}], "
                                    f"which is not a {spec.unit} quantity",
                             f"units compatible with {spec.unit}") from None
        except Exception as exc:  # pint raises several types for odd magnitudes
            raise InputError(where, f"could not convert {_short(value)}: {exc}",
                             f"a number in {spec.unit}") from None
    else:
        if spec.si_factor != 1.0 or not ureg.Unit(spec.unit).dimensionless:
            raise InputError(where, f"got the bare number {_short(value)}",
                             f"a Quantity in {spec.unit}, e.g. orbital.Q_({_short(value)}, "
                             f"'{spec.unit}')")
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


def _short(v) -> str:
    m = getattr(v, "magnitude", v)
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
    params = schema.parameters()
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


def evaluate(inputs, overrides: Mapping[str, Any] | None = None) -> "Results":
    """Evaluate the whole model.

    ``inputs`` is an :class:`~orbital.assumptions.AssumptionSet` or a mapping of every parameter
    name to a Quantity (or a choice string). ``overrides`` maps some names to new values
    (Quantities, scalar or array). Returns a frozen :class:`Results`.
    """
    from .assumptions import AssumptionSet

    if not isinstance(inputs, (AssumptionSet, Mapping)):
        raise InputError("argument 'inputs'", f"got {type(inputs).__name__} {_short(inputs)}",
                         "an AssumptionSet (e.g. orbital.load('default')) or a mapping of "
                         "parameter names to Quantities")
    if overrides is not None and not isinstance(overrides, Mapping):
        raise InputError("argument 'overrides'", f"got {type(overrides).__name__}",
                         "a mapping of parameter names to Quantities")
    if isinstance(inputs, AssumptionSet):
        s = dict(inputs.si())
        if overrides:
            params = schema.parameters()
            for name, value in overrides.items():
                if name not in params:
                    raise InputError(f"override '{name}'", "unknown parameter" + params.hint(name))
                s[name] = convert_input(params[name], value, "override")
            shapes = [np.shape(v) for v in s.values() if not isinstance(v, str)]
            try:
                np.broadcast_shapes(*shapes)
            except ValueError:
                raise InputError("override", "array overrides do not broadcast together",
                                 "arrays of one length N") from None
    else:
        merged = dict(inputs)
        merged.update(overrides or {})
        s = si_inputs(merged)
    return evaluate_si(s)


def evaluate_si(s: dict) -> "Results":
    """Evaluate on already-checked SI inputs (the fast path for analyses)."""
    r = pipeline.run(s)
    return Results(r, shape=np.broadcast_shapes(*[np.shape(v) for v in s.values()
                                                  if not isinstance(v, str)]))


class Results(Mapping):
    """A frozen record of results: ``results[name]`` is a Quantity in the result's display unit.

    Series results (``schema.results()[name].series``) have a trailing year axis; ``years`` is
    that axis (1 … Y). ``si(name)`` gives the raw SI magnitude; ``magnitude(name)`` the number in
    the display unit.
    """

    __slots__ = ("_si", "_shape", "_cache")

    def __init__(self, si: dict, shape=()):
        object.__setattr__(self, "_si", dict(si))
        object.__setattr__(self, "_shape", tuple(shape))
        object.__setattr__(self, "_cache", {})

    def __setattr__(self, key, value):
        raise AttributeError("Results are read-only")

    def __getitem__(self, name: str) -> Quantity:
        if name not in self._si:
            raise KeyError(f"unknown result '{name}'" + schema.results().hint(name))
        q = self._cache.get(name)
        if q is None:
            spec = schema.results()[name]
            q = ureg.Quantity(self.magnitude(name), spec.pint_unit)
            self._cache[name] = q
        return q

    def __iter__(self):
        return iter(self._si)

    def __len__(self) -> int:
        return len(self._si)

    @property
    def shape(self) -> tuple:
        """Broadcast shape of the inputs (``()`` for a scalar evaluation)."""
        return self._shape

    @property
    def years(self) -> np.ndarray:
        """Year numbers 1 … Y of the series results' last axis."""
        v = self._si["buildout.installed_power"]
        n = (v.shape if hasattr(v, "get") else np.shape(v))[-1]
        return np.arange(1, n + 1)

    def si(self, name: str):
        """Raw SI magnitude of result ``name`` (deferred results are computed on first read)."""
        v = self._si[name]
        return v.get() if hasattr(v, "get") else v

    def magnitude(self, name: str):
        """Magnitude of result ``name`` in its display unit (float or ndarray).

        With array inputs every result has the inputs' broadcast shape (plus the year axis for
        series), even one that does not depend on the varied inputs (a read-only view then).
        """
        spec = schema.results()[name]
        v = np.asarray(self.si(name), dtype=float) / spec.si_factor
        if self._shape:
            target = self._shape + (v.shape[-1:] if spec.series else ())
            if v.shape != target:
                v = np.broadcast_to(v, target)
        return float(v) if v.ndim == 0 else v

    def scalars(self) -> list[str]:
        """Names of the results without a year axis, in catalogue order."""
        specs = schema.results()
        return [n for n in specs.names() if n in self._si and not specs[n].series]

    def series_names(self) -> list[str]:
        specs = schema.results()
        return [n for n in specs.names() if n in self._si and specs[n].series]

    def to_dict(self, include_series: bool = True) -> dict:
        """Plain data: ``{name: {"value": number | list, "unit": str}}`` in display units."""
        specs = schema.results()
        out = {}
        for name in specs.names():
            if name not in self._si or (specs[name].series and not include_series):
                continue
            v = self.magnitude(name)
            out[name] = {"value": v.tolist() if isinstance(v, np.ndarray) else v,
                         "unit": format_unit(specs[name].unit)}
        return out

    def frame(self):
        """A pandas DataFrame of the scalar results, columns named ``name [unit]``."""
        import pandas as pd

        specs = schema.results()
        cols = {f"{n} [{format_unit(specs[n].unit)}]": np.ravel(self.magnitude(n))
                for n in self.scalars()}
        return pd.DataFrame(cols)

    def series_frame(self, index: int | None = None):
        """A pandas DataFrame of the series results by year (for one sample ``index`` when the
        inputs were arrays), columns named ``name [unit]``."""
        import pandas as pd

        specs = schema.results()
        data = {"year [1]": self.years}
        for n in self.series_names():
            v = np.asarray(self.magnitude(n))
            if v.ndim > 1:
                if index is None:
                    raise ValueError("array results: pass index= to pick one sample")
                v = v.reshape(-1, v.shape[-1])[index]
            data[f"{n} [{format_unit(specs[n].unit)}]"] = v
        return pd.DataFrame(data)
