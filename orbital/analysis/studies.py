"""The analyses: sweep, tornado, Monte Carlo, Sobol' indices and the break-even solvers.

Each one builds one set of N-long SI input arrays (the assumption set's SI values, with the
varied entries replaced by arrays) and calls :func:`orbital.model.evaluate_si` once per chunk;
there is no Python loop over samples. Tables are pandas DataFrames whose columns are named
``name [unit]`` (results in their display unit, inputs in their declared unit).
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence

import numpy as np

from .. import schema
from ..errors import InputError
from ..model import convert_input, evaluate_si
from ..units import format_unit
from . import engine as _engine
from . import sampling

#: Default base sample size of :func:`sobol` (model runs: n · (D + 2)). With the default
#: assumption set's ~60 uncertain inputs this resolves the leading indices to ±0.05.
DEFAULT_SOBOL_N = 2 ** 12

#: The most points a sweep evaluates (x points × y points): a table that still fits in memory.
MAX_SWEEP_POINTS = 10_000_000

#: Monte Carlo quantiles reported.
QUANTILES = {"P10": 0.10, "P50": 0.50, "P90": 0.90}


class SobolConvergenceWarning(UserWarning):
    """Sobol' confidence intervals are too wide to trust the indices or their ranking."""


# ----------------------------------------------------------------------------- names

def column(name: str, unit_text: str) -> str:
    """The column label ``name [unit]``."""
    return f"{name} [{format_unit(unit_text or '1')}]"


def result_column(name: str) -> str:
    return column(name, schema.results()[name].unit)


def param_column(name: str) -> str:
    return column(name, schema.parameters()[name].unit)


def default_result() -> str:
    """``compare.cost_ratio`` when the ground-vs-space comparison is in the model, else
    ``buildout.final_installed_power``."""
    return "compare.cost_ratio" if "compare.cost_ratio" in schema.results() else \
        "buildout.final_installed_power"


def _check_results(results) -> list[str]:
    if results is None:
        return [default_result()]
    if isinstance(results, str):
        results = [results]
    specs = schema.results()
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


def _check_params(names) -> list[str]:
    out = []
    for name in names:
        sampling.numeric_spec(name)
        if name not in out:
            out.append(name)
    return out


def _base(aset, overrides: Mapping | None) -> dict:
    """The set's SI inputs with scalar ``overrides`` (Quantities or choice strings) applied."""
    s = dict(aset.si())
    params = schema.parameters()
    for name, value in (overrides or {}).items():
        if name not in params:
            raise InputError(f"override '{name}'", "unknown parameter" + params.hint(name))
        v = convert_input(params[name], value, "override")
        if np.ndim(v):
            raise InputError(f"override '{name}'", "is an array",
                             "a single value (vary parameters through the analysis instead)")
        s[name] = v
    return s


def _uncertain(aset) -> list[str]:
    return [name for name, a in aset.items() if a.distribution is not None]


def _dists(aset, params, ranges) -> list[sampling.SIDistribution]:
    """Distributions of ``params``: an explicit range wins, else the file's distribution.
    Without ``params``: the parameters of ``ranges`` if given, else every parameter with a
    distribution in the set."""
    ranges = dict(ranges or {})
    names = _check_params(list(params) if params is not None else
                          list(ranges) if ranges else _uncertain(aset))
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


def _outputs(res, names: list[str], n: int) -> dict:
    """SI arrays of length n for each result (constant results broadcast)."""
    return {name: np.broadcast_to(np.asarray(res.si(name), dtype=float), (n,)) for name in names}


def _display(name: str, si) -> np.ndarray:
    return np.asarray(si, dtype=float) / schema.results()[name].si_factor


# ----------------------------------------------------------------------------- tasks

class _GridTask:
    """Evaluate the model at given input arrays (rows start … stop)."""

    def __init__(self, base, columns: dict, results):
        self.base, self.columns, self.results = base, columns, results

    def __call__(self, a, b):
        s = dict(self.base)
        for name, values in self.columns.items():
            s[name] = values[a:b]
        return _outputs(evaluate_si(s), self.results, b - a)


class _SampleTask:
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
        out = _outputs(evaluate_si(self.inputs(a, b)), self.results, b - a)
        sketches = {k: _engine.Sketch.of(v, self.threshold_of.get(k)) for k, v in out.items()}
        return sketches, ({k: np.array(v) for k, v in out.items()} if self.keep_values else None)


def _concat(total: dict, part: dict) -> dict:
    for k, v in part.items():
        total[k] = np.concatenate([total[k], v])
    return total


def _merge_mc(total, part):
    sk, vals = total
    for k, s in part[0].items():
        sk[k].merge(s)
    if vals is not None:
        _concat(vals, part[1])
    return total


# ----------------------------------------------------------------------------- sweep

def span(name: str, low=None, high=None, num: int = 21, scale: str | None = None,
         aset=None) -> np.ndarray:
    """``num`` values [SI] of parameter ``name`` from ``low`` to ``high`` (Quantities, or numbers
    in the declared unit), linear or log spaced. Without low/high, the span of the parameter's
    distribution in ``aset`` (support, or P5–P95). ``scale=None``: log for parameters marked
    ``log_scale`` whose span covers a factor of 10 or more."""
    [name] = _check_params([name])
    spec = schema.parameters()[name]
    if low is None or high is None:
        if aset is None:
            raise InputError(f"sweep of '{name}'", "no low/high given", "low= and high=")
        lo_si, hi_si = sampling.from_assumption(aset, name).bounds()
        low = lo_si / spec.si_factor if low is None else low
        high = hi_si / spec.si_factor if high is None else high
    d = sampling.from_range(name, low, high, scale)
    num = int(num)
    if num < 2 or num > MAX_SWEEP_POINTS:
        raise InputError(f"sweep of '{name}'", f"{num:,} points",
                         f"from 2 to {MAX_SWEEP_POINTS:,}")
    if d.kind == "loguniform":
        return np.geomspace(d.lo, d.hi, num)
    return np.linspace(d.lo, d.hi, num)


def _values_si(name: str, values, aset, num, scale) -> np.ndarray:
    [name] = _check_params([name])
    spec = schema.parameters()[name]
    if values is None:
        return span(name, num=num, scale=scale, aset=aset)
    if hasattr(values, "_REGISTRY"):
        arr = np.atleast_1d(convert_input(spec, values, "sweep"))
    else:
        arr = np.atleast_1d(np.asarray(values, dtype=float)) * spec.si_factor
        problem = spec.check_range_si(arr)
        if problem:
            raise InputError(f"sweep of '{name}'", problem, spec.range_text())
    if arr.ndim != 1 or arr.size == 0:
        raise InputError(f"sweep of '{name}'", f"values of shape {arr.shape}",
                         "a non-empty 1-D list of values")
    return arr.astype(float)


def sweep(aset, x: str, values=None, *, y: str | None = None, y_values=None, results=None,
          num: int = 21, y_num: int | None = None, scale: str | None = None,
          y_scale: str | None = None, overrides: Mapping | None = None,
          chunk_size: int | None = None, engine: str = "numpy", scheduler=None,
          progress: bool = False):
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
    names = _check_results(results)
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
    base = _base(aset, overrides)
    out = _engine.run(_GridTask(base, cols, names), n, _concat, chunk_size=chunk_size,
                      engine=engine, scheduler=scheduler, progress=progress, desc="sweep")
    return _table(cols, {k: np.asarray(v) for k, v in out.items()},
                  attrs={"analysis": "sweep", "x": x, "y": y, "assumption_set": aset.name})


def _table(inputs: dict, outputs: dict, attrs: dict | None = None):
    import pandas as pd

    data = {param_column(k): np.asarray(v) / schema.parameters()[k].si_factor
            for k, v in inputs.items()}
    data.update({result_column(k): _display(k, v) for k, v in outputs.items()})
    df = pd.DataFrame(data)
    df.attrs.update(attrs or {})
    return df


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


# ----------------------------------------------------------------------------- tornado

def tornado(aset, result: str | None = None, *, params: Sequence[str] | None = None,
            ranges: Mapping | None = None, overrides: Mapping | None = None):
    """Each parameter from its low to its high with the others at their values, ranked by the
    swing in ``result``.

    ``params``: which parameters (default: those of ``ranges`` if given, else every one with a
    distribution).
    ``ranges``: ``{name: (low, high)}`` (Quantities or numbers in the declared unit) instead of
    the file's distribution, whose low/high is the support (uniform, triangular, log-uniform)
    or P5/P95 (normal, lognormal). One model call evaluates all 2·D cases.
    Columns: ``parameter``, ``unit``, ``low``, ``high`` (the input in its declared unit), the
    result at low and at high, and ``swing`` = |high − low|, largest first.
    """
    [rname] = _check_results(result)
    dists = _dists(aset, params, ranges)
    base = _base(aset, overrides)
    k = len(dists)
    cols = {}
    lows, highs = [], []
    for i, d in enumerate(dists):
        lo, hi = d.bounds() if (ranges is None or d.name not in ranges) else (d.lo, d.hi)
        lows.append(lo)
        highs.append(hi)
        arr = np.full(2 * k + 1, base[d.name], dtype=float)
        arr[2 * i], arr[2 * i + 1] = lo, hi
        cols[d.name] = arr
    s = dict(base)
    s.update(cols)
    y = _display(rname, _outputs(evaluate_si(s), [rname], 2 * k + 1)[rname])
    import pandas as pd

    rspec = schema.results()[rname]
    unit = format_unit(rspec.unit)
    rows = []
    for i, d in enumerate(dists):
        spec = schema.parameters()[d.name]
        at_lo, at_hi = y[2 * i], y[2 * i + 1]
        rows.append({"parameter": d.name, "unit": format_unit(spec.unit),
                     "low": lows[i] / spec.si_factor, "high": highs[i] / spec.si_factor,
                     f"{rname} at low [{unit}]": at_lo, f"{rname} at high [{unit}]": at_hi,
                     f"swing [{unit}]": abs(at_hi - at_lo)})
    df = pd.DataFrame(rows).sort_values(f"swing [{unit}]", ascending=False, kind="stable")
    df = df.reset_index(drop=True)
    df.attrs.update({"analysis": "tornado", "result": rname, "base": float(y[-1]),
                     "unit": unit, "assumption_set": aset.name})
    return df


# ----------------------------------------------------------------------------- Monte Carlo

def monte_carlo(aset, results=None, *, n: int = 100_000, seed: int = 0,
                params: Sequence[str] | None = None, ranges: Mapping | None = None,
                method: str = "random", engine: str = "numpy", scheduler=None,
                chunk_size: int | None = None, exact_limit: int = 2 ** 24,
                overrides: Mapping | None = None, progress: bool = False):
    """Draw every uncertain input from its distribution and summarise the results.

    ``params``: the inputs to draw (default: every parameter with a distribution in the set,
    ground side too). ``method``: ``"random"`` or ``"lhs"`` (a Latin hypercube within each
    block of :data:`~orbital.analysis.sampling.BLOCK` samples). Seeded and reproducible: the
    same seed gives the same draws whatever the chunk size or engine.

    Returns a table with one column per result (``name [unit]``) and rows ``mean``, ``sd``,
    ``min``, ``P10``, ``P50``, ``P90``, ``max``; when the comparison is in the model also a row
    ``P(space beats ground)`` (the share of draws with ``compare.cost_ratio`` < 1, in that
    column). Quantiles are exact when the numpy engine keeps every value (``n ≤ exact_limit``);
    otherwise (and always on dask) they come from the streaming sketch, within
    ``attrs["quantile_rtol"]`` (≈ 0.11 %) of the exact sample quantile. ``attrs`` also holds
    ``p_space_beats_ground``, ``n``, ``seed``, ``method``, ``engine``, ``params`` and the count of
    NaN results per column.
    """
    names = _check_results(results)
    n = _check_n(n)
    seed = _check_seed(seed)
    if method not in sampling.METHODS:
        raise InputError("method", f"{method!r}", "one of " + ", ".join(sampling.METHODS))
    _engine.check_engine(engine)
    dists = _dists(aset, params, ranges)
    base = _base(aset, overrides)
    has_compare = "compare.cost_ratio" in schema.results()
    evaluated = names + (["compare.cost_ratio"] if has_compare and
                         "compare.cost_ratio" not in names else [])
    threshold = {"compare.cost_ratio": 1.0} if has_compare else {}
    keep = engine == "numpy" and n <= exact_limit
    task = _SampleTask(base, dists, int(seed), n, method, evaluated, threshold, keep)
    sketches, values = _engine.run(task, n, _merge_mc, chunk_size=chunk_size, engine=engine,
                                   scheduler=scheduler, progress=progress, desc="Monte Carlo")
    import pandas as pd

    stats = ["mean", "sd", "min", *QUANTILES, "max"]
    data = {}
    for name in names:
        sk = sketches[name]
        f = schema.results()[name].si_factor
        if keep:
            v = values[name]
            v = v[~np.isnan(v)]
            qs = np.quantile(v, list(QUANTILES.values())) if v.size else [math.nan] * 3
        else:
            qs = [sk.quantile(q) for q in QUANTILES.values()]
        col = [sk.mean, sk.sd, sk.min, *qs, sk.max]
        data[result_column(name)] = [c / f for c in col]
    df = pd.DataFrame(data, index=stats)
    p = None
    if has_compare:
        sk = sketches["compare.cost_ratio"]
        p = sk.below / (sk.n - sk.n_nan) if sk.n > sk.n_nan else math.nan
        if "compare.cost_ratio" in names:
            row = {c: math.nan for c in df.columns}
            row[result_column("compare.cost_ratio")] = p
            df.loc["P(space beats ground)"] = row
    df.attrs.update({
        "analysis": "monte_carlo", "assumption_set": aset.name, "n": n, "seed": int(seed),
        "method": method, "engine": engine, "params": [d.name for d in dists],
        "quantiles": "exact" if keep else "sketch",
        "quantile_rtol": 0.0 if keep else _engine.QUANTILE_RTOL,
        "p_space_beats_ground": p,
        "nan": {result_column(k): sketches[k].n_nan for k in names},
        "histograms": {result_column(k): _hist_display(k, sketches[k]) for k in names},
        "truncated": [d.name for d in dists if d.truncated],
    })
    return df


def _hist_display(name, sketch):
    counts, edges = sketch.histogram()
    return counts, edges / schema.results()[name].si_factor


def monte_carlo_samples(aset, results=None, *, n: int = 10_000, seed: int = 0,
                        params: Sequence[str] | None = None, ranges: Mapping | None = None,
                        method: str = "random", overrides: Mapping | None = None,
                        max_rows: int = 2 ** 24):
    """The individual draws behind :func:`monte_carlo` (same seed, same draws): one row per
    sample with every drawn input and each result as ``name [unit]`` columns."""
    names = _check_results(results)
    n = _check_n(n)
    seed = _check_seed(seed)
    if n > max_rows:
        raise InputError("n", f"{n:,} rows", f"at most {max_rows:,} (use monte_carlo for a "
                         "summary of more draws)")
    dists = _dists(aset, params, ranges)
    task = _SampleTask(_base(aset, overrides), dists, int(seed), n, method, names)
    parts_in, parts_out = [], []
    for a, b in _engine.chunks(n):
        s = task.inputs(a, b)
        parts_in.append({d.name: s[d.name] for d in dists})
        parts_out.append(_outputs(evaluate_si(s), names, b - a))
    inputs = {d.name: np.concatenate([p[d.name] for p in parts_in]) for d in dists}
    outputs = {k: np.concatenate([p[k] for p in parts_out]) for k in names}
    return _table(inputs, outputs, {"analysis": "monte_carlo_samples", "seed": int(seed),
                                    "method": method, "assumption_set": aset.name})


def _check_seed(seed) -> int:
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


def _check_n(n) -> int:
    try:
        n = int(n)
    except (TypeError, ValueError):
        raise InputError("n", f"{n!r}", "a whole number of samples") from None
    if n < 2:
        raise InputError("n", f"{n}", "at least 2 samples")
    return n


# ----------------------------------------------------------------------------- Sobol'

def saltelli_design(n: int, d: int, seed: int) -> np.ndarray:
    """SALib's Saltelli design without second-order rows, built with numpy: the same matrix
    as ``SALib.sample.sobol.sample(problem, n, calc_second_order=False, seed=seed)`` on the
    unit cube, shape (n·(d+2), d). Rows per base point i: A_i, then A_i with column k from B_i
    for each k, then B_i (A, B: the two halves of a scrambled Sobol' sequence in 2·d
    dimensions)."""
    from scipy.stats import qmc

    base = qmc.Sobol(d=2 * d, scramble=True, seed=seed).random(n)
    a, b = base[:, :d], base[:, d:]
    x = np.repeat(a[:, None, :], d + 2, axis=1)
    k = np.arange(d)
    x[:, 1 + k, k] = b
    x[:, d + 1, :] = b
    return x.reshape(n * (d + 2), d)


class _DesignTask:
    """Evaluate rows start … stop of a unit-cube design through ``f(u) -> y``."""

    def __init__(self, design, f):
        self.design, self.f = design, f

    def __call__(self, a, b):
        return {"y": np.asarray(self.f(self.design[a:b]), dtype=float)}


class _ModelOnCube:
    """Map unit-cube rows to inputs through the distributions and evaluate one result."""

    def __init__(self, base, dists, result):
        self.base, self.dists, self.result = base, dists, result

    def __call__(self, u):
        s = dict(self.base)
        for j, d in enumerate(self.dists):
            s[d.name] = d.ppf(u[:, j])
        return _outputs(evaluate_si(s), [self.result], len(u))[self.result]


def sobol_function(f, names: Sequence[str], n: int = DEFAULT_SOBOL_N, *, seed: int = 0,
                   num_resamples: int = 100, conf_level: float = 0.95, tol: float = 0.05,
                   chunk_size: int | None = None, engine: str = "numpy", scheduler=None,
                   progress: bool = False, label: str = "y"):
    """First-order and total Sobol' indices of ``f(u) -> y`` on the unit cube ``[0, 1)^D``
    (``u`` of shape (rows, D), one column per name), via SALib: the Saltelli design
    (:func:`saltelli_design`, identical to SALib's sampler), ``f`` evaluated in chunks, then
    ``SALib.analyze.sobol.analyze`` (Saltelli 2010 / Jansen estimators, bootstrap confidence
    intervals), all seeded. Map ``u`` through inverse CDFs inside ``f`` for other input
    distributions. Warns :class:`SobolConvergenceWarning` when an interval is wider than
    ±``tol``. Returns the table of :func:`sobol`.
    """
    names = list(names)
    d = len(names)
    if d < 1:
        raise InputError("sobol", "no parameters", "at least one parameter")
    n = int(n)
    if n < 2 or n & (n - 1):
        raise InputError("sobol n", f"{n}", "a power of 2 (Sobol' points balance only then), "
                         "e.g. 1024 or 4096")
    _engine.check_engine(engine)
    seed = _check_seed(seed)
    design = saltelli_design(n, d, seed)
    out = _engine.run(_DesignTask(design, f), len(design), _concat, chunk_size=chunk_size,
                      engine=engine, scheduler=scheduler, progress=progress, desc="Sobol")
    y = out["y"]
    bad = ~np.isfinite(y)
    if bad.any():
        raise InputError(f"sobol of '{label}'", f"the result is not finite for {int(bad.sum()):,}"
                         f" of {y.size:,} model runs", "a result that stays finite over the "
                         "parameters' ranges (or narrower ranges)")
    if not np.ptp(y) > 0:
        raise InputError(f"sobol of '{label}'", "the result does not vary with the chosen "
                         "parameters", "parameters that the result depends on")
    try:
        from SALib.analyze import sobol as salib_sobol
    except ImportError:  # pragma: no cover - depends on the environment
        raise InputError("sobol", "SALib is not installed",
                         "pip install 'orbital[analysis]'") from None
    problem = {"num_vars": d, "names": names, "bounds": [[0.0, 1.0]] * d}
    # SALib treats seed 0 as "unseeded"; shift so every seed of ours is a real seed
    si = salib_sobol.analyze(problem, y, calc_second_order=False, num_resamples=num_resamples,
                             conf_level=conf_level, seed=int(seed) + 1)
    import pandas as pd

    df = pd.DataFrame({"parameter": names, "S1 [1]": si["S1"], "S1_conf [1]": si["S1_conf"],
                       "ST [1]": si["ST"], "ST_conf [1]": si["ST_conf"]})
    df = df.sort_values("ST [1]", ascending=False, kind="stable").reset_index(drop=True)
    widest = float(np.nanmax(np.r_[si["S1_conf"], si["ST_conf"]]))
    converged = widest <= tol
    df.attrs.update({"analysis": "sobol", "n": n, "evaluations": len(design), "seed": int(seed),
                     "conf_level": conf_level, "widest_interval": widest, "tol": tol,
                     "converged": converged})
    if not converged:
        suggest = 2 ** math.ceil(math.log2(n * (widest / tol) ** 2))
        warnings.warn(SobolConvergenceWarning(
            f"Sobol' indices of {label} have not converged: the widest {conf_level:.0%} "
            f"interval is ±{widest:.3f} (tolerance ±{tol}); rerun with n = {suggest} "
            "(intervals shrink as 1/√n)"), stacklevel=2)
    return df


def sobol(aset, result: str | None = None, *, n: int = DEFAULT_SOBOL_N, seed: int = 0,
          params: Sequence[str] | None = None, ranges: Mapping | None = None,
          num_resamples: int = 100, conf_level: float = 0.95, tol: float = 0.05,
          overrides: Mapping | None = None, chunk_size: int | None = None,
          engine: str = "numpy", scheduler=None, progress: bool = False):
    """First-order (S1) and total (ST) Sobol' indices of ``result`` with confidence intervals.

    Inputs are the parameters with distributions (or ``params``/``ranges``; a range over
    decades of a ``log_scale`` parameter is sampled log-uniformly), each drawn through its
    (truncated) inverse CDF from SALib's Saltelli design of ``n`` base points (a power of 2;
    n·(D+2) model runs). Rows are parameters, highest total index first; ``attrs`` holds
    ``converged`` and ``widest_interval``; a :class:`SobolConvergenceWarning` says when the
    intervals are wider than ±``tol`` and what ``n`` would do.
    """
    [rname] = _check_results(result)
    dists = _dists(aset, params, ranges)
    f = _ModelOnCube(_base(aset, overrides), dists, rname)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SobolConvergenceWarning)
        df = sobol_function(f, [d.name for d in dists], n, seed=seed,
                            num_resamples=num_resamples, conf_level=conf_level, tol=tol,
                            chunk_size=chunk_size, engine=engine, scheduler=scheduler,
                            progress=progress, label=rname)
    for w in caught:
        warnings.warn(w.message, stacklevel=2)
    df.attrs.update({"result": rname, "assumption_set": aset.name})
    return df


# ----------------------------------------------------------------------------- solvers

def solvers() -> dict:
    """The model's "what must be true" solvers: ``{result: status result}`` (empty when the
    ground-vs-space comparison is not in the model)."""
    try:
        from .. import compare
    except ImportError:  # pragma: no cover - the comparison is part of the model
        return {}
    return dict(getattr(compare, "SOLVERS", {}))


def solve(aset, solver: str = "compare.breakeven_price_per_kg", *, over: Mapping | None = None,
          n: int | None = None, seed: int = 0, params: Sequence[str] | None = None,
          ranges: Mapping | None = None, method: str = "random",
          overrides: Mapping | None = None, chunk_size: int | None = None,
          engine: str = "numpy", scheduler=None, progress: bool = False):
    """Break-even and "what must be true" answers over arrays of the other inputs.

    The solvers are the comparison's own (:mod:`orbital.compare`): exact, vectorised, with a
    status saying why there is no answer where there is none. ``solver`` is one of
    :func:`solvers` (break-even launch price, required kW per tonne, required satellite $/W).
    Give either ``over={name: values}`` (one or two parameters, as :func:`sweep`: values as a
    Quantity array, numbers in the declared unit, or None for the distribution's span) or
    ``n`` draws from the distributions (as :func:`monte_carlo_samples`). Returns one row per
    case: the varied inputs, the answer, ``status`` and ``reason``.
    """
    table = solvers()
    if solver not in table:
        raise InputError(f"solver '{solver}'", "unknown solver" + schema.did_you_mean(
            solver, table) if table else "the ground-vs-space comparison is not in the model",
            "one of " + ", ".join(table) if table else None)
    status = table[solver]
    if (over is None) == (n is None):
        raise InputError("solve", "give either over= (a grid) or n= (draws)", None)
    if over is not None:
        over = dict(over)
        if not 1 <= len(over) <= 2:
            raise InputError("solve over", f"{len(over)} parameters", "one or two")
        keys = list(over)
        df = sweep(aset, keys[0], over[keys[0]], y=keys[1] if len(keys) == 2 else None,
                   y_values=over[keys[1]] if len(keys) == 2 else None,
                   results=[solver, status], overrides=overrides, chunk_size=chunk_size,
                   engine=engine, scheduler=scheduler, progress=progress)
    else:
        df = monte_carlo_samples(aset, [solver, status], n=n, seed=seed, params=params,
                                 ranges=ranges, method=method, overrides=overrides)
    from .. import compare

    codes = df.pop(result_column(status)).to_numpy()
    df["status"] = codes.astype(int)
    df["reason"] = [compare.STATUS[int(c)] for c in codes]
    df.attrs.update({"analysis": "solve", "solver": solver,
                     "solved_share": float(np.mean(codes == 0))})
    return df


def column_quantity(df, name: str, row=None):
    """The values of column ``name`` (a result or parameter name, or a full ``name [unit]``
    label) as a pint Quantity in the column's unit: units back on after any table or dask
    reduction. ``row``: a row label (e.g. ``"P50"``) for one value."""
    from ..units import ureg

    label = name if name in df.columns else next(
        (c for c in df.columns if c.split(" [", 1)[0] == name), None)
    if label is None or not label.endswith("]"):
        raise InputError("column", f"no column '{name}'", "one of " + ", ".join(df.columns))
    unit_text = label.rsplit(" [", 1)[1][:-1]
    values = df[label] if row is None else df.loc[row, label]
    return ureg.Quantity(np.asarray(values, dtype=float),
                         ureg.Unit("" if unit_text == "1" else unit_text))
