"""The order in which the model's steps run.

Each module in :data:`MODULES` declares ``PARAMETERS`` and ``RESULTS`` and, if it computes
anything, a pure ``step(s, r)`` that reads SI inputs from ``s`` and earlier SI results from
``r`` and writes its own results into ``r``. A new step joins by being added here, after the
steps whose results it reads (see ARCHITECTURE.md).
"""
from __future__ import annotations

from ..compare import budget, comparison, market, timeline
from ..ground import grid, race, site, supply, years
from ..lunar import driver
from ..programme import buildout, finance, learning
from ..space import array, fleet, launch, orbit, power, spacecraft, thermal, transfer

#: Pipeline order: a step may read results of the steps before it.
MODULES = (orbit, array, thermal, spacecraft, power, launch, learning, transfer, finance,
           buildout, driver, fleet, supply, site, grid, race, years, comparison, timeline,
           market, budget)


def run(s: dict) -> dict:
    """Run every step on the SI inputs ``s``; return the SI results."""
    r: dict = {}
    for module in MODULES:
        step = getattr(module, "step", None)
        if step is not None:
            step(s, r)
    return r
