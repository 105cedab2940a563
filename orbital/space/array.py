"""Solar array: the rated array power, area and mass needed per kW of compute (IT) power.

The array must carry the bus load P_load = P_IT / η_pmad in the worst season, and with batteries
also recharge them through the longest eclipses (SMAD's array sizing, Wertz & Larson, *Space
Mission Analysis and Design*, 3rd ed., eq. 11-5, with one round-trip battery efficiency):

    P_array = P_load · (1 + f / ((1 − f) · η_batt))      (batteries; f = worst eclipse fraction)
    P_array = P_load                                      (curtail compute in shadow)

The rating (beginning of life, at 1 au, AM0) is that power over the worst-season irradiance
factor (aphelion), the operating factor (temperature, pointing, mismatch) and the degradation
over the design life: P_rated = P_array / (k_season · k_op · (1 − d)^L). Its area is
P_rated / (S · η_cell · packing) and its mass is area × areal density, or P_rated / wing-level
specific power. All functions are vectorised; per-kW results are ratios (W per W, m² per W,
kg per W) of IT power.
"""
from __future__ import annotations

import numpy as np

from ..core import floats
from ..core.constants import YEAR
from ..core.spec import Choice, Param, Result, with_conditions

PARAMETERS = (
    Param("array.irradiance", "W/m^2", "Solar irradiance at 1 au (total solar irradiance).",
          low=0, low_open=True),
    Param("array.cell_efficiency", "1", "Cell conversion efficiency at AM0, beginning of life.",
          low=0, low_open=True, high=1),
    Param("array.packing_factor", "1", "Fraction of the array area covered by active cells.",
          low=0, low_open=True, high=1),
    Param("array.operating_factor", "1", "Output in operation over the rated output: cell "
          "temperature, pointing, mismatch and wiring losses (1 = none).",
          low=0, low_open=True, high=1),
    Choice("array.mass_model", ("areal_density", "specific_power"),
           "How the array mass follows from its rating: 'areal_density' = area × "
           "array.areal_density; 'specific_power' = rated power ÷ array.specific_power."),
    Param("array.areal_density", "kg/m^2", "Wing-level array mass per m² (cells, substrate, "
          "harness, deployment and boom).", low=0, low_open=True),
    Param("array.specific_power", "W/kg", "Wing-level specific power: rated power at 1 au, "
          "beginning of life, per kg of array wing.", low=0, low_open=True, log_scale=True),
    Param("array.design_life", "yr", "Years of degradation (at buildout.array_degradation) the "
          "array is oversized for. 0 = size at beginning of life, which is right when the "
          "buildout ledger applies the degradation to the fleet (else it counts twice).",
          low=0, high=100),
)
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "array.areal_density": ({"array.mass_model": ("areal_density",)},),
    "array.specific_power": ({"array.mass_model": ("specific_power",)},),
})

RESULTS = (
    Result("array.design_irradiance", "W/m^2", "Irradiance the array is sized for: at 1 au "
           "times the year's smallest (1 au / distance)² (aphelion)."),
    Result("array.power_ratio", "1", "Rated array power (1 au, beginning of life) per W of IT "
           "power."),
    Result("array.rated_specific_power", "W/kg", "Rated array power per kg of array used: "
           "array.specific_power, or irradiance × efficiency × packing ÷ areal density."),
    Result("array.area_per_power", "m^2/kW", "Array area per kW of IT power."),
    Result("array.mass_per_power", "kg/kW", "Array mass per kW of IT power."),
)


def array_power_ratio(power_management_efficiency, eclipse_fraction=0.0, battery_efficiency=1.0,
                      use_battery=True):
    """Array output needed in operation per W of IT power [W/W].

    P_array / P_IT = (1/η_pmad) · (1 + f / ((1 − f) · η_batt)) with batteries, 1/η_pmad without.
    power_management_efficiency η_pmad [1], eclipse_fraction f [1] (the worst orbit),
    battery_efficiency η_batt [1] (round trip), use_battery [bool or bool array].
    Source: Wertz & Larson, SMAD 3rd ed., eq. 11-5 (direct energy transfer, X_e·X_d → η_batt).
    """
    load = 1.0 / floats.asarray(power_management_efficiency)
    f = floats.asarray(eclipse_fraction)
    recharge = f / ((1.0 - f) * floats.asarray(battery_efficiency))
    return load * (1.0 + floats.where(use_battery, recharge, 0.0))


def rated_power_ratio(operating_ratio, season_factor=1.0, operating_factor=1.0, degradation=0.0,
                      design_life=0.0):
    """Rated array power (1 au, AM0, beginning of life) per W of power needed in operation [W/W].

    P_rated = P_array / (k_season · k_op · (1 − d)^L), with operating_ratio P_array [W/W],
    season_factor k_season [1] (worst (1 au / r)²), operating_factor k_op [1], degradation d
    [1/yr] and design_life L [yr]. Source: SMAD 3rd ed. §11.4 (inherent degradation and life
    degradation L_d = (1 − d)^L).
    """
    life = (1.0 - floats.asarray(degradation)) ** floats.asarray(design_life)
    return operating_ratio / (season_factor * operating_factor * life)


def array_power_density(irradiance, cell_efficiency, packing_factor):
    """Rated electric output per m² of array [W/m²] = S · η_cell · packing (S [W/m²] at 1 au)."""
    return irradiance * cell_efficiency * packing_factor


def array_area(rated_power, irradiance, cell_efficiency, packing_factor):
    """Array area [m²] for a rated power [W] at irradiance [W/m²], efficiency and packing [1]."""
    return rated_power / array_power_density(irradiance, cell_efficiency, packing_factor)


def array_mass(rated_power, area, mass_model, areal_density=np.nan, specific_power=np.nan):
    """Array mass [kg]: ``area`` [m²] × ``areal_density`` [kg/m²] for mass_model
    'areal_density', ``rated_power`` [W] ÷ ``specific_power`` [W/kg] for 'specific_power'."""
    if mass_model == "areal_density":
        return area * areal_density
    if mass_model == "specific_power":
        return rated_power / specific_power
    raise ValueError(f"unknown array.mass_model {mass_model!r}")


def step(s, r):
    """Pipeline step: the array per W of IT power (needs orbit results and the spacecraft's
    power-management and battery inputs)."""
    use_battery = s["spacecraft.eclipse_model"] == "battery"
    need = array_power_ratio(s["spacecraft.power_management_efficiency"],
                             r["orbit.max_eclipse_fraction"],
                             s["spacecraft.battery_efficiency"], use_battery)
    rated = rated_power_ratio(need, r["orbit.min_irradiance_factor"], s["array.operating_factor"],
                              s["buildout.array_degradation"] * YEAR, s["array.design_life"] / YEAR)
    area = array_area(rated, s["array.irradiance"], s["array.cell_efficiency"],
                      s["array.packing_factor"])
    mass = array_mass(rated, area, s["array.mass_model"], s["array.areal_density"],
                      s["array.specific_power"])
    r["array.design_irradiance"] = s["array.irradiance"] * r["orbit.min_irradiance_factor"]
    r["array.power_ratio"] = rated
    r["array.rated_specific_power"] = rated / mass
    r["array.area_per_power"] = area
    r["array.mass_per_power"] = mass

