"""Ground vs space: the two sides side by side (ratios, differences) and the solvers' answers.

The solvers themselves ("what must be true") are :mod:`orbital.compare.solvers`.
"""
from __future__ import annotations

import math

import numpy as np

from ..core.spec import Choice, Param, Result
from ..space import fleet
from .solvers import (
    allowable_launch_and_build_per_kg,
    breakeven_prices,
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
    Param("compare.compute_efficiency", "TFLOP/s/W", "Accelerator performance per watt of IT "
          "power (dense, at the precision the work runs in), for the cost per PFLOP-hour on "
          "both sides; a schedule follows hardware generations.", low=0, low_open=True,
          log_scale=True),
)

RESULTS = (
    Result("compare.cost_ratio", "1", "Levelised cost ratio: space.lcoe ÷ ground.lcoe, each "
           "side's cost per MWh of IT energy it delivers at its own capacity factor and cost "
           "of capital (below 1, orbit wins). The same ratio per accelerator-hour."),
    Result("compare.lcoe_difference", "USD/MWh", "space.lcoe − ground.lcoe."),
    Result("space.cost_per_pflop_hour", "USD/PFLOP_h", "Space cost of a PFLOP-hour (a sustained "
           "petaFLOP per second for an hour): space.lcoe ÷ compare.compute_efficiency."),
    Result("ground.cost_per_pflop_hour", "USD/PFLOP_h", "Ground cost of a PFLOP-hour: "
           "ground.lcoe ÷ compare.compute_efficiency."),
    Result("compare.total_cost_ratio", "1", "Space total ÷ ground total: a ratio of costs, not "
           "of costs per unit delivered (the two sides may deliver different energy)."),
    Result("compare.launched_power_ratio", "1", "Suncatcher's comparison: space launched-power "
           "price ÷ ground power cost per kW-year, both capital recovered over their lives at "
           "their own side's rate."),
    Result("compare.breakeven_price_per_kg", "USD/kg", "Base launch price to LEO "
           "(launch.price_per_kg, price model 'given', same learning curve and floor) at which "
           "space.lcoe = ground.lcoe (nan: none, see compare.breakeven_status)."),
    Result("compare.breakeven_paid_price_per_kg", "USD/kg", "Launch price per kg delivered "
           "where the fleet operates, after learning (space.launch_price_per_kg), at "
           "break-even."),
    Result("compare.breakeven_status", "1", "0 solved; 1 the rest of the space side already "
           "costs more than ground; 2 the unknown does not change the space total; 3 bad input; "
           "4 the price needed is below the learning floor."),
    Result("compare.required_specific_power", "kW/t", "Specific power at which space.lcoe = "
           "ground.lcoe (nan: none, see compare.specific_power_status)."),
    Result("compare.specific_power_status", "1", "Status of compare.required_specific_power "
           "(codes as compare.breakeven_status)."),
    Result("compare.required_satellite_cost_per_watt", "USD/W", "Satellite hardware $/W at "
           "which space.lcoe = ground.lcoe (nan: none, see compare.satellite_cost_status)."),
    Result("compare.satellite_cost_status", "1", "Status of "
           "compare.required_satellite_cost_per_watt (codes as compare.breakeven_status)."),
    Result("compare.allowable_launch_and_build_per_kg", "USD/kg", "Turyshev's allowable L + B "
           "at break-even: the paid launch price at which space.lcoe = ground.lcoe plus the "
           "build cost per kg held (nan: none, see compare.allowable_status)."),
    Result("compare.allowable_status", "1", "Status of "
           "compare.allowable_launch_and_build_per_kg (codes as compare.breakeven_status)."),
)


def step(s, r):
    """Pipeline step: ratios and solvers (SI in, SI out)."""
    over = (r["ground.lcoe"], r["ground.total_cost"], r["ground.power_cost_per_kw_year"])
    if all(type(v) is float and v != 0 for v in over):  # one sample: plain division
        r["compare.cost_ratio"] = r["space.lcoe"] / over[0]
        r["compare.total_cost_ratio"] = r["space.total_cost"] / over[1]
        r["compare.launched_power_ratio"] = r["space.launched_power_price"] / over[2]
    else:  # numpy's inf or nan where a side costs nothing (a float would raise)
        with np.errstate(divide="ignore", invalid="ignore"):
            r["compare.cost_ratio"] = np.divide(r["space.lcoe"], over[0])
            r["compare.total_cost_ratio"] = np.divide(r["space.total_cost"], over[1])
            r["compare.launched_power_ratio"] = np.divide(r["space.launched_power_price"],
                                                          over[2])
    r["compare.lcoe_difference"] = r["space.lcoe"] - r["ground.lcoe"]
    r["space.cost_per_pflop_hour"] = r["space.lcoe"] / s["compare.compute_efficiency"]
    r["ground.cost_per_pflop_hour"] = r["ground.lcoe"] / s["compare.compute_efficiency"]
    size = fleet.sizing(s, r)  # once for the solvers
    paid, base, st = breakeven_prices(s, r, size)
    r["compare.breakeven_price_per_kg"], r["compare.breakeven_status"] = base, st
    r["compare.breakeven_paid_price_per_kg"] = (paid if st == 0 else math.nan) + 0.0 if \
        type(st) is int else np.where(np.asarray(st) == 0, paid, np.nan) + 0.0
    sp, st2 = required_specific_power(s, r, size)
    r["compare.required_specific_power"], r["compare.specific_power_status"] = sp, st2
    cpw, st3 = required_satellite_cost_per_watt(s, r, size)
    r["compare.required_satellite_cost_per_watt"], r["compare.satellite_cost_status"] = cpw, st3
    lb, st4 = allowable_launch_and_build_per_kg(s, r, size)
    r["compare.allowable_launch_and_build_per_kg"], r["compare.allowable_status"] = lb, st4
