"""Sensitivity analyses and sweeps: which assumptions decide the answer, how uncertain it is,
and where the break-even lies.

>>> import orbital
>>> from orbital import analysis
>>> base = orbital.load("default")
>>> analysis.tornado(base, "compare.cost_ratio")                      # doctest: +SKIP
>>> analysis.monte_carlo(base, n=100_000, seed=1)                     # doctest: +SKIP
>>> analysis.sobol(base, "compare.cost_ratio", n=4096, seed=1)        # doctest: +SKIP
>>> analysis.sweep(base, "launch.price_per_kg", orbital.Q_([100, 1000], "USD/kg"),
...                y="power.specific_power", y_values=orbital.Q_([20, 100], "kW/t"))  # doctest: +SKIP
>>> analysis.solve(base, "compare.breakeven_price_per_kg", n=10_000)  # doctest: +SKIP

Every analysis builds one set of N-long SI input arrays and evaluates the model once per chunk
(never once per sample); ``engine="dask"`` runs the same chunks on a dask cluster with
streaming reductions. Heavy libraries (pandas, scipy, SALib, dask) load only when an analysis
runs, so importing :mod:`orbital` stays fast.
"""
from __future__ import annotations

from .common import column_quantity, default_result
from .engine import DEFAULT_CHUNK, ENGINES, QUANTILE_RTOL, Sketch
from .montecarlo import monte_carlo, monte_carlo_samples
from .sampling import BLOCK, METHODS, SIDistribution, from_assumption, from_range
from .sobol import (
           DEFAULT_SOBOL_N,
           SobolConvergenceWarning,
           saltelli_design,
           sobol,
           sobol_function,
)
from .solve import solve, solvers
from .sweep import pivot, span, sweep
from .tornado import tornado

__all__ = ["BLOCK", "DEFAULT_CHUNK", "DEFAULT_SOBOL_N", "ENGINES", "METHODS", "QUANTILE_RTOL",
           "SIDistribution", "Sketch", "SobolConvergenceWarning", "column_quantity",
           "default_result", "from_assumption", "from_range", "monte_carlo",
           "monte_carlo_samples", "pivot", "saltelli_design", "sobol", "sobol_function", "solve",
           "solvers", "span", "sweep", "tornado"]
