"""The ground site's power supply in engineering terms: how long until it has power, and the
counts a user checks a claim with (turbines, gas burned, batteries, land).

Time to power (``ground.time_to_power_model``): ``'given'`` takes ``ground.time_to_power``;
``'lead_time_and_queue'`` is the source's own lead time (``ground.grid_lead_time``,
``ground.lead_time`` for gas, ``ground.solar_lead_time``) plus the wait in a queue: the backlog ahead of the site ÷ the rate at which the queue is
served, ``ground.queue_backlog`` / ``ground.queue_rate`` (e.g. a utility's large-load
interconnection queue, or a turbine maker's order book). The result
``ground.time_to_power_used`` is what the ground's cost of waiting and the time axis read.

Counts, for the site of ``space.target_power`` IT power:

- generation capacity = IT power × PUE (McCalip's sizing: turbines for the facility load);
- turbines = ⌈capacity ÷ ``ground.turbine_size``⌉ for on-site gas;
- gas burned a year = facility energy × heat rate (IT power × capacity factor × hours × PUE ×
  heat rate), and its volume at ``ground.gas_heat_content`` (EIA's ~1,037 Btu per cubic foot);
- batteries: energy (``ground.battery_energy``) and the power they must deliver (the whole
  facility load at night for solar, the smoothing share for gas + battery);
- land for solar: array power × ``ground.solar_land_use`` (NREL: total area per MW).
"""
from __future__ import annotations

from ..core import floats
from ..core.constants import YEAR
from ..core.spec import Choice, Param, Result, with_conditions
from . import site

PARAMETERS = (
    Choice("ground.time_to_power_model", ("given", "lead_time_and_queue"),
           "How long the site waits for power: 'given' = ground.time_to_power; "
           "'lead_time_and_queue' = ground.lead_time + ground.queue_backlog ÷ "
           "ground.queue_rate."),
    Param("ground.lead_time", "yr", "Lead time of on-site gas once the site's turn comes "
          "(turbines in hand and installed).", low=0, high=20),
    Param("ground.grid_lead_time", "yr", "Lead time of a grid connection once the site's turn "
          "comes (substation and lines built).", low=0, high=20),
    Param("ground.solar_lead_time", "yr", "Lead time of on-site solar and batteries (built "
          "from permits to power).", low=0, high=20),
    Param("ground.queue_backlog", "GW", "Capacity ahead of the site in the queue it waits in "
          "(interconnection or turbine orders).", low=0),
    Param("ground.queue_rate", "GW/yr", "Rate at which that queue is served.", low=0,
          low_open=True),
    Param("ground.turbine_size", "MW", "Rating of one gas turbine (for the turbine count).",
          low=0, low_open=True),
    Param("ground.gas_heat_content", "Btu/ft^3", "Energy per cubic foot of natural gas (for the "
          "gas volume burned).", low=0, low_open=True),
    Param("ground.solar_land_use", "ha/MW", "Land a solar farm takes per MW of array, panels "
          "and spacing included.", low=0),
)
PARAMETERS = with_conditions(PARAMETERS, {
    **{name: ({"ground.time_to_power_model": ("lead_time_and_queue",)},) for name in (
        "ground.queue_backlog", "ground.queue_rate")},
    "ground.lead_time": ({"ground.time_to_power_model": ("lead_time_and_queue",),
                          "ground.power_source": ("gas", "gas_battery")},),
    "ground.grid_lead_time": ({"ground.time_to_power_model": ("lead_time_and_queue",),
                               "ground.power_source": ("grid",)},),
    "ground.solar_lead_time": ({"ground.time_to_power_model": ("lead_time_and_queue",),
                                "ground.power_source": ("solar_battery",)},),
    **{name: ({"ground.cost_model": ("bottom_up",),
               "ground.power_source": ("gas", "gas_battery")},)
       for name in ("ground.turbine_size", "ground.gas_heat_content")},
    "ground.solar_land_use": ({"ground.cost_model": ("bottom_up",),
                               "ground.power_source": ("solar_battery",)},),
})

RESULTS = (
    Result("ground.time_to_power_used", "yr", "Years the site waits for power, per "
           "ground.time_to_power_model."),
    Result("ground.generation_capacity", "GW", "Generating capacity the site's facility load "
           "needs: IT power × PUE (0 for a benchmark ground cost)."),
    Result("ground.turbine_count", "1", "Gas turbines of ground.turbine_size for that capacity "
           "(0 without on-site gas)."),
    Result("ground.gas_burned", "TBtu/yr", "Natural gas burned a year (0 without on-site gas)."),
    Result("ground.gas_volume", "Bcf/yr", "The same as a volume, billion cubic feet a year."),
    Result("ground.battery_power", "MW", "Power the site's batteries must deliver."),
    Result("ground.solar_power", "GW", "Solar array (DC) power of a solar + battery site."),
    Result("ground.land_area", "km^2", "Land of the solar farm (0 without on-site solar)."),
)


def time_to_power(s):
    """Years [s] the site waits for power, per ``ground.time_to_power_model``."""
    if s["ground.time_to_power_model"] == "given":
        return floats.asarray(s["ground.time_to_power"])
    lead = {"grid": "ground.grid_lead_time", "solar_battery": "ground.solar_lead_time"}.get(
        s["ground.power_source"], "ground.lead_time")
    return s[lead] + s["ground.queue_backlog"] / s["ground.queue_rate"]


def step(s, r):
    """Pipeline step: time to power and the engineering counts (SI in, SI out)."""
    p = s["space.target_power"]
    zero = 0.0 * floats.asarray(p)
    r["ground.time_to_power_used"] = time_to_power(s) + zero
    # a benchmark ground cost has no power plant to count
    source = "none" if s["ground.cost_model"] == "benchmark" else s["ground.power_source"]
    capacity = p * s["ground.pue"]
    r["ground.generation_capacity"] = (0.0 if source == "none" else capacity) + zero
    gas = source in ("gas", "gas_battery")
    if gas:
        count = floats.ceil(capacity / s["ground.turbine_size"] * (1 - 1e-12))
        burned = p * s["ground.capacity_factor"] * s["finance.year_length"] * s["ground.pue"] \
            * site.gas_plant(s)[1] / YEAR  # J of fuel per s
        volume = burned / s["ground.gas_heat_content"]
    else:
        count = burned = volume = zero
    r["ground.turbine_count"] = count + zero
    r["ground.gas_burned"] = burned + zero
    r["ground.gas_volume"] = volume + zero
    solar = zero
    battery_power = zero
    if source == "solar_battery":
        solar, _ = site.solar_battery_sizing(
            capacity * s["ground.capacity_factor"], s["ground.solar_capacity_factor"],
            s["ground.storage_duration"], s["ground.night_length"], s["ground.battery_efficiency"])
        battery_power = capacity * s["ground.capacity_factor"] + zero
    elif source == "gas_battery":
        battery_power = capacity + zero  # the batteries carry the load's swings at full power
    r["ground.solar_power"] = solar + zero
    r["ground.battery_power"] = battery_power
    r["ground.land_area"] = solar * s["ground.solar_land_use"] + zero
