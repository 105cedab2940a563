"""Ground vs space: the two sides side by side (ratios, differences) and the solvers' answers.

The solvers themselves ("what must be true") are :mod:`orbital.compare.solvers`.
"""
from __future__ import annotations

import numpy as np

from ..core.spec import Choice, Param, Result
from ..space import fleet
from .solvers import (
    allowable_launch_and_build_per_kg,
    breakeven_price_per_kg,
    required_satellite_cost_per_watt,
    required_specific_power,
)

PARAMETERS = (
    Choice("compare.method", ("full", "mccalip"),
           "Space cost the solvers balance against the ground total: 'full' = space.total_cost; "
           "'mccalip' = McCalip's break-even, hardware + compute + launch on the unrounded "
           "required power, leaving out operations, NRE, replacement, insurance and ground "
           "segment."),
    Param("compare.compute_cost_per_watt", "USD/W", "Compute hardware (accelerators, hosts, "
          "network) per watt of IT power, bought on both sides (0 leaves chips out, as McCalip, "
          "Suncatcher and Starcloud do).", low=0),
    Param("compare.accelerator_power", "kW", "IT power per accelerator including its share of "
          "host, memory and network (for the $/GPU-hour results).", low=0, low_open=True),
)

RESULTS = (
    Result("compare.cost_ratio", "1", "Space total ÷ ground total (below 1, orbit wins)."),
    Result("compare.cost_difference", "USD", "Space total − ground total."),
    Result("compare.lcoe_ratio", "1", "Space LCOE ÷ ground LCOE."),
    Result("compare.launched_power_ratio", "1", "Suncatcher's comparison: space launched-power "
           "price ÷ ground power cost per kW-year."),
    Result("compare.breakeven_price_per_kg", "USD/kg", "Launch price per kg at which space "
           "costs the same as ground (nan: none, see compare.breakeven_status)."),
    Result("compare.breakeven_status", "1", "0 solved; 1 the rest of the space side already "
           "costs more than ground; 2 the unknown does not change the space total; 3 bad input."),
    Result("compare.required_specific_power", "kW/t", "Specific power at which space costs the "
           "same as ground (nan: none, see compare.specific_power_status)."),
    Result("compare.specific_power_status", "1", "Status of compare.required_specific_power "
           "(codes as compare.breakeven_status)."),
    Result("compare.required_satellite_cost_per_watt", "USD/W", "Satellite hardware $/W at "
           "which space costs the same as ground (nan: none, see "
           "compare.satellite_cost_status)."),
    Result("compare.satellite_cost_status", "1", "Status of "
           "compare.required_satellite_cost_per_watt (codes as compare.breakeven_status)."),
    Result("compare.allowable_launch_and_build_per_kg", "USD/kg", "Turyshev's allowable L + B: "
           "(ground total − space ground segment − operations − NRE) ÷ space mass (nan when "
           "not positive)."),
)


def step(s, r):
    """Pipeline step: ratios and solvers (SI in, SI out)."""
    g = r["ground.total_cost"]
    sp_total = r["space.total_cost"]
    with np.errstate(divide="ignore", invalid="ignore"):
        r["compare.cost_ratio"] = sp_total / g
        r["compare.lcoe_ratio"] = r["space.lcoe"] / r["ground.lcoe"]
        r["compare.launched_power_ratio"] = (r["space.launched_power_price"]
                                             / r["ground.power_cost_per_kw_year"])
    r["compare.cost_difference"] = sp_total - g
    size = fleet.sizing(s, r)  # once for the three solvers
    price, st = breakeven_price_per_kg(s, r, g, size)
    r["compare.breakeven_price_per_kg"], r["compare.breakeven_status"] = price, st
    sp, st = required_specific_power(s, r, g, size)
    r["compare.required_specific_power"], r["compare.specific_power_status"] = sp, st
    cpw, st = required_satellite_cost_per_watt(s, r, g, size)
    r["compare.required_satellite_cost_per_watt"], r["compare.satellite_cost_status"] = cpw, st
    r["compare.allowable_launch_and_build_per_kg"] = allowable_launch_and_build_per_kg(
        g, r["space.ground_segment_cost"], r["space.operations_cost"], r["space.nre_cost"],
        r["space.mass"])
