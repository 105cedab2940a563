"""Getting there: Δv from low Earth orbit to the operating orbit, GEO and the Moon, and the
price per kg delivered there from the price per kg to LEO.

* Hohmann transfer between circular orbits, with the plane change combined into the burn at the
  larger radius (where the speed is lowest): Δv = √((v₁ − v₂)² + 4 v₁ v₂ sin²(Δi/2)) per burn,
  the law of cosines written without cancellation (Vallado, 4th ed., §6.4–6.5; boinor
  ``Maneuver.hohmann`` for the coplanar burns).
* Rocket equation with an expendable tug of dry fraction ε = m_dry / (m_dry + m_prop):
  R = exp(Δv / (g₀ Isp)), propellant per kg of payload m_p = (R − 1) / (1 − k (R − 1)) with
  k = ε / (1 − ε), and LEO mass per kg delivered m₀ = 1 + (1 + k) m_p (Tsiolkovsky; Curtis,
  *Orbital Mechanics for Engineering Students*, §11.3). No tug can do it when k (R − 1) ≥ 1.
* The Moon by patched conics: trans-lunar injection is the perigee burn of the ellipse from LEO
  to the Moon's mean distance; lunar orbit insertion takes the arrival v∞ down to a circular low
  lunar orbit; descent and ascent between that orbit and the surface are a Hohmann transfer
  grazing the surface (Curtis §8; Bate, Mueller & White ch. 7). Escape from the surface is
  √(2μ/R). These are impulsive ideals: ``transfer.delta_v_margin`` adds the reserve the
  published budgets carry (Acta Astronautica 177:351, 2020: 5 %).

* The launch-site inclination penalty: a launcher at latitude φ gains most from the Earth's
  rotation flying due east into an orbit inclined φ; flying into inclination i it must supply
  v_rel(i) = √(v² + v_s² − 2·v·ω_E·R_E·cos i) relative to the ground (v the orbital speed,
  v_s = ω_E·R_E·cos φ the site's speed; spherical trigonometry, cos i = cos φ·sin A), so it pays
  Δv = v_rel(i_park) − v_rel(φ) more than the price's own due-east orbit. The parking orbit is
  the operating inclination less ``transfer.plane_change``, clipped to [φ, 180° − φ] (a site
  cannot launch directly below its latitude); what the clip leaves joins the in-orbit plane
  change (Vallado, 4th ed., §6.4; Curtis §11). This is charged through the same rocket equation
  as the transfer.

The tug's build cost is not counted: the price delivered is the LEO price of everything the tug
stack weighs in LEO.
"""
from __future__ import annotations

import math

import numpy as np

from ..core import floats
from ..core.constants import EARTH_MU, EARTH_R, G0, MOON_MU, MOON_R
from ..core.deferred import Deferred
from ..core.spec import Param, Result
from .orbit import semi_major_axis, sun_synchronous_inclination

#: Sidereal day [s] (definition of the geostationary period).
SIDEREAL_DAY = 86164.0905
#: Radius of the geostationary orbit [m]: a = (μ (T/2π)²)^(1/3) for the sidereal day T.
GEO_RADIUS = (EARTH_MU * (SIDEREAL_DAY / (2.0 * np.pi)) ** 2) ** (1.0 / 3.0)
#: Earth's sidereal rotation rate [rad/s] (IERS Conventions 2010: 7.292115e-5 rad/s).
EARTH_ROTATION = 7.292115e-5
#: Mean Earth–Moon distance [m] (semi-major axis of the Moon's orbit; NASA Moon fact sheet).
LUNAR_DISTANCE = 384_400e3

PARAMETERS = (
    Param("transfer.leo_altitude", "km", "Altitude of the circular low Earth orbit the launcher "
          "delivers to (where the launch price applies).", low=100, high=2000),
    Param("transfer.plane_change", "deg", "Inclination change from the LEO parking orbit to the "
          "operating orbit (0 = launched straight into the operating orbit's plane).",
          low=0, high=180),
    Param("transfer.launch_latitude", "deg", "Latitude of the launch site: the inclination the "
          "launch price is quoted for (due east), and of the parking orbit from which GEO is "
          "reached.", low=0, high=90),
    Param("transfer.isp", "s", "Specific impulse of the transfer tug's engines.", low=0,
          low_open=True),
    Param("transfer.tug_dry_fraction", "1", "Tug dry mass / (dry + propellant mass), expended "
          "with each delivery.", low=0, high=1, high_open=True),
    Param("transfer.delta_v_margin", "1", "Reserve added to every ideal (impulsive) Δv for "
          "gravity and steering losses (0.05 = +5 %).", low=0),
)

RESULTS = (
    Result("transfer.delta_v", "km/s", "Δv from the launch price's due-east LEO to the "
           "operating orbit: the launch-site inclination penalty, then Hohmann with the plane "
           "change, plus the margin."),
    Result("transfer.inclination_penalty", "km/s", "Extra ascent Δv to launch into the "
           "parking inclination instead of due east from transfer.launch_latitude."),
    Result("transfer.mass_ratio", "1", "Mass in LEO per kg delivered to the operating orbit "
           "(payload + tug + propellant)."),
    Result("transfer.price_per_kg", "USD/kg", "Price per kg delivered to the operating orbit: "
           "LEO price (first year) × mass ratio."),
    Result("transfer.sso_delta_v", "km/s", "Δv from due-east LEO to the sun-synchronous orbit "
           "at orbit.altitude (launched into its plane: the inclination penalty plus the "
           "Hohmann transfer and margin)."),
    Result("transfer.sso_price_per_kg", "USD/kg", "Price per kg delivered to that "
           "sun-synchronous orbit."),
    Result("transfer.geo_delta_v", "km/s", "Δv from LEO at the launch latitude to GEO "
           "(Hohmann, plane change at apogee)."),
    Result("transfer.geo_price_per_kg", "USD/kg", "Price per kg delivered to GEO."),
    Result("transfer.llo_delta_v", "km/s", "Δv from LEO to a low lunar orbit at "
           "lunar.llo_altitude (trans-lunar injection + lunar orbit insertion)."),
    Result("transfer.llo_price_per_kg", "USD/kg", "Price per kg delivered to low lunar orbit."),
    Result("transfer.lunar_surface_delta_v", "km/s", "Δv from LEO to the lunar surface (via "
           "low lunar orbit)."),
    Result("transfer.lunar_surface_price_per_kg", "USD/kg", "Price per kg delivered to the "
           "lunar surface."),
    Result("transfer.lunar_ascent_delta_v", "km/s", "Ideal Δv from the lunar surface to low "
           "lunar orbit (no margin): what a mass driver to orbit must give, plus circularising."),
    Result("transfer.lunar_escape_delta_v", "km/s", "Lunar escape speed from the surface, "
           "√(2μ/R)."),
)


def burn(v_from, v_to, plane_change=0.0):
    """Δv [m/s] of one impulsive burn from speed ``v_from`` to ``v_to`` [m/s] turning the
    velocity through ``plane_change`` [rad]: √((v₁ − v₂)² + 4 v₁ v₂ sin²(Δi/2)) (law of cosines;
    Vallado, 4th ed., eq. 6-25)."""
    half = floats.sin(floats.asarray(plane_change) / 2.0)
    return floats.sqrt((v_from - v_to) ** 2 + 4.0 * v_from * v_to * half * half)


def hohmann_burns(r1, r2, mu=EARTH_MU, plane_change=0.0):
    """The two burns (Δv₁ at r1, Δv₂ at r2) [m/s] of a Hohmann transfer between circular orbits
    of radii r1 and r2 [m] (μ [m³/s²]), with ``plane_change`` [rad] done at the larger radius.

    Without a plane change: Δv₁ = |√(μ/r₁)(√(2r₂/(r₁+r₂)) − 1)|, Δv₂ = |√(μ/r₂)(1 − √(2r₁/(r₁+r₂)))|
    (Vallado eq. 6-2; boinor ``Maneuver.hohmann``).
    """
    r1 = floats.asarray(r1)
    r2 = floats.asarray(r2)
    a = 0.5 * (r1 + r2)
    sqrt = floats.sqrt
    vc1, vc2 = sqrt(mu / r1), sqrt(mu / r2)
    vt1, vt2 = sqrt(mu * (2.0 / r1 - 1.0 / a)), sqrt(mu * (2.0 / r2 - 1.0 / a))
    at_2 = r2 >= r1
    di = floats.asarray(plane_change)
    return (burn(vc1, vt1, floats.where(at_2, 0.0, di)),
            burn(vt2, vc2, floats.where(at_2, di, 0.0)))


def hohmann_delta_v(altitude1, altitude2, plane_change=0.0, mu=EARTH_MU, radius=EARTH_R):
    """Total Δv [m/s] of a Hohmann transfer between circular orbits at ``altitude1`` and
    ``altitude2`` [m] with ``plane_change`` [rad] combined into the burn at the larger radius."""
    dv1, dv2 = hohmann_burns(semi_major_axis(altitude1, radius),
                             semi_major_axis(altitude2, radius), mu, plane_change)
    return dv1 + dv2


def rocket_mass_ratio(delta_v, isp):
    """Initial over final mass R = exp(Δv / (g₀ Isp)) [1], Δv [m/s], Isp [s] (Tsiolkovsky)."""
    return floats.exp(floats.asarray(delta_v) / (G0 * floats.asarray(isp)))


def leo_mass_per_delivered(delta_v, isp, dry_fraction):
    """Mass in LEO [kg] per kg of payload delivered through ``delta_v`` [m/s] by an expendable
    tug of specific impulse ``isp`` [s] and dry fraction ε = dry/(dry + propellant) [1].

    m₀/m_pl = 1 + (1 + k)(R − 1) / (1 − k (R − 1)), k = ε / (1 − ε), R = exp(Δv/(g₀ Isp));
    nan where k (R − 1) ≥ 1 (the tug cannot even push itself). Source: Curtis §11.3 (single
    stage with structural coefficient ε).
    """
    ratio = rocket_mass_ratio(delta_v, isp)
    eps = floats.asarray(dry_fraction)
    k = eps / (1.0 - eps)
    room = 1.0 - k * (ratio - 1.0)
    if type(room) is float:  # one sample: no errstate, and no division where it is discarded
        return 1.0 + (1.0 + k) * (ratio - 1.0) / room if room > 0.0 else math.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 1.0 + (1.0 + k) * (ratio - 1.0) / room
    return np.where(room > 0.0, out, np.nan)


def geo_delta_v(leo_altitude, launch_latitude, mu=EARTH_MU, radius=EARTH_R):
    """Δv [m/s] from a circular LEO at ``leo_altitude`` [m] inclined at ``launch_latitude`` [rad]
    to the geostationary orbit (Hohmann, whole plane change at apogee)."""
    return hohmann_delta_v(leo_altitude, GEO_RADIUS - radius, launch_latitude, mu, radius)


def trans_lunar_burns(leo_altitude, llo_altitude, mu_earth=EARTH_MU, mu_moon=MOON_MU,
                      earth_radius=EARTH_R, moon_radius=MOON_R, lunar_distance=LUNAR_DISTANCE):
    """(trans-lunar injection, lunar orbit insertion) Δv [m/s] by patched conics.

    TLI = v_perigee − v_LEO of the ellipse from LEO [m altitude] to the Moon's distance [m];
    v∞ = v_Moon − v_apogee; LOI = √(v∞² + 2μ_M/r) − √(μ_M/r) into a circular orbit at
    ``llo_altitude`` [m]. Source: Curtis, *Orbital Mechanics for Engineering Students*, §8.
    """
    r0 = semi_major_axis(leo_altitude, earth_radius)
    a = 0.5 * (r0 + lunar_distance)
    sqrt = floats.sqrt
    tli = sqrt(mu_earth * (2.0 / r0 - 1.0 / a)) - sqrt(mu_earth / r0)
    v_apo = sqrt(mu_earth * (2.0 / lunar_distance - 1.0 / a))
    v_inf = sqrt(mu_earth / lunar_distance) - v_apo
    r_llo = semi_major_axis(llo_altitude, moon_radius)
    loi = sqrt(v_inf ** 2 + 2.0 * mu_moon / r_llo) - sqrt(mu_moon / r_llo)
    return tli, loi


def lunar_descent_delta_v(llo_altitude, mu=MOON_MU, radius=MOON_R):
    """Ideal Δv [m/s] between a circular low lunar orbit at ``llo_altitude`` [m] and the surface
    (a Hohmann ellipse grazing the surface; the same in both directions, rotation ignored):
    (v_LLO − v_apoapsis) + v_periapsis. Source: vis-viva (Curtis §2)."""
    r = semi_major_axis(llo_altitude, radius)
    a = 0.5 * (r + radius)
    sqrt = floats.sqrt
    return (sqrt(mu / r) - sqrt(mu * (2.0 / r - 1.0 / a))) + sqrt(mu * (2.0 / radius - 1.0 / a))


def escape_speed(mu=MOON_MU, radius=MOON_R):
    """Escape speed √(2μ/R) [m/s] from the surface of a body of μ [m³/s²] and radius R [m]."""
    return floats.sqrt(2.0 * mu / radius)


def inclination_penalty(inclination, latitude, altitude, mu=EARTH_MU, radius=EARTH_R):
    """Extra ascent Δv [m/s] to launch from latitude φ [rad] into inclination i [rad]
    (circular orbit at ``altitude`` [m]) rather than due east (i = φ):
    v_rel(i) − v_rel(φ), v_rel(i) = √(v² + v_s² − 2·v·ω_E·R_E·cos i), v_s = ω_E·R_E·cos φ.
    i is taken as given (the caller clips it to what the site can reach)."""
    sqrt, cos = floats.sqrt, floats.cos
    v = sqrt(mu / (radius + floats.asarray(altitude)))
    ve = EARTH_ROTATION * radius
    vs = ve * cos(latitude)

    def v_rel(inc):
        return sqrt(v * v + vs * vs - 2.0 * v * ve * cos(inc))
    return v_rel(inclination) - v_rel(latitude)


def parking_inclination(operating, plane_change, latitude):
    """Parking inclination [rad] the site launches into and the in-orbit plane change [rad]
    left: clip(i_op − Δi, φ, π − φ), and |i_op − parking|."""
    park = floats.clip(operating - plane_change, latitude, np.pi - latitude)
    return park, floats.abs_(operating - park)


def delivered_price(leo_price, delta_v, isp, dry_fraction):
    """Price per kg delivered [USD/kg] = LEO price [USD/kg] × LEO mass per kg delivered
    (:func:`leo_mass_per_delivered`, Δv [m/s], Isp [s], dry fraction [1])."""
    return leo_price * leo_mass_per_delivered(delta_v, isp, dry_fraction)


def step(s, r):
    """Pipeline step: Δv and delivered prices (after :mod:`orbit` and :mod:`launch`)."""
    h_leo = s["transfer.leo_altitude"]
    margin = 1.0 + floats.asarray(s["transfer.delta_v_margin"])
    isp, eps = s["transfer.isp"], s["transfer.tug_dry_fraction"]
    price = r["launch.initial_price_per_kg"]
    h_op = s["orbit.altitude"]

    def deliver(prefix, dv):
        r[f"transfer.{prefix}delta_v"] = dv
        r[f"transfer.{prefix}price_per_kg"] = delivered_price(price, dv, isp, eps)

    lat = s["transfer.launch_latitude"]
    park, turn = parking_inclination(r["orbit.inclination"], s["transfer.plane_change"], lat)
    penalty = inclination_penalty(park, lat, h_leo)
    r["transfer.inclination_penalty"] = penalty
    deliver("", margin * (penalty + hohmann_delta_v(h_leo, h_op, turn)))
    r["transfer.mass_ratio"] = leo_mass_per_delivered(r["transfer.delta_v"], isp, eps)
    # the other destinations are results only (no later step reads them): computed when read
    llo = s["lunar.llo_altitude"]
    shape = floats.broadcast_shapes(*(() if type(x) is float else floats.shape(x)
                                      for x in (price, isp, eps, margin, h_op, h_leo, lat, llo)))

    def later(prefix, dv_of):
        dv = Deferred(dv_of, shape)
        r[f"transfer.{prefix}delta_v"] = dv
        r[f"transfer.{prefix}price_per_kg"] = Deferred(
            lambda: delivered_price(price, dv.get(), isp, eps), shape)

    def sso_delta_v():
        i_sso = sun_synchronous_inclination(h_op)
        exists = floats.isfinite(i_sso)
        sso_park, sso_turn = parking_inclination(floats.where(exists, i_sso, lat), 0.0, lat)
        dv = inclination_penalty(sso_park, lat, h_leo) + hohmann_delta_v(h_leo, h_op, sso_turn)
        return floats.where(exists, margin * dv, np.nan)

    lunar = Deferred(lambda: trans_lunar_burns(h_leo, llo), shape)
    descent = lunar_descent_delta_v(llo)
    later("sso_", sso_delta_v)
    later("geo_", lambda: margin * geo_delta_v(h_leo, lat))
    later("llo_", lambda: margin * (lunar.get()[0] + lunar.get()[1]))
    later("lunar_surface_", lambda: margin * (lunar.get()[0] + lunar.get()[1] + descent))
    r["transfer.lunar_ascent_delta_v"] = descent
    r["transfer.lunar_escape_delta_v"] = escape_speed() + 0.0 * floats.asarray(llo)
