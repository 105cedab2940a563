"""The catalogue: every parameter and result of the model, gathered from its steps.

Each step module (listed in :data:`orbital.model.pipeline.MODULES`) declares ``PARAMETERS``
and ``RESULTS`` with the spec types of :mod:`orbital.core.spec`; :func:`parameters` and
:func:`results` gather them in pipeline order. The dependency runs one way: steps import the
spec types, the catalogue imports the steps.
"""
from __future__ import annotations

import functools

from ..core.spec import Catalogue
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
    "finance": "Finance and analysis period",
    "compare": "Ground vs space",
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
