"""What every analysis shares: column names ``name [unit]``, checks of result and parameter
names, seeds and sizes, the set's SI inputs with overrides, the distributions to draw, and the
tasks the engine runs on chunks (evaluate at given arrays, or draw and evaluate)."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..core.errors import InputError
from ..core.schedule import KEY as SCHEDULES
from ..core.units import format_unit
from ..core import units  # pint's objects (units.ureg ...) made on first use
from ..model import catalogue
from ..model.evaluate import convert_input, evaluate_si
from . import sampling
from .engine import Sketch
from .limits import MAX_DRAWS, MAX_DRAWS_DASK, whole_number


def column(name: str, unit_text: str) -> str:
    """The column label ``name [unit]``."""
    return f"{name} [{format_unit(unit_text or '1')}]"


def result_column(name: str) -> str:
    return column(name, catalogue.results()[name].unit)


def param_column(name: str) -> str:
    return column(name, catalogue.parameters()[name].unit)


def default_result() -> str:
    """``compare.cost_ratio`` when the ground-vs-space comparison is in the model, else
    ``buildout.final_installed_power``."""
    return "compare.cost_ratio" if "compare.cost_ratio" in catalogue.results() else \
        "buildout.final_installed_power"


def check_results(results) -> list[str]:
    if results is None:
        return [default_result()]
    if isinstance(results, str):
        results = [results]
    specs = catalogue.results()
    out = []
    for name in results:
        if name not in specs:
            raise InputError(f"result '{name}'", "unknown result" + specs.hint(name))
        if specs[name].series:
            raise InputError(f"result '{name}'", "is a year-by-year series",
                             "a single-valued result (see `orbital evaluate`)")
        if name not in out:
            out.append(name)
    if not out:
        raise InputError("results", "none given", "at least one result name")
    return out


def check_params(names) -> list[str]:
    out = []
    for name in names:
        sampling.numeric_spec(name)
        if name not in out:
            out.append(name)
    return out


def base_inputs(aset, overrides: Mapping | None) -> dict:
    """The set's SI inputs, with its schedules, and scalar ``overrides`` (Quantities or choice
    strings) applied (a plain override replaces a schedule, as in :func:`evaluate`)."""
    s = dict(aset.si())
    plans = dict(aset.schedules()) if hasattr(aset, "schedules") else {}
    params = catalogue.parameters()
    for name, value in (overrides or {}).items():
        if name not in params:
            raise InputError(f"override '{name}'", "unknown parameter" + params.hint(name))
        v = convert_input(params[name], value, "override")
        if np.ndim(v):
            raise InputError(f"override '{name}'", "is an array",
                             "a single value (vary parameters through the analysis instead)")
        s[name] = v
        plans.pop(name, None)
    if plans:
        s[SCHEDULES] = plans
    return s


def uncertain(aset) -> list[str]:
    return [name for name, a in aset.items() if a.distribution is not None]


def distributions(aset, params, ranges) -> list[sampling.SIDistribution]:
    """Distributions of ``params``: an explicit range wins, else the file's distribution.
    Without ``params``: the parameters of ``ranges`` if given, else every parameter with a
    distribution in the set."""
    ranges = dict(ranges or {})
    names = check_params(list(params) if params is not None else
                          list(ranges) if ranges else uncertain(aset))
    if not names:
        raise InputError(aset.name, "no parameter has a distribution",
                         "distributions in the assumption file, or params=/ranges=")
    out = []
    for name in names:
        if name in ranges:
            r = ranges[name]
            if isinstance(r, sampling.SIDistribution):
                out.append(r)
                continue
            if not isinstance(r, (tuple, list)) or len(r) not in (2, 3):
                raise InputError(f"range of '{name}'", f"got {r!r}",
                                 "(low, high) or (low, high, 'linear'|'log')")
            out.append(sampling.from_range(name, r[0], r[1], r[2] if len(r) == 3 else None))
        else:
            out.append(sampling.from_assumption(aset, name))
    return out


def outputs(res, names: list[str], n: int) -> dict:
    """SI arrays of length n for each result (constant results broadcast)."""
    return {name: np.broadcast_to(np.asarray(res.si(name), dtype=float), (n,)) for name in names}


def display(name: str, si) -> np.ndarray:
    return np.asarray(si, dtype=float) / catalogue.results()[name].si_factor


class GridTask:
    """Evaluate the model at given input arrays (rows start … stop)."""

    def __init__(self, base, columns: dict, results):
        self.base, self.columns, self.results = base, columns, results

    def __call__(self, a, b):
        s = dict(self.base)
        for name, values in self.columns.items():
            s[name] = values[a:b]
        return outputs(evaluate_si(s), self.results, b - a)


class SampleTask:
    """Draw samples start … stop from the distributions and evaluate the model."""

    def __init__(self, base, dists, seed, n, method, results, threshold_of=None,
                 keep_values=False):
        self.base, self.dists, self.seed, self.n = base, dists, seed, n
        self.method, self.results = method, results
        self.threshold_of = threshold_of or {}
        self.keep_values = keep_values

    def inputs(self, a, b) -> dict:
        s = dict(self.base)
        s.update(sampling.draw(self.dists, self.seed, a, b, self.n, self.method))
        return s

    def __call__(self, a, b):
        out = outputs(evaluate_si(self.inputs(a, b)), self.results, b - a)
        sketches = {k: Sketch.of(v, self.threshold_of.get(k)) for k, v in out.items()}
        return sketches, ({k: np.array(v) for k, v in out.items()} if self.keep_values else None)


def concat(total: dict, part: dict) -> dict:
    for k, v in part.items():
        total[k] = np.concatenate([total[k], v])
    return total


def frame(inputs: dict, outputs: dict, attrs: dict | None = None):
    import pandas as pd

    data = {param_column(k): np.asarray(v) / catalogue.parameters()[k].si_factor
            for k, v in inputs.items()}
    data.update({result_column(k): display(k, v) for k, v in outputs.items()})
    df = pd.DataFrame(data)
    df.attrs.update(attrs or {})
    return df


def check_seed(seed) -> int:
    """A seed every random source here accepts (numpy, scipy's Sobol', SALib's seed + 1)."""
    try:
        value = int(seed)
        if value != seed:
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise InputError("seed", f"{seed!r}", "a whole number from 0 to 4294967294") from None
    if not 0 <= value < 2 ** 32 - 1:
        raise InputError("seed", f"{value}", "a whole number from 0 to 4294967294")
    return value


def check_n(n, high: int = MAX_DRAWS, engine: str = "numpy") -> int:
    """``n`` draws within the engine's limit (10⁹ on dask, 10⁸ in one process)."""
    return whole_number(n, "n", 2, MAX_DRAWS_DASK if engine == "dask" else high)


def column_quantity(df, name: str, row=None):
    """The values of column ``name`` (a result or parameter name, or a full ``name [unit]``
    label) as a pint Quantity in the column's unit: units back on after any table or dask
    reduction. ``row``: a row label (e.g. ``"P50"``) for one value."""
    label = name if name in df.columns else next(
        (c for c in df.columns if c.split(" [", 1)[0] == name), None)
    if label is None or not label.endswith("]"):
        raise InputError("column", f"no column '{name}'", "one of " + ", ".join(df.columns))
    unit_text = label.rsplit(" [", 1)[1][:-1]
    values = df[label] if row is None else df.loc[row, label]
    return units.ureg.Quantity(np.asarray(values, dtype=float),
                               units.ureg.Unit("" if unit_text == "1" else unit_text))
