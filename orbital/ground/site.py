"""The ground side of the comparison: a data centre of the same IT power, and what it costs.

Method (McCalip, "Economics of Orbital vs Terrestrial Data Centers", 2025, ``math.js``;
generalised): capital = power generation (per ``ground.power_source``) + backup power +
facility (electrical, mechanical, civil/shell, network/fit-out, each $/W of IT) + compute;
yearly = facility energy (IT energy × PUE × energy price, split into the IT part and the
cooling/overhead part) + water + operations + compute replacement; total = Σ capital ×
charge factor over its own life + AF(r, n) · yearly + the financing cost of waiting
``ground.time_to_power`` for power, all at the ground side's cost of capital r.

Every capital item is charged over its own life (facility ``ground.facility_life``, power
plant ``ground.power_plant_life``, batteries ``ground.battery_life``, compute
``ground.compute_refresh``) with :func:`orbital.programme.finance.charge_factor`: with
``finance.residual_value = 'annuity'`` an asset that outlives the period is charged only its
capital recovery for the period's years; with ``'none'`` each purchase counts in full.

Waiting for power: the site's plant (facility and generation, not the compute, which is bought
when power arrives) is paid for ``ground.time_to_power`` years before it earns, so it carries
interest: plant × ((1 + r)^t − 1), zero at r = 0. The compute not delivered meanwhile is
revenue forgone, not a cost; it is reported apart, valued at ``ground.output_value``, as
``ground.lost_output_value`` and never enters a total or a ratio.

Power sources (an explicit choice, one at a time):

- ``grid``: energy at ``ground.grid_price``; no generation capital.
- ``gas``: on-site turbines, capital turbine $/kW × PUE × P (McCalip); fuel = heat rate × gas
  price per unit of facility energy.
- ``solar_battery``: on-site solar with batteries holding ``ground.storage_duration`` hours of
  facility load, at least the site's night (``ground.night_length``; a set that stores less
  leaves the 24/7 load unserved and is refused). The night's share of each day's energy passes
  through the batteries and loses (1 − η) of itself; the array is oversized for its capacity
  factor and that loss. Batteries are priced as installed systems and bought again every
  ``ground.battery_life``. It is the seed's point in miniature: storage lets a generator with a
  low capacity factor carry a round-the-clock load.

``ground.cost_model = 'benchmark'`` replaces all of this with a given total per kW of IT
(Turyshev 2026's C_terr). All functions take SI floats or numpy arrays and broadcast.
"""
from __future__ import annotations

import numpy as np

from ..core import floats
from ..core.constants import YEAR
from ..core.errors import InputError
from ..core.spec import Choice, Param, Result, with_conditions
from ..programme import finance

PARAMETERS = (
    Choice("ground.cost_model", ("bottom_up", "benchmark"),
           "'bottom_up': build the ground cost from facility, power and compute; 'benchmark': "
           "a given total per kW of IT, ground.benchmark_cost (Turyshev's C_terr)."),
    Param("ground.benchmark_cost", "USD/kW", "Total ground cost per kW of IT over the analysis "
          "period when ground.cost_model = 'benchmark'.", low=0),
    Choice("ground.power_source", ("grid", "gas", "gas_battery", "solar_battery"),
           "Where the ground site's power comes from: 'grid' (bought at ground.grid_price), "
           "'gas' (on-site turbines: capital, heat rate, gas price), 'gas_battery' (turbines for "
           "the energy plus batteries for the load's swings, xAI's Colossus pattern) or "
           "'solar_battery' (on-site solar plus batteries). Grid plus on-site backup is 'grid' "
           "with ground.backup_power."),
    Param("ground.grid_price", "USD/kWh", "Price of grid electricity.", low=0),
    Choice("ground.gas_cycle", ("combined", "simple"),
           "On-site gas turbines: 'combined' (combined cycle, the exhaust raising steam: "
           "ground.turbine_cost and ground.heat_rate, McCalip's column) or 'simple' (simple "
           "cycle, no steam plant: ground.simple_cycle_cost and ground.simple_cycle_heat_rate; "
           "cheaper, burns more gas; the mobile units of xAI's Memphis sites)."),
    Param("ground.turbine_cost", "USD/kW", "Gas turbine (combined-cycle) capital per kW of "
          "generating capacity.", low=0),
    Param("ground.heat_rate", "Btu/kWh", "Fuel energy a combined-cycle plant burns per unit of "
          "electricity.", low=0),
    Param("ground.simple_cycle_cost", "USD/kW", "Simple-cycle gas turbine capital per kW of "
          "generating capacity.", low=0),
    Param("ground.simple_cycle_heat_rate", "Btu/kWh", "Fuel energy a simple-cycle turbine "
          "burns per unit of electricity.", low=0),
    Param("ground.gas_price", "USD/MMBtu", "Price of natural gas.", low=0),
    Param("ground.solar_cost", "USD/W", "Installed solar capital per watt of array (DC) "
          "capacity.", low=0),
    Param("ground.solar_capacity_factor", "1", "Solar array output over a year ÷ its nameplate "
          "power × hours.", low=0, low_open=True, high=1),
    Param("ground.battery_cost", "USD/kWh", "Installed battery system capital (packs, "
          "inverters, balance of system) per kWh of storage.", low=0),
    Param("ground.storage_duration", "h", "Hours of facility load the batteries hold; at least "
          "ground.night_length for solar + battery.", low=0, high=24),
    Param("ground.smoothing_storage", "h", "Hours of facility power in batteries that smooth "
          "the load's swings for on-site turbines (ground.power_source = 'gas_battery', the "
          "Colossus pattern).", low=0, high=24),
    Param("ground.night_length", "h", "Hours a day the solar site cannot generate, averaged "
          "over the year: the share of each day's energy the batteries must carry.", low=0,
          high=24),
    Param("ground.battery_life", "yr", "Years a battery system serves before it is replaced.",
          low=0, low_open=True, high=100),
    Param("ground.battery_efficiency", "1", "Battery round-trip efficiency.", low=0,
          low_open=True, high=1),
    Param("ground.backup_power", "USD/W", "Backup generation (gensets, UPS) per watt of IT.",
          low=0),
    Param("ground.electrical", "USD/W", "Electrical plant (switchgear, distribution) per watt "
          "of IT.", low=0),
    Param("ground.mechanical", "USD/W", "Mechanical plant (cooling) per watt of IT.", low=0),
    Param("ground.civil", "USD/W", "Civil works and shell per watt of IT.", low=0),
    Param("ground.fitout", "USD/W", "Network and fit-out per watt of IT.", low=0),
    Param("ground.pue", "1", "Power usage effectiveness: facility power ÷ IT power.", low=1),
    Param("ground.capacity_factor", "1", "Fraction of the year the IT load runs at full power.",
          low=0, low_open=True, high=1),
    Param("ground.operations_rate", "1/yr", "Operations and maintenance per year as a fraction "
          "of the facility and power capital.", low=0, high=1),
    Param("ground.compute_refresh", "yr", "Years the ground site's compute serves before it "
          "is bought again (the refresh cycle; the space side renews on buildout.service_life).",
          low=0, low_open=True, high=100),
    Param("ground.compute_failure_rate", "1/yr", "Fraction of the ground site's compute replaced "
          "each year.", low=0, high=1),
    Param("ground.water_intensity", "L/kWh", "Water consumed per kWh of IT energy.", low=0),
    Param("ground.water_price", "USD/m^3", "Price of water.", low=0),
    Param("ground.time_to_power", "yr", "Years the site's plant waits for power before it is "
          "energised (its capital carries interest meanwhile).", low=0, high=20),
    Param("ground.output_value", "USD/MWh", "Value of one MWh of IT energy delivered (what the "
          "compute earns): values the output forgone while waiting for power "
          "(ground.lost_output_value, a value lens kept out of every cost).", low=0),
    Param("ground.discount_rate", "1/yr", "Cost of capital of the ground side when "
          "finance.rate_model = 'per_side'.", low=0, high=1),
    Param("ground.facility_life", "yr", "Years the facility (electrical, mechanical, civil, "
          "fit-out, backup) serves.", low=0, low_open=True, high=100),
    Param("ground.power_plant_life", "yr", "Years on-site generation (turbines, solar) "
          "serves.", low=0, low_open=True, high=100),
)
BOTTOM_UP = {"ground.cost_model": ("bottom_up",)}
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "ground.benchmark_cost": ({"ground.cost_model": ("benchmark",)},),
    "ground.discount_rate": ({"finance.rate_model": ("per_side",)},),
    **{name: (BOTTOM_UP,) for name in (
        "ground.power_source", "ground.backup_power", "ground.electrical",
        "ground.mechanical", "ground.civil", "ground.fitout",
        "ground.operations_rate", "ground.compute_refresh", "ground.compute_failure_rate",
        "ground.water_intensity", "ground.water_price",
        "ground.output_value", "ground.facility_life", "ground.power_plant_life")},
    "ground.time_to_power": ({"ground.time_to_power_model": ("given",)},),
    "ground.grid_price": (dict(BOTTOM_UP, **{"ground.power_source": ("grid",)}),),
    **{name: (dict(BOTTOM_UP, **{"ground.power_source": ("gas", "gas_battery")}),)
       for name in ("ground.gas_cycle", "ground.gas_price")},
    **{name: (dict(BOTTOM_UP, **{"ground.power_source": ("gas", "gas_battery"),
                                 "ground.gas_cycle": (cycle,)}),)
       for cycle, names in (("combined", ("ground.turbine_cost", "ground.heat_rate")),
                            ("simple", ("ground.simple_cycle_cost",
                                        "ground.simple_cycle_heat_rate")))
       for name in names},
    **{name: (dict(BOTTOM_UP, **{"ground.power_source": ("solar_battery",)}),) for name in (
        "ground.solar_cost", "ground.storage_duration")},
    "ground.battery_life": (dict(BOTTOM_UP, **{"ground.power_source": ("solar_battery",
                                                                        "gas_battery")}),),
    "ground.smoothing_storage": (dict(BOTTOM_UP, **{"ground.power_source": ("gas_battery",)}),),
})

#: The facility's capital inputs ($/W of IT), each costed as the result of the same name + _cost.
FACILITY = ("ground.backup_power", "ground.electrical", "ground.mechanical", "ground.civil",
            "ground.fitout")

#: The results that cost each :data:`FACILITY` input.
FACILITY_COSTS = tuple(f"{name}_cost" for name in FACILITY)

#: The items of the ground total, in table order; they sum to ground.total_cost.
BREAKDOWN = ("ground.power_generation_cost", "ground.backup_power_cost",
             "ground.electrical_cost", "ground.mechanical_cost", "ground.civil_cost",
             "ground.fitout_cost", "ground.compute_cost", "ground.it_energy_cost",
             "ground.cooling_energy_cost", "ground.water_cost", "ground.operations_cost",
             "ground.replacement_cost", "ground.delay_cost", "ground.benchmark_total")

RESULTS = (
    Result("ground.power_generation_cost", "USD", "On-site generation capital: turbines (gas) "
           "or solar and batteries (solar_battery); 0 on the grid."),
    Result("ground.backup_power_cost", "USD", "Backup generation."),
    Result("ground.electrical_cost", "USD", "Electrical plant."),
    Result("ground.mechanical_cost", "USD", "Mechanical (cooling) plant."),
    Result("ground.civil_cost", "USD", "Civil works and shell."),
    Result("ground.fitout_cost", "USD", "Network and fit-out."),
    Result("ground.compute_cost", "USD", "Compute hardware for the IT power, bought again every "
           "ground.compute_refresh years (present value)."),
    Result("ground.it_energy_cost", "USD", "Energy (or fuel) for the IT load over the period "
           "(present value)."),
    Result("ground.cooling_energy_cost", "USD", "Energy (or fuel) for cooling and overhead, the "
           "(PUE − 1) share (present value)."),
    Result("ground.water_cost", "USD", "Water over the period (present value)."),
    Result("ground.operations_cost", "USD", "Operations and maintenance (present value)."),
    Result("ground.replacement_cost", "USD", "Compute replacement (present value)."),
    Result("ground.delay_cost", "USD", "Financing cost of the plant's capital while it waits "
           "ground.time_to_power for power: plant × ((1 + r)^t − 1), zero at r = 0."),
    Result("ground.benchmark_total", "USD", "The whole ground cost when ground.cost_model = "
           "'benchmark' (0 otherwise)."),
    Result("ground.total_cost", "USD", "Total cost of the ground side over the period (present "
           "value; the plain sum at a zero discount rate)."),
    Result("ground.energy_cost", "USD", "IT plus cooling energy (McCalip's 'fuel')."),
    Result("ground.cost_per_watt", "USD/W", "Total cost per watt of IT power."),
    Result("ground.it_energy", "TWh", "IT energy delivered over the period: power × capacity "
           "factor × years × finance.year_length."),
    Result("ground.energy_price", "USD/MWh", "Marginal price of one MWh of facility energy: "
           "grid price, fuel (heat rate × gas price) or 0 for solar (0, not known, for a "
           "benchmark)."),
    Result("ground.lcoe", "USD/MWh", "Levelised cost per MWh of IT energy."),
    Result("ground.cost_per_kw_year", "USD/kW/yr", "Levelised cost per kW of IT per year."),
    Result("ground.cost_per_gpu_hour", "USD/h", "Cost of one accelerator-hour: LCOE × "
           "compare.accelerator_power."),
    Result("ground.power_cost_per_kw_year", "USD/kW/yr", "Power alone per kW of IT per year: "
           "generation and backup capital × capital recovery factor, plus the year's energy "
           "(Suncatcher's 'terrestrial power spend' when there is no capital)."),
    Result("ground.water_use", "Mt", "Water consumed over the period."),
    Result("ground.lost_output_value", "USD", "Value lens, not a cost: the IT output forgone "
           "while the site waits for power, at ground.output_value (present value at the "
           "ground rate). Never part of a total or a ratio."),
    Result("ground.battery_energy", "MWh", "Battery energy installed (solar + battery; 0 "
           "otherwise)."),
)


def gas_plant(s):
    """(Turbine capital per W of generating capacity, heat rate) of the site's gas cycle."""
    if s["ground.gas_cycle"] == "simple":
        return s["ground.simple_cycle_cost"], s["ground.simple_cycle_heat_rate"]
    return s["ground.turbine_cost"], s["ground.heat_rate"]


def fuel_price(heat_rate, gas_price):
    """Fuel cost per unit of electricity [USD/J] = heat rate [J fuel / J electric] × gas price
    [USD/J fuel]. McCalip math.js: fuel $/MWh = heat rate (Btu/kWh) × gas ($/MMBtu) / 1000."""
    return heat_rate * gas_price


def solar_battery_sizing(facility_power, solar_cf, storage_hours, night_hours, efficiency):
    """Array power [W] and battery energy [J] of solar plus batteries that carry an average
    ``facility_power`` [W] round the clock.

    solar_cf [1], storage_hours and night_hours [s], efficiency (round trip) [1]. The night's
    share of each day's energy, night/24 h, passes through the batteries and loses (1 − η) of
    itself, so the array is P / cf × (1 − share + share/η); the batteries hold P × storage.
    orbital's own sizing (a daily energy balance).
    """
    share = floats.minimum(night_hours / 86400.0, 1.0)
    array = facility_power / solar_cf * (1.0 - share + share / efficiency)
    return array, facility_power * storage_hours


def check_night_carried(s):
    """Refuse a solar + battery site whose storage does not carry the night (InputError)."""
    short = s["ground.storage_duration"] < s["ground.night_length"] * (1 - 1e-12)
    if s["ground.power_source"] == "solar_battery" and (
            short if type(short) is bool else np.asarray(short).any()):
        raise InputError("ground.storage_duration", "holds less than ground.night_length, so "
                         "the 24/7 load goes unserved every night; store at least the night's "
                         "hours, or choose another ground.power_source")


def power_supply(s, p, charge):
    """Energy price [USD/J], generation capital charged over the period [USD], the same
    undiscounted (what is committed up front) [USD] and battery energy [J]."""
    source = s["ground.power_source"]
    zero = 0.0 * p
    if source == "grid":
        return s["ground.grid_price"] + zero, zero, zero, zero
    if source in ("gas", "gas_battery"):
        # McCalip math.js: power-gen $/W = turbine $/kW · PUE / 1000
        capital, heat_rate = gas_plant(s)
        plant = capital * s["ground.pue"] * p
        fuel = fuel_price(heat_rate, s["ground.gas_price"]) + zero
        if source == "gas":
            return fuel, plant * charge("ground.power_plant_life"), plant, zero
        # the Colossus pattern: turbines for the energy, batteries for the load's swings
        battery = p * s["ground.pue"] * s["ground.smoothing_storage"]
        batteries = battery * s["ground.battery_cost"]
        return fuel, plant * charge("ground.power_plant_life") + \
            batteries * charge("ground.battery_life"), plant + batteries, battery + zero
    if source == "solar_battery":
        check_night_carried(s)
        array, battery = solar_battery_sizing(
            p * s["ground.pue"] * s["ground.capacity_factor"], s["ground.solar_capacity_factor"],
            s["ground.storage_duration"], s["ground.night_length"], s["ground.battery_efficiency"])
        solar = array * s["ground.solar_cost"]
        batteries = battery * s["ground.battery_cost"]
        return zero, solar * charge("ground.power_plant_life") + \
            batteries * charge("ground.battery_life"), solar + batteries, battery
    raise ValueError(f"unknown ground.power_source {source!r}")


def step(s, r):
    """Pipeline step: cost the ground side (SI in, SI out)."""
    p = s["space.target_power"]
    years = s["finance.analysis_period"] / YEAR
    rate = finance.rate(s, "ground")
    m = finance.periods_per_year(s)
    annuity = finance.annuity_factor(rate, years, m)
    residual = s["finance.residual_value"]

    def charge(life_name):
        return finance.charge_factor(rate, years, s[life_name] / YEAR, residual, m)

    hours = s["finance.year_length"]
    pue = s["ground.pue"]
    price, generation, generation_capital, battery = power_supply(s, p, charge)
    zero = 0.0 * p
    facility = {cost: s[name] * p for name, cost in zip(FACILITY, FACILITY_COSTS)}
    facility_capital = sum(facility.values())
    facility_charge = charge("ground.facility_life")
    items = {"ground.power_generation_cost": generation + zero}
    items.update({k: v * facility_charge for k, v in facility.items()})
    items["ground.compute_cost"] = s["compare.compute_cost_per_watt"] * p * \
        charge("ground.compute_refresh")
    it_energy_year = p * s["ground.capacity_factor"] * hours  # J per year
    items["ground.it_energy_cost"] = annuity * it_energy_year * price
    items["ground.cooling_energy_cost"] = annuity * it_energy_year * (pue - 1.0) * price
    # L/kWh and USD/m^3 in SI are both per-volume quantities: m^3/J × USD/m^3
    items["ground.water_cost"] = annuity * it_energy_year * s["ground.water_intensity"] * \
        s["ground.water_price"]
    plant = facility_capital + generation_capital
    items["ground.operations_cost"] = annuity * s["ground.operations_rate"] * YEAR * plant
    items["ground.replacement_cost"] = annuity * s["ground.compute_failure_rate"] * YEAR * \
        s["compare.compute_cost_per_watt"] * p
    delay = r["ground.time_to_power_used"] / YEAR
    items["ground.delay_cost"] = plant * (finance.growth_factor(rate, delay, m) - 1.0)
    benchmark = s["ground.cost_model"] == "benchmark"
    if benchmark:
        items = {k: zero for k in items}
        items["ground.benchmark_total"] = s["ground.benchmark_cost"] * p
    else:
        items["ground.benchmark_total"] = zero
    total = sum([items[k] for k in BREAKDOWN])
    r.update(items)
    r["ground.total_cost"] = total
    r["ground.energy_cost"] = items["ground.it_energy_cost"] + items["ground.cooling_energy_cost"]
    r["ground.cost_per_watt"] = total / p
    r["ground.it_energy"] = it_energy_year * years
    r["ground.energy_price"] = zero if benchmark else price  # not known for a benchmark
    r["ground.lcoe"] = total / (annuity * it_energy_year)
    r["ground.cost_per_kw_year"] = total / annuity / p / YEAR
    r["ground.cost_per_gpu_hour"] = r["ground.lcoe"] * s["compare.accelerator_power"]
    crf = finance.capital_recovery_factor(rate, s["ground.power_plant_life"] / YEAR, m) / YEAR
    r["ground.power_cost_per_kw_year"] = zero if benchmark else (
        (generation_capital + facility["ground.backup_power_cost"]) * crf
        + it_energy_year * pue * price) / p / YEAR
    # water (kg) = IT energy [J] × intensity [m³/J] × 1000 kg/m³; not known for a benchmark
    r["ground.water_use"] = zero if benchmark else \
        it_energy_year * years * s["ground.water_intensity"] * 1000.0 + zero
    r["ground.lost_output_value"] = zero if benchmark else \
        it_energy_year * s["ground.output_value"] * finance.annuity_factor(rate, delay, m)
    r["ground.battery_energy"] = battery + zero
