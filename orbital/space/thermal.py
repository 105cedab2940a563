"""Radiators: the area and mass that reject the heat of each kW of compute.

Every watt the bus delivers ends as heat (IT power plus the power-management losses), and the
radiator rejects it to space at temperature T. Per m² of panel, with n radiating sides each of
emissivity ε, the net flux is the Stefan–Boltzmann emission less what the panel absorbs from the
Earth (infrared at the mean outgoing long-wave flux, absorbed at ε; sunlight reflected at the
Earth's albedo, absorbed at the solar absorptance α) through its view factor F to the Earth:

    q_net = n · ε σ T⁴ − Σ_sides F · (ε · OLR + α · a · S · cos β / π)

cos β / π is the orbit average of the sub-satellite Sun elevation's sine (max(0, cos β cos θ)
averaged over the orbit angle θ), taken at the year's smallest |β| (the hot case). The panel is
kept edge-on to the Sun (no direct sunlight). Sources: Gilmore, *Spacecraft Thermal Control
Handbook* vol. 1 (2002), ch. 2 (environment, view factors of a plate to a sphere) and ch. 6
(radiators); NASA/TM-2001-211221 (OLR 237 W/m², albedo 0.30); σ exact in the 2019 SI.

Area = heat / q_net and mass = area × areal density × loop overhead (pumps, pipes, fluid,
manifolds; ×1.3, an estimate in ../shared/reference/sources.md). A q_net ≤ 0 means the radiator
cannot reject anything at that temperature there: the area is nan.
"""
from __future__ import annotations

import math

import numpy as np

from ..core import floats
from ..core.constants import EARTH_R
from ..core.spec import Choice, Param, Result

#: Stefan–Boltzmann constant σ = 2π⁵k⁴/(15h³c²) [W/(m²·K⁴)], exact from the 2019 SI's
#: Boltzmann constant k, Planck constant h and speed of light c (5.670374419…e-8).
STEFAN_BOLTZMANN = 2.0 * np.pi ** 5 * 1.380649e-23 ** 4 / (15.0 * 6.62607015e-34 ** 3 *
                                                          299792458.0 ** 2)

PARAMETERS = (
    Param("thermal.temperature", "K", "Radiating temperature of the radiator panels.",
          low=0, low_open=True, high=2000),
    Param("thermal.emissivity", "1", "Infrared emissivity of the radiator surface (also its "
          "infrared absorptance).", low=0, low_open=True, high=1),
    Param("thermal.solar_absorptance", "1", "Solar absorptance of the radiator surface (for "
          "Earth-reflected sunlight).", low=0, high=1),
    Param("thermal.sides", "1", "Radiating sides of each panel (1 or 2).", low=1, high=2,
          integer=True),
    Choice("thermal.orientation", ("edge_on", "nadir"),
           "'edge_on': panel normal horizontal, each side sees the Earth at a grazing view "
           "factor; 'nadir': one side faces the Earth (view factor (R/(R+h))²), the other deep "
           "space (a one-sided panel faces space)."),
    Param("thermal.earth_ir", "W/m^2", "Earth's mean outgoing long-wave (infrared) flux at the "
          "top of the atmosphere.", low=0),
    Param("thermal.albedo", "1", "Earth's albedo (fraction of sunlight reflected).", low=0,
          high=1),
    Param("thermal.areal_density", "kg/m^2", "Radiator panel mass per m² of panel (both sides "
          "radiate from the same m²).", low=0, low_open=True),
    Param("thermal.loop_overhead", "1", "Radiator mass multiplier for pumps, pipes, fluid and "
          "manifolds (1.3 = +30 %).", low=1),
)

RESULTS = (
    Result("thermal.heat_per_power", "1", "Heat to reject per W of IT power: IT power plus "
           "power-management losses."),
    Result("thermal.earth_view_factor", "1", "View factor to the Earth of one Earth-seeing side "
           "of a panel at the orbit's altitude."),
    Result("thermal.emitted_flux", "W/m^2", "Emission of one side, εσT⁴."),
    Result("thermal.absorbed_flux", "W/m^2", "Earth infrared and albedo absorbed per m² of panel "
           "(all sides, hot case)."),
    Result("thermal.net_flux", "W/m^2", "Net heat rejected per m² of panel (all sides)."),
    Result("thermal.area_per_power", "m^2/kW", "Radiator panel area per kW of IT power."),
    Result("thermal.mass_per_power", "kg/kW", "Radiator mass (loop overhead included) per kW of "
           "IT power."),
)


def emitted_flux(temperature, emissivity):
    """Radiated flux of one grey surface [W/m²] = ε σ T⁴ (temperature [K], emissivity [1]).
    Source: Stefan–Boltzmann law."""
    t = floats.asarray(temperature)
    return emissivity * STEFAN_BOLTZMANN * t ** 4


def view_factor_nadir(altitude, radius=EARTH_R):
    """View factor [1] to the Earth of a flat plate facing nadir at ``altitude`` [m]:
    F = (R/(R+h))² = 1/H². Source: Gilmore (2002) vol. 1, ch. 2, plate facing a sphere."""
    return (radius / (radius + floats.asarray(altitude))) ** 2


def view_factor_edge_on(altitude, radius=EARTH_R):
    """View factor [1] to the Earth of one side of a flat plate whose normal is horizontal
    (perpendicular to nadir) at ``altitude`` [m]:

    F = (1/π) [arctan(1/X) − X/H²], H = (R+h)/R, X = √(H² − 1).

    Tends to 1/2 at the surface and to 2/(3πH³) far away. Source: Gilmore (2002) vol. 1,
    ch. 2, view factor of a plate perpendicular to the local vertical.
    """
    hh = (radius + floats.asarray(altitude)) / radius
    x = floats.sqrt(hh * hh - 1.0)
    return (floats.arctan(1.0 / x) - x / (hh * hh)) / np.pi


def earth_flux_absorbed(view_factor, emissivity, solar_absorptance, earth_ir, albedo, irradiance,
                        beta=0.0):
    """Orbit-average flux [W/m²] one side absorbs from the Earth.

    F · (ε · OLR + α · a · S · cos β / π), with view_factor F [1], emissivity ε and
    solar_absorptance α [1], earth_ir OLR [W/m²], albedo a [1], irradiance S [W/m²] and β [rad].
    Source: Gilmore (2002) vol. 1, ch. 2 (albedo flux ∝ cosine of the solar zenith; its orbit
    average over the lit half is cos β / π).
    """
    return view_factor * (emissivity * earth_ir +
                          solar_absorptance * albedo * irradiance * floats.cos(beta) / np.pi)


def radiator_net_flux(temperature, emissivity, solar_absorptance, altitude, sides=2,
                      orientation="edge_on", earth_ir=237.0, albedo=0.30, irradiance=1361.0,
                      beta=0.0):
    """Net heat rejected per m² of radiator panel [W/m²] (all radiating sides).

    temperature [K], emissivity and solar_absorptance [1], altitude [m], sides [1] (1 or 2),
    orientation 'edge_on' (each side sees :func:`view_factor_edge_on`) or 'nadir' (with two
    sides, one sees :func:`view_factor_nadir`, the other deep space; a single side faces
    space), earth_ir [W/m²], albedo [1], irradiance [W/m²], beta [rad]. Deep space (3 K) is
    taken as 0 K.
    """
    sides = floats.asarray(sides)
    if orientation == "edge_on":
        f, seeing = view_factor_edge_on(altitude), sides
    elif orientation == "nadir":
        f, seeing = view_factor_nadir(altitude), sides - 1.0
    else:
        raise ValueError(f"unknown thermal.orientation {orientation!r}")
    absorbed = seeing * earth_flux_absorbed(f, emissivity, solar_absorptance, earth_ir, albedo,
                                            irradiance, beta)
    return sides * emitted_flux(temperature, emissivity) - absorbed


def radiator_area(heat, net_flux):
    """Radiator panel area [m²] to reject ``heat`` [W] at ``net_flux`` [W/m²]; nan where the net
    flux is not positive (the panel cannot reject heat there)."""
    q = floats.asarray(net_flux)
    if type(q) is float and type(heat) is float:  # one sample: no errstate, no arrays
        return heat / q if q > 0.0 else math.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(q > 0.0, heat / np.where(q > 0.0, q, 1.0), np.nan)


def radiator_mass(area, areal_density, loop_overhead=1.0):
    """Radiator mass [kg] = area [m²] × areal_density [kg/m²] × loop_overhead [1]."""
    return area * areal_density * loop_overhead


def radiator_temperature(net_flux, emissivity, sides=2, absorbed=0.0):
    """Panel temperature [K] that rejects ``net_flux`` [W/m², all sides] while absorbing
    ``absorbed`` [W/m²]: the inverse of :func:`radiator_net_flux`, T = ((q + q_abs)/(nεσ))^¼."""
    return ((floats.asarray(net_flux) + absorbed) /
            (floats.asarray(sides) * emissivity * STEFAN_BOLTZMANN)) ** 0.25


def step(s, r):
    """Pipeline step: radiator flux, area and mass per W of IT power (after :mod:`orbit`)."""
    h = s["orbit.altitude"]
    orientation = s["thermal.orientation"]
    f = view_factor_edge_on(h) if orientation == "edge_on" else view_factor_nadir(h)
    q = radiator_net_flux(s["thermal.temperature"], s["thermal.emissivity"],
                          s["thermal.solar_absorptance"], h, s["thermal.sides"], orientation,
                          s["thermal.earth_ir"], s["thermal.albedo"], s["array.irradiance"],
                          r["orbit.min_beta_angle"])
    emitted = emitted_flux(s["thermal.temperature"], s["thermal.emissivity"])
    heat = 1.0 / floats.asarray(s["spacecraft.power_management_efficiency"])
    area = radiator_area(heat, q)
    r["thermal.heat_per_power"] = heat
    r["thermal.earth_view_factor"] = f
    r["thermal.emitted_flux"] = emitted
    r["thermal.absorbed_flux"] = s["thermal.sides"] * emitted - q
    r["thermal.net_flux"] = q
    r["thermal.area_per_power"] = area
    r["thermal.mass_per_power"] = radiator_mass(area, s["thermal.areal_density"],
                                                s["thermal.loop_overhead"])
