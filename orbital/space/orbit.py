"""Orbit and sunlight: circular orbits, sun-synchronous inclination, β angle and eclipses.

An orbit is chosen by altitude and inclination (``orbit.model = 'inclined'``) or as
sun-synchronous at a local time of the ascending node (``'sun_synchronous'``; dawn–dusk is
LTAN 06:00 or 18:00), with the inclination from the J2 node-precession condition.

Closed forms (all vectorised; scalars or arrays broadcast):

* circular period T = 2π √(a³/μ);
* J2 node precession dΩ/dt = −(3/2) n J2 (R/a)² cos i (circular orbit), and the
  sun-synchronous condition dΩ/dt = 2π / tropical year (Vallado, *Fundamentals of Astrodynamics
  and Applications*, 4th ed., §9.6; boinor ``Orbit.heliosynchronous``);
* β angle, sin β = h·ŝ with the orbit normal h = (sin i sin Ω, −sin i cos Ω, cos i) and the Sun
  ŝ = (cos λ, cos ε sin λ, sin ε sin λ) (Rickman, *Introduction to Orbital Mechanics and
  Spacecraft Attitudes for Thermal Engineers*, NASA JSC 2014);
* eclipse fraction in a cylindrical shadow, f = (1/π) arccos(√(h² + 2Rh) / ((R+h) cos β)) for
  |β| < β* = arcsin(R/(R+h)), else 0 (CNES CelestLab ``CL_gm_betaEclipse``);
* the Sun's ecliptic longitude λ, the obliquity ε and the Earth–Sun distance from the
  Astronomical Almanac's low-precision formulae (good to 0.01° from 1950 to 2050), in
  :mod:`orbital.space.sun`.

The annual history samples one β per day (at 12:00 TT) over a year, starting 1 January 2026,
with the node precessing at its J2 rate from the node implied by the LTAN at the start (for a
sun-synchronous orbit the node follows the mean Sun and the LTAN stays fixed). The pipeline's
statistics come from :mod:`orbital.space.eclipses` without a daily history (only the days that
can hold an eclipse are evaluated; one orbit is computed once and cached);
:func:`sunlight_history` keeps the (N, 365) daily grid, in chunks of rows, for detail and as
the day-by-day reference. Never a Python loop per sample.
:func:`orbital.space.astro.sunlight_history_boinor`
recomputes the same history from astropy's Sun and boinor orbits (single-orbit detail, and the
oracle the tests check the closed forms against); it imports boinor and astropy lazily.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from ..core import floats
from ..core.constants import EARTH_J2, EARTH_MU, EARTH_R
from ..core.deferred import Deferred, Part
from ..core.errors import InputError
from ..core.spec import Choice, Param, Result, with_conditions
from .background import SUNLIGHT, started, sunlight_results
from .eclipses import STATISTICS, annual_statistics
from .sun import (
    DAYS_PER_YEAR,
    YEAR_START_JD,
    day_grid,
    irradiance_factors,
    raan_from_ltan,
    sun_ecliptic,
    sun_frames,
)

#: Tropical year [s] (mean equinox to equinox), the period a sun-synchronous node follows.
TROPICAL_YEAR = 365.242190 * 86400.0
#: Node rate of a sun-synchronous orbit [rad/s]: one turn per tropical year.
SSO_NODE_RATE = 2.0 * np.pi / TROPICAL_YEAR
#: Largest number of (case × day) cells handled at once by :func:`annual_sunlight`.
_CHUNK_CELLS = 2_000_000

PARAMETERS = (
    Choice("orbit.model", ("inclined", "sun_synchronous"),
           "'inclined': a circular orbit at orbit.altitude and orbit.inclination; "
           "'sun_synchronous': the inclination that makes the node follow the Sun (from J2), "
           "at the local time of the ascending node orbit.ltan."),
    Param("orbit.altitude", "km", "Altitude of the circular operating orbit above the "
          "equatorial radius.", low=100, high=100_000),
    Param("orbit.inclination", "deg", "Inclination of the operating orbit when orbit.model = "
          "'inclined' (a sun-synchronous orbit derives its own).", low=0, high=180),
    Param("orbit.ltan", "h", "Local (mean solar) time of the ascending node: fixed for a "
          "sun-synchronous orbit (6 or 18 = dawn–dusk, 10.5 = mid-morning), its value on "
          "1 January for an inclined orbit.", low=0, high=24),
)
#: When the chosen models read each conditional input (reported as unused otherwise).
PARAMETERS = with_conditions(PARAMETERS, {
    "orbit.inclination": ({"orbit.model": ("inclined",)},),
})

RESULTS = (
    Result("orbit.inclination", "deg", "Inclination used: as given, or the sun-synchronous "
           "inclination from J2."),
    Result("orbit.period", "min", "Orbital period of the circular orbit."),
    Result("orbit.node_precession_rate", "deg/d", "Drift of the ascending node from J2 "
           "(negative = westward)."),
    Result("orbit.critical_beta_angle", "deg", "β* = arcsin(R/(R+h)): above this β the orbit "
           "sees no eclipse."),
    Result("orbit.min_beta_angle", "deg", "Smallest |β| over the year (the most shadow and "
           "the most Earth albedo)."),
    Result("orbit.sunlit_fraction", "1", "Annual mean fraction of the time in sunlight."),
    Result("orbit.max_eclipse_fraction", "1", "Largest fraction of an orbit in shadow over the "
           "year."),
    Result("orbit.eclipse_days", "d", "Days in the year on which the orbit passes through the "
           "Earth's shadow."),
    Result("orbit.longest_eclipse", "min", "Longest single eclipse over the year."),
    Result("orbit.eclipse_season_start", "d", "Day of the year (1 = 1 January) on which the "
           "longest run of days with eclipses begins (nan: never eclipsed)."),
    Result("orbit.eclipse_season_length", "d", "Length of the longest run of consecutive days "
           "with eclipses (the eclipse season)."),
    Result("orbit.irradiance_factor", "1", "Annual mean of (1 au / Sun distance)²: the mean "
           "irradiance over the irradiance at 1 au."),
    Result("orbit.min_irradiance_factor", "1", "Smallest (1 au / Sun distance)² over the year "
           "(near aphelion, early July)."),
)


# ------------------------------------------------------------------------- orbit geometry
def semi_major_axis(altitude, radius=EARTH_R):
    """Radius a = R + h [m] of a circular orbit at ``altitude`` h [m] above ``radius`` R [m]."""
    return floats.asarray(altitude) + radius


def circular_period(altitude, mu=EARTH_MU, radius=EARTH_R):
    """Period T = 2π √(a³/μ) [s] of a circular orbit at ``altitude`` [m] (μ [m³/s²], R [m]).

    Source: Kepler's third law (Vallado, 4th ed., eq. 1-27).
    """
    a = semi_major_axis(altitude, radius)
    return 2.0 * np.pi * floats.sqrt(a ** 3 / mu)


def circular_speed(altitude, mu=EARTH_MU, radius=EARTH_R):
    """Speed √(μ/a) [m/s] of a circular orbit at ``altitude`` [m] (μ [m³/s²], R [m])."""
    return floats.sqrt(mu / semi_major_axis(altitude, radius))


def node_precession_rate(altitude, inclination, mu=EARTH_MU, radius=EARTH_R, j2=EARTH_J2):
    """Secular J2 drift of the ascending node dΩ/dt [rad/s] of a circular orbit.

    dΩ/dt = −(3/2) n J2 (R/a)² cos i, with n = √(μ/a³). altitude [m], inclination [rad].
    Source: Vallado, 4th ed., eq. 9-41 (e = 0).
    """
    a = semi_major_axis(altitude, radius)
    n = floats.sqrt(mu / a ** 3)
    return -1.5 * n * j2 * (radius / a) ** 2 * floats.cos(inclination)


def sun_synchronous_inclination(altitude, node_rate=SSO_NODE_RATE, mu=EARTH_MU, radius=EARTH_R,
                                j2=EARTH_J2):
    """Inclination [rad] of the circular sun-synchronous orbit at ``altitude`` [m].

    cos i = −2 a^(7/2) Ω̇ / (3 R² J2 √μ) with Ω̇ = ``node_rate`` [rad/s] (one turn per tropical
    year). Returns nan where no such orbit exists (|cos i| > 1: above ≈ 5,970 km).
    Source: the J2 condition of :func:`node_precession_rate` solved for i (Vallado §9.6; the same
    expression as boinor ``twobody.elements.heliosynchronous``).
    """
    a = semi_major_axis(altitude, radius)
    c = -2.0 * a ** 3.5 * node_rate / (3.0 * radius ** 2 * j2 * floats.sqrt(mu))
    if type(c) is float:  # one orbit: the same choice without numpy's dispatch
        return math.acos(c) if abs(c) <= 1.0 else math.nan
    with np.errstate(invalid="ignore"):
        return np.where(np.abs(c) <= 1.0, np.arccos(np.clip(c, -1.0, 1.0)), np.nan)


def max_sun_synchronous_altitude(node_rate=SSO_NODE_RATE, mu=EARTH_MU, radius=EARTH_R,
                                 j2=EARTH_J2):
    """Highest altitude [m] with a circular sun-synchronous orbit (i = 180°, cos i = −1)."""
    a = (3.0 * radius ** 2 * j2 * np.sqrt(mu) / (2.0 * node_rate)) ** (2.0 / 7.0)
    return a - radius


#: :func:`max_sun_synchronous_altitude` of the Earth [m], computed once for the step's check.
MAX_SSO_ALTITUDE = float(max_sun_synchronous_altitude())


def critical_beta(altitude, radius=EARTH_R):
    """β* = arcsin(R/(R+h)) [rad]: at |β| ≥ β* a circular orbit at ``altitude`` [m] is never in
    the Earth's (cylindrical) shadow. Source: CNES CelestLab ``CL_gm_betaEclipse``."""
    return floats.arcsin(radius / semi_major_axis(altitude, radius))


def eclipse_fraction(altitude, beta, radius=EARTH_R):
    """Fraction of a circular orbit [1] spent in the Earth's cylindrical shadow.

    f = (1/π) arccos(√(h² + 2Rh) / ((R+h) cos β)) for |β| < β*, else 0, with altitude h [m] and
    β angle [rad]. Source: CNES CelestLab ``CL_gm_betaEclipse``; Rickman (NASA JSC 2014).
    """
    h = np.asarray(altitude, dtype=float)
    cos_beta = np.cos(beta)
    ratio = np.sqrt(h * h + 2.0 * radius * h) / ((radius + h) * cos_beta)
    with np.errstate(invalid="ignore"):
        f = np.arccos(np.minimum(ratio, 1.0)) / np.pi
    return np.where(np.isnan(ratio), np.nan, f)


def eclipse_duration(altitude, beta, mu=EARTH_MU, radius=EARTH_R):
    """Duration [s] of one eclipse of a circular orbit at ``altitude`` [m] and ``beta`` [rad]:
    eclipse fraction × period."""
    return eclipse_fraction(altitude, beta, radius) * circular_period(altitude, mu, radius)


def beta_angle(inclination, raan, sun_longitude, obliquity):
    """β angle [rad] between the orbit plane and the Sun direction.

    sin β = cos λ sin i sin Ω − sin λ cos ε sin i cos Ω + sin λ sin ε cos i, with inclination i,
    node Ω, the Sun's ecliptic longitude λ and the obliquity ε, all [rad].
    Source: Rickman, NASA JSC (2014), eq. for β; h·ŝ in the equatorial frame.
    """
    si, ci = np.sin(inclination), np.cos(inclination)
    sl, cl = np.sin(sun_longitude), np.cos(sun_longitude)
    s = (cl * si * np.sin(raan) - sl * np.cos(obliquity) * si * np.cos(raan)
         + sl * np.sin(obliquity) * ci)
    return np.arcsin(np.clip(s, -1.0, 1.0))


def orbit_inclination(model, altitude, inclination):
    """Inclination used [rad]: ``inclination`` [rad] for model 'inclined', the sun-synchronous
    inclination at ``altitude`` [m] for 'sun_synchronous'."""
    if model == "inclined":
        return floats.asarray(inclination) + 0.0 * floats.asarray(altitude)
    if model == "sun_synchronous":
        return sun_synchronous_inclination(altitude)
    raise InputError("orbit.model", f"got {model!r}", "'inclined' or 'sun_synchronous'")


def annual_beta(altitude, inclination, ltan, days=DAYS_PER_YEAR, start_jd=YEAR_START_JD,
                node_rate=None):
    """Daily β angle [rad] over a year, shape ``broadcast(inputs) + (days,)``.

    altitude [m], inclination [rad], ltan [h] (the local time of the ascending node on the first
    day). The node starts at :func:`raan_from_ltan` and drifts at :func:`node_precession_rate`;
    the Sun follows :func:`sun_ecliptic`. ``node_rate`` [rad/s], if given, replaces the J2 rate.
    """
    h, i, lt = np.broadcast_arrays(np.asarray(altitude, float), np.asarray(inclination, float),
                                   np.asarray(ltan, float))
    jd = day_grid(days, start_jd)
    lam, eps, _ = sun_ecliptic(jd)
    raan0 = raan_from_ltan(lt, start_jd)[..., None]
    rate = (node_precession_rate(h, i) if node_rate is None
            else np.broadcast_to(float(node_rate), h.shape))[..., None]
    raan = raan0 + rate * ((jd - start_jd) * 86400.0)
    return beta_angle(i[..., None], raan, lam, eps)


def longest_circular_run(mask):
    """Longest run of True along the last axis of ``mask`` (rows × D), wrapping around the year.

    Returns (length, start) as integer arrays; start is -1 where a row has no True.
    """
    rows, d = mask.shape
    doubled = np.concatenate([mask, mask], axis=1)
    idx = np.arange(2 * d)
    last_false = np.maximum.accumulate(np.where(doubled, -1, idx), axis=1)
    run = idx - last_false  # length of the run of True ending at each index
    end = np.argmax(run, axis=1)
    length = np.minimum(run[np.arange(rows), end], d)
    start = np.where(length > 0, (end - length + 1) % d, -1)
    all_true = mask.all(axis=1)
    start = np.where(all_true, 0, start)
    return length, start


def annual_sunlight(altitude, inclination, ltan, days=DAYS_PER_YEAR, start_jd=YEAR_START_JD,
                    daily=False, node_rate=None, seasons=True):
    """Annual sunlight of circular orbits from daily β samples (closed form, vectorised).

    altitude [m], inclination [rad], ltan [h] broadcast to a common shape S; ``node_rate``
    [rad/s], if given, is the node drift of every orbit (:data:`SSO_NODE_RATE` for
    sun-synchronous ones), else each orbit's J2 rate. Returns a dict of arrays of shape S:
    ``sunlit_fraction`` [1] (annual mean), ``max_eclipse_fraction`` [1], ``eclipse_days``
    [d, a count], ``longest_eclipse`` [s], ``min_beta`` [rad] (smallest |β|), ``season_start``
    [day of year, 1 = first day; nan if never eclipsed] and ``season_length`` [d] (the longest
    run of consecutive eclipse days, wrapping round the year end; left out with
    ``seasons=False``). The statistics come from
    :func:`orbital.space.eclipses.annual_statistics` (no daily history is kept). With
    ``daily=True`` they come from the daily history instead (:func:`sunlight_history`), which
    is also returned: ``beta`` [rad] and ``eclipse_fraction`` [1] of shape S+(days,), ``jd``.
    """
    if daily:
        return sunlight_history(altitude, inclination, ltan, days, start_jd, node_rate)
    h, i, lt = np.broadcast_arrays(np.asarray(altitude, float), np.asarray(inclination, float),
                                   np.asarray(ltan, float))
    if h.ndim == 0:   # one orbit (scalar evaluations, solvers, the page): computed once
        one = one_orbit_sunlight(float(h), float(i), float(lt), days, start_jd,
                                 None if node_rate is None else float(node_rate))
        return {k: np.asarray(v) for k, v in one.items()}
    hf, inc = h.ravel(), i.ravel()
    rate = (np.broadcast_to(float(node_rate), hf.shape) if node_rate is not None
            else node_precession_rate(hf, inc))
    common = (float(node_rate) if node_rate is not None
              else (float(rate[0]) if rate.size and np.all(rate == rate[0]) else None))
    xyz, t, frame = sun_frames(days, start_jd, common)
    with np.errstate(invalid="ignore"):
        out = annual_statistics(hf, inc, raan_from_ltan(lt.ravel(), start_jd), rate,
                                circular_period(hf), xyz, t, EARTH_R, frame, seasons)
    return {k: v.reshape(h.shape) for k, v in out.items()}


@lru_cache(maxsize=4096)
def one_orbit_sunlight(altitude, inclination, ltan, days, start_jd, node_rate):
    """:func:`annual_sunlight` of one orbit (floats in, a dict of floats out), cached: a scalar
    evaluation repeated with the same orbit does not redo its year of eclipses."""
    out = annual_sunlight(np.array([altitude]), inclination, ltan, days, start_jd,
                          node_rate=node_rate)
    return {k: float(v[0]) for k, v in out.items()}


def sunlight_history(altitude, inclination, ltan, days=DAYS_PER_YEAR, start_jd=YEAR_START_JD,
                     node_rate=None):
    """The daily history behind :func:`annual_sunlight` and its statistics taken from it day by
    day: the same dict plus ``beta`` [rad] and ``eclipse_fraction`` [1] of shape S+(days,) and
    ``jd`` [d]. Work is done in chunks of rows of the (cases × days) grid."""
    h, i, lt = np.broadcast_arrays(np.asarray(altitude, float), np.asarray(inclination, float),
                                   np.asarray(ltan, float))
    shape = h.shape
    hf, inc, ltf = h.ravel(), i.ravel(), lt.ravel()
    m, keys = hf.size, STATISTICS
    out = {k: np.empty(m) for k in keys}
    out["beta"] = np.empty((m, days))
    out["eclipse_fraction"] = np.empty((m, days))
    rows = max(1, _CHUNK_CELLS // days)
    for a in range(0, m, rows):
        sl = slice(a, min(m, a + rows))
        beta = annual_beta(hf[sl], inc[sl], ltf[sl], days, start_jd, node_rate)
        f = eclipse_fraction(hf[sl, None], beta)
        period = circular_period(hf[sl])
        eclipsed = f > 0.0
        out["sunlit_fraction"][sl] = 1.0 - f.mean(axis=1)
        fmax = f.max(axis=1)
        out["max_eclipse_fraction"][sl] = fmax
        out["eclipse_days"][sl] = eclipsed.sum(axis=1)
        out["longest_eclipse"][sl] = fmax * period
        out["min_beta"][sl] = np.abs(beta).min(axis=1)
        length, start = longest_circular_run(eclipsed)
        out["season_start"][sl] = np.where(start >= 0, start + 1.0, np.nan)
        out["season_length"][sl] = length
        bad = ~np.isfinite(beta).all(axis=1)
        for k in keys:
            out[k][sl][bad] = np.nan
        out["beta"][sl] = beta
        out["eclipse_fraction"][sl] = f
    result = {k: out[k].reshape(shape) for k in keys}
    result["beta"] = out["beta"].reshape(shape + (days,))
    result["eclipse_fraction"] = out["eclipse_fraction"].reshape(shape + (days,))
    result["jd"] = day_grid(days, start_jd)
    return result


# ------------------------------------------------------------------------- pipeline step
def step(s, r):
    """Pipeline step: inclination, period, node drift and the annual sunlight (SI in, SI out)."""
    h = s["orbit.altitude"]
    model = s["orbit.model"]
    if model == "sun_synchronous":
        hmax = MAX_SSO_ALTITUDE
        if (h > hmax) if type(h) is float else np.any(np.asarray(h) > hmax):
            raise InputError("orbit.altitude", f"{np.max(h) / 1e3:g} km has no circular "
                             "sun-synchronous orbit", f"an altitude below {hmax / 1e3:,.0f} km "
                             "for orbit.model = 'sun_synchronous'")
    inc = orbit_inclination(model, h, s["orbit.inclination"])
    ltan_h = floats.asarray(s["orbit.ltan"]) / 3600.0
    node_rate = SSO_NODE_RATE if model == "sun_synchronous" else None
    mean_k, min_k = irradiance_factors()
    if type(h) is not float and floats.ndim(h):
        # many orbits: the year of eclipses on its own thread (:func:`started`), the eclipse
        # season (read by no later step) computed when read
        shape = np.broadcast_shapes(np.shape(h), np.shape(inc), np.shape(ltan_h))
        group = started(lambda: sunlight_results(annual_sunlight(h, inc, ltan_h,
                                                                 node_rate=node_rate,
                                                                 seasons=False)))
        sunlit = {name: Part(group, name, shape) for name in SUNLIGHT}
        season = Deferred(lambda: annual_sunlight(h, inc, ltan_h, node_rate=node_rate), shape)
        season_start = Deferred(lambda: season.get()["season_start"] * 86400.0, shape)
        season_length = Deferred(lambda: season.get()["season_length"] * 86400.0, shape)
    else:
        if type(h) is float and type(inc) is float and type(ltan_h) is float:
            # one orbit on floats: the cached year of eclipses, copied (the cache is not to
            # change)
            sun = dict(one_orbit_sunlight(h, inc, ltan_h, DAYS_PER_YEAR, YEAR_START_JD,
                                          node_rate))
        else:
            sun = annual_sunlight(h, inc, ltan_h, node_rate=node_rate)
        sunlit = sunlight_results(sun)
        season_start = sun["season_start"] * 86400.0
        season_length = sun["season_length"] * 86400.0
    r["orbit.inclination"] = inc
    r["orbit.period"] = circular_period(h)
    r["orbit.node_precession_rate"] = node_precession_rate(h, inc)
    r["orbit.critical_beta_angle"] = critical_beta(h)
    r.update(sunlit)
    r["orbit.eclipse_season_start"] = season_start
    r["orbit.eclipse_season_length"] = season_length
    r["orbit.irradiance_factor"] = mean_k
    r["orbit.min_irradiance_factor"] = min_k
