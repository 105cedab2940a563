"""The lunar mass driver: launch speed, track, energy, power, throughput, and what a kg costs
delivered where Earth launch delivers it, and the GW/yr it can add.

Physics (O'Neill & Kolm 1976–80; NASA SP-428, 1977; ../shared/reference/published-models.md §7):
track length L = v²/(2a); specific energy E = v²/2; average electric power
P = (mass per second) · E / η; throughput = shots per second · payload per shot · duty cycle.
The Moon's μ and R are boinor's (:mod:`orbital.core.constants`, checked against boinor in tests).

Economics, comparable with Earth launch:

- at the Moon, per kg launched: the base and driver's capital (hardware + shipping) recovered
  over ``lunar.base_life`` at the space side's cost of capital, CRF(r, T) · capital per year
  ÷ throughput; track and coil refurbishment every ``lunar.shot_life`` shots; operations;
  electricity E/η × price;
- delivered to LEO: what is launched must be caught (``lunar.catch_cost_per_kg``) and brought
  down to low Earth orbit, the reverse of the trip out (trans-lunar injection, plus lunar orbit
  insertion when launched only to low lunar orbit; patched conics in
  :mod:`orbital.space.transfer`), so each kg in LEO needs the rocket equation's mass ratio of
  lunar mass (tug and propellant from the Moon too): $/kg in LEO = (cost at the Moon + catch)
  × mass ratio; to the fleet's orbit it pays ``transfer.mass_ratio`` more, like Earth mass;
- GW/yr: only ``lunar.lunar_mass_share`` of a spacecraft can be made of lunar material; the rest
  is launched from Earth, so the lunar stream builds spacecraft of (lunar mass ÷ share), at
  most what the year's Earth tonnage can complete, at ``power.specific_power``.
All functions take and return SI floats or numpy arrays and broadcast.
"""
from __future__ import annotations

import numpy as np

from ..core import floats
from ..core.constants import MOON_MU, MOON_R, YEAR
from ..core.numbers import fmt_number
from ..core.spec import Choice, Limit, Param, Result, with_conditions
from ..programme import finance
from ..space.transfer import leo_mass_per_delivered, trans_lunar_burns

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
    Param("lunar.shot_life", "1", "Shots the driver's track and coils take before they must be "
          "refurbished.", low=1, log_scale=True),
    Param("lunar.refurbishment_cost", "USD", "Cost of one refurbishment of the track and coils "
          "(every lunar.shot_life shots).", low=0),
    Param("lunar.base_life", "yr", "Years the base, driver and power plant serve: their capital "
          "is recovered over it at the space side's cost of capital.", low=0, low_open=True,
          high=100),
    Param("lunar.catch_cost_per_kg", "USD/kg", "Catching and collecting the launched mass "
          "(catcher, tug operations), per kg launched.", low=0),
    Param("lunar.lunar_mass_share", "1", "Share of a spacecraft's mass that can be made from "
          "lunar material (the rest is launched from Earth).", low=0, low_open=True, high=1),
    Param("lunar.operations_per_year", "USD/yr", "Yearly cost of operating the driver and base.",
          low=0),
    Param("lunar.electricity_price", "USD/kWh", "Cost of electricity at the lunar base.", low=0),
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
    Result("lunar.capital_per_kg", "USD/kg", "Capital recovered over lunar.base_life at the space "
           "rate, per kg launched."),
    Result("lunar.refurbishment_per_kg", "USD/kg", "Track and coil refurbishment per kg "
           "launched."),
    Result("lunar.operations_per_kg", "USD/kg", "Operations per kg launched."),
    Result("lunar.electricity_per_kg", "USD/kg", "Electricity per kg launched (E/η × price)."),
    Result("lunar.cost_per_kg", "USD/kg", "Cost per kg launched from the Moon: capital + "
           "refurbishment + operations + electricity (at the Moon, not yet delivered)."),
    Result("lunar.return_delta_v", "km/s", "Δv from the launch trajectory down to LEO (trans-lunar "
           "injection reversed, plus lunar orbit insertion for an LLO launch; with margin)."),
    Result("lunar.return_mass_ratio", "1", "Lunar mass launched per kg delivered to LEO."),
    Result("lunar.delivered_price_per_kg", "USD/kg", "Cost per kg of lunar material delivered to "
           "LEO: (cost per kg + catch) × return mass ratio; compare launch.initial_price_per_kg."),
    Result("lunar.operating_orbit_price_per_kg", "USD/kg", "The same delivered to the fleet's "
           "orbit (× transfer.mass_ratio); compare space.launch_price_per_kg."),
    Result("lunar.delivered_mass", "t/yr", "Lunar mass delivered to LEO per year."),
    Result("lunar.earth_mass_needed", "t/yr", "Earth-launched mass a year needed to complete "
           "spacecraft with all the delivered lunar mass."),
    Result("lunar.power_added_per_year", "GW/yr", "Power added per year by spacecraft built with "
           "lunar material (share lunar.lunar_mass_share), completed by at most the year's Earth "
           "tonnage, at power.specific_power."),
    Limit("lunar.earth_supply_binds", "1", "1 where the year's Earth tonnage cannot complete "
          "spacecraft for all the delivered lunar mass.", message=lambda res, i: (
              f"lunar material is only {fmt_number(100 * res.value_at('lunar.lunar_mass_share', i))}"
              f" % of a spacecraft: the {fmt_number(res.value_at('lunar.delivered_mass', i))} t/yr"
              f" delivered needs {fmt_number(res.value_at('lunar.earth_mass_needed', i))} t/yr "
              f"from Earth, which launches {fmt_number(res.value_at('launch.first_year_mass', i))}"
              " t/yr"), affects=("lunar.power_added_per_year",)),
    Result("lunar.cost_ratio_to_earth", "1", "Lunar cost per kg delivered to LEO ÷ the "
           "Earth launch price per kg to LEO when the analysis starts "
           "(launch.initial_price_per_kg, as the side-by-side shows them)."),
)


def escape_speed(mu=MOON_MU, radius=MOON_R):
    """Escape speed √(2μ/r) [m/s] from μ [m³/s²] and r [m]."""
    return floats.sqrt(2.0 * mu / radius)


def transfer_periapsis_speed(mu, r_periapsis, r_apoapsis):
    """Periapsis speed [m/s] of the ellipse between r_periapsis and r_apoapsis [m] (vis-viva):
    v = √(2μ·r_a / (r_p·(r_p + r_a))). Equal to the circular speed when r_a = r_p."""
    return floats.sqrt(2.0 * mu * r_apoapsis / (r_periapsis * (r_periapsis + r_apoapsis)))


#: The Moon's surface escape speed [m/s], a constant every evaluation reports.
ESCAPE_SPEED = escape_speed()


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
        return ESCAPE_SPEED + 0.0 * given
    if model == "llo":
        return transfer_periapsis_speed(MOON_MU, MOON_R, MOON_R + llo_altitude) + 0.0 * given
    return given


def step(s, r):
    """Pipeline step: the lunar mass driver beside Earth launch (SI in, SI out)."""
    v = launch_speed(s["lunar.speed_model"], s["lunar.given_launch_speed"],
                     s["lunar.llo_altitude"])
    r["lunar.escape_speed"] = ESCAPE_SPEED
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
    # every division below has a non-zero denominator by the inputs' ranges (or a guard), bar
    # the last, which floats.divide keeps quiet: no np.errstate needed on either path
    firing = fired > 0
    r["lunar.driver_life"] = floats.where(firing, s["lunar.shot_life"] / floats.where(
        firing, fired, 1.0), np.inf)
    capital = s["lunar.hardware_cost"] + (s["lunar.shipped_mass"] *
                                          s["lunar.surface_delivery_factor"] *
                                          r["launch.initial_price_per_kg"])
    r["lunar.capital_cost"] = capital
    rate_per_year = finance.rate(s, "space")
    crf = finance.capital_recovery_factor(rate_per_year, s["lunar.base_life"] / YEAR,
                                          finance.periods_per_year(s))
    launched_per_year = rate * YEAR
    zero = launched_per_year <= 0
    per_year = floats.where(zero, 1.0, launched_per_year)
    r["lunar.capital_per_kg"] = floats.where(zero, np.inf, capital * crf / per_year)
    r["lunar.refurbishment_per_kg"] = s["lunar.refurbishment_cost"] / (
        s["lunar.shot_life"] * payload)
    r["lunar.operations_per_kg"] = floats.where(zero, np.inf, s["lunar.operations_per_year"] *
                                                YEAR / per_year)
    r["lunar.electricity_per_kg"] = energy / eff * s["lunar.electricity_price"]
    r["lunar.cost_per_kg"] = (r["lunar.capital_per_kg"] + r["lunar.refurbishment_per_kg"]
                              + r["lunar.operations_per_kg"] + r["lunar.electricity_per_kg"])
    tli, loi = trans_lunar_burns(s["transfer.leo_altitude"], s["lunar.llo_altitude"])
    margin = 1.0 + floats.asarray(s["transfer.delta_v_margin"])
    back = margin * (tli + (loi if s["lunar.speed_model"] == "llo" else 0.0))
    ratio = leo_mass_per_delivered(back, s["transfer.isp"], s["transfer.tug_dry_fraction"])
    r["lunar.return_delta_v"] = back
    r["lunar.return_mass_ratio"] = ratio
    delivered = (r["lunar.cost_per_kg"] + s["lunar.catch_cost_per_kg"]) * ratio
    r["lunar.delivered_price_per_kg"] = delivered
    factor = r["transfer.mass_ratio"] if s["space.launch_destination"] == \
        "operating_orbit" else 1.0
    r["lunar.operating_orbit_price_per_kg"] = delivered * factor
    mass = rate / ratio
    share = s["lunar.lunar_mass_share"]
    needed = mass * (1.0 - share) / share
    earth = r["launch.first_year_mass"]
    partial = share < 1
    usable = floats.minimum(mass, floats.where(partial, earth * share / floats.where(
        partial, 1.0 - share, 1.0), np.inf))
    r["lunar.delivered_mass"] = mass
    r["lunar.earth_mass_needed"] = needed
    r["lunar.earth_supply_binds"] = floats.astype_float(needed > earth * (1 + 1e-12))
    r["lunar.power_added_per_year"] = usable / share * r["power.specific_power"]
    r["lunar.cost_ratio_to_earth"] = floats.divide(delivered, r["launch.initial_price_per_kg"])
