"""The break-even solvers over arrays of the other inputs: a grid (as a sweep) or draws (as a
Monte Carlo), each answer with its status in words."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..compare.solvers import SOLVERS, STATUS
from ..core.errors import InputError
from ..core.spec import did_you_mean
from .common import result_column
from .montecarlo import monte_carlo_samples
from .sweep import sweep


def solvers() -> dict:
    """The model's "what must be true" solvers: ``{result: status result}``."""
    return dict(SOLVERS)


def solve(aset, solver: str = "compare.breakeven_price_per_kg", *, over: Mapping | None = None,
          n: int | None = None, seed: int = 0, params: Sequence[str] | None = None,
          ranges: Mapping | None = None, method: str = "random",
          overrides: Mapping | None = None, chunk_size: int | None = None,
          engine: str = "numpy", scheduler=None, progress: bool = False):
    """Break-even and "what must be true" answers over arrays of the other inputs.

    The solvers are the comparison's own (:mod:`orbital.compare.solvers`): exact, vectorised, with a
    status saying why there is no answer where there is none. ``solver`` is one of
    :func:`solvers` (break-even launch price, required kW per tonne, required satellite $/W).
    Give either ``over={name: values}`` (one or two parameters, as :func:`sweep`: values as a
    Quantity array, numbers in the declared unit, or None for the distribution's span) or
    ``n`` draws from the distributions (as :func:`monte_carlo_samples`). Returns one row per
    case: the varied inputs, the answer, ``status`` and ``reason``.
    """
    table = solvers()
    if solver not in table:
        raise InputError(f"solver '{solver}'", "unknown solver" + did_you_mean(
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
    codes = df.pop(result_column(status)).to_numpy()
    df["status"] = codes.astype(int)
    df["reason"] = [STATUS[int(c)] for c in codes]
    df.attrs.update({"analysis": "solve", "solver": solver,
                     "solved_share": float(np.mean(codes == 0))})
    return df


