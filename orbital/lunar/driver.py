"""The lunar mass driver: launch speed, track, energy, power, throughput, cost per kg, GW/yr.

Physics (O'Neill & Kolm 1976–80; NASA SP-428, 1977; ../shared/reference/published-models.md §7):
track length L = v²/(2a); specific energy E = v²/2; average electric power
P = (mass per second) · E / η; throughput = shots per second · payload per shot · duty cycle.
The Moon's μ and R are boinor's (:mod:`orbital.constants`, checked against boinor in tests).
All functions take and return SI floats or numpy arrays and broadcast.
"""
from __future__ import annotations

import numpy as np

from ..core.constants import MOON_MU, MOON_R
from ..core.spec import Choice, Param, Result, with_conditions

PARAMETERS = (
    Choice("lunar.speed_model", ("escape", "llo", "given"),
           "Launch speed: 'escape' = lunar escape speed √(2μ/R) at the surface; 'llo' = the "
           "surface (periapsis) speed of the transfer ellipse up to lunar.llo_altitude; 'given' = "
           "lunar.given_launch_speed."),
    Param("lunar.given_launch_speed", "km/s", "Launch speed when lunar.speed_model = 'given'.",
          low=0, low_open=True, high=10),
    Param("lunar.llo_altitude", "km", "Altitude of the low lunar orbit for lunar.speed_model = "
          "'llo'.", low=0, high=10000),
    Param("lunar.acceleration", "g0", "Acceleration along the track.", low=0, low_open=True),
    Param("lunar.efficiency", "1", "Electric-to-kinetic efficiency of the driver.",
          low=0, low_open=True, high=1),
    Param("lunar.duty_cycle", "1", "Fraction of the time the driver fires (maintenance, night, "
          "power availability).", low=0, high=1),
    Param("lunar.shots_per_second", "1/s", "Firing rate while the driver runs.", low=0),
    Param("lunar.payload_per_shot", "kg", "Payload mass per shot (excluding any recirculated "
          "bucket).", low=0, low_open=True),
    Param("lunar.hardware_cost", "USD", "Build cost of the driver, its power plant and the base "
          "equipment (before shipping).", low=0),
    Param("lunar.shipped_mass", "t", "Mass of driver, power plant and base shipped from Earth to "
          "the lunar surface.", low=0),
    Param("lunar.surface_delivery_factor", "1", "Price per kg delivered to the lunar surface ÷ "
          "price per kg to LEO (rocket-equation multiplier, tankers included).", low=1),
    Param("lunar.shot_life", "1", "Shots the driver makes before it must be rebuilt (its "
          "amortisation life).", low=1, log_scale=True),
    Param("lunar.operations_per_year", "USD/yr", "Yearly cost of operating the driver and base.",
          low=0),
    Param("lunar.electricity_price", "USD/kWh", "Cost of electricity at the lunar base.", low=0),
    Param("lunar.specific_power", "kW/t", "Power per tonne when lunar-launched mass becomes "
          "arrays and compute in orbit.", low=0, log_scale=True),
)
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "lunar.given_launch_speed": ({"lunar.speed_model": ("given",)},),
})

RESULTS = (
    Result("lunar.escape_speed", "km/s", "Lunar escape speed at the surface, √(2μ/R)."),
    Result("lunar.llo_speed", "km/s", "Surface speed of the transfer ellipse to the low lunar "
           "orbit at lunar.llo_altitude."),
    Result("lunar.launch_speed", "km/s", "Launch speed used, per lunar.speed_model."),
    Result("lunar.track_length", "km", "Track length to reach the launch speed, v²/(2a)."),
    Result("lunar.specific_energy", "MJ/kg", "Kinetic energy per kg launched, v²/2."),
    Result("lunar.throughput", "t/yr", "Mass launched per year: shots/s × payload × duty cycle."),
    Result("lunar.electric_power", "MW", "Average electric power drawn (over the duty cycle)."),
    Result("lunar.peak_electric_power", "MW", "Electric power while firing."),
    Result("lunar.driver_life", "yr", "Years until the driver reaches its shot life."),
    Result("lunar.capital_cost", "USD", "Hardware cost plus shipping from Earth to the surface."),
    Result("lunar.capital_per_kg", "USD/kg", "Capital amortised over the driver's shot life, per "
           "kg launched."),
    Result("lunar.operations_per_kg", "USD/kg", "Operations per kg launched."),
    Result("lunar.electricity_per_kg", "USD/kg", "Electricity per kg launched (E/η × price)."),
    Result("lunar.cost_per_kg", "USD/kg", "Cost per kg launched from the Moon: capital + "
           "operations + electricity."),
    Result("lunar.power_added_per_year", "GW/yr", "Power added per year when the throughput "
           "becomes arrays and compute at lunar.specific_power."),
    Result("lunar.cost_ratio_to_earth", "1", "Lunar cost per kg ÷ the first-year Earth launch "
           "price per kg."),
)


def escape_speed(mu=MOON_MU, radius=MOON_R):
    """Escape speed √(2μ/r) [m/s] from μ [m³/s²] and r [m]."""
    return np.sqrt(2.0 * mu / radius)


def transfer_periapsis_speed(mu, r_periapsis, r_apoapsis):
    """Periapsis speed [m/s] of the ellipse between r_periapsis and r_apoapsis [m] (vis-viva):
    v = √(2μ·r_a / (r_p·(r_p + r_a))). Equal to the circular speed when r_a = r_p."""
    return np.sqrt(2.0 * mu * r_apoapsis / (r_periapsis * (r_periapsis + r_apoapsis)))


def track_length(speed, acceleration):
    """Track length [m] to reach ``speed`` [m/s] at constant ``acceleration`` [m/s²]: v²/(2a)."""
    return speed ** 2 / (2.0 * acceleration)


def specific_energy(speed):
    """Kinetic energy per unit mass [J/kg] at ``speed`` [m/s]: v²/2."""
    return 0.5 * speed ** 2


def throughput(shots_per_second, payload_per_shot, duty_cycle):
    """Average mass rate [kg/s] = shots per second [1/s] × payload per shot [kg] × duty [1]."""
    return shots_per_second * payload_per_shot * duty_cycle


def electric_power(mass_rate, energy_per_kg, efficiency):
    """Electric power [W] for a mass rate [kg/s] at a specific energy [J/kg] and efficiency [1]."""
    return mass_rate * energy_per_kg / efficiency


def launch_speed(model, given, llo_altitude):
    """Launch speed [m/s] per the speed model ('escape', 'llo' or 'given')."""
    if model == "escape":
        return escape_speed() + 0.0 * given
    if model == "llo":
        return transfer_periapsis_speed(MOON_MU, MOON_R, MOON_R + llo_altitude) + 0.0 * given
    return given


def step(s, r):
    """Pipeline step: the lunar mass driver beside Earth launch (SI in, SI out)."""
    v = launch_speed(s["lunar.speed_model"], s["lunar.given_launch_speed"],
                     s["lunar.llo_altitude"])
    r["lunar.escape_speed"] = escape_speed()
    r["lunar.llo_speed"] = transfer_periapsis_speed(MOON_MU, MOON_R,
                                                    MOON_R + s["lunar.llo_altitude"])
    r["lunar.launch_speed"] = v
    r["lunar.track_length"] = track_length(v, s["lunar.acceleration"])
    energy = specific_energy(v)
    r["lunar.specific_energy"] = energy
    shots = s["lunar.shots_per_second"]
    payload = s["lunar.payload_per_shot"]
    duty = s["lunar.duty_cycle"]
    eff = s["lunar.efficiency"]
    rate = throughput(shots, payload, duty)
    r["lunar.throughput"] = rate
    r["lunar.electric_power"] = electric_power(rate, energy, eff)
    r["lunar.peak_electric_power"] = electric_power(shots * payload, energy, eff)
    fired = shots * duty  # shots per second, averaged
    with np.errstate(divide="ignore", invalid="ignore"):
        r["lunar.driver_life"] = np.where(fired > 0, s["lunar.shot_life"] / np.where(
            fired > 0, fired, 1.0), np.inf)
        capital = s["lunar.hardware_cost"] + (s["lunar.shipped_mass"] *
                                              s["lunar.surface_delivery_factor"] *
                                              r["launch.initial_price_per_kg"])
        r["lunar.capital_cost"] = capital
        r["lunar.capital_per_kg"] = capital / (s["lunar.shot_life"] * payload)
        r["lunar.operations_per_kg"] = np.where(rate > 0, s["lunar.operations_per_year"] /
                                                np.where(rate > 0, rate, 1.0), np.inf)
        r["lunar.electricity_per_kg"] = energy / eff * s["lunar.electricity_price"]
        r["lunar.cost_per_kg"] = (r["lunar.capital_per_kg"] + r["lunar.operations_per_kg"]
                                  + r["lunar.electricity_per_kg"])
        r["lunar.power_added_per_year"] = rate * s["lunar.specific_power"]
        r["lunar.cost_ratio_to_earth"] = r["lunar.cost_per_kg"] / r["launch.initial_price_per_kg"]
