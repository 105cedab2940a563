"""The order in which the model's steps run.

Each module in :data:`MODULES` declares ``PARAMETERS`` and ``RESULTS`` and, if it computes
anything, a pure ``step(s, r)`` that reads SI inputs from ``s`` and earlier SI results from
``r`` and writes its own results into ``r``. A new step joins by being added here, after the
steps whose results it reads (see ARCHITECTURE.md).
"""
from __future__ import annotations

import functools

import numpy as np

from ..compare import budget, comparison, market, timeline
from ..ground import grid, race, site, supply, years
from ..lunar import driver
from ..programme import buildout, finance, learning
from ..space import (array, background, fleet, launch, orbit, power, spacecraft, thermal,
                     transfer)

#: Pipeline order: a step may read results of the steps before it.
MODULES = (orbit, array, thermal, spacecraft, power, launch, learning, transfer, finance,
           buildout, driver, fleet, supply, site, grid, race, years, comparison, timeline,
           market, budget)


#: What Python raises, or returns, where numpy would give nan or inf on one sample
#: (orbital/core/floats.py): the sample is then run again on numpy scalars.
FLOAT_EDGES = (ArithmeticError, ValueError, TypeError)


def run(s: dict) -> dict:
    """Run every step on the SI inputs ``s``; return the SI results.

    The plain-float inputs (all of one sample's, the undrawn ones of an analysis) run as
    floats, fast; where Python's float arithmetic meets an edge that numpy decides (a division
    by zero, an overflow, a domain error, a complex power) the evaluation runs again with
    those numbers as numpy scalars, so the result is numpy's."""
    try:
        r = _steps(s)
        if complex not in set(map(type, r.values())):
            return r
    except FLOAT_EDGES:
        pass
    return _steps({k: np.float64(v) if type(v) is float else v for k, v in s.items()})


#: Steps that read neither the orbit's sunlight nor any step between the orbit and them: they
#: run straight after the orbit, which over many orbits starts its year of eclipses on a thread
#: of its own (:func:`orbital.space.background.started`), so they run while it does. (The catalogue,
#: the glossary and the draws keep the order of :data:`MODULES`.)
WHILE_SUNLIGHT = (launch, learning, transfer, finance, supply, site, grid)


@functools.lru_cache(maxsize=8)
def run_order(modules: tuple) -> tuple:
    """``modules`` in the order they run: as listed, but :data:`WHILE_SUNLIGHT` straight after
    the orbit."""
    early = [m for m in modules if m in WHILE_SUNLIGHT]
    rest = [m for m in modules if m not in WHILE_SUNLIGHT]
    at = rest.index(orbit) + 1 if orbit in rest else 0
    return tuple(rest[:at] + early + rest[at:])


def _steps(s: dict) -> dict:
    r: dict = {}
    for module in run_order(MODULES):
        if module is array:   # the first step to read the sunlight
            background.settle(r)
        step = getattr(module, "step", None)
        if step is not None:
            step(s, r)
    return r
