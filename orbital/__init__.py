"""orbital: a unit-safe calculator for orbital data centres and launch economics.

>>> import orbital
>>> base = orbital.load("musk-moonshot-2026")
>>> res = orbital.evaluate(base)
>>> res["buildout.power_added_per_year"]          # doctest: +SKIP
<Quantity(100.0, 'gigawatt / year')>
>>> res = orbital.evaluate(base, {"launch.price_per_kg": orbital.Q_([50, 100, 200], "USD/kg")})
"""
from __future__ import annotations

__version__ = "0.1.0"

from .assumptions import AssumptionSet, load, loads  # noqa: E402
from .errors import InputError  # noqa: E402
from .model import Results, evaluate  # noqa: E402
from .units import Q_, ureg  # noqa: E402

__all__ = ["AssumptionSet", "InputError", "Q_", "Results", "evaluate", "load", "loads", "ureg",
           "__version__"]
