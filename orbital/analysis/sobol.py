"""Sobol' indices: SALib's Saltelli design, the model in chunks, SALib's analysis, seeded."""
from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence

import numpy as np

from ..compare.timeline import NEVER_YEARS
from ..core.errors import InputError
from ..model.evaluate import evaluate_si
from .common import (
    base_inputs,
    check_results,
    check_seed,
    concat,
    distributions,
    outputs,
)
from .engine import check_engine, run_chunks
from .limits import MAX_DESIGN_BYTES, MAX_SOBOL_N, whole_number

#: Default base sample size of :func:`sobol` (model runs: n · (D + 2)). With the default
#: assumption set's ~60 uncertain inputs this resolves the leading indices to ±0.05.
DEFAULT_SOBOL_N = 2 ** 12


class SobolConvergenceWarning(UserWarning):
    """Sobol' confidence intervals are too wide to trust the indices or their ranking."""


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
        y = self.f(self.design[a:b])
        if isinstance(y, tuple):  # (values, never): a year result with its "never" runs
            return {"y": np.asarray(y[0], dtype=float), "never": np.asarray(y[1], dtype=bool)}
        return {"y": np.asarray(y, dtype=float)}


class _ModelOnCube:
    """Map unit-cube rows to inputs through the distributions and evaluate one result."""

    def __init__(self, base, dists, result):
        self.base, self.dists, self.result = base, dists, result

    def __call__(self, u):
        s = dict(self.base)
        for j, d in enumerate(self.dists):
            s[d.name] = d.ppf(u[:, j])
        res = evaluate_si(s)
        y = outputs(res, [self.result], len(u))[self.result]
        if self.result not in NEVER_YEARS:
            return y
        # "never within the horizon" (inf) counts as the first year after it
        after = np.broadcast_to(res.si("timeline.year")[..., -1] + 1.0, y.shape)
        never = np.isinf(y)
        return np.where(never, after, y), never


def sobol_function(f, names: Sequence[str], n: int = DEFAULT_SOBOL_N, *, seed: int = 0,
                   num_resamples: int = 100, conf_level: float = 0.95, tol: float = 0.05,
                   chunk_size: int | None = None, engine: str = "numpy", scheduler=None,
                   progress: bool = False, label: str = "y",
                   max_seconds: float | None = None):
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
    n = whole_number(n, "sobol n", 2, MAX_SOBOL_N)
    if n & (n - 1):
        raise InputError("sobol n", f"{n}", "a power of 2 (Sobol' points balance only then), "
                         "e.g. 1024 or 4096")
    check_engine(engine)
    seed = check_seed(seed)
    need = n * (d + 2) * (d + 3) * 8  # the design, plus one result per row
    if need > MAX_DESIGN_BYTES:
        fits = 2 ** int(math.log2(MAX_DESIGN_BYTES / ((d + 2) * (d + 3) * 8)))
        raise InputError("sobol n", f"{n:,} with {d} parameters needs {need / 2**30:,.1f} GiB "
                         "for the design", f"n of at most {fits:,} for {d} parameters (the "
                         f"design is held in memory, at most {MAX_DESIGN_BYTES / 2**30:g} GiB), "
                         "or fewer parameters (--param)")
    design = saltelli_design(n, d, seed)
    out = run_chunks(_DesignTask(design, f), len(design), concat, chunk_size=chunk_size,
                      engine=engine, scheduler=scheduler, progress=progress, desc="Sobol",
                      max_seconds=max_seconds)
    y = out["y"]
    never = out.get("never")
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
    if never is not None:
        df.attrs.update({"p_never": float(never.mean()),
                         "never_as": "the first year after the horizon"})
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
          engine: str = "numpy", scheduler=None, progress: bool = False,
          max_seconds: float | None = None):
    """First-order (S1) and total (ST) Sobol' indices of ``result`` with confidence intervals.

    Inputs are the parameters with distributions (or ``params``/``ranges``; a range over
    decades of a ``log_scale`` parameter is sampled log-uniformly), each drawn through its
    (truncated) inverse CDF from SALib's Saltelli design of ``n`` base points (a power of 2;
    n·(D+2) model runs). Rows are parameters, highest total index first; ``attrs`` holds
    ``converged`` and ``widest_interval``; a :class:`SobolConvergenceWarning` says when the
    intervals are wider than ±``tol`` and what ``n`` would do.
    """
    [rname] = check_results(result)
    dists = distributions(aset, params, ranges)
    f = _ModelOnCube(base_inputs(aset, overrides), dists, rname)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SobolConvergenceWarning)
        df = sobol_function(f, [d.name for d in dists], n, seed=seed,
                            num_resamples=num_resamples, conf_level=conf_level, tol=tol,
                            chunk_size=chunk_size, engine=engine, scheduler=scheduler,
                            progress=progress, label=rname, max_seconds=max_seconds)
    for w in caught:
        warnings.warn(w.message, stacklevel=2)
    df.attrs.update({"result": rname, "assumption_set": aset.name})
    return df


