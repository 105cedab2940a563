"""Human labels: one table, keyed by parameter or result name, that every widget, metric,
table and chart reads (``label("launch.price_per_kg")`` → ``Launch price to LEO ($/kg)``).

The dotted name stays the key everywhere else (files, ``--set``, URLs, help texts, table
columns for scripting); this table only says it in words. A name missing here is labelled
from its doc's first phrase, else from the name itself, so a new parameter never shows blank.
"""
from __future__ import annotations

import functools
import re

from ..core.numbers import fmt_number
from ..core.units import format_unit
from . import catalogue

#: Words for each name (no unit: :func:`label` adds it).
WORDS = {
    # parameters
    "orbit.model": "Orbit type", "orbit.altitude": "Orbit altitude",
    "orbit.inclination": "Orbit inclination", "orbit.ltan": "Local time of ascending node",
    "array.irradiance": "Sunlight at 1 au", "array.cell_efficiency": "Solar cell efficiency",
    "array.packing_factor": "Array packing factor",
    "array.operating_factor": "Array operating factor", "array.mass_model": "Array mass model",
    "array.areal_density": "Array mass per area", "array.specific_power": "Array power per mass",
    "array.design_life": "Array design life", "thermal.temperature": "Radiator temperature",
    "thermal.emissivity": "Radiator emissivity",
    "thermal.solar_absorptance": "Radiator solar absorptance",
    "thermal.sides": "Radiating sides per panel", "thermal.orientation": "Radiator orientation",
    "thermal.earth_ir": "Earth's infrared flux", "thermal.albedo": "Earth's albedo",
    "thermal.areal_density": "Radiator mass per area",
    "thermal.loop_overhead": "Radiator loop mass multiplier",
    "spacecraft.eclipse_model": "Eclipse handling",
    "spacecraft.battery_depth_of_discharge": "Battery depth of discharge",
    "spacecraft.battery_specific_energy": "Battery energy per mass",
    "spacecraft.battery_efficiency": "Battery round-trip efficiency",
    "spacecraft.power_management_efficiency": "Power distribution efficiency",
    "spacecraft.power_management_mass": "Power distribution mass",
    "spacecraft.compute_mass_per_power": "Compute hardware mass",
    "spacecraft.shielding_mass_per_power": "Radiation shielding mass",
    "spacecraft.bus_mass_fraction": "Bus and structure share of mass",
    "power.model": "Specific power source", "power.specific_power": "Compute power per tonne",
    "launch.price_model": "Launch price source", "launch.price_per_kg": "Launch price to LEO",
    "launch.payload_per_flight": "Payload per flight",
    "launch.vehicle_build_cost": "Vehicle build cost",
    "launch.reuses_per_vehicle": "Flights per vehicle",
    "launch.refurbishment_per_flight": "Refurbishment per flight",
    "launch.propellant_per_flight": "Propellant per flight",
    "launch.operations_per_flight": "Launch operations per flight",
    "launch.margin": "Launch provider's margin",
    "launch.max_flights_per_year": "Most flights per year",
    "learning.model": "Launch learning model", "learning.floor_model": "Launch price floor model",
    "learning.rate": "Launch learning rate, drop per doubling",
    "learning.reference_mass": "Mass launched at the base price",
    "learning.initial_cumulative_mass": "Mass already launched at the start",
    "learning.price_floor": "Launch price floor",
    "learning.target_price_per_kg": "Target launch price",
    "transfer.leo_altitude": "Delivery orbit altitude",
    "transfer.plane_change": "Plane change to the operating orbit",
    "transfer.launch_latitude": "Launch site latitude",
    "transfer.isp": "Transfer tug specific impulse",
    "transfer.tug_dry_fraction": "Transfer tug dry mass share",
    "transfer.delta_v_margin": "Δv reserve", "finance.analysis_period": "Analysis period",
    "finance.rate_model": "Cost of capital model",
    "finance.discount_rate": "Discount rate, cost of capital",
    "finance.compounding": "Compounding", "finance.residual_value": "Residual value",
    "finance.year_length": "Hours of operation per year",
    "buildout.mass_per_year": "Mass launched per year",
    "buildout.mass_growth_rate": "Growth of launched mass",
    "buildout.array_degradation": "Array power lost per year",
    "buildout.compute_failure_rate": "Compute failing per year",
    "buildout.failure_restoration": "Failed compute handling",
    "buildout.replacement_mass_fraction": "Replacement mass per failed mass",
    "buildout.service_life": "Spacecraft service life",
    "lunar.speed_model": "Lunar launch speed model",
    "lunar.given_launch_speed": "Lunar launch speed",
    "lunar.llo_altitude": "Low lunar orbit altitude",
    "lunar.acceleration": "Mass driver acceleration", "lunar.efficiency": "Mass driver efficiency",
    "lunar.duty_cycle": "Mass driver duty cycle", "lunar.shots_per_second": "Shots per second",
    "lunar.payload_per_shot": "Payload per shot", "lunar.hardware_cost": "Mass driver build cost",
    "lunar.shipped_mass": "Mass shipped to the Moon",
    "lunar.surface_delivery_factor": "Lunar surface price ÷ LEO price",
    "lunar.shot_life": "Shots between refurbishments",
    "lunar.refurbishment_cost": "Cost of one refurbishment", "lunar.base_life": "Lunar base life",
    "lunar.catch_cost_per_kg": "Catching cost", "lunar.lunar_mass_share": "Lunar share of mass",
    "lunar.operations_per_year": "Lunar operations per year",
    "lunar.electricity_price": "Lunar electricity price",
    "space.target_power": "Target compute power", "space.capacity_factor": "Space utilisation",
    "space.discount_rate": "Space cost of capital",
    "space.discount_rate_used": "Space cost of capital used",
    "ground.discount_rate_used": "Ground cost of capital used",
    "space.satellite_power": "Power per satellite",
    "space.sunlight_fraction": "Time in sunlight", "space.sunlight_model": "Sunlight source",
    "space.sizing": "Fleet sizing for degradation", "space.fleet_renewal": "Fleet renewal",
    "space.satellite_rounding": "Satellite count rounding",
    "space.hardware_cost_basis": "Satellite cost basis",
    "space.satellite_cost_per_watt": "Satellite cost per watt",
    "space.build_cost_per_kg": "Spacecraft build cost per kg",
    "space.launch_pricing": "Launch price paid",
    "space.launch_destination": "Launch price delivers to",
    "space.replacement_model": "Paying for restored failures",
    "space.operations_rate": "Space operations per year, share of hardware",
    "space.nre": "Non-recurring engineering", "space.ground_segment": "Ground segment",
    "space.launch_insurance": "Launch insurance", "ground.cost_model": "Ground cost model",
    "ground.benchmark_cost": "Ground benchmark cost", "ground.power_source": "Ground power source",
    "ground.grid_price": "Grid electricity price", "ground.turbine_cost": "Gas turbine cost",
    "ground.heat_rate": "Gas turbine heat rate", "ground.gas_price": "Natural gas price",
    "ground.solar_cost": "Solar array cost",
    "ground.solar_capacity_factor": "Solar capacity factor",
    "ground.battery_cost": "Ground battery cost", "ground.storage_duration": "Battery hours",
    "ground.night_length": "Hours without sun", "ground.battery_life": "Ground battery life",
    "ground.battery_efficiency": "Ground battery efficiency",
    "ground.backup_power": "Backup power", "ground.electrical": "Electrical plant",
    "ground.mechanical": "Cooling plant", "ground.civil": "Civil works and shell",
    "ground.fitout": "Network and fit-out", "ground.pue": "Power usage effectiveness, PUE",
    "ground.capacity_factor": "Ground utilisation",
    "ground.operations_rate": "Ground operations per year, share of capital",
    "ground.compute_refresh": "Ground compute refresh",
    "ground.compute_failure_rate": "Ground compute failing per year",
    "ground.water_intensity": "Water per kWh", "ground.water_price": "Water price",
    "ground.time_to_power": "Wait for grid power", "ground.output_value": "Value of output",
    "ground.discount_rate": "Ground cost of capital", "ground.facility_life": "Facility life",
    "ground.power_plant_life": "Power plant life", "compare.method": "Comparison method",
    "compare.compute_cost_per_watt": "Compute hardware cost",
    "compare.accelerator_power": "Power per accelerator",
    "compare.compute_efficiency": "Accelerator performance per watt",
    "space.cost_per_pflop_hour": "Space cost per PFLOP-hour",
    "ground.cost_per_pflop_hour": "Ground cost per PFLOP-hour",
    "timeline.space_cost_per_pflop_hour": "Space vintage per PFLOP-hour",
    "timeline.ground_cost_per_pflop_hour": "Ground vintage per PFLOP-hour",
    "timeline.start_year": "First year", "timeline.satellite_learning_rate":
    "Satellite cost learning rate", "timeline.target_year": "Year orbit should win by",
    "ground.build_rate": "Ground build rate",
    "timeline.ground_market_premium": "Ground market price premium (lens)",
    "timeline.space_deployment": "Space fleet on the time axis",
    "timeline.space_accelerator_hours": "Space accelerator-hours delivered",
    "timeline.ground_accelerator_hours": "Ground accelerator-hours delivered",
    "timeline.space_replacement_capital": "Space capital on replacements",
    "timeline.ground_replacement_capital": "Ground capital on replacements",
    "timeline.ground_market_price": "Ground market price (lens, not a cost)",
    "compare.market_crossover_year": "Orbit undercuts the ground's market price from (lens)",
    "compare.market_crossover_status": "Market lens crossover status",
    "timeline.ground_budget_model": "Ground budget for the equal-money comparison",
    "timeline.ground_budget": "Ground budget a year",
    "timeline.ground_budget_capacity": "Ground IT power the same money builds",
    "timeline.ground_capital_cost_per_watt": "Ground capital per watt energised",
    "compare.budget_capacity_year": "Orbit's fleet outgrows the ground, equal money",
    "compare.budget_capacity_status": "Equal-money capacity status",
    # results shown on the page
    "buildout.power_added_per_year": "Power added per year, gross",
    "launch.spend_per_year": "Launch spend per year",
    "launch.flights_per_year": "Flights flown per year",
    "launch.initial_price_per_kg": "First-year launch price",
    "launch.floor_mass": "Cumulative mass at the launch price floor",
    "space.cost_per_watt": "Space cost per watt", "ground.cost_per_watt": "Ground cost per watt",
    "space.lcoe": "Space cost per MWh", "ground.lcoe": "Ground cost per MWh",
    "compare.cost_ratio": "Space ÷ ground cost per MWh",
    "compare.breakeven_price_per_kg": "Break-even launch price",
    "buildout.steady_state_power": "Steady-state fleet",
    "lunar.delivered_price_per_kg": "Lunar material delivered to LEO",
    "compare.crossover_year": "Orbit wins from",
    "compare.capacity_year": "Space fleet reaches its target",
    "ground.capacity_year": "Ground reaches the target",
    "spacecraft.specific_power": "Bottom-up compute power per tonne",
    "buildout.final_installed_power": "Fleet power in the last year",
    "buildout.total_launch_spend": "Launch spend over the period",
    "compare.price_needed_by_target_year": "Launch price needed by the target year",
    "space.launch_price_per_kg": "Launch price the fleet pays",
    "buildout.price_per_kg": "Launch price paid", "buildout.installed_power": "Installed fleet",
    "buildout.net_power_added": "Net power added",
    "orbit.sunlit_fraction": "Time in sunlight over a year",
    "orbit.eclipse_days": "Days with eclipses", "orbit.longest_eclipse": "Longest eclipse",
    "space.energy": "Space IT energy over the period",
    "ground.it_energy": "Ground IT energy over the period",
    "ground.it_energy_cost": "Energy for the IT load",
    "ground.cooling_energy_cost": "Energy for cooling and overhead",
    # power on Earth and the time axis
    "ground.time_to_power_model": "Time-to-power model", "ground.lead_time": "Power lead time",
    "ground.queue_backlog": "Queue ahead of the site", "ground.queue_rate": "Queue served a year",
    "ground.turbine_size": "Gas turbine size", "ground.gas_heat_content": "Gas heat content",
    "ground.solar_land_use": "Solar land use", "ground.smoothing_storage": "Smoothing batteries",
    "grid.available_capacity": "Grid capacity available at any hour",
    "grid.average_load": "Grid mean load", "grid.daily_swing": "Daily load swing",
    "grid.storage_efficiency": "Grid battery round-trip efficiency",
    "race.solar_build_rate": "Solar built a year", "race.gas_build_rate": "Gas built a year",
    "race.compute_share": "Share of new power for data centres",
    "race.accelerator_supply": "Accelerators shipped a year",
    "race.growth_rate": "Build-rate growth",
    "ground.time_to_power_used": "Ground time to power",
    "ground.generation_capacity": "Generating capacity on site",
    "ground.turbine_count": "Gas turbines on site", "ground.gas_burned": "Gas burned a year",
    "ground.gas_volume": "Gas burned a year (volume)", "ground.battery_power": "Battery power",
    "ground.solar_power": "Solar array", "ground.land_area": "Solar land",
    "ground.battery_energy": "Battery energy", "ground.lost_output_value": "Output forgone waiting",
    "grid.peak_load": "Daily peak load", "grid.flat_load_with_storage":
    "Flat load the grid adds with batteries", "grid.flat_load_without_storage":
    "Flat load the grid adds without batteries", "grid.storage_power": "Grid batteries' power",
    "grid.storage_energy": "Grid batteries' energy", "grid.storage_cost": "Grid batteries' cost",
    "grid.shifted_energy": "Energy moved into the peak", "grid.added_energy":
    "Energy added a year", "grid.spare_energy": "Spare energy a year",
    "grid.output_ratio": "Grid output with batteries (× today's)",
    "grid.compute_power": "24/7 compute that runs", "grid.capacity_to_double":
    "Capacity needed to double output", "race.solar_firm_power": "24/7 power from a year's solar",
    "race.night_storage_needed": "Batteries a year's solar needs for its nights",
    "race.power_limited_compute": "Compute a year's power build runs",
    "race.ground_compute_added": "Ground compute added a year",
    "race.chips_idle": "Accelerators idle for lack of power",
    "race.space_to_ground": "Orbit's additions ÷ the ground's",
    "race.ground_added": "Ground compute added", "race.space_added": "Orbit compute added",
    "timeline.year": "Calendar year", "timeline.space_lcoe": "Space vintage cost per MWh",
    "timeline.ground_lcoe": "Ground vintage cost per MWh",
    "timeline.space_capacity": "Space compute in service",
    "timeline.ground_capacity": "Ground compute in service",
    "compare.total_cost_ratio": "Space ÷ ground, totals",
    "compare.lcoe_difference": "Space − ground cost per MWh",
    "compare.breakeven_paid_price_per_kg": "Break-even price paid per kg delivered",
    "compare.allowable_launch_and_build_per_kg": "Allowable launch + build per kg",
    "timeline.space_npv": "Space cash flows, present value",
    "timeline.ground_npv": "Ground cash flows, present value",
    "lunar.delivered_price_per_kg": "Lunar material delivered to LEO",
    # the two sides' costs, part by part (the report's breakdown)
    "space.hardware_cost": "Satellite hardware", "space.compute_cost": "Compute hardware",
    "space.launch_cost": "Launch", "space.insurance_cost": "Launch insurance",
    "space.operations_cost": "Operations", "space.replacement_cost": "Restoring failed compute",
    "space.total_cost": "Space total cost", "ground.compute_cost": "Compute hardware",
    "ground.mechanical_cost": "Cooling plant", "ground.water_cost": "Water",
    "ground.delay_cost": "Financing while waiting for power",
    "ground.benchmark_total": "Benchmark total", "ground.total_cost": "Ground total cost",
    "compare.required_specific_power": "Compute power per tonne to match the ground",
    # the ground year by year
    "ground.build_model": "Ground build model", "ground.power_share":
    "Programme's share of the region's power build", "ground.chip_share":
    "Programme's share of the accelerators", "ground.hardware_price_decline":
    "Ground hardware price fall a year", "race.turbine_deliveries": "Gas turbines delivered a year",
    "race.grid_connection_rate": "Large loads the grid connects a year",
    "race.battery_build_rate": "Batteries installed a year",
    "race.gas_built": "Gas actually built a year",
    "race.turbines_bind": "Turbine deliveries cap the gas build",
    "race.batteries_bind": "Battery installs cap the 24/7 solar",
    "ground.gas_cycle": "Gas turbine cycle", "ground.simple_cycle_cost":
    "Simple-cycle turbine capital", "ground.simple_cycle_heat_rate": "Simple-cycle heat rate",
    "ground.power_build_rate": "Ground power build a year",
    "ground.power_build_limit": "What sets the ground's power build",
    "ground.batteries_bind": "Battery installs limit the power build",
    "ground.power_build_years": "Years the power build limits the ground",
    "ground.chip_years": "Years the chips limit the ground",
    "ground.power_build_binds": "Power build limits the ground",
    "ground.chips_bind": "Chips limit the ground",
    "ground.build_constraint": "What limits the ground",
}

#: Units said the way a reader writes them.
_UNIT_WORDS = (("USD", "$"), ("MMBtu", "million Btu"))


def unit_text(unit: str) -> str:
    """A declared unit for people: ``USD/kg`` → ``$/kg``; a pure number → ``""``."""
    try:
        text = format_unit(unit) if unit else ""
    except Exception:  # a display unit pint does not know ("billion USD/yr"): as written
        text = unit
    if text in ("", "1", "dimensionless"):
        return ""
    if text.startswith("1 / ") or text.startswith("1/"):
        return "per " + text.split("/", 1)[1].strip()
    for a, b in _UNIT_WORDS:
        text = text.replace(a, b)
    return text


def value_text(v: float, unit: str) -> str:
    """A value with its unit as a reader writes it: ``$245 million``, ``$3,606/kg``,
    ``$100 billion/yr``, ``0.12 per yr``; millions and more in words."""
    u = unit_text(unit)
    a = abs(float(v))
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if size * (1 - 1e-9) <= a < 1e15:  # 999,999.9999999998 t/yr is 1 million
            n = f"{fmt_number(v / size)} {word}"
            break
    else:
        n = fmt_number(v)
    if u == "$" or u.startswith("$/"):
        return f"${n}{u[1:]}" if not n.startswith("-") else f"-${n[1:]}{u[1:]}"
    return f"{n} {u}" if u else n


@functools.lru_cache(maxsize=None)
def words(name: str) -> str:
    """``name`` in words, without its unit."""
    if name in WORDS:
        return WORDS[name]
    spec = _spec(name)
    if spec is not None and getattr(spec, "doc", ""):
        first = re.split(r"[:;(]|\. |\.$| — | = ", spec.doc)[0].strip().rstrip(",")
        dotted = re.search(r"[a-z][._][a-z]", first)  # a doc quoting another name
        if 3 < len(first) <= 50 and "'" not in first and not dotted:
            return first
    section, _, rest = name.partition(".")
    return f"{section.capitalize()}: {rest.replace('_', ' ')}" if rest else name


def label(name: str, unit: str | None = None, result: bool = False) -> str:
    """``name`` in words with its unit in brackets, e.g. ``Launch price to LEO ($/kg)``;
    ``unit`` overrides the declared one (e.g. a scaled metric); ``result`` reads the result of
    that name where a parameter has the same one."""
    if unit is None:
        spec = _spec(name, result)
        unit = "" if spec is None or getattr(spec, "kind", "") == "choice" else spec.unit
    u = unit_text(unit) if unit not in ("calendar year",) else ""
    w = words(name)
    if u == "per yr" and "per year" in w:  # "Flights per year", not "... (per yr)"
        u = ""
    return f"{w} ({u})" if u else w


def _spec(name: str, result: bool = False):
    tables = (catalogue.parameters(), catalogue.results())
    for table in (tables[::-1] if result else tables):
        if name in table:
            return table[name]
    return None
