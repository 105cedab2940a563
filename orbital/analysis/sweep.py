"""Sweeps: the model over one parameter, or a grid of two, evaluated in chunks."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..core.errors import InputError
from ..model import catalogue
from ..model.evaluate import convert_input
from . import sampling
from .common import (
    GridTask,
    base_inputs,
    check_params,
    check_results,
    concat,
    frame,
    param_column,
    result_column,
)
from .engine import run_chunks
from .limits import MAX_SWEEP_POINTS, whole_number

def span(name: str, low=None, high=None, num: int = 21, scale: str | None = None,
         aset=None) -> np.ndarray:
    """``num`` values [SI] of parameter ``name`` from ``low`` to ``high`` (Quantities, or numbers
    in the declared unit), linear or log spaced. Without low/high, the span of the parameter's
    distribution in ``aset`` (support, or P5–P95). ``scale=None``: log for parameters marked
    ``log_scale`` whose span covers a factor of 10 or more."""
    [name] = check_params([name])
    spec = catalogue.parameters()[name]
    if low is None or high is None:
        if aset is None:
            raise InputError(f"sweep of '{name}'", "no low/high given", "low= and high=")
        lo_si, hi_si = sampling.from_assumption(aset, name).bounds()
        low = lo_si / spec.si_factor if low is None else low
        high = hi_si / spec.si_factor if high is None else high
    d = sampling.from_range(name, low, high, scale)
    num = whole_number(num, f"sweep of '{name}'", 2, MAX_SWEEP_POINTS, noun="points")
    if d.kind == "loguniform":
        return np.geomspace(d.lo, d.hi, num)
    return np.linspace(d.lo, d.hi, num)


def _values_si(name: str, values, aset, num, scale) -> np.ndarray:
    [name] = check_params([name])
    spec = catalogue.parameters()[name]
    if values is None:
        return span(name, num=num, scale=scale, aset=aset)
    if hasattr(values, "_REGISTRY"):
        arr = np.atleast_1d(convert_input(spec, values, "sweep"))
    else:
        arr = np.atleast_1d(np.asarray(values, dtype=float)) * spec.si_factor
        problem = spec.check_range_si(arr)
        if problem:
            raise InputError(f"sweep of '{name}'", problem, spec.range_text())
    if arr.ndim == 1 and arr.size > MAX_SWEEP_POINTS:
        raise InputError(f"sweep of '{name}'", f"{arr.size:,} values",
                         f"at most {MAX_SWEEP_POINTS:,}")
    if arr.ndim != 1 or arr.size == 0:
        raise InputError(f"sweep of '{name}'", f"values of shape {arr.shape}",
                         "a non-empty 1-D list of values")
    return arr.astype(float)


def sweep(aset, x: str, values=None, *, y: str | None = None, y_values=None, results=None,
          num: int = 21, y_num: int | None = None, scale: str | None = None,
          y_scale: str | None = None, overrides: Mapping | None = None,
          chunk_size: int | None = None, engine: str = "numpy", scheduler=None,
          progress: bool = False,
          max_seconds: float | None = None):
    """Evaluate the model over one parameter (``x``) or a grid of two (``x`` × ``y``).

    ``values``/``y_values``: a Quantity array, plain numbers in the declared unit, or None for
    ``num`` points over the parameter's distribution span (``scale`` ``"linear"``/``"log"``).
    ``results``: result names (default :func:`default_result`). ``overrides``: scalar changes
    to the set first. Returns a long table, one row per point: the swept inputs and the results
    as ``name [unit]`` columns (x varies fastest). :func:`pivot` turns a 2-D sweep into a grid.

    >>> import orbital
    >>> from orbital.analysis import sweep
    >>> df = sweep(orbital.load("default"), "launch.price_per_kg",
    ...            orbital.Q_([100, 500, 1000], "USD/kg"), results="buildout.total_launch_spend")
    """
    names = check_results(results)
    xv = _values_si(x, values, aset, num, scale)
    cols = {x: xv}
    if y is not None:
        if y == x:
            raise InputError(f"sweep of '{y}'", "x and y are the same parameter",
                             "two different parameters")
        yv = _values_si(y, y_values, aset, y_num or num, y_scale)
        if len(xv) * len(yv) > MAX_SWEEP_POINTS:
            raise InputError(f"sweep of '{x}' × '{y}'", f"{len(xv):,} × {len(yv):,} points",
                             f"at most {MAX_SWEEP_POINTS:,} in all")
        gx, gy = np.meshgrid(xv, yv)
        cols = {x: gx.ravel(), y: gy.ravel()}
    n = len(cols[x])
    base = base_inputs(aset, overrides)
    out = run_chunks(GridTask(base, cols, names), n, concat, chunk_size=chunk_size,
                      engine=engine, scheduler=scheduler, progress=progress, desc="sweep",
                      max_seconds=max_seconds)
    return frame(cols, {k: np.asarray(v) for k, v in out.items()},
                  attrs={"analysis": "sweep", "x": x, "y": y, "assumption_set": aset.name})


def pivot(df, result: str | None = None):
    """A 2-D sweep as a grid for a heat map: rows are y values, columns x values, cells the
    result (default: the first result column)."""
    x, y = df.attrs.get("x"), df.attrs.get("y")
    if not y:
        raise InputError("pivot", "the table is not a 2-D sweep", "sweep(..., y=...)")
    rcol = result_column(result) if result else [c for c in df.columns
                                                 if c not in (param_column(x),
                                                              param_column(y))][0]
    return df.pivot(index=param_column(y), columns=param_column(x), values=rcol)


