"""Power per tonne in orbit: kW of delivered compute power per tonne of spacecraft.

``power.specific_power`` is one name whether it is given (the seed's 100 kW/t) or derived
bottom-up from arrays, radiators, compute and structure (``power.model = 'bottom_up'``, filled
in by :mod:`orbital.spacecraft`); every downstream result reads the value actually used from the
result of the same name.
"""
from __future__ import annotations

from ..core.spec import Choice, Param, Result, with_conditions

PARAMETERS = (
    Choice("power.model", ("given", "bottom_up"),
           "'given': use power.specific_power as stated; 'bottom_up': use "
           "spacecraft.specific_power, rolled up from orbit, arrays, radiators, compute, "
           "batteries and bus."),
    Param("power.specific_power", "kW/t", "Delivered compute power per tonne of whole spacecraft "
          "in orbit (system level, including arrays, radiators, compute and structure).",
          low=0, low_open=True, log_scale=True),
)
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "power.specific_power": ({"power.model": ("given",)},),
})

RESULTS = (
    Result("power.specific_power", "kW/t", "Specific power actually used: as given, or derived "
           "bottom-up."),
)


def step(s, r):
    """Pipeline step: resolve the specific power used downstream into ``r``."""
    if s["power.model"] == "bottom_up":
        r["power.specific_power"] = r["spacecraft.specific_power"]
    else:
        r["power.specific_power"] = s["power.specific_power"]
