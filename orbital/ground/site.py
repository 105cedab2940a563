"""The ground side of the comparison: a data centre of the same IT power, and what it costs.

Method (McCalip, "Economics of Orbital vs Terrestrial Data Centers", 2025, ``math.js``;
generalised): capital = power generation (per ``ground.power_source``) + backup power +
facility (electrical, mechanical, civil/shell, network/fit-out, each $/W of IT) + compute;
yearly = facility energy (IT energy × PUE × energy price, split into the IT part and the
cooling/overhead part) + water + operations + compute replacement; total = capital +
annuity_factor(r, n) · yearly + the cost of waiting ``ground.time_to_power`` for power.

Power sources (an explicit choice, one at a time):

- ``grid``: energy at ``ground.grid_price``; no generation capital.
- ``gas``: on-site turbines, capital turbine $/kW × PUE × P (McCalip); fuel = heat rate × gas
  price per unit of facility energy.
- ``solar_battery``: on-site solar with batteries holding ``ground.storage_duration`` hours of
  facility load; the array is oversized for its capacity factor and the battery's round-trip
  loss on the stored share. It is the seed's point in miniature: storage lets a generator with a
  low capacity factor carry a round-the-clock load.

``ground.cost_model = 'benchmark'`` replaces all of this with a given total per kW of IT
(Turyshev 2026's C_terr). All functions take SI floats or numpy arrays and broadcast.
"""
from __future__ import annotations

import numpy as np

from ..core.constants import YEAR
from ..core.spec import Choice, Param, Result
from ..programme.finance import annuity_factor, capital_recovery_factor, renewal_factor

PARAMETERS = (
    Choice("ground.cost_model", ("bottom_up", "benchmark"),
           "'bottom_up': build the ground cost from facility, power and compute; 'benchmark': "
           "a given total per kW of IT, ground.benchmark_cost (Turyshev's C_terr)."),
    Param("ground.benchmark_cost", "USD/kW", "Total ground cost per kW of IT over the analysis "
          "period when ground.cost_model = 'benchmark'.", low=0),
    Choice("ground.power_source", ("grid", "gas", "solar_battery"),
           "Where the ground site's power comes from: 'grid' (bought at ground.grid_price), "
           "'gas' (on-site turbines: capital, heat rate, gas price) or 'solar_battery' (on-site "
           "solar plus batteries)."),
    Param("ground.grid_price", "USD/kWh", "Price of grid electricity.", low=0),
    Param("ground.turbine_cost", "USD/kW", "Gas turbine (combined-cycle) capital per kW of "
          "generating capacity.", low=0),
    Param("ground.heat_rate", "Btu/kWh", "Fuel energy burned per unit of electricity.", low=0),
    Param("ground.gas_price", "USD/MMBtu", "Price of natural gas.", low=0),
    Param("ground.solar_cost", "USD/W", "Installed solar capital per watt of array (DC) "
          "capacity.", low=0),
    Param("ground.solar_capacity_factor", "1", "Solar array output over a year ÷ its nameplate "
          "power × hours.", low=0, low_open=True, high=1),
    Param("ground.battery_cost", "USD/kWh", "Battery capital per kWh of storage.", low=0),
    Param("ground.storage_duration", "h", "Hours of facility load the batteries hold (the share "
          "of each day's energy that passes through them is this ÷ 24 h).", low=0, high=24),
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
          low=1, high=100),
    Param("ground.compute_failure_rate", "1/yr", "Fraction of the ground site's compute replaced "
          "each year.", low=0, high=1),
    Param("ground.water_intensity", "L/kWh", "Water consumed per kWh of IT energy.", low=0),
    Param("ground.water_price", "USD/m^3", "Price of water.", low=0),
    Param("ground.time_to_power", "yr", "Years the site waits for power before it is energised.",
          low=0, high=20),
    Choice("ground.delay_cost_model", ("idle_capital", "lost_output"),
           "How the wait for power is costed: 'idle_capital' = the capital's yearly charge "
           "(capital recovery factor × capital) for each idle year; 'lost_output' = the value of "
           "the compute not delivered, at ground.output_value."),
    Param("ground.output_value", "USD/MWh", "Value of one MWh of IT energy delivered (what the "
          "compute earns), for ground.delay_cost_model = 'lost_output'.", low=0),
)

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
    Result("ground.delay_cost", "USD", "Cost of waiting ground.time_to_power for power."),
    Result("ground.benchmark_total", "USD", "The whole ground cost when ground.cost_model = "
           "'benchmark' (0 otherwise)."),
    Result("ground.total_cost", "USD", "Total cost of the ground side over the period (present "
           "value; the plain sum at a zero discount rate)."),
    Result("ground.energy_cost", "USD", "IT plus cooling energy (McCalip's 'fuel')."),
    Result("ground.cost_per_watt", "USD/W", "Total cost per watt of IT power."),
    Result("ground.it_energy", "TWh", "IT energy delivered over the period: power × capacity "
           "factor × years × finance.year_length."),
    Result("ground.energy_price", "USD/MWh", "Marginal price of one MWh of facility energy: "
           "grid price, fuel (heat rate × gas price) or 0 for solar."),
    Result("ground.lcoe", "USD/MWh", "Levelised cost per MWh of IT energy."),
    Result("ground.cost_per_kw_year", "USD/kW/yr", "Levelised cost per kW of IT per year."),
    Result("ground.cost_per_gpu_hour", "USD/h", "Cost of one accelerator-hour: LCOE × "
           "compare.accelerator_power."),
    Result("ground.power_cost_per_kw_year", "USD/kW/yr", "Power alone per kW of IT per year: "
           "generation and backup capital × capital recovery factor, plus the year's energy "
           "(Suncatcher's 'terrestrial power spend' when there is no capital)."),
    Result("ground.water_use", "Mt", "Water consumed over the period."),
)


def fuel_price(heat_rate, gas_price):
    """Fuel cost per unit of electricity [USD/J] = heat rate [J fuel / J electric] × gas price
    [USD/J fuel]. McCalip math.js: fuel $/MWh = heat rate (Btu/kWh) × gas ($/MMBtu) / 1000."""
    return heat_rate * gas_price


def solar_battery_capital(facility_power, solar_cost, solar_cf, battery_cost, storage_hours,
                          efficiency):
    """Capital [USD] of solar plus batteries that carry an average ``facility_power`` [W].

    solar_cost [USD/W], solar_cf [1], battery_cost [USD/J], storage_hours [s], efficiency
    (round trip) [1]. The stored share of the energy is storage/24 h and loses (1 − η) of
    itself, so the array is P / cf × (1 − share + share/η). orbital's own sizing (a simple
    energy balance).
    """
    share = np.minimum(storage_hours / 86400.0, 1.0)
    array = facility_power / solar_cf * (1.0 - share + share / efficiency)
    return array * solar_cost + facility_power * storage_hours * battery_cost


def step(s, r):
    """Pipeline step: cost the ground side (SI in, SI out)."""
    p = s["space.target_power"]
    years = s["finance.analysis_period"] / YEAR
    rate = s["finance.discount_rate"] * YEAR
    annuity = annuity_factor(rate, years)
    crf = capital_recovery_factor(rate, years)
    hours = s["finance.year_length"]
    pue = s["ground.pue"]
    cf = s["ground.capacity_factor"]
    source = s["ground.power_source"]
    zero = 0.0 * p

    if source == "grid":
        price = s["ground.grid_price"] + zero
        generation = zero
    elif source == "gas":
        price = fuel_price(s["ground.heat_rate"], s["ground.gas_price"]) + zero
        # McCalip math.js: power-gen $/W = turbine $/kW · PUE / 1000
        generation = s["ground.turbine_cost"] * pue * p
    elif source == "solar_battery":
        price = zero
        generation = solar_battery_capital(p * pue * cf, s["ground.solar_cost"],
                                           s["ground.solar_capacity_factor"],
                                           s["ground.battery_cost"],
                                           s["ground.storage_duration"],
                                           s["ground.battery_efficiency"])
    else:
        raise ValueError(f"unknown ground.power_source {source!r}")

    it_energy_year = p * cf * hours  # J per year
    items = {
        "ground.power_generation_cost": generation,
        "ground.backup_power_cost": s["ground.backup_power"] * p,
        "ground.electrical_cost": s["ground.electrical"] * p,
        "ground.mechanical_cost": s["ground.mechanical"] * p,
        "ground.civil_cost": s["ground.civil"] * p,
        "ground.fitout_cost": s["ground.fitout"] * p,
        "ground.compute_cost": s["compare.compute_cost_per_watt"] * p *
        renewal_factor(rate, years, s["ground.compute_refresh"] / YEAR),
    }
    plant = sum(items[k] for k in BREAKDOWN[:6])
    capital = plant + items["ground.compute_cost"]
    items["ground.it_energy_cost"] = annuity * it_energy_year * price
    items["ground.cooling_energy_cost"] = annuity * it_energy_year * (pue - 1.0) * price
    # L/kWh and USD/m^3 in SI are both per-volume quantities: m^3/J × USD/m^3
    items["ground.water_cost"] = annuity * it_energy_year * s["ground.water_intensity"] * \
        s["ground.water_price"]
    items["ground.operations_cost"] = annuity * s["ground.operations_rate"] * YEAR * plant
    items["ground.replacement_cost"] = annuity * s["ground.compute_failure_rate"] * YEAR * \
        s["compare.compute_cost_per_watt"] * p
    delay = s["ground.time_to_power"] / YEAR
    if s["ground.delay_cost_model"] == "idle_capital":
        items["ground.delay_cost"] = capital * crf * annuity_factor(rate, delay)
    else:
        items["ground.delay_cost"] = it_energy_year * s["ground.output_value"] * \
            annuity_factor(rate, delay)
    benchmark = s["ground.cost_model"] == "benchmark"
    if benchmark:
        items = {k: zero for k in items}
        items["ground.benchmark_total"] = s["ground.benchmark_cost"] * p
    else:
        items["ground.benchmark_total"] = zero
    total = sum(items[k] for k in BREAKDOWN)
    r.update(items)
    r["ground.total_cost"] = total
    r["ground.energy_cost"] = items["ground.it_energy_cost"] + items["ground.cooling_energy_cost"]
    r["ground.cost_per_watt"] = total / p
    r["ground.it_energy"] = it_energy_year * years
    r["ground.energy_price"] = price
    r["ground.lcoe"] = total / (annuity * it_energy_year)
    r["ground.cost_per_kw_year"] = total / annuity / p / YEAR
    r["ground.cost_per_gpu_hour"] = r["ground.lcoe"] * s["compare.accelerator_power"]
    r["ground.power_cost_per_kw_year"] = zero if benchmark else (
        (generation + items["ground.backup_power_cost"]) * crf
        + it_energy_year * pue * price) / p / YEAR
    # water (kg) = IT energy [J] × intensity [m³/J] × 1000 kg/m³; not known for a benchmark
    r["ground.water_use"] = zero if benchmark else \
        it_energy_year * years * s["ground.water_intensity"] * 1000.0 + zero
