"""Spacecraft mass roll-up: whole-spacecraft kW per tonne from arrays, radiators, compute,
batteries, shielding, power management and bus — and what each must be for a target kW/t.

Per W of installed compute (IT) power, the spacecraft carries (kg/W):

    compute            c                                   (spacecraft.compute_mass_per_power)
    shielding          s                                   (spacecraft.shielding_mass_per_power)
    array              from :mod:`orbital.array`
    radiators          from :mod:`orbital.thermal`
    power management   p / η_pmad                          (per W of bus load)
    batteries          E / e_b, E = (1/η_pmad) · t_eclipse / DoD   (eclipse_model 'battery')
    bus and structure  f_bus × total, so total = Σ above / (1 − f_bus)

With batteries the compute runs through every eclipse (duty 1); with 'curtail' it stops in the
shadow and the delivered power is the annual mean sunlit fraction of the installed power. The
whole-spacecraft specific power is the delivered IT power per total mass, duty / total — the
bottom-up value of ``power.specific_power``. Battery sizing: Wertz & Larson, *Space Mission
Analysis and Design* 3rd ed., eq. 11-6 (C = P·T_e / (DoD·n·η), here n = 1 and the discharge
losses inside η_pmad).

What each component must be for a target kW/t is :mod:`orbital.space.requirements`: the
total is linear in each component, so allowed component mass = duty / target · (1 − f_bus) −
(everything else) (:func:`allowed_component_mass`).
"""
from __future__ import annotations

from ..core import floats
from ..core.spec import Choice, Param, Result, with_conditions

PARAMETERS = (
    Choice("spacecraft.eclipse_model", ("battery", "curtail"),
           "What eclipses cost: 'battery' = carry batteries to run compute through the longest "
           "eclipse (mass, and a bigger array to recharge); 'curtail' = stop compute in the "
           "shadow (delivered energy falls to the sunlit fraction)."),
    Param("spacecraft.battery_depth_of_discharge", "1", "Depth of discharge allowed in the "
          "longest eclipse (tens of thousands of LEO cycles need a shallow one).",
          low=0, low_open=True, high=1),
    Param("spacecraft.battery_specific_energy", "Wh/kg", "Battery energy per kg (installed "
          "pack level).", low=0, low_open=True),
    Param("spacecraft.battery_efficiency", "1", "Battery round-trip (charge × discharge) "
          "efficiency.", low=0, low_open=True, high=1),
    Param("spacecraft.power_management_efficiency", "1", "Power management and distribution "
          "efficiency from the array to the compute (regulation, conversion, harness).",
          low=0, low_open=True, high=1),
    Param("spacecraft.power_management_mass", "kg/kW", "Power management and distribution mass "
          "per kW of bus load.", low=0),
    Param("spacecraft.compute_mass_per_power", "kg/kW", "Compute hardware mass (chips, boards, "
          "chassis, cold plates) per kW of IT power.", low=0),
    Param("spacecraft.shielding_mass_per_power", "kg/kW", "Radiation shielding mass per kW of "
          "IT power.", low=0),
    Param("spacecraft.bus_mass_fraction", "1", "Bus and structure (attitude control, "
          "propulsion, avionics, structure) as a fraction of the whole spacecraft's mass.",
          low=0, high=1, high_open=True),
)
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "spacecraft.battery_depth_of_discharge": ({"spacecraft.eclipse_model": ("battery",)},),
    "spacecraft.battery_specific_energy": ({"spacecraft.eclipse_model": ("battery",)},),
    "spacecraft.battery_efficiency": ({"spacecraft.eclipse_model": ("battery",)},),
})

#: The mass breakdown, in roll-up order: (result name, what it is).
BREAKDOWN = (
    ("spacecraft.compute_mass", "compute hardware"),
    ("spacecraft.array_mass", "solar array"),
    ("spacecraft.radiator_mass", "radiators and their loop"),
    ("spacecraft.battery_mass", "batteries"),
    ("spacecraft.shielding_mass", "radiation shielding"),
    ("spacecraft.power_management_mass", "power management and distribution"),
    ("spacecraft.bus_mass", "bus and structure"),
)

#: Each breakdown result and its key in the :func:`mass_rollup` dict (made once, not per step).
PART_OF_RESULT = tuple(zip((name for name, _ in BREAKDOWN),
                           ("compute", "array", "radiator", "battery", "shielding",
                            "power_management", "bus")))

RESULTS = (
    Result("spacecraft.compute_duty", "1", "Fraction of the time the compute runs: 1 with "
           "batteries, the annual mean sunlit fraction when curtailed."),
    Result("spacecraft.battery_energy_per_power", "Wh/kW", "Battery capacity per kW of IT power "
           "to ride through the longest eclipse at the depth of discharge."),
    Result("spacecraft.battery_mass_per_power", "kg/kW", "Battery mass per kW of IT power."),
    Result("spacecraft.mass_per_power", "kg/kW", "Whole-spacecraft mass per kW of installed IT "
           "power."),
    Result("spacecraft.specific_power", "kW/t", "Whole-spacecraft specific power, bottom-up: "
           "delivered (time-averaged) IT power per tonne."),
    Result("spacecraft.delivered_energy", "MWh/t/yr", "Compute energy delivered per tonne of "
           "spacecraft per year."),
) + tuple(Result(name, "kg/t", f"Mass of the {what} per tonne of spacecraft.")
          for name, what in BREAKDOWN)


def battery_energy(load_power, eclipse_duration, depth_of_discharge):
    """Battery capacity [J] to carry ``load_power`` [W] through ``eclipse_duration`` [s] at
    ``depth_of_discharge`` [1]: E = P·t / DoD. Source: SMAD 3rd ed., eq. 11-6."""
    return load_power * eclipse_duration / depth_of_discharge


def battery_mass(energy, specific_energy):
    """Battery mass [kg] = energy [J] / specific_energy [J/kg]."""
    return energy / specific_energy


def mass_rollup(compute, array, radiator, battery, shielding, power_management, bus_fraction):
    """Whole-spacecraft mass from its parts (any consistent mass unit, e.g. kg per W of IT).

    Returns a dict with each part, ``bus`` = f_bus · total and ``total`` = Σ parts / (1 − f_bus),
    so that the parts plus the bus sum to the total. bus_fraction f_bus [1] in [0, 1).
    """
    subtotal = compute + array + radiator + battery + shielding + power_management
    total = subtotal / (1.0 - floats.asarray(bus_fraction))
    return {"compute": compute, "array": array, "radiator": radiator, "battery": battery,
            "shielding": shielding, "power_management": power_management,
            "bus": total - subtotal, "total": total}


def specific_power(mass_per_power, duty=1.0):
    """Delivered specific power [W/kg] = duty [1] / mass per W of installed IT power [kg/W]."""
    return duty / mass_per_power


def allowed_component_mass(target_specific_power, duty, bus_fraction, other_mass):
    """Mass per W of IT power [kg/W] one component may have for the spacecraft to reach
    ``target_specific_power`` [W/kg], holding ``other_mass`` [kg/W] (every other part, bus
    excluded), the bus fraction [1] and the duty [1]: duty/target · (1 − f_bus) − other.
    Not positive: the target is out of reach even with that component massless."""
    return duty / target_specific_power * (1.0 - bus_fraction) - other_mass


def step(s, r):
    """Pipeline step: batteries, the mass roll-up and kW/t (after orbit, array and thermal)."""
    eta = floats.asarray(s["spacecraft.power_management_efficiency"])
    load = 1.0 / eta
    battery = s["spacecraft.eclipse_model"] == "battery"
    if battery:
        energy = battery_energy(load, r["orbit.longest_eclipse"],
                                s["spacecraft.battery_depth_of_discharge"])
        duty = 1.0 + 0.0 * floats.asarray(r["orbit.sunlit_fraction"])
    else:
        energy = 0.0 * floats.asarray(r["orbit.longest_eclipse"])
        duty = floats.asarray(r["orbit.sunlit_fraction"])
    m_batt = battery_mass(energy, s["spacecraft.battery_specific_energy"])
    parts = mass_rollup(s["spacecraft.compute_mass_per_power"], r["array.mass_per_power"],
                        r["thermal.mass_per_power"], m_batt,
                        s["spacecraft.shielding_mass_per_power"],
                        s["spacecraft.power_management_mass"] * load,
                        s["spacecraft.bus_mass_fraction"])
    total = parts["total"]
    sp = specific_power(total, duty)
    r["spacecraft.compute_duty"] = duty
    r["spacecraft.battery_energy_per_power"] = energy
    r["spacecraft.battery_mass_per_power"] = m_batt
    r["spacecraft.mass_per_power"] = total
    r["spacecraft.specific_power"] = sp
    r["spacecraft.delivered_energy"] = sp  # W/kg of delivered power is J/(kg·s) of energy
    for name, key in PART_OF_RESULT:
        r[name] = parts[key] / total
