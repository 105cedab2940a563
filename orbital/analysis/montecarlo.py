"""Monte Carlo: every uncertain input drawn from its distribution, the results summarised
(streaming sketches, exact quantiles where every value is kept), seeded and reproducible."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from ..core.errors import InputError
from ..model import catalogue
from ..model.evaluate import evaluate_si
from . import sampling
from .common import (
    SampleTask,
    base_inputs,
    check_n,
    check_results,
    check_seed,
    concat,
    distributions,
    frame,
    outputs,
    result_column,
)
from .engine import QUANTILE_RTOL, check_engine, chunks, run_chunks

#: Monte Carlo quantiles reported.
QUANTILES = {"P10": 0.10, "P50": 0.50, "P90": 0.90}


def _merge_mc(total, part):
    sk, vals = total
    for k, s in part[0].items():
        sk[k].merge(s)
    if vals is not None:
        concat(vals, part[1])
    return total


def monte_carlo(aset, results=None, *, n: int = 100_000, seed: int = 0,
                params: Sequence[str] | None = None, ranges: Mapping | None = None,
                method: str = "random", engine: str = "numpy", scheduler=None,
                chunk_size: int | None = None, exact_limit: int = 2 ** 24,
                overrides: Mapping | None = None, progress: bool = False,
          max_seconds: float | None = None):
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
    NaN results per column. ``max_seconds``: refuse, after the first chunk, a run estimated to
    take longer (numpy engine).
    """
    names = check_results(results)
    n = check_n(n, engine=engine)
    seed = check_seed(seed)
    if method not in sampling.METHODS:
        raise InputError("method", f"{method!r}", "one of " + ", ".join(sampling.METHODS))
    check_engine(engine)
    dists = distributions(aset, params, ranges)
    base = base_inputs(aset, overrides)
    has_compare = "compare.cost_ratio" in catalogue.results()
    evaluated = names + (["compare.cost_ratio"] if has_compare and
                         "compare.cost_ratio" not in names else [])
    limits = [spec.name for spec in catalogue.limits() if spec.name not in evaluated]
    evaluated = evaluated + limits  # how often each limit binds over the draws
    threshold = {"compare.cost_ratio": 1.0} if has_compare else {}
    keep = engine == "numpy" and n <= exact_limit
    task = SampleTask(base, dists, int(seed), n, method, evaluated, threshold, keep)
    sketches, values = run_chunks(task, n, _merge_mc, chunk_size=chunk_size, engine=engine,
                                   scheduler=scheduler, progress=progress, desc="Monte Carlo",
                                   max_seconds=max_seconds)
    import pandas as pd

    stats = ["mean", "sd", "min", *QUANTILES, "max"]
    data = {}
    never = {}
    for name in names:
        sk = sketches[name]
        f = catalogue.results()[name].si_factor
        if keep:
            v = values[name]
            v = v[~np.isnan(v)]
            # order statistics, as the sketch: an infinite draw ("never") sorts after every
            # year and is never interpolated with one
            qs = (np.quantile(v, list(QUANTILES.values()), method="lower") if v.size
                  else [math.nan] * 3)
        else:
            qs = [sk.quantile(q) for q in QUANTILES.values()]
        infinite = sk.n - sk.n_nan - sk.n_finite
        mean, sd = (sk.mean, sk.sd) if not infinite else (
            math.inf if sk.max == math.inf else -math.inf, math.nan)
        col = [mean, sd, sk.min, *qs, sk.max]
        data[result_column(name)] = [c / f for c in col]
        never[result_column(name)] = infinite / (sk.n - sk.n_nan) if sk.n > sk.n_nan else 0.0
    df = pd.DataFrame(data, index=stats)
    if any(never.values()):  # e.g. a crossover year that never comes within the horizon
        df.loc["P(never)"] = never
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
        "quantile_rtol": 0.0 if keep else QUANTILE_RTOL,
        "p_space_beats_ground": p,
        "p_never": {k: v for k, v in never.items() if v},
        "binding": {k: sketches[k].mean for k in limits + [n for n in names if n in limits]
                    if sketches[k].n_finite and sketches[k].mean > 0},
        "nan": {result_column(k): sketches[k].n_nan for k in names},
        "histograms": {result_column(k): _histdisplay(k, sketches[k]) for k in names},
        "truncated": [d.name for d in dists if d.truncated],
        "point": {result_column(k): float(v) for k, v in point_values(base, names).items()},
        "off_centre": off_centre(base, dists),
    })
    return df


def point_values(base: dict, names: list[str]) -> dict:
    """Each result at the set's own values (the point estimate), in its declared unit."""
    res = evaluate_si(base)
    return {k: float(np.asarray(res.si(k), dtype=float).ravel()[0])
            / catalogue.results()[k].si_factor for k in names}


def off_centre(base: dict, dists) -> list[dict]:
    """The drawn parameters whose value is not the centre of their distribution: outside it
    (``inside`` False) or off its median by more than a tenth of its low–high spread. These are
    why the Monte Carlo's P50 can sit far from the point estimate."""
    out = []
    for d in dists:
        v = float(base[d.name])
        median = float(d.ppf(np.array([0.5]))[0])
        lo, hi = d.bounds()
        inside = d.lo <= v <= d.hi
        if not inside or abs(v - median) > 0.1 * abs(hi - lo):
            f = catalogue.parameters()[d.name].si_factor
            out.append({"parameter": d.name, "value": v / f, "median": median / f,
                        "low": lo / f, "high": hi / f, "inside": inside})
    return out


def _histdisplay(name, sketch):
    counts, edges = sketch.histogram()
    return counts, edges / catalogue.results()[name].si_factor


def monte_carlo_samples(aset, results=None, *, n: int = 10_000, seed: int = 0,
                        params: Sequence[str] | None = None, ranges: Mapping | None = None,
                        method: str = "random", overrides: Mapping | None = None,
                        max_rows: int = 2 ** 24):
    """The individual draws behind :func:`monte_carlo` (same seed, same draws): one row per
    sample with every drawn input and each result as ``name [unit]`` columns."""
    names = check_results(results)
    n = check_n(n)
    seed = check_seed(seed)
    if n > max_rows:
        raise InputError("n", f"{n:,} rows", f"at most {max_rows:,} (use monte_carlo for a "
                         "summary of more draws)")
    dists = distributions(aset, params, ranges)
    task = SampleTask(base_inputs(aset, overrides), dists, int(seed), n, method, names)
    parts_in, parts_out = [], []
    for a, b in chunks(n):
        s = task.inputs(a, b)
        parts_in.append({d.name: s[d.name] for d in dists})
        parts_out.append(outputs(evaluate_si(s), names, b - a))
    inputs = {d.name: np.concatenate([p[d.name] for p in parts_in]) for d in dists}
    results_si = {k: np.concatenate([p[k] for p in parts_out]) for k in names}
    return frame(inputs, results_si, {"analysis": "monte_carlo_samples", "seed": int(seed),
                                    "method": method, "assumption_set": aset.name})


