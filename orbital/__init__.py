"""orbital: a unit-safe calculator for orbital data centres and launch economics.

>>> import orbital
>>> base = orbital.load("musk-moonshot-2026")
>>> res = orbital.evaluate(base)
>>> res["buildout.power_added_per_year"]          # doctest: +SKIP
<Quantity(100.0, 'gigawatt / year')>
>>> res = orbital.evaluate(base, {"launch.price_per_kg": orbital.Q_([50, 100, 200], "USD/kg")})
"""
from __future__ import annotations

from .core.errors import InputError
from .core.units import Q_, ureg
from .core.version import __version__
from .model.evaluate import evaluate
from .model.results import Results
from .sets.aset import AssumptionSet
from .sets.loading import load, loads

__all__ = ["AssumptionSet", "InputError", "Q_", "Results", "evaluate", "load", "loads", "ureg",
           "__version__"]
