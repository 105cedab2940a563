"""orbital: a unit-safe calculator for orbital data centres and launch economics.

>>> import orbital
>>> base = orbital.load("musk-moonshot-2026")
>>> res = orbital.evaluate(base)
>>> res["buildout.power_added_per_year"]          # doctest: +SKIP
<Quantity(100.0, 'gigawatt / year')>
>>> res = orbital.evaluate(base, {"launch.price_per_kg": orbital.Q_([50, 100, 200], "USD/kg")})
"""
from __future__ import annotations

from .core.version import __version__

__all__ = ["AssumptionSet", "InputError", "Q_", "Results", "evaluate", "load", "loads", "ureg",
           "__version__"]

#: Where each public name lives: imported on first use (PEP 562), so that ``orbital --help``
#: and the CLI's start do not pay for numpy, pint and the model until a command needs them.
_HOMES = {"InputError": "core.errors", "Q_": "core.units", "ureg": "core.units",
          "evaluate": "model.evaluate", "Results": "model.results", "AssumptionSet": "sets.aset",
          "load": "sets.loading", "loads": "sets.loading"}


def __getattr__(name):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'orbital' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
