"""The catalogue: every parameter and result of the model, gathered from its steps.

Each step module (listed in :data:`orbital.model.pipeline.MODULES`) declares ``PARAMETERS``
and ``RESULTS`` with the spec types of :mod:`orbital.core.spec`; :func:`parameters` and
:func:`results` gather them in pipeline order. The dependency runs one way: steps import the
spec types, the catalogue imports the steps.
"""
from __future__ import annotations

import functools

from ..core.spec import Catalogue, Limit
from . import pipeline

#: Sections, in the order the glossary, the tables and the page show them.
SECTIONS = {
    "launch": "Launch to low Earth orbit",
    "learning": "Learning curve (Wright's law)",
    "power": "Power per tonne in orbit",
    "buildout": "Buildout, year by year",
    "lunar": "Lunar mass driver",
    "orbit": "Orbit and sunlight",
    "transfer": "Getting there (transfer from LEO)",
    "array": "Solar array",
    "thermal": "Radiators",
    "spacecraft": "Spacecraft mass roll-up",
    "space": "Space side of the comparison",
    "ground": "Ground side of the comparison",
    "grid": "The grid and storage claim (power on Earth)",
    "race": "Build rates and the race (power on Earth vs orbit)",
    "finance": "Finance and analysis period",
    "compare": "Ground vs space",
    "timeline": "The time axis: year by year, and when orbit wins",
}


@functools.lru_cache(maxsize=None)
def _gather() -> tuple[Catalogue, Catalogue]:
    params, results = [], []
    for module in pipeline.MODULES:
        params.extend(getattr(module, "PARAMETERS", ()))
        results.extend(getattr(module, "RESULTS", ()))
    return Catalogue(params, "parameter"), Catalogue(results, "result")


def parameters() -> Catalogue:
    """Every input parameter, in pipeline order."""
    return _gather()[0]


def results() -> Catalogue:
    """Every result, in pipeline order."""
    return _gather()[1]


def limits() -> list[Limit]:
    """Every result that is a :class:`~orbital.core.spec.Limit`, in pipeline order."""
    return [spec for spec in results() if isinstance(spec, Limit)]


def unused(choices) -> dict:
    """Every parameter the chosen models ignore: {name: reason in words}. ``choices`` maps
    each choice name to its chosen option (an assumption set's choices, or SI inputs)."""
    from ..core.spec import unused_reason

    out = {}
    for spec in parameters():
        why = unused_reason(spec, choices)
        if why:
            out[spec.name] = why
    return out
