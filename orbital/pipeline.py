"""The order in which the model's steps run.

Each module in :data:`MODULES` declares ``PARAMETERS`` and ``RESULTS`` and, if it computes
anything, a pure ``step(s, r)`` that reads SI inputs from ``s`` and earlier SI results from
``r`` and writes its own results into ``r``. A later issue's module joins by being added here.
"""
from __future__ import annotations

from . import buildout, finance, launch, lunar, power
from . import array, orbit, spacecraft, thermal, transfer  # the physics (issue 4)
from . import compare, ground, space  # the ground-vs-space comparison (issue 3)

#: Pipeline order: a step may read results of the steps before it.
MODULES = (orbit, array, thermal, spacecraft, power, launch, transfer, finance, buildout, lunar,
           space, ground, compare)


def run(s: dict) -> dict:
    """Run every step on the SI inputs ``s``; return the SI results."""
    r: dict = {}
    for module in MODULES:
        step = getattr(module, "step", None)
        if step is not None:
            step(s, r)
    return r
